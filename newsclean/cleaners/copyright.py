"""Copyright and rights lines: "© Reuters", "Copyright 2019 The Associated Press. All rights
reserved.", "Alle Rechte vorbehalten", "무단전재 및 재배포 금지".

Only the first ``head`` and last ``tail`` paragraphs, each of at most ``max_words`` words,
that contain a ``[copyright] lines`` phrase.
"""

from newsclean.cleaners.phrase_lines import PhraseLineCleaner


class CopyrightLines(PhraseLineCleaner):
    name = "copyright"
    summary = "copyright and all-rights-reserved lines at the top or bottom"
    section = "copyright"
    zone = "edges"
    mode = "search"
    label = "copyright line"

    def __init__(self, max_words: int = 30, head: int = 3, tail: int = 6):
        super().__init__(max_words, head, tail)
