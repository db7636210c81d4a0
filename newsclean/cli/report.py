"""What the CLI says about changes: ``--check`` lines, ``--diff``, ``--explain``, the summary, exit codes.

Exit codes (as black and other formatters use them):

====  ===============================================================
0     nothing to change
1     changes found (``--check``, ``--diff``, ``--explain``, output) or made (``--fix``)
2     usage or configuration error; nothing was processed
70    internal error: newsclean itself failed (a bug; never 1, which ``--check`` uses)
123   at least one input could not be processed (the others still were)
====  ===============================================================
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, TextIO

from newsclean.document import Change, Document

EXIT_CLEAN = 0
EXIT_CHANGED = 1
EXIT_USAGE = 2
EXIT_FAILED = 123
#: sysexits.h's EX_SOFTWARE; distinct from 1 so that a crash never reads as "changes found".
EXIT_CRASH = 70

LineOf = Callable[[Change], "int | None"]


def exit_code(*, changed: bool, failed: bool) -> int:
    if failed:
        return EXIT_FAILED
    return EXIT_CHANGED if changed else EXIT_CLEAN


# -- --check ---------------------------------------------------------------------------


def check_lines(source: str, doc: Document, line_of: LineOf) -> str:
    """One ``path:line: cleaner: reason`` line per change, by line (then in the cleaners' order).

    A document the safety valve held back (``metadata["suspicious"]``) gets one
    ``path:1: suspicious: ...`` line, then its withheld changes marked ``(withheld)``.
    """
    located = sorted(((line_of(c) or 1, i, c) for i, c in enumerate(doc.changes)), key=lambda t: t[:2])
    out = [f"{source}:{line}: {c.cleaner}: {c.reason}\n" for line, _, c in located]
    suspicious = doc.metadata.get("suspicious")
    if suspicious:
        out.append(f"{source}:1: suspicious: {suspicious}\n")
        for change in withheld(doc):
            out.append(f"{source}:{line_of(change) or 1}: {change.cleaner}: {change.reason} (withheld)\n")
    return "".join(out)


def withheld(doc: Document) -> list[Change]:
    """The changes the safety valve held back, as Change objects."""
    return [Change.from_dict(c) for c in doc.metadata.get("withheld_changes") or ()]


# -- --diff ----------------------------------------------------------------------------


def unified_diff(before: str, after: str, source: str) -> str:
    """A ``diff -u`` of two texts, labelled ``a/source`` and ``b/source``."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), *_labels(source)
    )
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def diff_header(source: str) -> str:
    before, after = _labels(source)
    return f"--- {before}\n+++ {after}\n"


def _labels(source: str) -> tuple[str, str]:
    path = source.replace("\\", "/").lstrip("/")
    return f"a/{path}", f"b/{path}"


def line_hunk(number: int, before: str, after: str) -> str:
    """A one-line hunk (no context), so a JSONL file's diff can be streamed record by record."""
    return f"@@ -{number},1 +{number},1 @@\n-{before.rstrip(chr(10))}\n+{after.rstrip(chr(10))}\n"


# -- --explain -------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """ANSI colours, or none at all."""

    colour: bool

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def removed(self, text: str) -> str:
        return self._wrap("31", text)

    def added(self, text: str) -> str:
        return self._wrap("32", text)

    def name(self, text: str) -> str:
        return self._wrap("36", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)


def wants_colour(stream: TextIO, choice: str = "auto") -> bool:
    """Colour for ``--color=always``; for ``auto`` only on a terminal and without ``NO_COLOR``."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _shorten(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def explain(source: str, doc: Document, line_of: LineOf, style: Style, *, line_label: str = "line") -> str:
    """A readable account of what was removed or rewritten in one document, and why."""
    removed = sum(1 for c in doc.changes if c.removed)
    rewritten = len(doc.changes) - removed
    head = f"{source}: {removed} removed, {rewritten} rewritten" if doc.changes else f"{source}: nothing to change"
    out = [style.bold(head)]
    if doc.metadata.get("suspicious"):
        out.append("  " + style.removed("suspicious: " + doc.metadata["suspicious"]))
        for change in withheld(doc):
            where = "title" if change.position < 0 else f"{line_label} {line_of(change) or '?'}"
            out.append(f"  {style.dim(where)}  {style.name(change.cleaner)} would remove (withheld): {change.reason}")
    for _, _, change in sorted(((c.position >= 0, line_of(c) or 0, i), i, c) for i, c in enumerate(doc.changes)):
        where = "title" if change.position < 0 else f"{line_label} {line_of(change) or '?'}"
        verb = "removed" if change.removed else "rewrote"
        out.append(f"  {style.dim(where)}  {style.name(change.cleaner)} {verb}: {change.reason}")
        out.append("    " + style.removed("- " + _shorten(change.before)))
        if not change.removed:
            out.append("    " + style.added("+ " + _shorten(change.after or "")))
    return "\n".join(out) + "\n"


# -- the closing summary ---------------------------------------------------------------


@dataclass
class Tally:
    """Counts over a whole run, for the summary and the exit code."""

    files: int = 0
    documents: int = 0
    changed_documents: int = 0
    changed_files: int = 0
    failed: int = 0
    removed: Counter = field(default_factory=Counter)
    rewritten: Counter = field(default_factory=Counter)

    def add_document(self, doc: Document) -> None:
        self.documents += 1
        if doc.changes:
            self.changed_documents += 1
        for change in doc.changes:
            (self.removed if change.removed else self.rewritten)[change.cleaner] += 1

    def merge(self, other: "Tally") -> None:
        self.files += other.files
        self.documents += other.documents
        self.changed_documents += other.changed_documents
        self.changed_files += other.changed_files
        self.failed += other.failed
        self.removed.update(other.removed)
        self.rewritten.update(other.rewritten)

    def summary(self, mode: str) -> str:
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        verb = {"fix": "fixed", "check": "would change"}.get(mode, "changed")
        parts = [f"{files}, {docs}, {self.changed_documents} {verb}"]
        if mode == "fix":
            parts[0] += f" ({self.changed_files} file{'s' if self.changed_files != 1 else ''} rewritten)"
        parts.append("paragraphs removed: " + _per_cleaner(self.removed))
        if self.rewritten:
            parts.append("rewritten: " + _per_cleaner(self.rewritten))
        if self.failed:
            parts.append(f"{self.failed} could not be processed (see the errors above)")
        return "newsclean: " + "; ".join(parts) + "\n"


def _per_cleaner(counts: Counter) -> str:
    if not counts:
        return "none"
    total = sum(counts.values())
    return f"{total} (" + ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) + ")"
