"""Near-duplicate documents across a corpus: MinHash signatures and an LSH index (datasketch).

A document is the set of its word 5-grams ("shingles") over case-folded ``\\w+`` tokens,
so punctuation, quote style and letter case do not matter but word edits do: one changed
word breaks up to five shingles. Two documents are near-duplicates when the Jaccard
similarity of their shingle sets, estimated from MinHash signatures, is at least the
threshold. LSH banding only proposes candidates; every candidate is checked against
the threshold on its full signature, and the earliest matching document wins, so the
representative is always the first occurrence in input order.

Signatures are computed anywhere (in worker processes); :class:`NearDuplicateIndex`
is fed in input order by one process, which makes the result independent of ``jobs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.6
DEFAULT_NUM_PERM = 64
#: datasketch's band/row optimiser weighs false negatives 4x false positives: a missed
#: duplicate is unrecoverable, a false candidate only costs one signature comparison.
LSH_WEIGHTS = (0.2, 0.8)
SEED = 1  # fixed: signatures must agree between runs and processes
SCHEME = "affine32"

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of case-folded ``\\w+`` tokens; a shorter text is one shingle.

    >>> sorted(shingles("One two, THREE four five six"))
    [b'one two three four five', b'two three four five six']
    >>> shingles("Just three words")
    {b'just three words'}
    """
    tokens = _WORD.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


class Signer:
    """Computes MinHash signatures; build one per process and reuse it (permutations are costly)."""

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM):
        self.num_perm = num_perm
        self._permutations = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations

    def signature(self, text: str) -> bytes | None:
        """The signature as bytes (compact to pass between processes), or None for a text without words."""
        grams = shingles(text)
        if not grams:
            return None
        minhash = MinHash(num_perm=self.num_perm, seed=SEED, permutations=self._permutations, scheme=SCHEME)
        minhash.update_batch(grams)
        return minhash.hashvalues.astype(np.uint32).tobytes()


@dataclass(frozen=True)
class Match:
    """The earlier document a document nearly duplicates."""

    representative: str
    similarity: float


class NearDuplicateIndex:
    """Documents seen so far, indexed for near-duplicate look-ups in input order.

    Only representatives (documents that matched nothing earlier) are indexed: a copy of
    a copy is matched to the original, never to another copy.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = DEFAULT_NUM_PERM):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self._ids: list[str] = []  # LSH key (an int, which is small) -> document id
        self._signatures = np.zeros((1024, num_perm), dtype=np.uint32)
        self._permutations = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations

    def __len__(self) -> int:
        return len(self._ids)

    def band_keys(self, signature: bytes) -> list[bytes]:
        """The keys this index files ``signature`` under, one per band: two documents are
        candidates when they have an equal key in the same band. (The ray engine groups
        documents by these, so its candidates are this index's.)"""
        values = np.frombuffer(signature, dtype=np.uint32)
        return [values[start:end].tobytes() for start, end in self._lsh.hashranges]

    def match_or_add(self, doc_id: str, signature: bytes | None) -> Match | None:
        """The earliest indexed document at or above the threshold; otherwise index this one."""
        if signature is None:
            return None
        values = np.frombuffer(signature, dtype=np.uint32)
        if values.shape != (self.num_perm,):
            raise ValueError(f"signature has {values.size} values, the index expects {self.num_perm}")
        minhash = MinHash(num_perm=self.num_perm, seed=SEED, hashvalues=values, permutations=self._permutations,
                          scheme=SCHEME)
        candidates = sorted(self._lsh.query(minhash))  # keys are input order
        if candidates:
            similarities = np.mean(self._signatures[candidates] == values, axis=1)
            for key, similarity in zip(candidates, similarities):
                if similarity >= self.threshold:
                    return Match(self._ids[key], round(float(similarity), 4))
        key = len(self._ids)
        if key == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[key] = values
        self._ids.append(doc_id)
        self._lsh.insert(key, minhash, check_duplication=False)
        return None


def estimated_similarity(a: bytes, b: bytes) -> float:
    """Jaccard similarity estimated from two signatures of the same size."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


def jaccard(a: Iterable[bytes], b: Iterable[bytes]) -> float:
    """Exact Jaccard similarity of two shingle sets (for tests and benchmarks)."""
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a or b else 1.0
