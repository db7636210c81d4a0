"""Bylines, credits and dateline furniture at the top or bottom of an article:
"Reporting by ...; Editing by ...", "... contributed to this report", "With Post wires",
"Staff Reports", "Updated at 1:23 p.m.", "Reading time: 2 minutes", "SOURCE: News agencies".

Only the first ``head`` and last ``tail`` paragraphs are examined, each of at most
``max_words`` words, and a paragraph must *start* with a ``[credits] lines`` phrase (or, for
phrases written to match anywhere, contain one), so a body sentence that mentions
"reporting" is never touched.
"""

from newsclean.cleaners.phrase_lines import PhraseLineCleaner


class Credits(PhraseLineCleaner):
    name = "credits"
    summary = "bylines, reporting credits, datelines and reading-time lines at the top or bottom"
    section = "credits"
    zone = "edges"
    label = "credit line"
