"""The CLI's parts on their own: line-preserving fixes, JSONL splicing, patterns, atomic writes."""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import clean
from newsclean.cli.atomic import replacing, write_bytes
from newsclean.cli.files import matches
from newsclean.cli.formats import read_text_document
from newsclean.cli.jsonl import RecordError, parse_record, replace_field
from newsclean.cli.linefix import apply, source_line, split_lines
from newsclean.cli.progress import Progress
from newsclean.document import TITLE, Document


def by_words(*words: str):
    """A cleaner that drops paragraphs containing any of ``words`` (so tests do not lean on built-ins)."""

    def drop_words(doc: Document) -> Document:
        return doc.drop(
            {i: "test word" for i, p in enumerate(doc.paragraphs) if any(w in p for w in words)}, by="words"
        )

    return drop_words


def fix(text: str, *words: str) -> str:
    doc = by_words(*words)(read_text_document(text))
    return apply(text, doc)


# -- linefix -----------------------------------------------------------------------------

CASES = [
    # (input, words to drop, expected)
    (
        "Alpha one two three.\n\nDROP this line.\n\nGamma four five six.\n",
        ("DROP",),
        "Alpha one two three.\n\nGamma four five six.\n",
    ),
    (
        "Alpha one two three.\n\nGamma four five six.\n\nDROP at the end.\n",
        ("DROP",),
        "Alpha one two three.\n\nGamma four five six.\n",
    ),
    ("DROP first.\n\nAlpha one two three.\n", ("DROP",), "Alpha one two three.\n"),
    ("Alpha one.\r\nDROP me.\r\nGamma two.", ("DROP",), "Alpha one.\r\nGamma two."),
    ("Alpha one.\nGamma two.\nDROP me", ("DROP",), "Alpha one.\nGamma two."),
    ("Alpha one.\n\n\nDROP a.\nDROP b.\n\n\nGamma two.\n\n", ("DROP",), "Alpha one.\n\n\nGamma two.\n\n"),
    ("\n\nAlpha one.\n   DROP indented.\n\tGamma two.\n", ("DROP",), "\n\nAlpha one.\n\tGamma two.\n"),
    ("DROP only.\n", ("DROP",), ""),
    ("Nothing to do here at all.\n\n\n", ("DROP",), "Nothing to do here at all.\n\n\n"),
]


@pytest.mark.parametrize("text, words, expected", CASES)
def test_removed_lines_take_their_gap_along(text, words, expected):
    assert fix(text, *words) == expected


def test_rewritten_line_keeps_indent_and_line_ending():
    text = "Headline of the day here\r\n\r\n    “Quoted,” she said in the long paragraph here.\r\nOther words.\r\n"
    doc = clean(text)
    assert (
        apply(text, doc)
        == 'Headline of the day here\r\n\r\n    "Quoted," she said in the long paragraph here.\r\nOther words.\r\n'
    )


def test_title_changes_map_to_the_first_line():
    text = (
        "\n\nA “curly” headline for the test\n\nA body paragraph that is clearly longer than the headline above it.\n"
    )
    doc = clean(text)
    title_change = next(c for c in doc.changes if c.position == TITLE)
    assert source_line(title_change, split_lines(text)) == 3
    assert apply(text, doc).startswith('\n\nA "curly" headline for the test\n')


def test_line_numbers_agree_with_control_characters_the_reader_drops():
    text = "First line here.\x0cstill the first line\nDROP second.\n"
    doc = by_words("DROP")(read_text_document(text))
    assert source_line(doc.changes[0], split_lines(text)) == 2


lines = st.lists(st.sampled_from(["Alpha one.", "DROP me.", "", "  ", "Gamma two!", "Zeta DROP"]), max_size=12)
endings = st.sampled_from(["\n", "\r\n"])


