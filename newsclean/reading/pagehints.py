"""What the HTML knew that extracted text forgets: which text sat in boilerplate blocks,
under a "Related" heading or in a hidden block, which text was a link or a tag link, and
which sub-heading stood beside the headline.

Captions are deliberately not used: on news pages the lead image's caption often repeats
the standfirst or a subheading word for word, and both belong to the article.

Read from the parsed tree right after extraction (trafilatura works on its own copy, so
the tree is intact), with a few compiled XPath queries (C speed), and kept on the
Document as ``doc.page`` for the ``page_blocks`` and ``standfirst`` cleaners. Texts are
stored as token strings (case-folded ``\\w+`` tokens joined by spaces), the form in which
extracted paragraphs are compared with them. ``doc.page`` is not part of the Document's
JSON: it describes the page the Document came from, not the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate, repeat
from operator import add

from lxml import etree
from lxml.html import HtmlElement

from newsclean.document import nfc
from newsclean.phrases.book import index
from newsclean.reading.boxes import MAX_BOX_CHARS, REASONS, WIDGET_TAGS, find_boxes, widget_kind
from newsclean.reading.markers import STEMS, marker_of
from newsclean.textutil import ends_like_sentence, fold, words

# Class/id names that mark a block as boilerplate: whole words, see :mod:`.markers`. A
# block holding half as many words as the extracted article or more is ignored, so a
# wrapper that happens to carry such a name never takes the article with it.
_NEVER_BOILERPLATE = frozenset(("html", "body", "article", "main"))
# An embedded tweet or post inside the article is content even when its class says "social".
_CONTENT_MARKERS = ("embed",)
MAX_BLOCK_SHARE = 0.5


def token_string(text: str) -> str:
    return " ".join(words(fold(text)))


@dataclass(frozen=True)
class PageHints:
    #: (reason, token string) of each outermost boilerplate block, e.g.
    #: ("inside <div.related-posts> on the page", "..."),
    #: and of each item under a "Related" heading.
    blocks: tuple[tuple[str, str], ...] = ()
    #: token strings of link texts with at least three tokens.
    links: frozenset[str] = frozenset()
    #: token strings of the page's small hidden blocks (``display:none``, ``hidden``), text
    #: a reader never sees: schema.org microdata, a second copy of the story. Space-padded.
    hidden: str = ""
    #: token string of all the page's readable text, space-padded; kept only when ``hidden`` is not empty.
    page_text: str = ""
    #: token strings of the subheadings printed beside the page's headline (the standfirst).
    standfirsts: frozenset[str] = frozenset()
    #: token strings of the page's tag links (``<a rel="tag">``, the microformat for tags).
    tags: frozenset[str] = frozenset()
    #: (token string, reason) of each piece of text in a widget's box (see :mod:`.boxes`):
    #: the box's whole text and each element's inside it. A paragraph equal to one of them
    #: goes whatever its length: "Advertisement" beside an ad slot, a sign-up form's heading.
    box_parts: tuple[tuple[str, str], ...] = ()

    @cached_property
    def link_heads(self) -> frozenset[str]:
        """The first three tokens of each link text: a cheap test before trying prefixes."""
        return frozenset(" ".join(link.split(" ", 3)[:3]) for link in self.links)

    def hidden_copies(self, tokens: str) -> int:
        """How many times the token string ``tokens`` occurs inside hidden blocks (0 fast
        when it never does)."""
        if not self.hidden or f" {tokens} " not in self.hidden:
            return 0
        return self.hidden.count(f" {tokens} ")

    def visible_copies(self, tokens: str) -> int:
        """How many times ``tokens`` occurs in the page's text outside hidden blocks."""
        return self.page_text.count(f" {tokens} ") - self.hidden_copies(tokens)


def _label(element: HtmlElement) -> str:
    name = (element.get("class") or element.get("id") or "").split()
    return f"{element.tag}.{name[0]}" if name else str(element.tag)


