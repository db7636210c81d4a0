"""Trailing passages in a language other than the article's (a Turkish member-login
footer under an English story).

Only the tail is examined, from the last paragraph backwards, at most ``max_paragraphs``
deep, and the scan stops at the first paragraph in the article's language: a quotation
in another language inside the body is never looked at. Each paragraph is first judged
by the cheap guess in :mod:`newsclean.language` (script and function words); seeded
langdetect is called only to confirm a suspected difference, so an article whose last
paragraph is plainly in its own language costs no langdetect call at all.
"""

from __future__ import annotations

from ..document import Document
from ..language import detect, guess
from ..phrasebook import stopwords
from ..textutil import words
from .base import Cleaner, is_quoted_speech


def _plainly_in(paragraph: str, lang: str) -> bool:
    """True when the paragraph's function words point to ``lang`` and to no other language."""
    tokens = words(paragraph)
    table = stopwords()
    if lang not in table:
        return False
    hits = {code: sum(1 for t in tokens if t in ws) for code, ws in table.items()}
    own = hits.pop(lang)
    return own >= 1 and own > max(hits.values(), default=0)


class ForeignFooter(Cleaner):
    name = "foreign_footer"
    summary = "trailing paragraphs in a language other than the article's (langdetect, seeded)"

    def __init__(self, max_paragraphs: int = 6, min_probability: float = 0.9, min_letters: int = 30):
        self.max_paragraphs = max_paragraphs
        self.min_probability = min_probability
        self.min_letters = min_letters

    def __call__(self, doc: Document) -> Document:
        paragraphs = doc.paragraphs
        if len(paragraphs) < 3:
            return doc
        body = "\n".join(paragraphs[: max(1, len(paragraphs) - self.max_paragraphs)])
        article = doc.language or guess(body)[0] or detect(body)[0]
        if article is None:
            return doc
        reasons: dict[int, str] = {}
        limit = max(len(paragraphs) - self.max_paragraphs, len(paragraphs) // 2)
        for i in range(len(paragraphs) - 1, limit - 1, -1):
            paragraph = paragraphs[i]
            if sum(ch.isalpha() for ch in paragraph) < self.min_letters:
                continue  # too short for a reliable language ("©2019", "Log in"): look past it
            if is_quoted_speech(paragraph) or _plainly_in(paragraph, article):
                break
            cheap, _ = guess(paragraph)
            if cheap == article:
                break
            lang, probability = detect(paragraph)
            if lang is None or lang == article or probability < self.min_probability:
                break
            reasons[i] = f"language {lang} ({probability:.2f}) differs from article {article}"
        doc = doc.drop(reasons, by=self.name)
        return doc if doc.language else doc.evolve(language=article)
