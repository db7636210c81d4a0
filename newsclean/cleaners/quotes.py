"""Quotation marks: ASCII by default, or typographic with mismatched pairs repaired.

``mode="ascii"`` (default) turns curly, low-9 and guillemet quotes into ``"`` and
apostrophes and single quotes into ``'``; the spaces French puts inside guillemets go
with them (``« oui »`` -> ``"oui"``). Primes (5′11″) are not quotes and stay.

``mode="typographic"`` keeps curly quotes and repairs mismatched double pairs, such as
an opening ``“`` used where the closing ``”`` belongs. It judges each mark by what
surrounds it (space before and a letter after opens; punctuation, space or the end after
closes) and falls back to alternating. Paragraphs that use „ or guillemets follow other
conventions („…“ is correct German) and are left alone.
"""

from __future__ import annotations

import re

from newsclean.document import Document
from newsclean.errors import ConfigError
from newsclean.cleaners.base import Cleaner

_ASCII = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "〝": '"', "〞": '"', "＂": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "＇": "'",
})
_ASCII_PAIRS = tuple((chr(k), v) for k, v in _ASCII.items())
_GUILLEMETS = re.compile(r"[«»‹›]")
_OPEN_GUILLEMET = re.compile(r"([«‹])[\s\u00a0\u202f]*")
# The lookbehind starts a match only at the first space of a run: linear on long runs.
_CLOSE_GUILLEMET = re.compile(r"(?<![\s\u00a0\u202f])[\s\u00a0\u202f]*([»›])")
_CURLY_DOUBLE = re.compile(r"[“”]")
_OPENING_CONTEXT = "([{—–-/"
_CLOSING_FOLLOWER = ".,;:!?)]}—–-…'’"


def to_ascii(text: str) -> str:
    """Fold typographic quotes to ASCII.

    >>> to_ascii("“Hi,” she said. « Bonjour » ‘ok’")
    '"Hi," she said. "Bonjour" \\'ok\\''
    """
    if text.isascii():
        return text
    if _GUILLEMETS.search(text):
        text = _OPEN_GUILLEMET.sub(lambda m: '"' if m.group(1) == "«" else "'", text)
        text = _CLOSE_GUILLEMET.sub(lambda m: '"' if m.group(1) == "»" else "'", text)
    for char, ascii_ in _ASCII_PAIRS:  # C-speed replaces beat str.translate's per-character dict lookups
        if char in text:
            text = text.replace(char, ascii_)
    return text


def repair_pairs(text: str) -> str:
    """Make curly double quotes open and close in turn, judged by their context.

    >>> repair_pairs("he does “a thing“. Then “more”")
    'he does “a thing”. Then “more”'
    """
    if "„" in text or "«" in text or "»" in text:
        return text
    chars = list(text)
    inside = False
    for match in _CURLY_DOUBLE.finditer(text):
        k = match.start()
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if after.isspace() or after in _CLOSING_FOLLOWER:
            opening = False
        elif before.isspace() or before in _OPENING_CONTEXT:
            opening = True
        else:
            opening = not inside
        chars[k] = "“" if opening else "”"
        inside = opening
    return "".join(chars)


class Quotes(Cleaner):
    name = "quotes"
    context_free = True  # each paragraph judged by its own text alone
    summary = "typographic quotes to ASCII (default), or kept with mismatched pairs repaired"

    MODES = ("ascii", "typographic")

    def __init__(self, mode: str = "ascii"):
        if mode not in self.MODES:
            raise ConfigError(f"quotes: unknown mode {mode!r}; choose one of: {', '.join(self.MODES)}")
        self.mode = mode

    def __call__(self, doc: Document) -> Document:
        if self.mode == "ascii":
            fix, reason = to_ascii, "typographic quotes to ASCII"
        else:
            fix, reason = repair_pairs, "repaired mismatched quotation marks"
        new = {i: fix(p) for i, p in enumerate(doc.paragraphs)}
        doc = doc.rewrite(new, reason=reason, by=self.name)
        if doc.title:
            doc = doc.retitle(fix(doc.title), reason=reason, by=self.name)
        return doc
