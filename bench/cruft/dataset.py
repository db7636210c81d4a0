"""Load the labelled documents of ``tests/fixtures/multilingual/`` (format: its README.md).

Every line of a document carries a label: ``title``, ``body`` (ordinary reporting),
``control`` (reporting that must stay although it talks about cruft: donations,
comments, newsletters, a quoted foreign sentence) or ``cruft:<category>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bench.split import half_of

FIXTURES = Path(__file__).resolve().parent.parent.parent / "tests" / "fixtures" / "multilingual"
#: The blind set: written without reading the cleaners or the phrase data, and never tuned on.
#: Scored as its own set (no halves); its failures are not listed anywhere.
BLIND = FIXTURES / "blind"
#: Every blind document's site id starts with this, so no blind page can be mistaken for a tuned one.
BLIND_SITE_PREFIX = "blind-"

TITLE, BODY, CONTROL = "title", "body", "control"
#: The planted cruft, in report order.
CATEGORIES = ("appeal", "comments", "related", "ad", "newsletter", "social", "foreign_footer", "duplicate")
KINDS = ("article", "control")

_HEADER = re.compile(r"^=== (\S+)((?: \w+=\S+)*)\s*$")
_LINE = re.compile(r"^(title|body|control|cruft:[a-z_]+) ?\| ?(.*)$")


@dataclass(frozen=True)
class Line:
    label: str
    text: str

    @property
    def cruft(self) -> bool:
        return self.label.startswith("cruft:")

    @property
    def category(self) -> str | None:
        return self.label.split(":", 1)[1] if self.cruft else None


@dataclass(frozen=True)
class LabelledDoc:
    id: str
    lang: str
    site: str
    kind: str
    lines: tuple[Line, ...]

    @property
    def half(self) -> str:
        return half_of(self.site)

    @property
    def text(self) -> str:
        """The document as a scraper hands it over: title line, then one paragraph per line."""
        return "\n".join(line.text for line in self.lines)


class FormatError(ValueError):
    pass


def parse(source: str, lang: str, name: str = "<string>") -> list[LabelledDoc]:
    """The documents in one language file."""
    docs: list[LabelledDoc] = []
    header: tuple[str, dict[str, str]] | None = None
    lines: list[Line] = []

    def close() -> None:
        if header is not None:
            docs.append(_document(header, lines, lang, name))

    for number, raw in enumerate(source.splitlines(), 1):
        if not raw.strip() or raw.startswith("# "):
            continue
        if m := _HEADER.match(raw):
            close()
            header = (m.group(1), dict(kv.split("=", 1) for kv in m.group(2).split()))
            lines = []
        elif (m := _LINE.match(raw)) and header is not None:
            label, text = m.group(1), " ".join(m.group(2).split())
            if label.startswith("cruft:") and label[6:] not in CATEGORIES:
                raise FormatError(
                    f"{name}:{number}: unknown category {label[6:]!r}; choose one of {', '.join(CATEGORIES)}"
                )
            if not text:
                raise FormatError(f"{name}:{number}: empty line text")
            lines.append(Line(label, text))
        else:
            raise FormatError(f"{name}:{number}: expected '=== id key=value ...' or 'label | text', got {raw[:60]!r}")
    close()
    return docs


def _document(header: tuple[str, dict[str, str]], lines: list[Line], lang: str, name: str) -> LabelledDoc:
    doc_id, fields = header
    kind = fields.get("kind", "article")
    if "site" not in fields:
        raise FormatError(f"{name}: document {doc_id} has no site=")
    if kind not in KINDS:
        raise FormatError(f"{name}: document {doc_id}: kind must be one of {', '.join(KINDS)}")
    if not lines or lines[0].label != TITLE:
        raise FormatError(f"{name}: document {doc_id} must start with its title line")
    return LabelledDoc(doc_id, lang, fields["site"], kind, tuple(lines))


def load(root: Path = FIXTURES, langs: tuple[str, ...] | None = None) -> list[LabelledDoc]:
    """Every document, language files in name order, documents in file order."""
    docs = []
    for path in sorted(root.glob("*.txt")):
        if langs is None or path.stem in langs:
            docs += parse(path.read_text(encoding="utf-8"), path.stem, str(path))
    ids = [d.id for d in docs]
    if len(ids) != len(set(ids)):
        raise FormatError("document ids repeat: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    return docs


def load_blind(langs: tuple[str, ...] | None = None) -> list[LabelledDoc]:
    """The blind set (``tests/fixtures/multilingual/blind/``), same format; empty when it is absent."""
    return load(BLIND, langs) if BLIND.is_dir() else []


def is_blind(doc: LabelledDoc) -> bool:
    return doc.site.startswith(BLIND_SITE_PREFIX)
