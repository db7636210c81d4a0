"""Row filters as Arrow batch operations.

``Dataset.filter`` with a Python function turns each block into rows and back, which
loses column types (a list of uint64 comes back as pickled objects); these keep them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any


def where(dataset: Any, mask: Callable[[Any], Any]) -> Any:
    """The rows for which ``mask(batch)`` (a boolean Arrow array) is true."""
    return dataset.map_batches(partial(_filtered, mask=mask), batch_format="pyarrow", zero_copy_batch=True)


def _filtered(batch: Any, mask: Callable[[Any], Any]) -> Any:
    import pyarrow.compute as pc

    return batch.filter(pc.fill_null(mask(batch), False))


def present(column: str) -> Callable[[Any], Any]:
    """Mask: ``column`` is not null (and, for text, not empty)."""
    return partial(_present, column=column)


def _present(batch: Any, column: str) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    values = batch.column(column)
    valid = pc.is_valid(values)
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        valid = pc.and_(valid, pc.greater(pc.utf8_length(values), 0))
    return valid


def both(first: Callable[[Any], Any], second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return partial(_both, first=first, second=second)


def _both(batch: Any, first: Callable, second: Callable) -> Any:
    import pyarrow.compute as pc

    return pc.and_(first(batch), second(batch))