def _marked(attributes: list[str], offsets: list[int]) -> list[int]:
    """Indices, in order, of the attribute values that carry a boilerplate marker word.

    The markers' stems are found with ``str.find`` in the lower-cased values joined by
    newlines (C speed; stems hold no newline, so a hit never spans two values), and only
    the values hit are split into words and judged by :func:`.markers.marker_of`.
    """
    joined = "\n".join(attributes)
    text_of_all = joined.lower()
    if len(text_of_all) != len(joined):  # lower-casing changed lengths: offsets would drift
        return [i for i, value in enumerate(attributes) if marker_of(value)]
    found = set()
    for stem in STEMS:
        i = text_of_all.find(stem)
        while i != -1:
            index_ = bisect_right(offsets, i) - 1
            found.add(index_)
            i = text_of_all.find(stem, offsets[index_ + 1])  # one hit per value is enough
    return sorted(i for i in found if marker_of(attributes[i]))


def read_hints(tree: HtmlElement, article_words: int, paragraphs: Sequence[str] | None = None) -> PageHints:
    """Boilerplate blocks and link texts of a parsed page whose extracted
    article has ``article_words`` words.

    ``paragraphs``, the extracted text, lets the page's full text (needed only to count
    visible copies of hidden text) be skipped when no paragraph occurs in a hidden block.
    """
    limit = max(40, article_words * MAX_BLOCK_SHARE)
    blocks, seen = [], set()
    # All class and id values in one string, searched for the markers at C speed: a Python
    # test per element, or an XPath with the markers inside, costs far more on a large page.
    attributes = tree.xpath("//@class | //@id")
    offsets = list(accumulate(map(add, map(len, attributes), repeat(1)), initial=0))
    matched: list[HtmlElement] = []
    for i in _marked(attributes, offsets):
        element = attributes[i].getparent()
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
        if _holds_prose(element):
            continue  # an article section whose name happens to hold a marker word ("social-affairs")
        seen.add(element)
        text = token_string(element.text_content())
        if text and text.count(" ") + 1 < limit:
            blocks.append((f"inside <{_label(element)}> on the page", text))
    walk = _walk(tree)
    heads: list[tuple[str, str]] = []
    blocks.extend(_related_sections(walk.headings, limit, heads))
    box_parts = _widget_boxes(walk, paragraphs, blocks, heads)
    # The page's readable text, read once at most: both hidden copies and standfirsts may need it.
    readable = cache(lambda: f" {token_string(' '.join(_READABLE_TEXT(tree)))} ")
    hidden, page_text = _hidden_texts(tree, limit, paragraphs, readable)
    # set(): menus and teaser lists repeat link texts, each is tokenised once.
    links = frozenset(token_string(t) for t in walk.link_texts if t.count(" ") >= 2)
    tags = frozenset(t for t in map(token_string, walk.tag_texts) if t)
    return PageHints(tuple(blocks), links, hidden, page_text, _standfirsts(tree, readable), tags, box_parts)


@dataclass
class _Walk:
    """What one walk over the page's headings, links and widget tags collects."""

    headings: list[HtmlElement] = field(default_factory=list)
    #: the texts of links and of their children (a headline link often wraps an <h3> or <span>).
    link_texts: set[str] = field(default_factory=set)
    #: the texts inside tag links (``<a rel="tag">``, the microformat for tags).
    tag_texts: list[str] = field(default_factory=list)
    #: ``(kind, element)`` of the page's forms and ad slots (see :mod:`.boxes`).
    widgets: list[tuple[str, HtmlElement]] = field(default_factory=list)


_WALKED = ("a", "h2", "h3", "h4", "h5", "h6", *WIDGET_TAGS)


def _walk(tree: HtmlElement) -> _Walk:
    """One pass in document order, where several XPath queries each walked the whole page."""
    walk = _Walk()
    add_text = walk.link_texts.add
    for element in tree.iter(_WALKED):
        tag = element.tag
        if tag != "a":
            if tag in WIDGET_TAGS:
                if kind := widget_kind(element):
                    walk.widgets.append((kind, element))
            else:
                walk.headings.append(element)
            continue
        if element.text:
            add_text(element.text)
        for child in element:
            if child.tail:
                add_text(child.tail)
            if not isinstance(child.tag, str):
                continue
            if child.text:
                add_text(child.text)
            for grandchild in child:
                if grandchild.tail:
                    add_text(grandchild.tail)
        rel = element.get("rel")
        if rel and "tag" in rel.split():
            walk.tag_texts.extend(element.itertext())
    return walk


