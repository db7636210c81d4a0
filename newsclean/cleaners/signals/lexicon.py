"""The per-language word lists of ``lexicon.toml``, compiled once per language.

A :class:`Lexicon` answers four questions about a paragraph's tokens: does it address the
reader, speak in the publication's own voice, open a sentence with an imperative, or
report what someone else said? Scripts without spaces (zh, ja, th) and languages that
glue endings onto words (ko) are matched by substrings ("marks") instead of tokens.
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

KINDS = ("address", "voice", "imperative", "please", "reporting")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    path = resources.files("newsclean.cleaners.signals") / "lexicon.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def languages() -> tuple[str, ...]:
    """The languages with a lexicon, sorted."""
    return tuple(sorted(_table()))


@dataclass(frozen=True)
class Lexicon:
    language: str
    words: dict[str, frozenset[str]]
    marks: dict[str, re.Pattern[str] | None]
    #: Words that address the reader only when capitalised mid-sentence (German "Sie").
    cased: frozenset[str]
    #: The jusText stop-word list's name, or None (zh, ja, th, ko have none).
    justext: str | None

    def has(self, kind: str, tokens: frozenset[str] | set[str], folded: str) -> bool:
        """True when a ``kind`` word is among ``tokens`` or a ``kind`` mark is in ``folded``."""
        if not self.words[kind].isdisjoint(tokens):
            return True
        mark = self.marks[kind]
        return mark is not None and mark.search(folded) is not None

    def imperative_start(self, sentence_starts: list[str]) -> bool:
        """True when a sentence opens with one of the language's imperative forms."""
        words = self.words["imperative"]
        return any(w in words for w in sentence_starts)


def _split(value: str) -> tuple[list[str], list[str]]:
    """Single words, and multi-word entries (written with ``_`` for the space)."""
    items = value.split()
    return [w for w in items if "_" not in w], [w.replace("_", " ") for w in items if "_" in w]


@cache
def lexicon(language: str | None) -> Lexicon:
    """The lexicon of ``language``; an empty one for a language without a table."""
    entry = _table().get(language or "", {})
    words: dict[str, frozenset[str]] = {}
    marks: dict[str, re.Pattern[str] | None] = {}
    for kind in KINDS:
        single, multi = _split(entry.get(kind, ""))
        substrings = [m.casefold() for m in multi] + [
            m.replace("_", " ").casefold() for m in entry.get(f"marks_{kind}", "").split()
        ]
        if entry.get("spaced"):
            # Scripts whose vowel signs are not \w (Devanagari, Bengali): \w+ tokens would cut
            # words apart, so whole words are found between spaces and punctuation instead.
            words[kind] = frozenset()
            whole = [w.casefold() for w in single] + substrings
            marks[kind] = (
                re.compile(
                    rf"(?<!\S)(?:{'|'.join(map(re.escape, sorted(whole, key=len, reverse=True)))})(?=[\s।॥.,!?;:\"')]|\Z)"
                )
                if whole
                else None
            )
            continue
        words[kind] = frozenset(w.casefold() for w in single)
        marks[kind] = (
            re.compile("|".join(map(re.escape, sorted(set(substrings), key=len, reverse=True)))) if substrings else None
        )
    return Lexicon(
        language or "", words, marks, frozenset(entry.get("address_cased", "").split()), entry.get("justext")
    )


def best_language(tokens: set[str], text: str) -> str | None:
    """The lexicon language whose words occur most among ``tokens`` (for a document whose
    language the reader could not name). Marks are tried on the first characters only."""
    best, best_hits = None, 0
    head = text[:2000]
    for language in languages():
        lex = lexicon(language)
        hits = sum(len(lex.words[k] & tokens) for k in KINDS)
        hits += sum(1 for k in KINDS if (mark := lex.marks[k]) is not None and mark.search(head))
        if hits > best_hits:
            best, best_hits = language, hits
    return best if best_hits >= 2 else None
