"""Corpus mode against a small planted corpus (the benchmark's generator, scrapinghub text only).

The scale run (100,000 documents, throughput, memory) is ``python -m bench.corpus_bench``;
this is the same quality check at a size the default test run can afford.
"""

from __future__ import annotations

import pytest
from conftest import SHARED

from newsclean.corpus import clean_corpus

corpus_gen = pytest.importorskip("bench.corpus_gen")
corpus_quality = pytest.importorskip("bench.corpus_quality")


@pytest.fixture(scope="module")
def planted():
    if not (SHARED / "benchdata" / "scrapinghub" / "ground-truth.json").exists():
        pytest.skip(f"benchdata not found under {SHARED}")
    paragraphs = corpus_gen.source_paragraphs(trafeval=False, benchdata=SHARED / "benchdata")
    pairs = list(corpus_gen.generate(1200, seed=99, n_sites=25, paragraphs=paragraphs))
    return [record for record, _ in pairs], [truth for _, truth in pairs]


def test_planted_corpus_meets_the_quality_bars(planted):
    records, truth = planted
    output = list(clean_corpus(records, near_duplicates="mark", learn_boilerplate=True, jobs=2))
    quality = corpus_quality.evaluate(output, truth)
    assert quality["copies_at_0.7"] >= 50  # the corpus really plants copies
    assert quality["recall_at_0.7"] >= 0.95
    assert quality["unplanted_marked"] == 0
    assert quality["boilerplate_left"] < 0.05
    assert quality["shared_quotes"] >= 10 and quality["quotes_kept"] == 1.0
    assert quality["body_removed_as_boilerplate"] == 0
