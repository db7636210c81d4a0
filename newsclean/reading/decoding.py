"""Turn raw input (bytes or str) into clean Unicode text, and tell HTML from plain text."""

from __future__ import annotations

import codecs
import re
import unicodedata

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
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|html|body|head|article|section|li|ul|h[1-6]|script|meta|img)\b[^<>]{0,500}>", re.I
)
# C0 controls other than tab/newline/CR, DEL, and lone surrogates: never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def looks_like_html(text: str) -> bool:
    """True for markup: a document that starts with a tag, or has several HTML tags early on."""
    head = text[:20000]
    if _HTML_START.match(head):
        return True
    return sum(1 for _ in zip(range(3), _HTML_TAG.finditer(head))) >= 3


# Characters a real text holds: anything but C0/C1 controls (tab, newline, CR and form
# feed apart), unassigned and private-use code points. Text read with the wrong UTF-16/32
# byte order, or 8-bit text read as UTF-16, is full of the latter.
_TEXT_CONTROLS = frozenset("\t\n\r\x0c")
_ODD_CATEGORIES = frozenset(("Cc", "Cn", "Co", "Cs"))


def _plausible_text(text: str) -> bool:
    """True when ``text`` reads as text: almost no odd code points, and some ASCII spacing
    (UTF-16 text has newlines and spaces; ASCII bytes read as UTF-16 never decode to any)."""
    if not text or not any(char in text for char in " \n"):
        return False
    odd = sum(1 for char in text if char not in _TEXT_CONTROLS and unicodedata.category(char) in _ODD_CATEGORIES)
    return odd <= 0.02 * len(text)


def unicode_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 or UTF-32 text saved without a byte-order mark, or None.

    Only data with NUL bytes is asked (no other text has them): each byte order of each
    width is tried on the first 8 KB, a decoding must read as text (:func:`_plausible_text`),
    and of those the one with the most ASCII characters wins (the other byte order turns
    ASCII into CJK or unassigned code points). Russian or Chinese UTF-16 qualifies as
    much as ASCII-only UTF-16 does.
    """
    sample = data[:8192]
    if b"\x00" not in sample or len(sample) < 8:
        return None
    if sample.count(0) < 0.02 * len(sample) and _is_utf8(sample):
        return None  # UTF-8 with a stray NUL or two (which sanitizing drops)
    best, best_ascii = None, -1
    for codec, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % unit:
            continue
        chunk = sample[: len(sample) - len(sample) % 4]
        try:
            text = chunk.decode(codec)
        except UnicodeDecodeError as exc:
            if unit == 4 or exc.start < len(chunk) - 2:  # not just a surrogate pair cut at 8 KB
                continue
            text = chunk[:-2].decode(codec, errors="replace")
        if "\x00" in text or not _plausible_text(text):
            continue
        ascii_count = len(text.encode("ascii", "ignore"))
        if ascii_count > best_ascii:
            best, best_ascii = codec, ascii_count
    return best


def _is_utf8(sample: bytes) -> bool:
    """``sample`` (maybe cut inside a character at its end) is UTF-8."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"
    return True


def unicode_codec(data: bytes) -> str | None:
    """The UTF-8/16/32 codec that reads ``data`` exactly as it is written (BOM or not), or None.

    What ``--fix`` writes a file back in, so its encoding is kept."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    found = unicode_without_bom(data)
    if found:
        return found
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


_BINARY_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))  # C speed, no Python loop
    return controls / len(sample) > 0.05


def decode(data: bytes, *, source: str | None = None) -> str:
    """Decode ``data``: BOM first, then UTF-16/32 without one, then UTF-8, then the HTML meta
    charset (read as the WHATWG standard reads its label; only if the bytes fit it), then
    UTF-8 with its few broken bytes replaced, then a detector.

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
                raise InputError(
                    f"invalid {codec} after its byte-order mark ({exc.reason} at byte {exc.start})", source
                ) from None
    wide = unicode_without_bom(data)
    if wide:
        try:
            return data.decode(wide), False
        except UnicodeDecodeError as exc:
            raise InputError(
                f"looks like {wide} without a byte-order mark, but is not ({exc.reason})", source
            ) from None
    if _looks_binary(data):
        raise InputError("binary content, not HTML or text", source)
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(data)
    if declared and declared != "utf-8":
        try:  # strictly: a label that does not fit the bytes is a wrong label, not a reading
            return data.decode(declared), False
        except UnicodeDecodeError:
            pass
    if _mostly_utf8(data):  # UTF-8 with a few broken bytes: replace those, keep the rest
        return data.decode("utf-8", errors="replace"), False
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("undecodable text: not UTF-8 and no encoding fits", source)
    return data.decode(best.encoding, errors="replace"), False


