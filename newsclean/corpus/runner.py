"""Corpus mode: clean many records, remove learned site boilerplate, find near-duplicates.

The per-record work (:func:`~newsclean.corpus.step.process_record`: parsing, the cleaning
pipeline under the safety valve, boilerplate removal, passage keys, MinHash signatures,
encoding the output line) runs in worker processes, a chunk of records at a time,
through :func:`~newsclean.corpus.stream.ordered_chunks`; this process only merges the
small results in input order (counting passages, the near-duplicate index), which makes
the output the same for any number of jobs. Before the workers are forked, this process
builds the pipeline's lazy tables once (:func:`~newsclean.corpus.step.warm_up`), so no
worker builds its own.

Learning boilerplate takes two passes (:func:`_two_passes`); the cleaned records wait
between them in the workers' own spool files, not in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any, TypeVar

from newsclean import pipeline_for
from newsclean.config import Config
from newsclean.corpus.boilerplate import BoilerplateLearner, BoilerplateModel, Thresholds
from newsclean.corpus.near_duplicates import DEFAULT_THRESHOLD, NearDuplicateIndex
from newsclean.corpus.records import RecordShape
from newsclean.corpus.step import RecordResult, Sourced, StepOptions, mark_duplicate, process_record, warm_up
from newsclean.corpus.stream import (
    CHUNK_SIZE,
    Span,
    chunked,
    close_spools,
    loads,
    ordered_chunks,
    read_span,
    spool_directory,
    spool_lines,
)
from newsclean.document import Document
from newsclean.safety import DEFAULT_MAX_REMOVED_SHARE

__all__ = ["NEAR_DUPLICATE_MODES", "CorpusSummary", "Sourced", "clean_corpus", "clean_corpus_lines", "valve_of"]

T = TypeVar("T")
R = TypeVar("R")

NEAR_DUPLICATE_MODES = ("mark", "drop")
MAX_ERRORS_KEPT = 20
PROGRESS_EVERY = 500

Progress = Callable[[str, int], None]


@dataclass
class CorpusSummary:
    """What a corpus run did; filled in as the run's iterator is consumed."""

    documents_in: int = 0
    documents_out: int = 0
    duplicates: int = 0
    passages_learned: int = 0
    sites_learned: int = 0
    boilerplate_removed: int = 0
    documents_with_boilerplate: int = 0
    failed: int = 0
    held_back: int = 0  # kept unchanged by the safety valve: the cleaners would remove most of each
    errors: list[str] = field(default_factory=list)
    model: BoilerplateModel | None = None

    def use(self, model: BoilerplateModel) -> None:
        self.model, self.passages_learned = model, len(model)
        self.sites_learned = len({site for site, _ in model.passages.values()})

    def lines(self) -> list[str]:
        lines = [
            f"documents in: {self.documents_in}",
            f"documents out: {self.documents_out}",
            f"near-duplicates found: {self.duplicates}",
            f"boilerplate passages learned: {self.passages_learned} on {self.sites_learned} sites",
            f"boilerplate passages removed: {self.boilerplate_removed} from {self.documents_with_boilerplate} documents",
            f"documents held back: {self.held_back}"
            + (
                " (the cleaners would remove most of each; kept unchanged, see metadata.suspicious)"
                if self.held_back
                else ""
            ),
        ]
        if self.failed:
            lines.append(f"records that failed: {self.failed}")
        return lines


# -- the work a worker does on one chunk of records -------------------------------------


@dataclass(frozen=True)
class _ProcessChunk:
    """Records in, results out (the output lines included)."""

    options: StepOptions

    def __call__(self, items: list) -> list[RecordResult]:
        signer = self.options.signer()
        return [process_record(item, self.options, signer) for item in items]


@dataclass(frozen=True)
class _SpoolChunk:
    """Pass 1 of learning: results without their lines, which go to this worker's spool file."""

    options: StepOptions
    directory: str

    def __call__(self, items: list) -> tuple[Span, list[RecordResult]]:
        results = _ProcessChunk(self.options)(items)
        span = spool_lines(self.directory, [r.line for r in results if r.line is not None])
        return span, [r._replace(line=None) for r in results]


