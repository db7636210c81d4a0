import dataclasses
import json
from dataclasses import replace

import pytest

from newsclean import Change, Document
from newsclean.document import TITLE


def doc3():
    return Document(("one two", "three", "four five six"), title="Head", url="https://x.test/a")


def test_document_is_immutable():
    doc = doc3()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "other"
    with pytest.raises(TypeError):
        doc.metadata["k"] = "v"


def test_drop_records_cleaner_reason_before_and_original_position():
    doc = doc3().drop({0: "first goes"}, by="a").drop({1: "third goes"}, by="b")
    assert doc.paragraphs == ("three",)
    assert doc.changes == (
        Change("a", "first goes", "one two", None, 0),
        Change("b", "third goes", "four five six", None, 2),
    )
    assert doc.positions == (1,)


def test_rewrite_records_only_real_changes_and_empty_means_removed():
    doc = doc3()
    assert doc.rewrite({0: "one two"}, reason="same", by="x") is doc
    out = doc.rewrite({0: "ONE TWO", 1: ""}, reason="loud", by="x")
    assert out.paragraphs == ("ONE TWO", "four five six")
    assert [c.after for c in out.changes] == ["ONE TWO", None]


def test_retitle_is_audited_at_title_position():
    out = doc3().retitle("New", reason="r", by="c")
    assert out.title == "New" and out.changes[-1].position == TITLE


def test_text_joins_paragraphs_without_title():
    assert doc3().text == "one two\nthree\nfour five six"


def test_paragraphs_never_hold_newlines():
    with pytest.raises(ValueError):
        Document(("a\nb",))


def test_json_round_trip_keeps_everything():
    doc = doc3().drop({1: "why"}, by="c").with_metadata(author="A. Writer", n=3).evolve(language="en")
    for title_in_text in (True, False):
        data = json.loads(json.dumps(doc.to_dict(title_in_text=title_in_text)))
        assert set(data) == {"id", "text", "source", "metadata"}
        assert {"title", "url", "language", "changes", "author"} <= set(data["metadata"])
        assert data["metadata"]["changes"][0]["after"] == "removed"
        back = Document.from_dict(data)
        # positions are not serialised: each change keeps its own, the survivors are renumbered
        assert back == replace(doc, positions=tuple(range(len(doc.paragraphs))))


def test_to_dict_puts_the_headline_first_in_text_unless_asked_not_to():
    doc = Document(("Body one.", "Body two."), title="Headline", url="https://www.Example.com/a")
    assert doc.to_dict()["text"] == "Headline\nBody one.\nBody two."
    assert doc.to_dict(title_in_text=False)["text"] == doc.text == "Body one.\nBody two."
    assert doc.to_dict()["source"] == "example.com" and doc.to_dict(source="a.txt")["source"] == "a.txt"


def test_id_is_stable_content_hash():
    assert doc3().id == doc3().id and len(doc3().id) == 16
    assert Document(("x",)).id != Document(("y",)).id


def test_from_paragraphs_collapses_whitespace_and_skips_empties():
    doc = Document.from_paragraphs(["  a   b ", "", "c"])
    assert doc.paragraphs == ("a b", "c") and doc.positions == (0, 2)
