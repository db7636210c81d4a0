"""``newsclean corpus``: clean a JSONL corpus, with near-duplicates and learned site boilerplate.

A thin shell over :func:`newsclean.corpus.clean_corpus_lines`: argument parsing, files,
the progress line and the closing summary. Exit codes are the main command's table
(:mod:`newsclean.cli.report`): 0 done; 2 bad usage (the output is an input, too); 70 an
internal error (a bug); 123 records that could not be cleaned (left out, counted and
named), or input or model files that cannot be read or written.
The output file is replaced only when the run completes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from newsclean.cli import configfile
from newsclean.cli.atomic import clean_exit_on, replacing
from newsclean.cli.batch import workers_die_with_this_process
from newsclean.cli.outputs import onto_input
from newsclean.cli.report import EXIT_CRASH, print_corpus_summary
from newsclean.config import Config
from newsclean.corpus import (
    NEAR_DUPLICATE_MODES,
    BoilerplateModel,
    CorpusSummary,
    RecordShape,
    Sourced,
    Thresholds,
    clean_corpus_lines,
)
from newsclean.corpus.near_duplicates import DEFAULT_THRESHOLD
from newsclean.corpus.stream import loads, read_lines, remove_spool_directories, write_lines, write_records
from newsclean.errors import NewscleanError

EXIT_OK, EXIT_USAGE = 0, 2
EXIT_ERROR = EXIT_FAILED_RECORDS = 123  # one table with the main command: an input that could not be processed


def build_parser() -> argparse.ArgumentParser:
    defaults = Thresholds()
    parser = argparse.ArgumentParser(
        prog="newsclean corpus",
        description="Clean a corpus of JSONL records ('text' or 'html', optional 'id', 'url', 'title', "
        "'metadata'); every input field is kept in the output.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL or .jsonl.gz files; '-' reads stdin")
    parser.add_argument("-o", "--output", required=True, help="output JSONL file (.gz compresses); '-' is stdout")
    parser.add_argument(
        "--near-duplicates",
        choices=NEAR_DUPLICATE_MODES,
        help="mark near-duplicates in metadata (duplicate_of, duplicate_similarity) or drop them; "
        "the first occurrence is kept",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"estimated Jaccard similarity of word 5-grams that makes a near-duplicate (default {DEFAULT_THRESHOLD})",
    )
    group = parser.add_argument_group("site boilerplate")
    group.add_argument(
        "--learn-boilerplate",
        action="store_true",
        help="learn passages that recur across a site's documents and remove them",
    )
    group.add_argument("--boilerplate-model", metavar="FILE", help="apply a model saved earlier instead of learning")
    group.add_argument("--save-boilerplate", metavar="FILE", help="save the learned model as JSON")
    group.add_argument(
        "--min-docs",
        type=int,
        default=defaults.min_docs,
        help=f"a passage must occur in at least this many of a site's documents (default {defaults.min_docs})",
    )
    group.add_argument(
        "--share",
        type=float,
        default=defaults.share,
        help=f"... and in at least this share of them (default {defaults.share})",
    )
    group.add_argument(
        "--site-field", metavar="NAME", help="record field (or metadata key) naming the site; default: the url's host"
    )
    records = parser.add_argument_group("records (docs/records.md)")
    records.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="record field with the extracted text (default: text); it becomes 'text' in the output",
    )
    records.add_argument(
        "--html-field",
        default="html",
        metavar="NAME",
        help="record field with the raw page, read when there is no text (default: html)",
    )
    records.add_argument(
        "--title-in-text",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="put the headline on the first line of 'text' (default); "
        "--no-title-in-text leaves it in metadata.title only",
    )
    records.add_argument(
        "--drop-html",
        action="store_true",
        help="leave the raw page ('html') out of the output records; kept by default",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="pyproject.toml ([tool.newsclean]) or newsclean.toml with the cleaning pipeline; "
        "default: the built-in cleaners",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        help="worker processes for per-document cleaning; 0: one per CPU (default 1)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress line and no summary")
    engine = parser.add_argument_group("engine (docs/distributed.md)")
    engine.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: this machine, output one file; ray: a Ray cluster, output a folder of shards "
        "(needs pip install 'newsclean[ray]')",
    )
    engine.add_argument(
        "--address",
        metavar="ADDR",
        help="ray: the cluster to join (e.g. 10.0.0.5:6379, or 'auto'); default: RAY_ADDRESS, "
        "else a Ray started on this machine",
    )
    engine.add_argument(
        "--output-format",
        choices=("jsonl.gz", "parquet"),
        default="jsonl.gz",
        help="ray: the shards' format (default jsonl.gz)",
    )
    engine.add_argument(
        "--records-per-shard",
        type=int,
        default=100_000,
        metavar="N",
        help="ray: at most this many records in a shard (default 100000)",
    )
    return parser


class ProgressLine:
    """The documents done per pass and their rate, on a terminal: a tqdm counter per pass
    (there is no total to show: the input is streamed), cleared at the end."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.stage = ""
        self.bar = None

    def __call__(self, stage: str, count: int) -> None:
        if stage != self.stage:  # a new pass: its own counter and rate
            from tqdm import tqdm  # imported on use: only on a terminal

            self.close()
            self.stage = stage
            self.bar = tqdm(
                desc=f"newsclean corpus: {stage.rstrip(':')}",
                unit=" documents",
                file=self.stream,
                leave=False,
                dynamic_ncols=True,
                mininterval=0.1,
            )
        assert self.bar is not None
        self.bar.update(count - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def write_output(lines: Iterable[bytes], path: str) -> int:
    """Write the JSON lines to ``path`` through a temporary file beside it that replaces it only
    when every line is written: a failing run leaves the previous output as it was."""
    if path == "-":
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # a text-only stdout (a test harness's, say)
            return write_records(map(loads, lines), "-")
        return write_lines(lines, binary)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with replacing(path) as raw:
        compressed = (
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="", compresslevel=6)
            if path.endswith(".gz")
            else None
        )
        count = write_lines(lines, compressed or raw)
        if compressed is not None:
            compressed.close()
    return count


