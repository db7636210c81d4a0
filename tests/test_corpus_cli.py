"""``newsclean corpus`` driven through ``main(argv)`` on a small hand-written fixture."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from newsclean.cli.corpus_command import main

FIXTURE = Path(__file__).parent / "fixtures" / "corpus" / "courier.jsonl"
FOOTER = "The Vendel Courier thanks its 4127 members in Oskarby and the heron fund."
QUOTE = '"We will not let the children sit under a leaking roof again," the head teacher said.'


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def read(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_marks_duplicates_learns_boilerplate_and_keeps_quotes(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code, err = run(capsys, FIXTURE, "-o", out, "--near-duplicates", "mark", "--learn-boilerplate")
    assert code == 0
    records = {r["id"]: r for r in read(out)}
    assert list(records) == ["c1", "c2", "c3", "c4", "c5", "c6", "g1"]
    assert all(FOOTER not in r["text"] for r in records.values())
    assert QUOTE.replace('"', "") in records["c2"]["text"].replace('"', "")  # kept (quotes may be normalised)
    assert QUOTE.replace('"', "") in records["c4"]["text"].replace('"', "")
    assert records["c6"]["metadata"]["duplicate_of"] == "c1"
    assert records["g1"]["metadata"]["duplicate_of"] == "c1"
    assert records["c1"]["lang_hint"] == "en"
    assert "documents in: 7" in err and "near-duplicates found: 2" in err
    assert "boilerplate passages learned: 1 on 1 sites" in err
    assert "boilerplate passages removed: 6 from 6 documents" in err


def test_drop_gzip_and_stdin_style_inputs(tmp_path, capsys):
    compressed = tmp_path / "in.jsonl.gz"
    compressed.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    out = tmp_path / "out.jsonl.gz"
    code, _ = run(capsys, compressed, "-o", out, "--near-duplicates", "drop", "-q", "--jobs", "2")
    assert code == 0
    assert [r["id"] for r in read(out)] == ["c1", "c2", "c3", "c4", "c5"]


def test_saved_model_is_reused(tmp_path, capsys):
    model, first, second = tmp_path / "model.json", tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run(capsys, FIXTURE, "-o", first, "--learn-boilerplate", "--save-boilerplate", model)[0] == 0
    assert json.loads(model.read_text())["sites"]["courier.example"]["documents"] == 6
    assert run(capsys, FIXTURE, "-o", second, "--boilerplate-model", model)[0] == 0
    assert [r["text"] for r in read(first)] == [r["text"] for r in read(second)]


def test_stricter_thresholds_learn_nothing(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code, err = run(capsys, FIXTURE, "-o", out, "--learn-boilerplate", "--min-docs", "7")
    assert code == 0 and "boilerplate passages learned: 0" in err
    assert FOOTER in read(out)[0]["text"]


def test_bad_records_are_skipped_with_exit_123(tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    shutil.copy(FIXTURE, data)
    with data.open("a") as f:
        f.write("{not json\n")
    code, err = run(capsys, data, "-o", tmp_path / "out.jsonl")
    assert code == 123 and "records that failed: 1" in err and "record 8" in err  # the main command's table
    assert len(read(tmp_path / "out.jsonl")) == 7


@pytest.mark.parametrize(
    "argv",
    [
        ["--learn-boilerplate", "--boilerplate-model", "m.json"],
        ["--save-boilerplate", "m.json"],
        ["--jobs", "-1"],
        ["--threshold", "1.5"],
        ["--share", "0"],
        ["--near-duplicates", "delete"],
    ],
)
def test_usage_errors(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main([str(FIXTURE), "-o", str(tmp_path / "out.jsonl"), *argv])
    assert exit_info.value.code == 2


def test_unreadable_input_or_model_exits_123(tmp_path, capsys):
    assert run(capsys, tmp_path / "missing.jsonl", "-o", tmp_path / "out.jsonl")[0] == 123
    assert run(capsys, FIXTURE, "-o", tmp_path / "out.jsonl", "--boilerplate-model", tmp_path / "none.json")[0] == 123


def test_pipeline_comes_from_a_config_file(tmp_path, capsys):
    config = tmp_path / "newsclean.toml"
    config.write_text('cleaners = ["unicode"]\n')
    out = tmp_path / "out.jsonl"
    assert run(capsys, FIXTURE, "-o", out, "--config", config, "-q")[0] == 0
    assert "Please enter your comment!" in read(out)[2]["text"]  # the comments cleaner is not configured
    assert run(capsys, FIXTURE, "-o", out, "-q")[0] == 0
    assert "Please enter your comment!" not in read(out)[2]["text"]
    config.write_text('cleaners = ["no_such_cleaner"]\n')
    code, err = run(capsys, FIXTURE, "-o", out, "--config", config)
    assert code == 2 and "no_such_cleaner" in err  # a configuration error, as in the main command
