"""Near-duplicate documents across a corpus: MinHash signatures and an LSH index, in numpy.

A document is the set of its word 5-grams ("shingles") over case-folded ``\\w+`` tokens,
so punctuation, quote style and letter case do not matter but word edits do: one changed
word breaks up to five shingles. Two documents are near-duplicates when the Jaccard
similarity of their shingle sets, estimated from MinHash signatures, is at least the
threshold. LSH banding only proposes candidates; every candidate is checked against
the threshold on its full signature, and the earliest matching document wins, so the
representative is always the first occurrence in input order.

Signatures are computed anywhere (in worker processes); :class:`NearDuplicateIndex`
is fed in input order by one process, which makes the result independent of ``jobs``.

Why numpy and not datasketch: datasketch hashes every shingle with SHA-1 in a Python
call and keeps about 5 KB of LSH storage per document. Here each shingle's bytes get a
64-bit polynomial hash computed for all shingles of a text at once (prefix sums over
the text's bytes), and the 64 permutations are multiply-add hashes of that, so a
signature costs about 0.2 ms instead of 0.5 ms, and the index keeps one integer per
band and document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.6
DEFAULT_NUM_PERM = 64
#: The band/row choice weighs false negatives 4x false positives: a missed duplicate is
#: unrecoverable, a false candidate only costs one signature comparison.
LSH_WEIGHTS = (0.2, 0.8)
SEED = 1  # fixed: signatures must agree between runs and processes

_WORD = re.compile(r"\w+")
_MASK64 = (1 << 64) - 1
_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
_SPACE = ord(" ") + 1  # bytes are hashed as value + 1, so a zero byte still counts
_U64 = np.uint64


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


def shingle_hash(shingle: bytes) -> int:
    """The 64-bit hash of one shingle: what :func:`shingle_hashes` computes for all at once.

    A polynomial in ``_BASE`` over the bytes (each plus one), modulo 2**64, then the
    SplitMix64 finaliser, so every output bit depends on every input bit.
    """
    value = 0
    for position, byte in enumerate(shingle):
        value = (value + (byte + 1) * pow(_BASE, position, 1 << 64)) & _MASK64
    return _finalise_int(value)


def _finalise_int(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & _MASK64
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def _finalise(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


_powers = np.ones(1, dtype=np.uint64)  # _BASE ** i modulo 2**64, grown on demand
_inverse_powers = np.ones(1, dtype=np.uint64)


def _power_tables(length: int) -> tuple[np.ndarray, np.ndarray]:
    global _powers, _inverse_powers
    if len(_powers) <= length:
        size = max(length + 1, 2 * len(_powers), 1 << 14)
        _powers = np.cumprod(np.r_[_U64(1), np.full(size - 1, _BASE, dtype=np.uint64)], dtype=np.uint64)
        _inverse_powers = np.cumprod(np.r_[_U64(1), np.full(size - 1, _BASE_INVERSE, dtype=np.uint64)], dtype=np.uint64)
    return _powers, _inverse_powers


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct :func:`shingle_hash` values of ``shingles(text, size)``, sorted.

    The shingles are never built: the tokens are joined by single spaces once, and the
    hash of any byte range ``[s, e)`` is ``(F[e] - F[s]) * _BASE**-s`` where ``F`` is the
    prefix sum of ``(byte + 1) * _BASE**i`` (uint64 arithmetic wraps modulo 2**64).
    """
    tokens = _WORD.findall(text.casefold())
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    data = np.frombuffer(" ".join(tokens).encode("utf-8"), dtype=np.uint8).astype(np.uint64) + _U64(1)
    n = len(data)
    powers, inverse_powers = _power_tables(n)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(data * powers[:n], dtype=np.uint64, out=prefix[1:])
    if len(tokens) <= size:
        starts, ends = np.zeros(1, dtype=np.intp), np.full(1, n, dtype=np.intp)
    else:
        spaces = np.flatnonzero(data == _U64(_SPACE))  # tokens hold no spaces: these separate them
        starts = np.r_[0, spaces[: len(tokens) - size] + 1]
        ends = np.r_[spaces[size - 1 :], n]
    return np.unique(_finalise((prefix[ends] - prefix[starts]) * inverse_powers[starts]))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """``num_perm`` multiply-add hash functions ``a * x + b`` (a odd) modulo 2**64, from SEED."""
    rng = np.random.Generator(np.random.PCG64(SEED))
    a = rng.integers(0, 1 << 64, size=num_perm, dtype=np.uint64, endpoint=False) | _U64(1)
    b = rng.integers(0, 1 << 64, size=num_perm, dtype=np.uint64, endpoint=False)
    return a[:, None], b[:, None]


