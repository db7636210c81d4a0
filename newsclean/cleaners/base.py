"""What the built-in cleaners share: the class shape and the guards against false positives."""

from __future__ import annotations

import re
from typing import ClassVar

from newsclean.document import Document
from newsclean.phrases.book import anchors_in, index
from newsclean.textutil import fold

_QUOTE_MARKS = re.compile(r"[\"“”„«»]")


class Cleaner:
    """Base of the built-in cleaners: a ``name``, a one-line ``summary``, keyword options.

    Subclasses implement ``__call__(doc) -> Document`` and change the document only
    through ``doc.drop(...)`` / ``doc.rewrite(...)`` so every change carries a reason.
    """

    name: ClassVar[str]
    summary: ClassVar[str]
    #: True when each paragraph is judged by its own text alone, so a later pipeline pass
    #: (after other cleaners removed something) cannot change this cleaner's decisions.
    context_free: ClassVar[bool] = False

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({options})"

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError


def edge_indices(n: int, head: int, tail: int) -> range | list[int]:
    """Indices of the first ``head`` and last ``tail`` of ``n`` paragraphs, where bylines,
    datelines and copyright lines live (all of them when the text is that short).

    >>> edge_indices(10, 2, 3)
    [0, 1, 7, 8, 9]
    """
    if n <= head + tail:
        return range(n)
    return [*range(head), *range(n - tail, n)]


def phrase_anchors(doc: Document, i: int) -> frozenset[int]:
    """The phrase anchors in paragraph ``i``: one automaton scan serves every cleaner."""
    return doc.memo("phrase_anchors", i, lambda: anchors_in(doc.folded[i]))


def is_quoted_speech(paragraph: str) -> bool:
    """A paragraph with quotation marks and an attribution verb ("... ," she said) is speech."""
    if not _QUOTE_MARKS.search(paragraph):
        return False
    return index("speech", "verbs").search(fold(paragraph)) is not None


def quote_match(paragraph: str, folded: str, match: re.Match[str]) -> str:
    """The matched phrase in the paragraph's own spelling when folding kept the length."""
    start, end = match.span()
    source = paragraph if len(paragraph) == len(folded) else folded
    return source[start:end].strip()
