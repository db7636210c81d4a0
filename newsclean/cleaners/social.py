"""Follow-us, share and contact lines: "Follow Newsbeat on Instagram, Facebook and Twitter",
"Like this story? Share it with a friend!", "Reach the reporter at ...", a bare
``twitter.com/handle`` or e-mail address.

Only the first ``head`` and last ``tail`` paragraphs, each of at most ``max_words`` words,
that start with a ``[social] lines`` phrase.
"""

from newsclean.cleaners.phrase_lines import PhraseLineCleaner


class SocialLines(PhraseLineCleaner):
    name = "social"
    summary = "follow-us, share-this and contact-the-reporter lines at the top or bottom"
    section = "social"
    zone = "edges"
    label = "social line"
