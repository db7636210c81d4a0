"""The two benchmark scorers, reimplemented exactly as ``shared/benchdata/README.md`` describes.

* scrapinghub: 4-token shingle precision / recall / F1 per page, macro-averaged, plus
  exact token-list accuracy (``evaluate.py`` of scrapinghub/article-extraction-benchmark).
* trafeval-dev: must / must-not segment substring tests, micro-averaged
  (``tests/eval_common.py`` of adbar/trafilatura).

Both sides are passed through :func:`fold_quotes` first, for every system alike: the
``quotes`` cleaner turns typographic quotes into ASCII, and an exact substring test
would otherwise count each such rewrite as lost text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4

# The same mapping as newsclean's quotes cleaner in its default ASCII mode, written out
# here so the scorer does not change when the code under test does.
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "〝": '"',
        "〞": '"',
        "＂": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "＇": "'",
    }
)
_OPEN_GUILLEMET = re.compile(r"([«‹])[\s\u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[\s\u00a0\u202f]*([»›])")
_GUILLEMET_ASCII = {"«": '"', "»": '"', "‹": "'", "›": "'"}


def fold_quotes(text: str) -> str:
    """Typographic quotes to ASCII, guillemets with their inner spaces included.

    >>> fold_quotes("“Hi,” she said. « Bonjour » don’t")
    '"Hi," she said. "Bonjour" don\\'t'
    """
    text = _OPEN_GUILLEMET.sub(lambda m: _GUILLEMET_ASCII[m.group(1)], text)
    text = _CLOSE_GUILLEMET.sub(lambda m: _GUILLEMET_ASCII[m.group(1)], text)
    return text.translate(_QUOTES)


def normalize_space(text: str) -> str:
    """Each run of whitespace becomes one space; the ends are stripped."""
    return " ".join(text.split())


# -- scrapinghub: shingles ---------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    """``\\w+`` tokens, Unicode, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter:
    """The multiset of token ``size``-grams; fewer tokens than ``size`` give one short shingle.

    >>> sorted(shingles("a b c d e").items())
    [(('a', 'b', 'c', 'd'), 1), (('b', 'c', 'd', 'e'), 1)]
    >>> shingles("a b")
    Counter({('a', 'b'): 1})
    """
    toks = tokens(text)
    grams = (tuple(toks[i : i + size]) for i in range(max(1, len(toks) - size + 1)))
    return Counter(g for g in grams if g)


@dataclass(frozen=True)
class PageCounts:
    """One page's shingle TP / FP / FN, normalised to sum to 1 (each page weighs the same)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


def shingle_counts(gold: str | None, output: str | None) -> PageCounts:
    gold, output = fold_quotes(gold or ""), fold_quotes(output or "")
    true, pred = shingles(gold), shingles(output)
    tp = fp = fn = 0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageCounts(tp, fp, fn, exact=tokens(gold) == tokens(output))


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
            "pages": self.pages,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_shingles(pages: Iterable[PageCounts]) -> Scores:
    """Corpus scores: means of per-page precision (pages with TP+FP > 0) and recall (TP+FN > 0)."""
    pages = list(pages)
    p = _mean([c.precision for c in pages if c.tp + c.fp > 0])
    r = _mean([c.recall for c in pages if c.tp + c.fn > 0])
    accuracy = _mean([1.0 if c.exact else 0.0 for c in pages])
    return Scores(p, r, _f1(p, r), accuracy, len(pages))


# -- trafeval-dev: segments ----------------------------------------------------------


@dataclass(frozen=True)
class SegmentCounts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SegmentCounts) -> SegmentCounts:
        return SegmentCounts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)


def segment_counts(output: str | None, with_: Sequence[str], without: Sequence[str]) -> SegmentCounts:
    """Each ``with`` segment found is a TP (else FN); each ``without`` found is an FP (else TN)."""
    if output is None:  # a failed extraction: nothing found, nothing wrongly kept
        return SegmentCounts(fn=len(with_), tn=len(without))
    text = normalize_space(fold_quotes(output))
    found = [normalize_space(fold_quotes(s)) in text for s in with_]
    leaked = [normalize_space(fold_quotes(s)) in text for s in without]
    return SegmentCounts(tp=sum(found), fn=len(found) - sum(found), fp=sum(leaked), tn=len(leaked) - sum(leaked))


@dataclass(frozen=True)
class SegmentScores(Scores):
    counts: SegmentCounts = SegmentCounts()

    def as_dict(self) -> dict[str, float]:
        c = self.counts
        return {**super().as_dict(), "tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn}


def score_segments(pages: Iterable[SegmentCounts]) -> SegmentScores:
    """Micro-averaged precision, recall, accuracy and F1 over all pages' segments."""
    total, n = SegmentCounts(), 0
    for counts in pages:
        total, n = total + counts, n + 1
    tp, fp, fn, tn = total.tp, total.fp, total.fn, total.tn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    accuracy = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return SegmentScores(p, r, f1, accuracy, n, counts=total)
