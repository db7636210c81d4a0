"""Apply a cleaned Document back onto the text it came from, keeping that text's layout.

Plain-text input has one paragraph per non-blank line, and ``Change.position`` is the
index of that line among the non-blank lines (``TITLE`` is the first of them, which is
the only line text input takes a title from). So a change points at one source line,
and ``--fix`` rewrites or drops exactly the changed lines: blank lines, indentation,
line endings and the final newline of everything else stay as they were. Nothing
unchanged is re-spaced, so a second run finds nothing to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsclean.document import TITLE, Change, Document
from newsclean.reading.decoding import sanitize

# The line breaks ``str.splitlines`` still sees once ``sanitize`` removed control
# characters (it drops \v, \f and \x1c-\x1e), so line indices agree with textinput.
_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


@dataclass(frozen=True)
class Line:
    content: str
    end: str  # the line break that followed it ("" for a last line without one)

    @property
    def blank(self) -> bool:
        return not sanitize(self.content).strip()


def split_lines(text: str) -> list[Line]:
    """``text`` as lines with their own line breaks; ``"".join`` of them gives ``text`` back."""
    lines, start = [], 0
    for match in _BREAK.finditer(text):
        lines.append(Line(text[start : match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append(Line(text[start:], ""))
    return lines


def paragraph_lines(lines: list[Line]) -> list[int]:
    """Indices into ``lines`` of the non-blank ones: paragraph position -> line index."""
    return [i for i, line in enumerate(lines) if not line.blank]


def source_line(change: Change, lines: list[Line]) -> int | None:
    """The 1-based line number a change of a text document points at."""
    index = 0 if change.position == TITLE else change.position
    nonblank = paragraph_lines(lines)
    return nonblank[index] + 1 if 0 <= index < len(nonblank) else None


def final_texts(doc: Document) -> dict[int, str | None]:
    """Paragraph position -> its text after cleaning (None: removed), for changed positions only."""
    current = dict(zip(doc.positions, doc.paragraphs))
    final: dict[int, str | None] = {}
    for change in doc.changes:
        if change.position == TITLE:
            final[0] = doc.title
        else:
            final[change.position] = current.get(change.position)
    return final


def apply(text: str, doc: Document) -> str:
    """``text`` with the lines ``doc`` changed rewritten and the lines it removed dropped.

    A removed line takes the blank lines after it along (or, at the end of the text,
    the blank lines before it), so no gap is left where it was.
    """
    final = final_texts(doc)
    if not final:
        return text
    lines = split_lines(text)
    nonblank = paragraph_lines(lines)
    new_content: dict[int, str] = {}
    removed: set[int] = set()
    for position, new in final.items():
        if position >= len(nonblank):
            continue  # cannot happen for text parsed from ``text``; never guess
        index = nonblank[position]
        if new is None:
            removed.add(index)
        else:
            old = lines[index].content
            indent = old[: len(old) - len(old.lstrip())]
            new_content[index] = indent + new
    kept_nonblank = [i for i in nonblank if i not in removed]
    drop = set(removed)
    for index in sorted(removed):
        if any(k > index for k in kept_nonblank):
            step, j = 1, index + 1  # take the gap after it
        else:
            step, j = -1, index - 1  # last kept paragraph is above: take the gap before it
        while 0 <= j < len(lines) and lines[j].blank:
            drop.add(j)
            j += step
    out = [Line(new_content.get(i, line.content), line.end) for i, line in enumerate(lines) if i not in drop]
    if out and lines and not lines[-1].end and out[-1].end:
        out[-1] = Line(out[-1].content, "")  # the text had no final line break; keep it that way
    return "".join(line.content + line.end for line in out)


def kept_positions(text: str, doc: Document) -> list[int]:
    """The paragraph positions of ``text`` whose lines :func:`apply` keeps, in order: the
    ``i``-th non-blank line of ``apply(text, doc)`` is the line of position ``result[i]``."""
    final = final_texts(doc)
    count = len(paragraph_lines(split_lines(text)))
    return [p for p in range(count) if not (p in final and final[p] is None)]
