"""Site boilerplate learned from the corpus: passages that recur across a site's documents.

A *passage* is one paragraph, normalised to its case-folded ``\\w+`` tokens, so quote
style, punctuation and spacing do not hide a repeat. Learning counts, per site, in how
many distinct documents each passage occurs; a passage is boilerplate for the site when
it occurs in at least ``max(min_docs, share * documents_of_site)`` of them.

``min_docs`` protects small sites and text that legitimately recurs a few times (the
same quotation in two follow-up stories); ``share`` scales the bar with the site, so a
background paragraph reused in a handful of a big site's stories stays. The learned
model keeps only the boilerplate passages (as 64-bit hashes with their counts) and is
saved and loaded as JSON.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsclean.document import Document, site_of  # noqa: F401 - site_of: part of the corpus API
from newsclean.reading.textinput import looks_like_headline

CLEANER_NAME = "site_boilerplate"
#: The reason's start for a paragraph that :meth:`BoilerplateModel.apply` made the title (not a removal).
MOVED_TO_TITLE = "moved to the title"
FORMAT = "newsclean-boilerplate"
FORMAT_VERSION = 1

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Thresholds:
    """When a passage counts as boilerplate for a site (see the module docstring)."""

    min_docs: int = 5
    share: float = 0.3

    def __post_init__(self) -> None:
        if self.min_docs < 2:
            raise ValueError(
                f"min_docs must be at least 2 (a passage in one document is never boilerplate), got {self.min_docs}"
            )
        if not 0.0 < self.share <= 1.0:
            raise ValueError(f"share must be in (0, 1], got {self.share}")

    def required(self, site_documents: int) -> int:
        """How many of a site's documents a passage must occur in."""
        return max(self.min_docs, math.ceil(self.share * site_documents))


