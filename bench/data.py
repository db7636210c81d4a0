"""Find and load the two benchmark sets in ``shared/benchdata`` (see its README).

The data sits beside the repository (``<repo>/../shared/benchdata``), in CI as on a
developer's machine; ``NEWSCLEAN_BENCHDATA`` points elsewhere. Pages are returned in
sorted-id order so every run, subset and report sees them in the same order.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "NEWSCLEAN_BENCHDATA"

SCRAPINGHUB = "scrapinghub"
TRAFEVAL = "trafeval-dev"
DATASETS = (SCRAPINGHUB, TRAFEVAL)


@dataclass(frozen=True)
class Page:
    """One benchmark page: raw HTML bytes (not decoded, as the scorers prescribe) and its gold.

    ``gold`` is the article body (scrapinghub) or ``None``; ``with_``/``without`` are the
    must / must-not segments (trafeval-dev) or empty.
    """

    dataset: str
    id: str
    html: bytes
    url: str | None = None
    gold: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


def benchdata_dir() -> Path:
    """``$NEWSCLEAN_BENCHDATA``, else ``<repo>/../shared/benchdata`` (may not exist)."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else REPO_ROOT.parent / "shared" / "benchdata"


def available(root: Path | None = None) -> bool:
    root = root or benchdata_dir()
    return all((root / name).is_dir() for name in DATASETS)


def _gunzip(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def load_scrapinghub(root: Path | None = None) -> list[Page]:
    base = (root or benchdata_dir()) / SCRAPINGHUB
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(
            SCRAPINGHUB,
            key,
            _gunzip(base / "html" / f"{key}.html.gz"),
            url=entry.get("url"),
            gold=entry.get("articleBody") or "",
        )
        for key, entry in sorted(truth.items())
    ]


def load_trafeval(root: Path | None = None) -> list[Page]:
    base = (root or benchdata_dir()) / TRAFEVAL
    items = json.loads((base / "evaldata-dev.json").read_text(encoding="utf-8"))
    return [
        Page(
            TRAFEVAL,
            key,
            _gunzip(base / "html" / f"{entry['file']}.gz"),
            url=key,
            with_=tuple(entry.get("with") or ()),
            without=tuple(entry.get("without") or ()),
        )
        for key, entry in sorted(items.items())
    ]


def load(dataset: str, root: Path | None = None) -> list[Page]:
    loaders = {SCRAPINGHUB: load_scrapinghub, TRAFEVAL: load_trafeval}
    if dataset not in loaders:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of: {', '.join(DATASETS)}")
    return loaders[dataset](root)


def every_kth(pages: list[Page], count: int) -> list[Page]:
    """A fixed, spread-out subset: ``count`` pages taken at an even stride over sorted ids."""
    if count >= len(pages):
        return list(pages)
    stride = len(pages) / count
    return [pages[int(i * stride)] for i in range(count)]
