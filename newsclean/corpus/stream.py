"""JSONL in and out (plain or gzip, files or stdin/stdout) and an ordered parallel map.

Everything here streams: records are read one line at a time, and :func:`ordered_chunks`
keeps at most ``jobs * (AHEAD + 1)`` chunks in flight, so memory does not grow with the input.
Spool files (:func:`spool_lines`, :func:`read_span`) let a worker write its cleaned
records itself and any worker read them back, so they never pass through the main process.

JSON goes through msgspec (about three times faster than the standard library at
writing; it keeps integers of any size, where orjson would turn integers beyond 64 bits
into floats). What msgspec refuses goes through the standard library, so every record
the standard library reads still works: ``NaN`` and ``Infinity``, lone surrogates (written
back escaped). Output lines are compact (no spaces after ``:`` and ``,``); a float that is
not a number is written as ``null``, which JSON can hold, where the standard library
wrote ``NaN``.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import shutil
import sys
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any, TypeVar, cast

import msgspec

from newsclean.document import Document
from newsclean.errors import InputError
from newsclean.reading.decoding import sanitize_surrogates
from newsclean.reading.lines import MAX_LINE_BYTES, bounded_lines

T = TypeVar("T")
R = TypeVar("R")

CHUNK_SIZE = 32  # records per task: big enough to amortise the hand-off, small enough to keep order cheap
AHEAD = 4  # chunks queued per worker beyond the one it runs
_DECODER = msgspec.json.Decoder()
_ENCODER = msgspec.json.Encoder()


def open_text(path: str, mode: str = "r") -> AbstractContextManager[IO[str]]:
    """Open ``path`` for text in UTF-8, gzip when it ends in ``.gz``; ``-`` is stdin/stdout (left open)."""
    if path == "-":
        return nullcontext(sys.stdin if "r" in mode else sys.stdout)
    if path.endswith(".gz"):
        return cast(IO[str], gzip.open(path, mode + "t", encoding="utf-8", newline="\n", compresslevel=6))
    return open(path, mode, encoding="utf-8", newline="\n")


class Line(str):
    """A JSON line and where it was read: ``where`` is ``"path:number"``. ``error`` is set
    for a line that cannot be read (over-long, not UTF-8), whose text is then empty:
    the worker reports it, by its place, and the run goes on."""

    where: str = ""
    error: str | None = None

    @classmethod
    def at(cls, text: str, where: str, error: str | None = None) -> Line:
        line = cls(text)
        line.where, line.error = where, error
        return line


def read_lines(paths: Iterable[str], *, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """The non-blank lines of JSONL files (plain or gzip), in order, undecoded (workers
    decode them). Each line is read with a bound (:func:`newsclean.reading.lines.bounded_lines`);
    one too long or not UTF-8 comes as a :class:`Line` with its ``error``."""
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            with _open_binary(path) as stream:
                for number, raw in bounded_lines(stream, max_bytes):
                    where = f"{name}:{number}"
                    if raw is None:
                        yield Line.at("", where, f"line longer than {max_bytes:,} bytes")
                        continue
                    try:
                        text = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        yield Line.at("", where, f"not UTF-8 ({exc.reason} at byte {exc.start})")
                        continue
                    if text.strip():
                        yield Line.at(text, where)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
        except (EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise InputError(f"not readable gzip: {exc}", path) from None


def _open_binary(path: str) -> AbstractContextManager[IO[bytes]]:
    if path == "-":
        return nullcontext(sys.stdin.buffer)
    if path.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def decode_record(item: Any) -> dict:
    """A record from a JSON line, a mapping or a Document; anything else is an InputError.

    Lone surrogates (``"\\ud83d"``, an emoji a scraper cut in half) become U+FFFD in every
    field: no output could encode them."""
    if isinstance(item, Document):
        return item.to_dict()
    where = getattr(item, "where", None)
    if isinstance(item, Line) and item.error:
        raise InputError(item.error, where)
    checked = False
    if isinstance(item, (str, bytes)):
        item, checked = _decode(item, where)
    if not isinstance(item, dict):
        raise InputError(f"a record must be a JSON object, got {type(item).__name__}", where)
    return item if checked else _without_surrogates(item)


def _without_surrogates(value: Any) -> Any:
    """``value`` with lone surrogates replaced in every string, at any depth."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return sanitize_surrogates(value)
        return value
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def read_records(paths: Iterable[str]) -> Iterator[dict]:
    """Decoded records of JSONL files, in order."""
    return map(decode_record, read_lines(paths))


def loads(line: str | bytes, where: str | None = None) -> Any:
    """One JSON value, as the standard library reads it; an InputError (at ``where``) if it is no JSON."""
    return _decode(line, where)[0]


def _decode(line: str | bytes, where: str | None) -> tuple[Any, bool]:
    """:func:`loads`, and whether the value surely holds no lone surrogate: msgspec refuses
    them, so whatever it decoded has none (and needs no walk through every string)."""
    if type(line) not in (str, bytes):  # msgspec takes exactly str or bytes, not a Line
        line = str(line) if isinstance(line, str) else bytes(line)
    try:
        return _DECODER.decode(line), True
    except (msgspec.DecodeError, UnicodeEncodeError):
        pass  # NaN, Infinity, a lone surrogate, or no JSON at all: the standard library decides
    try:
        return json.loads(line), False
    except ValueError as exc:
        raise InputError(f"invalid JSON line: {exc}", where) from None


