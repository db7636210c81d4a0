"""The readability gate skips trafilatura's readability run only where it cannot change the output."""

from __future__ import annotations

import copy

import pytest
import trafilatura
from trafilatura import external
from trafilatura.utils import trim

from newsclean.reading import readability_gate
from newsclean.reading.htmlinput import _extractor_options, extract_body, parse_html

pytestmark = pytest.mark.skipif(
    not readability_gate.INSTALLED, reason=f"trafilatura {trafilatura.__version__} is not a verified version: gate off"
)

SENTENCE = "The council voted on Tuesday to rebuild the old bridge over the river, officials said. "
STORY = "".join(f"<p>{SENTENCE * 3}</p>" for _ in range(8))

# A plain article page: little text outside the story, so readability cannot double it.
ARTICLE = (
    f"<html><head><title>Bridge</title><script>var x = {{'a': 1}};</script>"
    f"<style>p {{ color: red }}</style></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><h1>Council votes on the bridge</h1>{STORY}</article>"
    f"<footer>© Example News</footer></body></html>"
)
# Article plus a long link-heavy sidebar: the page holds far more text than the story.
SIDEBAR = "".join(
    f"<li><a href='/s{i}'>Another story number {i} with a long headline to read</a></li>" for i in range(120)
)
BUSY = ARTICLE.replace("<footer>", f"<aside><ul>{SIDEBAR}</ul></aside><footer>")
# Odd markup the bound must cover: a video iframe (readability writes "VIDEO" into it),
# non-breaking spaces, loose text in divs (readability wraps it in new paragraphs).
ODD = ARTICLE.replace(
    "<footer>",
    "<iframe src='https://www.youtube.com/embed/x'></iframe><div>loose&nbsp;&nbsp;text <b>bold</b> tail</div><footer>",
)
RAW_TEXT = ARTICLE.replace("<footer>", "<xmp>a &lt; b</xmp><footer>")
PAGES = {"article": ARTICLE, "busy": BUSY, "odd": ODD, "raw_text": RAW_TEXT}


@pytest.fixture
def readability_runs(monkeypatch):
    """Counts real readability runs."""
    runs = []

    class Counting(external.ReadabilityDocument):
        def summary(self):
            runs.append(1)
            return super().summary()

    monkeypatch.setattr(external, "ReadabilityDocument", Counting)
    return runs


def _readability_length(html: str) -> int:
    """What trafilatura measures of readability's text on this page (gate off)."""
    summary = external.try_readability(parse_html(html))
    return len(trim(summary.text_content()))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_bound_is_never_below_readability_text(name):
    bound = readability_gate.readability_text_bound(parse_html(PAGES[name]))
    if name == "raw_text":
        assert bound is None  # re-parsing could lengthen raw text: no bound
    else:
        assert bound >= _readability_length(PAGES[name]) > 0


def test_bound_counts_video_for_each_iframe():
    plain = readability_gate.readability_text_bound(parse_html(ARTICLE))
    assert readability_gate.readability_text_bound(parse_html(ODD)) >= plain + len("VIDEO")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_extraction_is_the_same_with_and_without_the_gate(name):
    tree = parse_html(PAGES[name])
    gated = extract_body(copy.copy(tree))
    with readability_gate.active(False):
        plain = trafilatura.bare_extraction(copy.copy(tree), options=_extractor_options()).text.split("\n")
    assert gated == plain


def test_article_page_skips_readability(readability_runs):
    extract_body(parse_html(ARTICLE))
    assert readability_runs == []


def test_page_with_more_text_than_twice_the_story_runs_readability(readability_runs):
    extract_body(parse_html(BUSY))
    assert readability_runs == [1]


def test_raw_text_page_runs_readability(readability_runs):
    extract_body(parse_html(RAW_TEXT))
    assert readability_runs == [1]


def test_other_trafilatura_calls_are_untouched(readability_runs):
    """Outside newsclean's extraction the wrappers only delegate."""
    trafilatura.extract(ARTICLE)
    assert readability_runs == [1]


def test_cannot_win_is_false_where_readability_could_be_chosen():
    options = _extractor_options()
    body = parse_html(ARTICLE).find(".//article")
    assert not readability_gate.readability_cannot_win(parse_html(ARTICLE), body, "", options)  # empty own text
    recall = copy.copy(options)
    recall.focus = "recall"
    assert not readability_gate.readability_cannot_win(parse_html(ARTICLE), body, SENTENCE * 24, recall)
    long_text = SENTENCE * 24
    assert readability_gate.readability_cannot_win(parse_html(ARTICLE), body, long_text, options)
    tables = parse_html("<div>" + "<table><tr><td>cell</td></tr></table>" * 3 + "<p>x</p></div>")
    assert not readability_gate.readability_cannot_win(
        parse_html(ARTICLE), tables, long_text, options
    )  # deficient body
