"""File formats: which kind an input is, reading it (gzip, size limit), and rendering output.

Kinds are chosen by extension (``.gz`` is looked through): ``html`` (``.html``, ``.htm``),
``text`` (``.txt``, ``.md``) and ``jsonl`` (``.jsonl``, ``.ndjson``). A file with another
extension (``.json`` too) is sniffed (:func:`sniff`): JSON Lines when its first line is a
JSON object, ``json`` (a format newsclean does not handle, so it is skipped) when it is
JSON of another shape, else whatever :func:`newsclean.read` recognises.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import zlib
from collections.abc import Callable
from typing import IO, Any

from newsclean.document import Document, site_of
from newsclean.errors import InputError
from newsclean.reading.decoding import decode, unicode_codec
from newsclean.reading.reader import read

KINDS = ("html", "text", "jsonl")
EXTENSIONS = {".html": "html", ".htm": "html", ".txt": "text", ".md": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: How many bytes of a file :func:`sniff_file` reads to find its first line.
SNIFF_BYTES = 64 * 1024
FORMATS = ("text", "json", "jsonl", "markdown")
FORMAT_EXTENSIONS = {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}
#: Inputs above this many bytes (after decompression) are refused rather than read into memory.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"


def is_gzip_name(path: str) -> bool:
    return path.lower().endswith(".gz")


def strip_gz(path: str) -> str:
    return path[:-3] if is_gzip_name(path) else path


def kind_of(path: str, override: str | None = None) -> str | None:
    """``html``, ``text``, ``jsonl``, or None when the extension does not say."""
    if override:
        return override
    return EXTENSIONS.get(os.path.splitext(strip_gz(path).lower())[1])


def gunzip(data: bytes, *, name: str, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, refusing more than ``max_bytes`` of output (a gzip bomb)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(f"not valid gzip data ({exc})", name) from None
    if len(out) > max_bytes:
        raise too_large(name, max_bytes)
    if not inflater.eof:
        raise InputError("truncated gzip data", name)
    return out


def size_text(n: int) -> str:
    """A byte count as people write limits: ``32 MiB``, ``500 KiB``, ``1,000 bytes`` (never ``0 MiB``).

    >>> size_text(32 * 1024 * 1024), size_text(512 * 1024), size_text(1000)
    ('32 MiB', '512 KiB', '1,000 bytes')
    """
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


def too_long_line(max_bytes: int) -> str:
    return f"line longer than the {size_text(max_bytes)} limit (raise it with --max-bytes)"


def too_large(name: str, max_bytes: int) -> InputError:
    return InputError(f"larger than the {size_text(max_bytes)} limit; skipped (raise it with --max-bytes)", name)


def read_file(path: str, *, max_bytes: int) -> bytes:
    """The bytes of a file, decompressed when it is gzip."""
    if os.path.getsize(path) > max_bytes and not is_gzip_name(path):
        raise too_large(path, max_bytes)
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(_GZIP_MAGIC):
        return gunzip(data, name=path, max_bytes=max_bytes)
    if len(data) > max_bytes:
        raise too_large(path, max_bytes)
    return data


def open_lines(path: str) -> IO[bytes]:
    """A binary stream of a (possibly gzip) file, for reading JSONL one line at a time."""
    with open(path, "rb") as f:
        compressed = f.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else open(path, "rb")  # type: ignore[return-value]


def sniff(first_line: bytes, whole: Callable[[], bytes]) -> str | None:
    """``jsonl`` when ``first_line`` (the first non-blank line, decompressed) is a JSON object;
    ``json`` when the content (``whole()``, read only if the line starts like JSON) is JSON
    of another shape, or one object over several lines; None when it is not JSON at all.

    Reading JSON as text would let the quote cleaner break its strings and ``--fix``
    corrupt it, so JSON that is not JSON Lines is refused rather than guessed at.
    """
    stripped = first_line.lstrip(b" \t\r\n").removeprefix(codecs.BOM_UTF8).lstrip()
    if not stripped.startswith((b"{", b"[")):
        return None
    try:
        if isinstance(json.loads(stripped), dict):
            return "jsonl"
    except ValueError:
        pass
    try:
        json.loads(whole().decode("utf-8-sig"))
    except ValueError:  # UnicodeDecodeError too
        return None
    return "json"


def first_line(stream: IO[bytes], limit: int) -> bytes:
    """The first non-blank line of ``stream`` (at most ``limit`` bytes of it)."""
    while True:
        line = stream.readline(limit)
        if not line or line.strip():
            return line


def sniff_file(path: str, *, max_bytes: int) -> str | None:
    """:func:`sniff` for a file (gzip looked through); problems reading it are left for later."""
    try:
        with open_lines(path) as stream:
            line = first_line(stream, max_bytes)
        return sniff(line, lambda: read_file(path, max_bytes=max_bytes))
    except (OSError, EOFError, InputError, zlib.error):
        return None  # reported when the file is read


def rewrite_codec(data: bytes) -> str | None:
    """The codec to write a text file back in, or None when it is not UTF-8/16/32.

    Only encodings that round-trip exactly are rewritten in place (UTF-16/32 with or
    without a byte-order mark stay what they were); a file in a legacy encoding is
    reported instead, so no byte of it can be lost.
    """
    return unicode_codec(data)


def decode_text(data: bytes, name: str) -> str:
    """Decode like :func:`newsclean.read` does (BOM, UTF-8, meta charset, detector)."""
    return decode(data, source=name)


def read_text_document(text: str, *, url: str | None = None) -> Document:
    """Parse ``text`` as plain text even if it looks like markup: a ``.txt`` file or a JSONL
    ``text`` field is text by declaration, and line-based fixing needs that reading."""
    return read(text, url=url, kind="text")


# -- output --------------------------------------------------------------------------


def render_text(doc: Document, *, title: bool = True) -> str:
    """The cleaned article as text: the title (if any, and unless ``title`` is false) on the
    first line, one paragraph per line."""
    lines = ([doc.title] if title and doc.title else []) + list(doc.paragraphs)
    return "\n".join(lines) + ("\n" if lines else "")


def render_markdown(doc: Document, *, title: bool = True) -> str:
    parts = ([f"# {doc.title}"] if title and doc.title else []) + list(doc.paragraphs)
    return "\n\n".join(parts) + ("\n" if parts else "")


def document_record(doc: Document, source: str, *, title_in_text: bool = True) -> dict[str, Any]:
    """The record of a document read from a file (docs/records.md): its ``source`` is the site
    of its url when the page names one, else the file."""
    return doc.to_dict(source=site_of(doc.url) or source, title_in_text=title_in_text)


def render(doc: Document, fmt: str, source: str, *, title_in_text: bool = True) -> str:
    """One document in an output format (``json`` gives one pretty object, not an array)."""
    if fmt == "text":
        return render_text(doc, title=title_in_text)
    if fmt == "markdown":
        return render_markdown(doc, title=title_in_text)
    return render_record(document_record(doc, source, title_in_text=title_in_text), fmt)


def render_record(record: dict[str, Any], fmt: str) -> str:
    """A record as one JSONL line, or (``json``) as one pretty object."""
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    return json.dumps(record, ensure_ascii=False) + "\n"
