"""Every language's phrase file catches its own cruft, category by category, and leaves its
news alone.

The cases (``fixtures/phrases/languages.json``) were written for this test, one realistic
line per category and language, plus news sentences *about* donations, comments and
subscriptions that no phrase may touch. Each category is checked the way its cleaner
matches: appeals and newsletter/promos/copyright anywhere, comments/social/credits/tags at
the start, related headings as the whole line, ad markers as all of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean.cleaners.ads import only_markers
from newsclean.cleaners.related import _inline
from newsclean.phrases.book import index, languages
from newsclean.textutil import fold

CASES = json.loads((Path(__file__).parent / "fixtures" / "phrases" / "languages.json").read_text(encoding="utf-8"))

EDGES = " -–—•*|>»›:·#_"


def _search(section, key):
    return lambda text: index(section, key).search(text)


def _start(section, key):
    return lambda text: index(section, key).match(text.strip(EDGES))


MATCHERS = {
    "appeal": _search("appeals", "strong"),
    "opener": lambda text: index("appeals", "openers").match(text.lstrip(" \"'")),
    "comments": _start("comments", "lines"),
    "related": lambda text: index("related", "headings").match(text.strip(EDGES).rstrip("?"), whole=True),
    "inline": lambda text: _inline().match(text.lstrip(EDGES)),
    "ads": only_markers,
    "newsletter": _search("newsletter", "lines"),
    "social": _start("social", "lines"),
    "credits": _start("credits", "lines"),
    "copyright": _search("copyright", "lines"),
    "promos": _search("promos", "lines"),
    "tags": _start("tags", "lines"),
}
# The families a line of ordinary reporting is exposed to anywhere in an article.
ANYWHERE = ("appeal", "comments", "related", "inline", "ads", "newsletter", "promos")


def test_every_language_with_cases_has_a_phrase_file():
    assert set(CASES) <= set(languages())
    assert len(languages()) >= 25


@pytest.mark.parametrize("lang,category", [(lang, c) for lang in CASES for c in MATCHERS], ids=lambda v: str(v))
def test_cruft_line_matches(lang, category):
    line = CASES[lang][category]
    assert MATCHERS[category](fold(line)), f"{lang} {category}: {line!r} not caught"


@pytest.mark.parametrize("lang", sorted(CASES))
def test_news_about_the_same_topics_matches_nothing(lang):
    for sentence in CASES[lang]["news"]:
        hits = [c for c in ANYWHERE if MATCHERS[c](fold(sentence))]
        assert not hits, f"{lang}: {sentence!r} matched {hits}"


@pytest.mark.parametrize("lang", sorted(CASES))
def test_an_article_keeps_its_news_and_loses_its_cruft(lang):
    import newsclean

    case = CASES[lang]
    news = case["news"] * 3
    tail = [
        case[c]
        for c in ("related", "inline", "ads", "comments", "appeal", "newsletter", "social", "credits", "copyright")
    ]
    doc = newsclean.clean("\n".join([case["credits"], *news, *tail]))
    assert [p for p in doc.paragraphs if p in news] == news
    assert not [p for p in tail if p in doc.paragraphs]


@pytest.mark.parametrize(
    "sentence",
    [
        "Fake parcel-delivery messages are landing in your inbox at a rate of several million a week.",
        "Enter your email address only on the bank's official website, the service advises.",
        "Reporting by the BBC first revealed last year that some victims had waited eight months.",
        "Shop now, pay later schemes have soared in popularity, and the code will also cover them.",
    ],
)
def test_reporting_that_uses_furniture_words_matches_no_family(sentence):
    # Sentences from issue 12's list of news the cleaners removed: each family must need
    # more than the words ("in your inbox", "reporting by", "shop now") to fire.
    text = fold(sentence)
    hits = [c for c in ("newsletter", "promos", "credits", "social", "comments", "appeal") if MATCHERS[c](text)]
    assert not hits


def test_a_credit_line_still_matches():
    for line in (
        "Reporting by Jane Doe; Editing by John Smith",
        "(Reporting by Ali Kucukgocmen in Istanbul)",
        "Additional reporting by Tom Brown",
    ):
        assert MATCHERS["credits"](fold(line)), line


@pytest.mark.parametrize(
    "line",
    [
        "Share: WhatsApp · Facebook · Copy link",
        "Поделиться: ВКонтакте · Telegram · Одноклассники",
        "แชร์: LINE · Facebook",
        "Teilen: Facebook | X | E-Mail",
    ],
)
def test_a_share_bar_in_any_language_is_social(line):
    # The label may be in a language without phrases; the platform names are the evidence.
    assert MATCHERS["social"](fold(line))


def test_news_naming_platforms_is_not_a_share_bar():
    assert not MATCHERS["social"](fold("Facebook, WhatsApp and Instagram were down for hours on Monday."))
