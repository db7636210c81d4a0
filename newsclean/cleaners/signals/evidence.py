"""A phrase match is evidence, not a verdict: weigh it against the paragraph around it.

"Sign up for our newsletter" is furniture; "Sign up for the programme closes on 30 June,
the ministry said, and places are limited to 500 families" is news that happens to start
with the same words. :func:`reads_as_reporting` scores the text *around* the matched
phrase:

=====================================================  ======
third-person reporting verb ("said", "according to")    +2
at least 12 words besides the phrase (25: +2)           +1/+2
the phrase sits inside a sentence, not at its start     +1
the paragraph sits in the body (not first, not tail)    +1
the rest reads as sentences (stop-word share)           +1
the phrase sits inside a quotation with text after it   +2
names or figures (two capitalised words, a number)      +1
does not end like a sentence                            -1
addresses the reader ("you", "your") outside quotes     -2
an imperative opens a sentence or clause ("Sign up")    -2
speaks in the publication's voice ("our", "we")         -1
carries a link, e-mail address or @handle               -1
=====================================================  ======

A score of :data:`KEEP_AT` or more keeps the paragraph. Furniture is short, sits at an
edge, speaks to the reader and names no one else's words, so it stays well below.
"""

from __future__ import annotations

import re

from newsclean.cleaners.signals.profile import document_lexicon, read_signals, word_estimate
from newsclean.document import Document
from newsclean.textutil import folded_words

KEEP_AT = 4
_BOUNDARY = ".!?:;。！？\"'(«“"
# Two capitalised words inside a sentence: a name ("the United Nations", "Jens Stoltenberg").
_NAME = re.compile(r"(?<=[\w,] )[A-Z][\w'-]+ (?:[a-z]{1,3} )?[A-Z][\w'-]+|(?<=[\w,] )[A-Z]{2,}\b")


def _quoted_at(folded: str, position: int) -> bool:
    """True when ``position`` lies inside a quotation that does not start the paragraph
    (someone's words reported, not the page's own line)."""
    before = folded[:position]
    return (
        before.count('"') % 2 == 1
        and '"' in folded[position:]
        and folded[folded.find('"', position) + 1 :].strip(" .,;") != ""
    )


def reporting_score(doc: Document, i: int, span: tuple[int, int]) -> tuple[int, list[str]]:
    """The score of paragraph ``i`` as reporting around the phrase at ``span`` of its folded
    text, and the evidence by name."""
    folded = doc.folded[i]
    start, end = span
    rest_folded = folded[:start] + " " + folded[end:]
    paragraph = doc.paragraphs[i]
    rest = paragraph[:start] + " " + paragraph[end:] if len(paragraph) == len(folded) else rest_folded
    signals = read_signals(rest, rest_folded, tuple(folded_words(rest_folded)), document_lexicon(doc), stopwords=True)
    score, evidence = 0, []

    def weigh(points: int, name: str) -> None:
        nonlocal score
        score += points
        evidence.append(f"{name} ({points:+d})")

    if signals.reporting:
        weigh(2, "reporting verb")
    around = word_estimate(rest)
    if around >= 25:
        weigh(2, f"{around} words around the phrase")
    elif around >= 12:
        weigh(1, f"{around} words around the phrase")
    before = folded[:start].rstrip()
    if before and before[-1] not in _BOUNDARY and not before.endswith((" -", " |")):
        weigh(1, "phrase inside a sentence")
    n = len(doc.paragraphs)
    if n >= 5 and 1 <= i < n - 2:
        weigh(1, "in the body")
    if signals.sentence_like and around >= 8:
        weigh(1, "reads as sentences")
    elif not signals.sentence_end:
        weigh(-1, "does not end like a sentence")
    if _quoted_at(folded, start):
        weigh(2, "phrase inside a quotation")
    if _NAME.search(rest) or (not signals.money and any(ch.isdigit() for ch in rest)):
        weigh(1, "names or figures")
    if signals.address:
        weigh(-2, "addresses the reader")
    if signals.imperative:
        weigh(-2, "imperative")
    if signals.voice:
        weigh(-1, "publication's own voice")
    if signals.link:
        weigh(-1, "link or handle")
    return score, evidence


def reads_as_reporting(doc: Document, i: int, match: re.Match[str] | tuple[int, int]) -> bool:
    """True when paragraph ``i`` reads as reporting that merely contains the matched phrase."""
    span = match.span() if isinstance(match, re.Match) else match
    return reporting_score(doc, i, span)[0] >= KEEP_AT
