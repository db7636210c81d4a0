"""Units of CLI work and how they run: one file, or a batch of JSONL lines, per job.

A job is plain data and :func:`run_job` turns it into a :class:`Result` of plain data
(strings, counts, messages), so jobs can run in worker processes and the main process
only writes results in input order. Every failure is caught per document and becomes
a message naming the file (and line): bad input never stops a run.
"""

from __future__ import annotations

import ctypes
import gzip
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from newsclean.cli import configfile, formats, linefix
from newsclean.cli.atomic import exit_cleanly_on, remove_temporaries, write_bytes
from newsclean.cli.configfile import ConfigSpec
from newsclean.cli.files import STDIN, Input
from newsclean.cli.jsonl import RecordError, parse_record, replace_field
from newsclean.cli.report import Rewrites, Style, Tally, check_lines, explain, unified_diff
from newsclean.document import Change, Document, site_of, to_record
from newsclean.errors import InputError, NewscleanError
from newsclean.reading.reader import read

MODES = ("output", "check", "fix", "diff", "explain")
#: Fixing re-cleans the fixed text until nothing changes (a removal can expose a headline).
MAX_FIX_ROUNDS = 4
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Options:
    mode: str = "output"
    format: str = "text"
    input_format: str | None = None
    text_field: str = "text"
    html_field: str = "html"
    colour: bool = False
    max_bytes: int = formats.DEFAULT_MAX_BYTES
    out_dir: str | None = None  # a mirrored output tree
    title_in_text: bool = True  # records and text output: the headline is the first line of the text
    drop_html: bool = False  # records: leave out the raw page (the --html-field field)
    whole_lines: bool = False  # --explain: whole paragraphs, not a window around each change


@dataclass(frozen=True)
class FileJob:
    input: Input
    spec: ConfigSpec
    data: bytes | None = None  # stdin's content, read by the main process

    @property
    def source(self) -> str:
        return STDIN_NAME if self.input.path == STDIN else self.input.path


@dataclass(frozen=True)
class LinesJob:
    source: str
    spec: ConfigSpec
    lines: tuple[tuple[int, bytes | None], ...]  # None: a line over the size limit, not read


@dataclass
class Result:
    rendered: list[str] = field(default_factory=list)  # documents for the output stream
    report: str = ""  # --check / --diff / --explain text for stdout
    lines: list[bytes] = field(default_factory=list)  # JSONL lines for the file's own copy
    messages: list[str] = field(default_factory=list)  # notes for stderr, each naming its input
    errors: list[str] = field(default_factory=list)  # inputs that could not be processed
    tally: Tally = field(default_factory=Tally)
    changed: bool = False
    rewrites: Rewrites = field(default_factory=Rewrites)  # --check on JSONL: summed up per file

    def fail(self, message: str) -> None:
        self.errors.append(message)
        self.tally.failed += 1


def run_job(job: FileJob | LinesJob, options: Options) -> Result:
    if isinstance(job, LinesJob):
        return _run_lines(job, options)
    return _run_file(job, options)


# -- whole files: text, markdown, HTML -------------------------------------------------


def _describe(exc: BaseException, source: str) -> str:
    if isinstance(exc, InputError) and exc.source:
        return str(exc)
    if isinstance(exc, OSError):
        return f"{source}: {exc.strerror or exc}"
    if isinstance(exc, NewscleanError):
        return f"{source}: {exc}"
    return f"{source}: newsclean failed ({type(exc).__name__}: {exc})"


@dataclass(frozen=True)
class Cleaned:
    """One input file read and cleaned, with what reporting and fixing need to know."""

    data: bytes  # the file's bytes (decompressed)
    text: str  # decoded
    raw: Document  # as read, nothing removed
    doc: Document  # cleaned
    textual: bool  # one paragraph per source line, so changes map to lines
    clean: Callable[[Document], Document]
    read_state: os.stat_result | None = None  # the file's os.stat before it was read


