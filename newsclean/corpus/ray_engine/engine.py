"""The ray engine's run: read, clean (and learn boilerplate), find near-duplicates, write shards.

The same stages as :func:`newsclean.corpus.clean_corpus`, each a Ray Data operation;
see docs/distributed.md for how they map and what each holds in memory.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from newsclean import pipeline_for
from newsclean.corpus.boilerplate import BoilerplateModel, Thresholds
from newsclean.corpus.near_duplicates import DEFAULT_THRESHOLD, NearDuplicateIndex
from newsclean.corpus.ray_engine import boilerplate as distributed_boilerplate
from newsclean.corpus.ray_engine.documents import run_step
from newsclean.corpus.ray_engine.inputs import FILE_SHIFT, input_files, read_rows
from newsclean.corpus.ray_engine.near_duplicates import duplicates
from newsclean.corpus.ray_engine.outputs import OUTPUT_FORMATS, RECORDS_PER_SHARD, with_duplicates, write_shards
from newsclean.corpus.ray_engine.tables import present, where
from newsclean.corpus.records import RecordShape
from newsclean.corpus.runner import MAX_ERRORS_KEPT, NEAR_DUPLICATE_MODES, CorpusSummary, valve_of
from newsclean.corpus.step import StepOptions
from newsclean.errors import NewscleanError


def clean_corpus_on_ray(
    inputs: Sequence[str],
    output_dir: str,
    *,
    config: Any = None,
    near_duplicates: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    boilerplate: BoilerplateModel | None = None,
    learn_boilerplate: bool | Thresholds = False,
    site_field: str | None = None,
    output_format: str = "jsonl.gz",
    records_per_shard: int = RECORDS_PER_SHARD,
    shape: RecordShape | None = None,
    num_partitions: int | None = None,
    summary: CorpusSummary | None = None,
    progress: bool = False,
) -> list[str]:
    """Clean the JSONL / Parquet files (or folders) ``inputs`` on Ray into shards in ``output_dir``.

    Options mean what they mean for :func:`newsclean.corpus.clean_corpus`, and the
    records written are the same (each shard in input order, shards named by their first
    record's place in the input; at most ``records_per_shard`` each). Returns the shard paths. Runs on the Ray cluster this
    process is connected to (``ray.init(address=...)`` first), else Ray starts a local
    one. ``num_partitions``: how many parts each shuffle (group-by) has; default one
    per CPU of the cluster. Records that fail are left out and counted in ``summary``.
    ``shape`` names the input fields and lays out the output records, as for ``clean_corpus``.
    """
    if near_duplicates not in (None, *NEAR_DUPLICATE_MODES):
        raise ValueError(
            f"near_duplicates must be one of {', '.join(NEAR_DUPLICATE_MODES)} or None, got {near_duplicates!r}"
        )
    if learn_boilerplate and boilerplate is not None:
        raise ValueError("give a boilerplate model or learn one, not both")
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output format must be one of {', '.join(OUTPUT_FORMATS)}, got {output_format!r}")
    index = NearDuplicateIndex(threshold) if near_duplicates else None  # checks the threshold
    pipeline = pipeline_for(config)
    files = input_files(inputs)  # a missing input fails here, before the cluster does any work
    summary = summary if summary is not None else CorpusSummary()
    shape = shape if shape is not None else RecordShape()
    num_perm = index.num_perm if index is not None else None
    # the local engine's options, the safety valve's settings included
    options = StepOptions(pipeline, site_field, boilerplate, num_perm=num_perm, shape=shape, valve=valve_of(config))
    with data_context(progress), _task_errors_unwrapped():
        parts = num_partitions or _cluster_cpus()
        rows = read_rows(files)
        if learn_boilerplate:
            thresholds = learn_boilerplate if isinstance(learn_boilerplate, Thresholds) else Thresholds()
            learning = replace(options, model=None, learn=True, num_perm=None)
            first = run_step(rows, learning, files).materialize()
            _account(first, files, summary)
            model = distributed_boilerplate.learn(first, thresholds, parts)
            summary.use(model)
            cleaned = where(first, present("line")).select_columns(["order", "line"])
            final = run_step(cleaned, replace(options, pipeline=None, model=model)).materialize()
            _account(final, files, summary, count=False)
        else:
            if boilerplate is not None:
                summary.use(boilerplate)
            final = run_step(rows, options, files).materialize()
            _account(final, files, summary)
        kept = where(final, present("line"))
        records = kept.select_columns(["order", "line"])
        if index is not None and near_duplicates is not None:
            copies, _ = duplicates(kept, index, parts)
            copies = copies.materialize()
            summary.duplicates = copies.count()
            records = with_duplicates(records, copies, near_duplicates, parts)
        # Absolute: shards may be written by workers, which Ray starts in a folder of its own.
        shards, written = write_shards(records, os.path.abspath(output_dir), output_format, records_per_shard)
        summary.documents_out = written
    return shards


def _account(results: Any, files: list[str], summary: CorpusSummary, count: bool = True) -> None:
    """What the local engine's ``_counted`` and ``_finish`` count, from one stage's rows."""
    totals = results.map_batches(_batch_totals, batch_format="pyarrow").take_all()
    if count:
        summary.documents_in += sum(row["rows"] for row in totals)
        summary.held_back += sum(row["held_back"] for row in totals)
    summary.failed += sum(row["failed"] for row in totals)
    summary.boilerplate_removed += sum(row["removed"] for row in totals)
    summary.documents_with_boilerplate += sum(row["with_removed"] for row in totals)
    if any(row["failed"] for row in totals):
        failures = where(results, present("error")).select_columns(["order", "error"])
        for row in failures.sort("order").limit(MAX_ERRORS_KEPT - len(summary.errors)).take_all():
            file, position = int(row["order"]) >> FILE_SHIFT, int(row["order"]) & ((1 << FILE_SHIFT) - 1)
            summary.errors.append(f"{files[file]} record {position + 1}: {row['error']}")


def _batch_totals(batch: Any) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    removed = batch.column("removed")
    return pa.table(
        {
            "rows": [batch.num_rows],
            "failed": [batch.num_rows - batch.column("error").null_count],
            "removed": [pc.sum(removed).as_py() or 0],
            "with_removed": [pc.sum(pc.greater(removed, 0).cast(pa.int64())).as_py() or 0],
            "held_back": [pc.sum(batch.column("held_back").cast(pa.int64())).as_py() or 0],
        }
    )


def _cluster_cpus() -> int:
    import ray

    if not ray.is_initialized():
        ray.init()
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


@contextlib.contextmanager
def _task_errors_unwrapped() -> Iterator[None]:
    """An input error raised in a task (an unreadable file) reaches the caller as itself, not wrapped by Ray."""
    try:
        yield
    except Exception as exc:
        cause: BaseException | None = exc
        # Ray re-raises a task's error as a class deriving from both RayTaskError and the
        # error's own class, with the task's traceback as its message; the original is in .cause
        while cause is not None and not (
            isinstance(cause, NewscleanError) and type(cause).__module__.startswith("newsclean")
        ):
            cause = getattr(cause, "cause", None) or cause.__cause__
        if cause is None:
            raise
        raise cause.with_traceback(None) from None


@contextlib.contextmanager
def data_context(progress: bool) -> Iterator[None]:
    """Ray Data settings for this run, restored afterwards.

    The task-based sort shuffle: on a small cluster the hash shuffle's long-lived
    aggregator actors cost seconds per group-by to start, and this engine has several.
    """
    import ray.data
    from ray.data.context import ShuffleStrategy

    context = ray.data.DataContext.get_current()
    saved = (context.shuffle_strategy, context.enable_progress_bars, context.print_on_execution_start)
    context.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    context.enable_progress_bars = progress
    context.print_on_execution_start = progress
    try:
        yield
    finally:
        context.shuffle_strategy, context.enable_progress_bars, context.print_on_execution_start = saved
