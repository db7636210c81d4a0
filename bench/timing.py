"""Time the three paths page by page, interleaved, so machine load hits all of them alike.

Each pass runs every page through every path, rotating which path goes first on each
page (no path always gets the warm cache). A page's time on a path is the median over
passes; a path's time per document is the mean of those medians, and the ratios compare
totals, so the shared, noisy 2-core machine skews every path the same way.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

TRAFILATURA, NEWSCLEAN_HTML, NEWSCLEAN_TEXT = (
    "trafilatura alone (HTML)",
    "newsclean on HTML",
    "newsclean on extracted text",
)
PATHS = (TRAFILATURA, NEWSCLEAN_HTML, NEWSCLEAN_TEXT)


@dataclass(frozen=True)
class PathTiming:
    path: str
    per_page: tuple[float, ...]  # median seconds per page, in page order

    @property
    def total(self) -> float:
        return sum(self.per_page)

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.total / len(self.per_page) if self.per_page else 0.0


def time_paths(
    calls: Sequence[dict[str, Callable[[], object]]],
    repeat: int,
    on_pass: Callable[[int, dict[str, list]], None] | None = None,
) -> dict[str, PathTiming]:
    """``calls[i][path]`` runs page ``i`` on ``path``. ``on_pass(n, results)`` sees each pass's outputs."""
    samples: dict[str, list[list[float]]] = {path: [[] for _ in calls] for path in PATHS}
    for n in range(repeat):
        gc.collect()
        results: dict[str, list] = {path: [None] * len(calls) for path in PATHS}
        for i, page_calls in enumerate(calls):
            order = PATHS[i % 3 :] + PATHS[: i % 3]
            for path in order:
                start = time.perf_counter()
                results[path][i] = page_calls[path]()
                samples[path][i].append(time.perf_counter() - start)
        if on_pass:
            on_pass(n, results)
    return {path: PathTiming(path, tuple(statistics.median(s) for s in samples[path])) for path in PATHS}


def ratios(timings: dict[str, PathTiming]) -> dict[str, float]:
    """HTML path over trafilatura (bar: at most 1.3) and trafilatura over text path (bar: at least 10)."""
    traf, html, text = (timings[p].total for p in PATHS)
    return {
        "html_over_trafilatura": html / traf if traf else float("nan"),
        "trafilatura_over_text": traf / text if text else float("nan"),
    }
