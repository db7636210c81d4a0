"""The paths measured on the cruft set, each ``LabelledDoc -> list of kept flags``.

* extracted text: ``newsclean.clean(doc.text)``, the pre-commit hook's and most pipelines' input;
* HTML: ``newsclean.clean(page)`` on the document rendered by :mod:`bench.cruft.pages`;
* trafilatura alone on the same page, the reference the HTML path is compared with.

The title counts as output: newsclean moves a headline out of the body into ``doc.title``.
"""

from __future__ import annotations

import newsclean
from bench.cruft.dataset import LabelledDoc
from bench.cruft.match import kept
from bench.systems import trafilatura_alone


def _output(cleaned: newsclean.Document) -> list[str]:
    return ([cleaned.title] if cleaned.title else []) + list(cleaned.paragraphs)


def newsclean_text(doc: LabelledDoc) -> list[bool]:
    output = _output(newsclean.clean(doc.text))
    return kept([line.text for line in doc.lines], [line.cruft for line in doc.lines], output)


def page_flags(lines: list[tuple[str, str]], output: list[str]) -> list[bool]:
    """Kept flags for a rendered page's ``(label, text)`` lines (the document's, then the furniture's)."""
    return kept([t for _, t in lines], [label.startswith("cruft:") for label, _ in lines], output)


def newsclean_html(html: bytes, lines: list[tuple[str, str]]) -> list[bool]:
    try:
        output = _output(newsclean.clean(html))
    except newsclean.InputError:
        output = []
    return page_flags(lines, output)


def trafilatura_html(html: bytes, lines: list[tuple[str, str]], title: str) -> list[bool]:
    """trafilatura's body text, plus the headline: it prints no title, and scoring a lost title would be unfair."""
    text = trafilatura_alone(html) or ""
    return page_flags(lines, [title] + text.splitlines())