class Signer:
    """Computes MinHash signatures (cheap to build; kept for the API and for ``num_perm``)."""

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM):
        self.num_perm = num_perm
        self._a, self._b = _permutations(num_perm)

    def signature(self, text: str) -> bytes | None:
        """The signature as bytes (``num_perm`` uint32, compact to pass between processes), or
        None for a text without words. Each value is the top 32 bits of the smallest permuted
        shingle hash."""
        hashes = shingle_hashes(text)
        if not len(hashes):
            return None
        smallest = (self._a * hashes + self._b).min(axis=1)
        return (smallest >> _U64(32)).astype(np.uint32).tobytes()


@dataclass(frozen=True)
class Match:
    """The earlier document a document nearly duplicates."""

    representative: str
    similarity: float


def _area(y: np.ndarray, x: np.ndarray) -> float:
    """The trapezoid-rule integral of ``y`` over the evenly spaced ``x``."""
    return float((y[:-1] + y[1:]).sum() / 2 * (x[1] - x[0]))


@lru_cache(maxsize=16)
def optimal_bands(threshold: float, num_perm: int, weights: tuple[float, float] = LSH_WEIGHTS) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` that minimise the weighted sum of the
    false-positive area below the threshold and the false-negative area above it (datasketch's
    rule, integrated numerically; 14 bands of 4 rows at 0.6 and 64 permutations)."""
    below = np.linspace(0.0, threshold, 2001)
    above = np.linspace(threshold, 1.0, 2001)
    best, best_error = (1, 1), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = _area(1 - (1 - below**rows) ** bands, below)
            false_negative = _area((1 - above**rows) ** bands, above)
            error = weights[0] * false_positive + weights[1] * false_negative
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


class NearDuplicateIndex:
    """Documents seen so far, indexed for near-duplicate look-ups in input order.

    Only representatives (documents that matched nothing earlier) are indexed: a copy of
    a copy is matched to the original, never to another copy. Each band of a signature
    (``rows`` consecutive values) is hashed to one integer; a per-band dict maps it to the
    representatives (by number) that share it.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = DEFAULT_NUM_PERM):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = optimal_bands(threshold, num_perm)
        self._buckets: list[dict[int, int | list[int]]] = [{} for _ in range(self.bands)]
        self._ids: list[str] = []  # representative number -> document id
        self._signatures = np.zeros((1024, num_perm), dtype=np.uint32)
        self._row_weights = _permutations(self.rows)[0][:, 0]  # mixes a band's values into one key

    def __len__(self) -> int:
        return len(self._ids)

    def _band_keys(self, values: np.ndarray) -> list[int]:
        bands = values[: self.bands * self.rows].reshape(self.bands, self.rows).astype(np.uint64)
        return (_finalise(bands @ self._row_weights) >> _U64(1)).tolist()  # 63 bits: small Python ints

    def band_keys(self, signature: bytes) -> list[bytes]:
        """The keys this index files ``signature`` under, one per band: two documents are
        candidates when they have an equal key in the same band. (The ray engine groups
        documents by these, so its candidates are this index's.)"""
        return [key.to_bytes(8, "big") for key in self._band_keys(np.frombuffer(signature, dtype=np.uint32))]

    def match_or_add(self, doc_id: str, signature: bytes | None) -> Match | None:
        """The earliest indexed document at or above the threshold; otherwise index this one."""
        if signature is None:
            return None
        values = np.frombuffer(signature, dtype=np.uint32)
        if values.shape != (self.num_perm,):
            raise ValueError(f"signature has {values.size} values, the index expects {self.num_perm}")
        keys = self._band_keys(values)
        found: set[int] = set()
        for bucket, key in zip(self._buckets, keys):
            holders = bucket.get(key)
            if holders is not None:
                found.update(holders) if isinstance(holders, list) else found.add(holders)
        if found:
            candidates = sorted(found)  # numbers are input order
            similarities = np.mean(self._signatures[candidates] == values, axis=1)
            for number, similarity in zip(candidates, similarities):
                if similarity >= self.threshold:
                    return Match(self._ids[number], round(float(similarity), 4))
        number = len(self._ids)
        if number == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[number] = values
        self._ids.append(doc_id)
        for bucket, key in zip(self._buckets, keys):
            holders = bucket.setdefault(key, number)
            if isinstance(holders, list):
                holders.append(number)
            elif holders != number:
                bucket[key] = [holders, number]
        return None


def estimated_similarity(a: bytes, b: bytes) -> float:
    """Jaccard similarity estimated from two signatures of the same size."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


def jaccard(a: Iterable[bytes], b: Iterable[bytes]) -> float:
    """Exact Jaccard similarity of two shingle sets (for tests and benchmarks)."""
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a or b else 1.0
