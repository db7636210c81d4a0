"""newsclean's HTML loader builds the very tree trafilatura's ``load_html`` builds."""

from __future__ import annotations

import pytest
from lxml import etree
from trafilatura.utils import load_html

from newsclean.htmlload import load

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


def _shape(tree):
    return None if tree is None else etree.tostring(tree, encoding="unicode", method="html")


@pytest.mark.parametrize("html", PAGES)
def test_same_tree_as_trafilatura(html):
    assert _shape(load(html)) == _shape(load_html(html))
