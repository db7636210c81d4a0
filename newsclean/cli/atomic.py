"""Atomic file replacement: readers see the old file or the new one, never half of either.

The new content goes to a temporary file in the same directory (so ``os.replace`` is a
rename on one file system), is flushed and fsynced, takes the old file's permission
bits, owner and group, and only then replaces it. On any error the temporary file is
removed and the original is left byte-identical. A symlink is followed: its target is
replaced.

Some files are refused (:class:`Refused`) rather than replaced, because a rename would
lose something: a read-only file (even for root, who may write anything), a file with
hard links (the others would keep the old content), a file whose owner or group cannot
be kept, and a file that changed since it was read (``expect``: an editor saved it, a
line was appended), whose new content the rename would throw away.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


@contextmanager
def replacing(path: str, *, expect: os.stat_result | None = None) -> Iterator[IO[bytes]]:
    """Write the new content of ``path`` to the yielded binary file; it replaces ``path`` on exit.

    ``expect`` is the file's state when it was read: if it is no longer the same file
    (device, inode, size, modification time) when the new content is ready, nothing is
    replaced and :class:`Refused` is raised. Raise :class:`Discard` inside the block to
    keep the original after all.
    """
    target = os.path.realpath(path)
    _check_replaceable(target, path)
    folder, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".newsclean-tmp", dir=folder)
    _TEMPORARY.add(temp)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        try:
            old = os.stat(target)
        except FileNotFoundError:  # a new file: the usual mode, not mkstemp's private 0600
            if expect is not None:
                raise Refused(f"{path}: removed while newsclean was fixing it; not recreated") from None
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        else:
            if expect is not None and _state(old) != _state(expect):
                raise Refused(f"{path}: changed while newsclean was fixing it; left as it is now (run again)")
            os.chmod(temp, stat.S_IMODE(old.st_mode))
            _keep_owner(temp, old, path)
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
    finally:
        _TEMPORARY.discard(temp)


#: Temporary files being written in this process, removed if a signal ends it (see below).
_TEMPORARY: set[str] = set()


def remove_temporaries() -> None:
    """Remove the temporary files this process is writing (their targets stay as they were)."""
    for temp in list(_TEMPORARY):
        try:
            os.unlink(temp)
        except OSError:
            pass


def exit_cleanly_on(*signals: int) -> dict[int, Any]:
    """On these signals, remove the temporary files and exit with ``128 + signal``.

    A terminated run must leave every file as it was, with no ``.newsclean-tmp`` litter;
    exiting at once (rather than unwinding) also stops a pool of workers from finishing
    their queue first. Call from the main thread.
    """

    def handler(signum: int, frame: object) -> None:
        remove_temporaries()
        os._exit(128 + signum)

    return {number: signal.signal(number, handler) for number in signals}


@contextmanager
def clean_exit_on(*signals: int) -> Iterator[None]:
    """:func:`exit_cleanly_on` for the duration of the block (in the main thread; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = exit_cleanly_on(*signals)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class Discard(Exception):
    """Raised inside :func:`replacing` to leave the original file as it was."""


class Refused(OSError):
    """A file :func:`replacing` will not replace; the message says why, and names it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.strerror = message


def _check_replaceable(target: str, path: str) -> None:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return
    if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
        # os.replace would happily swap out a read-only file, and root may write any
        # file: a file nobody may write is read-only for newsclean too
        raise Refused(f"{path}: read-only; left unchanged")
    if st.st_nlink > 1:
        raise Refused(f"{path}: has {st.st_nlink} hard links, which a rewrite would split; left unchanged")


def _keep_owner(temp: str, old: os.stat_result, path: str) -> None:
    new = os.stat(temp)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.chown(temp, old.st_uid, old.st_gid)
    except PermissionError:
        raise Refused(f"{path}: its owner or group cannot be kept; left unchanged") from None


def _state(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def write_bytes(path: str, data: bytes, *, expect: os.stat_result | None = None) -> None:
    """Replace the content of ``path`` with ``data``, atomically (see :func:`replacing`)."""
    with replacing(path, expect=expect) as f:
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