def _run_file(job: FileJob, options: Options) -> Result:
    result = Result()
    result.tally.files = 1
    source = job.source
    try:
        # the file's state as read: --fix replaces it only if it is still that file
        read_state = os.stat(job.input.path) if job.data is None else None
        data = job.data if job.data is not None else formats.read_file(job.input.path, max_bytes=options.max_bytes)
        if job.data is not None and data.startswith(b"\x1f\x8b"):
            data = formats.gunzip(data, name=source, max_bytes=options.max_bytes)
        if not data.strip():
            result.messages.append(f"{source}: empty file, nothing to clean")
            return result
        kind = (
            formats.kind_of(job.input.path, options.input_format) if job.input.path != STDIN else options.input_format
        )
        text = formats.decode_text(data, source)
        clean = configfile.cleaner(job.spec)
        raw = formats.read_text_document(text) if kind == "text" else read(text, name=source)
        cleaned = Cleaned(data, text, raw, clean(raw), raw.metadata.get("input") == "text", clean, read_state)
        _file_outcome(job, options, result, cleaned)
    except Exception as exc:
        result.fail(_describe(exc, source))
    return result


def _file_outcome(job: FileJob, options: Options, result: Result, cleaned: Cleaned) -> None:
    source, mode, doc = job.source, options.mode, cleaned.doc
    result.tally.add_document(doc)
    _say_held_back(result, source, doc, mode)
    result.changed = bool(doc.changes)
    line_of = _line_finder(cleaned.text, cleaned.textual)
    if mode == "check":
        rewrites = Rewrites()
        rewrites.add(doc, line_of)
        result.report = check_lines(source, doc, line_of)
        if cleaned.textual and doc.changes:
            _audit_later_rounds(result, source, fix_rounds(cleaned.text, doc, cleaned.clean), mode, rewrites=rewrites)
        result.report += rewrites.lines(source)
    elif mode == "explain":
        result.report = explain(source, doc, line_of, Style(options.colour), whole_lines=options.whole_lines)
        if cleaned.textual and doc.changes:
            rounds = fix_rounds(cleaned.text, doc, cleaned.clean)
            _audit_later_rounds(result, source, rounds, mode)
            for index, (later, _) in enumerate(rounds.later):
                heading = f"{source} (--fix round {index + 2}, on the text the round before left)"
                result.report += explain(
                    heading, later, rounds.line_of(index), Style(options.colour), whole_lines=options.whole_lines
                )
    elif mode == "diff":
        if cleaned.textual:
            result.report = unified_diff(cleaned.text, stable_fix(cleaned.text, doc, cleaned.clean), source)
        else:  # HTML has no text layout to keep: compare the extracted text before and after
            result.report = unified_diff(formats.render_text(cleaned.raw), formats.render_text(doc), source)
    elif mode == "fix":
        _fix_file(job, result, cleaned)
    elif options.out_dir is not None:
        _write_mirror(
            job.input, options, formats.render(doc, options.format, source, title_in_text=options.title_in_text)
        )
    else:
        result.rendered.append(formats.render(doc, options.format, source, title_in_text=options.title_in_text))


def _fix_file(job: FileJob, result: Result, cleaned: Cleaned) -> None:
    source = job.source
    if not cleaned.textual:
        result.changed = False
        result.fail(f"{source}: HTML is not rewritten in place; write cleaned copies with -o DIR instead")
        return
    rounds = fix_rounds(cleaned.text, cleaned.doc, cleaned.clean)
    _audit_later_rounds(result, source, rounds, "fix")
    fixed = rounds.text
    if cleaned.text.strip() and not fixed.strip():  # the safety valve's promise, kept across rounds
        result.changed = False
        result.tally.held_back += 1
        result.messages.append(f"{source}: fixing would empty it; held back, left unchanged")
        return
    result.changed = fixed != cleaned.text
    if job.input.path == STDIN:
        result.rendered.append(fixed)
        return
    if not result.changed:
        return
    codec = formats.rewrite_codec(cleaned.data)
    if codec is None:
        result.changed = False
        result.fail(f"{source}: not UTF-8 (or UTF-16/32 with a byte-order mark); left unchanged")
        return
    payload = fixed.encode(codec)
    if _is_gzip_file(job.input.path):
        payload = gzip.compress(payload, mtime=0)
    write_bytes(job.input.path, payload, expect=cleaned.read_state)
    result.tally.changed_files = 1
    result.messages.append(f"fixed {source}")


