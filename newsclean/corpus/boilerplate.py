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
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from newsclean.document import Document, site_of  # noqa: F401 - site_of: part of the corpus API

CLEANER_NAME = "site_boilerplate"
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
            raise ValueError(f"min_docs must be at least 2 (a passage in one document is never boilerplate), got {self.min_docs}")
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


def passage_keys(site: str, paragraphs: Iterable[str]) -> set[int]:
    """The distinct passage keys of one document."""
    keys = {passage_key(site, p) for p in paragraphs}
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
        total = self.documents[site]
        reasons = {}
        for i, paragraph in enumerate(paragraphs):
            found = self.passages.get(passage_key(site, paragraph))  # type: ignore[arg-type]
            if found is not None:
                reasons[i] = f"seen on {found[1]} of {total} documents from {site}"
        return reasons

    def apply(self, doc: Document, site: str | None) -> Document:
        """Remove the site's boilerplate passages from ``doc``, each with its reason."""
        return doc.drop(self.reasons(site, doc.paragraphs), by=CLEANER_NAME)

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
    def from_dict(cls, data: Mapping) -> "BoilerplateModel":
        if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
            raise ValueError(f"not a {FORMAT} file of version {FORMAT_VERSION}")
        model = cls(thresholds=Thresholds(**data["thresholds"]))
        for site, entry in data["sites"].items():
            model.documents[site] = int(entry["documents"])
            for key, count in entry["passages"].items():
                model.passages[int(key, 16)] = (site, int(count))
        return model

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "BoilerplateModel":
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
