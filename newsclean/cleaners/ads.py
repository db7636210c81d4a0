"""Advertisement markers: "- Advertisement -", "spot_img", "Story continues below advertisement",
"Anzeige", "Publicité", ...

A paragraph goes when nothing is left of it once the ``[ads] markers`` are taken off its
start one after another, with the dashes, pipes and bullets between them (the longest
marker wins at each step: "Annonce partenaire", not "Annonce" and a stray word).

An ad slot's label often carries a few words the marker lists cannot foresee, so two
shapes of label line go as well:

* a marker, a separator (``·``, ``|``, a dash, ``:`` or ``.``) and a short tail of at most
  four words that does not end like a sentence: "Publicité · la suite après",
  "Реклама. 18+", "Sponsored · Continue below";
* a two-word line, a marker and one more word written in lower case (or the whole line in
  capitals): "Реклама партнера", "Annonce partenaire", "REKLAM ALANI".

Markers of fewer than five letters in the Latin script ("ad", "pub", "pr") count only on
their own: "Pub quiz" and "Ad revenue" are subheadings. A paragraph that only begins with
such a word ("Advertising revenue rose 5%") keeps its text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsclean.cleaners.base import Cleaner
from newsclean.document import Document
from newsclean.phrases.book import entries

_SEPARATORS = " \t-–—•*|:·_=~()[]"
#: What may part a label from its tail ("Publicité · la suite après", "Реклама. 18+").
_TAIL_SEPARATOR = re.compile(r"[·|•:.\-–—]+")
_MAX_TAIL_WORDS = 4
#: Shorter Latin-script markers ("ad", "pub", "pr") are common words: only alone.
_MIN_LABEL_LETTERS = 5


@lru_cache(maxsize=1)
def _marker() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for _, p in entries("ads", "markers"))
    return re.compile(rf"\A(?:{alternatives})(?!\w)")


@lru_cache(maxsize=1)
def _each_marker() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?:{p})(?!\w)") for p in dict.fromkeys(p for _, p in entries("ads", "markers")))


def longest_marker(text: str) -> re.Match[str] | None:
    """The longest marker at the start of ``text``: "annonce partenaire", not "annonce" (a
    regex alternation takes the first alternative that matches). The one alternation
    screens the text; the entries one by one run only on a line that starts with a marker."""
    if not _marker().match(text):
        return None
    best = None
    for pattern in _each_marker():
        match = pattern.match(text)
        if match and (best is None or match.end() > best.end()):
            best = match
    return best


def only_markers(folded: str, first: re.Match[str] | None = None) -> bool:
    """True when the (folded) paragraph is made of ad markers and separators alone.
    ``first``: :func:`longest_marker` of the stripped paragraph, when already known."""
    text = folded.strip(_SEPARATORS)
    if not text:
        return False
    for step in range(20):  # a line of more than 20 markers is not furniture we recognise
        match = first if step == 0 and first is not None else longest_marker(text)
        if not match:
            return False
        text = text[match.end() :].lstrip(_SEPARATORS)
        if not text:
            return True
    return False


def label_line(paragraph: str, folded: str, match: re.Match[str] | None = None) -> str | None:
    """How a short line reads as an ad slot's label with a few words more (see the module
    docstring), or None. ``match``: :func:`longest_marker` of the stripped paragraph, if known."""
    text = folded.strip(_SEPARATORS)
    match = match or longest_marker(text)
    if not match or (match.group().isascii() and len(match.group()) < _MIN_LABEL_LETTERS):
        return None
    rest = text[match.end() :]
    separator = _TAIL_SEPARATOR.match(rest.lstrip())
    if separator:
        tail = rest.lstrip()[separator.end() :].strip()
        if tail and len(tail.split()) <= _MAX_TAIL_WORDS and not tail.endswith((".", "!", "?")):
            return "an advertisement label and a short tail"
        return None
    words = paragraph.split()
    if len(words) == 2 and len(rest.split()) == 1 and (words[1][:1].islower() or paragraph.isupper()):
        return "an advertisement label of two words"
    return None


class AdMarkers(Cleaner):
    name = "ads"
    context_free = True  # each paragraph judged by its own text alone
    summary = "advertisement markers such as '- Advertisement -', 'spot_img', 'Anzeige', 'Publicité'"

    def __call__(self, doc: Document) -> Document:
        reasons = {}
        for i, (paragraph, folded) in enumerate(zip(doc.paragraphs, doc.folded)):
            if len(paragraph) > 200:
                continue
            first = longest_marker(folded.strip(_SEPARATORS))
            if first is None:
                continue  # the common case: no marker at the start
            if only_markers(folded, first):
                reasons[i] = f"advertisement marker {paragraph.strip()!r}"
            elif len(paragraph) <= 60 and (shape := label_line(paragraph.strip(), folded, first)):
                reasons[i] = f"{shape}: {paragraph.strip()!r}"
        return doc.drop(reasons, by=self.name)
