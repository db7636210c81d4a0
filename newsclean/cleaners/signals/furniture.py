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
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

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
)
#: Network names that are ordinary words too ("line", "x", "signal", "threads"): they count
#: only beside another network.
WEAK_NETWORKS = frozenset(("line", "x", "signal", "threads", "messenger", "вк", "vk", "إكس", "엑스", "एक्स"))


@lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    path = resources.files("newsclean.cleaners.signals") / "furniture.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


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


def _alternation(entries: list[str], boundaries: bool) -> str:
    body = "|".join(f"(?:{e})" for e in sorted(entries, key=len, reverse=True))
    return rf"(?<!\w)(?:{body})(?!\w)" if boundaries else f"(?:{body})"


@cache
def patterns(language: str | None) -> tuple[re.Pattern[str] | None, dict[str, re.Pattern[str]]]:
    """Per family, one alternation of the language's entries and the ones every language
    shares (``[any]``); and all of them in one alternation, a cheap first look (a word
    may belong to several families: "e-mail" is a form field and the e-mail family)."""
    table = _table()
    entry = table.get(language or "", {})
    shared = table.get("any", {})
    boundaries = entry.get("boundaries", True)
    by_family = {}
    for family in FAMILIES:
        parts = []
        if entry.get(family):
            parts.append(_alternation(list(entry[family]), boundaries))
        if shared.get(family):
            # Latin names: whole words, not inside a compound ("Fernost-Facebook")
            parts.append(rf"(?<![\w-])(?:{'|'.join(shared[family])})(?![\w-])")
        if parts:
            by_family[family] = re.compile("|".join(parts))
    gate = re.compile("|".join(p.pattern for p in by_family.values())) if by_family else None
    return gate, by_family


def find(folded: str, language: str | None) -> Found:
    """The furniture families in ``folded`` (a case-folded paragraph) for ``language``."""
    gate, by_family = patterns(language)
    if gate is None or gate.search(folded) is None:
        return _NONE
    words: dict[str, tuple[str, ...]] = {}
    first = (len(folded), len(folded))
    for family, compiled in by_family.items():
        found = [m for m in compiled.finditer(folded)]
        if found:
            words[family] = tuple(m.group(0) for m in found)
            first = min(first, found[0].span())
    return Found(words, first) if words else _NONE
