"""Cruft recognised by its shape, in any wording and any language: text that turns to the
reader and asks for something, runs of headlines under a short heading, menu lines.

The rules read :mod:`newsclean.cleaners.signals` (no phrase lists):

* **Calls to act at the tail.** From the last paragraph backwards, a run of short
  paragraphs (at most ``max_words`` words) that each turn to the reader: second-person
  address, an imperative opening a sentence or clause, a link / e-mail address / @handle,
  the publication's own voice ("our journalism"); money amounts and prices per period
  count as supporting signals. Lines of at most three words ("Thank you.", "Remind me
  later.") may sit between them. The run goes when it holds an imperative and at least
  two other kinds of signal, spread over two paragraphs or more (a single paragraph needs
  three other kinds). A paragraph that reports ("said", "according to") or quotes
  someone ends the run: a donation appeal never attributes, a story about one does.
* **A single call to act**, anywhere after the first paragraph: a short paragraph with an
  imperative or second-person address and two more kinds of call signal (a price, a
  link, the publication's voice), nothing reported, nothing quoted.
* **Headline runs.** A short heading (at most five words, no digits or links, not a
  sentence: "Lesen Sie auch", "Більше новин", "相关阅读") followed by at least
  ``min_items`` headline-like lines (three to twenty words, not ending like a sentence,
  no link), anywhere after the lead; at the tail, ``min_headlines`` of them. Without a
  heading a run of short lines is as often a list in the article and stays.
* **Menu lines**: three or more items of at most four words between "·" or "•"
  separators (share bars, footer links).

No rule takes more than 40% of a document's words: an article that *is* a service piece
("You can apply online for 20 euros a month ...") keeps its text. A text of more than
``max_paragraphs`` paragraphs is no article and is left alone.
"""

from __future__ import annotations

import re
import string
import unicodedata

from newsclean.cleaners.base import Cleaner, is_quoted_speech
from newsclean.cleaners.signals import document_lexicon, signals_of, word_estimate
from newsclean.cleaners.signals.profile import may_address
from newsclean.cleaners.signals.sentences import stoplist
from newsclean.document import Document

_PUNCTUATION = string.punctuation + "।॥“”‘’«»—–…"
# "Q: ...", "A: ...": an interview's labels.
_LABEL = re.compile(r"\A\w{1,2} ?:\s")
#: A paragraph joins a run only when it turns to the reader; a price alone is news.
_ADDRESSING = frozenset(("second person", "imperative", "link or handle", "publication's own voice"))
#: Call signals that are not the imperative: a run needs the imperative and two of these.
_SUPPORTING = ("second person", "money amount", "price per period", "link or handle", "publication's own voice")


def _whole_words(doc: Document) -> tuple[tuple[str, ...], ...]:
    """The document's words. ``\\w+`` cuts Devanagari, Bengali or Tamil words apart at
    their vowel signs (combining marks, not ``\\w``): "खुला" would read as "ख", "ल".
    Where a paragraph holds such marks, its words are read between spaces instead."""

    def read() -> tuple[tuple[str, ...], ...]:
        return tuple(
            tuple(w for w in (raw.strip(_PUNCTUATION) for raw in folded.split()) if w)
            if any(unicodedata.category(ch) == "Mc" or "\u0900" <= ch <= "\u0dff" for ch in folded[:300])
            else row
            for folded, row in zip(doc.folded, doc.tokens)
        )

    return doc.memo("structure.whole_words", 0, read)


