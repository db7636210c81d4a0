"""Quotation marks: ASCII by default, or typographic with mismatched pairs repaired.

``mode="ascii"`` (default) turns curly, low-9 and guillemet quotes into ``"`` and
apostrophes and single quotes into ``'``; the spaces French puts inside guillemets go
with them (``« oui »`` -> ``"oui"``), and German »…« becomes ``"…"`` too; a guillemet that
pairs with no other (a breadcrumb's ``Home » News``) is not a quote and stays. Primes
(5′11″) are not quotes and stay.

``mode="typographic"`` keeps curly quotes and repairs mismatched double pairs, such as
an opening ``“`` used where the closing ``”`` belongs. It judges each mark by what
surrounds it (space before and a letter after opens; punctuation, space or the end after
closes) and falls back to alternating. Paragraphs that use „ or guillemets follow other
conventions („…“ is correct German) and are left alone.
"""

from __future__ import annotations

import re

from newsclean.cleaners.base import Cleaner
from newsclean.document import Document
from newsclean.errors import ConfigError

_ASCII = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "〝": '"',
        "〞": '"',
        "＂": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "＇": "'",
    }
)
_ASCII_PAIRS = tuple((chr(k), v) for k, v in _ASCII.items())
_GUILLEMETS = re.compile(r"[«»‹›]")
_DOUBLE_GUILLEMETS = re.compile(r"[«»]")
_SINGLE_GUILLEMETS = re.compile(r"[‹›]")
_PARTNER = {"«": "»", "»": "«", "‹": "›", "›": "‹"}
_SPACES = " \t\u00a0\u202f\u2009"
_CURLY_DOUBLE = re.compile(r"[“”]")
_OPENING_CONTEXT = "([{—–-/"
_CLOSING_FOLLOWER = ".,;:!?)]}—–-…'’"


def to_ascii(text: str) -> str:
    """Fold typographic quotes to ASCII.

    >>> to_ascii("“Hi,” she said. « Bonjour » ‘ok’")
    '"Hi," she said. "Bonjour" \\'ok\\''
    >>> to_ascii("Er sagte: »Wir kommen morgen« und ging. Home » News » World")
    'Er sagte: "Wir kommen morgen" und ging. Home » News » World'
    """
    if text.isascii():
        return text
    if _GUILLEMETS.search(text):
        text = _fold_guillemets(text, _DOUBLE_GUILLEMETS, '"')
        text = _fold_guillemets(text, _SINGLE_GUILLEMETS, "'")
    for char, ascii_ in _ASCII_PAIRS:  # C-speed replaces beat str.translate's per-character dict lookups
        if char in text:
            text = text.replace(char, ascii_)
    return text


def _fold_guillemets(text: str, marks: re.Pattern, ascii_: str) -> str:
    """Guillemets that quote something become ``ascii_``; the others stay as they are.

    «…» opens with « (French, Swiss, Russian; the French spaces inside go); »…« opens
    with » (German, Danish): a quotation whose first mark is a » attached to the next
    word, with a « somewhere after it, uses the latter. Pairs nest. A mark left without a
    partner is still a quote when it is attached to a word on its side (a quotation
    running on into the next paragraph); one with space on both sides (``Home » News »
    World``, ``« Back``) is not a quotation mark and stays. The spaces outside the
    quotes always stay.
    """
    found = [m.start() for m in marks.finditer(text)]
    if not found:
        return text
    last = {mark: text.rfind(mark) for mark in "«»‹›"}
    german = False
    stack: list[int] = []
    spans: list[tuple[int, int]] = []  # [start, end) of text to replace by ascii_
    for k in found:
        if not stack:  # each quotation outside any other says which way it faces
            german = text[k] in "»›" and not _space_at(text, k + 1) and last[_PARTNER[text[k]]] > k
        opener = "»›" if german else "«‹"
        if text[k] in opener:
            stack.append(k)
            continue
        if stack:
            start = stack.pop()
            if german:
                spans += [(start, start + 1), (k, k + 1)]
            else:  # French spacing inside the marks goes with them
                inner_start, inner_end = start + 1, k
                while inner_start < k and text[inner_start] in _SPACES:
                    inner_start += 1
                while inner_end > inner_start and text[inner_end - 1] in _SPACES:
                    inner_end -= 1
                if inner_start == inner_end:
                    continue  # « »: nothing quoted
                spans += [(start, inner_start), (inner_end, k + 1)]
        elif not _space_at(text, k - 1):  # an unpaired closer attached to the word before it
            spans.append((k, k + 1))
    spans += [(k, k + 1) for k in stack if not _space_at(text, k + 1)]  # openers attached to the word after
    if not spans:
        return text
    out, done = [], 0
    for start, end in sorted(spans):
        out += [text[done:start], ascii_]
        done = end
    out.append(text[done:])
    return "".join(out)


def _space_at(text: str, k: int) -> bool:
    """A space, or the edge of the text, at ``k``."""
    return not 0 <= k < len(text) or text[k] in _SPACES or text[k].isspace()


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
