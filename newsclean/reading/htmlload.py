"""Parse HTML exactly as trafilatura's ``load_html`` does, without its costliest no-op.

``load_html`` first deletes characters XML cannot hold with a regular expression over
the whole page: over a millisecond on a typical news page, more than all of newsclean's
own reading of the tree. The page almost never has one, and a plain substring test
proves it ten times faster. The rest of the loader's repairs are repeated here
verbatim; any page off the common path (such a character present, a parse error, an
implausibly small tree) goes to ``load_html`` itself, so the tree always has the nodes
trafilatura would build (only the Python class of its elements differs: see ``PARSER``).
``tests/test_htmlload.py`` pins the two together.
"""

from __future__ import annotations

from lxml.etree import ElementDefaultClassLookup, ErrorTypes
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, HTML_PARSER, load_html

# trafilatura's HTML_PARSER options, with one change. lxml.html picks each element's Python
# class (FormElement, InputElement, ...) through a Python callback, run whenever Python code
# touches an element for the first time: about a tenth of trafilatura's extraction time and
# more of newsclean's own tree reading. A C-level lookup gives every element ``HtmlElement``,
# so the tree has the same nodes, text and methods; only the form-field classes' extra
# properties (``.value``, ``.fields``) are missing, and neither trafilatura (readability and
# justext included) nor newsclean reads them.
PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_LOOKUP = ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)
PARSER.set_element_class_lookup(_LOOKUP)
# libxml2 stops building the tree 256 elements deep and drops the rest of the page
# (trafilatura's loader too). ``huge_tree`` raises that limit to 2048; only a page the
# first parse cut short is parsed again with it.
DEEP_PARSER = HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
)
DEEP_PARSER.set_element_class_lookup(_LOOKUP)

# What trafilatura's INVALID_XML_CHARS matches: C0 controls but tab, newline and CR, and
# the two non-characters. One ``in`` per character is a C-speed scan.
_NONCHARACTERS = ("\ufffe", "\uffff")
_INVALID = tuple(chr(c) for c in range(32) if c not in (9, 10, 13)) + _NONCHARACTERS


def _repair(html: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html`` for a page known to hold no invalid character."""
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


def load(html: str, *, sanitized: bool = False) -> HtmlElement | None:
    """The tree ``trafilatura.utils.load_html(html)`` returns, for a str, or None.

    ``sanitized``: ``html`` has been through :func:`newsclean.reading.decoding.sanitize`, which
    removed the C0 controls, so only the two non-characters are looked for (the 29 other
    scans cost a fifth of a millisecond on a typical page).
    """
    return _load(html, sanitized)[0]


def _load(html: str, sanitized: bool) -> tuple[HtmlElement | None, HTMLParser]:
    """:func:`load`'s tree, and the parser that built it (its error log tells how the parse ended)."""
    if any(char in html for char in (_NONCHARACTERS if sanitized else _INVALID)):
        return load_html(html), HTML_PARSER
    beginning = html[:50].lower()
    try:
        tree = fromstring(_repair(html, beginning), parser=PARSER)
    except Exception:  # an encoding declaration, a parser error: the loader's own fallbacks
        return load_html(html), HTML_PARSER
    if tree is None or len(tree) < 1 or ("html" not in beginning and len(tree) < 2):
        return load_html(html), HTML_PARSER  # it retries as bytes, or rejects the page
    return tree, PARSER


#: What :func:`load_whole` says about a page nested too deep for the first parse.
REPARSED, CUT_SHORT = "reparsed", "cut short"


def load_whole(html: str, *, sanitized: bool = False) -> tuple[HtmlElement | None, str | None]:
    """:func:`load`, and when libxml2's depth limit cut the tree short, the page again with
    ``huge_tree``: ``(tree, None)``, ``(tree, REPARSED)``, or ``(tree, CUT_SHORT)`` when even
    that tree misses the page's end (nesting over 2048 levels: text must come from elsewhere).
    """
    tree, parser = _load(html, sanitized)
    if tree is None or not _cut_short(parser):
        return tree, None
    clean = html.translate(_INVALID_TABLE)  # what the loader strips (rare path: cost no matter)
    try:
        deep = fromstring(_repair(clean, clean[:50].lower()), parser=DEEP_PARSER)
    except Exception:  # keep the first tree
        return tree, CUT_SHORT
    return deep, CUT_SHORT if _cut_short(DEEP_PARSER) else REPARSED


_INVALID_TABLE = dict.fromkeys(map(ord, _INVALID))


def _cut_short(parser: HTMLParser) -> bool:
    """Whether the parser's last parse stopped at a resource limit (the nesting depth):
    libxml2 then drops everything after that point, silently."""
    return any(error.type == ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)
