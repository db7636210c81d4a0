"""Corpus mode on Ray Data: the local engine's cleaning, boilerplate learning and near-duplicates on a cluster.

>>> from newsclean.corpus.ray_engine import clean_corpus_on_ray   # doctest: +SKIP
>>> shards = clean_corpus_on_ray(["crawl/"], "clean/", near_duplicates="mark", learn_boilerplate=True)  # doctest: +SKIP

Stages (docs/distributed.md):

* :mod:`.inputs`: JSONL / Parquet files as ``(order, line)`` rows, numbered in input order;
* :mod:`.documents`: the local engine's per-document step in ``map_batches``;
* :mod:`.boilerplate`: passages counted per site with group-bys, into a ``BoilerplateModel``;
* :mod:`.near_duplicates` and :mod:`.components`: LSH bands, a group-by, candidate pairs,
  connected components, and the local engine's representatives replayed per component;
* :mod:`.outputs`: copies marked or dropped, records written as shards.

Ray is an optional dependency (``pip install 'newsclean[ray]'``): importing this
package does not import it; running does.
"""

from __future__ import annotations

from newsclean.corpus.ray_engine.engine import clean_corpus_on_ray

INSTALL_HINT = "the ray engine needs Ray Data: pip install 'newsclean[ray]'"


def ray_available() -> bool:
    """Whether Ray Data and pyarrow import (which takes a second or two: call it only to run)."""
    try:
        import pyarrow  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError:
        return False
    return True


__all__ = ["INSTALL_HINT", "clean_corpus_on_ray", "ray_available"]
