"""The element names both plain-text readers of HTML share (:mod:`.htmlinput`'s tree walk for
pages too large for trafilatura, :mod:`.soupfallback`'s readers): page chrome whose text is
skipped, and block elements that end a paragraph."""

from __future__ import annotations

CHROME_TAGS = frozenset(
    ("script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button", "select", "svg",
     "iframe", "header")
)  # fmt: skip
BLOCK_TAGS = frozenset(
    ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "main",
     "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figcaption", "hr", "body", "html")
)  # fmt: skip
