"""Skip trafilatura's readability comparison on pages where its answer cannot be used.

After its own extraction, trafilatura runs a second extractor, readability, over the
whole page and compares (``trafilatura.external.compare_extraction``). With the balanced
focus newsclean uses, readability's text replaces trafilatura's only when

* trafilatura's text is empty, or
* readability's text is more than twice as long, or
* readability's text is longer than ``2 * min_extracted_size`` and trafilatura's body is
  structurally deficient (no paragraph text, or more tables than paragraphs).

Readability first drops scripts and styles; after that it only deletes elements and
moves others, in document order, into its summary, and the one text it adds is "VIDEO"
in a video ``<iframe>``. So the page's remaining text, whitespace collapsed, plus six
characters per iframe, bounds the length of readability's text. When that bound is at
most twice trafilatura's length and the body is not deficient, none of the conditions
can hold: readability (a sixth of trafilatura's time) is skipped, and trafilatura goes
on exactly as after a readability run it did not prefer (an empty summary, the value it
uses when readability fails), to the same justext check and the same output.

The tree readability receives is a private copy that it mutates and trafilatura then
discards. The gate strips its scripts and styles itself (tails kept, as readability's
``drop_tree`` keeps them), measures the text, and hands the same copy on when
readability has to run: readability finds nothing left to drop and proceeds as usual.

Pages holding raw-text elements (``<xmp>``, ``<noembed>``, ``<noframes>``,
``<plaintext>``) always run readability: re-parsing its serialised summary can lengthen
their text (an escaped ``&lt;`` stays literal there).

Installed as thin wrappers around ``trafilatura.core.compare_extraction`` and
``trafilatura.external.try_readability`` that change nothing unless newsclean's own
extraction is running (a context variable, so other trafilatura calls in the process are
untouched), and only for the trafilatura versions whose comparison rule is reproduced
above (:data:`VERIFIED_VERSIONS`); with any other version trafilatura runs as it is.
``tests/test_readability_gate.py`` and the benchmark pages (all 672 identical with and
without the gate) pin the equivalence.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

import trafilatura
from lxml.etree import strip_elements, tostring
from lxml.html import HtmlElement

#: trafilatura versions whose ``compare_extraction`` rule this module reproduces.
VERIFIED_VERSIONS = frozenset({"2.3.1"})

_RAW_TEXT_TAGS = ("xmp", "noembed", "noframes", "plaintext")
_ACTIVE = contextvars.ContextVar("newsclean_readability_gate", default=False)
_SKIP = contextvars.ContextVar("newsclean_readability_skip", default=False)


def readability_text_bound(tree: HtmlElement) -> int | None:
    """An upper bound on the length of the text readability can extract from ``tree``
    (``trim``-ed, as trafilatura measures it), or None when no bound is known.

    Strips the tree's scripts and styles in place, as readability itself would first.
    """
    if next(tree.iter(*_RAW_TEXT_TAGS), None) is not None:
        return None
    strip_elements(tree, "script", "style", with_tail=False)
    text = tostring(tree, method="text", encoding="unicode")
    iframes = sum(1 for _ in tree.iter("iframe"))
    return len(" ".join(text.split())) + 6 * iframes


def readability_cannot_win(raw_tree: HtmlElement, body, text: str, options) -> bool:
    """True when trafilatura's comparison keeps its own extraction whatever readability
    returns. Strips ``raw_tree``'s scripts and styles (see :func:`readability_text_bound`)."""
    if options.focus != "balanced" or not text:
        return False
    bound = readability_text_bound(raw_tree)
    if bound is None or bound > 2 * len(text):
        return False
    if bound <= 2 * options.min_extracted_size:
        return True
    deficient = not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p"))
    return not deficient


def _install() -> bool:
    """Wrap trafilatura's comparison once; False for a trafilatura version not verified."""
    if getattr(trafilatura, "__version__", None) not in VERIFIED_VERSIONS:
        return False
    from trafilatura import core, external

    if getattr(core.compare_extraction, "newsclean_gate", False):
        return True
    compare, try_readability = core.compare_extraction, external.try_readability

    def gated_compare(cleaned_tree, raw_tree, body, text, options):
        if not (_ACTIVE.get() and readability_cannot_win(raw_tree, body, text, options)):
            return compare(cleaned_tree, raw_tree, body, text, options)
        token = _SKIP.set(True)
        try:
            return compare(cleaned_tree, raw_tree, body, text, options)
        finally:
            _SKIP.reset(token)

    def gated_readability(htmlinput):
        return HtmlElement() if _SKIP.get() else try_readability(htmlinput)

    gated_compare.newsclean_gate = True  # type: ignore[attr-defined]
    core.compare_extraction = gated_compare
    external.try_readability = gated_readability
    return True


INSTALLED = _install()


@contextmanager
def active(enabled: bool = True) -> Iterator[None]:
    """Within the block, this thread's trafilatura extractions skip readability where it cannot win."""
    token = _ACTIVE.set(enabled and INSTALLED)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
