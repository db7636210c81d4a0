"""Lines of a byte stream, each read with a bound on its length.

A JSON Lines file can hold one line of gigabytes (a one-megabyte ``.jsonl.gz`` inflates
to 2 GB): reading it whole before checking its length is how a run runs out of memory.
Here a line is read at most ``max_bytes`` at a time; a longer one is skipped to its end
in bounded pieces and reported by its number, and the lines after it are read as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Protocol

#: The default bound on one line (what the command line's ``--max-bytes`` also defaults to).
MAX_LINE_BYTES = 32 * 1024 * 1024
_SKIP_PIECE = 1024 * 1024


class LineReader(Protocol):
    """What :func:`bounded_lines` reads from: a binary file, or a :class:`PrefixedStream`."""

    def readline(self, size: int = -1, /) -> bytes: ...


def bounded_lines(stream: LineReader, max_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """``(number, line)`` for each line of ``stream`` (1-based, line ending kept), with
    ``None`` for a line longer than ``max_bytes``, which is never held in memory whole.

    >>> import io
    >>> list(bounded_lines(io.BytesIO(b"ok\\n" + b"x" * 10 + b"\\nfine"), max_bytes=5))
    [(1, b'ok\\n'), (2, None), (3, b'fine')]
    """
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):  # read to its end: at most max_bytes and a newline
            yield number, line
            continue
        while not line.endswith(b"\n"):  # skip the rest of the over-long line, a piece at a time
            line = stream.readline(_SKIP_PIECE)
            if not line:
                break
        yield number, None


class PrefixedStream:
    """A byte stream that gives ``head`` (bytes already read from ``rest``, to sniff its
    format, say) before the rest of ``rest``: what :func:`bounded_lines` reads stdin through."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head, self._rest = head, rest

    def readline(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.readline(size)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if size >= 0:
            end = min(end, size)
        line, self._head = self._head[:end], self._head[end:]
        if line.endswith(b"\n") or self._head or (size >= 0 and len(line) >= size):
            return line
        return line + self._rest.readline(-1 if size < 0 else size - len(line))
