"""Removals proven by the page's markup: items under a "Related" heading, hidden blocks,
the standfirst beside the headline. Each test reads hints from a small hand-written page
and runs the cleaner on the paragraphs an extractor could return, so the rules are
tested independently of what trafilatura happens to extract."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean import Document
from newsclean.cleaners import PageBlocks, Standfirst
from newsclean.reading.htmlinput import parse_html
from newsclean.reading.pagehints import read_hints

HTML = Path(__file__).parent / "fixtures" / "html"

STORY = [
    "Cuidar de si mesmo é o primeiro passo para cuidar dos outros. Quem aprende a ouvir o próprio corpo "
    "percebe cedo o cansaço, respeita o descanso e volta ao trabalho com mais força e mais paciência com "
    "quem está por perto.",
]
TEASERS = [
    "A esperança é a última que morre, dizem os mais velhos, e com razão: quem espera sempre alcança, desde "
    "que não fique parado esperando sentado na varanda o dia inteiro sem fazer nada.",
    "Amizade verdadeira não se mede pelo tempo de convivência, mas pela presença nos dias difíceis, pelas "
    "palavras certas na hora certa e pelo silêncio que não incomoda ninguém.",
]


def hinted(html: str, paragraphs: list[str]) -> Document:
    words = sum(len(p.split()) for p in paragraphs)
    return Document.from_paragraphs(paragraphs, page=read_hints(parse_html(html), words))


def removed(doc: Document) -> dict[str, str]:
    return {c.before[:30]: c.reason for c in doc.changes if c.removed}


def test_items_under_a_related_heading_go_even_without_their_own_class():
    html = (HTML / "related_heading.html").read_text()
    out = PageBlocks()(hinted(html, STORY + TEASERS))
    assert out.paragraphs == tuple(STORY)
    assert set(removed(out).values()) == {
        "under the heading 'Você pode gostar...' on the page (its class and its words both say so)"
    }


def test_words_alone_vouch_only_for_link_lists_not_for_prose():
    # "Empfehlungen" heads travel advice here: no related class, items are not links.
    advice = "Beachten Sie die ausführlichen Hinweise zur Gesundheitslage und lassen Sie sich vor der Reise impfen."
    linked = "Die zehn schönsten Wanderwege der Alpen im Überblick"
    html = f"""<html><body><article><p>{STORY[0]}</p>
      <h2>Empfehlungen</h2><ul><li>{advice}</li></ul>
      <h2>Lesen Sie auch</h2><ul><li><a href="/a">{linked}</a></li></ul></article></body></html>"""
    out = PageBlocks()(hinted(html, STORY + [advice, linked]))
    assert out.paragraphs == (STORY[0], advice)


def test_hidden_microdata_goes_and_the_visible_copy_of_hidden_text_stays():
    html = (HTML / "hidden_microdata.html").read_text()
    visible = [
        "Good morning! This is the science news you need to know this Wednesday, gathered by our desk overnight.",
        "A probe launched last spring has sent back its first close images of the outer moon, showing ridges "
        "that scientists say were shaped by ice moving beneath the surface over millions of years.",
        "Researchers in three countries reported that a common soil bacterium can break down a plastic used "
        "in food packaging, though only slowly and at temperatures well above those found in a landfill.",
        "The national weather agency said the past month was the warmest October in its records, which go "
        "back to 1881, and warned that the winter could bring more storms than usual along the coast.",
    ]
    extracted = visible + ["2019-11-20T08:57:40+01:00", "ScienceDeskDaily"] + visible[:2]
    out = PageBlocks()(hinted(html, extracted))
    assert out.paragraphs == tuple(visible)
    assert set(removed(out).values()) == {"hidden on the page (display:none)"}


def test_hidden_raw_copy_of_a_code_listing_stays():
    code = "client = socket.socket(socket.AF_INET, socket.SOCK_STREAM) client.connect((host, port))"
    html = f"""<html><body><article><p>{STORY[0]}</p><div class="syntax">
      <table><tr><td>1</td><td><pre>client = <span>socket</span>.socket(...)</pre></td></tr></table>
      <p class="raw" style="display:none">{code}</p></div></article></body></html>"""
    out = PageBlocks()(hinted(html, STORY + [code]))
    assert out.paragraphs == (STORY[0], code)


def test_page_blocks_never_takes_nearly_the_whole_text():
    html = f"""<html><body><div class="related-posts"><p>{STORY[0]}</p><p>{TEASERS[0]}</p><p>{TEASERS[1]}</p></div>
      <div>{"filler " * 400}</div></body></html>"""
    doc = Document.from_paragraphs(STORY + TEASERS, page=read_hints(parse_html(html), 1000))
    assert PageBlocks()(doc).paragraphs == doc.paragraphs


STANDFIRST = "The plan adds twelve miles of protected lanes, but shop owners on Main Street say they will lose parking"
LEDE = (
    "The council voted 7-2 on Tuesday to build twelve miles of protected lanes by 2022, the largest "
    "expansion of the city's cycling network since it was first drawn up two decades ago."
)


def test_standfirst_beside_the_headline_goes_from_the_top_only():
    html = (HTML / "standfirst.html").read_text()
    out = Standfirst()(hinted(html, [STANDFIRST, LEDE]))
    assert out.paragraphs == (LEDE,)
    assert removed(out) == {STANDFIRST[:30]: "the standfirst printed under the headline"}
    late = [LEDE, "Second.", "Third.", STANDFIRST]  # quoted again far below: the article's own words
    assert Standfirst()(hinted(html, late)).paragraphs == tuple(late)


def test_a_lead_paragraph_is_not_a_standfirst():
    html = f"""<html><body><article><header><h1>City council approves new bike lanes</h1>
      <p class="lead">{LEDE}</p></header><p>More text follows here.</p></article></body></html>"""
    assert Standfirst()(hinted(html, [LEDE])).paragraphs == (LEDE,)


@pytest.mark.parametrize("name", ["related_heading.html", "hidden_microdata.html", "standfirst.html"])
def test_markup_evidence_is_idempotent_end_to_end(name):
    once = newsclean.clean((HTML / name).read_bytes())
    assert newsclean.clean(once.text).paragraphs == once.paragraphs


def test_safety_valve_counts_markup_evidence_unless_two_kinds_agree():
    # A listing page: the teasers under "Você pode gostar" are most of the extracted text.
    original = Document.from_paragraphs(STORY + TEASERS * 3)
    proven = original.drop(
        {
            i: "under the heading 'Você pode gostar...' on the page (its class and its words both say so)"
            for i in range(1, 7)
        },
        by="page_blocks",
    )
    assert newsclean.guard(original, proven, min_chars=0) is proven
    hidden = original.drop({i: "hidden on the page (display:none)" for i in range(1, 7)}, by="page_blocks")
    assert newsclean.guard(original, hidden, min_chars=0) is hidden
    # A class name alone is one kind of evidence: it counts like a phrase does.
    by_class = original.drop({i: "inside <div.market-share> on the page" for i in range(1, 7)}, by="page_blocks")
    assert "suspicious" in newsclean.guard(original, by_class, min_chars=0).metadata
    by_phrase = original.drop({i: "appeal" for i in range(1, 7)}, by="appeals")
    assert "suspicious" in newsclean.guard(original, by_phrase, min_chars=0).metadata


def test_a_line_of_tag_links_goes_and_a_sentence_naming_a_tag_stays():
    html = f"""<html><body><article><p>{STORY[0]}</p><p>Tags:
      <a href="/t/1" rel="tag">stock car brasil</a>, <a href="/t/2" rel="tag">interlagos</a>,
      <a href="/t/3" rel="tag">calendário 2018</a></p></article></body></html>"""
    tag_line = "stock car brasil, interlagos, calendário 2018"
    sentence = "A etapa de Interlagos abre o calendário, disse a organização da stock car brasil."
    out = PageBlocks()(hinted(html, STORY + [sentence, tag_line]))
    assert out.paragraphs == (STORY[0], sentence)
    assert removed(out) == {tag_line[:30]: "tag links on the page (rel=tag)"}


def test_a_link_that_wraps_a_heading_counts_as_a_linked_headline():
    heads = [
        "FLOS pays tribute to Achille Castiglioni",
        "The Flow of Time at the Triennale",
        "A preview of the design district in Zona Santambrogio",
    ]
    items = "".join(f'<div><a href="/{i}"><h3>{h}</h3></a></div>' for i, h in enumerate(heads))
    html = f"<html><body><article><p>{STORY[0]}</p></article><div>{items}</div></body></html>"
    out = PageBlocks()(hinted(html, STORY + heads))
    assert out.paragraphs == (STORY[0],)
