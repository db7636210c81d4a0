"""Advertisement markers: "- Advertisement -", "spot_img", "Story continues below advertisement",
"Anzeige", "Publicité", ...

A paragraph goes when nothing is left of it once the ``[ads] markers`` are taken off its
start one after another, with the dashes, pipes and bullets between them. A paragraph
that only begins with such a word ("Advertising revenue rose 5%") keeps its text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsclean.cleaners.base import Cleaner
from newsclean.document import Document
from newsclean.phrases.book import entries

_SEPARATORS = " \t-–—•*|:·_=~()[]"


@lru_cache(maxsize=1)
def _marker() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for _, p in entries("ads", "markers"))
    return re.compile(rf"\A(?:{alternatives})(?!\w)")


def only_markers(folded: str) -> bool:
    """True when the (folded) paragraph is made of ad markers and separators alone."""
    text = folded.strip(_SEPARATORS)
    if not text:
        return False
    marker = _marker()
    for _ in range(20):  # a line of more than 20 markers is not furniture we recognise
        match = marker.match(text)
        if not match:
            return False
        text = text[match.end() :].lstrip(_SEPARATORS)
        if not text:
            return True
    return False


class AdMarkers(Cleaner):
    name = "ads"
    context_free = True  # each paragraph judged by its own text alone
    summary = "advertisement markers such as '- Advertisement -', 'spot_img', 'Anzeige', 'Publicité'"

    def __call__(self, doc: Document) -> Document:
        reasons = {
            i: f"advertisement marker {p.strip()!r}"
            for i, (p, folded) in enumerate(zip(doc.paragraphs, doc.folded))
            if len(p) <= 200 and only_markers(folded)
        }
        return doc.drop(reasons, by=self.name)
