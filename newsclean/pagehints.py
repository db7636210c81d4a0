"""What the HTML knew that extracted text forgets: which text sat in boilerplate blocks,
and which text was a link.

Captions are deliberately not used: on news pages the lead image's caption often repeats
the standfirst or a subheading word for word, and both belong to the article.

Read once from the parsed tree, before trafilatura, with a few XPath queries (C speed),
and kept on the Document as ``doc.page`` for the ``page_blocks`` cleaner. Texts are
stored as token strings (case-folded ``\\w+`` tokens joined by spaces), the form in which
extracted paragraphs are compared with them. ``doc.page`` is not part of the Document's
JSON: it describes the page the Document came from, not the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from lxml.html import HtmlElement

from .textutil import fold, words

# Substrings of class/id values that mark a block as boilerplate, with the label used in
# reasons. Chosen to be specific: "share" but not "tag" (stage, vintage), "related" but
# not "post". A block holding half as many words as the extracted article or more is
# ignored, so a wrapper that happens to carry such a class never takes the article with it.
BOILERPLATE_MARKERS = (
    "related", "recommend", "newsletter", "subscribe", "signup", "sign-up", "social",
    "share", "sharing", "follow-us", "promo", "sponsor", "advert", "byline", "author-bio",
    "authorbio", "author-info", "copyright", "taglist", "tag-list",
    "breadcrumb", "more-stories", "most-popular", "mostpopular",
    "trending", "outbrain", "taboola", "disqus", "paywall", "donate", "donation",
    "membership",
)
_BOILERPLATE = re.compile("|".join(BOILERPLATE_MARKERS))
_NEVER_BOILERPLATE = frozenset(("html", "body", "article", "main"))
# An embedded tweet or post inside the article is content even when its class says "social".
_CONTENT_MARKERS = ("embed",)
MAX_BLOCK_SHARE = 0.5


def token_string(text: str) -> str:
    return " ".join(words(fold(text)))


@dataclass(frozen=True)
class PageHints:
    #: (label, token string) of each outermost boilerplate block, e.g. ("div.related-posts", "...").
    blocks: tuple[tuple[str, str], ...] = ()
    #: token strings of link texts with at least three tokens.
    links: frozenset[str] = frozenset()


def _label(element: HtmlElement) -> str:
    name = (element.get("class") or element.get("id") or "").split()
    return f"{element.tag}.{name[0]}" if name else str(element.tag)


def read_hints(tree: HtmlElement, article_words: int) -> PageHints:
    """Boilerplate blocks and link texts of a parsed page whose extracted
    article has ``article_words`` words."""
    limit = max(40, article_words * MAX_BLOCK_SHARE)
    blocks, seen = [], set()
    # All class and id values in one string, one regular-expression scan over it: a Python
    # test per element, or an XPath with the markers inside, costs far more on a large page.
    attributes = tree.xpath("//@class | //@id")
    offsets, joined, position = [], [], 0
    for value in attributes:
        offsets.append(position)
        joined.append(value)
        position += len(value) + 1
    text_of_all = "\n".join(joined).lower()
    matched = []
    for match in _BOILERPLATE.finditer(text_of_all):
        element = attributes[bisect_right(offsets, match.start()) - 1].getparent()
        if not matched or matched[-1] is not element:
            matched.append(element)
    for element in matched:
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if element.tag in _NEVER_BOILERPLATE or any(marker in names for marker in _CONTENT_MARKERS):
            continue
        if element in seen:
            continue
        if any(ancestor in seen for ancestor in element.iterancestors()):
            continue
        seen.add(element)
        text = token_string(element.text_content())
        if text and text.count(" ") + 1 < limit:
            blocks.append((_label(element), text))
    links = frozenset(token_string(t) for t in tree.xpath("//a/text()") if t.count(" ") >= 2)
    return PageHints(tuple(blocks), links)
