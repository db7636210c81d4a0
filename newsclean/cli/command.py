"""The ``newsclean`` command: a thin shell over :func:`newsclean.clean`.

It finds the inputs (:mod:`.files`), the configuration for each (:mod:`.configfile`),
runs the work in input order (:mod:`.batch`), and reports (:mod:`.report`); the
cleaning itself is the library's. Exit codes are listed in :mod:`newsclean.cli.report`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from typing import IO, TextIO, cast

from newsclean import __version__
from newsclean.cleaners import BUILTINS
from newsclean.cli import configfile, formats, outputs
from newsclean.cli.atomic import Discard, clean_exit_on, replacing
from newsclean.cli.batch import FileJob, LinesJob, Options, Result, batches, mirror_path, mirror_target, ordered, worker
from newsclean.cli.configfile import ConfigSpec
from newsclean.cli.files import DEFAULT_INCLUDE, FIX_INCLUDE, STDIN, Input, discover, matches
from newsclean.cli.formats import render_text
from newsclean.cli.progress import Progress
from newsclean.cli.report import EXIT_CRASH, EXIT_USAGE, Rewrites, Tally, exit_code, wants_colour
from newsclean.errors import ConfigError
from newsclean.reading.lines import PrefixedStream, bounded_lines

__all__ = ["main", "render_text"]

_FILE_OUTPUTS = {".jsonl": "jsonl", ".json": "json", ".txt": "text", ".md": "markdown"}
_SEPARATORS = {"text": "\n", "markdown": "\n---\n\n"}

EPILOG = """\
exit codes (the same for newsclean corpus; docs/cli.md has the table):
  0 nothing to change, or cleaned output written; 1 changes found or made, or a document
  held back (--check, --fix); 2 usage or configuration error; 70 internal error (a bug in
  newsclean); 123 at least one input could not be processed (the others still were).
  When several apply, the most serious wins: 70, 2, 123, then 1.

other commands:
  newsclean cleaners        list the built-in cleaners
  newsclean corpus ...      clean a JSONL corpus: near-duplicates, learned site boilerplate
                            (newsclean corpus --help)
