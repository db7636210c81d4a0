"""Date and time lines at the top or bottom: "segunda-feira, 22 de janeiro de 2018 às 0:13",
"Updated: Nov. 20, 2019 11:28 AM EST", "2019-11-19T08:57:40+01:00", "Mi, 03.02.2021, 14:05 Uhr".

A paragraph goes when every one of its words is a number or a date word (month and weekday
names and connectors such as "de", "às", "um", "Uhr", "updated", from ``[dates] words``
in the phrase files), and it holds a date or a time: a four-digit year, ``12:30``, or
``22.01.2018``-style digits. Only the first ``head`` and last ``tail`` paragraphs are read,
at most ``max_words`` words each: a date line in the middle of a text can be a
sub-heading of a diary or a live blog.

"March 2020 was the warmest on record" has words that are not date words and stays;
a lone number such as "2018" stays (a list item, a score).
"""

from __future__ import annotations

import re

from newsclean.cleaners.base import Cleaner, edge_indices
from newsclean.document import Document
from newsclean.phrases.book import date_words

_HAS_DATE = re.compile(r"\b(1[89]|20)\d\d\b|\b\d{1,2}[:h]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d\d-\d\d")
# "+81 158-23-2012": digits in the shape of a phone number, not of a date.
_PHONE = re.compile(r"(?:^|\s)\+\d|(?<!\d)\d{3}-\d")
# ISO timestamps tokenise into pieces such as "19t08"; ordinals into "22nd".
_NUMERIC = re.compile(r"\d+[a-z]{0,2}\d*")


class DateLines(Cleaner):
    name = "date_lines"
    summary = "date and time lines at the top or bottom (publication stamps, 'updated' lines)"

    def __init__(self, max_words: int = 14, head: int = 3, tail: int = 3):
        self.max_words = max_words
        self.head = head
        self.tail = tail

    def __call__(self, doc: Document) -> Document:
        vocabulary = date_words()
        reasons = {}
        for i in edge_indices(len(doc.paragraphs), self.head, self.tail):
            tokens = doc.tokens[i]
            if (
                len(tokens) < 2
                or len(tokens) > self.max_words
                or not _HAS_DATE.search(doc.paragraphs[i])
                or _PHONE.search(doc.paragraphs[i])
            ):
                continue
            if all(t in vocabulary or _NUMERIC.fullmatch(t) for t in tokens):
                reasons[i] = "a date or time line"
        return doc.drop(reasons, by=self.name)
