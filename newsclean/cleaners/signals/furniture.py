"""Which word families of page furniture a paragraph holds: comment, log-in, form field,
button, moderation policy, e-mail, newsletter, sign-up, unsubscribe, cadence, free,
share, follow, friend, object, useful, network (``furniture.toml`` beside this file).

A family says what a word is *for* ("Name" is a form field, "inbox" the e-mail family),
not what a paragraph is: the ``forms`` cleaner decides from several families together,
the paragraph's shape and its position. Each language's families are one compiled
alternation with a named group per family, so a paragraph costs one regex scan.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate

import ahocorasick_rs

from newsclean.phrases.book import required_literals

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib

FAMILIES = (
    "comment",
    "login",
    "field",
    "button",
    "policy",
    "mail",
    "letter",
    "signup",
    "unsubscribe",
    "cadence",
    "free",
    "share",
    "follow",
    "friend",
    "object",
    "useful",
    "network",
    "audience",
    "only",
    "elsewhere",
)
#: Network names that are ordinary words too ("line", "x", "signal", "threads"): they count
#: only beside another network.
WEAK_NETWORKS = frozenset(("line", "x", "signal", "threads", "messenger", "вк", "vk", "إكس", "엑스", "एक्स"))


@lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    path = resources.files("newsclean.cleaners.signals") / "furniture.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def languages() -> tuple[str, ...]:
    """The languages with furniture families, sorted (``any`` is not one)."""
    return tuple(sorted(k for k in _table() if k != "any"))


@dataclass(frozen=True)
class Found:
    """The families found in one paragraph: family -> the words of it, in order of
    appearance, and the span of the first word of any family."""

    words: dict[str, tuple[str, ...]]
    first: tuple[int, int]

    def __contains__(self, family: str) -> bool:
        return family in self.words

    def kinds(self) -> frozenset[str]:
        return frozenset(self.words)

    def networks(self) -> int:
        """Distinct network names; the ambiguous ones only beside an unambiguous one."""
        names = set(self.words.get("network", ()))
        return len(names) if names - WEAK_NETWORKS else 0


_NONE = Found({}, (0, 0))


def _entry(entry: str, boundaries: str | None) -> re.Pattern[str]:
    return re.compile(f"(?<!{boundaries})(?:{entry})(?!{boundaries})" if boundaries else entry)


@dataclass(frozen=True)
class _Compiled:
    """One language's entries, each compiled alone, and an Aho-Corasick automaton of the
    literal text every entry's match must contain (``phrases.book.required_literals``):
    a paragraph is read once, and only the entries whose anchor occurs in it run."""

    automaton: ahocorasick_rs.AhoCorasick | None
    #: Per anchor, the entries that need it: (family, pattern).
    anchored: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...]
    #: Entries without a literal part: they run on every paragraph.
    always: tuple[tuple[str, re.Pattern[str]], ...]

    def candidates(self, texts: Sequence[str]) -> list[set[int]]:
        """Per text, the anchors that occur in it: one automaton scan over all of them
        joined (a call per paragraph would cost more than the scan)."""
        found: list[set[int]] = [set() for _ in texts]
        if self.automaton is None or not texts:
            return found
        starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        for index, start, _end in self.automaton.find_matches_as_indexes("\n".join(texts), overlapping=True):
            found[bisect_right(starts, start) - 1].add(index)
        return found


@cache
def compiled(language: str | None) -> _Compiled:
    """The entries of ``language`` and the ones every language shares (``[any]``)."""
    table = _table()
    own = table.get(language or "", {})
    shared = table.get("any", {})
    # Shared names are Latin words: whole words, not inside a compound ("Fernost-Facebook").
    sources = ((own, r"\w" if own.get("boundaries", True) else None), (shared, r"[\w-]"))
    anchors: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    always = []
    for family in FAMILIES:
        for table_entry, boundaries in sources:
            for item in table_entry.get(family, ()):
                pair = (family, _entry(item, boundaries))
                literals = required_literals(item)
                if not literals:
                    always.append(pair)
                for literal in literals or ():
                    anchors.setdefault(literal, []).append(pair)
    keys = sorted(anchors)
    return _Compiled(
        ahocorasick_rs.AhoCorasick(keys) if keys else None,
        tuple(tuple(anchors[k]) for k in keys),
        tuple(always),
    )


def find(folded: str, language: str | None) -> Found:
    """The furniture families in ``folded`` (a case-folded paragraph) for ``language``."""
    return find_many([folded], language)[0]


def find_many(texts: Sequence[str], language: str | None) -> list[Found]:
    """:func:`find` for several case-folded paragraphs at once."""
    families = compiled(language)
    return [
        _words(text, anchors, families) if anchors or families.always else _NONE
        for text, anchors in zip(texts, families.candidates(texts))
    ]


def _words(folded: str, anchors: set[int], families: _Compiled) -> Found:
    """Run the entries whose anchors occur; per family, the matches left to right, a
    match inside a longer one of the same family dropped ("mail" in "e-mail")."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    entries = [pair for k in sorted(anchors) for pair in families.anchored[k]]
    seen = set()
    for family, pattern in [*entries, *families.always]:
        if (family, pattern) in seen:  # an entry's anchors may all occur
            continue
        seen.add((family, pattern))
        for m in pattern.finditer(folded):
            spans.setdefault(family, []).append((m.start(), -m.end(), m.group(0)))
    if not spans:
        return _NONE
    words: dict[str, tuple[str, ...]] = {}
    first = (len(folded), len(folded))
    for family in FAMILIES:
        if family not in spans:
            continue
        kept, end = [], -1
        for start, negative_end, text in sorted(spans[family]):
            if start >= end:
                kept.append(text)
                end = -negative_end
                first = min(first, (start, end))
        words[family] = tuple(kept)
    return Found(words, first)
