"""Corpus records (JSON objects) to Documents and back, keeping every input field.

A record carries the article as ``text`` (extracted text, one paragraph per line) or
``html`` (a raw page), plus optional ``id``, ``url``, ``title`` and ``metadata``. A
record that is already newsclean output (it has ``changes``) is read back with its
audit trail, so a second run over an output file adds to it instead of starting over.
"""

from __future__ import annotations

from typing import Any, Mapping

from newsclean.reading.decoding import sanitize
from newsclean.document import Document
from newsclean.errors import InputError
from newsclean.reading.language import guess
from newsclean.reading.reader import read
from newsclean.reading.textinput import parse_text
from newsclean.corpus.boilerplate import site_of


def to_document(record: Mapping[str, Any]) -> Document:
    """The uncleaned Document a record describes."""
    url = record.get("url") if isinstance(record.get("url"), str) else None
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError("a record needs a 'text' or an 'html' string field", _label(record))
    if "changes" in record and isinstance(text, str):
        doc = Document.from_dict(record)
    elif isinstance(text, str) and "title" in record:
        # the title is given, so the first line is body: no headline guessing
        doc = parse_text(sanitize(text), url=url, title=record.get("title"), metadata={"input": "text"})
        if doc.paragraphs and doc.language is None:
            doc = doc.evolve(language=guess(doc.text[:3000])[0])
    else:
        doc = read(text if isinstance(text, str) else html, url=url, name=_label(record))
    metadata = record.get("metadata")
    if isinstance(metadata, Mapping) and metadata:
        doc = doc.with_metadata(**{**doc.metadata, **metadata})
    if record.get("id") not in (None, ""):
        doc = doc.evolve(id=str(record["id"]))
    return doc


def to_record(doc: Document, original: Mapping[str, Any]) -> dict[str, Any]:
    """The input record with the cleaned document's fields written over it."""
    return {**original, **doc.to_dict()}


def record_site(record: Mapping[str, Any], site_field: str | None = None) -> str | None:
    """The site a record belongs to: ``site_field`` (top level or in metadata) if given, else the url's host."""
    if site_field:
        value = record.get(site_field)
        if value is None and isinstance(record.get("metadata"), Mapping):
            value = record["metadata"].get(site_field)
        return str(value) if value not in (None, "") else None
    url = record.get("url")
    return site_of(url) if isinstance(url, str) else None


def _label(record: Mapping[str, Any]) -> str | None:
    for key in ("id", "url"):
        if record.get(key) not in (None, ""):
            return f"record {record[key]}"
    return None
