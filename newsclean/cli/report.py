"""What the CLI says about changes: ``--check`` lines, ``--diff``, ``--explain``, the summary, exit codes.

Exit codes, one table for ``newsclean`` and ``newsclean corpus`` (docs/cli.md, "Exit codes"):

====  ===============================================================
0     success: nothing to change, or cleaned output written
1     changes found (``--check``, ``--diff``, ``--explain``) or made (``--fix``), or a
      document held back (``--check``, ``--fix``; not with ``--accept-held-back``)
2     usage or configuration error; nothing was processed
70    internal error: newsclean itself failed (a bug; never 1, which ``--check`` uses)
123   at least one input (file or record) could not be processed (the others still were)
====  ===============================================================

When several apply, the most serious wins: 70, 2, 123, then 1.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from newsclean.document import Change, Document

EXIT_CLEAN = 0
EXIT_CHANGED = 1
EXIT_USAGE = 2
EXIT_FAILED = 123
#: sysexits.h's EX_SOFTWARE; distinct from 1 so that a crash never reads as "changes found".
EXIT_CRASH = 70

LineOf = Callable[[Change], "int | None"]


def print_corpus_summary(summary: Any, stream: TextIO | None = None) -> None:
    """``newsclean corpus``'s closing lines, the same for both engines: the summary, then each skipped record."""
    stream = stream or sys.stderr
    for line in summary.lines():
        print(f"newsclean corpus: {line}", file=stream)
    for error in summary.errors:
        print(f"newsclean corpus: skipped {error}", file=stream)


def exit_code(*, changed: bool, failed: bool, held_back: bool = False) -> int:
    """The exit code of a run that ended (70 and 2 are decided before, where they happen)."""
    if failed:
        return EXIT_FAILED
    return EXIT_CHANGED if changed or held_back else EXIT_CLEAN


# -- --check ---------------------------------------------------------------------------

#: Where a change is: ``path:line`` for a file, ``path:line [id] text-line N`` for a JSONL record.
Locate = Callable[[Change], str]


def check_lines(
    source: str, doc: Document, line_of: LineOf, *, locate: Locate | None = None, head: str | None = None
) -> str:
    """One ``path:line: cleaner: reason`` line per removal, by line (then in the cleaners' order).

    Rewrites are not listed one by one: :class:`Rewrites` sums them up per file, since a
    quotes pass over an article touches most of its lines. A document the safety valve held
    back (``metadata["suspicious"]``) gets one ``path:1: suspicious: ...`` line (at ``head``),
    then its withheld changes marked ``(withheld)``.
    """
    locate = locate or (lambda change: f"{source}:{line_of(change) or 1}")
    removals = [(line_of(c) or 1, i, c) for i, c in enumerate(doc.changes) if c.removed]
    out = [f"{locate(c)}: {c.cleaner}: {c.reason}\n" for _, _, c in sorted(removals, key=lambda t: t[:2])]
    suspicious = doc.metadata.get("suspicious")
    if suspicious:
        out.append(f"{head or source + ':1'}: suspicious: {suspicious}\n")
        for change in withheld(doc):
            out.append(f"{locate(change)}: {change.cleaner}: {change.reason} (withheld)\n")
    return "".join(out)


def withheld(doc: Document) -> list[Change]:
    """The changes the safety valve held back, as Change objects."""
    return [Change.from_dict(c) for c in doc.metadata.get("withheld_changes") or ()]


def marks(before: str, after: str) -> int:
    """How many characters a rewrite changed (a quote mark each, for the quotes cleaner)."""
    if len(before) == len(after):
        return sum(a != b for a, b in zip(before, after))
    total = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "replace":
            total += min(i2 - i1, j2 - j1)
        elif tag != "equal":
            total += max(i2 - i1, j2 - j1)
    return total


@dataclass
class Rewrites:
    """Rewrites in one file, per cleaner and reason: marks, lines and documents, and the first line."""

    counts: dict = field(default_factory=dict)  # (cleaner, reason) -> [marks, lines, documents, first line]

    def add(self, doc: Document, line_of: LineOf) -> None:
        seen = set()
        for change in doc.changes:
            if change.removed:
                continue
            key = (change.cleaner, change.reason)
            entry = self.counts.setdefault(key, [0, 0, 0, None])
            entry[0] += marks(change.before, change.after or "")
            entry[1] += 1
            if key not in seen:
                entry[2] += 1
                seen.add(key)
            if entry[3] is None:
                entry[3] = line_of(change) or 1

    def merge(self, other: Rewrites) -> None:
        for key, (n_marks, n_lines, n_docs, first) in other.counts.items():
            entry = self.counts.setdefault(key, [0, 0, 0, first])
            entry[0] += n_marks
            entry[1] += n_lines
            entry[2] += n_docs

    def lines(self, source: str, *, records: bool = False) -> str:
        """One ``path:line: cleaner: reason, N marks on M lines`` line per cleaner and reason."""
        out = []
        for (cleaner, reason), (n_marks, n_lines, n_docs, first) in self.counts.items():
            where = f"{source}" if records else f"{source}:{first}"
            count = f"{_plural(n_marks, 'mark')} on {_plural(n_lines, 'line')}"
            if records:
                count += f" of {_plural(n_docs, 'record')}"
            out.append(f"{where}: {cleaner}: {reason}, {count} (--explain or --diff shows each)\n")
        return "".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- --diff ----------------------------------------------------------------------------


