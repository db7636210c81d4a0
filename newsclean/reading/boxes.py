"""Widget boxes: the small blocks a page builds around a form or an ad slot.

Whatever a site calls its classes, the widgets inside look the same everywhere, because
browsers and ad servers need them to:

* a ``<form>`` with an e-mail or password field or a ``<textarea>`` is a sign-up, log-in
  or comment form (a search box has neither);
* an ad slot is an ``<ins class="adsbygoogle">`` or an ``<iframe>`` served from an ad host.

Both are found by their tag in a walk the page hints make anyway. Ad slots known only by
their ``data-`` attributes, and share bars known by their links' targets, would each need
a search over every element or link of the page, which costs more than all the other
page hints together; they are left to the class names (:mod:`.markers`).

The box is the widget's nearest ancestor with more text than the widget, widened through
wrappers that add none: the heading and pitch ("Every Friday in your inbox") printed
around a sign-up form, the label ("Advertisement") above an ad. That text is what an
extractor keeps once it has dropped the widget. Climbing stops at the page's frame
(``body``, ``article``, ``main``) and wherever the caller says (too long, or holding two
paragraphs of prose); a box holds at most :data:`MAX_CHARS` characters besides the
widget's own: a heading and a sentence or two, never a section of the story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml.html import HtmlElement

#: The elements that may be widgets, by their tag.
WIDGET_TAGS = ("form", "ins", "iframe")
_TEXT_FIELDS = frozenset(("email", "password"))
#: Hosts that serve ads into iframes (a substring of the ``src``'s host).
_AD_HOSTS = (
    "doubleclick.net",
    "googlesyndication.com",
    "adservice.google",
    "amazon-adsystem.com",
    "adnxs.com",
    "criteo.",
    "taboola.com",
    "outbrain.com",
    "smartadserver.com",
    "pubmatic.com",
    "rubiconproject.com",
    "openx.net",
    "yieldmo.com",
    "teads.tv",
)
#: A box holds at most this many characters (spaces not counted): a heading, a pitch of a
#: sentence or two, labels.
MAX_BOX_CHARS = 400
FORM, AD = "form", "ad"
#: The most text, besides the widget's own, printed beside each kind of widget: a form's
#: heading and pitch; an ad's label ("Advertisement · story continues below").
MAX_CHARS = {FORM: MAX_BOX_CHARS, AD: 40}
_FRAME = frozenset(("html", "body", "article", "main"))

REASONS = {
    FORM: "beside a sign-up, log-in or comment form on the page (<form> with an e-mail, password or text field)",
    AD: "beside an ad slot on the page",
}


def widget_kind(element: HtmlElement) -> str | None:
    """:data:`FORM` or :data:`AD` for a form or an ad slot, else None (only elements named
    in :data:`WIDGET_TAGS` can be one)."""
    tag = element.tag
    if tag == "form":
        for field in element.iter("input", "textarea"):
            if field.tag == "textarea" or (field.get("type") or "").strip().lower() in _TEXT_FIELDS:
                return FORM
        return None
    if tag == "ins" and "adsbygoogle" in (element.get("class") or ""):
        return AD
    if tag == "iframe":
        host = (element.get("src") or "").split("//", 1)[-1].split("/", 1)[0].lower()
        if any(ad in host for ad in _AD_HOSTS):
            return AD
    return None


def find_boxes(
    widgets: Iterable[tuple[str, HtmlElement]], stops: Callable[[HtmlElement], bool]
) -> list[tuple[str, HtmlElement]]:
    """``(kind, box)`` of each of the ``widgets``' boxes (``(kind, element)`` pairs, see
    :func:`widget_kind`), outermost boxes only.

    A widget's box is its nearest ancestor with more text than the widget's own, widened
    through wrappers that add no text; none when the climb reaches the page's frame or an
    ancestor ``stops`` refuses first, or when the box holds more than a widget of its kind
    is printed with (:data:`MAX_CHARS`). The nearest, not the largest: ad slots often sit
    in the article's header, beside its headline and byline."""
    found: dict[HtmlElement, str] = {}
    for kind, widget in widgets:
        own = text_size(widget)
        box, size = None, 0
        for ancestor in widget.iterancestors():
            if ancestor.tag in _FRAME or stops(ancestor):
                break
            here = text_size(ancestor)
            if box is None:
                if here > own:
                    if here - own > MAX_CHARS[kind]:
                        break
                    box, size = ancestor, here
            elif here == size:
                box = ancestor
            else:
                break
        if box is not None:
            found.setdefault(box, kind)
    return [(kind, box) for box, kind in found.items() if not any(a in found for a in box.iterancestors())]


def text_size(element: HtmlElement) -> int:
    """Characters of text, the spaces around each text node not counted (markup's indentation)."""
    return sum(len(chunk.strip()) for chunk in element.itertext())
