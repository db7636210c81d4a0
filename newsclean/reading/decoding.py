"""Turn raw input (bytes or str) into clean Unicode text, and tell HTML from plain text."""

from __future__ import annotations

import codecs
import re

from newsclean.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)
_HTML_START = re.compile(
    # A comment stops at its first "-->": with a lazy ".*?-->" a run of comments could
    # be split in exponentially many ways before a failed match gives up.
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--(?:(?!-->).){0,2000}-->\s{0,1000}){0,50}"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|span|table|ul|h[1-6]|br|a|script|link)\b",
    re.I | re.S,
)
_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|html|body|head|article|section|li|ul|h[1-6]|script|meta|img)\b[^<>]{0,500}>", re.I)
# C0 controls other than tab/newline/CR, DEL, and lone surrogates: never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def looks_like_html(text: str) -> bool:
    """True for markup: a document that starts with a tag, or has several HTML tags early on."""
    head = text[:20000]
    if _HTML_START.match(head):
        return True
    return sum(1 for _ in zip(range(3), _HTML_TAG.finditer(head))) >= 3


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for mostly-ASCII UTF-16 saved without a BOM: every
    other byte is NUL. Other data is None (and would otherwise read as binary)."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 16:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd > 0.7 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


_BINARY_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))  # C speed, no Python loop
    return controls / len(sample) > 0.05


def decode(data: bytes, *, source: str | None = None) -> str:
    """Decode ``data``: BOM first, then UTF-8, then the HTML meta charset, then a detector.

    Raises :class:`InputError` for binary data that no text encoding explains.
    """
    return _decode(data, source)[0]


def decode_sanitized(data: bytes, *, source: str | None = None) -> str:
    """``sanitize(decode(data))``. Plain UTF-8 input, nearly all of it, is checked for
    control characters on its own bytes, which ``sanitize`` would otherwise re-encode."""
    text, utf8 = _decode(data, source)
    return _without_controls(text, data) if utf8 else sanitize(text)


def _decode(data: bytes, source: str | None) -> tuple[str, bool]:
    """The text, and whether it is ``data`` read as plain UTF-8 (so ``data`` is its UTF-8 form)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), False
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec} after its byte-order mark ({exc.reason} at byte {exc.start})", source) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), False
        except UnicodeDecodeError as exc:
            raise InputError(f"looks like {utf16} without a byte-order mark, but is not ({exc.reason})", source) from None
    if _looks_binary(data):
        raise InputError("binary content, not HTML or text", source)
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace"), False
        except LookupError:
            pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("undecodable text: not UTF-8 and no encoding fits", source)
    return data.decode(best.encoding, errors="replace"), False


def sanitize(text: str) -> str:
    """Drop control characters and replace lone surrogates, which no output can encode.

    The common case, a page with neither, is decided on the UTF-8 bytes with C-speed
    byte operations: a regular expression over a 200 kB page costs milliseconds.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # only lone surrogates fail to encode
        text = _SURROGATE.sub("\ufffd", text)
        data = text.encode("utf-8")
    return _without_controls(text, data)


def _without_controls(text: str, data: bytes) -> str:
    """``text`` without control characters; ``data``, its UTF-8 form, says at C speed if it has any."""
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return text
    return _CONTROL.sub("", text)
