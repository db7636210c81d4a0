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
* **By shape**, in any wording. A paragraph of at most ``shape_max_words`` words is an
  appeal when it asks for money or membership (a word of the ``[appeals] support``
  family: "support", "Spende", "katkı", "응원", "a coffee"), speaks as the publication
  ("we", "our") or calls to act (an imperative), and names the stakes: an amount or a
  price per period, or what the money pays for (``[appeals] cause``: "journalism",
  "newsroom", "without ads"). A paragraph that reports ("said", "according to"), is
  quoted speech or otherwise reads as reporting (``signals.evidence``) stays: a story
  about a fund-raiser names who asks. So does a service piece that only addresses the
  reader ("you can sign up for a free trial, then pay $6.99 a month").
"""

from __future__ import annotations

from collections.abc import Sequence

from newsclean.cleaners.base import Cleaner, is_quoted_speech, phrase_anchors, quote_match
from newsclean.cleaners.signals import document_lexicon, signals_of
from newsclean.cleaners.signals.evidence import reads_as_reporting
from newsclean.cleaners.signals.patterns import has_digit, has_money, has_period
from newsclean.cleaners.signals.profile import may_address, read_signals
from newsclean.document import Document
from newsclean.phrases.book import index
from newsclean.textutil import words

OPENER_MAX_WORDS = 15
# An appeal that only addresses the reader and names a price is one or two short sentences.
_SHORT_OFFER_WORDS = 30
# What may stand before an imperative that opens a sentence or clause.
_CLAUSE_ENDS = ".!?:;,-–—。！？、，"


def _asks(imperative: bool, voice: bool, address: bool, price: bool, cause: object, short: bool) -> bool:
    """Who asks, and for what. "We" with a price alone is a review ("we found the $10 monthly
    plan worth it"); the reader addressed about a price alone, at length, is a service piece
    ("you can sign up for a free trial; afterwards you pay $6.99 a month"); a call with no
    stakes is a free offer. ``cause``: what the money keeps going ("our journalism")."""
    return bool(
        (imperative and (price or cause))
        or (voice and (cause or (address and price)))
        or (address and (cause or (price and short)))
    )


def _without_asks(folded: str, paragraph: str) -> tuple[str, str]:
    """``folded`` and ``paragraph`` (of equal length) with every ``[appeals] support`` word
    blanked out, so a second ask word ("สมาชิก ... สนับสนุน") is no imperative either."""
    support = index("appeals", "support")
    for _ in range(8):  # an appeal holds a few ask words; a list of them is no appeal
        match = support.search(folded)
        if not match:
            break
        start, end = match.span()
        blank = " " * (end - start)
        folded = folded[:start] + blank + folded[end:]
        paragraph = paragraph[:start] + blank + paragraph[end:]
    return folded, paragraph


class Appeals(Cleaner):
    name = "appeals"
    summary = "donation, membership, subscription and paywall appeals, whole appeal blocks included"

    def __init__(self, max_words: int = 80, max_gap: int = 2, min_block_hits: int = 2, shape_max_words: int = 50):
        self.max_words = max_words
        self.max_gap = max_gap
        self.min_block_hits = min_block_hits
        self.shape_max_words = shape_max_words

    def __call__(self, doc: Document) -> Document:
        folded = doc.folded
        reasons: dict[int, str] = {}
        openers = index("appeals", "openers")
        i = 0
        while i < len(folded):
            # The word count first: a long paragraph opens no block, and is not scanned for one.
            match = doc.word_counts[i] <= OPENER_MAX_WORDS and doc.memo(
                "appeals.opener", i, lambda: openers.match(folded[i].lstrip(" \"'"), anchors=phrase_anchors(doc, i))
            )
            if match:
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
        for i in range(len(folded)):
            if i not in reasons and doc.word_counts[i] <= self.shape_max_words:
                reason = self._by_shape(doc, i)
                if reason:
                    reasons[i] = reason
        return doc.drop(reasons, by=self.name)

    @staticmethod
    def _by_shape(doc: Document, i: int) -> str | None:
        """Why paragraph ``i`` reads as an appeal by its shape (see the module docstring), or None."""
        text, anchors = doc.folded[i], phrase_anchors(doc, i)
        ask = index("appeals", "support").search(text, anchors)
        if not ask:
            return None
        # Cheap look-ups first. Every way of asking names the stakes (a cause, or an amount
        # or a price per period), and most paragraphs with "support" or "members" in them
        # name neither, nor speak to the reader or as the publication.
        cause = index("appeals", "cause").search(text, anchors)
        if not cause and not (has_digit(text) and has_money(text)) and not has_period(text):
            return None
        paragraph = doc.paragraphs[i]
        lex = document_lexicon(doc)
        if not may_address(doc, i) and not lex.has("voice", set(doc.tokens[i]), text):
            return None
        full = signals_of(doc, i)
        short = doc.word_counts[i] <= _SHORT_OFFER_WORDS
        price = full.money or full.period
        if full.reporting or not _asks(full.imperative, full.voice, full.address, price, cause, short):
            return None  # the whole paragraph holds every signal its rest can hold
        if is_quoted_speech(paragraph):
            return None
        # The rest of the paragraph must turn to the reader: an ask that is itself on the
        # imperative list ("Assine", Thai "บริจาค", Hindi "सहयोग") counts as an imperative
        # only where it opens a sentence or clause, as imperatives do.
        start = ask.start()
        rest_folded, rest = _without_asks(text, paragraph if len(paragraph) == len(text) else text)
        signals = read_signals(rest, rest_folded, tuple(words(rest_folded)), lex)
        before = text[:start].rstrip(" \"'(")
        ask_opens = not before or before[-1] in _CLAUSE_ENDS
        imperative = signals.imperative or (ask_opens and full.imperative)
        voice, address = signals.voice, signals.address
        price = signals.money or signals.period
        if not _asks(imperative, voice, address, price, cause, short):
            return None
        if reads_as_reporting(doc, i, ask):
            return None
        turns = [
            name
            for name, present in (
                ("second person", address),
                ("imperative", imperative),
                ("the publication's own voice", voice),
            )
            if present
        ]
        stakes = ["an amount or a price per period"] if price else []
        if cause:
            stakes.append(f"what it pays for ({quote_match(paragraph, text, cause)!r})")
        asked = quote_match(paragraph, text, ask)
        return f"an appeal by its shape: asks for {asked!r}; {', '.join([*turns, *stakes])}"

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
