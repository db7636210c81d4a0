"""Load the per-language phrase lists in ``newsclean/phrases/*.toml`` and compile them.

Each list is compiled into one alternation per (section, key), over all languages at
once: a footer in Turkish under an English article must match too, so matching does
not depend on knowing the language first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from newsclean.textutil import KEY_LEN as _KEY_LEN, word_keys

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The language codes that have a phrase file, sorted."""
    files = resources.files("newsclean") / "phrases"
    return tuple(sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".toml")))


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=None)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language, for the cheap language guess."""
    return {lang: frozenset(load(lang).get("language", {}).get("stopwords", "").split()) for lang in languages()}



@lru_cache(maxsize=None)
def signature_letters() -> dict[str, frozenset[str]]:
    """Letters typical of each language (``ğ`` for Turkish, ``ł`` for Polish, ...)."""
    return {lang: frozenset(load(lang).get("language", {}).get("letters", "")) for lang in languages()}


# -- fast search ----------------------------------------------------------------------
# One alternation of a few hundred phrases costs tens of microseconds per paragraph with
# re.search: the engine tries every phrase at every position. Nearly every phrase starts
# with a literal word, so each phrase is keyed by the first four letters of that word and
# only runs when a word of the paragraph starts the same way (a set intersection). The
# few phrases whose start is not a literal word run as one ordinary alternation.

_TOKEN = re.compile(r"\w+")


def first_word_keys(pattern: str) -> set[str] | None:
    """Keys (first four letters of the first word) a match of ``pattern`` can start with;
    None when the start is not a literal word (``\\d+ comments``, ``(optional )?word``)."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as c  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]

    def keys(items: list, run: str) -> set[str] | None:
        for index, (op, av) in enumerate(items):
            if len(run) >= _KEY_LEN:
                return {run[:_KEY_LEN]}
            if op is c.AT and not run:
                continue
            if op is c.LITERAL and (chr(av).isalnum() or chr(av) == "_"):
                run += chr(av)
                continue
            rest = list(items[index + 1:])
            if op is c.LITERAL or op is c.AT:  # a space, an apostrophe, punctuation or \b ends the word
                return {run} if run else None
            if op is c.SUBPATTERN:
                return keys(list(av[-1]) + rest, run)
            if op is c.BRANCH:
                found: set[str] = set()
                for branch in av[1]:
                    sub = keys(list(branch) + rest, run)
                    if sub is None:
                        return None
                    found |= sub
                return found
            return None  # a class, a repeat, a wildcard: no literal first word
        return {run[:_KEY_LEN]} if run else None

    try:
        return keys(list(sre_parse.parse(pattern)), "")
    except Exception:  # an exotic pattern is simply not indexed
        return None


class PhraseIndex:
    """A phrase family that answers ``search(folded_text)`` like one big alternation would
    (leftmost match starting at a word start), but runs only the phrases that can match."""

    def __init__(self, patterns: list[str]):
        by_key: dict[str, list[str]] = {}
        residual: list[str] = []
        starts: dict[str, tuple[str, ...]] = {}
        for pattern in patterns:
            found = first_word_keys(pattern)
            if found is None:
                residual.append(pattern)
            for key in found or ():
                by_key.setdefault(key, []).append(pattern)
            starts[pattern] = tuple(sorted(found or ()))

        def alternation(ps: list[str], template: str) -> re.Pattern[str]:
            return re.compile(template.format("|".join(f"(?:{p})" for p in ps)))

        self._by_key = {k: [(re.compile(f"(?<!\\w)(?:{p})"), starts[p]) for p in ps] for k, ps in by_key.items()}
        self._keys = frozenset(by_key)
        self._residual = alternation(residual, "(?<!\\w)(?:{})") if residual else None
        # Start-anchored forms: one alternation per key, tried only for the paragraph's first word.
        self._start = {k: alternation(ps, "(?:{})") for k, ps in by_key.items()}
        self._start_residual = alternation(residual, "(?:{})") if residual else None
        self._whole = {k: alternation(ps, "(?:{})\\Z") for k, ps in by_key.items()}
        self._whole_residual = alternation(residual, "(?:{})\\Z") if residual else None

    def match(self, text: str, *, whole: bool = False) -> re.Match[str] | None:
        """A phrase at the very start of ``text`` (``whole``: spanning all of it)."""
        first = _TOKEN.match(text)
        table, residual = (self._whole, self._whole_residual) if whole else (self._start, self._start_residual)
        if first is not None and first.start() == 0:
            word = first.group()
            pattern = table.get(word[:_KEY_LEN])
            if pattern is not None:
                found = pattern.match(text)
                if found:
                    return found
        return residual.match(text) if residual is not None else None

    def search(self, text: str, keys: frozenset[str] | None = None) -> re.Match[str] | None:
        """``keys``: :func:`word_keys` of the text, if the caller has them already."""
        best = self._residual.search(text) if self._residual else None
        if keys is None:
            keys = word_keys(_TOKEN.findall(text))
        for key in self._keys.intersection(keys):
            for pattern, starts in self._by_key[key]:
                match = _search_at(pattern, starts, text)
                if match and (best is None or (match.start(), -match.end()) < (best.start(), -best.end())):
                    best = match
        return best


def _search_at(pattern: re.Pattern[str], starts: tuple[str, ...], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a phrase whose matches begin with one of ``starts``.

    The phrase's leading look-behind keeps ``re`` from scanning for its first word, so a
    search tries every position of the paragraph; ``str.find`` jumps to the places the
    first word occurs and the phrase is tried only there. Keys of one or two letters
    occur too often for that to pay.
    """
    if any(len(s) < 3 for s in starts):
        return pattern.search(text)
    best = None
    for start in starts:
        i = text.find(start)
        while i != -1 and (best is None or i < best.start()):
            match = pattern.match(text, i)
            if match:
                best = match
                break
            i = text.find(start, i + 1)
    return best


@lru_cache(maxsize=None)
def index(section: str, key: str) -> PhraseIndex:
    """The :class:`PhraseIndex` of one phrase family over all languages."""
    return PhraseIndex([p for _, p in entries(section, key)])


@lru_cache(maxsize=None)
def date_words() -> frozenset[str]:
    """Month and weekday names and the small words of date lines, over all languages."""
    return frozenset(w for lang in languages() for w in load(lang).get("dates", {}).get("words", "").split())
