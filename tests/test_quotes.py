import pytest

from newsclean import Document
from newsclean.cleaners.quotes import Quotes, repair_pairs, to_ascii


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Hello,” she said.", '"Hello," she said.'),
        ("It’s ‘fine’.", "It's 'fine'."),
        ("„Guten Tag“, sagte er.", '"Guten Tag", sagte er.'),
        ("« Bonjour », dit-il.", '"Bonjour", dit-il.'),
        ("Il a dit «\u00a0non\u00a0».", 'Il a dit "non".'),
        ("He is 5′11″ tall.", "He is 5′11″ tall."),
    ],
)
def test_ascii_mode(text, expected):
    assert to_ascii(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("what he does “a thing“.", "what he does “a thing”."),
        ("“one” and “two”", "“one” and “two”"),
        ("„Guten Tag“, sagte er.", "„Guten Tag“, sagte er."),
        ("”Wrong way round“ here", "“Wrong way round” here"),
    ],
)
def test_typographic_mode_repairs_pairs(text, expected):
    assert repair_pairs(text) == expected


def test_title_is_normalised_and_audited():
    doc = Quotes()(Document(("“a”",), title="It’s here"))
    assert doc.title == "It's here" and doc.paragraphs == ('"a"',)
    assert {c.position for c in doc.changes} == {-1, 0}


def test_already_ascii_is_untouched():
    doc = Document(('"a" it\'s',))
    assert Quotes()(doc) is doc
