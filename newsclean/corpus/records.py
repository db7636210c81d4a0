"""Corpus records (JSON objects) to Documents and back, keeping every input field.

A record carries the article as ``text`` (extracted text, one paragraph per line) or
``html`` (a raw page), plus optional ``id``, ``url``, ``title``, ``source`` and
``metadata``. A record that is already newsclean output (``metadata.changes``) is read
back with its audit trail, so a second run over an output file adds to it instead of
starting over. The output schema is :func:`newsclean.document.to_record`'s (docs/records.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsclean.corpus.boilerplate import site_of
from newsclean.document import Document
from newsclean.document import to_record as schema_record
from newsclean.errors import InputError
from newsclean.reading.decoding import sanitize
from newsclean.reading.language import guess
from newsclean.reading.reader import read
from newsclean.reading.textinput import parse_text


@dataclass(frozen=True)
class RecordShape:
    """Where a record keeps its article, and how the output record is laid out (docs/records.md)."""

    text_field: str = "text"
    html_field: str = "html"
    title_in_text: bool = True
    drop_html: bool = False


def is_output(record: Mapping[str, Any]) -> bool:
    """Whether ``record`` is newsclean output already: it carries newsclean's audit trail
    (a ``changes`` field of another kind, a scraper's own, does not make it one)."""
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping) and "changes" in metadata:
        changes = metadata["changes"]
    else:
        changes = record.get("changes")
    return isinstance(record.get("text"), str) and _is_trail(changes)


_CHANGE_KEYS = frozenset(("cleaner", "reason", "before", "after", "position"))


def _is_trail(changes: Any) -> bool:
    return isinstance(changes, list) and all(isinstance(c, Mapping) and _CHANGE_KEYS <= c.keys() for c in changes)


def to_document(record: Mapping[str, Any], shape: RecordShape = RecordShape()) -> Document:
    """The uncleaned Document a record describes.

    Odd fields do not stop it: a ``title`` that is not a string counts as none given (a
    number is read as its digits), and a ``changes`` field that is not newsclean's audit
    trail is an ordinary field."""
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if is_output(record):  # our own output: its text is in "text" whatever the input called it
        shape = RecordShape()
    text, html = record.get(shape.text_field), record.get(shape.html_field)
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(
            f"a record needs a {shape.text_field!r} or an {shape.html_field!r} string field"
            " (name others with --text-field / --html-field)",
            _label(record),
        )
    if is_output(record):
        return _read_back(record)  # id, metadata and audit trail included
    if isinstance(text, str) and "title" in record:
        # the title is given, so the first line is body: no headline guessing
        title = _title(record["title"])
        doc = parse_text(sanitize(text), url=url, title=title and sanitize(title), metadata={"input": "text"})
        if doc.paragraphs and doc.language is None:
            doc = doc.evolve(language=guess(doc.text[:3000])[0])
    else:
        doc = read(text if isinstance(text, str) else html, url=url, name=_label(record))
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping) and metadata:
        doc = doc.with_metadata(**{**doc.metadata, **{str(k): v for k, v in metadata.items()}})
    if record.get("id") not in (None, ""):
        doc = doc.evolve(id=str(record["id"]))
    return doc


def _title(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _read_back(record: Mapping[str, Any]) -> Document:
    """newsclean output as a Document, its odd values made harmless (a title that is not a
    string, say: the record may have been edited by hand)."""
    try:
        doc = Document.from_dict(record)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(
            f"newsclean output that cannot be read back ({type(exc).__name__}: {exc})", _label(record)
        ) from None
    return doc.evolve(
        title=_title(doc.title),
        url=doc.url if isinstance(doc.url, str) else None,
        language=doc.language if isinstance(doc.language, str) else None,
    )


def to_record(
    doc: Document, original: Mapping[str, Any], shape: RecordShape = RecordShape(), source: str | None = None
) -> dict[str, Any]:
    """The output record: the one schema, with every input field kept (see :func:`schema_record`)."""
    if is_output(original):
        shape = RecordShape(title_in_text=shape.title_in_text, drop_html=shape.drop_html)
    return schema_record(
        doc,
        original,
        source=source,
        title_in_text=shape.title_in_text,
        drop_html=shape.drop_html,
        text_field=shape.text_field,
        html_field=shape.html_field,
    )


def record_site(record: Mapping[str, Any], site_field: str | None = None) -> str | None:
    """The site a record belongs to: ``site_field`` (top level or in metadata) if given, else the
    url's host (the top-level ``url``, or ``metadata.url`` as newsclean output has it)."""
    found = record.get("metadata")
    metadata: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    if site_field:
        value = record.get(site_field)
        if value is None:
            value = metadata.get(site_field)
        return str(value) if value not in (None, "") else None
    url = record.get("url")
    if not isinstance(url, str):
        url = metadata.get("url")
    return site_of(url) if isinstance(url, str) else None


def _label(record: Mapping[str, Any]) -> str | None:
    for key in ("id", "url"):
        if record.get(key) not in (None, ""):
            return f"record {record[key]}"
    return None