def passage_key(site: str, paragraph: str) -> int | None:
    """A 64-bit key for (site, normalised paragraph); None for a paragraph without words.

    >>> passage_key("a.com", "Support us!") == passage_key("a.com", "  SUPPORT  us")
    True
    >>> passage_key("a.com", "Support us!") == passage_key("b.com", "Support us!")
    False
    """
    tokens = _WORD.findall(paragraph.casefold())
    if not tokens:
        return None
    digest = hashlib.blake2b(f"{site}\x00{' '.join(tokens)}".encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def removed_passages(before: Document, after: Document) -> int:
    """How many passages :meth:`BoilerplateModel.apply` removed (a masthead title counts; a headline
    moved up to the title does not)."""
    return sum(1 for c in after.changes[len(before.changes) :] if c.removed and not c.reason.startswith(MOVED_TO_TITLE))


def passage_keys(site: str, paragraphs: Iterable[str | None]) -> set[int]:
    """The distinct passage keys of one document (``None`` entries, a missing title, are skipped)."""
    keys = {passage_key(site, p) for p in paragraphs if p}
    keys.discard(None)
    return keys  # type: ignore[return-value]


@dataclass
class BoilerplateModel:
    """What was learned: per site, its document count and its boilerplate passages' counts."""

    thresholds: Thresholds = field(default_factory=Thresholds)
    documents: dict[str, int] = field(default_factory=dict)  # site -> documents seen
    passages: dict[int, tuple[str, int]] = field(default_factory=dict)  # key -> (site, documents containing it)

    def __len__(self) -> int:
        return len(self.passages)

    def reasons(self, site: str | None, paragraphs: Iterable[str]) -> dict[int, str]:
        """Index -> reason for each paragraph that is boilerplate on ``site``."""
        if not site or site not in self.documents:
            return {}
        reasons = {}
        for i, paragraph in enumerate(paragraphs):
            reason = self._reason(site, paragraph)
            if reason is not None:
                reasons[i] = reason
        return reasons

    def _reason(self, site: str, paragraph: str) -> str | None:
        found = self.passages.get(passage_key(site, paragraph))  # type: ignore[arg-type]
        if found is None:
            return None
        return f"seen on {found[1]} of {self.documents[site]} documents from {site}"

    def apply(self, doc: Document, site: str | None) -> Document:
        """Remove the site's boilerplate passages from ``doc``, each with its reason.

        The title too: a line that opens every page of a site (``Kurier | News from the
        region``) is read as the headline of each, and is the site's masthead instead. It
        is dropped as the title, and the first remaining paragraph becomes the title when
        it reads as a headline (the story's own headline sat under the masthead).
        """
        doc = doc.drop(self.reasons(site, doc.paragraphs), by=CLEANER_NAME)
        reason = self._reason(site, doc.title) if site in self.documents and doc.title else None
        if reason is None:
            return doc
        doc = doc.retitle(None, reason=f"site masthead, not a headline: {reason}", by=CLEANER_NAME)
        if doc.paragraphs and looks_like_headline(doc.paragraphs[0], list(doc.paragraphs[1:])):
            headline = doc.paragraphs[0]
            doc = doc.drop({0: f"{MOVED_TO_TITLE}: the headline under the site masthead"}, by=CLEANER_NAME)
            doc = doc.retitle(headline, reason="the headline under the site masthead", by=CLEANER_NAME)
        return doc

    # -- JSON ----------------------------------------------------------------------

    def to_dict(self) -> dict:
        sites: dict[str, dict] = {s: {"documents": n, "passages": {}} for s, n in sorted(self.documents.items())}
        for key, (site, count) in sorted(self.passages.items()):
            sites[site]["passages"][f"{key:016x}"] = count
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "thresholds": {"min_docs": self.thresholds.min_docs, "share": self.thresholds.share},
            "sites": sites,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> BoilerplateModel:
        if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
            raise ValueError(f"not a {FORMAT} file of version {FORMAT_VERSION}")
        model = cls(thresholds=Thresholds(**data["thresholds"]))
        for site, entry in data["sites"].items():
            model.documents[site] = int(entry["documents"])
            for key, count in entry["passages"].items():
                model.passages[int(key, 16)] = (site, int(count))
        return model

    def save(self, path: str | Path) -> None:
        """Write the model as JSON, atomically: a temporary file beside ``path``, renamed over it."""
        path = Path(path)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n")
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise

    @classmethod
    def load(cls, path: str | Path) -> BoilerplateModel:
        try:
            return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: cannot read boilerplate model: {exc}") from None


class BoilerplateLearner:
    """Counts passages per site, one document at a time, in fixed memory per passage.

    Each (document, distinct passage) costs 12 bytes (a 64-bit key and a site number)
    until :meth:`model` counts them with one sort; document text is never kept.
    """

    def __init__(self, thresholds: Thresholds = Thresholds()):
        self.thresholds = thresholds
        self._documents: dict[str, int] = {}
        self._site_numbers: dict[str, int] = {}
        self._keys = array("Q")
        self._sites = array("I")

    def add(self, site: str | None, keys: Iterable[int]) -> None:
        """Count one document's distinct passage keys (from :func:`passage_keys`)."""
        if not site:
            return
        self._documents[site] = self._documents.get(site, 0) + 1
        number = self._site_numbers.setdefault(site, len(self._site_numbers))
        before = len(self._keys)
        self._keys.extend(keys)
        self._sites.extend([number] * (len(self._keys) - before))

    def model(self) -> BoilerplateModel:
        names = list(self._site_numbers)
        model = BoilerplateModel(thresholds=self.thresholds, documents=dict(self._documents))
        if not self._keys:
            return model
        keys = np.frombuffer(self._keys, dtype=np.uint64)
        sites = np.frombuffer(self._sites, dtype=np.uint32)
        unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
        required = np.array([self.thresholds.required(self._documents[n]) for n in names], dtype=np.int64)
        owners = sites[first]  # a key includes its site, so any occurrence names the owner
        learned = counts >= required[owners]
        for key, owner, count in zip(unique[learned], owners[learned], counts[learned]):
            model.passages[int(key)] = (names[int(owner)], int(count))
        return model
