"""Comment-form and comment-section furniture: "Please enter your comment!", "Leave a Reply", ...

Matches only short paragraphs that *start* with a known form phrase (per-language lists
in ``phrases/*.toml``, ``[comments] lines``), so a body sentence such as "He declined
to comment" never matches.
"""

from __future__ import annotations

from newsclean.cleaners.base import Cleaner, phrase_anchors, quote_match
from newsclean.cleaners.signals.evidence import reads_as_reporting
from newsclean.document import Document
from newsclean.phrases.book import index


class CommentFurniture(Cleaner):
    name = "comments"
    context_free = True  # each paragraph judged by its own text alone
    summary = "comment forms and comment-section lines (WordPress, Newspaper theme, Disqus), in 10 languages"

    def __init__(self, max_words: int = 30):
        self.max_words = max_words

    def __call__(self, doc: Document) -> Document:
        lines = index("comments", "lines")
        reasons = {}
        for i, (paragraph, folded) in enumerate(zip(doc.paragraphs, doc.folded)):
            if doc.word_counts[i] > self.max_words:
                continue
            stripped = folded.strip(" -–—•*|")
            match = lines.match(stripped, anchors=phrase_anchors(doc, i))
            offset = len(folded) - len(folded.lstrip(" -–—•*|"))
            if match and not reads_as_reporting(doc, i, (match.start() + offset, match.end() + offset)):
                reasons[i] = f"matched {quote_match(paragraph.strip(' -–—•*|'), stripped, match)!r}"
        return doc.drop(reasons, by=self.name)
