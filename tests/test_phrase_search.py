"""The automaton-backed phrase index answers exactly as running every phrase's regex would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean.phrases import book
from newsclean.phrases.book import PhraseIndex, _Automaton, index, required_literals
from newsclean.textutil import fold

TEXTS = [
    "please support our journalism today",
    "unsupported claims; then: please support us, please support us again",
    "we ask you to support us - support independent news",
    "donate now to help. donated already? donate again",
    "no phrase here at all",
    "",
    "support",
    "supports supporting support us",
    "leave a reply cancel reply",
    "© 2024 the daily ledger. all rights reserved.",
    "read more: the budget vote",
    "follow us on twitter @ledger",
]
FIXTURES = Path(__file__).parent / "fixtures" / "cleaners"


def _fixture_paragraphs() -> list[str]:
    out = []
    for path in sorted(FIXTURES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            out.extend(fold(p) for p in case.get("paragraphs", ()))
    return out


CORPUS = TEXTS + _fixture_paragraphs()
FAMILIES = sorted(
    {
        (s, k)
        for lang in book.languages()
        for s, t in book.load(lang).items()
        for k, v in t.items()
        if isinstance(v, list)
    }
)


def brute_search(family: PhraseIndex, text: str):
    """Every phrase's regex on the text; the leftmost match, the longest there."""
    found = [m for m in (p.search(text) for p in family._phrases) if m]
    return min(found, key=lambda m: (m.start(), -m.end()), default=None)


def brute_match(family: PhraseIndex, text: str, whole: bool):
    for phrase in family._phrases:
        found = (phrase.whole if whole else phrase.start).match(text)
        if found:
            return found
    return None


def span(match):
    return match and match.span()


@pytest.mark.parametrize("section,key", FAMILIES, ids=lambda v: str(v))
def test_the_automaton_never_hides_a_match(section, key):
    family = index(section, key)
    for text in CORPUS:
        assert span(family.search(text)) == span(brute_search(family, text)), text
        assert span(family.search(text, book.anchors_in(text))) == span(brute_search(family, text)), text
        for whole in (False, True):
            assert span(family.match(text, whole=whole)) == span(brute_match(family, text, whole)), text


def test_anchors_of_a_whole_paragraph_serve_a_part_of_it():
    text = "-- leave a reply --"
    part = text.strip(" -")
    assert span(index("comments", "lines").match(part, anchors=book.anchors_in(text))) == (0, len("leave a reply"))


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"please (donate|support us)", {"please "}),
        (r"(make|making) a (one-time |monthly )?(donation|contribution)", {"donation", "contribution"}),
        (r"\d+ (comments?|responses?|replies)\W*$", {"comment", "response", "replies"}),
        (r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+){1,10}\W*$", {"@"}),
        (r"\A(?:[\w'-]+ ){0,3}newsletters?\W*$", {"newsletter"}),
        (r"支持我们", {"支持我们"}),
        (r"[\w-]+", None),
    ],
)
def test_required_literals(pattern, expected):
    found = required_literals(pattern)
    assert (set(found) if found else None) == expected


def test_phrases_of_unspaced_scripts_match_inside_a_run_of_letters():
    # Chinese writes no spaces: "please support us" sits inside one \w+ run. A phrase of
    # such a language must not demand a word start, one of a spaced script must.
    automaton = _Automaton()
    unspaced = PhraseIndex([("请支持我们", False)], automaton)
    spaced = PhraseIndex([("ad\\b", True)], automaton)
    assert span(unspaced.search("感谢阅读请支持我们的新闻工作")) == (4, 9)
    assert spaced.search("the road is closed") is None
    assert span(spaced.search("an ad here")) == (3, 5)


def test_every_family_is_in_the_one_automaton():
    book._all_indexes()
    for section, key in FAMILIES:
        family = index(section, key)
        assert family._automaton is book._AUTOMATON
        assert set(family._by_anchor) <= set(book._AUTOMATON.ids.values())
