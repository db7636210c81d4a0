"""CI quality gate: newsclean on a fixed benchmark subset must not fall below pinned floors.

The floors live in ``bench/quality_floor.json`` and can only be raised
(``python -m bench.gate --update`` never lowers one; the history test below checks every
committed version). The data is ``<repo>/../shared/benchdata`` or ``$NEWSCLEAN_BENCHDATA``;
without it the gate skips, saying so.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from bench import data, gate

FLOOR_PATH = "bench/quality_floor.json"


@pytest.fixture(scope="module")
def scores():
    if not data.available():
        pytest.skip(f"benchmark data not found at {data.benchdata_dir()} (set {data.ENV_VAR}); quality gate not run")
    return gate.current_scores()


@pytest.mark.parametrize("dataset", list(gate.SUBSET))
def test_scores_stay_at_or_above_the_floor(scores, dataset):
    floors = gate.read_floors()
    assert gate.shortfalls({dataset: floors[dataset]}, scores) == [], (
        "newsclean lost quality on the gate subset; see `python -m bench.gate` and bench/out/ from `python -m bench.run`"
    )


def test_floor_file_covers_every_dataset_and_metric():
    floors = gate.read_floors()
    assert set(floors) == set(gate.SUBSET)
    for row in floors.values():
        assert set(row) == set(gate.METRICS)
        assert all(0.0 < v <= 1.0 for v in row.values())


def _committed_floors() -> list[dict]:
    try:
        revisions = subprocess.run(
            ["git", "log", "--format=%H", "--", FLOOR_PATH],
            cwd=data.REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return [
            json.loads(
                subprocess.run(
                    ["git", "show", f"{rev}:{FLOOR_PATH}"],
                    cwd=data.REPO_ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for rev in revisions
        ]
    except (OSError, subprocess.CalledProcessError):
        return []


def test_floors_were_never_lowered():
    current = gate.read_floors()
    for old in _committed_floors():
        for dataset, row in current.items():
            for metric, value in row.items():
                before = old.get(dataset, {}).get(metric, 0.0)
                assert value >= before, (
                    f"{dataset} {metric} floor lowered from {before} to {value}; floors can only be raised"
                )


def test_update_raises_floors_and_never_lowers_them():
    floors = {"d": {"precision": 0.9, "recall": 0.95}}
    new = gate.raised(floors, {"d": {"precision": 0.95, "recall": 0.90}})
    assert new == {"d": {"precision": 0.948, "recall": 0.95}}


def test_shortfalls_name_each_metric_below_its_floor():
    problems = gate.shortfalls({"d": {"f1": 0.9, "recall": 0.8}}, {"d": {"f1": 0.89, "recall": 0.8}})
    assert len(problems) == 1 and "d f1" in problems[0]