_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_HEADING_EDGES = " \t-–—•*|>»›:：·#."
# A sentence-long paragraph right after a "Related" heading is the article going on.
_PROSE_WORDS = 25


def _related_sections(headings: list[HtmlElement], limit: float, heads: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each item that follows a "Related"/"You may also like" heading, up to the next heading.

    The heading names the section, the items are its siblings: a list of teasers is often
    a run of ``<article>`` or ``<div>`` elements with no boilerplate class of their own.
    Items count one by one against the block size limit, as each is matched on its own.
    A heading in any words that stands right over a list of links (:func:`_heads_link_list`)
    is added to ``heads`` as ``(token string, reason)``: the list's items are links and go
    as a run of linked headlines; its title is known by the markup alone.
    """
    names = index("related", "headings")
    found = []
    for heading in headings:  # the page's h2 to h6, in document order
        label = " ".join(heading.text_content().split())
        if not label or label.count(" ") >= 8:
            continue
        by_class = bool(marker_of(f"{heading.get('class', '')} {heading.get('id', '')}"))
        by_words = bool(names.match(fold(label).strip(_HEADING_EDGES).rstrip("?"), whole=True))
        if not (by_class or by_words):
            if _heads_link_list(heading, label):
                heads.append((token_string(label), LINK_LIST_HEADING))
            continue
        anchor = heading  # climb out of wrappers that hold nothing but the heading
        own = token_string(label)
        while (
            (parent := anchor.getparent()) is not None
            and parent.tag not in _NEVER_BOILERPLATE
            and token_string(parent.text_content()) == own
        ):
            anchor = parent
        # Both signals (a related class *and* words) vouch for any item; one alone only
        # for items that are mostly links: "Empfehlungen" may head real advice.
        sure = by_class and by_words
        for item in anchor.itersiblings():
            if not isinstance(item.tag, str) or item.tag in _SKIPPED_SIBLINGS:
                continue
            if item.tag in _HEADING_TAGS:
                break
            raw = item.text_content()
            text = token_string(raw)
            n = text.count(" ") + 1 if text else 0
            if item.tag == "p" and n >= _PROSE_WORDS:
                break
            if item.tag == "p" and _reads_as_article(raw, n, item):
                break  # the article goes on after a list set in its middle
            if text and n < limit and (sure or _link_words(item) * 2 >= n):
                found.append(
                    (f"under the heading {label[:40]!r} on the page" + (f" {CORROBORATED}" if sure else ""), text)
                )
    return found


LINK_LIST_HEADING = "the heading of a list of links on the page"
# A list item whose words are at least this share link text is a link.
_LINK_ITEM_SHARE = 0.8


def _heads_link_list(heading: HtmlElement, label: str) -> bool:
    """Whether a short heading (not a sentence) stands right over a list of two or more
    items that are all links to other pages (a table of contents links to ``#anchors``)."""
    nxt = heading.getnext()
    if nxt is None or nxt.tag not in ("ul", "ol") or ends_like_sentence(label):
        return False
    items = 0
    for item in nxt:
        if item.tag != "li":
            continue
        n = len(words(item.text_content()))
        link = item.find(".//a[@href]")
        if not n or link is None or link.get("href", "").startswith("#") or _link_words(item) < _LINK_ITEM_SHARE * n:
            return False
        items += 1
    return items >= 2


#: Appended to the reason of a removal that two independent kinds of markup vouch for (a
#: heading named Related by both its class and its words). :mod:`newsclean.safety` counts
#: such removals apart: see there.
CORROBORATED = "(its class and its words both say so)"
# A sentence of at least this many words, nearly free of links, is article text.
_SENTENCE_WORDS = 12


def _reads_as_article(raw: str, n: int, item: HtmlElement) -> bool:
    """Whether an item after a Related heading is a paragraph of the article: a sentence
    of some length that links almost nowhere (teasers are headline links)."""
    return n >= _SENTENCE_WORDS and ends_like_sentence(raw.strip()) and _link_words(item) <= _MAX_PROSE_LINK_SHARE * n


# Boilerplate blocks hold links, buttons, a sentence or two; an article section holds
# paragraphs of reporting. Two paragraphs of this many words with few links are the latter.
_PROSE_BLOCK_PARAGRAPHS = 2
_MAX_PROSE_LINK_SHARE = 0.2


def _holds_prose(element: HtmlElement) -> bool:
    """Whether a marked block holds paragraphs of prose: several long ``<p>`` with few links."""
    found = 0
    for paragraph in element.iter("p"):
        n = len(words(paragraph.text_content()))
        if n >= _PROSE_WORDS and _link_words(paragraph) <= _MAX_PROSE_LINK_SHARE * n:
            found += 1
            if found >= _PROSE_BLOCK_PARAGRAPHS:
                return True
    return False


def _link_words(element: HtmlElement) -> int:
    return sum(len(words(t)) for t in element.xpath(".//a//text()"))


_SKIPPED_SIBLINGS = frozenset(("script", "style", "noscript", "template"))
_CODE_TAGS = ("pre", "code", "textarea", "table")
# Compiled, plain strings (a "smart" XPath string builds a proxy for its parent element),
# one pass over the elements rather than a union of three: the same nodes, in the same
# order, for a third of the time.
_READABLE_TEXT = etree.XPath(
    "//body/descendant::text()[not(parent::script or parent::style or parent::noscript or parent::template)]",
    smart_strings=False,
)
# The style and hidden attributes, in document order; the few hiding an element are picked
# in Python: an XPath testing every element's style costs twice as much.
_HIDING_ATTRIBUTES = etree.XPath("//@style | //@hidden")


def _hidden_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Elements with ``hidden``, or a style holding ``display:none`` or ``visibility:hidden``
    (spaces ignored), in document order."""
    found: list[HtmlElement] = []
    for value in _HIDING_ATTRIBUTES(tree):
        if value.attrname == "hidden" or (
            "display:none" in (squeezed := value.replace(" ", "")) or "visibility:hidden" in squeezed
        ):
            element = value.getparent()
            if not found or found[-1] is not element:
                found.append(element)
    return found


def _hidden_texts(
    tree: HtmlElement, limit: float, paragraphs: Sequence[str] | None, page_text: Callable[[], str]
) -> tuple[str, str]:
    """The token strings of the page's small hidden blocks and, when there are any, of
    all its readable text (both padded with spaces, for whole-word substring counts).

    Browsers do not show ``display:none`` text, yet extractors read it: schema.org
    microdata repeating the headline, dates, logo URLs, often a second copy of the whole
    story. Hidden blocks as large as the article are left alone (some pages hide the
    full story behind a "read more" toggle).
    """
    roots, root_set, texts = [], set(), []
    for element in _hidden_elements(tree):
        if element.tag in _NEVER_BOILERPLATE or element.tag in _SKIPPED_SIBLINGS:
            continue
        # Inside a hidden block already taken: skipped first, as the cheapest test (a set:
        # linear on 20,000 hidden spans).
        if any(ancestor in root_set for ancestor in element.iterancestors()):
            continue
        # Code listings keep a hidden raw copy beside the visible one (for the copy button),
        # which line numbers and highlighting split beyond recognition: leave code alone.
        parent = element.getparent()
        if next((parent if parent is not None else element).iter(*_CODE_TAGS), None) is not None:
            continue
        # Text nodes joined with spaces, so words of adjacent elements never run together.
        whole = token_string(" ".join(element.itertext()))
        if whole and whole.count(" ") + 1 < limit:
            roots.append(element)
            root_set.add(element)
            texts.append(whole)
    if not roots:
        return "", ""
    hidden = f" {' | '.join(texts)} "
    if paragraphs is None:
        return hidden, page_text()
    extracted = {t for t in (token_string(nfc(" ".join(p.split()))) for p in paragraphs) if t}
    if not any(f" {t} " in hidden for t in extracted):
        return hidden, ""  # nothing extracted came from a hidden block: no copies to count
    # A hidden block of prose set among the article's own visible paragraphs is the article
    # (the rest of a story behind a "read more" toggle or a paywall class), not furniture.
    kept = [
        (root, text)
        for root, text in zip(roots, texts)
        if not (
            _holds_prose(root)
            and any(f" {t} " in f" {text} " for t in extracted)
            and _in_main_text(root, extracted, root_set)
        )
    ]  # prose first: cheap, and rare
    if len(kept) < len(roots):
        hidden = f" {' | '.join(text for _, text in kept)} " if kept else ""
        if not hidden or not any(f" {t} " in hidden for t in extracted):
            return hidden, ""
    return hidden, page_text()


# An extracted paragraph of at least this many words beside a hidden block places it in the article.
_MAIN_TEXT_WORDS = 8


def _in_main_text(root: HtmlElement, extracted: set[str], hidden_roots: set[HtmlElement]) -> bool:
    """Whether a hidden block sits beside visible paragraphs that were extracted as the
    article (its parent's or grandparent's other children hold one)."""
    inner = root
    for ancestor in list(root.iterancestors())[:2]:
        if ancestor.tag in _NEVER_BOILERPLATE and ancestor.tag != "article":
            return False
        for sibling in ancestor.iterchildren():
            if sibling is inner or not isinstance(sibling.tag, str) or sibling in hidden_roots:
                continue
            for block in sibling.iter("p", "div", "li", "blockquote"):
                text = token_string(block.text_content())
                if text.count(" ") + 1 >= _MAIN_TEXT_WORDS and text in extracted:
                    return True
        inner = ancestor
    return False


def _standfirsts(tree: HtmlElement, page_text: Callable[[], str]) -> frozenset[str]:
    """Texts of the sub-headings beside the page's first ``<h1>``: heading elements inside
    the small block that holds the headline (a summary set as ``<p class="lead">`` is left
    alone: on many pages that is the article's first paragraph)."""
    h1 = tree.find(".//body//h1")
    if h1 is None:
        return frozenset()
    headline = token_string(h1.text_content())
    box, size = h1, headline.count(" ") + 1
    # The headline's box: climb while the ancestor adds no more than a standfirst's worth of words.
    for ancestor in h1.iterancestors():
        if ancestor.tag in _NEVER_BOILERPLATE or _more_words_than(ancestor, size + 80):
            break
        box = ancestor
    found = set()
    for element in box.iter("h2", "h3", "h4", "h5", "h6"):
        text = token_string(element.text_content())
        if text != headline and text.count(" ") >= 5:
            found.add(text)
    if found:
        # A page that prints the sentence again in its body made it article text too: the
        # extracted copy is that one (a standfirst shown once is read back from the heading).
        page = page_text()
        found = {text for text in found if len(re.findall(rf"(?<= ){re.escape(text)}(?= )", page)) < 2}
    return frozenset(found)


def _more_words_than(element: HtmlElement, limit: int) -> bool:
    """``len(element.text_content().split()) > limit``, reading the text only until the
    answer is known: the headline's outer boxes are often the whole page."""
    count, joined = 0, False  # joined: the text so far ends inside a word
    for chunk in element.itertext():
        if not chunk:
            continue
        count += len(chunk.split()) - (joined and not chunk[0].isspace())
        if count > limit:
            return True
        joined = not chunk[-1].isspace()
    return False


def _widget_boxes(
    walk: _Walk, paragraphs: Sequence[str] | None, blocks: list[tuple[str, str]], heads: list[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The boxes around the page's forms and ad slots (:mod:`.boxes`): each
    box's text is added to ``blocks``; returned are the (token string, reason) of its parts.

    A box holds at most :data:`.boxes.MAX_BOX_CHARS` characters, and less than half the
    extracted article's: characters, not words, so a box is as small in Chinese or Thai as
    in English. The headings of lists of links in ``heads`` are parts too.
    """
    article = sum(len(p) for p in paragraphs) if paragraphs is not None else MAX_BOX_CHARS * 2
    cap = min(MAX_BOX_CHARS, article * MAX_BLOCK_SHARE)

    def stops(element: HtmlElement) -> bool:
        return _longer_than(element, cap) or _holds_prose(element)

    parts: dict[str, str] = dict(heads)
    for kind, box in find_boxes(walk.widgets, stops):
        reason = REASONS[kind]
        whole = token_string(box.text_content())
        if not whole:
            continue
        blocks.append((reason, whole))
        for element in box.iter():
            if isinstance(element.tag, str) and (part := token_string(element.text_content())):
                parts.setdefault(part, reason)
    return tuple(parts.items())


def _longer_than(element: HtmlElement, limit: float) -> bool:
    """Whether :func:`.boxes.text_size` is over ``limit``, the text read only until that is known."""
    count = 0
    for chunk in element.itertext():
        count += len(chunk.strip())
        if count > limit:
            return True
    return False
