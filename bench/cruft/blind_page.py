"""The two page templates used only for the blind set (see :mod:`bench.cruft.pages`).

Their markup is written for this set and copies no real site's class names:

* ``newsroom``: landmark elements (``header``, ``nav``, ``main``, ``article``, ``aside``),
  a side rail with an ad unit, comment and sign-up forms with real controls, share links
  that carry only icons, and a closing foreign-language footer moved into the page footer;
* ``appshell``: a page built by a script: every element's class is a generated name,
  there is no ``<article>``, and only the controls, links and iframes give cruft away.
"""

from __future__ import annotations

import hashlib
from html import escape
from itertools import groupby
from urllib.parse import quote

from bench.cruft.dataset import LabelledDoc

_SHARE = (
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u="),
    ("X", "https://x.com/intent/post?url="),
    ("WhatsApp", "https://wa.me/?text="),
    ("E-mail", "mailto:?body="),
)


def _css(seed: str) -> str:
    """A generated class name, as CSS-in-JS tools print them."""
    return "css-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:7]


def _paragraphs(texts: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{escape(t)}</p>" for t in texts)


def _share_links(url: str, cls: str) -> str:
    return "".join(
        f'<a class="{cls}" href="{base}{quote(url, safe="")}" aria-label="{name}" rel="noopener">'
        f'<svg width="20" height="20" aria-hidden="true"><use href="#i-{name.lower()}"></use></svg></a>'
        for name, base in _SHARE
    )


def _newsroom_block(category: str, texts: list[str], url: str, n: int) -> str:
    if category == "appeal":
        head, tail = texts, ""
        if len(texts) > 1 and len(texts[-1]) < 45:  # a short last line is the button
            head, tail = (
                texts[:-1],
                f'<a class="btn btn--primary" href="/support?src=inline-{n}">{escape(texts[-1])}</a>',
            )
        return (
            f'<aside class="story-insert story-insert--support" aria-label="support">{_paragraphs(head)}{tail}</aside>'
        )
    if category == "comments":
        hints = "".join(f'<p class="talk__hint">{escape(t)}</p>' for t in texts[2:])
        label = f'<label for="talk-body-{n}">{escape(texts[1])}</label>' if len(texts) > 1 else ""
        return (
            f'<section class="talk" id="discussion"><h2 class="talk__title">{escape(texts[0])}</h2>'
            f'<form class="talk__form" method="post" action="/talk/post">{label}'
            f'<textarea id="talk-body-{n}" name="body" rows="4"></textarea>{hints}'
            '<input type="text" name="nick" autocomplete="nickname"><input type="submit" value="➤"></form></section>'
        )
    if category == "related":
        if len(texts) == 1:
            return f'<p class="read-next"><a href="/2026/11/next-{n}">{escape(texts[0])}</a></p>'
        items = "".join(f'<li><a href="/2026/11/story-{n}-{i}">{escape(t)}</a></li>' for i, t in enumerate(texts[1:]))
        return f'<nav class="more-links" aria-label="more"><h2>{escape(texts[0])}</h2><ol>{items}</ol></nav>'
    if category == "ad":
        labels = "".join(f'<span class="unit__label">{escape(t)}</span>' for t in texts)
        return (
            f'<div class="unit unit--inline" data-unit-path="/story/mid-{n}">{labels}'
            '<iframe title="advertisement" src="about:blank" width="300" height="250" loading="lazy"></iframe></div>'
        )
    if category == "newsletter":
        return (
            f'<section class="signup-card">{_paragraphs(texts)}<form action="/lists/join" method="post">'
            '<input type="email" name="address" placeholder="name@example.com" required>'
            '<input type="submit" value="OK"></form></section>'
        )
    if category == "social":
        return f'<div class="story-tools">{_paragraphs(texts)}{_share_links(url, "story-tools__link")}</div>'
    if category == "duplicate":
        return "".join(f'<h2 class="story__title story__title--sticky">{escape(t)}</h2>' for t in texts)
    return f'<div class="story-legal">{_paragraphs(texts)}</div>'  # foreign_footer in the middle of the page


def _appshell_block(category: str, texts: list[str], url: str, n: int) -> str:
    box, para = _css(f"{category}-box"), _css(f"{category}-p")
    if category == "comments":
        fields = "".join(
            f'<div class="{_css("field")}"><span class="{para}">{escape(t)}</span></div>' for t in texts[1:]
        )
        return (
            f'<div class="{box}"><div class="{_css("h")}" role="heading" aria-level="2">{escape(texts[0])}</div>'
            f'<form class="{_css("form")}">{fields}<div contenteditable="true" role="textbox"></div>'
            f'<button type="submit" class="{_css("btn")}"></button></form></div>'
        )
    if category == "related" and len(texts) > 1:
        items = "".join(
            f'<a class="{_css("card")}" href="/n/{n}{i:02d}"><div class="{para}">{escape(t)}</div></a>'
            for i, t in enumerate(texts[1:])
        )
        return f'<div class="{box}"><div class="{_css("h")}">{escape(texts[0])}</div><div>{items}</div></div>'
    if category == "ad":
        labels = "".join(f'<div class="{para}">{escape(t)}</div>' for t in texts)
        return f'<div class="{box}" id="slot-{n}">{labels}<iframe src="about:blank" width="728" height="90"></iframe></div>'
    if category == "newsletter":
        return (
            f'<div class="{box}">{_paragraphs(texts, para)}<form class="{_css("form")}">'
            f'<input type="email" placeholder="@"><button type="submit" class="{_css("btn")}"></button></form></div>'
        )
    if category == "social":
        return f'<div class="{box}">{_paragraphs(texts, para)}{_share_links(url, _css("icon"))}</div>'
    if category == "appeal":
        link = f'<a class="{_css("btn")}" href="/join?ref={n}"></a>'
        return f'<div class="{box}">{_paragraphs(texts, para)}{link}</div>'
    return f'<div class="{box}">{_paragraphs(texts, para)}</div>'  # duplicate, foreign_footer: text only


def render(doc: LabelledDoc, template: str, site_name: str, sections: tuple[str, ...]) -> tuple[str, list[str]]:
    """``(html, furniture)``: the page, and the furniture texts it adds (scored as cruft)."""
    title = doc.lines[0].text
    url = f"https://{doc.site.removeprefix('blind-')}/{doc.id}"
    groups = [(label, [line.text for line in group]) for label, group in groupby(doc.lines[1:], key=lambda x: x.label)]
    tail_footer: list[str] = []
    if template == "newsroom" and groups and groups[-1][0] == "cruft:foreign_footer":
        tail_footer = groups.pop()[1]
    block = _newsroom_block if template == "newsroom" else _appshell_block
    body = []
    for n, (label, texts) in enumerate(groups):
        if label.startswith("cruft:"):
            body.append(block(label[6:], texts, url, n))
        else:
            body.append(_paragraphs(texts, "" if template == "newsroom" else _css("text")))
    copyright_line = f"© 2026 {site_name}"
    furniture = [site_name, *sections, copyright_line]
    direction = ' dir="rtl"' if doc.lang in ("ar", "he") else ""
    head = (
        f'<!DOCTYPE html><html lang="{doc.lang}"{direction}><head><meta charset="utf-8">'
        f'<meta property="og:url" content="{escape(url)}">'
        f"<title>{escape(title)} – {escape(site_name)}</title></head><body>"
    )
    if template == "newsroom":
        nav = "".join(f'<li><a href="/s/{i}">{escape(s)}</a></li>' for i, s in enumerate(sections))
        page = (
            f'{head}<header class="masthead"><a class="masthead__brand" href="/">{escape(site_name)}</a>'
            f'<nav aria-label="sections"><ul>{nav}</ul></nav><form role="search" action="/find">'
            '<input type="search" name="q"></form></header><div class="grid">'
            f'<main id="content"><article class="story"><header class="story__head"><h1>{escape(title)}</h1>'
            f'<time datetime="2026-11-30T08:00">30.11.2026</time></header><div class="story__text">{"".join(body)}</div>'
            '</article></main><aside class="rail"><div class="unit unit--rail" data-unit-path="/rail/top">'
            '<iframe title="advertisement" src="about:blank" width="300" height="600"></iframe></div></aside></div>'
            f'<footer class="colophon">{_paragraphs(tail_footer)}<p>{escape(copyright_line)}</p></footer></body></html>'
        )
    else:
        nav = "".join(f'<a class="{_css("nav-a")}" href="/c/{i}">{escape(s)}</a>' for i, s in enumerate(sections))
        page = (
            f'{head}<div id="root"><div class="{_css("top")}"><a class="{_css("logo")}" href="/">{escape(site_name)}</a>'
            f'<div class="{_css("nav")}">{nav}</div></div><main class="{_css("main")}">'
            f'<h1 class="{_css("h1")}">{escape(title)}</h1><div class="{_css("story")}">{"".join(body)}</div></main>'
            f'<div class="{_css("bottom")}"><span>{escape(copyright_line)}</span></div></div>'
            '<script>window.__STATE__={"page":"story"}</script></body></html>'
        )
    return page, furniture
