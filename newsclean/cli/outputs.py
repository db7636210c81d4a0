"""Where a run will write, checked before anything is written.

Two ways an output can destroy data: it is one of the inputs (``-o a.txt a.txt`` would
truncate the input before reading it), or two inputs map to one output in an ``-o DIR``
tree (``a/x.txt`` and ``b/x.txt``; ``y.html`` and ``y.txt``), so one result silently
replaces the other. Both stop the run with exit code 2 before any file is touched.
Files are compared by device and inode, so a symlink, a hard link or ``./a.txt`` for
``a.txt`` is still recognised as the same file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

FileId = tuple[int, int]


def file_id(path: str) -> FileId | None:
    """``(device, inode)`` of the file ``path`` names (symlinks followed), or None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def onto_input(output: str, inputs: Iterable[str]) -> str | None:
    """The input that ``output`` is the same file as, if any."""
    target = file_id(output)
    if target is None:
        return None
    for path in inputs:
        if file_id(path) == target:
            return path
    return None


def collision(planned: Iterable[tuple[str, str]], inputs: Iterable[str]) -> str | None:
    """A message when two ``(input, output)`` pairs share an output, or an output is an input."""
    inputs = list(inputs)
    ids = {file_id(path): path for path in inputs}
    ids.pop(None, None)
    seen: dict[str, str] = {}
    for source, output in planned:
        key = os.path.normcase(os.path.abspath(output))
        if key in seen:
            return (
                f"{seen[key]} and {source} would both be written to {output}; "
                "clean them in separate runs, or into one -o FILE"
            )
        seen[key] = source
        same = ids.get(file_id(output))
        if same is not None:
            return f"the output {output} is the input {same}; choose another output"
    return None