def dumps(record: dict) -> bytes:
    """One compact JSON line (UTF-8, newline-terminated)."""
    try:
        return _ENCODER.encode(record) + b"\n"
    except (UnicodeEncodeError, TypeError):  # a lone surrogate (written escaped), an unusual key
        return (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")


def encode_record(record: dict) -> str:
    return dumps(record).decode("utf-8")


def write_records(records: Iterable[dict], path: str) -> int:
    """Write records as JSONL (gzip when ``path`` ends in ``.gz``); returns how many."""
    count = 0
    with open_text(path, "w") as out:
        for record in records:
            out.write(encode_record(record))
            count += 1
        out.flush()
    return count


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_WORKER_FUNCTION: Callable | None = None  # per worker process, set once by _install


def _install(function: Callable) -> None:
    global _WORKER_FUNCTION
    _WORKER_FUNCTION = function


def _run_installed(chunk: Any) -> Any:
    assert _WORKER_FUNCTION is not None
    return _WORKER_FUNCTION(chunk)


def ordered_chunks(function: Callable[[T], R], chunks: Iterable[T], *, jobs: int = 1) -> Iterator[R]:
    """``map(function, chunks)`` over ``jobs`` processes, results in input order.

    ``function`` is pickled once per worker, not once per chunk (and not at all where
    workers are forked). With ``jobs == 1`` everything runs in this process. At most
    ``jobs * (AHEAD + 1)`` chunks are in flight: input is consumed only as results are taken.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1:
        yield from map(function, chunks)
        return
    pending: deque[Future] = deque()
    chunks = iter(chunks)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_install, initargs=(function,)) as pool:
        try:
            # The workers are forked at the first submit. This process's objects (the
            # pipeline's tables among them) are frozen meanwhile, so the workers' collectors
            # never walk them, and never copy the pages they share with this process.
            gc.freeze()
            try:
                for chunk in islice(chunks, jobs * (AHEAD + 1)):
                    pending.append(pool.submit(_run_installed, chunk))
            finally:
                gc.unfreeze()
            while pending:
                result = pending.popleft().result()
                for chunk in islice(chunks, 1):
                    pending.append(pool.submit(_run_installed, chunk))
                yield result
        finally:
            for future in pending:
                future.cancel()


@dataclass(frozen=True)
class _EachItem:
    function: Callable

    def __call__(self, chunk: list) -> list:
        return [self.function(item) for item in chunk]


def ordered_map(
    function: Callable[[T], R], items: Iterable[T], *, jobs: int = 1, chunk_size: int = CHUNK_SIZE
) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` processes in chunks of ``chunk_size``, results in input order."""
    if jobs == 1:
        yield from map(function, items)
        return
    for results in ordered_chunks(_EachItem(function), chunked(items, chunk_size), jobs=jobs):
        yield from results


# -- spool files: JSON lines that workers write and read back themselves ---------------


@dataclass(frozen=True)
class Span:
    """Where a chunk's lines are: ``lengths`` consecutive lines from ``offset`` in ``path``."""

    path: str
    offset: int
    lengths: tuple[int, ...]


_SPOOLS: dict[tuple[str, int], IO[bytes]] = {}  # (directory, process id) -> the process's spool file
_SPOOL_DIRECTORIES: dict[str, int] = {}  # spool directory in use -> the process that made it


@contextmanager
def spool_directory() -> Iterator[str]:
    """A temporary directory for the workers' spool files, removed with them afterwards (and
    by :func:`remove_spool_directories` when a signal ends the process without unwinding)."""
    with tempfile.TemporaryDirectory(prefix="newsclean-spool-") as directory:
        _SPOOL_DIRECTORIES[directory] = os.getpid()
        try:
            yield directory
        finally:
            _SPOOL_DIRECTORIES.pop(directory, None)


def remove_spool_directories() -> None:
    """Remove the spool directories this process made (a forked worker inherits the table,
    not the directories: it removes nothing). For a signal handler about to ``os._exit``."""
    for directory, owner in list(_SPOOL_DIRECTORIES.items()):
        if owner == os.getpid():
            shutil.rmtree(directory, ignore_errors=True)


def spool_lines(directory: str, lines: list[bytes]) -> Span:
    """Append ``lines`` to this process's spool file in ``directory`` and say where they went.

    One file per process, so workers never share one; keyed by process id too, because a
    forked worker inherits its parent's open spool, and writing through that would
    interleave with the parent's own writes."""
    key = (directory, os.getpid())
    spool = _SPOOLS.get(key)
    if spool is None:
        spool = _SPOOLS[key] = open(os.path.join(directory, f"{os.getpid()}.jsonl"), "ab")
    offset = spool.tell()
    spool.write(b"".join(lines))
    spool.flush()  # another process reads it next
    return Span(spool.name, offset, tuple(map(len, lines)))


def close_spools(directory: str) -> None:
    """Close this process's spool file in ``directory`` (worker processes close theirs on exit)."""
    spool = _SPOOLS.pop((directory, os.getpid()), None)
    if spool is not None:
        spool.close()


def read_span(span: Span) -> list[bytes]:
    """The lines :func:`spool_lines` wrote, read back by any process."""
    with open(span.path, "rb") as spool:
        data = os.pread(spool.fileno(), sum(span.lengths), span.offset)
    lines, start = [], 0
    for length in span.lengths:
        lines.append(data[start : start + length])
        start += length
    return lines


def write_lines(lines: Iterable[bytes], out: IO[bytes] | gzip.GzipFile) -> int:
    """Write JSON lines (bytes, each ending in a newline) to a binary stream; returns how many."""
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    out.flush()
    return count
