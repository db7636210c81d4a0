"""The shortcuts that make the plain-text path cheaper give the answers of the plain code.

Each test states the straightforward computation the shortcut replaces and checks that
the two agree (on generated input where that is cheap), or that a cache is handed on only
where its value cannot have changed. The output of ``clean()`` itself is compared on all
benchmark pages by ``/work/scratch/snap.py`` style snapshots (see docs/benchmarks.md).
"""

from __future__ import annotations

import string
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import Document, clean
from newsclean.cleaners.signals import signals_of
from newsclean.cleaners.signals.profile import document_lexicon
from newsclean.phrases.book import PhraseIndex, _Automaton, signature_letters, stopwords
from newsclean.reading.language import _best_stopword_language, dominant_script, script_of
from newsclean.reading.textinput import _collapse
from newsclean.textutil import fold, folded_words, words

_WHITESPACE = [chr(c) for c in range(0x3001) if chr(c).isspace()]
_TEXT = st.text(alphabet=st.sampled_from([*_WHITESPACE, *"ab .,İß’“Σς", "Ω", "中"]), max_size=12)


@given(_TEXT)
def test_collapse_is_join_split_on_a_stripped_line(line):
    line = line.strip()
    assert _collapse(line) == " ".join(line.split())


@given(st.text(max_size=30))
def test_tokens_of_folded_text_need_no_second_case_fold(text):
    assert folded_words(fold(text)) == words(fold(text))


def _plain_best_stopword_language(tokens, letters):
    """The language guess's scoring as first written: one set operation per language."""
    if not tokens:
        return None, 0.0
    counts = Counter(tokens)
    scores = {
        lang: sum(counts[w] for w in words_ & counts.keys()) + 2 * bool(letters & signature_letters()[lang])
        for lang, words_ in stopwords().items()
    }
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    share = best_hits / len(tokens)
    if best_hits < 2 or share < 0.12 or best_hits < 1.5 * runner_up:
        return None, share
    return best, min(1.0, share * 2.5)


_FUNCTION_WORDS = sorted({w for words_ in stopwords().values() for w in words_})


@settings(max_examples=300)
@given(
    st.lists(st.one_of(st.sampled_from(_FUNCTION_WORDS), st.text(string.ascii_lowercase, min_size=1)), max_size=60),
    st.sets(st.sampled_from("ağışçéñøåäöüłщъєі")),
)
def test_stopword_scores_by_word_give_the_per_language_answer(tokens, letters):
    assert _best_stopword_language(tokens, letters) == _plain_best_stopword_language(tokens, letters)


def test_dominant_script_counts_each_letter_occurrence():
    # Counted once per distinct letter and weighted by its count: 3 Greek letters beat 2 Cyrillic.
    assert dominant_script("ααα жж") == "GREEK"
    assert dominant_script("αα жжж") == "CYRILLIC"
    assert script_of("ж") == "CYRILLIC" and script_of("a") == "LATIN"


def test_a_family_without_an_anchor_may_match_anywhere():
    automaton = _Automaton()
    index = PhraseIndex(["donate now", r"\d+\s\w+"], automaton)  # the second has no literal anchor
    only_anchored = PhraseIndex(["donate now"], automaton)
    nothing = frozenset[int]()
    assert index.may_match(nothing) and not only_anchored.may_match(nothing)
    assert only_anchored.may_match(automaton.scan("please donate now"))
    assert index.search("give 5 euros") is not None


def _doc():
    return Document(("“Give now,” she said.", "Support us from $2 a month.", "The vote is on Monday."), language="en")


def test_rewrite_hands_on_views_and_text_findings_of_unchanged_paragraphs_only():
    doc = _doc()
    assert doc.tokens and doc.word_counts  # computed on the original
    doc.memo("probe", 0, lambda: "first")
    doc.memo("probe", 2, lambda: "third")
    rewritten = doc.rewrite({0: '"Give now," she said.'}, reason="ascii quotes", by="quotes")
    fresh = Document(rewritten.paragraphs, language="en")
    for view in ("folded", "tokens", "word_counts"):
        assert view in rewritten.__dict__  # handed on, not left to be computed again
        assert getattr(rewritten, view) == getattr(fresh, view)
    assert rewritten.memo("probe", 0, lambda: "recomputed") == "recomputed"  # its text changed
    assert rewritten.memo("probe", 2, lambda: "recomputed") == "third"


def test_findings_that_read_the_whole_document_are_computed_again_after_a_rewrite():
    doc = _doc()
    before = signals_of(doc, 2)
    lexicon = document_lexicon(doc)
    rewritten = doc.rewrite({0: "Give now."}, reason="r", by="x")
    assert signals_of(rewritten, 2) is not before  # read with the rewritten document's lexicon
    assert document_lexicon(rewritten) is lexicon  # the same choice, made again
    # drop keeps every finding, as before
    assert signals_of(doc.drop({0: "r"}, by="x"), 1) is signals_of(doc, 2)


def test_retitle_keeps_every_paragraph_view():
    doc = _doc()
    assert doc.folded
    retitled = doc.retitle("A title", reason="r", by="x")
    assert retitled.__dict__["folded"] == doc.folded


def test_signals_are_read_on_first_use():
    doc = _doc()
    signals = signals_of(doc, 2)
    assert signals.words == 5 and signals.sentence_end
    assert "address" not in vars(signals)  # not asked, not computed
    assert not signals.address and not signals.money
    money = signals_of(doc, 1)
    assert money.money and money.period and money.imperative
    assert "price per period" in money.calls()


def test_cleaning_is_the_same_whether_caches_are_warm_or_cold():
    text = "Storm hits coast\n“We are ready,” the mayor said on Monday.\nSupport us from $2 a month.\nLeave a Reply"
    first = clean(text).to_dict()
    assert clean(text).to_dict() == first
    assert clean(first["text"]).to_dict()["text"] == first["text"]
