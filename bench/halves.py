"""Tune and check figures for every measured set, side by side (see ``bench/split.py``).

* ``shared/benchdata``: pages split by their URL's host; each half scored with the set's
  own scorer, for trafilatura alone and for newsclean's paths;
* the seeds and our cruft set: documents split by site, scored line by line
  (``bench/cruft/score.py``).

The gap that matters on benchdata is in newsclean's **gain over trafilatura alone**, not in
raw F1: the halves differ in how hard their pages are for any extractor, which moves
both systems alike, while rules that learned the tune half's pages move only newsclean.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.data import Page
from bench.measure import score_outputs
from bench.split import HALVES, half_of, host


def page_halves(pages: Sequence[Page]) -> dict[str, list[int]]:
    """Page indices per half, by URL host (a page without URL is keyed by its id)."""
    halves: dict[str, list[int]] = {h: [] for h in HALVES}
    for i, page in enumerate(pages):
        halves[half_of(host(page.url) or page.id)].append(i)
    return halves


def benchdata_halves(pages: Sequence[Page], outputs: dict[str, Sequence[str | None]], systems: Sequence[str]) -> dict:
    """``{half: {"pages": n, "sites": n, "scores": {system: scores}}}`` for one dataset."""
    result = {}
    for half, indices in page_halves(pages).items():
        chosen = [pages[i] for i in indices]
        result[half] = {
            "pages": len(chosen),
            "sites": len({host(p.url) or p.id for p in chosen}),
            "scores": {s: score_outputs(chosen, [outputs[s][i] for i in indices]).as_dict() for s in systems},
        }
    return result
