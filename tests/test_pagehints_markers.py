"""``pagehints._marked`` finds exactly the attribute values :func:`markers.marker_of` accepts."""

from __future__ import annotations

from itertools import accumulate

import pytest

from newsclean.reading.markers import marker_of
from newsclean.reading.pagehints import _marked

CASES = [
    [],
    ["entry-content", "post"],
    ["related-posts", "Share-Buttons socialShare", "main", "sharing related", "x"],
    ["İstanbul related", "share"],  # lower-casing lengthens "İ": positions shift
    ["relatedshare", "", "newsletter-signup", "footer copyright"],
    ["shareholder-letter", "advertorial-body", "unrelated", "market-share", "sharebar"],
]


@pytest.mark.parametrize("values", CASES)
def test_same_values_as_marker_of(values):
    offsets = [0, *accumulate(len(v) + 1 for v in values)]
    assert _marked(values, offsets) == [i for i, v in enumerate(values) if marker_of(v)]


# --- the page hints' speed-ups read exactly what the XPath queries and text_content read ---

from lxml import etree  # noqa: E402

from newsclean.reading.htmlinput import parse_html  # noqa: E402
from newsclean.reading.pagehints import _hidden_elements, _more_words_than, _walk  # noqa: E402

PAGE = """<html><body><div style="display: none">a</div><p hidden>b</p>
<span style="color:red">c</span><div style="visibility :hidden">d</div><div style="visibility:hidden" hidden>e</div>
<a href="/1">One <b>two</b> three<i>x<u>y</u> tail</i> end</a>
<a rel="nofollow tag" href="/t">Tag <em>text</em></a><a rel="tagged">No</a><a><a>nested</a></a>
<h2>Heading</h2><form><input type="email"></form><h3>More <span>words</span></h3>
<p>Joined<b>words</b> and <i> spaced </i>ones\u00a0here</p></body></html>"""


def test_hidden_elements_are_the_ones_the_style_xpath_finds():
    tree = parse_html(PAGE)
    old = etree.XPath(
        "//*[@hidden or @style[contains(translate(., ' ', ''), 'display:none')"
        " or contains(translate(., ' ', ''), 'visibility:hidden')]]"
    )
    assert _hidden_elements(tree) == old(tree)
    assert [e.text for e in _hidden_elements(tree)] == ["a", "b", "d", "e"]


def test_the_walk_reads_the_link_and_tag_texts_the_xpaths_read():
    tree = parse_html(PAGE)
    walk = _walk(tree)
    assert walk.link_texts == set(etree.XPath("//a/text() | //a/*/text()")(tree))
    tag_texts = etree.XPath(
        "//a[@rel][contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]/descendant-or-self::*/text()"
    )(tree)
    assert walk.tag_texts == tag_texts == ["Tag ", "text"]
    assert [h.tag for h in walk.headings] == ["h2", "h3"]
    assert [(kind, e.tag) for kind, e in walk.widgets] == [("form", "form")]


def test_the_bounded_word_count_agrees_with_text_content():
    for element in parse_html(PAGE).iter():
        n = len(element.text_content().split())
        assert [_more_words_than(element, k) for k in range(n + 2)] == [k < n for k in range(n + 2)]
