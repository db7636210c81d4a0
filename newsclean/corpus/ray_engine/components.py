"""Connected components of a large graph by alternating large-star and small-star rounds.

Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected Components in
MapReduce and Beyond" (SoCC 2014): each round is one group-by over the edge list, no
join, and O(log² n) rounds suffice (a handful in practice). Edges are ``(hi, lo)``
pairs of node numbers with ``hi > lo``.

* large-star, per node ``u`` with neighbours ``N``: every neighbour above ``u`` is
  re-linked to ``m = min(N ∪ {u})``;
* small-star, per node ``u`` with its neighbours below it, ``S``: ``u`` and all of
  ``S`` are re-linked to ``m = min(S)``.

The graph has converged when it is a forest of stars around each component's smallest
node: no node has both a smaller and a larger neighbour, and none has two smaller ones.
The large-star group-by checks exactly that for every node as it goes, so convergence
is decided without a hash or a second pass, and ``hi -> lo`` is then each node's component.

Each round shrinks the edge list towards one edge per node; once it is short enough
for one machine (``COLLECT_LIMIT``), the driver finishes it with union-find, which
gives the same labels.
"""

from __future__ import annotations

from typing import Any

from newsclean.corpus.ray_engine.tables import where

MAX_ROUNDS = 64  # O(log² n): 64 rounds would be far beyond any real graph; a guard, not a tuning knob
#: Once the edge list is this short (16 bytes an edge on the driver), the driver finishes with union-find:
#: each star round costs two shuffles, which only pay off on graphs that do not fit one machine.
COLLECT_LIMIT = 2_000_000


def components(edges: Any, num_partitions: int) -> tuple[Any, int]:
    """``(hi, lo)`` edges -> a dataset of ``(node, root)`` for every node on an edge, and the star rounds taken.

    ``root`` is the smallest node of the node's component (roots map to themselves).
    """
    current = edges.select_columns(["hi", "lo"]).materialize()
    for rounds in range(MAX_ROUNDS + 1):
        if current.count() <= COLLECT_LIMIT:
            return _finish_on_the_driver(current), rounds
        starred = (
            current.map_batches(_both_directions, batch_format="pyarrow", zero_copy_batch=True)
            .groupby("u", num_partitions=num_partitions)
            .map_groups(_large_star, batch_format="numpy")
            .materialize()
        )
        unsettled = where(starred, _unsettled).count()
        current = where(starred, _not_a_loop).select_columns(["hi", "lo"]).materialize()
        if not unsettled:
            return current.map_batches(_labels, batch_format="numpy"), rounds + 1
        current = (
            current.groupby("hi", num_partitions=num_partitions)
            .map_groups(_small_star, batch_format="numpy")
            .materialize()
        )
    raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")


def _finish_on_the_driver(edges: Any) -> Any:
    """The same ``(node, root)`` labels by union-find over the collected edges (smallest node as root)."""
    import numpy as np
    import pyarrow as pa
    import ray.data

    parent: dict[int, int] = {}

    def root(node: int) -> int:
        top = node
        while parent.get(top, top) != top:
            top = parent[top]
        while node != top:  # path compression
            parent[node], node = top, parent[node]
        return top

    for batch in edges.iter_batches(batch_format="numpy", batch_size=65536):
        for hi, lo in zip(batch["hi"].tolist(), batch["lo"].tolist()):
            a, b = root(hi), root(lo)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the smaller root wins: roots are components' smallest nodes
            parent.setdefault(lo, lo)
    nodes = np.fromiter(parent, dtype=np.int64, count=len(parent))
    roots = np.fromiter((root(int(n)) for n in nodes), dtype=np.int64, count=len(nodes))
    return ray.data.from_arrow(pa.table({"node": nodes, "root": roots}))


def _unsettled(batch: Any) -> Any:
    return batch.column("unsettled")


def _not_a_loop(batch: Any) -> Any:
    import pyarrow.compute as pc

    return pc.not_equal(batch.column("hi"), batch.column("lo"))


def _both_directions(batch: Any) -> Any:
    import pyarrow as pa

    hi, lo = batch.column("hi"), batch.column("lo")
    return pa.concat_tables([pa.table({"u": hi, "v": lo}), pa.table({"u": lo, "v": hi})])


def _large_star(group: dict) -> dict:
    """Re-link the neighbours above ``u`` to the smallest of ``u`` and its neighbours.

    Also emits the self-loop ``(u, u)`` carrying ``unsettled``: whether ``u`` breaks the
    star-forest shape (a smaller and a larger neighbour, or two smaller ones).
    """
    import numpy as np

    u = int(group["u"][0])
    neighbours = np.unique(group["v"])
    smaller = neighbours[neighbours < u]
    larger = neighbours[neighbours > u]
    m = min(u, int(neighbours[0]))
    unsettled = bool((len(smaller) and len(larger)) or len(smaller) > 1)
    hi = np.concatenate([[u], larger]).astype(np.int64)
    lo = np.concatenate([[u], np.full(len(larger), m)]).astype(np.int64)
    flags = np.zeros(len(hi), dtype=bool)
    flags[0] = unsettled
    return {"hi": hi, "lo": lo, "unsettled": flags}


def _small_star(group: dict) -> dict:
    """Re-link ``u`` and its smaller neighbours to the smallest of them."""
    import numpy as np

    u = int(group["hi"][0])
    smaller = np.unique(group["lo"])
    m = int(smaller[0])
    members = np.concatenate([smaller[1:], [u]]).astype(np.int64)
    return {"hi": members, "lo": np.full(len(members), m, dtype=np.int64)}


def _labels(batch: dict) -> dict:
    """Each star edge names a node's root; the root names itself (duplicates are harmless)."""
    import numpy as np

    return {"node": np.concatenate([batch["hi"], batch["lo"]]), "root": np.concatenate([batch["lo"], batch["lo"]])}
