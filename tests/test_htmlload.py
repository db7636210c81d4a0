"""newsclean's HTML loader builds the very tree trafilatura's ``load_html`` builds."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsclean.reading.decoding import sanitize
from newsclean.reading.htmlinput import extract_body
from newsclean.reading.htmlload import load

BODY = "<body><h1>Storm</h1><p>The storm hit the coast.</p><p>Officials said so.</p></body>"
PAGES = [
    f"<html>{BODY}</html>",
    f"<!DOCTYPE html>\n<html lang='en'>{BODY}</html>",
    f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html>{BODY}</html>',
    f"<!doctype html/>{BODY}",  # doctype with a slash, no newline after it
    f"<html lang='en'/>\n{BODY}",  # self-closing <html/>
    "<html>" + BODY.replace("hit", "hit\x0b\x01") + "</html>",  # C0 controls
    "<html>" + BODY.replace("hit", "hit\ufffe\uffff") + "</html>",  # non-characters
    f"<?xml version='1.0' encoding='utf-8'?>\n<html>{BODY}</html>",  # encoding declaration
    "<p>a lone fragment</p>",  # rejected by both
    "<div><p>one</p><p>two</p></div>",
    "just some text, no markup",
    "",
    "<html></html>",
]

# Form fields are the elements whose class the two parsers choose differently.
FORM_PAGE = (
    "<html><body><article><h1>Council votes on the bridge</h1>"
    + "<p>The council voted on Tuesday to rebuild the old bridge over the river.</p>" * 4
    + "<form action='/comment'><label for='c'>Your comment</label>"
    "<textarea id='c'>Please enter your comment!</textarea><input name='n' value='Name'>"
    "<select><option>Newest first</option></select></form>"
    "<p>Work starts next spring, the mayor said, and will take two years.</p></article></body></html>"
)
PAGES.append(FORM_PAGE)


def _shape(tree):
    return None if tree is None else etree.tostring(tree, encoding="unicode", method="html")


@pytest.mark.parametrize("html", PAGES)
def test_same_tree_as_trafilatura(html):
    assert _shape(load(html)) == _shape(load_html(html))


@pytest.mark.parametrize("html", PAGES)
def test_same_tree_for_sanitized_text(html):
    """The reader's path: controls already removed, only the non-characters looked for."""
    clean = sanitize(html)
    assert _shape(load(clean, sanitized=True)) == _shape(load_html(clean))


def test_every_element_is_a_plain_html_element():
    """The loader's C-level class lookup: no per-element Python callback (the speed-up)."""
    tree = load(FORM_PAGE)
    assert {type(element) for element in tree.iter()} == {HtmlElement}


def test_trafilatura_reads_form_pages_the_same_from_either_tree():
    """Form-field classes differ between the two trees; trafilatura's output does not."""
    import trafilatura

    from newsclean.reading.htmlinput import _extractor_options

    ours = extract_body(load(FORM_PAGE))
    theirs = trafilatura.bare_extraction(load_html(FORM_PAGE), options=_extractor_options()).text
    assert any("The council voted" in line for line in ours)
    assert ours == theirs.split("\n")
