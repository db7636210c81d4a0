"""The corpus engine: one per-record step, workers that spool their own records, warm workers,
and the same bytes for any number of jobs."""

from __future__ import annotations

import io
import json
import sys

from test_corpus_api import FOOTER, corpus

from newsclean import Pipeline
from newsclean.cli import corpus_command
from newsclean.corpus import (
    BoilerplateLearner,
    CorpusSummary,
    Sourced,
    StepOptions,
    clean_corpus,
    clean_corpus_lines,
    process_record,
)
from newsclean.corpus.stream import Line, read_span


def test_the_per_record_step_is_one_function_with_a_small_result():
    record = corpus()[1]
    result = process_record(json.dumps(record), StepOptions(Pipeline.default(), learn=True, num_perm=64))
    assert result.error is None and result.doc_id == "r1" and result.site == "courrier.example"
    assert json.loads(result.line)["source"] == "crawl-7" and result.line.endswith(b"\n")
    # the title, 4 paragraphs and the footer: each distinct paragraph counted once
    assert len(result.signature) == 64 * 4 and len(result.passages) == 6
    failed = process_record(Sourced(Line.at('{"id": "x"}', "in.jsonl:3"), "in.jsonl"), StepOptions(Pipeline.default()))
    assert failed.line is None and failed.error.startswith("in.jsonl:3") and "text" in failed.error


def test_the_step_applies_the_safety_valve_and_a_model():
    gutted = {"id": "g", "text": "Leave a comment\nPlease enter your comment!\nSupport us: donate today."}
    held = process_record(gutted, StepOptions(Pipeline.default(), valve=(0.5, False)))
    assert held.held_back and json.loads(held.line)["metadata"].get("suspicious")
    learned = [process_record(r, StepOptions(Pipeline.default(), learn=True)) for r in corpus()]
    learner = BoilerplateLearner()
    for result in learned:
        learner.add(result.site, result.passages or ())
    model = learner.model()
    applied = process_record(learned[1].line, StepOptions(None, model=model))
    assert applied.removed == 1 and FOOTER not in json.loads(applied.line)["text"]


def test_pass_one_workers_spool_the_records_and_send_back_only_small_results(tmp_path):
    from newsclean.corpus.runner import _SpoolChunk

    options = StepOptions(Pipeline.default(), learn=True)
    records = [json.dumps(r) for r in corpus()[:6]] + ["{not json"]
    span, results = _SpoolChunk(options, str(tmp_path))(records)
    assert all(r.line is None for r in results)  # the cleaned records stay in the worker's spool
    assert [r.doc_id for r in results] == [f"r{i}" for i in range(6)] + [None]
    assert read_span(span) == [process_record(r, options).line for r in records[:6]]
    assert len(list(tmp_path.iterdir())) == 1  # one spool file for this process


class WarmProbe:
    """Notes in each record whether the pipeline's lazy tables were built before this record:
    true for every record when the parent built them before forking the workers."""

    name = "warm_probe"

    def __call__(self, doc):
        from newsclean.phrases import book
        from newsclean.reading import language

        warm = bool(book._all_indexes.cache_info().currsize and language._factory.cache_info().currsize)
        return doc.with_metadata(**{**doc.metadata, "warm": warm})


def test_workers_start_with_the_tables_the_parent_built():
    pipeline = Pipeline([WarmProbe(), *Pipeline.default()._cleaners])
    out = list(clean_corpus(corpus(80), config=pipeline, jobs=2))
    assert len(out) == 80 and all(record["metadata"]["warm"] for record in out)


def test_the_lines_are_the_same_bytes_for_any_number_of_jobs():
    records = [json.dumps(r) for r in corpus(90)]
    records[40] = "[1, 2]"  # a failure in the middle
    runs = []
    for jobs in (1, 2, 3):
        summary = CorpusSummary()
        lines = list(
            clean_corpus_lines(records, near_duplicates="mark", learn_boilerplate=True, jobs=jobs, summary=summary)
        )
        runs.append((lines, summary.lines()))
    assert runs[0] == runs[1] == runs[2]
    lines, summary = runs[0]
    assert len(lines) == 89 and "records that failed: 1" in summary
    assert [json.loads(line) for line in lines] == list(
        clean_corpus(records, near_duplicates="mark", learn_boilerplate=True)
    )


def test_standard_output_gets_the_same_lines_as_a_file(tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in corpus(30)))
    options = ["--near-duplicates", "mark", "--learn-boilerplate", "-q"]
    assert corpus_command.main([str(source), "-o", str(tmp_path / "out.jsonl"), *options]) == 0
    binary = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(binary, encoding="utf-8"))
    assert corpus_command.main([str(source), "-o", "-", *options]) == 0
    assert binary.getvalue() == (tmp_path / "out.jsonl").read_bytes()
    text_only = io.StringIO()  # no binary buffer underneath: the records are written as text
    monkeypatch.setattr(sys, "stdout", text_only)
    assert corpus_command.main([str(source), "-o", "-", *options]) == 0
    assert text_only.getvalue().encode("utf-8") == (tmp_path / "out.jsonl").read_bytes()


def test_a_terminated_run_leaves_no_spool_files(tmp_path):
    # Pass 1's spool files are named files (workers reopen them in pass 2); SIGTERM ends the
    # command without unwinding, so its handler must remove them.
    import os
    import signal
    import subprocess
    import time

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in corpus(24)) * 40)
    spools = tmp_path / "tmp"
    spools.mkdir()
    command = [sys.executable, "-m", "newsclean.cli.corpus_command", str(source), "-o", str(tmp_path / "out.jsonl")]
    process = subprocess.Popen(
        [*command, "--learn-boilerplate", "--jobs", "2", "-q"], env={**os.environ, "TMPDIR": str(spools)}
    )
    deadline = time.monotonic() + 120
    while not any(spools.glob("newsclean-spool-*/*.jsonl")) and process.poll() is None:
        assert time.monotonic() < deadline, "no spool file appeared"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=120) == 128 + signal.SIGTERM
    assert not list(spools.iterdir()) and not (tmp_path / "out.jsonl").exists()