class Structure(Cleaner):
    name = "structure"
    summary = "calls to act (second person, imperative, money, links), headline runs under a heading and menu lines, in any language"

    def __init__(
        self,
        max_words: int = 45,
        max_run: int = 10,
        min_headlines: int = 3,
        min_items: int = 2,
        max_share: float = 0.4,
        max_paragraphs: int = 2000,
    ):
        self.max_words = max_words
        self.max_paragraphs = max_paragraphs
        self.min_items = min_items
        self.max_run = max_run
        self.min_headlines = min_headlines
        self.max_share = max_share

    def __call__(self, doc: Document) -> Document:
        n = len(doc.paragraphs)
        if n < 4 or n > self.max_paragraphs:
            return doc  # too short to have a tail; too long to be an article (a log, a dump)
        reasons = self._calls_at_tail(doc)
        end = min(reasons, default=n)
        reasons.update(self._headlines_at_tail(doc, end))
        reasons.update(self._headline_runs(doc, reasons))
        for i in range(n):
            if i not in reasons:
                reason = self._single(doc, i)
                if reason:
                    reasons[i] = reason
        if not reasons:
            return doc
        if sum(signals_of(doc, i).words for i in reasons) > self.max_share * word_estimate(doc.text):
            return doc
        return doc.drop(reasons, by=self.name)

    # -- single paragraphs, anywhere -----------------------------------------------------

    def _single(self, doc: Document, i: int) -> str | None:
        """A menu line, or one short paragraph that carries a call to act by itself: an
        imperative or second-person address plus two more kinds of call signal (a price,
        a link, the publication's own voice), and nothing reported or quoted."""
        paragraph = doc.paragraphs[i]
        if ("·" in paragraph or "•" in paragraph) and signals_of(doc, i).menu:
            return "short items between '·' separators (a share bar, menu or footer line)"
        if i == 0 or len(paragraph) > 12 * self.max_words or not may_address(doc, i):
            return None  # the lead: a call to act there is the story's own; too long to be a call
        signals = signals_of(doc, i)
        if signals.words > self.max_words or signals.reporting or signals.quoted:
            return None
        # A price is what sets an appeal apart from a story's own "tell us", "follow us" line.
        if not (signals.imperative or signals.address) or not (signals.money or signals.period):
            return None
        calls = signals.calls()
        kinds = {"price" if c in ("money amount", "price per period") else c for c in calls}
        if len(kinds) < 3:
            return None
        return f"a short call to act: {', '.join(calls)}"

    # -- calls to act ------------------------------------------------------------------

    def _calls_at_tail(self, doc: Document) -> dict[int, str]:
        n = len(doc.paragraphs)
        floor = max(n // 2, n - self.max_run)
        members: list[int] = []
        callers: dict[int, list[str]] = {}
        i = n - 1
        while i >= floor:
            if len(doc.paragraphs[i]) > 12 * self.max_words:
                break  # too long to count its words: prose
            signals = signals_of(doc, i)
            if (
                signals.words > self.max_words
                or signals.reporting
                or is_quoted_speech(doc.paragraphs[i])
                or (signals.quoted and signals.words > 3)
            ):
                break
            calls = signals.calls()
            if set(calls) & _ADDRESSING:
                callers[i] = calls
            elif signals.words > 3:
                break
            members.append(i)
            i -= 1
        if not callers:
            return {}
        first = min(callers)
        run = sorted(k for k in members if k >= first)
        kinds = {c for calls in callers.values() for c in calls}
        supporting = [k for k in _SUPPORTING if k in kinds]
        if "imperative" not in kinds:
            return {}
        if not ((len(callers) >= 2 and len(supporting) >= 2) or len(supporting) >= 3):
            return {}
        summary = ", ".join(["imperative", *supporting])
        label = f"tail run of {len(run)} short paragraph{'s' if len(run) > 1 else ''}: {summary}"
        return {k: label if k in callers else f"{label} (a short line inside it)" for k in run}

    # -- headlines ---------------------------------------------------------------------

    def _headlines_at_tail(self, doc: Document, end: int) -> dict[int, str]:
        n = len(doc.paragraphs)
        floor = max(n // 2, end - 2 * self.max_run)
        i = end - 1
        while i >= floor and self._is_headline(doc, i):
            i -= 1
        items = list(range(i + 1, end))
        if not items:
            return {}
        if len(items) < self.min_headlines or i < floor or not self._is_heading(doc, i):
            return {}
        label = doc.paragraphs[i].strip()
        reasons = {k: f"headline in a run of {len(items)} under the heading {label!r} at the tail" for k in items}
        reasons[i] = f"heading of a run of {len(items)} headline-like lines at the tail"
        return reasons

    def _headline_runs(self, doc: Document, taken: dict[int, str]) -> dict[int, str]:
        """A short heading followed by at least ``min_items`` headline-like lines, anywhere
        after the lead: a "related" box the extractor left between two paragraphs."""
        n = len(doc.paragraphs)
        reasons: dict[int, str] = {}
        i = 1
        while i < n - self.min_items:
            if i in taken or not self._is_heading(doc, i) or not self._after_prose(doc, i):
                i += 1
                continue
            j = i + 1
            while j < n and j - i <= self.max_run and j not in taken and self._is_headline(doc, j):
                j += 1
            count = j - i - 1
            if count >= self.min_items and self._foreign_to_article(doc, i, j):
                label = doc.paragraphs[i].strip()
                reasons[i] = f"heading of a run of {count} headline-like lines"
                reasons.update(
                    {k: f"headline in a run of {count} under the heading {label!r}" for k in range(i + 1, j)}
                )
            i = max(j, i + 1)
        return reasons

    @staticmethod
    def _after_prose(doc: Document, i: int) -> bool:
        """A box heading follows a paragraph of prose, not a line that announces a list
        ("... are:") or a line of a list."""
        previous = doc.paragraphs[i - 1].rstrip()
        return signals_of(doc, i - 1).sentence_end and not previous.endswith((":", "："))

    def _foreign_to_article(self, doc: Document, heading: int, end: int) -> bool:
        """Headlines of *other* stories: the heading introduces no list of its own (no colon,
        no bullets or numbers on the items), and most of the items' longer words occur
        nowhere else in the document. A list in the article (products, steps, names)
        shares its words with the text around it."""
        if doc.paragraphs[heading].rstrip().endswith((":", "：")):
            return False
        items = range(heading + 1, end)
        if any(doc.paragraphs[k].lstrip()[:1] in "-–•*·0123456789" or _LABEL.match(doc.paragraphs[k]) for k in items):
            return False  # bullets, numbers, "Q:"/"A:" labels: the article's own list or interview
        function_words = stoplist(document_lexicon(doc).justext)
        # jusText's lists hold common content words too ("county"): only short ones count here.
        tokens = _whole_words(doc)
        if any(tokens[k] and len(tokens[k][-1]) <= 3 and tokens[k][-1] in function_words for k in items):
            return False  # "... who in 2008, won the": a sentence wrapped over lines, not headlines
        elsewhere = {t for k, row in enumerate(tokens) if not heading <= k < end for t in row}
        words = [t for k in items for t in tokens[k] if len(t) >= 4 and not t.isdigit()]
        if not words:
            return False
        return sum(t not in elsewhere for t in words) >= 0.7 * len(words)

    def _is_headline(self, doc: Document, i: int) -> bool:
        paragraph = doc.paragraphs[i]
        if len(paragraph) > 300:
            return False
        signals = signals_of(doc, i)
        if not 3 <= signals.words <= 20 or signals.reporting or signals.quoted or signals.link or " | " in paragraph:
            return False  # " | ": a table row
        return not signals.sentence_end or paragraph.rstrip().endswith(("?", "？"))

    def _is_heading(self, doc: Document, i: int) -> bool:
        paragraph = doc.paragraphs[i].rstrip()
        if len(paragraph) > 80:
            return False
        signals = signals_of(doc, i)
        if (
            not 1 <= signals.words <= 5
            or signals.quoted
            or signals.link
            or "|" in paragraph
            or any(ch.isdigit() for ch in paragraph)
        ):
            return False
        return paragraph.endswith((":", "：")) or not signals.sentence_end
