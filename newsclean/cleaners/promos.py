"""Promotions and affiliate notes: "If you buy something through this post, we may get a share
of the sale", "Download our app", "GET FOX BUSINESS ON THE GO BY CLICKING HERE", "Also on
rt.com ...".

Anywhere, a paragraph of at most ``max_words`` words that contains a ``[promos] lines``
phrase.
"""

from newsclean.cleaners.phrase_lines import PhraseLineCleaner


class Promos(PhraseLineCleaner):
    name = "promos"
    context_free = True  # each paragraph judged by its own text alone
    summary = "affiliate disclosures, app and channel promotions, cross-site teasers"
    section = "promos"
    mode = "search"
    label = "promotion"
