"""Trailing passages in a language other than the article's (a Turkish member-login
footer under an English story).

Only the tail is examined, from the last paragraph backwards, at most ``max_paragraphs``
deep and never more than half the document, and the scan stops at the first paragraph
that is not confidently in another language: a quotation in another language inside the
body is never looked at, and neither is quoted speech at the end (a paragraph in quotation
marks, or one a colon introduces: "... he added in Turkish:").

Cost: the cheap guess in :mod:`newsclean.reading.language` (writing system, function words,
typical letters) screens each paragraph. Seeded langdetect runs only for a paragraph the
guess already places in another language, to confirm it and give the probability in the
reason; the article's own language is then confirmed with langdetect too (once per
document), since the cheap guess can misname a language it has no word list for. An article whose last paragraph reads as its own
language costs no langdetect call at all.

A page whose declared ``<html lang>`` is the suspected footer's language keeps the
paragraph: the article-language guess is then the likelier mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from newsclean.cleaners.base import Cleaner, is_quoted_speech
from newsclean.cleaners.signals.lexicon import lexicon
from newsclean.cleaners.signals.sentences import stoplist
from newsclean.document import Document
from newsclean.reading.language import detect, dominant_script, guess
from newsclean.textutil import ends_like_sentence, words

_OPENING_QUOTES = "\"'“„«‹‘‚「『"
_CLOSING_QUOTES = "\"'”“»›’‘」』"


# Languages langdetect confuses on a line or two: without the cheap guess's word evidence,
# one of them is never "another language" than its sibling.
_SIBLINGS = (
    {"da", "no", "nb", "nn", "sv"},
    {"cs", "sk"},
    {"ru", "uk", "bg", "be", "mk"},
    {"hr", "sr", "bs", "sl"},
    {"id", "ms", "tl"},
    {"es", "pt", "gl", "ca"},
)


def _reads_as_furniture(paragraph: str) -> bool:
    """A line of site furniture: no sentence end, and a menu separator or a copyright sign."""
    return not ends_like_sentence(paragraph) and any(mark in paragraph for mark in _FURNITURE_MARKS)


_FURNITURE_MARKS = ("·", "|", "•", "©", "®")


def _siblings(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and any(a in group and b in group for group in _SIBLINGS)


def _reads_as(language: str, paragraphs: Sequence[str]) -> bool:
    """The text holds the function words of ``language`` as running text does (a fifth of
    its words or more), where a jusText list for it exists."""
    name = lexicon(language).justext
    if name is None:
        return True
    tokens = words("\n".join(paragraphs)[:3000])
    function_words = stoplist(name)
    if not tokens or not function_words:
        return False
    return sum(t in function_words for t in tokens) >= 0.2 * len(tokens)


def is_quotation(paragraph: str, previous: str) -> bool:
    """Someone's words: the paragraph is wrapped in quotation marks, or a quote mark inside
    it follows a colon, or the paragraph before introduces it with a colon ("... he added
    in Turkish:"). A login footer is never quoted."""
    text = paragraph.strip()
    if text[:1] in _OPENING_QUOTES and text.rstrip(".!?…").endswith(tuple(_CLOSING_QUOTES)):
        return True
    if any(f"{colon} {q}" in text or f"{colon}{q}" in text for colon in ":：" for q in _OPENING_QUOTES):
        return True
    return previous.rstrip().endswith((":", "："))


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
        article, confirmed = doc.language or guess("\n".join(paragraphs)[:3000])[0], False
        unnamed = article is None  # neither the reader nor the cheap guess could name it
        declared = doc.metadata.get("html_lang")
        script: list[str | None] = []  # the article's writing system, read when first needed
        reasons: dict[int, str] = {}
        stop = max(len(paragraphs) - self.max_paragraphs, len(paragraphs) // 2)
        last = len(paragraphs) - 1
        for i in range(last, stop - 1, -1):
            paragraph = paragraphs[i]
            if len(list(islice(filter(str.isalpha, paragraph), self.min_letters))) < self.min_letters:
                last = i - 1
                continue  # too short to tell a language ("©2019", "Log in"): look past it
            if is_quoted_speech(paragraph) or is_quotation(paragraph, paragraphs[i - 1] if i else ""):
                break
            if unnamed and not _reads_as_furniture(paragraph):
                break  # against an article of unknown language, only furniture-shaped lines
            suspect, _ = guess(paragraph)
            # Another writing system than the article's (an English line under a Chinese
            # story) is evidence by itself; the cheap guess has no words for many lines.
            other_script = False
            if suspect is None:
                if not script:
                    script.append(dominant_script("\n".join(paragraphs[: len(paragraphs) // 2])))
                other_script = script[0] is not None and dominant_script(paragraph) not in (script[0], None)
            if suspect is None and not other_script and i == last and _reads_as_furniture(paragraph):
                # The cheap guess knows too few words for a short line of names ("X is a
                # member of the Y Alliance. Terms · Privacy"): a last line shaped like site
                # furniture (a menu, a copyright sign, no sentence end) is worth a langdetect
                # call of its own. An article's own last sentence is left to the guess.
                suspect, probability = detect(paragraph)
                if probability < self.min_probability or _siblings(suspect, article):
                    suspect = None  # langdetect tells Danish from Norwegian poorly on one line
            if suspect is None and not other_script:
                break
            if suspect is not None and suspect in (article, declared):
                break
            if not confirmed:  # the cheap guess can misname a language it has no list for
                (article, certainty), confirmed = detect("\n".join(paragraphs[:stop])[:3000]), True
                # An article whose own language is unsure (a mix, a list of names) has no
                # "other" language: a footer judged against a guess would change with the
                # guess. A line in another writing system differs from any of its guesses.
                if article is None or suspect == article or (certainty < self.min_probability and not other_script):
                    break
                if unnamed and not _reads_as(article, paragraphs[:stop]):
                    break  # a list of names or codes: langdetect's name for it is no language
            lang, probability = detect(paragraph)
            if lang is None or lang in (article, declared) or probability < self.min_probability:
                break
            if _siblings(lang, article):
                break  # Danish under Norwegian is likelier a misreading than a footer
            reasons[i] = f"language {lang} ({probability:.2f}) differs from article {article}"
        return doc.drop(reasons, by=self.name)