@dataclass(frozen=True)
class _SpooledChunk:
    """Pass 2 of learning: a chunk read back from the spool that pass 1 wrote."""

    options: StepOptions

    def __call__(self, span: Span) -> list[RecordResult]:
        return _ProcessChunk(self.options)(read_span(span))


# -- the merge, in this process ------------------------------------------------------


def clean_corpus(
    records: Iterable[Mapping[str, Any] | str | bytes | Document],
    *,
    config: Any = None,
    near_duplicates: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    boilerplate: BoilerplateModel | None = None,
    learn_boilerplate: bool | Thresholds = False,
    site_field: str | None = None,
    jobs: int = 1,
    summary: CorpusSummary | None = None,
    progress: Progress | None = None,
    shape: RecordShape = RecordShape(),
) -> Iterator[dict]:
    """Clean a corpus of records (dicts, JSON lines or Documents), yielding output records in input order.

    ``near_duplicates``: ``"mark"`` records ``metadata["duplicate_of"]`` (the first
    occurrence's id) and ``metadata["duplicate_similarity"]``; ``"drop"`` leaves the
    copies out; ``None`` does not look. ``boilerplate`` is a model to apply;
    ``learn_boilerplate`` (``True`` or :class:`Thresholds`) learns one from these records
    instead. Arguments are checked at once; the work happens as the iterator is
    consumed, and fills in ``summary`` if one is given. Records that fail to parse are
    skipped and counted there. ``shape`` names the input fields and lays out the output
    records (docs/records.md); a :class:`Sourced` item gives the file a record came from.
    """
    lines = clean_corpus_lines(
        records,
        config=config,
        near_duplicates=near_duplicates,
        threshold=threshold,
        boilerplate=boilerplate,
        learn_boilerplate=learn_boilerplate,
        site_field=site_field,
        jobs=jobs,
        summary=summary,
        progress=progress,
        shape=shape,
    )
    return map(loads, lines)


def clean_corpus_lines(
    records: Iterable[Mapping[str, Any] | str | bytes | Document],
    *,
    config: Any = None,
    near_duplicates: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    boilerplate: BoilerplateModel | None = None,
    learn_boilerplate: bool | Thresholds = False,
    site_field: str | None = None,
    jobs: int = 1,
    summary: CorpusSummary | None = None,
    progress: Progress | None = None,
    shape: RecordShape = RecordShape(),
) -> Iterator[bytes]:
    """:func:`clean_corpus`, yielding each output record as one JSON line (UTF-8 bytes ending in a
    newline), as the workers encoded it: this process re-encodes only the near-duplicates it marks."""
    if near_duplicates not in (None, *NEAR_DUPLICATE_MODES):
        raise ValueError(
            f"near_duplicates must be one of {', '.join(NEAR_DUPLICATE_MODES)} or None, got {near_duplicates!r}"
        )
    if learn_boilerplate and boilerplate is not None:
        raise ValueError("give a boilerplate model or learn one, not both")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    index = NearDuplicateIndex(threshold) if near_duplicates else None
    pipeline = pipeline_for(config)  # a bad configuration fails here, before any record is read
    num_perm = index.num_perm if index is not None else None
    options = StepOptions(pipeline, site_field, boilerplate, num_perm=num_perm, shape=shape, valve=valve_of(config))
    summary = summary if summary is not None else CorpusSummary()
    if learn_boilerplate:
        thresholds = learn_boilerplate if isinstance(learn_boilerplate, Thresholds) else Thresholds()
        return _two_passes(records, options, thresholds, index, near_duplicates, jobs, summary, progress)
    if boilerplate is not None:
        summary.use(boilerplate)
    return _one_pass(records, options, index, near_duplicates, jobs, summary, progress)


def valve_of(config: Any) -> tuple[float, bool]:
    """``max_removed_share`` and ``allow_gutting`` of a configuration (a Pipeline has neither: defaults)."""
    if isinstance(config, Mapping):
        config = Config.from_mapping(config)
    if isinstance(config, Config):
        return config.max_removed_share, config.allow_gutting
    return DEFAULT_MAX_REMOVED_SHARE, False


def _one_pass(
    records,
    options: StepOptions,
    index: NearDuplicateIndex | None,
    mode: str | None,
    jobs: int,
    summary: CorpusSummary,
    progress: Progress | None,
) -> Iterator[bytes]:
    results = _flat(_in_workers(_ProcessChunk(options), chunked(records, CHUNK_SIZE), jobs, options))
    yield from _finish(_counted(results, summary, progress, "cleaning"), index, mode, summary)


