"""The standfirst (dek, sub-headline) repeated as the first paragraph, for HTML input only.

Extractors read the summary printed under a headline as the article's first paragraph.
The page says what it is: a heading element (``h2``-``h6``) inside the small block that
holds the ``<h1>`` (see :func:`newsclean.reading.pagehints.read_hints`). A paragraph goes when it
is one of those texts, word for word, within the first ``window`` paragraphs:
``the standfirst printed under the headline``.

A summary set as ``<p class="lead">`` is not used (on many pages that is the article's
first paragraph), nor is the meta description (most ledes repeat it).
"""

from __future__ import annotations

from newsclean.cleaners.base import Cleaner
from newsclean.document import Document


class Standfirst(Cleaner):
    name = "standfirst"
    summary = "the sub-headline the page prints under its headline, read back as the first paragraph"

    def __init__(self, window: int = 3):
        self.window = window

    def __call__(self, doc: Document) -> Document:
        page = doc.page
        if page is None or not page.standfirsts:
            return doc
        reasons = {
            i: "the standfirst printed under the headline"
            for i, tokens in enumerate(doc.tokens[: self.window])
            if " ".join(tokens) in page.standfirsts
        }
        return doc.drop(reasons, by=self.name)
