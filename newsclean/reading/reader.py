"""Turn any supported input into an uncleaned Document: decode, tell HTML from text, parse."""

from __future__ import annotations

from typing import Any

from newsclean.document import Document
from newsclean.errors import InputError
from newsclean.reading.decoding import decode_sanitized, looks_like_html, sanitize
from newsclean.reading.htmlinput import parse_document
from newsclean.reading.language import guess
from newsclean.reading.textinput import parse_text


def read(source: Any, *, url: str | None = None, name: str | None = None, kind: str | None = None) -> Document:
    """Parse raw HTML or extracted text (str or bytes) into a Document, nothing removed yet.

    ``name`` (a file name, say) is used in error messages. ``kind`` is ``"html"`` or
    ``"text"`` to say what the input is (a ``.txt`` file that quotes markup is still
    text); by default it is told from the content. ``metadata["input"]`` records it.
    """
    if kind not in (None, "html", "text"):
        raise InputError(f"kind must be 'html', 'text' or None, not {kind!r}", name)
    if isinstance(source, Document):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        text = decode_sanitized(bytes(source), source=name)
    elif isinstance(source, str):
        text = sanitize(source)
    else:
        raise InputError(f"expected str, bytes or Document, got {type(source).__name__}", name)
    if kind == "html" or (kind is None and looks_like_html(text)):
        doc = parse_document(text, url=url, source=name)
    else:
        doc = parse_text(text, url=url, metadata={"input": "text"})
    if doc.language is None and doc.paragraphs:
        lang, _ = guess(doc.text[:3000])
        if lang:
            doc = doc.evolve(language=lang)
    return doc