def _two_passes(
    records,
    options: StepOptions,
    thresholds: Thresholds,
    index: NearDuplicateIndex | None,
    mode: str | None,
    jobs: int,
    summary: CorpusSummary,
    progress: Progress | None,
) -> Iterator[bytes]:
    """Learn boilerplate while the workers clean into their spool files, then apply it and find near-duplicates.

    Pass 1: each worker cleans its chunk, appends the cleaned records to its own spool
    file and sends back where they went, with each record's site and passage keys; the
    input is read once (stdin and one-shot iterables work) and the pipeline runs once per
    record. Pass 2: each worker reads a chunk back, removes what was learned and computes
    signatures, which then compare bodies without the boilerplate that makes one site's
    stories look alike.
    """
    learning = replace(options, model=None, learn=True, num_perm=None)
    with spool_directory() as directory:
        learner = BoilerplateLearner(thresholds)
        spans: list[Span] = []
        chunks = _in_workers(_SpoolChunk(learning, directory), chunked(records, CHUNK_SIZE), jobs, options)
        stage = "pass 1/2, cleaning and counting passages:"
        try:
            for result in _counted(_spooled(chunks, spans), summary, progress, stage):
                learner.add(result.site, result.passages or ())
        finally:
            close_spools(directory)  # this process's own, when it did the work (jobs == 1)
        model = learner.model()
        summary.use(model)
        applying = replace(options, pipeline=None, model=model)
        results = _flat(ordered_chunks(_SpooledChunk(applying), spans, jobs=jobs))
        stage = "pass 2/2, removing boilerplate:"
        yield from _finish(_counted(results, summary, progress, stage, count=False), index, mode, summary)


def _in_workers(function: Callable[[T], R], chunks: Iterable[T], jobs: int, options: StepOptions) -> Iterator[R]:
    """``function`` over ``chunks`` in ``jobs`` worker processes, results in input order.

    With workers, this process first builds the pipeline's lazy tables (:func:`warm_up`)
    and runs the first chunk itself, so whatever else the corpus's first records need is
    built here too: once, and inherited by every worker forked afterwards.
    """
    chunks = iter(chunks)
    if jobs > 1:
        warm_up(options)
        for chunk in islice(chunks, 1):
            yield function(chunk)
    yield from ordered_chunks(function, chunks, jobs=jobs)


def _flat(chunks: Iterable[list[RecordResult]]) -> Iterator[RecordResult]:
    for results in chunks:
        yield from results


def _spooled(chunks: Iterable[tuple[Span, list[RecordResult]]], spans: list[Span]) -> Iterator[RecordResult]:
    """The results of pass 1's chunks; where each chunk's lines went is added to ``spans``."""
    for span, results in chunks:
        spans.append(span)
        yield from results


def _counted(
    results: Iterable[RecordResult],
    summary: CorpusSummary,
    progress: Progress | None,
    stage: str,
    count: bool = True,
) -> Iterator[RecordResult]:
    """Results that parsed; failures are counted. ``count=False`` for a second pass over the same records."""
    for n, result in enumerate(results, 1):
        if count:
            summary.documents_in += 1
            summary.held_back += result.held_back
        if progress and (n == 1 or n % PROGRESS_EVERY == 0):
            progress(stage, n)
        if result.error is not None:
            summary.failed += 1
            if len(summary.errors) < MAX_ERRORS_KEPT:
                summary.errors.append(f"record {n}: {result.error}")
            continue
        yield result


def _finish(
    results: Iterable[RecordResult], index: NearDuplicateIndex | None, mode: str | None, summary: CorpusSummary
) -> Iterator[bytes]:
    """Count removals, find near-duplicates in input order, and yield the lines to keep."""
    for result in results:
        line = result.line
        assert line is not None and result.doc_id is not None
        if result.removed:
            summary.boilerplate_removed += result.removed
            summary.documents_with_boilerplate += 1
        if index is not None:
            match = index.match_or_add(result.doc_id, result.signature)
            if match is not None:
                summary.duplicates += 1
                if mode == "drop":
                    continue
                line = mark_duplicate(line, match.representative, match.similarity)
        summary.documents_out += 1
        yield line
