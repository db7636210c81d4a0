"""Render a labelled document as a plausible news page, so ``newsclean.clean(html)`` can be scored.

Each site gets one of a few templates (chosen by a hash of its site id) that differ in
how much the markup gives away: ``semantic`` puts cruft in ``<aside>``, ``<form>`` and
ad slots; ``cms`` uses the class names of common publishing systems; ``portal`` uses
neutral module names; ``plain`` prints every line as a ``<p>`` in the article body, so
only the words are left to go on. Every template adds page furniture (navigation, a site
footer) that is scored as cruft too, under the category ``furniture``.

Blind documents (site ids starting ``blind-``) get two templates of their own, which
nobody tunes on: ``newsroom`` (landmark elements, a side rail, forms with real controls,
share links with icons only, the footer moved out of the article) and ``appshell`` (a
script-built page: generated class names, no ``<article>``, the same controls and links),
so the blind HTML rows do not measure markup the cleaners learned.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape
from itertools import groupby

from bench.cruft import blind_page
from bench.cruft.dataset import BLIND_SITE_PREFIX, LabelledDoc

FURNITURE = "cruft:furniture"
TEMPLATES = ("semantic", "cms", "portal", "plain")
BLIND_TEMPLATES = ("newsroom", "appshell")

#: Navigation sections per language (politics, economy, sport, culture); English for the rest.
SECTIONS = {
    "en": ("Politics", "Business", "Sport", "Culture"),
    "de": ("Politik", "Wirtschaft", "Sport", "Kultur"),
    "es": ("Política", "Economía", "Deportes", "Cultura"),
    "fr": ("Politique", "Économie", "Sports", "Culture"),
    "it": ("Politica", "Economia", "Sport", "Cultura"),
    "nl": ("Politiek", "Economie", "Sport", "Cultuur"),
    "pl": ("Polityka", "Gospodarka", "Sport", "Kultura"),
    "pt": ("Política", "Economia", "Desporto", "Cultura"),
    "ru": ("Политика", "Экономика", "Спорт", "Культура"),
    "tr": ("Siyaset", "Ekonomi", "Spor", "Kültür"),
    "zh": ("时政", "财经", "体育", "文化"),
    "ja": ("政治", "経済", "スポーツ", "文化"),
    "ko": ("정치", "경제", "스포츠", "문화"),
    "ar": ("سياسة", "اقتصاد", "رياضة", "ثقافة"),
    "hi": ("राजनीति", "कारोबार", "खेल", "संस्कृति"),
    "cs": ("Politika", "Ekonomika", "Sport", "Kultura"),
    "th": ("การเมือง", "เศรษฐกิจ", "กีฬา", "วัฒนธรรม"),
    "sv": ("Politik", "Ekonomi", "Sport", "Kultur"),
    "da": ("Politik", "Økonomi", "Sport", "Kultur"),
    "no": ("Politikk", "Økonomi", "Sport", "Kultur"),
    "el": ("Πολιτική", "Οικονομία", "Αθλητισμός", "Πολιτισμός"),
    "uk": ("Політика", "Економіка", "Спорт", "Культура"),
    "id": ("Politik", "Ekonomi", "Olahraga", "Budaya"),
    "vi": ("Chính trị", "Kinh tế", "Thể thao", "Văn hóa"),
    "he": ("פוליטיקה", "כלכלה", "ספורט", "תרבות"),
}


@dataclass(frozen=True)
class Page:
    html: bytes
    template: str
    #: ``(label, text)`` of every scored line: the document's, then the furniture's.
    lines: tuple[tuple[str, str], ...]


def template_of(site: str) -> str:
    choices = BLIND_TEMPLATES if site.startswith(BLIND_SITE_PREFIX) else TEMPLATES
    return choices[hashlib.sha1(("template:" + site).encode("utf-8")).digest()[0] % len(choices)]


# class names per template and block kind; "plain" has none (every line is a <p> in the body)
_CLASSES = {
    "semantic": {
        "appeal": ("aside", "support-box"),
        "comments": ("section", "comments"),
        "related": ("aside", "related-links"),
        "ad": ("div", "ad-slot"),
        "newsletter": ("div", "newsletter-signup"),
        "social": ("div", "share-tools"),
        "foreign_footer": ("footer", "site-footer"),
    },
    "cms": {
        "appeal": ("div", "wp-block-group donation-cta"),
        "comments": ("div", "comment-respond"),
        "related": ("div", "jp-relatedposts"),
        "ad": ("div", "advert-inline"),
        "newsletter": ("div", "mc4wp-form"),
        "social": ("div", "sharedaddy"),
        "foreign_footer": ("div", "site-info"),
    },
    "portal": {
        "appeal": ("section", "module module--c7"),
        "comments": ("section", "module module--talk"),
        "related": ("section", "module module--list"),
        "ad": ("div", "module module--slot"),
        "newsletter": ("section", "module module--box"),
        "social": ("div", "module module--bar"),
        "foreign_footer": ("div", "module module--end"),
    },
}


def _block(template: str, category: str, texts: list[str]) -> str:
    paragraphs = "".join(f"<p>{escape(t)}</p>" for t in texts)
    if template == "plain":
        if category == "related" and len(texts) > 1:
            items = "".join(f'<li><a href="/a/{i}">{escape(t)}</a></li>' for i, t in enumerate(texts[1:]))
            return f"<p>{escape(texts[0])}</p><ul>{items}</ul>"
        return paragraphs
    if category == "duplicate":
        return "".join(f'<p class="headline-repeat"><strong>{escape(t)}</strong></p>' for t in texts)
    tag, cls = _CLASSES[template][category]
    if category == "related" and len(texts) > 1:
        items = "".join(f'<li><a href="/story/{i}">{escape(t)}</a></li>' for i, t in enumerate(texts[1:]))
        inner = f"<h3>{escape(texts[0])}</h3><ul>{items}</ul>"
    elif category == "comments":
        inner = f"<h3>{escape(texts[0])}</h3>" + "".join(f"<label>{escape(t)}</label>" for t in texts[1:])
        inner = f'<form action="/comment" method="post">{inner}<textarea name="c"></textarea></form>'
    elif category == "newsletter":
        inner = paragraphs + '<form action="/subscribe"><input type="email" name="e"></form>'
    elif category == "ad":
        inner = "".join(f"<span>{escape(t)}</span>" for t in texts) + '<div class="slot" data-size="300x250"></div>'
    else:
        inner = paragraphs
    return f'<{tag} class="{cls}">{inner}</{tag}>'


def _site_name(site: str) -> str:
    return site.removeprefix(BLIND_SITE_PREFIX).split(".")[0].replace("-", " ").title()


def render(doc: LabelledDoc) -> Page:
    template = template_of(doc.site)
    if template in BLIND_TEMPLATES:
        html, furniture = blind_page.render(doc, template, _site_name(doc.site), SECTIONS.get(doc.lang, SECTIONS["en"]))
        lines = tuple((line.label, line.text) for line in doc.lines) + tuple((FURNITURE, f) for f in furniture)
        return Page(html.encode("utf-8"), template, lines)
    title = doc.lines[0].text
    sections = SECTIONS.get(doc.lang, SECTIONS["en"])
    site_name = _site_name(doc.site)
    furniture = [site_name, *sections, f"© 2026 {site_name}"]
    nav = "".join(f'<li><a href="/{i}">{escape(s)}</a></li>' for i, s in enumerate(sections))
    body: list[str] = []
    for label, group in groupby(doc.lines[1:], key=lambda line: line.label):
        texts = [line.text for line in group]
        if label.startswith("cruft:"):
            body.append(_block(template, label[6:], texts))
        else:
            body.append("".join(f"<p>{escape(t)}</p>" for t in texts))
    direction = ' dir="rtl"' if doc.lang in ("ar", "he") else ""
    main_class = {"semantic": "article-body", "cms": "entry-content", "portal": "story__text", "plain": "txt"}[template]
    html = (
        f'<!DOCTYPE html><html lang="{doc.lang}"{direction}><head><meta charset="utf-8">'
        f"<title>{escape(title)} | {escape(site_name)}</title></head><body>"
        f'<header><a href="/" class="logo">{escape(site_name)}</a><nav><ul>{nav}</ul></nav></header>'
        f'<main><article><h1>{escape(title)}</h1><div class="{main_class}">{"".join(body)}</div></article></main>'
        f"<footer><p>{escape(furniture[-1])}</p></footer></body></html>"
    )
    lines = tuple((line.label, line.text) for line in doc.lines) + tuple((FURNITURE, f) for f in furniture)
    return Page(html.encode("utf-8"), template, lines)