def _config(path: str | None) -> Config | None:
    """The pipeline configuration of ``--config FILE`` (None: the built-in cleaners)."""
    if path is None:
        return None
    if not os.path.exists(path):
        raise ValueError(f"--config {path}: no such file")
    if not os.path.isfile(path):  # /dev/null, a folder
        raise ValueError(f"--config {path}: not a regular file (give a newsclean.toml or pyproject.toml)")
    table = configfile.read_table(path)
    if table is None:
        raise ValueError(f"{path} has no [tool.newsclean] table")
    config = Config.from_mapping(table)
    config.pipeline()  # unknown cleaners and bad options are found here, before any record is read
    return config


def main(argv: list[str] | None = None) -> int:
    try:
        # terminated: the temporary output and the spool files removed, the old output kept
        with clean_exit_on(signal.SIGTERM), _spools_removed_on(signal.SIGTERM):
            return run(argv)
    except Exception:
        traceback.print_exc()
        print(f"newsclean corpus: internal error; please report it (exit code {EXIT_CRASH})", file=sys.stderr)
        return EXIT_CRASH


@contextmanager
def _spools_removed_on(signum: int) -> Iterator[None]:
    """On ``signum``, remove the spool directories before the handler in place (which exits
    at once, without unwinding) runs; in the main thread only, as signal handlers are."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signum)

    def handler(number: int, frame: Any) -> None:
        remove_spool_directories()
        if callable(previous):
            previous(number, frame)
        else:
            sys.exit(128 + number)

    signal.signal(signum, handler)
    try:
        yield
    finally:
        signal.signal(signum, previous)


def run(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per CPU) or more")
    if args.learn_boilerplate and args.boilerplate_model:
        parser.error("--learn-boilerplate and --boilerplate-model exclude each other")
    if args.save_boilerplate and not args.learn_boilerplate:
        parser.error("--save-boilerplate needs --learn-boilerplate")
    if args.engine != "ray" and args.address:
        parser.error("--address needs --engine ray")
    try:
        thresholds = Thresholds(args.min_docs, args.share)
        if not 0.0 < args.threshold <= 1.0:
            raise ValueError(f"--threshold must be in (0, 1], got {args.threshold}")
    except ValueError as exc:
        parser.error(str(exc))
    try:
        config = _config(args.config)
    except (OSError, ValueError) as exc:  # a configuration error is a usage error, as in the main command
        print(f"newsclean corpus: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        model = BoilerplateModel.load(args.boilerplate_model) if args.boilerplate_model else None
    except (OSError, ValueError) as exc:
        print(f"newsclean corpus: {exc}", file=sys.stderr)
        return EXIT_ERROR

    inputs = [path for path in args.inputs if path != "-"]
    checks = [("output", args.output, inputs)] if args.output != "-" else []
    if args.save_boilerplate:  # the saved model is an output too: not onto an input, nor onto -o
        checks.append(("--save-boilerplate file", args.save_boilerplate, [*inputs, *[p for _, p, _ in checks]]))
    for what, path, others in checks:
        same = onto_input(path, others)
        if same:
            print(
                f"newsclean corpus: error: the {what} {path} is the input {same}; "
                "choose another output; nothing was written",
                file=sys.stderr,
            )
            return EXIT_USAGE
    shape = RecordShape(
        text_field=args.text_field,
        html_field=args.html_field,
        title_in_text=args.title_in_text,
        drop_html=args.drop_html,
    )
    if args.engine == "ray":
        from newsclean.cli import corpus_ray  # imported on use: the local engine never loads Ray

        return corpus_ray.run(args, config, model, thresholds, shape)
    workers_die_with_this_process()  # -j N: no worker outlives a killed corpus run
    summary = CorpusSummary()
    progress = ProgressLine(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    lines = clean_corpus_lines(
        _sourced_lines(args.inputs),
        config=config,
        near_duplicates=args.near_duplicates,
        threshold=args.threshold,
        boilerplate=model,
        learn_boilerplate=thresholds if args.learn_boilerplate else False,
        site_field=args.site_field,
        jobs=args.jobs or os.cpu_count() or 1,
        summary=summary,
        progress=progress,
        shape=shape,
    )
    try:
        write_output(lines, args.output)
        if args.save_boilerplate and summary.model is not None:
            summary.model.save(args.save_boilerplate)
    except (OSError, NewscleanError) as exc:
        print(f"newsclean corpus: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if progress:
            progress.close()
    if not args.quiet:
        print_corpus_summary(summary)
    return EXIT_FAILED_RECORDS if summary.failed else EXIT_OK


def _sourced_lines(paths: list[str]):
    """Each input line with its file, the record's ``source`` when it names no site."""
    for path in paths:
        origin = "<stdin>" if path == "-" else path
        for line in read_lines([path]):
            yield Sourced(line, origin)


if __name__ == "__main__":
    sys.exit(main())
