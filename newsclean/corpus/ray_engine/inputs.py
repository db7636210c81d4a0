"""Input files as a Ray dataset of ``(order, line)`` rows: one JSON record per row, numbered in input order.

The order number is what makes the distributed run agree with the local engine: the
local engine sees records in the order of the files given (a folder's files sorted by
name) and of the lines or rows inside each file, and calls the first of a family of
near-duplicates its representative. Each file is read whole by one task, so the number
is ``file index * 2**40 + position in the file``, known without a global count.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

from newsclean.corpus.stream import Line, read_lines
from newsclean.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
FILE_SHIFT = 40  # up to 2**40 records per file, 2**23 files
BATCH_ROWS = 1000  # rows per batch a reading task yields: bounds its memory
#: CPUs a reading task asks for. Not 1: Ray would then fuse reading with the cleaning step
#: into one task per file, and a single big file would be cleaned on a single CPU. Apart,
#: the reader streams blocks of BLOCK_ROWS records to cleaning tasks on every CPU.
READ_CPUS = 0.5
BLOCK_ROWS = 200  # a cleaning task's work: about a second or two, so all CPUs stay busy to the end
#: Schema metadata of newsclean's Parquet output: the columns that hold JSON text.
JSON_COLUMNS_KEY = b"newsclean.json_columns"


def input_files(inputs: Sequence[str]) -> list[str]:
    """The files to read, in order: each input as given, a folder's JSONL and Parquet files sorted by path."""
    files: list[str] = []
    for path in inputs:
        if path == "-":
            raise InputError("the ray engine reads files, not stdin; give the files or a folder", path)
        if os.path.isdir(path):
            found = sorted(
                os.path.join(root, name)
                for root, _, names in os.walk(path)
                for name in names
                if name.endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES)
            )
            if not found:
                raise InputError("no .jsonl, .jsonl.gz or .parquet files in this folder", path)
            files.extend(found)
        elif os.path.isfile(path):
            files.append(path)
        else:
            raise InputError("no such file or folder", path)
    if len(files) >= 2 ** (63 - FILE_SHIFT):
        raise InputError(f"too many input files ({len(files)})")
    return files


def is_parquet(path: str) -> bool:
    return path.endswith(PARQUET_SUFFIXES)


def read_rows(inputs: Sequence[str], *, files_per_task: int = 1) -> Any:
    """A Ray dataset of ``{"order": int64, "line": str}`` for every record of ``inputs``.

    Reading happens in the cluster, one task per file, so the files must be at the same
    path on every node (a shared or network file system).
    """
    import ray.data

    files = input_files(inputs)
    listing = ray.data.from_items(
        [{"index": i, "path": p} for i, p in enumerate(files)], override_num_blocks=max(1, len(files) // files_per_task)
    )
    return listing.map_batches(
        partial(_read_files, cwd=os.getcwd()),
        batch_size=1,
        batch_format="pyarrow",
        zero_copy_batch=True,
        num_cpus=READ_CPUS,
    ).repartition(target_num_rows_per_block=BLOCK_ROWS)  # streaming: splits blocks, no barrier


def _read_files(batch: Any, cwd: str) -> Iterator[Any]:
    # Ray starts its workers in a folder of its own: paths given relative to the command's
    # folder are read from there (and named as given, as the local engine names them).
    if os.getcwd() != cwd:
        os.chdir(cwd)
    for index, path in zip(batch.column("index").to_pylist(), batch.column("path").to_pylist()):
        lines = _parquet_lines(path) if is_parquet(path) else _jsonl_lines(path)
        base = index << FILE_SHIFT
        chunk: list[str] = []
        position = 0
        for line in lines:
            chunk.append(line)
            if len(chunk) == BATCH_ROWS:
                yield _table(base + position, chunk)
                position += len(chunk)
                chunk = []
        if chunk:
            yield _table(base + position, chunk)


def _table(first: int, lines: list[str]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "order": pa.array(range(first, first + len(lines)), pa.int64()),
            "line": pa.array([str(line) for line in lines], pa.large_string()),
            "where": pa.array([getattr(line, "where", None) for line in lines], pa.large_string()),
            "error": pa.array([getattr(line, "error", None) for line in lines], pa.large_string()),
        }
    )


def _jsonl_lines(path: str) -> Iterator[str]:
    """The local engine's own reading: non-blank lines, each with its place, and a line that
    cannot be read (over-long, not UTF-8) as an empty one carrying its error."""
    return read_lines([path])


def _parquet_lines(path: str) -> Iterator[str]:
    """Each row as a JSON line; the JSON-text columns of newsclean's own Parquet output become values again."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        metadata = parquet.schema_arrow.metadata or {}
        encoded = frozenset(json.loads(metadata[JSON_COLUMNS_KEY])) if JSON_COLUMNS_KEY in metadata else frozenset()
        number = 0
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            for row in batch.to_pylist():
                number += 1
                record = json.dumps(parquet_row_to_record(row, encoded), ensure_ascii=False, default=str)
                yield Line.at(record, f"{path}:row {number}")
    except OSError as exc:
        raise InputError(f"cannot read Parquet: {exc}", path) from None


def parquet_row_to_record(row: dict, encoded: frozenset[str] = frozenset()) -> dict:
    """A Parquet row as a record: null columns left out (other rows' fields), ``encoded`` columns decoded."""
    return {key: json.loads(value) if key in encoded else value for key, value in row.items() if value is not None}
