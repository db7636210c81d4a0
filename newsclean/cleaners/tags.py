"""Tag and category lines: "Tags: ...", "Filed under: ...", "Topics: ...", "Schlagworte: ...".

Only the last ``tail`` paragraphs (and the first ``head``), each of at most ``max_words``
words, that start with a ``[tags] lines`` label followed by a colon or pipe.
"""

from newsclean.cleaners.phrase_lines import PhraseLineCleaner


class TagLines(PhraseLineCleaner):
    name = "tags"
    summary = "'Tags:', 'Filed under:', 'Topics:' lines"
    section = "tags"
    zone = "edges"
    label = "tag line"
