"""Unicode repair with ftfy: mojibake ("donâ€™t" -> "don’t"), stray escapes, NFC.

ftfy knows hundreds of encoding mix-ups a hand-written table would miss, and it explains
nothing it did not change. Quotes are left to the ``quotes`` cleaner (so its
typographic mode can keep them) and character width is left alone (fullwidth
punctuation is correct in Chinese and Japanese). ftfy runs only on paragraphs
that show a trace of mojibake (a cheap regular expression), since it costs more than all
the other cleaners together on clean text.
"""

from __future__ import annotations

import re

from newsclean.cleaners.base import Cleaner
from newsclean.document import Document

# What mojibake looks like: C1 controls, or a UTF-8 lead byte read as Latin-1/cp1252
# (Ã, Â, â, Ð, ...) followed by a continuation byte read the same way; also U+FFFD.
# ftfy costs tens of microseconds a paragraph, so it runs only where this matches.
_LATIN1_OR_REPLACEMENT = re.compile("[\x80-\xff\ufffd]")  # a cheap first look: mojibake needs one
_SUSPECT = re.compile(
    "[\x80-\x9f\ufffd]|[ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
)


class UnicodeRepair(Cleaner):
    name = "unicode"
    context_free = True  # each paragraph judged by its own text alone
    summary = "repair mojibake and broken Unicode with ftfy (quotes and character widths untouched)"

    def __call__(self, doc: Document) -> Document:
        import ftfy

        text = f"{doc.title or ''}\n{doc.text}"
        if not _LATIN1_OR_REPLACEMENT.search(text) or not _SUSPECT.search(text):
            return doc  # one scan of the whole document decides the common case
        config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
        new = {
            i: ftfy.fix_text(p, config) for i, p in enumerate(doc.paragraphs) if not p.isascii() and _SUSPECT.search(p)
        }
        doc = doc.rewrite(new, reason="repaired broken Unicode (ftfy)", by=self.name)
        if doc.title and _SUSPECT.search(doc.title):
            doc = doc.retitle(ftfy.fix_text(doc.title, config), reason="repaired broken Unicode (ftfy)", by=self.name)
        return doc
