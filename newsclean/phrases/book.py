"""Load the per-language phrase lists in ``newsclean/phrases/*.toml`` and compile them.

Each list is compiled over all languages at once: a footer in Turkish under an English
article must match too, so matching does not depend on knowing the language first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

import ahocorasick_rs

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib

try:
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre
    import sre_parse as _sre_parse


@cache
def languages() -> tuple[str, ...]:
    """The language codes that have a phrase file, sorted."""
    files = resources.files("newsclean") / "phrases"
    return tuple(sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".toml")))


@cache
def load(language: str) -> dict:
    path = resources.files("newsclean") / "phrases" / f"{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def entries(section: str, key: str) -> list[tuple[str, str]]:
    """``(language, pattern)`` for every entry of ``[section] key`` across languages."""
    out = []
    for lang in languages():
        for pattern in load(lang).get(section, {}).get(key, ()):
            out.append((lang, pattern))
    return out


def has_word_boundaries(language: str) -> bool:
    """False for scripts written without spaces between words (Chinese, Japanese, Thai),
    whose phrases may start in the middle of a run of letters."""
    return load(language).get("language", {}).get("word_boundaries", True)


@cache
def family(section: str, key: str, *, whole: bool = False, start: bool = False) -> re.Pattern[str]:
    """One compiled alternation of a phrase family.

    ``whole`` anchors it to the whole (folded, stripped) paragraph; ``start`` to its start.
    Every entry becomes a named group-free alternative, so ``match.group(0)`` is the phrase.
    """
    alternatives = "|".join(f"(?:{p})" for _, p in entries(section, key))
    if not alternatives:
        alternatives = "(?!)"
    if whole:
        return re.compile(rf"\A(?:{alternatives})\Z")
    if start:
        return re.compile(rf"\A(?:{alternatives})")
    return re.compile(rf"(?:{alternatives})")


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language, for the cheap language guess."""
    return {lang: frozenset(load(lang).get("language", {}).get("stopwords", "").split()) for lang in languages()}


@cache
def signature_letters() -> dict[str, frozenset[str]]:
    """Letters typical of each language (``ğ`` for Turkish, ``ł`` for Polish, ...)."""
    return {lang: frozenset(load(lang).get("language", {}).get("letters", "")) for lang in languages()}


@cache
def date_words() -> frozenset[str]:
    """Month and weekday names and the small words of date lines, over all languages."""
    return frozenset(w for lang in languages() for w in load(lang).get("dates", {}).get("words", "").split())


# -- fast search ----------------------------------------------------------------------
# One alternation of a few hundred phrases costs tens of microseconds per paragraph with
# re.search: the engine tries every phrase at every position. Instead each phrase gets an
# *anchor*: literal text any match of it must contain ("please (donate|support us)" ->
# "please "; "(make|making) a (donation|...)" -> "donation" or "contribution"...). The
# anchors of every phrase of every family go into one Aho-Corasick automaton, which reads
# a paragraph once and names the anchors in it; a phrase's regex then runs only on
# paragraphs that hold its anchor. The few phrases without any literal run always.
#
# ahocorasick-rs over pyahocorasick: on trafilatura's text of the 672 benchmark pages
# (18,425 folded paragraphs, 1,318 anchors) an overlapping scan took 17.7-18.9 us a
# paragraph with ahocorasick-rs against 20.0-22.9 us with pyahocorasick's iter(), two
# rounds each at load average 13.5 (python -m bench.automaton_choice); both found the same
# anchors and build in under 20 ms. Both are maintained; ahocorasick-rs was faster in every
# round and has the smaller API (a list of strings in, indexes out).


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literal strings one of which occurs in every match of ``pattern``; the longest
    such choice the pattern's structure shows (``None`` when it has no literal part)."""

    def best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
        # Rarer is better: a longer shortest member, then fewer members.
        return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)

    def of(items) -> frozenset[str] | None:
        candidates: list[frozenset[str]] = []
        run = ""
        for op, av in items:
            if op is _sre.LITERAL:
                run += chr(av)
                continue
            if run:
                candidates.append(frozenset([run]))
                run = ""
            found = None
            if op is _sre.SUBPATTERN:
                found = of(av[-1])
            elif op is _sre.BRANCH:
                branches = [of(b) for b in av[1]]
                if all(branches):
                    found = frozenset[str]().union(*(b for b in branches if b is not None))
            elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
                found = of(av[2])
            if found:
                candidates.append(found)
        if run:
            candidates.append(frozenset([run]))
        return best(candidates)

    try:
        return of(_sre_parse.parse(pattern))
    except Exception:  # an exotic pattern simply always runs
        return None


