"""Stage 2: learn site boilerplate with two group-bys instead of one process's counter.

The local :class:`~newsclean.corpus.boilerplate.BoilerplateLearner` counts, per site, its
documents and in how many of them each passage key occurs. Here each document's distinct
keys (from stage 1) become ``(site, key)`` rows; a group-by on the pair counts documents
per passage, a group-by on ``site`` counts documents per site, and only the passages
over the site's bar come back to the driver. The result is an ordinary
:class:`~newsclean.corpus.boilerplate.BoilerplateModel`, saved and loaded as in local mode.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from newsclean.corpus.boilerplate import BoilerplateModel, Thresholds
from newsclean.corpus.ray_engine.tables import both, present, where

UINT64 = (1 << 64) - 1


def learn(cleaned: Any, thresholds: Thresholds, num_partitions: int) -> BoilerplateModel:
    """The model that ``BoilerplateLearner`` would learn from the same stage-1 rows."""
    with_site = where(cleaned, both(present("site"), present("line")))
    per_site = with_site.groupby("site", num_partitions=num_partitions).count()
    documents = {row["site"]: int(row["count()"]) for row in per_site.take_all()}
    model = BoilerplateModel(thresholds=thresholds, documents=documents)
    if not documents:
        return model
    required = {site: thresholds.required(n) for site, n in documents.items()}
    pairs = with_site.select_columns(["site", "passages"]).map_batches(
        _explode, batch_format="pyarrow", zero_copy_batch=True
    )
    counts = pairs.groupby(["key", "site"], num_partitions=num_partitions).count()
    learned = counts.map_batches(partial(_over_the_bar, required=required), batch_format="pyarrow")
    for row in learned.take_all():
        model.passages[int(row["key"]) & UINT64] = (row["site"], int(row["count()"]))
    return model


def _explode(batch: Any) -> Any:
    """One ``(site, key)`` row per distinct passage of each document."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    passages = batch.column("passages")
    keys = pc.list_flatten(passages).to_numpy().view(np.int64)  # signed: Ray's sort shuffle mishandles uint64
    owners = pc.list_parent_indices(passages)
    return pa.table({"key": pa.array(keys, pa.int64()), "site": pc.take(batch.column("site"), owners)})


def _over_the_bar(batch: Any, required: dict[str, int]) -> Any:
    import pyarrow as pa

    sites = batch.column("site").to_pylist()
    counts = batch.column("count()").to_pylist()
    keep = pa.array([count >= required[site] for site, count in zip(sites, counts)], pa.bool_())
    return batch.filter(keep)
