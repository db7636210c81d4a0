"""Related / latest / recommended / read-more lists, and inline "READ MORE: ..." lines.

* A **heading** is a whole paragraph from ``[related] headings`` ("Related Articles",
  "Lesen Sie auch", "Читайте также", "Schon gelesen?"), with an optional trailing colon or
  question mark. It goes, and so does the run of headline-like paragraphs after it (at
  most ``max_items``): short, not ending like a sentence. The run stops at the first
  paragraph that reads as prose.
* An **inline promo** starts with a ``[related] inline`` prefix followed by a separator
  (``READ MORE: ...``, ``Lire aussi | ...``), or by nothing but a capitalised prefix of two
  words or more (``READ MORE Headline``), and is at most ``max_words`` long.

A sentence that merely uses the words ("related to the war") matches neither: headings
must fill the whole paragraph and inline prefixes must be followed by a separator.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsclean.cleaners.base import Cleaner, phrase_anchors
from newsclean.document import Document
from newsclean.phrases.book import entries, index
from newsclean.textutil import ends_like_sentence, word_count

_EDGES = " \t-–—•*|>»›:：·#"


@lru_cache(maxsize=1)
def _inline() -> re.Pattern[str]:
    # Longest first: "lea también" must win over "lea", which would leave "también: ..." unseparated.
    prefixes = "|".join(f"(?:{p})" for p in sorted({p for _, p in entries("related", "inline")}, key=len, reverse=True))
    return re.compile(rf"\A(?P<prefix>{prefixes})(?!\w)(?P<sep>\s*[:：|»›>]|\s+[-–—]\s)?", re.I)


def is_list_item(paragraph: str, max_words: int = 20) -> bool:
    """Headline-like: at most ``max_words`` words and not a sentence (``?``/``!`` allowed)."""
    n = word_count(paragraph)
    if n == 0:
        return True
    if n > max_words:
        return False
    return not ends_like_sentence(paragraph) or paragraph.rstrip("\"'”’» ").endswith(("?", "!"))


class RelatedLists(Cleaner):
    name = "related"
    summary = "related/latest/recommended/read-more lists with their headline runs, and inline READ MORE lines"

    def __init__(self, max_items: int = 15, max_words: int = 30):
        self.max_items = max_items
        self.max_words = max_words

    def __call__(self, doc: Document) -> Document:
        headings = index("related", "headings")
        inline = _inline()
        reasons: dict[int, str] = {}
        paragraphs, folded = doc.paragraphs, doc.folded

        def is_heading(k: int) -> bool:
            return doc.word_counts[k] <= 8 and bool(
                doc.memo(
                    "related.heading",
                    k,
                    lambda: headings.match(
                        folded[k].strip(_EDGES).rstrip("?"), whole=True, anchors=phrase_anchors(doc, k)
                    ),
                )
            )

        i = 0
        while i < len(paragraphs):
            paragraph = paragraphs[i]
            if is_heading(i):
                label = paragraph.strip(_EDGES)
                reasons[i] = f"list heading {label!r}"
                j = i + 1
                while (
                    j < len(paragraphs)
                    and j - i <= self.max_items
                    and is_list_item(paragraphs[j])
                    and not is_heading(j)
                ):
                    reasons[j] = f"headline in the list under {label!r}"
                    j += 1
                i = j
                continue
            if doc.word_counts[i] <= self.max_words:
                match = doc.memo("related.inline", i, lambda: inline.match(folded[i].lstrip(_EDGES)))
                if match and self._is_promo(paragraph.lstrip(_EDGES), match):
                    reasons[i] = f"inline promo {paragraph.lstrip(_EDGES)[: match.end('prefix')]!r}"
            i += 1
        return doc.drop(reasons, by=self.name)

    @staticmethod
    def _is_promo(paragraph: str, match: re.Match[str]) -> bool:
        rest = paragraph[match.end() :].strip()
        if not rest:
            return False  # a lone "Read more" is a heading, handled above
        if match.group("sep") and match.group("sep").strip():
            return True
        prefix = paragraph[: match.end("prefix")]
        return len(prefix.split()) >= 2 and prefix.isupper()