def leading_words(pattern: str) -> tuple[str, ...] | None:
    """The literal text (up to a word's end, at most four letters) every match of
    ``pattern`` starts with, one per alternative; None when the start is not literal."""

    def keys(items: list, run: str) -> set[str] | None:
        for index, (op, av) in enumerate(items):
            if len(run) >= 4:
                return {run[:4]}
            if op is _sre.AT and not run:
                continue
            if op is _sre.LITERAL and (chr(av).isalnum() or chr(av) == "_"):
                run += chr(av)
                continue
            rest = list(items[index + 1 :])
            if op is _sre.LITERAL or op is _sre.AT:  # a space, an apostrophe, punctuation or \b ends the word
                return {run} if run else None
            if op is _sre.SUBPATTERN:
                return keys(list(av[-1]) + rest, run)
            if op is _sre.BRANCH:
                found: set[str] = set()
                for branch in av[1]:
                    sub = keys(list(branch) + rest, run)
                    if sub is None:
                        return None
                    found |= sub
                return found
            return None  # a class, a repeat, a wildcard: no literal start
        return {run[:4]} if run else None

    try:
        found = keys(list(_sre_parse.parse(pattern)), "")
    except Exception:
        return None
    return tuple(sorted(found)) if found else None


class _Phrase:
    """One entry, compiled the three ways the cleaners ask for it."""

    __slots__ = ("pattern", "searcher", "starts", "start", "whole")

    def __init__(self, pattern: str, bounded: bool):
        self.pattern = pattern
        # Where words are written apart, a phrase starts at a word start: "ad" not in "road".
        self.searcher = re.compile(f"(?<!\\w)(?:{pattern})" if bounded else f"(?:{pattern})")
        self.starts = leading_words(pattern)
        self.start = re.compile(f"(?:{pattern})")
        self.whole = re.compile(f"(?:{pattern})\\Z")

    def search(self, text: str) -> re.Match[str] | None:
        """``self.searcher.search(text)``, jumping with ``str.find`` to where the phrase's
        first word occurs: with its leading look-behind ``re`` would try every position.
        Starts of one or two letters occur too often for that to pay."""
        starts = self.starts
        if starts is None or any(len(s) < 3 for s in starts):
            return self.searcher.search(text)
        best = None
        for start in starts:
            i = text.find(start)
            while i != -1 and (best is None or i < best.start()):
                match = self.searcher.match(text, i)
                if match:
                    best = match
                    break
                i = text.find(start, i + 1)
        return best


