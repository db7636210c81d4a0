"""The immutable :class:`Document` and its audit trail of :class:`Change` records.

Cleaners never edit a Document in place. They call :meth:`Document.drop` or
:meth:`Document.rewrite`, which return a new Document and append one :class:`Change`
per paragraph touched, so no cleaner can forget to say what it did and why.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

#: Cached per-paragraph views carried over by ``Document.drop`` and ``Document.rewrite``
#: (in this order: ``tokens`` are read from ``folded``).
_PARAGRAPH_VIEWS = ("folded", "tokens", "word_counts")
_MISSING = object()
#: ``Document.memo`` keys of findings that depend on more than one paragraph's text: not
#: carried over to a rewritten document (see ``memo(..., text_only=False)``).
_CONTEXT_FINDINGS: set[str] = set()
#: ``Change.after`` for a paragraph that was removed rather than rewritten.
REMOVED = None
#: ``Change.position`` for a change to the title rather than to a body paragraph.
TITLE = -1
#: What :meth:`Document.to_dict` writes into ``metadata`` besides the document's own metadata.
RECORD_METADATA = ("title", "url", "language", "changes")


@dataclass(frozen=True)
class Change:
    """One change a cleaner made.

    ``position`` is the paragraph's index in the input (``TITLE`` for the title), so a
    report can point at the original line even after earlier paragraphs were removed.
    ``after`` is the new text, or ``None`` when the paragraph was removed.
    """

    cleaner: str
    reason: str
    before: str
    after: str | None
    position: int

    @property
    def removed(self) -> bool:
        return self.after is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "cleaner": self.cleaner,
            "reason": self.reason,
            "before": self.before,
            "after": "removed" if self.after is None else self.after,
            "position": self.position,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        after = data.get("after")
        return cls(
            cleaner=data["cleaner"],
            reason=data["reason"],
            before=data["before"],
            after=None if after == "removed" else after,
            position=int(data["position"]),
        )


def site_of(url: str | None) -> str | None:
    """The site a url belongs to: its host, lower-cased, without ``www.``.

    >>> site_of("https://WWW.Example.com:8080/news/1")
    'example.com'
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def nfc(text: str) -> str:
    """NFC-normalise (a no-op check for text that already is, which is nearly all)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _freeze(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Document:
    """A news article as a tuple of paragraphs plus what is known about it.

    Paragraphs never contain a newline, so ``text`` (paragraphs joined by ``"\\n"``)
    splits back into the same paragraphs. ``positions[i]`` is the input index of
    ``paragraphs[i]``.
    """

    paragraphs: tuple[str, ...]
    title: str | None = None
    url: str | None = None
    language: str | None = None
    id: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    positions: tuple[int, ...] = ()
    #: What the HTML page knew (boilerplate blocks, links, captions); None for text input.
    #: Not compared and not serialised: it describes the page, not the article.
    page: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        paragraphs = tuple(self.paragraphs)
        for p in paragraphs:
            if "\n" in p:
                raise ValueError("a paragraph must not contain a newline; split it first")
        positions = tuple(self.positions) or tuple(range(len(paragraphs)))
        if len(positions) != len(paragraphs):
            raise ValueError("positions and paragraphs differ in length")
        object.__setattr__(self, "paragraphs", paragraphs)
        object.__setattr__(self, "positions", positions)
        object.__setattr__(self, "changes", tuple(self.changes))
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", _freeze(self.metadata))
        if not self.id:
            digest = hashlib.sha1("\n".join(((self.title or ""), *paragraphs)).encode("utf-8", "surrogatepass"))
            object.__setattr__(self, "id", digest.hexdigest()[:16])

    # -- reading -------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The body: paragraphs joined by newlines (the title is not included)."""
        return "\n".join(self.paragraphs)

    def __len__(self) -> int:
        return len(self.paragraphs)

    # -- per-paragraph views the cleaners share -------------------------------------
    # Computed once per Document; a cleaner that changes nothing returns the same
    # Document, and drop() hands the surviving entries to the new one.

    @cached_property
    def folded(self) -> tuple[str, ...]:
        """The paragraphs folded for matching (see :func:`newsclean.textutil.fold`)."""
        from newsclean.textutil import fold

        return tuple(fold(p) for p in self.paragraphs)

    @cached_property
    def tokens(self) -> tuple[tuple[str, ...], ...]:
        """The case-folded ``\\w+`` tokens of each paragraph."""
        from newsclean.textutil import folded_words

        return tuple(tuple(folded_words(f)) for f in self.folded)

    def _view_of(self, name: str, i: int) -> Any:
        """Paragraph ``i``'s entry of the view ``name`` (what the cached property computes for it)."""
        from newsclean.textutil import fold, folded_words

        if name == "folded":
            return fold(self.paragraphs[i])
        if name == "tokens":
            return tuple(folded_words(self.folded[i]))
        return len(self.paragraphs[i].split())  # word_counts

    def memo(self, key: str, index: int, compute: Callable[[], Any], *, text_only: bool = True) -> Any:
        """A cleaner's per-paragraph finding, computed once and kept across ``drop``, and
        across ``rewrite`` and ``retitle`` for the paragraphs whose text did not change.

        For findings that depend on the paragraph's own text alone (did a phrase match?),
        so a later pipeline pass, or a later cleaner, does not redo them. A finding that
        also depends on the rest of the document (its lexicon, chosen from its words) says
        ``text_only=False``: kept across ``drop`` all the same, but computed again for a
        rewritten document.
        """
        if not text_only:
            _CONTEXT_FINDINGS.add(key)
        try:  # the common case first: the column exists
            column = self.__dict__["_memo"][key]
        except KeyError:
            column = self.__dict__.setdefault("_memo", {}).setdefault(key, [_MISSING] * len(self.paragraphs))
        value = column[index]
        if value is _MISSING:
            value = column[index] = compute()
        return value

    @cached_property
    def word_counts(self) -> tuple[int, ...]:
        """Whitespace-separated words per paragraph (for length thresholds)."""
        return tuple(len(p.split()) for p in self.paragraphs)

    @property
    def removals(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.removed)

    # -- the only ways cleaners change a document ----------------------------------

    def drop(self, reasons: Mapping[int, str], *, by: str) -> Document:
        """Return a copy without the paragraphs at the given *current* indices.

        ``reasons`` maps each index to a human-readable reason; ``by`` is the cleaner name.
        """
        if not reasons:
            return self
        changes = list(self.changes)
        kept, kept_pos = [], []
        for i, (text, pos) in enumerate(zip(self.paragraphs, self.positions)):
            if i in reasons:
                changes.append(Change(by, reasons[i], text, REMOVED, pos))
            else:
                kept.append(text)
                kept_pos.append(pos)
        new = replace(self, paragraphs=tuple(kept), positions=tuple(kept_pos), changes=tuple(changes))
        for name in _PARAGRAPH_VIEWS:
            if name in self.__dict__:
                new.__dict__[name] = tuple(v for i, v in enumerate(self.__dict__[name]) if i not in reasons)
        if "_memo" in self.__dict__:
            new.__dict__["_memo"] = {
                key: [v for i, v in enumerate(column) if i not in reasons]
                for key, column in self.__dict__["_memo"].items()
            }
        return new

    def rewrite(self, new_texts: Mapping[int, str], *, reason: str, by: str) -> Document:
        """Return a copy with paragraphs replaced; an empty replacement removes the paragraph.

        Only paragraphs whose text actually changes are recorded.
        """
        changes = list(self.changes)
        paragraphs, positions = [], []
        sources: list[int | None] = []  # per new paragraph: its index here when its text is unchanged
        for i, (text, pos) in enumerate(zip(self.paragraphs, self.positions)):
            new = new_texts.get(i, text)
            source: int | None = i
            if new != text:
                new = " ".join(new.split()) if "\n" in new else new.strip()
                changes.append(Change(by, reason, text, new or REMOVED, pos))
                source = None
            if new:
                paragraphs.append(new)
                positions.append(pos)
                sources.append(source)
        if len(changes) == len(self.changes):
            return self
        rewritten = replace(self, paragraphs=tuple(paragraphs), positions=tuple(positions), changes=tuple(changes))
        self._carry_over(rewritten, sources)
        return rewritten

    def _carry_over(self, new: Document, sources: list[int | None]) -> None:
        """Hand ``new`` the cached views and per-paragraph findings of the paragraphs whose
        text it keeps (``sources[j]``: the index here of its paragraph ``j``, or None for a
        changed one, computed afresh). Findings that depend on more than their paragraph's
        text are not handed on."""
        for name in _PARAGRAPH_VIEWS:
            if name in self.__dict__:
                old = self.__dict__[name]
                new.__dict__[name] = tuple(
                    old[s] if s is not None else new._view_of(name, j) for j, s in enumerate(sources)
                )
        if "_memo" in self.__dict__:
            new.__dict__["_memo"] = {
                key: [column[s] if s is not None else _MISSING for s in sources]
                for key, column in self.__dict__["_memo"].items()
                if key not in _CONTEXT_FINDINGS
            }

    def retitle(self, title: str | None, *, reason: str, by: str) -> Document:
        """Return a copy with a new title, recorded at position ``TITLE``."""
        if title == self.title:
            return self
        change = Change(by, reason, self.title or "", title or REMOVED, TITLE)
        retitled = replace(self, title=title, changes=self.changes + (change,))
        self._carry_over(retitled, list(range(len(self.paragraphs))))
        return retitled

    def with_metadata(self, **values: Any) -> Document:
        """Return a copy with metadata keys added or replaced (not an audited change)."""
        return replace(self, metadata=_freeze({**self.metadata, **values}))

    def evolve(self, **fields: Any) -> Document:
        """Return a copy with plain fields replaced (language, url, ...); not audited."""
        return replace(self, **fields)

    # -- JSON ----------------------------------------------------------------------

    def to_dict(self, *, source: str | None = None, title_in_text: bool = True) -> dict[str, Any]:
        """The one record schema (docs/records.md): ``id``, ``text``, ``source``, ``metadata``.

        ``text`` is the cleaned article, one paragraph per line, the headline first unless
        ``title_in_text`` is false; ``source`` defaults to the site of the url. Title, url,
        language and the audit trail go in ``metadata`` with the document's own metadata.
        """
        lines = ([self.title] if title_in_text and self.title else []) + list(self.paragraphs)
        return {
            "id": self.id,
            "text": "\n".join(lines),
            "source": source if source is not None else site_of(self.url),
            "metadata": {
                **self.metadata,
                "title": self.title,
                "title_in_text": bool(title_in_text and self.title),
                "url": self.url,
                "language": self.language,
                "changes": [c.to_dict() for c in self.changes],
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """A Document from :meth:`to_dict` output (or the older layout with top-level fields).

        ``positions`` are not part of the record: each change carries its own, and a
        document read back numbers its paragraphs from 0.
        """
        metadata = dict(data.get("metadata") or {}) if isinstance(data.get("metadata"), Mapping) else {}
        if "changes" in metadata:
            fields = {key: metadata.pop(key, None) for key in RECORD_METADATA}
            title_in_text = bool(metadata.pop("title_in_text", False))
        else:  # before the one schema: title, url, language, changes at the top level
            fields = {key: data.get(key) for key in RECORD_METADATA}
            title_in_text = False
        text = data.get("text") or ""
        paragraphs = text.split("\n") if text else []
        if title_in_text and fields["title"] and paragraphs[:1] == [fields["title"]]:
            paragraphs = paragraphs[1:]
        positions = tuple(data.get("positions") or ())
        if len(positions) != len(paragraphs):
            positions = ()
        return cls(
            paragraphs=tuple(paragraphs),
            title=fields["title"],
            url=fields["url"],
            language=fields["language"],
            id=str(data.get("id") or ""),
            metadata=metadata,
            changes=tuple(Change.from_dict(c) for c in fields["changes"] or ()),
            positions=positions,
        )

    @classmethod
    def from_paragraphs(cls, paragraphs: Iterable[str], **fields: Any) -> Document:
        """Build a Document from raw paragraph strings: whitespace collapsed, NFC, empties dropped."""
        cleaned, positions = [], []
        for i, p in enumerate(paragraphs):
            p = nfc(" ".join(p.split()))
            if p:
                cleaned.append(p)
                positions.append(i)
        return cls(paragraphs=tuple(cleaned), positions=tuple(positions), **fields)


def to_record(
    doc: Document,
    original: Mapping[str, Any] | None = None,
    *,
    source: str | None = None,
    title_in_text: bool = True,
    drop_html: bool = False,
    text_field: str = "text",
    html_field: str = "html",
) -> dict[str, Any]:
    """The output record for ``doc`` read from the input record ``original`` (docs/records.md).

    ``id``, ``text``, ``source`` and ``metadata`` first, then every other input field as it
    was. The input's own ``id`` and ``source`` are kept; ``source`` (the site or file of
    origin) fills in when it has none. The input's ``metadata`` keys are kept beside
    newsclean's. The input text (``text_field``) is what ``text`` now holds, cleaned, so it
    is not repeated; the raw page (``html_field``) stays unless ``drop_html``.
    """
    original = original or {}
    record = doc.to_dict(source=source, title_in_text=title_in_text)
    if original.get("id") not in (None, ""):
        record["id"] = str(original["id"])
    if isinstance(original.get("source"), str) and original["source"]:
        record["source"] = original["source"]
    given = original.get("metadata")
    if isinstance(given, Mapping):
        record["metadata"] = {**given, **record["metadata"]}
    elif given is not None:  # not an object: kept, under a name of its own
        record["metadata"]["input_metadata"] = given
    skip = {"id", "text", "source", "metadata", text_field} | ({html_field} if drop_html else set())
    record.update((key, value) for key, value in original.items() if key not in skip)
    return record
