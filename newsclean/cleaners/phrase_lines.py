"""The shared shape of the furniture cleaners: short paragraphs that match a phrase family.

A subclass names its phrase section, how a paragraph must match (``start``: the folded
paragraph starts with a phrase; ``whole``: the phrase is the whole paragraph; ``search``:
anywhere), and where in the document it looks (``edges``: only the first ``head`` and
last ``tail`` paragraphs, where bylines, credits and copyright lines live; ``anywhere``).
Quoted speech is never removed by these rules.
"""

from __future__ import annotations

from typing import ClassVar

from newsclean.cleaners.base import Cleaner, edge_indices, is_quoted_speech, phrase_anchors, quote_match
from newsclean.cleaners.signals.evidence import reads_as_reporting
from newsclean.document import Document
from newsclean.phrases.book import index

_EDGES = " -–—•*|>»›:·#_"


class PhraseLineCleaner(Cleaner):
    section: ClassVar[str]
    key: ClassVar[str] = "lines"
    mode: ClassVar[str] = "start"
    zone: ClassVar[str] = "anywhere"
    label: ClassVar[str]

    def __init__(self, max_words: int = 40, head: int = 3, tail: int = 6):
        self.max_words = max_words
        self.head = head
        self.tail = tail

    def _candidates(self, n: int) -> range | list[int]:
        return range(n) if self.zone == "anywhere" else edge_indices(n, self.head, self.tail)

    def _match(self, folded: str, anchors: frozenset[int]):
        if self.mode == "search":
            return index(self.section, self.key).search(folded, anchors)
        return index(self.section, self.key).match(folded, whole=self.mode == "whole", anchors=anchors)

    def __call__(self, doc: Document) -> Document:
        reasons = {}
        counts = doc.word_counts
        family = index(self.section, self.key)
        for i in self._candidates(len(doc.paragraphs)):
            if counts[i] > self.max_words or not family.may_match(phrase_anchors(doc, i)):
                continue
            paragraph = doc.paragraphs[i]
            folded = doc.folded[i].strip(_EDGES)
            match = doc.memo(self.name, i, lambda: self._match(folded, phrase_anchors(doc, i)))
            if match and not is_quoted_speech(paragraph) and not self._reporting(doc, i, match):
                phrase = quote_match(paragraph.strip(_EDGES), folded, match)
                reasons[i] = f"{self.label}: matched {phrase!r}"
        return doc.drop(reasons, by=self.name)

    @staticmethod
    def _reporting(doc: Document, i: int, match) -> bool:
        """The phrase sits in a paragraph that reads as reporting (see ``signals.evidence``)."""
        offset = len(doc.folded[i]) - len(doc.folded[i].lstrip(_EDGES))
        return reads_as_reporting(doc, i, (match.start() + offset, match.end() + offset))