class _Automaton:
    """Every anchor of every phrase family in one Aho-Corasick automaton."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._automaton: ahocorasick_rs.AhoCorasick | None = None

    def add(self, anchor: str) -> int:
        if anchor not in self.ids:
            self.ids[anchor] = len(self.ids)
            self._automaton = None  # rebuilt on the next scan
        return self.ids[anchor]

    def scan(self, text: str) -> frozenset[int]:
        """The ids of the anchors that occur in ``text`` (overlaps included)."""
        if self._automaton is None:
            self._automaton = ahocorasick_rs.AhoCorasick(list(self.ids))
        return frozenset([m[0] for m in self._automaton.find_matches_as_indexes(text, overlapping=True)])


_AUTOMATON = _Automaton()


def anchors_in(folded: str) -> frozenset[int]:
    """The phrase anchors in a folded paragraph, for every family's ``search``/``match``.

    One scan serves all families; cleaners keep it per paragraph with ``Document.memo``.
    Anchors found in a paragraph serve any part of it (a stripped copy, say) as well.
    """
    _all_indexes()
    return _AUTOMATON.scan(folded)


class PhraseIndex:
    """A phrase family that answers ``search(folded_text)`` like one big alternation would
    (the leftmost match starting at a word start, the longest there), but runs only the
    phrases whose anchor the automaton found in the text."""

    def __init__(self, patterns: list[str] | list[tuple[str, bool]], automaton: _Automaton | None = None):
        automaton = automaton if automaton is not None else _AUTOMATON
        self._phrases: list[_Phrase] = []
        self._by_anchor: dict[int, list[int]] = {}  # anchor id -> phrase numbers (entry order)
        always: list[int] = []
        for number, item in enumerate(patterns):
            pattern, bounded = item if isinstance(item, tuple) else (item, True)
            self._phrases.append(_Phrase(pattern, bounded))
            anchors = required_literals(pattern)
            if not anchors:
                always.append(number)
            for anchor in anchors or ():
                self._by_anchor.setdefault(automaton.add(anchor), []).append(number)
        self._always = tuple(always)
        self._always_phrases = tuple(self._phrases[n] for n in always)
        self._anchor_ids = frozenset(self._by_anchor)
        self._automaton = automaton

    def _candidates(self, text: str, anchors: frozenset[int] | None) -> Sequence[_Phrase]:
        if anchors is None:
            anchors = anchors_in(text) if self._automaton is _AUTOMATON else self._automaton.scan(text)
        if self._anchor_ids.isdisjoint(anchors):  # the common case: nothing of this family in the paragraph
            return self._always_phrases
        hit = self._anchor_ids.intersection(anchors)
        numbers = set(self._always)
        for anchor in hit:
            numbers.update(self._by_anchor[anchor])
        return [self._phrases[n] for n in sorted(numbers)]

    def may_match(self, anchors: frozenset[int]) -> bool:
        """False when no phrase of the family can match a text holding only ``anchors``
        (:func:`anchors_in` of it or of a text it is part of): a cheap look before a search."""
        return bool(self._always) or not self._anchor_ids.isdisjoint(anchors)

    def match(self, text: str, *, whole: bool = False, anchors: frozenset[int] | None = None) -> re.Match[str] | None:
        """The first phrase (in entry order) at the very start of ``text``; ``whole``: spanning all of it.

        ``anchors``: :func:`anchors_in` of the text or of a text it is part of, if known."""
        for phrase in self._candidates(text, anchors):
            found = (phrase.whole if whole else phrase.start).match(text)
            if found:
                return found
        return None

    def search(self, text: str, anchors: frozenset[int] | None = None) -> re.Match[str] | None:
        """``anchors``: :func:`anchors_in` of the text or of a text it is part of, if known."""
        best = None
        for phrase in self._candidates(text, anchors):
            found = phrase.search(text)
            if found and (best is None or (found.start(), -found.end()) < (best.start(), -best.end())):
                best = found
        return best


@cache
def index(section: str, key: str) -> PhraseIndex:
    """The :class:`PhraseIndex` of one phrase family over all languages."""
    return PhraseIndex([(p, has_word_boundaries(lang)) for lang, p in entries(section, key)])


@lru_cache(maxsize=1)
def _all_indexes() -> tuple[PhraseIndex, ...]:
    """Every family the data defines, so the automaton holds all anchors before its first scan."""
    sections = {
        (section, key)
        for lang in languages()
        for section, table in load(lang).items()
        for key, value in table.items()
        if isinstance(value, list)
    }
    return tuple(index(section, key) for section, key in sorted(sections))