def unified_diff(before: str, after: str, source: str, *, labels: tuple[str, str] | None = None) -> str:
    """A ``diff -u`` of two texts, labelled ``a/source`` and ``b/source`` (or ``labels``)."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), *(labels or _labels(source))
    )
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _labels(source: str) -> tuple[str, str]:
    path = source.replace("\\", "/").lstrip("/")
    return f"a/{path}", f"b/{path}"


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


#: --explain shows this many characters around each change in a rewritten paragraph.
CONTEXT = 40
#: ... and at most this many of a removed one (--whole-lines shows all of both).
REMOVED_WIDTH = 160


def _shorten(text: str, width: int = REMOVED_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def windows(before: str, after: str, context: int = CONTEXT) -> tuple[str, str]:
    """``before`` and ``after`` cut to the changed spans and ``context`` characters around each.

    Spans closer than twice the context share one window; windows are joined by `` … ``.
    A rewrite deep inside a long paragraph is then visible, instead of falling past a cut
    at a fixed width and leaving two identical-looking lines.

    >>> windows("a " * 50 + "“x” " + "b " * 50, "a " * 50 + '"x" ' + "b " * 50, context=4)
    ('…a a “x” b b…', '…a a "x" b b…')
    """
    opcodes = [
        op for op in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    if not opcodes:
        return before, after
    groups = [[opcodes[0]]]
    for op in opcodes[1:]:
        if op[1] - groups[-1][-1][2] <= 2 * context:
            groups[-1].append(op)
        else:
            groups.append([op])
    spans = [(group[0][1], group[-1][2], group[0][3], group[-1][4]) for group in groups]
    return (
        _cut(before, [(i1, i2) for i1, i2, _, _ in spans], context),
        _cut(after, [(j1, j2) for _, _, j1, j2 in spans], context),
    )


def _cut(text: str, spans: list[tuple[int, int]], context: int) -> str:
    """``text`` reduced to ``spans`` with ``context`` around each, widened to whole words."""
    parts = []
    for start, end in spans:
        start, end = max(start - context, 0), min(end + context, len(text))
        while 0 < start and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        parts.append((start, end))
    out = "…" if parts[0][0] > 0 else ""
    out += " … ".join(text[start:end].strip() for start, end in parts)
    return out + ("…" if parts[-1][1] < len(text) else "")


def explain(
    source: str, doc: Document, line_of: LineOf, style: Style, *, line_label: str = "line", whole_lines: bool = False
) -> str:
    """A readable account of what was removed or rewritten in one document, and why.

    A rewrite shows a window around each change (``whole_lines`` shows the whole paragraph).
    """
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
        if change.removed:
            out.append("    " + style.removed("- " + (change.before if whole_lines else _shorten(change.before))))
            continue
        before, after = (
            (change.before, change.after or "") if whole_lines else windows(change.before, change.after or "")
        )
        out.append("    " + style.removed("- " + before))
        out.append("    " + style.added("+ " + after))
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
    held_back: int = 0  # documents the safety valve kept unchanged (metadata["suspicious"])
    removed: Counter = field(default_factory=Counter)
    rewritten: Counter = field(default_factory=Counter)

    def add_document(self, doc: Document) -> None:
        self.documents += 1
        if doc.metadata.get("suspicious"):
            self.held_back += 1
        if doc.changes:
            self.changed_documents += 1
        for change in doc.changes:
            (self.removed if change.removed else self.rewritten)[change.cleaner] += 1

    def merge(self, other: Tally) -> None:
        self.files += other.files
        self.documents += other.documents
        self.changed_documents += other.changed_documents
        self.changed_files += other.changed_files
        self.failed += other.failed
        self.held_back += other.held_back
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
        if self.held_back:
            parts.append(
                f"{_plural(self.held_back, 'document')} held back: the cleaners would remove most of "
                f"{'it' if self.held_back == 1 else 'each'}, so {'it was' if self.held_back == 1 else 'they were'}"
                " kept unchanged (see above)"
            )
        if self.failed:
            parts.append(f"{self.failed} could not be processed (see the errors above)")
        return "newsclean: " + "; ".join(parts) + "\n"


def _per_cleaner(counts: Counter) -> str:
    if not counts:
        return "none"
    total = sum(counts.values())
    return (
        f"{total} ("
        + ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        + ")"
    )
