"""The fallback readers, for HTML that trafilatura's loader rejects or lxml cannot represent.

* :func:`fragment_paragraphs`: a lone fragment (``<p>...</p>`` with no document around it),
  which trafilatura's loader rejects, is read by BeautifulSoup over lxml's parser. lxml is
  linear, unlike Python's ``html.parser`` (see below), and BeautifulSoup repairs what a
  fragment leaves open and gives one tree to walk for the text.
* :func:`soup_paragraphs`: a one-pass tag stripper for what no tree holds: pages nested
  deeper than libxml2 builds, or text the parsed tree lost.

libxml2, under lxml and trafilatura, stops building the tree 256 levels deep (2048 with
``huge_tree``) and drops the rest of the page, and trafilatura's loader rejects a lone
fragment such as ``<p>...</p>``. This reader builds no tree, so depth does not matter:
it walks the markup once with one regular expression, skipping page chrome, and breaks
a paragraph at each block element. Every token match consumes what it matched (an
unclosed tag or comment runs to the end of the page, as in a browser), so time is
linear in the page, unlike Python's ``html.parser``, which rescans an unclosed start
tag at each new chunk: ``'<p x=1 ' * 8000`` took it 22 s.
"""

from __future__ import annotations

import html as html_entities
import re

from newsclean.reading.htmltags import BLOCK_TAGS, CHROME_TAGS

# The page chrome, less <header> (here a block: a fragment's header is often its text), and
# elements whose text is no paragraph.
_SKIPPED = (CHROME_TAGS - {"header"}) | {"textarea", "title", "object"}
# Elements whose content is raw text: it ends only at the matching end tag.
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"))
_BLOCKS = BLOCK_TAGS | {"header"}
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
)
# A comment, a declaration or processing instruction, or a tag; each runs to the end of
# the input when it is never closed.
_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<[!?][^>]*(?:>|\Z)|<(/?)([a-zA-Z][^\s/>]*)[^>]*(?:>|\Z)", re.S)


def fragment_paragraphs(markup: str) -> list[str]:
    """Text outside page chrome, a paragraph break at each block element, by BeautifulSoup
    over lxml (libxml2 stops 256 levels deep: a deeper fragment also gets the stripper's text)."""
    from bs4 import BeautifulSoup  # only for fragments: most pages never need it

    soup = BeautifulSoup(markup, "lxml")
    for element in soup.find_all(list(_SKIPPED)):
        element.decompose()
    for element in soup.find_all(list(_BLOCKS)):
        element.insert_before("\n")
        element.insert_after("\n")
    paragraphs = soup.get_text().split("\n")
    stripped = soup_paragraphs(markup)
    # A fragment cut short by the depth limit: the stripper saw more of it.
    if sum(len(p) for p in stripped) > 2 * sum(len(p) for p in paragraphs) + 100:
        return stripped
    return paragraphs


def soup_paragraphs(markup: str) -> list[str]:
    """Text outside page chrome, a paragraph break at each block element, at any depth."""
    parts: list[str] = []
    skipping: list[str] = []  # the open skipped elements, innermost last
    pos = 0
    while True:
        match = _TOKEN.search(markup, pos)
        if not skipping:
            parts.append(html_entities.unescape(markup[pos : match.start() if match else len(markup)]))
        if match is None:
            break
        pos = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name:
            continue
        if closing:
            if name in skipping:  # closes it and whatever inside it was left open
                del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
        elif name in _RAW_TEXT:  # its content is not markup: jump to its end tag
            end = re.compile(f"</{name}", re.I).search(markup, pos)
            pos = len(markup) if end is None else end.start()
            if name not in _SKIPPED:
                parts.append(markup[match.end() : pos])
            continue
        elif name in _SKIPPED and name not in _VOID:
            skipping.append(name)
        if name in _BLOCKS and not skipping:
            parts.append("\n")
    return "".join(parts).split("\n")
