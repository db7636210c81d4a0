"""Which files a command line names: files, directories (recursive), globs, and ``-`` for stdin.

Patterns (``--include``, ``--exclude``, and ``exclude`` in the configuration) are globs.
One without a ``/`` is matched against the file name and against every directory name
on the way to it (``drafts`` skips a ``drafts/`` folder); one with a ``/`` is matched
against the path relative to the directory searched (or to the configuration file).
Hidden files and directories (``.git``, ``.venv``, ...) are skipped when recursing.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import PurePosixPath


def _patterns(*extensions: str) -> tuple[str, ...]:
    return tuple(f"*{ext}{gz}" for ext in extensions for gz in ("", ".gz"))


#: What a directory walk takes by default. Markdown is not among them: its code fences and
#: tables are not paragraphs, so ``.md`` is cleaned only when asked (``--include '*.md'``,
#: or a file named on the command line).
DEFAULT_INCLUDE = _patterns(".html", ".htm", ".txt", ".jsonl", ".ndjson")
#: ``--fix`` rewrites text and JSON Lines only; HTML is read, never rewritten.
FIX_INCLUDE = _patterns(".txt", ".jsonl", ".ndjson")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    path: str  # as the user would write it; "-" for stdin
    root: str | None = None  # the directory argument it was found under, if any

    @property
    def relative(self) -> str:
        """The path below its directory argument (for mirrored output), else the file name."""
        if self.root is None:
            return os.path.basename(self.path)
        return os.path.relpath(self.path, self.root)


def matches(relative_path: str, patterns: Iterable[str]) -> bool:
    """True when any pattern matches ``relative_path`` (see the module docstring)."""
    parts = PurePosixPath(relative_path.replace(os.sep, "/")).parts
    posix = "/".join(parts)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            bare = pattern[3:] if pattern.startswith("**/") else pattern
            if fnmatchcase(posix, pattern) or fnmatchcase(posix, bare) or fnmatchcase(posix, bare + "/*"):
                return True
        elif any(fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def discover(
    arguments: Iterable[str], *, include: tuple[str, ...] = DEFAULT_INCLUDE, exclude: tuple[str, ...] = ()
) -> tuple[list[Input], list[str]]:
    """The inputs the arguments name, in order, each once; and a message per argument naming nothing."""
    found: list[Input] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(item: Input) -> None:
        key = item.path if item.path == STDIN else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            found.append(item)

    for argument in arguments:
        if argument == STDIN:
            add(Input(STDIN))
        elif os.path.isdir(argument):
            for path in walk(argument, include=include, exclude=exclude):
                add(Input(path, root=argument))
        elif os.path.exists(argument):
            if not matches(argument, exclude):
                add(Input(argument))
        elif glob.has_magic(argument):  # a glob the shell did not expand (quoted, or no shell)
            paths = expand(argument)
            if not paths:
                problems.append(f"{argument}: no file matches this pattern")
            for path in paths:
                if os.path.isdir(path):
                    for inner in walk(path, include=include, exclude=exclude):
                        add(Input(inner, root=path))
                elif not matches(path, exclude):
                    add(Input(path))
        else:
            problems.append(f"{argument}: no such file or directory")
    return found, problems


def expand(pattern: str) -> list[str]:
    """The paths a glob names, sorted; ``**`` is any number of folders, symlinked ones not entered.

    ``glob.glob(recursive=True)`` follows symlinked folders, so a link to a parent made a
    quoted ``'**'`` run for minutes; this walks like :func:`walk` does. As in ``glob``,
    wildcards do not match hidden names.
    """
    parts = pattern.replace(os.sep, "/").split("/")
    if "**" not in parts:
        return sorted(glob.glob(pattern))
    cut = parts.index("**")
    head = "/".join(parts[:cut]) or ("/" if pattern.startswith("/") else "")
    rest = parts[cut:]
    bases = sorted(glob.glob(head)) if head and glob.has_magic(head) else [head or "."]
    found: list[str] = []
    for base in bases:
        if not os.path.isdir(base):
            continue
        if head and _glob_match(rest, []):
            found.append(base)
        for folder, dirs, files in os.walk(base):  # os.walk does not enter symlinked folders
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            relative = [] if folder == base else os.path.relpath(folder, base).split(os.sep)
            real_dirs = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
            for name in (*real_dirs, *files):
                if _glob_match(rest, [*relative, name]):
                    found.append(os.path.join(base, *relative, name) if head else os.path.join(*relative, name))
    return sorted(set(found))


def _glob_match(pattern: list[str], parts: list[str]) -> bool:
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_glob_match(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
    if not parts or (parts[0].startswith(".") and not pattern[0].startswith(".")):
        return False
    return fnmatchcase(parts[0], pattern[0]) and _glob_match(pattern[1:], parts[1:])


def walk(directory: str, *, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[str]:
    """Files below ``directory`` matching ``include`` and not ``exclude``, sorted, hidden ones skipped."""
    result = []
    for folder, dirs, files in os.walk(directory):
        rel_folder = os.path.relpath(folder, directory)
        rel = (lambda name: name) if rel_folder == "." else (lambda name, folder=rel_folder: os.path.join(folder, name))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not matches(rel(d), exclude))
        for name in sorted(files):
            if name.startswith(".") or not matches(rel(name).lower(), include):
                continue
            if not matches(rel(name), exclude):
                result.append(os.path.normpath(os.path.join(folder, name)))
    return result
