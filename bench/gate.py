"""The CI quality gate: newsclean's scores on a fixed subset against pinned floors.

``python -m bench.gate`` prints the subset's scores next to the floors in
``bench/quality_floor.json``; ``--update`` raises each floor to the current score minus
a small margin, and never lowers one. The floors can only go up: a change that loses
quality must be fixed, not re-pinned.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "bench"

from . import data, systems
from .measure import score_outputs

FLOOR_FILE = Path(__file__).resolve().parent / "quality_floor.json"
#: The fixed subset: evenly spread over sorted ids, so it changes only if the data does.
SUBSET = {data.SCRAPINGHUB: 25, data.TRAFEVAL: 40}
METRICS = ("precision", "recall", "f1")
#: Floors sit this far below the score they were pinned at, rounded down to 3 places.
MARGIN = 0.002


def subset(dataset: str, root: Path | None = None) -> list[data.Page]:
    return data.every_kth(data.load(dataset, root), SUBSET[dataset])


def current_scores(root: Path | None = None) -> dict[str, dict[str, float]]:
    """newsclean's precision, recall and F1 on each dataset's gate subset."""
    scores = {}
    for dataset in SUBSET:
        pages = subset(dataset, root)
        s = score_outputs(pages, [systems.newsclean_html(p.html) for p in pages])
        scores[dataset] = {m: getattr(s, m) for m in METRICS}
    return scores


def read_floors(path: Path = FLOOR_FILE) -> dict[str, dict[str, float]]:
    content = json.loads(path.read_text(encoding="utf-8"))
    return {dataset: {m: float(content[dataset][m]) for m in METRICS} for dataset in SUBSET}


def pinned(score: float) -> float:
    """The floor for a score: ``MARGIN`` below it, rounded down to 3 decimal places.

    >>> pinned(0.9637)
    0.961
    """
    return math.floor(round((score - MARGIN) * 1000, 6)) / 1000


def raised(
    floors: Mapping[str, Mapping[str, float]], scores: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """Each floor raised to ``pinned(score)`` where that is higher; never lowered.

    >>> raised({"d": {"f1": 0.95}}, {"d": {"f1": 0.99}})
    {'d': {'f1': 0.988}}
    >>> raised({"d": {"f1": 0.95}}, {"d": {"f1": 0.90}})
    {'d': {'f1': 0.95}}
    """
    return {d: {m: max(v, pinned(scores[d][m])) for m, v in row.items()} for d, row in floors.items()}


def shortfalls(floors: Mapping[str, Mapping[str, float]], scores: Mapping[str, Mapping[str, float]]) -> list[str]:
    """One message per score below its floor (none: the gate passes)."""
    return [
        f"{d} {m}: {scores[d][m]:.4f} is below the floor {v:.3f}"
        for d, row in floors.items()
        for m, v in row.items()
        if scores[d][m] < v
    ]


def write_floors(floors: Mapping[str, Mapping[str, float]], path: Path = FLOOR_FILE) -> None:
    content = {
        "_comment": (
            "Quality floors for tests/test_quality_gate.py: newsclean on a fixed subset of shared/benchdata "
            f"({', '.join(f'{n} {d} pages' for d, n in SUBSET.items())}, evenly spread over sorted ids). "
            "Floors can only be raised: run `python -m bench.gate --update`, which never lowers one."
        ),
        **{d: {m: floors[d][m] for m in METRICS} for d in SUBSET},
    }
    path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="raise the floors to the current scores (never lowers)")
    args = parser.parse_args(argv)
    if not data.available():
        print(f"benchdata not found at {data.benchdata_dir()} (set {data.ENV_VAR})", file=sys.stderr)
        return 2
    scores = current_scores()
    floors = read_floors() if FLOOR_FILE.exists() else {d: {m: 0.0 for m in METRICS} for d in SUBSET}
    for d, row in floors.items():
        for m, v in row.items():
            print(f"{d:13} {m:9} score {scores[d][m]:.4f}  floor {v:.3f}")
    if args.update:
        new = raised(floors, scores)
        write_floors(new)
        changed = [
            f"{d} {m} {floors[d][m]:.3f} -> {new[d][m]:.3f}" for d in new for m in new[d] if new[d][m] != floors[d][m]
        ]
        print("raised: " + ("; ".join(changed) if changed else "nothing (no score rose past its floor)"))
        return 0
    problems = shortfalls(floors, scores)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
