"""JSONL in and out (plain or gzip, files or stdin/stdout) and an ordered parallel map.

Everything here streams: records are read one line at a time, and :func:`ordered_map`
keeps at most ``jobs * AHEAD`` chunks in flight, so memory does not grow with the input.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import deque
from contextlib import nullcontext
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import IO, Any, Callable, ContextManager, Iterable, Iterator, TypeVar

from newsclean.document import Document
from newsclean.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

CHUNK_SIZE = 32  # records per task: big enough to amortise the hand-off, small enough to keep order cheap
AHEAD = 4  # chunks queued per worker beyond the one it runs


def open_text(path: str, mode: str = "r") -> ContextManager[IO[str]]:
    """Open ``path`` for text in UTF-8, gzip when it ends in ``.gz``; ``-`` is stdin/stdout (left open)."""
    if path == "-":
        return nullcontext(sys.stdin if "r" in mode else sys.stdout)
    if path.endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8", newline="\n", compresslevel=6)
    return open(path, mode, encoding="utf-8", newline="\n")


def read_lines(paths: Iterable[str]) -> Iterator[str]:
    """The non-blank lines of JSONL files, in order, undecoded (workers decode them)."""
    for path in paths:
        try:
            with open_text(path) as lines:
                for line in lines:
                    if line.strip():
                        yield line
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
        except (UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"not UTF-8 JSONL{' (gzip)' if path.endswith('.gz') else ''}: {exc}", path) from None


def decode_record(item: Any) -> dict:
    """A record from a JSON line, a mapping or a Document; anything else is an InputError."""
    if isinstance(item, Document):
        return item.to_dict()
    if isinstance(item, (str, bytes)):
        try:
            item = json.loads(item)
        except ValueError as exc:
            raise InputError(f"invalid JSON line: {exc}") from None
    if not isinstance(item, dict):
        raise InputError(f"a record must be a JSON object, got {type(item).__name__}")
    return item


def read_records(paths: Iterable[str]) -> Iterator[dict]:
    """Decoded records of JSONL files, in order."""
    return map(decode_record, read_lines(paths))


def encode_record(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


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


def _run_chunk(chunk: list) -> list:
    assert _WORKER_FUNCTION is not None
    return [_WORKER_FUNCTION(item) for item in chunk]


def ordered_map(function: Callable[[T], R], items: Iterable[T], *, jobs: int = 1,
                chunk_size: int = CHUNK_SIZE) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` processes, results in input order.

    ``function`` is pickled once per worker, not once per item. With ``jobs == 1``
    everything runs in this process. Input is consumed only as results are taken.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1:
        yield from map(function, items)
        return
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_install, initargs=(function,)) as pool:
        chunks = chunked(items, chunk_size)
        try:
            for chunk in islice(chunks, jobs * (AHEAD + 1)):
                pending.append(pool.submit(_run_chunk, chunk))
            while pending:
                results = pending.popleft().result()
                for chunk in islice(chunks, 1):
                    pending.append(pool.submit(_run_chunk, chunk))
                yield from results
        finally:
            for future in pending:
                future.cancel()
