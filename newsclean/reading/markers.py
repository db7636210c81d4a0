"""Does a class or id name mark a boilerplate block? Whole words of the name, not substrings.

A page names its blocks in its own vocabulary, but the vocabulary of furniture is
shared: ``related-posts``, ``socialShare``, ``newsletter_signup``, ``sharebar``. A name is
split into words at spaces, hyphens, underscores and camelCase humps, and a block is
boilerplate when one of its words is a marker word (or a marker's inflection), when
consecutive words spell a marker phrase (``sign-up``, ``most-popular``), or when one
word is a marker glued to a furniture word (``sharebar`` = share + bar, ``relatedposts``).

Substrings are not enough: ``shareholder-letter``, ``advertorial-body`` and
``unrelated-findings`` hold a marker's letters and none of its meaning.

>>> marker_of("post-content related-posts")
'related'
>>> marker_of("socialShareButtons"), marker_of("sharebar"), marker_of("relatedpoststitle"), marker_of("most_popular")
('social', 'share', 'related', 'most popular')
>>> marker_of("shareholder-letter"), marker_of("advertorial-body"), marker_of("unrelated")
(None, None, None)
"""

from __future__ import annotations

import re
from functools import lru_cache

# Marker words with the inflections class names use. "tag" is not one (stage, vintage,
# hashtag sections of the article), nor "post" or "news" (every article is one).
_WORD_FAMILIES = {
    "related": ("related",),
    "recommend": ("recommend", "recommends", "recommended", "recommendation", "recommendations"),
    "newsletter": ("newsletter", "newsletters"),
    "subscribe": ("subscribe", "subscription", "subscriptions", "signup", "signups"),
    "social": ("social", "socials"),
    "share": ("share", "shares", "sharing", "sharethis", "addthis"),
    "promo": ("promo", "promos", "promotion", "promotions", "promoted"),
    "sponsor": ("sponsor", "sponsors", "sponsored", "sponsorship"),
    "advert": ("advert", "adverts", "advertisement", "advertisements", "advertising"),
    "byline": ("byline", "bylines", "authorbio", "authorinfo"),
    "copyright": ("copyright",),
    "taglist": ("taglist",),
    "breadcrumb": ("breadcrumb", "breadcrumbs"),
    "more stories": ("morestories",),
    "most popular": ("mostpopular",),
    "trending": ("trending",),
    "outbrain": ("outbrain",),
    "taboola": ("taboola",),
    "disqus": ("disqus",),
    "paywall": ("paywall", "paywalled"),
    "donate": ("donate", "donation", "donations"),
    "membership": ("membership", "memberships"),
    "follow us": ("followus",),
}
#: word -> the marker it stands for (the label reasons and tests use).
MARKER_WORDS: dict[str, str] = {word: label for label, words in _WORD_FAMILIES.items() for word in words}
#: Consecutive words that spell a marker; ``None`` matches any word ("latest-news", "latest-videos").
_PHRASES: tuple[tuple[tuple[str | None, ...], str], ...] = (
    (("sign", "up"), "subscribe"),
    (("follow", "us"), "follow us"),
    (("author", "bio"), "byline"),
    (("author", "info"), "byline"),
    (("tag", "list"), "taglist"),
    (("more", "stories"), "more stories"),
    (("most", "popular"), "most popular"),
    (("latest", None), "latest"),
)
# Furniture words a marker is glued to in one-word names: "sharebar", "relatedposts", "adsbox".
_FURNITURE = frozenset(
    (
        "bar",
        "box",
        "tool",
        "tools",
        "link",
        "links",
        "list",
        "widget",
        "widgets",
        "block",
        "blocks",
        "button",
        "buttons",
        "icon",
        "icons",
        "post",
        "posts",
        "article",
        "articles",
        "story",
        "stories",
        "news",
        "module",
        "container",
        "wrapper",
        "wrap",
        "section",
        "area",
        "panel",
        "menu",
        "form",
        "unit",
        "slot",
        "item",
        "items",
        "title",
        "header",
        "footer",
        "cta",
        "banner",
        "modal",
        "popup",
        "overlay",
        "teaser",
        "teasers",
        "content",
        "rail",
        "strip",
        "feed",
        "card",
        "cards",
    )
)
#: Letters every marker word or phrase contains: a cheap first test on the raw names.
STEMS = (
    "related",
    "recommend",
    "newsletter",
    "subscri",
    "sign",
    "social",
    "shar",
    "addthis",
    "promo",
    "sponsor",
    "advert",
    "byline",
    "author",
    "copyright",
    "tag",
    "breadcrumb",
    "more",
    "most",
    "trending",
    "outbrain",
    "taboola",
    "disqus",
    "paywall",
    "donat",
    "membership",
    "follow",
    "latest",
)
_STEMS = re.compile("|".join(STEMS))
_WORD_SPLIT = re.compile(r"[^0-9A-Za-z\u00C0-\uFFFF]+|(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> list[list[str]]:
    """The lower-cased words of each space-separated name in a class or id value."""
    return [[w.lower() for w in _WORD_SPLIT.split(token) if w] for token in name.split()]


def _glued(word: str) -> str | None:
    """The first marker in a word glued from marker and furniture words only
    ("sharebar", "relatedpoststitle", "socialshare"), or None."""
    if len(word) > 40:
        return None
    # best[i]: the first marker of a split of word[:i] into known words ("" none yet), or None.
    best: list[str | None] = [None] * (len(word) + 1)
    best[0] = ""
    label: str | None
    for i in range(len(word)):
        if best[i] is None:
            continue
        for j in range(i + 2, len(word) + 1):
            piece = word[i:j]
            if piece in MARKER_WORDS:
                label = best[i] or MARKER_WORDS[piece]
            elif piece in _FURNITURE:
                label = best[i]
            else:
                continue
            if best[j] is None or (not best[j] and label):
                best[j] = label
    return best[-1] or None


@lru_cache(maxsize=4096)
def marker_of(name: str) -> str | None:
    """The boilerplate marker a class/id value carries (its label), or None."""
    if not _STEMS.search(name.lower()):
        return None
    for words in name_words(name):
        for k, word in enumerate(words):
            if word in MARKER_WORDS:
                return MARKER_WORDS[word]
            for phrase, label in _PHRASES:
                if (
                    phrase[0] == word
                    and len(words) >= k + len(phrase)
                    and all(p is None or p == w for p, w in zip(phrase[1:], words[k + 1 :]))
                ):
                    return label
            if len(word) > 5 and (found := _glued(word)):
                return found
    return None
