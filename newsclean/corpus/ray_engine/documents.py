"""Stage 1: the local engine's per-document step, run over Ray Data batches.

Each batch of ``(order, line)`` rows goes through the very per-record step the local
engine runs in its worker processes (:func:`~newsclean.corpus.step.process_record`:
parse, pipeline, learned boilerplate, passage keys, MinHash signature), so a record is
cleaned identically on either engine. The cleaned record travels on as the JSON line the
step encoded, exactly what the local engine spools between its passes and writes out:
no Arrow schema has to fit every record's metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from newsclean.corpus.ray_engine.inputs import FILE_SHIFT
from newsclean.corpus.step import Sourced, StepOptions, process_record
from newsclean.corpus.stream import Line


def schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("order", pa.int64()),
            ("line", pa.large_string()),  # the cleaned record as a JSON line; null when it failed
            ("id", pa.large_string()),
            ("site", pa.large_string()),
            ("passages", pa.list_(pa.uint64())),
            ("signature", pa.binary()),
            ("removed", pa.int64()),
            ("error", pa.large_string()),
            ("held_back", pa.bool_()),
        ]
    )


def run_step(rows: Any, options: StepOptions, files: Sequence[str] | None = None) -> Any:
    """The per-record step with ``options`` over a dataset of ``(order, line)`` rows; one row out per row in.

    ``files``: the input files, when the rows are input lines: each line then goes to the
    step with the file it came from (its ``source`` when nothing names a site), as the
    local command line hands them over.
    """
    return rows.map_batches(
        partial(_step_batch, options=options, files=files), batch_format="pyarrow", zero_copy_batch=True
    )


def _step_batch(batch: Any, options: StepOptions, files: Sequence[str] | None) -> Any:
    import pyarrow as pa

    columns: dict[str, list] = {name: [] for name in schema().names}
    orders, lines = batch.column("order").to_pylist(), batch.column("line").to_pylist()
    if files is not None:  # input lines, as the local reader gives them: with their place (and error)
        places = zip(batch.column("where").to_pylist(), batch.column("error").to_pylist())
        lines = [
            Sourced(Line.at(line, where or "", error), files[order >> FILE_SHIFT])
            for order, line, (where, error) in zip(orders, lines, places)
        ]
    signer = options.signer()
    for order, line in zip(orders, lines):
        result = process_record(line, options, signer)
        columns["order"].append(order)
        columns["line"].append(result.line.decode("utf-8") if result.line is not None else None)
        columns["id"].append(result.doc_id)
        columns["site"].append(result.site)
        columns["passages"].append(sorted(result.passages) if result.passages is not None else None)
        columns["signature"].append(result.signature)
        columns["removed"].append(result.removed)
        columns["error"].append(result.error)
        columns["held_back"].append(result.held_back)
    return pa.table(columns, schema=schema())
