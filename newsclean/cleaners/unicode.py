"""Unicode repair with ftfy: mojibake ("donâ€™t" -> "don’t"), stray escapes, NFC.

ftfy knows hundreds of encoding mix-ups a hand-written table would miss, and it explains
nothing it did not change. Quotes are left to the ``quotes`` cleaner (so its
typographic mode can keep them) and character width is left alone (fullwidth
punctuation is correct in Chinese and Japanese). Pure-ASCII paragraphs skip ftfy:
they cannot hold mojibake.
"""

from __future__ import annotations

from ..document import Document
from .base import Cleaner


class UnicodeRepair(Cleaner):
    name = "unicode"
    summary = "repair mojibake and broken Unicode with ftfy (quotes and character widths untouched)"

    def __call__(self, doc: Document) -> Document:
        import ftfy

        config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
        new = {i: ftfy.fix_text(p, config) for i, p in enumerate(doc.paragraphs) if not p.isascii()}
        doc = doc.rewrite(new, reason="repaired broken Unicode (ftfy)", by=self.name)
        if doc.title and not doc.title.isascii():
            doc = doc.retitle(ftfy.fix_text(doc.title, config), reason="repaired broken Unicode (ftfy)", by=self.name)
        return doc
