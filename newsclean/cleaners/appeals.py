"""Donation, membership, subscription and paywall appeals, including whole appeal blocks.

Two rules, both driven by the ``[appeals]`` phrase lists:

* **Blocks.** A short paragraph that opens an appeal ("A Message from ...:", "Dear
  readers,") starts a candidate block. The block grows over following paragraphs as long
  as an appeal phrase turns up at least every ``max_gap + 1`` paragraphs, and ends at a
  closer ("Remind me later.") or the last appeal phrase. It is removed whole, the
  paragraphs inside that read like news included, when it holds at least one strong
  phrase and ``min_block_hits`` phrases in all.
* **Single paragraphs.** A paragraph of at most ``max_words`` words with a strong phrase
  ("please support us", "become a member", "subscribe now") is removed, unless it is quoted
  speech. Strong phrases are first/second person calls to act, so "broad support" or
  "asked readers to donate blood" do not match.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsclean.cleaners.base import Cleaner, is_quoted_speech, phrase_anchors, quote_match
from newsclean.cleaners.signals.evidence import reads_as_reporting
from newsclean.document import Document
from newsclean.phrases.book import index

OPENER_MAX_WORDS = 15


class Appeals(Cleaner):
    name = "appeals"
    summary = "donation, membership, subscription and paywall appeals, whole appeal blocks included"

    def __init__(self, max_words: int = 80, max_gap: int = 2, min_block_hits: int = 2):
        self.max_words = max_words
        self.max_gap = max_gap
        self.min_block_hits = min_block_hits

    def __call__(self, doc: Document) -> Document:
        folded = doc.folded
        reasons: dict[int, str] = {}
        openers = index("appeals", "openers")
        i = 0
        while i < len(folded):
            match = doc.memo(
                "appeals.opener", i, lambda: openers.match(folded[i].lstrip(" \"'"), anchors=phrase_anchors(doc, i))
            )
            if match and doc.word_counts[i] <= OPENER_MAX_WORDS:
                end, hits = self._block(folded, i)
                if end is not None:
                    opener = quote_match(doc.paragraphs[i].lstrip(" \"'"), folded[i].lstrip(" \"'"), match)
                    for k in range(i, end + 1):
                        reasons[k] = (
                            f"in appeal block opened by {opener!r} ({end - i + 1} paragraphs, {hits} appeal phrases)"
                        )
                    i = end + 1
                    continue
            i += 1

        strong = index("appeals", "strong")
        for i, (paragraph, text) in enumerate(zip(doc.paragraphs, folded)):
            if i in reasons or doc.word_counts[i] > self.max_words:
                continue
            match = doc.memo("appeals.strong", i, lambda: strong.search(text, phrase_anchors(doc, i)))
            if match and not is_quoted_speech(paragraph) and not reads_as_reporting(doc, i, match):
                reasons[i] = f"matched {quote_match(paragraph, text, match)!r}"
        return doc.drop(reasons, by=self.name)

    def _block(self, folded: Sequence[str], start: int) -> tuple[int | None, int]:
        """End index and phrase count of the appeal block opened at ``start``, or ``(None, 0)``."""
        strong = index("appeals", "strong")
        weak = index("appeals", "weak")
        openers = index("appeals", "openers")
        closers = index("appeals", "closers")
        last_hit, hits, strong_hits = start, 0, 0
        j = start + 1
        while j < len(folded) and j - last_hit <= self.max_gap + 1:
            text = folded[j].strip()
            if closers.match(text, whole=True):
                last_hit, hits, strong_hits = j, hits + 1, strong_hits + 1
                break
            if strong.search(text):
                last_hit, hits, strong_hits = j, hits + 1, strong_hits + 1
            elif weak.search(text) or openers.match(text):
                last_hit, hits = j, hits + 1
            j += 1
        if strong_hits and hits >= self.min_block_hits:
            return last_hit, hits
        return None, 0
