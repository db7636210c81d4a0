"""Stage 3: near-duplicates as a distributed job, with the local engine's answer.

The local engine feeds an LSH index in input order: a document is a copy of the
earliest *representative* (a document that matched nothing earlier) that shares an LSH
band with it and whose signature agrees at the threshold or above. Here:

1. **band keys**: each signature is cut into the local index's bands; a row per band;
2. **group-by** on the band key; in each bucket, pairs that truly share the band (the
   key is a hash: the band's values are compared too) and agree at the threshold
   become *edges*, with their similarity;
3. **connected components** of the edges (:mod:`.components`);
4. **per component**, in input order: a document with an edge to an earlier
   representative is a copy of the earliest such one, else it is a representative.

A document's status depends only on its neighbours, which lie in its component, so
step 4 replays the local engine's decisions exactly, one component at a time.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any, Sequence

from newsclean.corpus.ray_engine.components import components
from newsclean.corpus.ray_engine.tables import present, where

Bands = Sequence[tuple[int, int]]


def duplicates(cleaned: "Any", bands: Bands, num_perm: int, threshold: float,
               num_partitions: int) -> tuple["Any", int]:
    """A dataset of ``(order, duplicate_of, similarity)`` for each near-duplicate, and the component rounds.

    ``cleaned`` holds stage-1 rows (``order``, ``id``, ``signature``).
    """
    signed = where(cleaned, present("signature")).select_columns(["order", "id", "signature"])
    keyed = signed.map_batches(partial(_band_rows, bands=bands), batch_format="pyarrow", zero_copy_batch=True)
    edges = (keyed.groupby("band", num_partitions=num_partitions)
             .map_groups(partial(_bucket_edges, bands=bands, num_perm=num_perm, threshold=threshold),
                         batch_format="pyarrow")
             .materialize())
    if edges.count() == 0:
        return edges.map_batches(_no_copies, batch_format="pyarrow"), 0
    labels, rounds = components(edges, num_partitions)
    by_component = _attach_roots(edges, labels, num_partitions)
    copies = by_component.groupby("root", num_partitions=num_partitions).map_groups(_replay, batch_format="pyarrow")
    return copies, rounds


def band_key(band: int, values: bytes) -> int:
    """A 64-bit key for one band's values (blake2b: the same in every process, unlike ``hash``).

    Signed, because Ray's sort shuffle cannot sort unsigned 64-bit keys above 2**63.
    """
    return int.from_bytes(hashlib.blake2b(bytes([band]) + values, digest_size=8).digest(), "big", signed=True)


def _band_rows(batch: "Any", bands: Bands) -> "Any":
    import pyarrow as pa

    keys, numbers, orders, ids, signatures = [], [], [], [], []
    for order, doc_id, signature in zip(batch.column("order").to_pylist(), batch.column("id").to_pylist(),
                                        batch.column("signature").to_pylist()):
        for number, (start, end) in enumerate(bands):
            keys.append(band_key(number, signature[start * 4 : end * 4]))  # 4 bytes per uint32 value
            numbers.append(number)
            orders.append(order)
            ids.append(doc_id)
            signatures.append(signature)
    return pa.table({"band": pa.array(keys, pa.int64()), "number": pa.array(numbers, pa.int32()),
                     "order": pa.array(orders, pa.int64()), "id": pa.array(ids, pa.large_string()),
                     "signature": pa.array(signatures, pa.binary())})


def _edge_schema() -> "Any":
    import pyarrow as pa

    return pa.schema([("hi", pa.int64()), ("lo", pa.int64()), ("hi_id", pa.large_string()),
                      ("lo_id", pa.large_string()), ("similarity", pa.float64())])


def _bucket_edges(group: "Any", bands: Bands, num_perm: int, threshold: float) -> "Any":
    """Pairs of one bucket that share the band's values and agree at the threshold or above."""
    import numpy as np
    import pyarrow as pa

    if group.num_rows < 2:
        return _edge_schema().empty_table()
    orders = np.asarray(group.column("order").to_pylist(), dtype=np.int64)
    ids = group.column("id").to_pylist()
    numbers = np.asarray(group.column("number").to_pylist())
    values = np.frombuffer(b"".join(group.column("signature").to_pylist()), dtype=np.uint32).reshape(-1, num_perm)
    out: dict[str, list] = {"hi": [], "lo": [], "hi_id": [], "lo_id": [], "similarity": []}
    for number in np.unique(numbers):  # one band number per bucket, unless two keys collide
        start, end = bands[int(number)]
        rows = np.flatnonzero(numbers == number)
        _, same = np.unique(values[rows, start:end], axis=0, return_inverse=True)
        for members in (rows[same.ravel() == k] for k in np.unique(same)):
            if len(members) < 2:
                continue
            members = members[np.argsort(orders[members])]
            for offset, i in enumerate(members[:-1]):
                later = members[offset + 1 :]
                # the local index's comparison: the share of equal values, as a float64 mean
                similarities = np.mean(values[later] == values[i], axis=1)
                for j in later[similarities >= threshold]:
                    out["hi"].append(int(orders[j]))
                    out["lo"].append(int(orders[i]))
                    out["hi_id"].append(ids[j])
                    out["lo_id"].append(ids[i])
                out["similarity"].extend(float(x) for x in similarities[similarities >= threshold])
    return pa.table(out, schema=_edge_schema())


