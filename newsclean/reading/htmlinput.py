"""Raw HTML in: parse once, read cheap metadata from the tree, extract the body with trafilatura.

trafilatura runs with comments off and ``deduplicate=False``: its dedup cache is
process-wide, so with it on the output of one page would depend on the pages before it.
Metadata comes from ``<meta>`` tags and the first ``<h1>`` with a few XPath queries:
trafilatura's own metadata pass (htmldate included) would cost a third of the extraction.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsclean.document import Document
from newsclean.errors import InputError
from newsclean.reading.htmltags import BLOCK_TAGS, CHROME_TAGS
from newsclean.reading.pagehints import read_hints

_TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+[|\-–—:·•»]\s+")  # lookbehind: linear on space runs

#: Pages with more elements than this skip trafilatura, whose heuristics grow faster
#: than linearly with page size (about 8 s for 50,000 paragraphs, minutes for 200,000).
#: The largest of 672 real pages in the benchmark sets has under 10,000 elements.
MAX_EXTRACT_ELEMENTS = 25_000
# Subtrees the plain fallback never reads: code, page chrome and forms are not article text.
_SKIPPED_TAGS = CHROME_TAGS
_BLOCK_TAGS = BLOCK_TAGS

_META = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "author": ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"),
    "date": (
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "sailthru.date",
        "og:published_time",
        "parsely-pub-date",
    ),
    "sitename": ("og:site_name", "application-name"),
    "url": ("og:url", "twitter:url"),
    "description": ("og:description", "description", "twitter:description"),
}


def parse_html(html: str, *, source: str | None = None, sanitized: bool = False) -> HtmlElement:
    """Parse ``html`` with lxml (as trafilatura's forgiving loader does) or raise InputError.

    ``sanitized``: control characters are already gone (see :func:`newsclean.reading.htmlload.load`)."""
    return parse_whole(html, source=source, sanitized=sanitized)[0]


def parse_whole(html: str, *, source: str | None = None, sanitized: bool = False) -> tuple[HtmlElement, str | None]:
    """:func:`parse_html`, parsed again with ``huge_tree`` when nesting cut the tree short;
    the second value is :func:`newsclean.reading.htmlload.load_whole`'s note."""
    from newsclean.reading.htmlload import load_whole

    tree, depth = load_whole(html, sanitized=sanitized)
    if tree is None:
        raise InputError("not parseable as HTML", source)
    return tree, depth


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if values.get(key):
            return " ".join(values[key].split())
    return None


def read_metadata(tree: HtmlElement, url: str | None = None) -> dict[str, Any]:
    """Title, author, date, site name, url, description and declared language of a page."""
    meta = _meta_values(tree)
    title_el = tree.find(".//title")
    page_title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    h1 = tree.find(".//h1")
    h1_text = " ".join(h1.text_content().split()) if h1 is not None else ""
    title = _first(meta, _META["title"]) or h1_text or _strip_site_suffix(page_title) or None
    if not _first(meta, _META["date"]):
        time_el = tree.find(".//time[@datetime]")
        if time_el is not None:
            meta["date"] = time_el.get("datetime", "")
    canonical = tree.find(".//link[@rel='canonical']")
    return {
        "title": title,
        "author": _first(meta, _META["author"]),
        "date": _first(meta, _META["date"]),
        "sitename": _first(meta, _META["sitename"]),
        "url": url or (canonical.get("href") if canonical is not None else None) or _first(meta, _META["url"]),
        "description": _first(meta, _META["description"]),
        "page_title": page_title or None,
        "html_lang": (tree.get("lang") or "").split("-")[0].lower() or None,
    }


def _strip_site_suffix(title: str) -> str:
    """``"Story headline | Site Name"`` -> ``"Story headline"``: keep the longest part."""
    parts = _TITLE_SEPARATORS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


@lru_cache(maxsize=1)
def _extractor_options():
    """trafilatura's options, built once: it never changes them, and building them reads
    its configuration each time."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python", comments=False, tables=True, formatting=False, dedup=False, with_metadata=False
    )


def extract_body(tree: HtmlElement) -> list[str]:
    """The main text as paragraphs, from trafilatura with comments off and no dedup cache."""
    import trafilatura

    from newsclean.reading import justext_linear, readability_gate

    justext_linear.install()  # once: trafilatura's jusText fallback in linear time
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    with readability_gate.active():  # skips readability only where its text cannot be chosen
        result = trafilatura.bare_extraction(tree, options=_extractor_options())
    text = getattr(result, "text", None) or ""
    return text.split("\n")


def extract_plain(tree: HtmlElement) -> list[str]:
    """Every text run outside page chrome, one paragraph per block element.

    One iterative pass over the tree, so time is linear and nesting depth does not
    matter: the fallback for pages too large for trafilatura.
    """
    parts: list[str] = []
    skipping = 0  # depth inside a skipped subtree
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""  # comments, PIs
        if event == "start":
            if skipping or tag in _SKIPPED_TAGS:
                skipping += 1
            elif tag in _BLOCK_TAGS:
                parts.append("\n")
            if not skipping and tag and element.text:
                parts.append(element.text)
            continue
        if skipping:
            skipping -= 1
        elif tag in _BLOCK_TAGS:
            parts.append("\n")
        if not skipping and element.tail:
            parts.append(element.tail)
    return "".join(parts).split("\n")


# Elements only: the parser drops comments and processing instructions (both loaders'
# parsers have remove_comments and remove_pis), and counting them too cost six times more.
_COUNT = etree.XPath("count(descendant-or-self::*)")


def _too_large(tree: HtmlElement, html: str) -> bool:
    """Whether the tree has more than :data:`MAX_EXTRACT_ELEMENTS` elements.

    Each element is a start tag (one ``<``) or one the parser implies: ``html``, ``head``,
    ``body``, and a ``<p>`` around a text run, of which there is at most one more than
    there are tags. A page with few ``<`` is therefore small without counting (a C-speed
    ``str.count``); the others are counted with an XPath in C, cheaper than a Python loop
    that stops at the limit."""
    if 2 * html.count("<") + 4 <= MAX_EXTRACT_ELEMENTS:
        return False
    return int(_COUNT(tree)) > MAX_EXTRACT_ELEMENTS


def parse_document(html: str, *, url: str | None = None, source: str | None = None, **fields) -> Document:
    """A Document from a page's ``html``, already sanitized (as :func:`newsclean.reading.reader.read` does)."""
    from newsclean.reading.htmlload import CUT_SHORT, REPARSED

    try:
        tree, depth = parse_whole(html, source=source, sanitized=True)  # the reader sanitized it
    except InputError:
        return _soup_document(
            html, url=url, source=source, why="a fragment lxml's loader rejects", fragment=True, **fields
        )
    meta = read_metadata(tree, url)
    if depth == CUT_SHORT:  # even huge_tree stopped early: the tree misses the page's end
        title = meta.pop("title")
        meta.pop("url")
        metadata = {**{k: v for k, v in meta.items() if v}, "input": "html"}
        return _soup_document(
            html,
            url=url,
            source=source,
            why=f"nested deeper than lxml parses ({DEEP_LIMIT} levels)",
            title=title,
            metadata=metadata,
            **fields,
        )
    too_large = _too_large(tree, html)
    if too_large:
        paragraphs = extract_plain(tree)
    else:
        paragraphs = extract_body(tree)
    title = meta.pop("title")
    doc_url = meta.pop("url")
    metadata = {k: v for k, v in meta.items() if v}
    metadata["input"] = "html"
    if too_large:
        metadata["extraction"] = (
            f"plain text of a page with over {MAX_EXTRACT_ELEMENTS} elements (too large for trafilatura)"
        )
    elif depth == REPARSED:
        metadata["extraction"] = f"parsed with lxml's huge_tree: the page nests deeper than {SHALLOW_LIMIT} levels"
    words = sum(len(p.split()) for p in paragraphs)
    if not words and not tree.text_content().strip() and _has_text_outside_tags(html):
        return _soup_document(
            html,
            url=url,
            source=source,
            why="markup text the parsed tree does not hold",
            title=title,
            metadata=metadata,
            **fields,
        )
    page = None if too_large else read_hints(tree, words, paragraphs)
    return Document.from_paragraphs(paragraphs, title=title, url=doc_url, metadata=metadata, page=page, **fields)


#: libxml2's nesting limits: by default, and with ``huge_tree``.
SHALLOW_LIMIT, DEEP_LIMIT = 255, 2048

_TAG_OR_SPACE = re.compile(r"<[^<>]{0,2000}>|\s+")


def _has_text_outside_tags(html: str) -> bool:
    """Cheap: does the markup hold any text at all? (Only asked when extraction found none.)"""
    return bool(_TAG_OR_SPACE.sub("", html[:2_000_000]).strip())


def _soup_document(
    html: str, *, url, source, why: str, title=None, metadata=None, fragment: bool = False, **fields
) -> Document:
    from newsclean.reading.soupfallback import fragment_paragraphs, soup_paragraphs

    paragraphs = fragment_paragraphs(html) if fragment else soup_paragraphs(html)
    if not any(p.strip() for p in paragraphs) and metadata is None:
        raise InputError("not parseable as HTML", source)
    reader = "BeautifulSoup (lxml) fallback" if fragment else "tag-stripping fallback"
    metadata = {**(metadata or {}), "input": "html", "extraction": f"{reader}: {why}"}
    return Document.from_paragraphs(paragraphs, title=title, url=url, metadata=metadata, **fields)
