"""Paragraphs the HTML page marks as boilerplate, for HTML input only.

Extracted text forgets where a paragraph came from; the page does not. Using the hints
read before extraction (:mod:`newsclean.reading.pagehints`), a paragraph goes when

* it sat inside a block whose class or id names boilerplate ("related-posts",
  "newsletter-signup", "social-share", "author-bio", ...), and the block is small next to
  the article: ``inside <div.related-posts> on the page``;
* it sat in an item under a "Related" / "You may also like" heading:
  ``under the heading 'You may also like' on the page``;
* it sat in the small box around a sign-up, log-in or comment form or an ad slot
  (:mod:`newsclean.reading.boxes`), or, whatever its length, it is the whole text of an
  element in such a box (the "Advertisement" label above an ad slot), or the heading of
  a list of links: ``beside an ad slot on the page``;
* its text sits in a hidden block (``display:none``, ``hidden``), whatever its length,
  and the page does not show it as often as it was extracted (the first copies are the
  visible ones): ``hidden on the page (display:none)``;
* it is a list of two or more of the page's tag links (``<a rel="tag">``), separated
  by commas or bars: ``tag links on the page (rel=tag)``;
* it is one of a run of at least ``min_link_run`` consecutive paragraphs that each are
  mostly the text of a link (a list of headlines linking elsewhere), one fewer when the
  run ends the article: ``linked headline in a run of 4``.

Paragraphs of fewer than ``min_words`` words are matched only as part of a link run: a
two-word phrase also found in a boilerplate block proves nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from newsclean.cleaners.base import Cleaner
from newsclean.document import Change, Document
from newsclean.reading.pagehints import CORROBORATED, token_string

_LIST_SEPARATORS = re.compile(r"[,;|·•]")
HIDDEN = "hidden on the page (display:none)"


def proven_by_markup(change: Change) -> bool:
    """Whether a removal rests on two independent kinds of page evidence: text the page
    hides from its readers and shows nowhere else, outside the article's own paragraphs;
    or an item under a heading that both its class and its words name as Related. A class
    name alone (``social-affairs``) is one kind: it proves nothing by itself."""
    return change.cleaner == PageBlocks.name and (change.reason == HIDDEN or change.reason.endswith(CORROBORATED))


class PageBlocks(Cleaner):
    name = "page_blocks"
    summary = "paragraphs the HTML marks as boilerplate: related/share/newsletter blocks and runs of linked headlines"

    def __init__(self, min_words: int = 4, min_link_run: int = 3, link_share: float = 0.6, max_share: float = 0.9):
        self.min_words = min_words
        self.max_share = max_share
        self.min_link_run = min_link_run
        self.link_share = link_share

    def __call__(self, doc: Document) -> Document:
        page = doc.page
        if page is None:
            return doc
        tokens = [" ".join(t) for t in doc.tokens]  # the same token strings the page hints hold
        reasons: dict[int, str] = {}
        seen: Counter[str] = Counter()
        blocks = None
        parts: dict[str, str] | None = None
        for i, t in enumerate(tokens):
            # What the page says about a paragraph depends on its text alone: memoised, so a
            # later pipeline pass does not search the blocks again.
            if t and doc.memo("page_blocks.hidden", i, lambda: page.hidden_copies(t)):
                seen[t] += 1
                if seen[t] > doc.memo("page_blocks.visible", i, lambda: page.visible_copies(t)):
                    reasons[i] = HIDDEN  # more copies than the page shows
                    continue
            if page.tags and doc.memo("page_blocks.tags", i, lambda: self._is_tag_list(doc.paragraphs[i], page.tags)):
                reasons[i] = "tag links on the page (rel=tag)"
                continue
            if parts is None:
                parts = dict(page.box_parts)
            if t and (reason := parts.get(t)):
                reasons[i] = reason  # the whole text of an element in a widget's box
                continue
            if t.count(" ") + 1 < self.min_words:
                continue
            if blocks is None:
                blocks = [(reason, f" {block} ") for reason, block in page.blocks]  # padded once
            reason = doc.memo("page_blocks.block", i, lambda: next((r for r, b in blocks if f" {t} " in b), None))
            if reason:
                reasons[i] = reason
        links = [
            doc.memo(f"page_blocks.link{self.link_share}", i, lambda: self._is_link(t, page))
            for i, t in enumerate(tokens)
        ]
        self._link_runs(links, reasons)
        # Markup evidence is exempt from the safety valve, so this cleaner holds its own:
        # hints that would take nearly all of the text describe the page, not its cruft.
        total = sum(len(p) for p in doc.paragraphs)
        if total and sum(len(doc.paragraphs[i]) for i in reasons) > self.max_share * total:
            return doc
        return doc.drop(reasons, by=self.name)

    @staticmethod
    def _is_tag_list(paragraph: str, tags: frozenset[str]) -> bool:
        """Every comma- or bar-separated item is the text of a tag link, and there are two or more."""
        items = [token_string(item) for item in _LIST_SEPARATORS.split(paragraph)]
        items = [item for item in items if item]
        return len(items) >= 2 and all(item in tags for item in items)

    def _is_link(self, t: str, page) -> bool:
        if not t:
            return False
        if t in page.links:
            return True
        words = t.split(" ", 3)
        # Every prefix tried below has three tokens or more, so it can only be a link text
        # when its first three tokens start one: most paragraphs stop here.
        if len(words) < 4 or " ".join(words[:3]) not in page.link_heads:
            return False
        words = t.split(" ")
        n = len(words)
        # A headline link followed by its teaser: the link is a prefix covering most of it.
        for k in range(max(3, int(n * self.link_share + 0.999)), n):
            if " ".join(words[:k]) in page.links:
                return True
        return False

    def _link_runs(self, links: list[bool], reasons: dict[int, str]) -> None:
        run: list[int] = []
        for i, is_link in enumerate(links + [False]):
            if is_link:
                run.append(i)
                continue
            at_end = i == len(links)  # a run that closes the article needs one link less
            if len(run) >= self.min_link_run - at_end:
                for k in run:
                    reasons.setdefault(k, f"linked headline in a run of {len(run)}")
            run = []
