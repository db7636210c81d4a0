"""Stage 3: near-duplicates as a distributed job, with the local engine's answer.

The local engine feeds an LSH index in input order: a document is a copy of the
earliest *representative* (a document that matched nothing earlier) that shares an LSH
band with it and whose signature agrees at the threshold or above. Here:

1. **band keys**: the local index's own keys for each signature
   (``NearDuplicateIndex.band_keys``), a row per band;
2. **group-by** on a hash of (band, key); in each group, pairs with the very same key
   in the same band (the hash may join two keys: the keys are compared) that agree at
   the threshold become *edges*, with their similarity;
3. **connected components** of the edges (:mod:`.components`);
4. **per component**, in input order: a document with an edge to an earlier
   representative is a copy of the earliest such one, else it is a representative.

A document's status depends only on its neighbours, which lie in its component, so
step 4 replays the local engine's decisions exactly, one component at a time.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from newsclean.corpus.near_duplicates import NearDuplicateIndex
from newsclean.corpus.ray_engine.components import components
from newsclean.corpus.ray_engine.tables import present, where


def duplicates(cleaned: Any, index: NearDuplicateIndex, num_partitions: int) -> tuple[Any, int]:
    """A dataset of ``(order, duplicate_of, similarity)`` for each near-duplicate, and the component rounds.

    ``cleaned`` holds stage-1 rows (``order``, ``id``, ``signature``); ``index`` is an
    empty local index, whose bands and threshold are used.
    """
    signed = where(cleaned, present("signature")).select_columns(["order", "id", "signature"])
    keyed = signed.map_batches(partial(_band_rows, index=index), batch_format="pyarrow", zero_copy_batch=True)
    edges = (
        keyed.groupby("bucket", num_partitions=num_partitions)
        .map_groups(partial(_bucket_edges, num_perm=index.num_perm, threshold=index.threshold), batch_format="pyarrow")
        .materialize()
    )
    if edges.count() == 0:
        return edges.map_batches(_no_copies, batch_format="pyarrow"), 0
    labels, rounds = components(edges, num_partitions)
    by_component = _attach_roots(edges, labels, num_partitions)
    copies = by_component.groupby("root", num_partitions=num_partitions).map_groups(_replay, batch_format="pyarrow")
    return copies, rounds


def bucket_of(band: int, key: bytes) -> int:
    """A signed 64-bit number for (band, key) to group by (blake2b: the same in every process, unlike ``hash``).

    Signed, because Ray's sort shuffle cannot sort unsigned 64-bit keys above 2**63.
    Two keys may share a number; the pairs are checked on the keys themselves.
    """
    digest = hashlib.blake2b(band.to_bytes(2, "big") + key, digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _band_rows(batch: Any, index: NearDuplicateIndex) -> Any:
    import pyarrow as pa

    buckets, bands, keys, orders, ids, signatures = [], [], [], [], [], []
    for order, doc_id, signature in zip(
        batch.column("order").to_pylist(), batch.column("id").to_pylist(), batch.column("signature").to_pylist()
    ):
        for band, key in enumerate(index.band_keys(signature)):
            buckets.append(bucket_of(band, key))
            bands.append(band)
            keys.append(key)
            orders.append(order)
            ids.append(doc_id)
            signatures.append(signature)
    return pa.table(
        {
            "bucket": pa.array(buckets, pa.int64()),
            "band": pa.array(bands, pa.int32()),
            "key": pa.array(keys, pa.binary()),
            "order": pa.array(orders, pa.int64()),
            "id": pa.array(ids, pa.large_string()),
            "signature": pa.array(signatures, pa.binary()),
        }
    )


def _edge_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("hi", pa.int64()),
            ("lo", pa.int64()),
            ("hi_id", pa.large_string()),
            ("lo_id", pa.large_string()),
            ("similarity", pa.float64()),
        ]
    )


def _bucket_edges(group: Any, num_perm: int, threshold: float) -> Any:
    """Pairs of one bucket that have the same key in the same band and agree at the threshold or above."""
    import numpy as np
    import pyarrow as pa

    if group.num_rows < 2:
        return _edge_schema().empty_table()
    orders = np.asarray(group.column("order").to_pylist(), dtype=np.int64)
    ids = group.column("id").to_pylist()
    values = np.frombuffer(b"".join(group.column("signature").to_pylist()), dtype=np.uint32).reshape(-1, num_perm)
    same_key: dict[tuple[int, bytes], list[int]] = {}
    for row, band_key in enumerate(zip(group.column("band").to_pylist(), group.column("key").to_pylist())):
        same_key.setdefault(band_key, []).append(row)
    out: dict[str, list] = {"hi": [], "lo": [], "hi_id": [], "lo_id": [], "similarity": []}
    for rows in same_key.values():
        if len(rows) < 2:
            continue
        members = np.asarray(rows)[np.argsort(orders[rows])]
        for offset, i in enumerate(members[:-1]):
            later = members[offset + 1 :]
            # the local index's comparison: the share of equal values, as a float64 mean
            similarities = np.mean(values[later] == values[i], axis=1)
            agree = similarities >= threshold
            for j, similarity in zip(later[agree], similarities[agree]):
                out["hi"].append(int(orders[j]))
                out["lo"].append(int(orders[i]))
                out["hi_id"].append(ids[j])
                out["lo_id"].append(ids[i])
                out["similarity"].append(float(similarity))
    return pa.table(out, schema=_edge_schema())


def _attach_roots(edges: Any, labels: Any, num_partitions: int) -> Any:
    """Each edge with its component's root: a join of edges and labels on the edge's lower node, by group-by."""
    import pyarrow as pa

    schema = pa.schema([("node", pa.int64()), ("root", pa.int64()), *[(f.name, f.type) for f in _edge_schema()]])

    def as_edge_rows(batch: Any) -> Any:
        columns = {name: batch.column(name) for name in _edge_schema().names}
        return pa.table(
            {"node": batch.column("lo"), "root": pa.nulls(batch.num_rows, pa.int64()), **columns}, schema=schema
        )

    def as_label_rows(batch: Any) -> Any:
        n = batch.num_rows
        empty = {f.name: pa.nulls(n, f.type) for f in _edge_schema()}
        return pa.table({"node": batch.column("node"), "root": batch.column("root"), **empty}, schema=schema)

    rows = edges.map_batches(as_edge_rows, batch_format="pyarrow").union(
        labels.map_batches(as_label_rows, batch_format="pyarrow")
    )
    return rows.groupby("node", num_partitions=num_partitions).map_groups(_rooted_edges, batch_format="pyarrow")


def _rooted_edges(group: Any) -> Any:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    roots = pc.drop_null(group.column("root"))
    edges = group.filter(pc.is_valid(group.column("hi")))
    # a pair shares several bands when it is a close copy: one edge is enough
    _, first = np.unique(np.asarray(edges.column("hi").to_pylist(), dtype=np.int64), return_index=True)
    edges = edges.take(pa.array(np.sort(first)))
    root = roots[0].as_py()
    return edges.set_column(
        edges.schema.get_field_index("root"), "root", pa.array([root] * edges.num_rows, pa.int64())
    ).drop_columns(["node"])


def _copy_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("order", pa.int64()), ("duplicate_of", pa.large_string()), ("similarity", pa.float64())])


def _replay(component: Any) -> Any:
    """The local engine's decisions for one component's documents, in input order."""
    import pyarrow as pa

    earlier: dict[int, dict[int, float]] = {}  # node -> {earlier neighbour: similarity}
    ids: dict[int, str] = {}
    for hi, lo, hi_id, lo_id, similarity in zip(
        *(component.column(c).to_pylist() for c in ("hi", "lo", "hi_id", "lo_id", "similarity"))
    ):
        earlier.setdefault(hi, {})[lo] = similarity
        earlier.setdefault(lo, {})
        ids[hi], ids[lo] = hi_id, lo_id
    representatives: set[int] = set()
    out: dict[str, list] = {"order": [], "duplicate_of": [], "similarity": []}
    for node in sorted(earlier):
        matches = [lo for lo in earlier[node] if lo in representatives]
        if not matches:
            representatives.add(node)
            continue
        first = min(matches)
        out["order"].append(node)
        out["duplicate_of"].append(ids[first])
        out["similarity"].append(round(earlier[node][first], 4))
    return pa.table(out, schema=_copy_schema())


def _no_copies(batch: Any) -> Any:
    return _copy_schema().empty_table()
