"""Judge single lines against the gold, for the failure analysis (not for the scores).

The scores come from :mod:`bench.scoring`; these helpers answer the engineer's question
"was this line article text?" one line at a time:

* scrapinghub: a line is gold when most of its 4-token shingles are in the gold body
  (short lines: when its token run occurs in the gold).
* trafeval-dev: a line is gold when it overlaps a ``with`` segment, boilerplate when it
  overlaps a ``without`` segment, and unjudged otherwise (most lines are).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .scoring import SHINGLE_SIZE, fold_quotes, normalize_space, shingles, tokens

GOLD, BOILERPLATE, UNJUDGED = "gold", "boilerplate", "unjudged"
# Share of a line's shingles that must be in the gold for the line to count as gold.
MAJORITY = 0.5
# Overlaps shorter than this say nothing (a "with" segment contains many short words).
MIN_OVERLAP_CHARS = 20


class GoldBody:
    """A scrapinghub gold body, indexed for line look-ups."""

    def __init__(self, gold: str):
        gold = fold_quotes(gold)
        self.shingles: Counter = shingles(gold)
        self._joined = " " + " ".join(tokens(gold)) + " "

    def share_in_gold(self, line: str, budget: Counter | None = None) -> float:
        """The share of ``line``'s shingles the gold holds (with ``budget``: still unclaimed there)."""
        line = fold_quotes(line)
        toks = tokens(line)
        if not toks:
            return 0.0
        if len(toks) < SHINGLE_SIZE:
            return 1.0 if " " + " ".join(toks) + " " in self._joined else 0.0
        grams = shingles(line)
        pool = self.shingles if budget is None else budget
        hits = sum(min(n, max(0, pool.get(g, 0))) for g, n in grams.items())
        return hits / sum(grams.values())

    def verdict(self, line: str, budget: Counter | None = None) -> str:
        return GOLD if self.share_in_gold(line, budget) >= MAJORITY else BOILERPLATE

    def unclaimed(self, output: str) -> Counter:
        """Gold shingles ``output`` does not cover: re-adding a line that fills them gains recall."""
        return self.shingles - shingles(fold_quotes(output))


def _norm(text: str) -> str:
    return normalize_space(fold_quotes(text))


def overlaps(line: str, segment: str) -> bool:
    """True when one contains the other (both folded and whitespace-normalised)."""
    line, segment = _norm(line), _norm(segment)
    if not line or not segment:
        return False
    if segment in line:
        return True
    return len(line) >= MIN_OVERLAP_CHARS and line in segment


def segment_verdict(line: str, with_: Sequence[str], without: Sequence[str]) -> str:
    if any(overlaps(line, s) for s in with_):
        return GOLD
    if any(overlaps(line, s) for s in without):
        return BOILERPLATE
    return UNJUDGED


def found(segment: str, text: str) -> bool:
    """The trafeval test: the segment is a substring of the text, both folded and normalised."""
    return _norm(segment) in _norm(text)
