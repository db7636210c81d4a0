"""The last resort for HTML that lxml cannot represent: BeautifulSoup's pure-Python parser.

libxml2, under lxml and trafilatura, stops building the tree 256 levels deep, so text
nested deeper silently disappears (a page of 100,000 nested ``<div>``s reads as empty),
and trafilatura's loader rejects a lone fragment such as ``<p>...</p>``. Python's
``html.parser``, through BeautifulSoup, has no depth limit and accepts any fragment. It
is ten to fifty times slower than lxml, so it runs only when the fast path produced no
text at all.
"""

from __future__ import annotations

_SKIPPED = ("script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button", "select", "svg")
_BLOCKS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
           "main", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figcaption", "hr")


def soup_paragraphs(html: str) -> list[str]:
    """Text outside page chrome, a paragraph break at each block element, at any depth.

    Walks ``descendants`` (an iterative generator) instead of editing the tree: bs4's
    insert and append look up the last descendant, which is quadratic on deep nesting.
    """
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_SKIPPED):
        tag.extract()
    parts: list[str] = []
    for node in soup.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                parts.append(str(node))
        elif node.name in _BLOCKS:
            parts.append("\n")
    return "".join(parts).split("\n")