def _attach_roots(edges: "Any", labels: "Any", num_partitions: int) -> "Any":
    """Each edge with its component's root: a join of edges and labels on the edge's lower node, by group-by."""
    import pyarrow as pa

    schema = pa.schema([("node", pa.int64()), ("root", pa.int64()), *[(f.name, f.type) for f in _edge_schema()]])

    def as_edge_rows(batch: "Any") -> "Any":
        columns = {name: batch.column(name) for name in _edge_schema().names}
        return pa.table({"node": batch.column("lo"), "root": pa.nulls(batch.num_rows, pa.int64()), **columns},
                        schema=schema)

    def as_label_rows(batch: "Any") -> "Any":
        n = batch.num_rows
        empty = {f.name: pa.nulls(n, f.type) for f in _edge_schema()}
        return pa.table({"node": batch.column("node"), "root": batch.column("root"), **empty}, schema=schema)

    rows = edges.map_batches(as_edge_rows, batch_format="pyarrow").union(
        labels.map_batches(as_label_rows, batch_format="pyarrow"))
    return rows.groupby("node", num_partitions=num_partitions).map_groups(_rooted_edges, batch_format="pyarrow")


def _rooted_edges(group: "Any") -> "Any":
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    roots = pc.drop_null(group.column("root"))
    edges = group.filter(pc.is_valid(group.column("hi")))
    # a pair shares several bands when it is a close copy: one edge is enough
    _, first = np.unique(np.asarray(edges.column("hi").to_pylist(), dtype=np.int64), return_index=True)
    edges = edges.take(pa.array(np.sort(first)))
    root = roots[0].as_py()
    return edges.set_column(edges.schema.get_field_index("root"), "root",
                            pa.array([root] * edges.num_rows, pa.int64())).drop_columns(["node"])


def _copy_schema() -> "Any":
    import pyarrow as pa

    return pa.schema([("order", pa.int64()), ("duplicate_of", pa.large_string()), ("similarity", pa.float64())])


def _replay(component: "Any") -> "Any":
    """The local engine's decisions for one component's documents, in input order."""
    import pyarrow as pa

    earlier: dict[int, dict[int, float]] = {}  # node -> {earlier neighbour: similarity}
    ids: dict[int, str] = {}
    for hi, lo, hi_id, lo_id, similarity in zip(*(component.column(c).to_pylist()
                                                 for c in ("hi", "lo", "hi_id", "lo_id", "similarity"))):
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


def _no_copies(batch: "Any") -> "Any":
    return _copy_schema().empty_table()
