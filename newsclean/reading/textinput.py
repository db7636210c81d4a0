"""Plain extracted text in: one paragraph per line, blank lines ignored.

A first line that reads as a headline, or a long one the second line repeats word for
word, becomes the title and leaves the body.
"""

from __future__ import annotations

import re

from newsclean.document import Document, nfc
from newsclean.textutil import ends_like_sentence, word_count

# A headline is short, does not end like a sentence, and is followed by longer text.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250


def split_lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of ``text`` as ``(line_number, stripped_line)``, 1-based."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def looks_like_headline(line: str, following: list[str]) -> bool:
    """True when ``line`` reads as a headline above ``following`` paragraphs.

    Headlines have at most 25 words, do not end with ``.``, ``:`` or ``;`` (``?`` and ``!``
    are allowed), start with a capital or digit, and are followed by at least one paragraph
    that is longer than they are.
    """
    n = word_count(line)
    if not (2 <= n <= HEADLINE_MAX_WORDS) or len(line) > HEADLINE_MAX_CHARS:
        return False
    stripped = line.rstrip("\"'”’» ")
    if ends_like_sentence(line) and not stripped.endswith(("?", "!")):
        return False
    first = line.lstrip("\"'“‘«„ ")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return any(word_count(p) > n for p in following[:3])


# A repeated first line this long is a title read back, not a stutter or a repeated widget line.
READ_BACK_MIN_WORDS = 8


def _title_read_back(lines: list[str]) -> bool:
    """A long first line repeated word for word by the second: a title written above a
    body that still starts with it (a document the safety valve kept unchanged). Read as
    the title again, so cleaning that output repeats the first decision. A short repeated
    line ("Please enter your comment!" twice) stays in the body, where cleaners see it."""
    return len(lines) > 1 and lines[0] == lines[1] and word_count(lines[0]) >= READ_BACK_MIN_WORDS


# Whitespace other than a single space (``\s`` and ``str.split`` agree on what whitespace is).
_IRREGULAR_SPACE = re.compile(r"[^\S ]|  ")


def _collapse(line: str) -> str:
    """``" ".join(line.split())`` for a stripped line; most lines already are, and are kept."""
    return " ".join(line.split()) if _IRREGULAR_SPACE.search(line) else line


def parse_text(text: str, **fields) -> Document:
    """Build a Document from extracted text; positions are indices of non-blank lines."""
    lines = [nfc(_collapse(line)) for _, line in split_lines(text)]
    title = fields.pop("title", None)
    positions = list(range(len(lines)))
    if title is None and lines and (looks_like_headline(lines[0], lines[1:]) or _title_read_back(lines)):
        title, lines, positions = lines[0], lines[1:], positions[1:]
    return Document(paragraphs=tuple(lines), positions=tuple(positions), title=title, **fields)