def _is_gzip_file(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


@dataclass
class FixRounds:
    """What fixing did: the final text, and every round after the first with its changes.

    A removal can expose a headline, so the fixed text is cleaned again. Those later
    rounds make changes of their own, which belong in the audit trail as much as the
    first round's: ``later`` holds each round's document with, for each of its paragraph
    positions, the 1-based line of the *original* text it came from.
    """

    text: str
    later: list[tuple[Document, list[int]]] = field(default_factory=list)

    def line_of(self, round_index: int) -> Callable[[Change], int | None]:
        lines = self.later[round_index][1]
        return lambda change: lines[max(change.position, 0)] if max(change.position, 0) < len(lines) else None


def fix_rounds(text: str, doc: Document, clean: Callable[[Document], Document]) -> FixRounds:
    """``text`` fixed by ``doc``, then re-cleaned until nothing changes, so one ``--fix`` suffices."""
    current = text
    origin = [i + 1 for i in linefix.paragraph_lines(linefix.split_lines(text))]  # position -> original line
    outcome = FixRounds(text)
    for _ in range(MAX_FIX_ROUNDS):
        fixed = linefix.apply(current, doc)
        if fixed == current:
            break
        origin = [origin[p] for p in linefix.kept_positions(current, doc) if p < len(origin)]
        current = fixed
        doc = clean(formats.read_text_document(current, url=doc.url))
        if doc.changes or doc.metadata.get("suspicious"):
            outcome.later.append((doc, origin))
    outcome.text = current
    return outcome


def stable_fix(text: str, doc: Document, clean: Callable[[Document], Document]) -> str:
    """The text :func:`fix_rounds` ends with."""
    return fix_rounds(text, doc, clean).text


def _audit_later_rounds(
    result: Result,
    source: str,
    rounds: FixRounds,
    mode: str,
    *,
    rewrites: Rewrites | None = None,
    locate: Callable | None = None,
    head: str | None = None,
) -> None:
    """Every later round's changes, in the summary (and in ``--check``'s lines, rewrites summed
    up in ``rewrites``); a round the safety valve held back is said, too. For JSONL,
    ``locate(line_of)`` names a change's record and text line."""
    for index, (doc, _) in enumerate(rounds.later):
        for change in doc.changes:
            (result.tally.removed if change.removed else result.tally.rewritten)[change.cleaner] += 1
        if mode == "check":
            line_of = rounds.line_of(index)
            result.report += check_lines(source, doc, line_of, locate=locate(line_of) if locate else None, head=head)
            if rewrites is not None:
                rewrites.add(doc, line_of)
        elif doc.metadata.get("suspicious"):
            result.messages.append(f"{source}: fixing round {index + 2} held back: {doc.metadata['suspicious']}")


def _line_finder(text: str, textual: bool) -> Callable[[Change], int | None]:
    if textual:
        lines = linefix.split_lines(text)
        return lambda change: linefix.source_line(change, lines)
    return lambda change: _html_line(text, change.before)


def _html_line(html: str, before: str) -> int | None:
    """Best effort: the line of the HTML source where the paragraph's first words appear."""
    words = before.split()[:4]
    if not words:
        return None
    at = html.find(" ".join(words))
    if at < 0:
        at = html.find(words[0]) if len(words[0]) > 3 else -1
    return html.count("\n", 0, at) + 1 if at >= 0 else None


def mirror_target(item: Input, options: Options, *, keep_extension: bool = False) -> str:
    """Where the cleaned copy of ``item`` goes in the ``-o DIR`` tree."""
    relative = "stdin" if item.path == STDIN else item.relative
    gz = formats.is_gzip_name(relative)
    stem = formats.strip_gz(relative)
    if not keep_extension:
        stem = os.path.splitext(stem)[0] + formats.FORMAT_EXTENSIONS[options.format]
    return os.path.join(options.out_dir or ".", stem + (".gz" if gz else ""))


def mirror_path(item: Input, options: Options, *, keep_extension: bool = False) -> str:
    """:func:`mirror_target`, with its parent folders made."""
    path = mirror_target(item, options, keep_extension=keep_extension)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    return path


def _write_mirror(item: Input, options: Options, rendered: str) -> None:
    path = mirror_path(item, options)
    payload = rendered.encode("utf-8")
    if formats.is_gzip_name(path):
        payload = gzip.compress(payload, mtime=0)
    write_bytes(path, payload)


# -- JSONL -----------------------------------------------------------------------------


def _run_lines(job: LinesJob, options: Options) -> Result:
    result = Result()
    for number, raw in job.lines:
        where = f"{job.source}:{number}"
        try:
            out = _run_record(job, options, result, number, raw)
        except Exception as exc:
            result.fail(f"{_describe(exc, where)}; {_fate(options)}")
            out = raw if _keeps_raw(options) else None
        if out is None:
            continue
        if options.mode == "output" and options.out_dir is None:  # one stream for all inputs
            text = out.decode("utf-8", "surrogateescape")
            result.rendered.append(text if text.endswith("\n") else text + "\n")
        else:
            result.lines.append(out)
    return result


def _run_record(job: LinesJob, options: Options, result: Result, number: int, raw: bytes | None) -> bytes | None:
    """Clean one JSONL line; returns the line for the file's own copy (fix or mirror)."""
    where = f"{job.source}:{number}"
    mode = options.mode
    if raw is None:  # read only up to the limit (a gzip bomb's one line): nothing of it to keep
        result.fail(f"{where}: {formats.too_long_line(options.max_bytes)}; skipped")
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    body = line.rstrip("\r\n")
    if not body.strip():
        return raw if mode == "fix" else None  # blank lines carry nothing; --fix keeps bytes as they are
    try:
        record = parse_record(body)
    except RecordError as exc:
        result.fail(f"{where}: {exc}; {_fate(options)}")
        return raw if _keeps_raw(options) else None
    text_value = record.get(options.text_field)
    html_value = record.get(options.html_field)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if isinstance(text_value, str):
        raw_doc = formats.read_text_document(text_value, url=url)
    elif isinstance(html_value, str) and mode in ("output", "explain"):
        raw_doc = read(html_value, url=url, name=where)
    else:
        fields = f"{options.text_field!r}" + (
            "" if mode not in ("output", "explain") else f" or {options.html_field!r}"
        )
        flags = "--text-field" + ("" if mode not in ("output", "explain") else " / --html-field")
        result.fail(f"{where}: no string {fields} field (name yours with {flags}); {_fate(options)}")
        return raw if _keeps_raw(options) else None
    clean = configfile.cleaner(job.spec)
    doc = clean(raw_doc)
    result.tally.add_document(doc)
    result.changed = result.changed or bool(doc.changes)
    ending = line[len(body) :]

    def cleaned_text() -> str:  # the text field as --fix writes it: its layout kept
        return stable_fix(text_value, doc, clean) if isinstance(text_value, str) else doc.text

    text_line = _line_finder(text_value, True) if isinstance(text_value, str) else (lambda change: None)
    label = where + (f" [{record['id']}]" if record.get("id") not in (None, "") else "")
    _say_held_back(result, label, doc, mode)
    if mode == "check":
        locate = lambda text_line: lambda change: f"{label} text-line {text_line(change) or 1}"
        result.report += check_lines(job.source, doc, text_line, head=label, locate=locate(text_line))
        result.rewrites.add(doc, text_line)
        if isinstance(text_value, str) and doc.changes:
            _audit_later_rounds(
                result,
                job.source,
                fix_rounds(text_value, doc, clean),
                mode,
                rewrites=result.rewrites,
                locate=locate,
                head=label,
            )
    elif mode == "explain":
        result.report += explain(
            label, doc, text_line, Style(options.colour), line_label="text-line", whole_lines=options.whole_lines
        )
    elif mode == "diff" and doc.changes:  # the text field's lines, not the whole JSON line
        assert isinstance(text_value, str)  # HTML fields are read only in output and explain modes
        name = label.replace(job.source, _label_path(job.source), 1) + f" {options.text_field}"
        result.report += unified_diff(text_value, cleaned_text(), job.source, labels=(f"a/{name}", f"b/{name}"))
    elif mode == "fix":
        assert isinstance(text_value, str)  # HTML fields are read only in output and explain modes
        fixed = text_value
        if doc.changes:
            rounds = fix_rounds(text_value, doc, clean)
            _audit_later_rounds(result, where, rounds, mode)
            fixed = rounds.text
        if text_value.strip() and not fixed.strip():  # the safety valve's promise, kept across rounds
            result.tally.held_back += 1
            result.messages.append(f"{where}: fixing would empty its text; held back, line kept unchanged")
            return raw
        if fixed == text_value:
            return raw
        return (replace_field(body, options.text_field, fixed) + ending).encode("utf-8")
    elif mode == "output":
        if options.format in ("json", "jsonl") or options.out_dir is not None:
            out = to_record(
                doc,
                record,
                source=site_of(doc.url) or job.source,
                title_in_text=options.title_in_text,
                drop_html=options.drop_html,
                text_field=options.text_field,
                html_field=options.html_field,
            )
            if options.format == "json" and options.out_dir is None:
                result.rendered.append(formats.render_record(out, "json"))
                return None
            return formats.render_record(out, "jsonl").encode("utf-8")
        result.rendered.append(formats.render(doc, options.format, job.source, title_in_text=options.title_in_text))
    return None


def _say_held_back(result: Result, label: str, doc: Document, mode: str) -> None:
    """A document the safety valve kept unchanged is said on stderr (``--check`` and
    ``--explain`` say it in their report), so a fixing hook shows it too."""
    if doc.metadata.get("suspicious") and mode not in ("check", "explain"):
        result.messages.append(f"{label}: held back: {doc.metadata['suspicious']}")


def _label_path(source: str) -> str:
    return source.replace("\\", "/").lstrip("/")


def _fate(options: Options) -> str:
    return "line kept unchanged" if _keeps_raw(options) else "skipped"


def _keeps_raw(options: Options) -> bool:
    """Whether an unusable line is copied into the output as it was (JSONL-shaped outputs)."""
    return options.mode == "fix" or (
        options.mode == "output" and (options.format == "jsonl" or options.out_dir is not None)
    )


# -- running jobs in order -------------------------------------------------------------


def ordered(
    items: Iterable[object], work: Callable[[object], Result], jobs: int, *, is_job: Callable[[object], bool]
) -> Iterator[tuple[object, Result | None]]:
    """``(item, result)`` in input order; non-jobs (markers) pass through with ``None``.

    With ``jobs > 1`` work runs in a process pool with a bounded number of jobs in
    flight, so a JSONL stream larger than memory is read only as fast as it is written.
    """
    if jobs <= 1:
        for item in items:
            yield item, work(item) if is_job(item) else None
        return
    window = jobs * 4
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        for item in items:
            pending.append((item, pool.submit(work, item) if is_job(item) else None))
            while len(pending) > window or (pending and pending[0][1] is None):
                first, future = pending.popleft()
                yield first, future.result() if future is not None else None
        while pending:
            first, future = pending.popleft()
            yield first, future.result() if future is not None else None


def _start_worker(parent: int) -> None:
    """A worker ends when its parent does: killed with ``kill -9``, the parent cannot tell it to.

    Linux delivers SIGTERM to the worker when its parent dies (``PR_SET_PDEATHSIG``);
    everywhere, a watchdog thread notices the parent is gone (the worker is re-parented).
    Either way the worker removes its temporary file and exits.
    """
    exit_cleanly_on(signal.SIGTERM)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), name="newsclean-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1
PARENT_CHECK_SECONDS = 1.0
_WATCHING_FORKS = False


def workers_die_with_this_process() -> None:
    """Give every process forked from here on :func:`_start_worker`'s care; once per process.

    For pools this package does not create itself (``newsclean corpus``'s): a fork hook
    reaches their workers without an initializer.
    """
    global _WATCHING_FORKS
    if not _WATCHING_FORKS and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=lambda: _start_worker(os.getppid()))
        _WATCHING_FORKS = True


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    remove_temporaries()
    os._exit(128 + signal.SIGTERM)


def worker(options: Options) -> Callable[[object], Result]:
    return partial(run_job, options=options)


def batches(
    lines: Iterable[tuple[int, bytes | None]], *, size: int = 64, max_bytes: int = 4 * 1024 * 1024
) -> Iterator[tuple]:
    """Group ``(number, line)`` pairs into batches of at most ``size`` lines or about ``max_bytes``."""
    batch: list[tuple[int, bytes | None]] = []
    total = 0
    for item in lines:
        batch.append(item)
        total += len(item[1] or b"")
        if len(batch) >= size or total >= max_bytes:
            yield tuple(batch)
            batch, total = [], 0
    if batch:
        yield tuple(batch)
