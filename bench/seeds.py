"""The five seed articles (``shared/seeds``) as labelled documents, scored like the cruft set.

Their labels are ours, in ``bench/seed_labels.json`` (the same judgement ``tests/test_seeds.py``
pins); a seed with no URL is its own site, so the split puts each seed wholly on one side.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.cruft.dataset import BODY, LabelledDoc, Line
from bench.data import REPO_ROOT

LABELS = Path(__file__).resolve().parent / "seed_labels.json"


def seeds_dir() -> Path:
    shared = os.environ.get("NEWSCLEAN_SHARED")
    return Path(shared) / "seeds" if shared else REPO_ROOT.parent / "shared" / "seeds"


def available() -> bool:
    return seeds_dir().is_dir()


def _labels(lines: list[str], rules: list[dict]) -> list[str]:
    labels = [BODY] * len(lines)
    for rule in rules:
        hits = [i for i, line in enumerate(lines) if line == rule["line"]]
        occurrence = rule.get("occurrence", 1)
        if len(hits) < occurrence:
            raise ValueError(f"seed label rule matches no line: {rule['line']!r} (occurrence {occurrence})")
        start = hits[occurrence - 1]
        end = len(lines) if rule.get("through_end") else start + 1
        for i in range(start, end):
            labels[i] = "cruft:" + rule["category"]
    return labels


def load(root: Path | None = None) -> list[LabelledDoc]:
    table = json.loads(LABELS.read_text(encoding="utf-8"))
    docs = []
    for path in sorted((root or seeds_dir()).glob("*.txt")):
        prefix = path.name.split("_", 1)[0]
        entry = table[prefix]
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        labelled = tuple(Line(label, text) for label, text in zip(_labels(lines, entry["rules"]), lines))
        docs.append(LabelledDoc(f"seed-{prefix}", "en", entry["site"], "article", labelled))
    return docs
