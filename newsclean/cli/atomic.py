"""Atomic file replacement: readers see the old file or the new one, never half of either.

The new content goes to a temporary file in the same directory (so ``os.replace`` is a
rename on one file system), is flushed and fsynced, takes the old file's permission
bits, and only then replaces it. On any error the temporary file is removed and the
original is left byte-identical. A symlink is followed: its target is replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from typing import IO, Iterator


@contextmanager
def replacing(path: str) -> Iterator[IO[bytes]]:
    """Write the new content of ``path`` to the yielded binary file; it replaces ``path`` on exit.

    Raise :class:`Discard` inside the block to keep the original after all.
    """
    target = os.path.realpath(path)
    if os.path.exists(target) and not os.access(target, os.W_OK):
        # os.replace would happily swap out a read-only file; honour the permission instead
        raise PermissionError(13, "Permission denied (the file is read-only)", path)
    folder, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".newsclean-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        except FileNotFoundError:  # a new file: the usual mode, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except Discard:
        os.unlink(temp)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    else:
        _fsync_directory(folder)


class Discard(Exception):
    """Raised inside :func:`replacing` to leave the original file as it was."""


def write_bytes(path: str, data: bytes) -> None:
    """Replace the content of ``path`` with ``data``, atomically."""
    with replacing(path) as f:
        f.write(data)


def _fsync_directory(folder: str) -> None:
    # Makes the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
