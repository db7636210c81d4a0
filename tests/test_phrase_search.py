"""The phrase index's find-then-match search answers exactly as ``re.search`` would."""

from __future__ import annotations

import pytest

from newsclean.phrases.book import PhraseIndex, _search_at, index

TEXTS = [
    "please support our journalism today",
    "unsupported claims; then: please support us, please support us again",
    "we ask you to support us - support independent news",
    "donate now to help. donated already? donate again",
    "no phrase here at all",
    "",
    "support",
    "supports supporting support us",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_match_as_re_search(text):
    phrases = PhraseIndex([r"support (us|independent \w+)", r"(please|kindly) support", r"donate( now)?\b", r"ad\b"])
    for lists in phrases._by_key.values():
        for pattern, starts in lists:
            expected = pattern.search(text)
            found = _search_at(pattern, starts, text)
            assert (found and found.span()) == (expected and expected.span())


def test_real_family_unchanged():
    strong = index("appeals", "strong")
    for text in TEXTS:
        for lists in strong._by_key.values():
            for pattern, starts in lists:
                expected = pattern.search(text)
                found = _search_at(pattern, starts, text)
                assert (found and found.span()) == (expected and expected.span())
