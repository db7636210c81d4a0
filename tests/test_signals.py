"""The wording-independent signals (newsclean.cleaners.signals) and how cleaners weigh them."""

import pytest

from newsclean import Document
from newsclean.cleaners.signals import signals_of, word_estimate
from newsclean.cleaners.signals.evidence import KEEP_AT, reporting_score
from newsclean.cleaners.signals.lexicon import languages, lexicon
from newsclean.cleaners.signals.patterns import has_link, has_money, has_period
from newsclean.cleaners.structure import Structure
from newsclean.textutil import fold


def doc_of(*paragraphs, language="en"):
    return Document(tuple(paragraphs)).evolve(language=language)


@pytest.mark.parametrize(
    "text",
    [
        "from just $2",
        "5 € im Monat",
        "100 Kč",
        "₹99",
        "月額500円から",
        "매월 5000원으로",
        "30元",
        "USD 10",
        "49 kr",
        "99 บาท",
    ],
)
def test_money_amounts_in_many_currencies(text):
    assert has_money(fold(text))


@pytest.mark.parametrize("text", ["6 ft tall", "the 2019 season", "a real problem", "page 12"])
def test_numbers_that_are_not_money(text):
    assert not has_money(fold(text))


@pytest.mark.parametrize(
    "text",
    [
        "$5/month",
        "£3 a month",
        "9 € par mois",
        "monatlich kündbar",
        "100 Kč měsíčně",
        "每月只需",
        "₹99 प्रति माह",
        "99 บาทต่อเดือน",
    ],
)
def test_price_per_period(text):
    assert has_period(fold(text))


def test_period_words_need_their_boundaries():
    assert not has_period(fold("The lunar eclipse lasted an hour."))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Write to news@example.com", True),
        ("Follow @newsdesk", True),
        ("see example.org/give", True),
        ("https://t.co/abc", True),
        ("He scored 2.5 points.", False),
        ("e.g. the U.S. economy", False),
    ],
)
def test_links_mail_and_handles(text, expected):
    assert has_link(fold(text)) is expected


def test_every_lexicon_language_has_address_and_reporting_words():
    assert len(languages()) >= 25
    for language in languages():
        lex = lexicon(language)
        assert lex.words["address"] or lex.marks["address"] is not None, language
        assert lex.words["reporting"] or lex.marks["reporting"] is not None, language


def test_quoted_speech_does_not_address_the_reader():
    doc = doc_of('"You are not our enemy," the president said.', "Support us from $2 a month.")
    assert not signals_of(doc, 0).address and signals_of(doc, 0).reporting
    assert signals_of(doc, 1).imperative and signals_of(doc, 1).money and signals_of(doc, 1).period


def test_german_polite_address_is_capitalised_inside_a_sentence():
    doc = doc_of("Unterstützen Sie unabhängigen Journalismus.", "Sie sagte, das Projekt sei teuer.", language="de")
    assert signals_of(doc, 0).address and signals_of(doc, 0).imperative
    assert not signals_of(doc, 1).address


def test_hindi_words_are_found_between_spaces():
    doc = doc_of("स्वतंत्र पत्रकारिता का समर्थन करें।", "आपका सहयोग हमें मजबूत बनाता है।", language="hi")
    assert signals_of(doc, 0).imperative and signals_of(doc, 1).address


def test_word_estimate_counts_unspaced_scripts():
    assert word_estimate("支持独立新闻，请点击这里订阅。") >= 6
    assert word_estimate("three plain words") == 3


def _score(paragraph, phrase, position=2):
    """The evidence score of ``paragraph`` around ``phrase`` (as a phrase list would match it)."""
    body = ["Lead paragraph one.", "Lead paragraph two."]
    paragraphs = body[:position] + [paragraph] + ["Tail one.", "Tail two.", "Tail three."]
    doc = doc_of(*paragraphs)
    start = doc.folded[position].index(phrase)
    return reporting_score(doc, position, (start, start + len(phrase)))


def test_reporting_around_a_phrase_outweighs_it():
    score, evidence = _score(
        "Police warned that fake parcel-delivery messages are delivered straight to your inbox at a record rate.",
        "delivered straight to your inbox",
    )
    assert score >= KEEP_AT, evidence
    assert any("reporting verb" in e for e in evidence)


def test_a_real_prompt_scores_low():
    score, evidence = _score(
        "Sign up for our newsletter to get the best stories delivered to your inbox.", "sign up for our newsletter"
    )
    assert score < KEEP_AT, evidence


def test_structure_reason_names_the_signals():
    body = [
        "The council voted on Tuesday to close two libraries next spring, citing a budget shortfall of four million dollars.",
        "Members argued for three hours before the vote, and several said they had received hundreds of letters from residents.",
        "The mayor said the decision was painful but unavoidable and promised longer hours at the remaining branches.",
        "Staff will be offered jobs at other branches, according to a memo, although the union said it would fight the closures.",
    ]
    doc = doc_of(*body, "Keep local news alive.", "Give from $3 a month at example.org/give.", "Thank you.")
    cleaned = Structure()(doc)
    assert [c.position for c in cleaned.removals] == [4, 5, 6]
    reason = cleaned.removals[1].reason
    assert reason.startswith("tail run of 3 short paragraphs: imperative")
    for signal in ("money amount", "price per period", "link or handle"):
        assert signal in reason
    assert Structure()(cleaned) is cleaned  # idempotent: nothing left to take


def test_a_text_too_long_to_be_an_article_is_left_alone():
    body = [f"Paragraph {k} of a very long log reports that the job finished, the operator said." for k in range(2001)]
    doc = doc_of(*body, "Keep local news alive.", "Give from $3 a month at example.org/give.", "Thank you.")
    assert Structure()(doc) is doc
    assert Structure(max_paragraphs=5000)(doc).removals
