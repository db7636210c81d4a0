"""JSONL records: parse one line, and replace one field's value without touching the rest.

``--fix`` rewrites only the text field of a record. Re-serialising the whole record would
re-space it and re-escape its other fields, changing bytes nobody asked to clean, so
:func:`replace_field` splices the new value into the original line instead.

The standard library's json, not orjson or msgspec: JSON is about 0.1% of the time a
record takes (``python -m bench.json_share``: 14.5 ms of JSON against 13.6 s of cleaning
for 100 seed records, load average 14), so a faster parser would save 0.1% and add a
dependency. :func:`value_span` also needs json's ``scanstring`` and ``raw_decode``, which
find where a value starts and ends in the line; orjson and msgspec give no positions.
"""

from __future__ import annotations

import json
from json.decoder import scanstring  # type: ignore[attr-defined]  # public in CPython, not in typeshed
from typing import Any

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


class RecordError(ValueError):
    """A JSONL line that is not a JSON object."""


def parse_record(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # json's own messages may end in "at" ("Unterminated string starting at"): say it once
        message = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
        raise RecordError(f"invalid JSON ({message} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise RecordError(f"a JSONL record must be an object, not {type(record).__name__}")
    return record


def _skip(line: str, i: int) -> int:
    while i < len(line) and line[i] in _WHITESPACE:
        i += 1
    return i


def value_span(line: str, key: str) -> tuple[int, int] | None:
    """Start and end of the value of top-level ``key`` in a JSON object line (the last one wins,
    as in :func:`json.loads`), or None when the key is absent."""
    i = _skip(line, 0)
    if line[i : i + 1] != "{":
        return None
    i = _skip(line, i + 1)
    found = None
    while i < len(line) and line[i] != "}":
        if line[i] != '"':
            return None
        name, i = scanstring(line, i + 1)
        i = _skip(line, i)
        if line[i : i + 1] != ":":
            return None
        start = _skip(line, i + 1)
        _, end = _DECODER.raw_decode(line, start)
        if name == key:
            found = (start, end)
        i = _skip(line, end)
        if line[i : i + 1] == ",":
            i = _skip(line, i + 1)
    return found


def replace_field(line: str, key: str, value: str) -> str:
    """``line`` with the string value of ``key`` replaced; escapes follow the old value's style."""
    span = value_span(line, key)
    if span is None:
        raise RecordError(f"no {key!r} field to rewrite")
    start, end = span
    ascii_only = line[start:end].isascii()
    return line[:start] + json.dumps(value, ensure_ascii=ascii_only) + line[end:]