@given(lines, endings, st.booleans())
def test_fix_is_idempotent_and_only_drops_marked_lines(parts, ending, final_newline):
    text = ending.join(parts) + (ending if final_newline and parts else "")
    once = fix(text, "DROP")
    assert fix(once, "DROP") == once
    assert "DROP" not in once
    kept = [line.strip() for line in text.splitlines() if line.strip() and "DROP" not in line]
    assert [line.strip() for line in once.splitlines() if line.strip()] == kept


# -- JSONL ---------------------------------------------------------------------------------


def test_replace_field_touches_only_that_value():
    line = '{"id": 1,  "text" : "caf\\u00e9 \\u201cx\\u201d", "meta": {"text": "inner"}, "n": [1, 2]}'
    new = replace_field(line, "text", 'café "x"')
    assert new == '{"id": 1,  "text" : "caf\\u00e9 \\"x\\"", "meta": {"text": "inner"}, "n": [1, 2]}'
    assert json.loads(new)["meta"] == {"text": "inner"}


def test_replace_field_keeps_raw_unicode_style_and_last_duplicate_key():
    line = '{"text": "a", "text": "ünïcode"}'
    assert replace_field(line, "text", "ö") == '{"text": "a", "text": "ö"}'


@given(
    st.dictionaries(
        st.text(max_size=5),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c, max_size=3), max_leaves=5
        ),
        max_size=4,
    ),
    st.text(),
    st.booleans(),
)
def test_replace_field_agrees_with_json(record, value, ascii_only):
    record = {**record, "text": "old"}
    line = json.dumps(record, ensure_ascii=ascii_only)
    assert json.loads(replace_field(line, "text", value)) == {**record, "text": value}


@pytest.mark.parametrize("line", ['{"a": ', "[1, 2]", '"text"', "nul"])
def test_parse_record_rejects_non_objects(line):
    with pytest.raises(RecordError):
        parse_record(line)


# -- patterns --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, patterns, expected",
    [
        ("drafts/a.txt", ["drafts"], True),
        ("news/drafts/a.txt", ["drafts"], True),
        ("news/a.txt", ["drafts"], False),
        ("news/a.md", ["*.md"], True),
        ("news/a.txt", ["news/*.txt"], True),
        ("x/news/a.txt", ["**/news/*.txt"], True),
        ("news/a.txt", ["**/news/*.txt"], True),
        ("news/sub/a.txt", ["news"], True),
        ("./news/a.txt", ["news/a.txt"], True),
    ],
)
def test_matches(path, patterns, expected):
    assert matches(path, patterns) is expected


# -- atomic writes ---------------------------------------------------------------------------


def test_failed_write_leaves_the_original_and_no_temporary_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"original")
    with pytest.raises(RuntimeError):
        with replacing(str(target)) as f:
            f.write(b"half")
            raise RuntimeError("disk on fire")
    assert target.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_write_follows_symlinks_and_refuses_read_only_files(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to(target)
    write_bytes(str(tmp_path / "link.txt"), b"new")
    assert (tmp_path / "link.txt").is_symlink() and target.read_bytes() == b"new"
    os.chmod(target, 0o444)
    with pytest.raises(OSError, match="read-only"):  # even as root (issue 13, item 9)
        write_bytes(str(target), b"newer")
    assert target.read_bytes() == b"new"


def test_progress_is_silent_off_a_terminal():
    pytest.importorskip("tqdm")  # a dependency; absent only from a venv made before it was
    stream = io.StringIO()
    progress = Progress(10, stream, delay=0, refresh=0)
    progress.update(5, 50)
    progress.close()
    assert stream.getvalue() == ""
    forced = Progress(10, stream, enabled=True, delay=0, refresh=0)
    forced.update(5, 50)
    forced.close()
    assert "5/10" in stream.getvalue() and "50 documents" in stream.getvalue()


def test_progress_waits_a_second_before_showing():
    pytest.importorskip("tqdm")
    stream = io.StringIO()
    progress = Progress(10, stream, enabled=True, refresh=0)
    progress.update(5, 50)
    progress.close()
    assert stream.getvalue() == ""