"""


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 as a return value, not a SystemExit
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsclean",
        description="Clean scraped news articles (HTML, text or JSONL) and say what was removed and why.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, globs; '-' reads stdin")
    mode = parser.add_argument_group("mode (default: write the cleaned text)").add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        dest="mode",
        action="store_const",
        const="check",
        help="report each change as path:line: cleaner: reason; exit 1 if anything would change",
    )
    mode.add_argument(
        "--fix",
        dest="mode",
        action="store_const",
        const="fix",
        help="rewrite .txt and .jsonl files in place, atomically",
    )
    mode.add_argument("--diff", dest="mode", action="store_const", const="diff", help="print a unified diff")
    mode.add_argument(
        "--explain",
        dest="mode",
        action="store_const",
        const="explain",
        help="a readable report of what was removed and why",
    )
    out = parser.add_argument_group("input and output")
    out.add_argument(
        "-o",
        "--output",
        metavar="DIR|FILE",
        help="a directory (mirrored tree of cleaned files) or one .jsonl/.json/.txt/.md file",
    )
    out.add_argument("--format", choices=formats.FORMATS, help="output format (default: text, or the -o file's)")
    out.add_argument("--input-format", choices=formats.KINDS, help="read every input as this kind")
    out.add_argument("--text-field", default="text", metavar="NAME", help="JSONL field with the text (default: text)")
    out.add_argument("--html-field", default="html", metavar="NAME", help="JSONL field with HTML (default: html)")
    out.add_argument(
        "--title-in-text",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="put the headline on the first line of the output text (default); "
        "--no-title-in-text leaves it in metadata.title only (see docs/records.md)",
    )
    out.add_argument(
        "--drop-html",
        action="store_true",
        help="leave the raw page (--html-field) out of output records; kept by default",
    )
    out.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="files to take from directories (repeatable; default: txt, jsonl, ndjson, and html/htm "
        "except with --fix, each also .gz; Markdown only when asked: --include '*.md')",
    )
    out.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="paths to skip (repeatable)")
    out.add_argument(
        "--max-bytes",
        type=int,
        default=formats.DEFAULT_MAX_BYTES,
        metavar="N",
        help="refuse files (and JSONL lines) larger than this (default: 32 MiB)",
    )
    conf = parser.add_argument_group("configuration")
    conf.add_argument("--config", metavar="FILE", help="use this newsclean.toml or pyproject.toml instead of searching")
    conf.add_argument("--isolated", action="store_true", help="ignore every configuration file: built-in defaults only")
    conf.add_argument(
        "--trust-config",
        action="store_true",
        help="load custom cleaners named by any configuration file found, even one beside the data "
        "(by default only --config and the current directory's project may name code)",
    )
    conf.add_argument("--enable", action="append", default=[], metavar="NAME", help="add a cleaner for this run")
    conf.add_argument("--disable", action="append", default=[], metavar="NAME", help="leave a cleaner out for this run")
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per CPU)")
    run.add_argument(
        "--accept-held-back",
        action="store_true",
        help="--check/--fix: do not exit 1 for documents the safety valve held back "
        "(they are still reported and counted)",
    )
    run.add_argument(
        "--whole-lines", action="store_true", help="--explain: show whole paragraphs, not a window around each change"
    )
    run.add_argument(
        "--color",
        "--colour",
        dest="color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in --explain (auto: on a terminal unless NO_COLOR is set)",
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no notes and no closing summary on stderr")
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["cleaners"]:
        return list_cleaners(argv[1:])
    if argv[:1] == ["corpus"]:
        return run_corpus(argv[1:])
    parser = build_parser()
    configfile.forget()
    try:
        args = parser.parse_args(argv)
        options, output = _options(args)
        fixed_spec = _fixed_config(args)
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    except (UsageError, ConfigError) as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with clean_exit_on(signal.SIGTERM):  # terminated: temporary files removed, every file as it was
            return Run(args, options, output, fixed_spec).execute()
    except BrokenPipeError:  # `newsclean ... | head`: the reader has gone, which is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:
        traceback.print_exc()
        print(f"newsclean: internal error; please report it (exit code {EXIT_CRASH})", file=sys.stderr)
        return EXIT_CRASH


def list_cleaners(argv: list[str]) -> int:
    if argv:
        print("newsclean: error: 'newsclean cleaners' takes no arguments", file=sys.stderr)
        return EXIT_USAGE
    width = max(len(name) for name in BUILTINS)
    for name, cls in BUILTINS.items():
        print(f"{name:<{width}}  {cls.summary}")
    return 0


def run_corpus(argv: list[str]) -> int:
    from newsclean.cli import corpus_command  # imported on use: plain cleaning never loads corpus mode

    return corpus_command.main(argv)


def _options(args: argparse.Namespace) -> tuple[Options, str | None]:
    """Validate the flags that depend on each other; returns the options and the -o FILE, if any."""
    mode = args.mode or "output"
    if not args.paths:
        raise UsageError("no input: give files, directories, globs, or '-' for stdin (see newsclean --help)")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    if args.max_bytes <= 0:
        raise UsageError("--max-bytes must be positive")
    if mode != "output" and (args.output or args.format):
        raise UsageError(f"-o/--output and --format go with the default mode, not --{mode}")
    out_file = out_dir = None
    fmt = args.format
    if args.output:
        ext = os.path.splitext(formats.strip_gz(args.output))[1].lower()
        if ext in _FILE_OUTPUTS and not os.path.isdir(args.output):
            out_file = args.output
            fmt = fmt or _FILE_OUTPUTS[ext]
        else:
            out_dir = args.output
    if STDIN in args.paths and mode == "fix" and len(args.paths) > 1:
        raise UsageError("--fix with '-' writes the fixed stdin to stdout; give '-' alone")
    options = Options(
        mode=mode,
        format=fmt or "text",
        input_format=args.input_format,
        text_field=args.text_field,
        html_field=args.html_field,
        colour=wants_colour(sys.stdout, args.color),
        max_bytes=args.max_bytes,
        out_dir=out_dir,
        title_in_text=args.title_in_text,
        drop_html=args.drop_html,
        whole_lines=args.whole_lines,
    )
    return options, out_file


def _fixed_config(args: argparse.Namespace) -> ConfigSpec | None:
    """The ``--config`` spec, if given; checks it and ``--enable``/``--disable`` up front (exit code 2)."""
    enable, disable = tuple(args.enable), tuple(args.disable)
    if args.isolated and args.config:
        raise UsageError("--isolated ignores configuration files; it cannot go with --config")
    if args.config:
        if not os.path.exists(args.config):
            raise UsageError(f"--config {args.config}: no such file")
        if not os.path.isfile(args.config):  # /dev/null, a folder: there, but not a file to read
            raise UsageError(f"--config {args.config}: not a regular file (give a newsclean.toml or pyproject.toml)")
        spec = ConfigSpec(os.path.abspath(args.config), enable, disable, trusted=True)
        if configfile.read_table(os.path.abspath(args.config)) is None:
            raise ConfigError(f"{args.config} has no [tool.newsclean] table")
        configfile.cleaner(spec)
        return spec
    spec = ConfigSpec(None, enable, disable)
    configfile.cleaner(spec)
    return spec if args.isolated else None


class Run:
    """One invocation over its inputs: discovery, configuration, ordered work, output, summary."""

    def __init__(self, args: argparse.Namespace, options: Options, out_file: str | None, fixed_spec: ConfigSpec | None):
        self.args = args
        self.options = options
        self.out_file = out_file
        self.fixed_spec = fixed_spec
        self.quiet = args.quiet
        self.tally = Tally()
        self.changed = False
        self.out: TextIO = sys.stdout
        self.documents_written = 0
        # the JSONL input being streamed: its own copy, whether it changed, its diff header
        self.sink: Sink | _StdoutSink | None = None
        self.file_changed = False
        self._kinds: dict[str, str | None] = {}
        self.file_rewrites = Rewrites()  # --check: the JSONL file's rewrites, printed at its end

    # -- configuration per input -------------------------------------------------------

    def spec_for(self, item: Input) -> ConfigSpec:
        if self.fixed_spec:
            return self.fixed_spec
        folder = os.getcwd() if item.path == STDIN else os.path.dirname(os.path.abspath(item.path))
        path = configfile.find(folder)
        trusted = path is not None and (
            self.args.trust_config or configfile.in_project(path, configfile.project_root(os.getcwd()))
        )
        return ConfigSpec(path, tuple(self.args.enable), tuple(self.args.disable), trusted)

    def excluded_by_config(self, item: Input, spec: ConfigSpec) -> bool:
        patterns = configfile.load(spec).exclude
        if not patterns or item.path == STDIN:
            return False
        path = os.path.abspath(item.path)
        base = str(spec.base.resolve())
        relative = os.path.relpath(path, base) if path.startswith(base + os.sep) else item.path
        return matches(relative, patterns)

    def is_own_output(self, item: Input) -> bool:
        """True for a file a directory walk found where this run writes (-o FILE, or inside
        -o DIR): never read it back. A file named on the command line is never skipped this
        way; if it is an output, :meth:`output_clash` stops the run."""
        if item.path == STDIN or item.root is None or not (self.out_file or self.options.out_dir):
            return False
        if self.out_file:
            return outputs.onto_input(self.out_file, [item.path]) is not None
        out_dir = self.options.out_dir or ""  # set: the test above returned without one
        return os.path.realpath(item.path).startswith(os.path.realpath(out_dir) + os.sep)

    def output_clash(self, inputs: list[Input]) -> str | None:
        """Why the planned outputs would destroy data (an output is an input, or two inputs
        share one output), or None."""
        names = [item.path for item in inputs if item.path != STDIN]
        if self.out_file:
            same = outputs.onto_input(self.out_file, names)
            return f"the output {self.out_file} is the input {same}; choose another output" if same else None
        if self.options.out_dir is None or self.options.mode != "output":
            return None
        planned = [
            (item.path, mirror_target(item, self.options, keep_extension=self.kind_for(item) == "jsonl"))
            for item in inputs
        ]
        return outputs.collision(planned, names)

    def kind_for(self, item: Input) -> str | None:
        """``html``, ``text``, ``jsonl``, ``json`` (JSON that is not JSON Lines), or None: let the reader tell."""
        if item.path == STDIN:
            return self.options.input_format
        if item.path not in self._kinds:
            kind = formats.kind_of(item.path, self.options.input_format)
            if kind is None:
                kind = formats.sniff_file(item.path, max_bytes=self.options.max_bytes)
            self._kinds[item.path] = kind
        return self._kinds[item.path]

    # -- the run -----------------------------------------------------------------------

    def execute(self) -> int:
        default = FIX_INCLUDE if self.options.mode == "fix" else DEFAULT_INCLUDE
        include = tuple(self.args.include) if self.args.include else default
        inputs, problems = discover(self.args.paths, include=include, exclude=tuple(self.args.exclude))
        inputs = [item for item in inputs if not self.is_own_output(item)]
        for problem in problems:
            self.error(problem)
        try:
            planned = [(item, self.spec_for(item)) for item in inputs]
            for spec in dict.fromkeys(spec for _, spec in planned):
                configfile.cleaner(spec)  # every configuration is checked before any file is touched
            planned = [(item, spec) for item, spec in planned if not self.excluded_by_config(item, spec)]
        except ConfigError as exc:
            print(f"newsclean: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        clash = self.output_clash([item for item, _ in planned])
        if clash:
            print(f"newsclean: error: {clash}; nothing was written", file=sys.stderr)
            return EXIT_USAGE
        jobs = self.args.jobs or os.cpu_count() or 1
        progress = Progress(len(planned))
        with self.output_stream() as out:
            self.out = out
            try:
                for item, result in ordered(self.items(planned), worker(self.options), jobs, is_job=_is_job):
                    self.consume(item, result)
                    progress.update(self.tally.files, self.tally.documents)
            finally:
                progress.close()
                if self.sink is not None:  # interrupted inside a JSONL file: keep the original
                    self.sink.close(keep=False)
                self.finish_stream()
        if not self.quiet:
            sys.stderr.write(self.tally.summary(self.options.mode))
        # Writing cleaned output is the job done, not a finding: like black and ruff, only the
        # modes that report or rewrite (--check, --diff, --explain, --fix) exit 1 on a change.
        reported = self.changed and self.options.mode != "output"
        held_back = (
            self.tally.held_back > 0 and self.options.mode in ("check", "fix") and not self.args.accept_held_back
        )
        return exit_code(changed=reported, failed=self.tally.failed > 0, held_back=held_back)

    def items(self, planned: list[tuple[Input, ConfigSpec]]) -> Iterator[object]:
        """Jobs in input order; a JSONL input becomes Start, its line batches, then End."""
        for item, spec in planned:
            source = "<stdin>" if item.path == STDIN else item.path
            stdin = _Stdin(self.options) if item.path == STDIN else None
            kind = stdin.kind if stdin is not None else self.kind_for(item)
            if kind == "json":
                unchanged = stdin.read() if stdin is not None and self.options.mode == "fix" else None
                yield Failed(
                    item,
                    f"{source}: JSON that is not JSON Lines (one object per line); "
                    "newsclean does not read it; left unchanged",
                    unchanged,
                )
                continue
            if kind != "jsonl":
                yield FileJob(item, spec, stdin.read() if stdin is not None else None)
                continue
            start = Start(item, source)
            try:
                start.state = os.stat(item.path) if stdin is None else None  # --fix: is it still this file at the end?
                stream = stdin.lines() if stdin is not None else formats.open_lines(item.path)
            except OSError as exc:
                yield Failed(item, f"{source}: {exc.strerror or exc}")
                continue
            yield start
            try:
                for lines in batches(bounded_lines(stream, self.options.max_bytes)):
                    overlong = next((n for n, raw in lines if raw is None), None)
                    if overlong is not None and self.options.mode == "fix":  # the line cannot be kept: no rewrite
                        start.broken = (
                            f"{source}:{overlong}: {formats.too_long_line(self.options.max_bytes)}; file left unchanged"
                        )
                        break
                    yield LinesJob(source, spec, lines)
            except (OSError, EOFError, ValueError) as exc:  # a truncated or corrupt .gz, say
                start.broken = f"{source}: cannot read further ({exc}); file left unchanged"
            finally:
                if stdin is None and hasattr(stream, "close"):  # stdin is not ours to close
                    stream.close()
            yield End(start)

    def consume(self, item: object, result: Result | None) -> None:
        if isinstance(item, Failed):
            self.tally.files += 1
            self.error(item.message)
            if item.passthrough is not None:  # a filter passes on what it cannot fix
                sys.stdout.flush()
                sys.stdout.buffer.write(item.passthrough)
                sys.stdout.buffer.flush()
        elif isinstance(item, Start):
            self.tally.files += 1
            self.file_changed = False
            try:
                self.sink = Sink.open(item, self.options)
            except OSError as exc:
                item.broken = f"{item.source}: cannot write ({exc.strerror or exc}); file left unchanged"
        elif isinstance(item, End):
            self.end_jsonl(item.start)
        elif result is not None:
            self.take(item, result)

    def take(self, item: object, result: Result) -> None:
        self.tally.merge(result.tally)
        self.changed = self.changed or result.changed
        for message in result.errors:  # already counted in result.tally
            print(f"newsclean: error: {message}", file=sys.stderr)
        if not self.quiet:
            for message in result.messages:
                print(message if message.startswith("fixed ") else f"newsclean: {message}", file=sys.stderr)
        if isinstance(item, LinesJob):
            self.file_changed = self.file_changed or result.changed
            if self.sink is not None:
                self.sink.write(result.lines)
            self.file_rewrites.merge(result.rewrites)
        if result.report:
            sys.stdout.write(result.report)
        for rendered in result.rendered:
            self.write_document(rendered)

    def end_jsonl(self, start: Start) -> None:
        rewrites, self.file_rewrites = self.file_rewrites, Rewrites()
        if self.options.mode == "check":
            sys.stdout.write(rewrites.lines(start.source, records=True))
        sink, self.sink = self.sink, None
        if start.broken:
            self.error(start.broken)
            if sink is not None:
                sink.close(keep=False)
            return
        if sink is None:
            return
        keep = self.file_changed or self.options.mode != "fix"
        try:
            sink.close(keep=keep)
        except OSError as exc:  # changed while being fixed, say: left as it is now
            self.error(exc.strerror or str(exc))
            return
        if self.options.mode == "fix" and keep:
            self.tally.changed_files += 1
            if not self.quiet:
                print(f"fixed {start.source}", file=sys.stderr)

    # -- the output stream (stdout, or -o FILE) ----------------------------------------

    def output_stream(self):
        if self.out_file is None:
            return _Borrowed(sys.stdout)
        return _FileOutput(self.out_file)

    def write_document(self, rendered: str) -> None:
        fmt = self.options.format
        if fmt == "json" and self.options.mode == "output":
            rendered = ("[\n" if not self.documents_written else ",\n") + rendered
        elif self.documents_written and fmt in _SEPARATORS and self.options.mode == "output":
            rendered = _SEPARATORS[fmt] + rendered
        self.out.write(rendered)
        self.documents_written += 1

    def finish_stream(self) -> None:
        if self.options.format == "json" and self.options.mode == "output" and self.options.out_dir is None:
            self.out.write("\n]\n" if self.documents_written else "[]\n")
        self.out.flush()

    def error(self, message: str) -> None:
        self.tally.failed += 1
        print(f"newsclean: error: {message}", file=sys.stderr)


def _is_job(item: object) -> bool:
    return isinstance(item, (FileJob, LinesJob))


class Start:
    """Marks the beginning of a JSONL input; the main process opens its copy here."""

    def __init__(self, item: Input, source: str):
        self.item = item
        self.source = source
        self.broken: str | None = None
        self.state: os.stat_result | None = None  # the file's os.stat when reading began


class End:
    def __init__(self, start: Start):
        self.start = start


class Failed:
    def __init__(self, item: Input, message: str, passthrough: bytes | None = None):
        self.item = item
        self.message = message
        self.passthrough = passthrough  # --fix on stdin: what goes to stdout instead, unchanged


class Sink:
    """Where the lines of one JSONL input go: its own replacement (--fix) or its mirrored copy."""

    def __init__(self, path: str, compress: bool, expect: os.stat_result | None = None):
        self._context = replacing(path, expect=expect)
        raw = self._context.__enter__()
        self._gzip = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") if compress else None
        self.stream: IO[bytes] = cast(IO[bytes], self._gzip or raw)

    @classmethod
    def open(cls, start: Start, options: Options) -> Sink | _StdoutSink | None:
        if start.item.path == STDIN:
            return _StdoutSink() if options.mode == "fix" else None
        if options.mode == "fix":
            with open(start.item.path, "rb") as f:
                compressed = f.read(2) == b"\x1f\x8b"
            return cls(start.item.path, compressed, start.state)
        if options.mode == "output" and options.out_dir is not None:
            path = mirror_path(start.item, options, keep_extension=True)
            return cls(path, formats.is_gzip_name(path))
        return None

    def write(self, lines: list[bytes]) -> None:
        for line in lines:
            self.stream.write(line)

    def close(self, *, keep: bool) -> None:
        if self._gzip is not None:
            self._gzip.close()  # writes the gzip trailer; the file underneath stays open
        if keep:
            self._context.__exit__(None, None, None)
        else:
            self._context.__exit__(Discard, Discard(), None)


class _Stdin:
    """stdin, sniffed when no ``--input-format`` says what it is (see :func:`formats.sniff`):
    the lines read to decide are handed on, so nothing is lost and JSONL still streams."""

    def __init__(self, options: Options):
        self.kind = options.input_format
        self._head: list[bytes] = []
        self._data: bytes | None = None
        if self.kind is None:
            while True:
                line = sys.stdin.buffer.readline(options.max_bytes)
                self._head.append(line)
                if not line or line.strip():
                    break
            self.kind = formats.sniff(self._head[-1], self.read)

    def read(self) -> bytes:
        if self._data is None:
            self._data = b"".join(self._head) + sys.stdin.buffer.read()
        return self._data

    def lines(self) -> PrefixedStream:
        return PrefixedStream(b"".join(self._head), sys.stdin.buffer)


class _StdoutSink:
    def write(self, lines: list[bytes]) -> None:
        sys.stdout.flush()
        for line in lines:
            sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()

    def close(self, *, keep: bool) -> None:
        pass


class _Borrowed:
    """stdout as an output stream that is not closed at the end."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def __enter__(self) -> TextIO:
        reconfigure = getattr(self.stream, "reconfigure", None)
        if reconfigure is not None:  # see _FileOutput: kept JSONL lines go out byte for byte
            reconfigure(errors="surrogateescape")
        return self.stream

    def __exit__(self, *exc) -> None:
        self.stream.flush()


class _FileOutput:
    """``-o FILE``: written to a temporary file that replaces FILE only when the run completes."""

    def __init__(self, path: str):
        self.path = path

    def __enter__(self) -> TextIO:
        folder = os.path.dirname(self.path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        self._context = replacing(self.path)
        raw = self._context.__enter__()
        self._gzip = (
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") if formats.is_gzip_name(self.path) else None
        )
        # surrogateescape: a kept-as-is JSONL line that is not UTF-8 goes out byte for byte
        self._text = io.TextIOWrapper(self._gzip or raw, encoding="utf-8", errors="surrogateescape", newline="")
        return self._text

    def __exit__(self, exc_type, exc, tb) -> None:
        self._text.flush()
        self._text.detach()
        if self._gzip is not None:
            self._gzip.close()
        self._context.__exit__(exc_type, exc, tb)
