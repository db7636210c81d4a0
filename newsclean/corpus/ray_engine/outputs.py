"""Mark or drop the near-duplicates, and write the records as shards in the output folder.

Marking changes a copy's record exactly as the local engine does (``duplicate_of`` and
``duplicate_similarity`` added to its metadata) and re-encodes it the same way, so each
output line is byte-identical to the local engine's; only which shard holds it, and the
order across shards, differ. Each shard keeps input order inside it.
"""

from __future__ import annotations

import json
import os
from functools import partial
from typing import Any

from newsclean.corpus.step import mark_duplicate
from newsclean.corpus.stream import open_text

OUTPUT_FORMATS = ("jsonl.gz", "parquet")
JSON_COLUMNS_KEY = "newsclean.json_columns"
RECORDS_PER_SHARD = 100_000
#: Up to this many copies, their table is sent to every task instead of joining by a shuffle.
BROADCAST_LIMIT = 1_000_000


def with_duplicates(records: Any, copies: Any, mode: str, num_partitions: int) -> Any:
    """``records`` (``order``, ``line``) with each copy marked or dropped."""
    import ray

    found = copies.count()
    if not found:
        return records
    if found <= BROADCAST_LIMIT:
        table = {row["order"]: (row["duplicate_of"], row["similarity"]) for row in copies.take_all()}
        return records.map_batches(partial(_apply_table, table=ray.put(table), mode=mode), batch_format="pyarrow")
    return _join(records, copies, mode, num_partitions)


def _mark(line: str, duplicate_of: str, similarity: float) -> str:
    return mark_duplicate(line, duplicate_of, similarity).decode("utf-8")  # as the local engine marks it


def _apply_table(batch: Any, table: Any, mode: str) -> Any:
    import pyarrow as pa
    import ray

    copies = ray.get(table) if isinstance(table, ray.ObjectRef) else table
    orders, lines = [], []
    for order, line in zip(batch.column("order").to_pylist(), batch.column("line").to_pylist()):
        copy = copies.get(order)
        if copy is not None:
            if mode == "drop":
                continue
            line = _mark(line, *copy)
        orders.append(order)
        lines.append(line)
    return pa.table({"order": pa.array(orders, pa.int64()), "line": pa.array(lines, pa.large_string())})


def _join(records: Any, copies: Any, mode: str, num_partitions: int) -> Any:
    """The same as :func:`_apply_table`, for more copies than fit one table: a group-by on ``order``."""
    import pyarrow as pa

    schema = pa.schema(
        [
            ("order", pa.int64()),
            ("line", pa.large_string()),
            ("duplicate_of", pa.large_string()),
            ("similarity", pa.float64()),
        ]
    )

    def record_rows(batch: Any) -> Any:
        n = batch.num_rows
        return pa.table(
            {
                "order": batch.column("order"),
                "line": batch.column("line"),
                "duplicate_of": pa.nulls(n, pa.large_string()),
                "similarity": pa.nulls(n, pa.float64()),
            },
            schema=schema,
        )

    def copy_rows(batch: Any) -> Any:
        return pa.table(
            {
                "order": batch.column("order"),
                "line": pa.nulls(batch.num_rows, pa.large_string()),
                "duplicate_of": batch.column("duplicate_of"),
                "similarity": batch.column("similarity"),
            },
            schema=schema,
        )

    rows = records.map_batches(record_rows, batch_format="pyarrow").union(
        copies.map_batches(copy_rows, batch_format="pyarrow")
    )
    return rows.groupby("order", num_partitions=num_partitions).map_groups(
        partial(_merge, mode=mode), batch_format="pyarrow"
    )


def _merge(group: Any, mode: str) -> Any:
    import pyarrow as pa

    line = copy = None
    for row in group.to_pylist():
        if row["line"] is not None:
            line, order = row["line"], row["order"]
        else:
            copy = (row["duplicate_of"], row["similarity"])
    out: dict[str, list] = {"order": [], "line": []}
    if line is not None and not (copy is not None and mode == "drop"):
        out["order"].append(order)
        out["line"].append(_mark(line, *copy) if copy is not None else line)
    return pa.table({"order": pa.array(out["order"], pa.int64()), "line": pa.array(out["line"], pa.large_string())})


def write_shards(
    records: Any, output_dir: str, output_format: str, records_per_shard: int = RECORDS_PER_SHARD
) -> tuple[list[str], int]:
    """Write shards of at most ``records_per_shard`` records, each named by its first record's order number.

    Returns the shard paths (sorted) and the number of records written.
    """
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output format must be one of {', '.join(OUTPUT_FORMATS)}, got {output_format!r}")
    os.makedirs(output_dir, exist_ok=True)
    blocks = records.repartition(target_num_rows_per_block=records_per_shard, strict=True)  # strict: joins small blocks
    written = blocks.map_batches(
        partial(_write_shard, output_dir=output_dir, output_format=output_format),
        batch_size=None,
        batch_format="pyarrow",
    )
    shards = written.take_all()
    return sorted(row["path"] for row in shards), sum(row["records"] for row in shards)


def _write_shard(batch: Any, output_dir: str, output_format: str) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if not batch.num_rows:
        return pa.table({"path": pa.array([], pa.string()), "records": pa.array([], pa.int64())})
    batch = batch.take(pc.sort_indices(batch.column("order")))
    lines = batch.column("line").to_pylist()
    name = f"part-{batch.column('order')[0].as_py():019d}.{output_format}"
    path, temporary = os.path.join(output_dir, name), os.path.join(output_dir, f".{name}")  # same suffix: gzip
    if output_format == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(parquet_table([json.loads(line) for line in lines]), temporary)
    else:
        with open_text(temporary, "w") as out:
            out.writelines(lines)
    os.replace(temporary, path)  # a crashed task leaves no half shard under a shard's name
    return pa.table({"path": [path], "records": [len(lines)]})


def parquet_table(records: list[dict]) -> Any:
    """Records as an Arrow table, one column per field.

    A field whose values are all text (or missing) is a text column; any other field
    (``metadata``, ``changes``, ``positions``, numbers) holds JSON text, and its name is
    listed in the schema metadata under ``newsclean.json_columns``. Records of one corpus
    need not agree on their metadata's keys or value types, as Arrow's struct columns
    would require; JSON text keeps every value as the JSONL output has it, and the ray
    engine reads such a file back to the same records.
    """
    import pyarrow as pa

    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    columns, encoded = {}, []
    for name in names:
        values = [record.get(name) for record in records]
        if any(v is not None and not isinstance(v, str) for v in values):
            encoded.append(name)
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        columns[name] = pa.array(values, pa.large_string())
    table = pa.table(columns)
    return table.replace_schema_metadata({JSON_COLUMNS_KEY: json.dumps(encoded)})
