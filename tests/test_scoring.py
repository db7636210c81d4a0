"""The benchmark scorers on tiny hand-made strings, against hand-computed figures."""

from __future__ import annotations

import doctest

import pytest

from bench import categories, gate, judge, scoring
from bench.scoring import PageCounts, SegmentCounts, score_segments, score_shingles, segment_counts, shingle_counts


@pytest.mark.parametrize("module", [scoring, categories, gate], ids=lambda m: m.__name__)
def test_bench_doctests(module):
    # pytest's --doctest-modules skips bench/ (it is not part of the package), so run them here.
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_tokens_are_unicode_words_with_case_kept():
    assert scoring.tokens("Über-Straße: l'été 2019!") == ["Über", "Straße", "l", "été", "2019"]


def test_short_text_gives_one_short_shingle_and_empty_text_none():
    assert scoring.shingles("one two") == {("one", "two"): 1}
    assert scoring.shingles("") == {}


def test_shingle_counts_are_normalised_per_page():
    # gold shingles: abcd, bcde; output shingles: abcd, bcdx -> TP 1, FP 1, FN 1
    counts = shingle_counts("a b c d e", "a b c d x")
    assert (counts.tp, counts.fp, counts.fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert counts.precision == pytest.approx(0.5) and counts.recall == pytest.approx(0.5)
    assert not counts.exact


def test_repeated_output_counts_as_false_positives():
    counts = shingle_counts("a b c d", "a b c d a b c d")
    # output shingles: abcd x2, bcda, cdab, dabc -> TP 1, FP 4
    assert counts.precision == pytest.approx(1 / 5)
    assert counts.recall == 1.0


def test_edge_cases_follow_the_readme():
    assert shingle_counts("a b c d", "a b c d").precision == 1.0  # FP = FN = 0
    empty_output = shingle_counts("a b c d", "")
    assert empty_output.precision == 0.0 and empty_output.recall == 0.0
    nothing_to_find = shingle_counts("", "a b c d")
    assert nothing_to_find.recall == 0.0 and nothing_to_find.precision == 0.0


def test_corpus_means_skip_pages_without_output_or_gold():
    pages = [
        PageCounts(1.0, 0.0, 0.0, True),  # perfect
        PageCounts(0.0, 0.0, 1.0, False),  # empty output: no precision, recall 0
        PageCounts(0.5, 0.5, 0.0, False),  # half boilerplate
    ]
    scores = score_shingles(pages)
    assert scores.precision == pytest.approx((1.0 + 0.5) / 2)
    assert scores.recall == pytest.approx((1.0 + 0.0 + 1.0) / 3)
    assert scores.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert scores.accuracy == pytest.approx(1 / 3)


def test_quotes_are_folded_on_both_sides():
    gold = "He said “no” and left. It’s over."
    assert shingle_counts(gold, 'He said "no" and left. It\'s over.').exact
    with_ = ["He said “no”"]
    assert segment_counts('He said "no" and left.', with_, []).tp == 1
    assert segment_counts("He said “no” and left.", ['He said "no"'], []).tp == 1
    assert segment_counts('Il a dit "non".', ["Il a dit « non »."], []).tp == 1


def test_segments_match_after_whitespace_normalisation():
    counts = segment_counts(
        "The  storm\nhit the coast.\nShare this", ["storm hit  the\tcoast"], ["Share this", "Subscribe"]
    )
    assert counts == SegmentCounts(tp=1, fn=0, fp=1, tn=1)


def test_segment_match_is_exact_otherwise():
    assert segment_counts("The Storm hit", ["storm hit"], []).fn == 1  # case matters
    assert segment_counts("a—b", ["a-b"], []).fn == 1  # dashes are not folded


def test_failed_extraction_finds_nothing_and_leaks_nothing():
    assert segment_counts(None, ["a", "b"], ["c"]) == SegmentCounts(fn=2, tn=1)


def test_segment_scores_are_micro_averaged():
    scores = score_segments([SegmentCounts(tp=3, fn=1, fp=1, tn=3), SegmentCounts(tp=1, fn=0, fp=0, tn=1)])
    assert scores.precision == pytest.approx(4 / 5)
    assert scores.recall == pytest.approx(4 / 5)
    assert scores.f1 == pytest.approx(8 / 10)
    assert scores.accuracy == pytest.approx(8 / 10)


def test_line_judgements():
    gold = judge.GoldBody("The storm hit the coast on Monday. Officials said two people were hurt.")
    assert gold.verdict("The storm hit the coast on Monday.") == judge.GOLD
    assert gold.verdict("Subscribe to our daily newsletter today") == judge.BOILERPLATE
    assert gold.verdict("Monday.") == judge.GOLD  # short line: found as a token run
    budget = gold.unclaimed("The storm hit the coast on Monday.")
    assert gold.verdict("The storm hit the coast on Monday.", budget) == judge.BOILERPLATE  # already in the output
    assert judge.segment_verdict("Read more: the storm", ["storm hit the coast"], ["Read more"]) == judge.BOILERPLATE
    assert judge.segment_verdict("An unrelated line of text here", ["storm"], ["Read more"]) == judge.UNJUDGED


@pytest.mark.parametrize(
    "line, expected",
    [
        ("© 2019 Example Media. All rights reserved.", "copyright / legal"),
        ("Lesen Sie auch: Sturm an der Küste", "related / read more"),
        ("Follow us on Twitter", "share / follow / contact"),
        ("Updated: Tue., Nov. 19, 2019", "date / time line"),
        ("Weather", "short fragment (label, nav, headline)"),
    ],
)
def test_leftover_categories(line, expected):
    assert categories.categorize(line) == expected


def test_headline_repeated_in_the_body_is_its_own_category():
    assert categories.categorize("Storm hits the coast", title="Storm hits the coast") == "headline repeated"
