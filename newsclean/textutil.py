"""Small text helpers shared by the cleaners: folding for matching, tokens, shape tests."""

from __future__ import annotations

import re

# Typographic quotes, apostrophes and dashes folded to ASCII, so one phrase list
# matches "Can’t" and "Can't" alike. Matching only: cleaners never output folded text.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u2033": '"',
        "\uff02": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2026": "...",
        "\u0130": "i",  # Turkish dotted capital I: casefold would leave a combining dot behind
    }
)

_WORD = re.compile(r"\w+")
# Full stops of scripts that do not use ".": Chinese and Japanese "。", Devanagari "।".
_SENTENCE_END = re.compile(r"""[.!?…:;。．।]["'”’»)\]」』]*\s*\Z""")


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """Lower-case ``text`` with typographic quotes, dashes and spaces folded to ASCII.

    >>> fold("İt’s “OK” — naïve…")
    'it\\'s "ok" - naïve...'
    """
    if text.isascii():
        return text.lower()
    # A chain of C-speed replaces beats str.translate, whose non-ASCII path looks every
    # character up in a dict.
    for char, ascii_ in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, ascii_)
    return text.casefold()


def words(text: str) -> list[str]:
    """The ``\\w+`` tokens of ``text``, case-folded."""
    return _WORD.findall(text.casefold())


def folded_words(folded: str) -> list[str]:
    """:func:`words` of text :func:`fold` already case-folded (case folding twice changes
    nothing, so the second one is skipped)."""
    return _WORD.findall(folded)


def word_count(text: str) -> int:
    """Whitespace-separated words: cheap, and precise enough for length thresholds."""
    return len(text.split())


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation, possibly inside a closing quote."""
    return bool(_SENTENCE_END.search(text))


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
