"""Corpus mode: clean many records, remove learned site boilerplate, find near-duplicates.

Per-document work (parsing, the cleaning pipeline, boilerplate removal, MinHash
signatures) runs in worker processes through :func:`~newsclean.corpus.stream.ordered_map`;
everything that compares documents (counting passages, the LSH index) runs here, in
input order, so the output is the same for any number of jobs.

Learning boilerplate takes two passes. The first cleans every record and counts its
passages; cleaned records go to a temporary spool file, so the input is read only once
(stdin and one-shot iterables work) and the pipeline runs once per record. The second
pass reads the spool, removes what was learned and looks for near-duplicates, which
then compare bodies without the boilerplate that makes one site's stories look alike.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newsclean import pipeline_for
from newsclean.config import Config
from newsclean.corpus.boilerplate import (
    BoilerplateLearner,
    BoilerplateModel,
    Thresholds,
    passage_keys,
    removed_passages,
)
from newsclean.corpus.near_duplicates import DEFAULT_THRESHOLD, NearDuplicateIndex, Signer
from newsclean.corpus.records import RecordShape, record_site, to_document, to_record
from newsclean.corpus.stream import decode_record, encode_record, ordered_map
from newsclean.document import Document, site_of
from newsclean.errors import NewscleanError
from newsclean.pipeline import Pipeline
from newsclean.safety import DEFAULT_MAX_REMOVED_SHARE, guard

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


class Sourced(NamedTuple):
    """A record (or JSON line) with the file it came from: its ``source`` when nothing names a site."""

    item: Any
    origin: str


class _Result(NamedTuple):
    record: dict | None
    site: str | None
    passages: set[int] | None
    signature: bytes | None
    removed: int
    error: str | None = None
    held_back: bool = False


@dataclass
class _DocumentStep:
    """The per-record work, run in a worker: picklable, and pure given its fields."""

    pipeline: Pipeline | None  # None: the record is already cleaned (spooled by pass 1)
    site_field: str | None
    model: BoilerplateModel | None
    learn: bool
    signer: Signer | None
    shape: RecordShape = RecordShape()
    valve: tuple[float, bool] = (DEFAULT_MAX_REMOVED_SHARE, False)  # max_removed_share, allow_gutting

    def __call__(self, item: Any) -> _Result:
        origin = None
        if isinstance(item, Sourced):
            item, origin = item
        try:
            record = decode_record(item)
            doc = raw = to_document(record, self.shape)
            held_back = False
            if self.pipeline is not None:  # the safety valve, as newsclean.clean applies it
                doc = guard(raw, self.pipeline(raw), max_removed_share=self.valve[0], allow_gutting=self.valve[1])
                held_back = bool(doc.metadata.get("suspicious"))
        except Exception as exc:  # one odd record is reported and counted, never the end of the run
            message = str(exc) if isinstance(exc, NewscleanError) else f"unexpected {type(exc).__name__}: {exc}"
            where = getattr(item, "where", "")  # a JSON line's file and line number
            return _Result(None, None, None, None, 0, message if message.startswith(where) else f"{where}: {message}")
        site = record_site(record, self.site_field)
        removed = 0
        if self.model is not None:
            cleaned = self.model.apply(doc, site)
            removed, doc = removed_passages(doc, cleaned), cleaned
        passages = None
        if self.learn and site:
            # Count what the page carried, not what survived: a footer that the foreign_footer
            # cleaner removes from the site's German stories still recurs on every page.
            # Cleaned paragraphs count too, so text a cleaner rewrote is recognised as well.
            # Titles count: a masthead line read as every page's headline is boilerplate too.
            passages = passage_keys(site, (raw.title, *raw.paragraphs)) | passage_keys(site, doc.paragraphs)
        signature = self.signer.signature(doc.text) if self.signer else None
        source = site or site_of(doc.url) or origin
        return _Result(
            to_record(doc, record, self.shape, source), site, passages, signature, removed, held_back=held_back
        )


def clean_corpus(
    records: Iterable[Mapping[str, Any] | str | Document],
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
    valve = _valve(config)
    summary = summary if summary is not None else CorpusSummary()
    if learn_boilerplate:
        thresholds = learn_boilerplate if isinstance(learn_boilerplate, Thresholds) else Thresholds()
        return _two_passes(
            records, pipeline, thresholds, site_field, index, near_duplicates, jobs, summary, progress, shape, valve
        )
    if boilerplate is not None:
        summary.use(boilerplate)
    step = _DocumentStep(pipeline, site_field, boilerplate, False, _signer(index), shape, valve)
    return _finish(ordered_map(step, records, jobs=jobs), index, near_duplicates, summary, progress)


def _valve(config: Any) -> tuple[float, bool]:
    """``max_removed_share`` and ``allow_gutting`` of a configuration (a Pipeline has neither: defaults)."""
    if isinstance(config, Mapping):
        config = Config.from_mapping(config)
    if isinstance(config, Config):
        return config.max_removed_share, config.allow_gutting
    return DEFAULT_MAX_REMOVED_SHARE, False


def _signer(index: NearDuplicateIndex | None) -> Signer | None:
    return Signer(index.num_perm) if index is not None else None


def _two_passes(
    records,
    pipeline: Pipeline,
    thresholds: Thresholds,
    site_field: str | None,
    index: NearDuplicateIndex | None,
    mode: str | None,
    jobs: int,
    summary: CorpusSummary,
    progress: Progress | None,
    shape: RecordShape,
    valve: tuple[float, bool],
) -> Iterator[dict]:
    """Learn boilerplate while cleaning into a spool, then apply it and find near-duplicates."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        learner = BoilerplateLearner(thresholds)
        step = _DocumentStep(pipeline, site_field, None, True, None, shape, valve)
        stage = "pass 1/2, cleaning and counting passages:"
        for result in _counted(ordered_map(step, records, jobs=jobs), summary, progress, stage):
            learner.add(result.site, result.passages or ())
            if result.record is not None:
                spool.write(encode_record(result.record))
        model = learner.model()
        summary.use(model)
        spool.seek(0)
        step = _DocumentStep(None, site_field, model, False, _signer(index), shape)
        yield from _finish(ordered_map(step, spool, jobs=jobs), index, mode, summary, progress, count=False)


def _counted(
    results: Iterable[_Result], summary: CorpusSummary, progress: Progress | None, stage: str, count: bool = True
) -> Iterator[_Result]:
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
    results: Iterable[_Result],
    index: NearDuplicateIndex | None,
    mode: str | None,
    summary: CorpusSummary,
    progress: Progress | None,
    count: bool = True,
) -> Iterator[dict]:
    """Count removals, find near-duplicates in input order, and yield the records to keep."""
    stage = "cleaning" if count else "pass 2/2, removing boilerplate:"
    for result in _counted(results, summary, progress, stage, count):
        record = result.record
        assert record is not None
        if result.removed:
            summary.boilerplate_removed += result.removed
            summary.documents_with_boilerplate += 1
        if index is not None:
            match = index.match_or_add(record["id"], result.signature)
            if match is not None:
                summary.duplicates += 1
                if mode == "drop":
                    continue
                record["metadata"] = {
                    **record["metadata"],
                    "duplicate_of": match.representative,
                    "duplicate_similarity": match.similarity,
                }
        summary.documents_out += 1
        yield record