# The WHATWG Encoding Standard's labels whose decoder is not Python's codec of the same
# name: browsers (and trafilatura) read a page labelled latin-1 or ASCII as windows-1252,
# so bytes 0x80-0x9F are curly quotes and dashes, not C1 controls.
_WHATWG = {
    **dict.fromkeys(
        (
            "ascii",
            "us-ascii",
            "ansi_x3.4-1968",
            "cp819",
            "csisolatin1",
            "ibm819",
            "iso-8859-1",
            "iso-ir-100",
            "iso8859-1",
            "iso88591",
            "iso_8859-1",
            "iso_8859-1:1987",
            "l1",
            "latin1",
            "latin-1",
            "x-cp1252",
            "windows-1252",
            "cp1252",
        ),
        "cp1252",
    ),
    **dict.fromkeys(
        (
            "iso-8859-9",
            "iso8859-9",
            "iso88599",
            "iso_8859-9",
            "iso_8859-9:1989",
            "latin5",
            "l5",
            "csisolatin5",
            "iso-ir-148",
            "x-cp1254",
            "windows-1254",
        ),
        "cp1254",
    ),
    **dict.fromkeys(("iso-8859-11", "iso8859-11", "iso885911", "tis-620", "dos-874", "windows-874"), "cp874"),
    **dict.fromkeys(
        (
            "gb2312",
            "gbk",
            "x-gbk",
            "chinese",
            "csgb2312",
            "gb_2312",
            "gb_2312-80",
            "iso-ir-58",
            "cp936",
            "ms936",
            "windows-936",
        ),
        "gb18030",
    ),
    **dict.fromkeys(
        (
            "euc-kr",
            "ks_c_5601-1987",
            "ks_c_5601-1989",
            "ksc5601",
            "ksc_5601",
            "korean",
            "cseuckr",
            "csksc56011987",
            "iso-ir-149",
            "windows-949",
        ),
        "cp949",
    ),
    **dict.fromkeys(
        ("shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "x-sjis", "windows-31j", "ms932"), "cp932"
    ),
}


def codec_for_label(label: str) -> str | None:
    """Python's codec for a charset label, as the WHATWG Encoding Standard reads it.

    >>> codec_for_label("ISO-8859-1"), codec_for_label("utf8"), codec_for_label("nonsense")
    ('cp1252', 'utf-8', None)
    """
    label = label.strip().lower()
    if label in _WHATWG:
        return _WHATWG[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _declared_codec(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return codec_for_label(match.group(1).decode("ascii")) if match else None


def _mostly_utf8(data: bytes) -> bool:
    """More well-formed multi-byte UTF-8 characters than broken bytes: UTF-8 with damage,
    not a legacy 8-bit encoding (whose accented letters are single bytes that never form
    a valid UTF-8 sequence)."""
    sample = data[:200_000]
    text = sample.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - sample.count("\ufffd".encode())
    wide = len(text) - len(text.encode("ascii", "ignore")) - broken
    return wide > broken


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


def sanitize_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _without_controls(text: str, data: bytes) -> str:
    """``text`` without control characters; ``data``, its UTF-8 form, says at C speed if it has any."""
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return text
    return _CONTROL.sub("", text)
