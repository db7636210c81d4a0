"""The untimed quality pass: every system and every ablation variant on every page, scored.

newsclean's extraction (``newsclean.read``) runs once per page; the full pipeline and
each "all but one cleaner" pipeline then run on that same extracted Document, which is
exactly what ``newsclean.clean(html)`` does, so the ablation costs only the cleaners.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import newsclean
from newsclean import Config, Document, Pipeline

from . import systems
from .data import SCRAPINGHUB, Page
from .scoring import Scores, score_segments, score_shingles, segment_counts, shingle_counts

TRAFILATURA = "trafilatura alone"
NEWSCLEAN = "newsclean"
EXTRACTION_ONLY = "newsclean, no cleaners"
TEXT_PATH = "newsclean on trafilatura's text"
SYSTEMS = (TRAFILATURA, NEWSCLEAN, EXTRACTION_ONLY, TEXT_PATH)


def default_cleaners() -> tuple[str, ...]:
    return Config().cleaners


def ablation_pipelines() -> dict[str, Pipeline]:
    """``name -> pipeline`` with that one cleaner left out of the default pipeline."""
    names = default_cleaners()
    return {name: Config(cleaners=tuple(n for n in names if n != name)).pipeline() for name in names}


def score_outputs(pages: Sequence[Page], outputs: Sequence[str | None]) -> Scores:
    if pages and pages[0].dataset == SCRAPINGHUB:
        return score_shingles(shingle_counts(p.gold, o) for p, o in zip(pages, outputs))
    return score_segments(segment_counts(o, p.with_, p.without) for p, o in zip(pages, outputs))


@dataclass
class QualityRun:
    """Outputs of one dataset: per system and per ablation variant, in page order."""

    pages: Sequence[Page]
    outputs: dict[str, list[str | None]] = field(default_factory=dict)
    ablation: dict[str, list[str | None]] = field(default_factory=dict)
    extracted: list[Document | None] = field(default_factory=list)
    cleaned: list[Document | None] = field(default_factory=list)

    def scores(self) -> dict[str, Scores]:
        return {name: score_outputs(self.pages, out) for name, out in self.outputs.items()}

    def ablation_scores(self) -> dict[str, Scores]:
        return {name: score_outputs(self.pages, out) for name, out in self.ablation.items()}


def _read(html: bytes) -> Document | None:
    try:
        return newsclean.read(html)
    except newsclean.InputError:
        return None


def run_quality(pages: Sequence[Page], *, ablate: bool = True) -> QualityRun:
    full = newsclean.pipeline_for(None)
    variants = ablation_pipelines() if ablate else {}
    run = QualityRun(pages, outputs={name: [] for name in SYSTEMS}, ablation={name: [] for name in variants})
    for page in pages:
        extracted_text = systems.trafilatura_alone(page.html)
        doc = _read(page.html)
        cleaned = full(doc) if doc is not None else None
        run.extracted.append(doc)
        run.cleaned.append(cleaned)
        run.outputs[TRAFILATURA].append(extracted_text)
        run.outputs[NEWSCLEAN].append(cleaned.text if cleaned is not None else None)
        run.outputs[EXTRACTION_ONLY].append(doc.text if doc is not None else None)
        run.outputs[TEXT_PATH].append(systems.newsclean_text(extracted_text))
        for name, pipeline in variants.items():
            run.ablation[name].append(pipeline(doc).text if doc is not None else None)
    return run
