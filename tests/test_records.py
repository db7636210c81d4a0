"""One record schema from every command (docs/records.md), driven as a user would: a subprocess
on real files. Also read back with datatrove's JsonlReader, and checked against dolma's
mandatory fields."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

STORY = "\n".join(
    [
        "Storm hits the coast overnight",
        "The storm hit the coast on Monday, officials said, and thousands of homes lost power.",
        "Crews worked through the night to clear the roads and restore the lines to every village.",
        "Please enter your comment!",
    ]
)
PAGE = (
    "<html><head><title>Bridge reopens</title><link rel='canonical' href='https://www.valley.example/b'>"
    "</head><body><article><h1>Bridge reopens</h1>"
    + "".join(
        f"<p>The bridge over the river reopened on day {i} after repairs that took many months.</p>" for i in range(5)
    )
    + "</article></body></html>"
)
SCHEMA = ["id", "text", "source", "metadata"]


def newsclean(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *argv], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """The same articles through the three commands: main on JSONL, corpus, main on plain files."""
    work = tmp_path_factory.mktemp("records")
    records = [
        {"id": 7, "url": "https://news.example/storm", "text": STORY, "metadata": {"batch": 3}, "crawl": "c1"},
        {"id": "b", "html": PAGE, "lang_hint": "en"},
        {"text": STORY.replace("Monday", "Sunday"), "source": "wire-feed"},
    ]
    (work / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (work / "storm.txt").write_text(STORY + "\n", encoding="utf-8")
    (work / "bridge.html").write_text(PAGE, encoding="utf-8")
    for argv in (
        ["-o", "main.jsonl", "in.jsonl"],
        ["corpus", "in.jsonl", "-o", "corpus.jsonl"],
        ["-o", "files.jsonl", "storm.txt", "bridge.html"],
        ["-o", "bare.jsonl", "--drop-html", "--no-title-in-text", "in.jsonl"],
        ["corpus", "in.jsonl", "-o", "corpus-bare.jsonl", "--drop-html", "--no-title-in-text"],
    ):
        done = newsclean(*argv, cwd=work)
        assert done.returncode == 0, done.stderr
    return work


@pytest.mark.parametrize("name", ["main.jsonl", "corpus.jsonl", "files.jsonl", "bare.jsonl", "corpus-bare.jsonl"])
def test_every_command_writes_the_one_schema(outputs, name):
    for record in lines(outputs / name):
        assert list(record)[:4] == SCHEMA
        assert isinstance(record["id"], str) and record["id"]
        assert isinstance(record["source"], str) and record["source"]
        meta = record["metadata"]
        assert {"title", "title_in_text", "url", "language", "changes"} <= set(meta)
        assert all(change["cleaner"] and change["reason"] for change in meta["changes"])


def test_main_command_and_corpus_mode_give_the_same_record(outputs):
    main, corpus = lines(outputs / "main.jsonl"), lines(outputs / "corpus.jsonl")
    assert [r["id"] for r in main] == [r["id"] for r in corpus]
    assert [r["text"] for r in main] == [r["text"] for r in corpus]
    assert [r["source"] for r in main] == [r["source"] for r in corpus]
    assert [r["metadata"]["title"] for r in main] == [r["metadata"]["title"] for r in corpus]


def test_input_fields_are_kept_and_source_filled_in(outputs):
    for name in ("main.jsonl", "corpus.jsonl"):
        storm, bridge, wire = lines(outputs / name)
        assert storm["id"] == "7" and storm["crawl"] == "c1" and storm["url"] == "https://news.example/storm"
        assert storm["metadata"]["batch"] == 3  # the input's metadata, beside newsclean's keys
        assert storm["source"] == "news.example"  # the site of the url
        assert bridge["html"] == PAGE and bridge["lang_hint"] == "en"
        assert bridge["source"] == "valley.example"  # the page's canonical url
        assert wire["source"] == "wire-feed"  # the input's own source wins
    storm_file, bridge_file = lines(outputs / "files.jsonl")
    assert storm_file["source"] == "storm.txt" and bridge_file["source"] == "valley.example"


def test_headline_is_the_first_line_of_text_unless_asked_not_to(outputs):
    for name in ("main.jsonl", "corpus.jsonl"):
        storm = lines(outputs / name)[0]
        assert storm["text"].startswith("Storm hits the coast overnight\nThe storm hit")
        assert "Please enter" not in storm["text"]
        assert storm["metadata"]["title"] == "Storm hits the coast overnight" and storm["metadata"]["title_in_text"]
    for name in ("bare.jsonl", "corpus-bare.jsonl"):
        storm, bridge, _ = lines(outputs / name)
        assert storm["text"].startswith("The storm hit") and not storm["metadata"]["title_in_text"]
        assert storm["metadata"]["title"] == "Storm hits the coast overnight"
        assert "html" not in bridge and "reopened on day 3" in bridge["text"]


def test_a_second_corpus_run_over_the_output_changes_nothing(outputs):
    done = newsclean("corpus", "corpus.jsonl", "-o", "again.jsonl", cwd=outputs)
    assert done.returncode == 0, done.stderr
    assert lines(outputs / "again.jsonl") == lines(outputs / "corpus.jsonl")


def test_dolma_mandatory_fields(outputs):
    """dolma's document format (docs/data-format.md in allenai/dolma): ``id``, ``text`` and ``source``
    are mandatory strings; ``added``, ``created`` and a ``metadata`` object are optional. The
    dolma package itself pulls in ~45 packages (boto3, nltk, an older numpy), so the test
    checks the documented format instead of importing it."""
    for name in ("main.jsonl", "corpus.jsonl", "files.jsonl"):
        for record in lines(outputs / name):
            for key in ("id", "text", "source"):
                assert isinstance(record[key], str), (name, key)
            assert isinstance(record.get("metadata", {}), dict)
            for key in ("added", "created"):
                assert key not in record or isinstance(record[key], str)


def test_datatrove_jsonl_reader_reads_our_output(outputs, tmp_path):
    pytest.importorskip("orjson")
    readers = pytest.importorskip("datatrove.pipeline.readers")
    for name in ("main.jsonl", "files.jsonl"):
        (tmp_path / name).write_bytes((outputs / name).read_bytes())
    docs = list(readers.JsonlReader(str(tmp_path), glob_pattern="main.jsonl").run())
    expected = lines(outputs / "main.jsonl")
    assert [d.id for d in docs] == [r["id"] for r in expected]
    assert [d.text for d in docs] == [r["text"] for r in expected]
    # datatrove folds the other top-level fields into metadata, beside ours
    assert docs[0].metadata["title"] == "Storm hits the coast overnight" and docs[0].metadata["crawl"] == "c1"
    assert docs[0].metadata["source"] == "news.example"
    files = list(readers.JsonlReader(str(tmp_path), glob_pattern="files.jsonl").run())
    assert [d.metadata["source"] for d in files] == ["storm.txt", "valley.example"]
