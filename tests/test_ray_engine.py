"""The ray engine gives the local engine's records: same set, same text, title and changes.

A local Ray (2 CPUs, no dashboard) is started for this module and shut down after it.
The planted corpus is the benchmark's generator (bench/corpus_gen.py) over the
scrapinghub gold paragraphs, or over generated paragraphs where that data is absent.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from newsclean.cli.corpus_command import main

corpus_gen = pytest.importorskip("bench.corpus_gen")

try:
    import pyarrow
    import ray
    import ray.data
except ImportError:  # only the test that needs no Ray runs
    ray = None

needs_ray = pytest.mark.skipif(ray is None, reason="Ray Data is not installed: pip install 'newsclean[ray]'")

DOCUMENTS = 2000


@pytest.fixture(scope="module")
def local_ray():
    # address="local": a Ray of its own, even where a cluster started with `ray start` is running
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def paragraphs() -> list[str]:
    benchdata = SHARED / "benchdata"
    if (benchdata / "scrapinghub" / "ground-truth.json").exists():
        return corpus_gen.source_paragraphs(trafeval=False, benchdata=benchdata)
    rng = random.Random(5)
    words = (
        "the council said river budget school harbour bridge market station winter farmers court hospital "
        "election museum factory railway festival library drought teachers would after their which people "
        "year government police minister report water city company"
    ).split()
    return [" ".join(rng.choice(words) for _ in range(rng.randint(14, 60))).capitalize() + "." for _ in range(700)]


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, list[Path]]:
    """A folder of two files (gzip, then plain) holding the planted corpus, a line that is not
    JSON and one that is not UTF-8."""
    folder = tmp_path_factory.mktemp("planted")
    lines = [
        json.dumps(record, ensure_ascii=False) + "\n"
        for record, _ in corpus_gen.generate(DOCUMENTS, seed=99, n_sites=25, paragraphs=paragraphs())
    ]
    lines.insert(700, "{not json\n")
    first, second = folder / "a.jsonl.gz", folder / "b.jsonl"
    with gzip.open(first, "wt", encoding="utf-8") as out:
        out.writelines(lines[:1200])
    not_utf8 = b'{"id": "latin-1", "text": "Caf\xe9 au lait"}\n'  # reported and skipped, the run goes on
    second.write_bytes("".join(lines[1200:1500]).encode("utf-8") + not_utf8 + "".join(lines[1500:]).encode("utf-8"))
    return folder, [first, second]


def changes(record: dict) -> list[dict]:
    """The audit trail, wherever the record schema keeps it (top level or in metadata)."""
    return record.get("changes") or record["metadata"].get("changes", [])


def shard_lines(folder: Path) -> list[list[str]]:
    return [gzip.open(shard, "rt", encoding="utf-8").readlines() for shard in sorted(folder.glob("part-*.jsonl.gz"))]


@needs_ray
def test_same_records_as_the_local_engine(local_ray, planted, tmp_path, capsys):
    folder, files = planted
    options = ["--near-duplicates", "mark", "--learn-boilerplate"]
    local = tmp_path / "local.jsonl"
    local_code = main(
        [*map(str, files), "-o", str(local), *options, "--save-boilerplate", str(tmp_path / "local.json")]
    )
    local_err = capsys.readouterr().err
    assert local_code != 0  # the broken lines
    assert (
        main(
            [
                str(folder),
                "-o",
                str(tmp_path / "shards"),
                "--engine",
                "ray",
                *options,
                "--records-per-shard",
                "500",
                "--save-boilerplate",
                str(tmp_path / "ray.json"),
            ]
        )
        == local_code
    )
    ray_err = capsys.readouterr().err

    expected = local.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = shard_lines(tmp_path / "shards")
    assert len(shards) >= 4 and all(len(shard) <= 500 for shard in shards)
    assert sorted(line for shard in shards for line in shard) == sorted(expected)  # byte-identical records
    position = {json.loads(line)["id"]: n for n, line in enumerate(expected)}
    for shard in shards:  # input order inside each shard
        places = [position[json.loads(line)["id"]] for line in shard]
        assert places == sorted(places)
    assert (tmp_path / "ray.json").read_text() == (tmp_path / "local.json").read_text()

    # the run exercised every stage, and both engines counted alike
    summary = [line for line in local_err.splitlines() if ":" in line and "skipped" not in line]
    for line in summary:
        assert line in ray_err
    assert f"documents in: {DOCUMENTS + 2}" in ray_err and "records that failed: 2" in ray_err
    marked = [json.loads(line) for line in expected if "duplicate_of" in line]
    assert len(marked) > 100 and any(r["metadata"]["duplicate_similarity"] < 1 for r in marked)
    assert any(c["cleaner"] == "site_boilerplate" for line in expected for c in changes(json.loads(line)))


@needs_ray
def test_drop_with_a_saved_model_parquet_both_ways_and_the_shuffle_join(
    local_ray, planted, tmp_path, monkeypatch, capsys
):
    import pyarrow.parquet as pq

    from newsclean.corpus import BoilerplateModel, CorpusSummary, RecordShape, Thresholds, clean_corpus
    from newsclean.corpus.ray_engine import clean_corpus_on_ray, outputs
    from newsclean.corpus.ray_engine.inputs import parquet_row_to_record
    from newsclean.corpus.stream import read_records

    _, files = planted
    first_600 = itertools.islice(read_records([str(files[0])]), 600)  # the broken lines come later
    records = [{"body" if k == "text" else k: v for k, v in r.items()} for r in first_600]
    shape = RecordShape(text_field="body")  # --text-field body
    learned = CorpusSummary()
    list(clean_corpus(records, learn_boilerplate=Thresholds(min_docs=3), summary=learned, shape=shape))
    model = BoilerplateModel.from_dict(learned.model.to_dict())
    expected = list(clean_corpus(records, near_duplicates="drop", boilerplate=model, shape=shape))

    source = tmp_path / "in.parquet"
    pq.write_table(pyarrow.Table.from_pylist(records), source)
    monkeypatch.setattr(outputs, "BROADCAST_LIMIT", 0)  # copies joined by a group-by, as for a huge corpus
    summary = CorpusSummary()
    shards = clean_corpus_on_ray(
        [str(source)],
        str(tmp_path / "out"),
        near_duplicates="drop",
        boilerplate=model,
        output_format="parquet",
        shape=shape,
        summary=summary,
    )
    got = [
        parquet_row_to_record(row, frozenset(json.loads(pq.read_schema(shard).metadata[b"newsclean.json_columns"])))
        for shard in shards
        for row in pq.read_table(shard).to_pylist()
    ]
    key = lambda record: record["id"]
    assert sorted(got, key=key) == sorted(expected, key=key)
    assert summary.duplicates == len(records) - len(expected) > 10
    assert summary.documents_out == len(expected)


@needs_ray
@pytest.mark.parametrize("collect_limit", [0, 10**6], ids=["star-rounds", "union-find"])
def test_components_of_long_chains(local_ray, monkeypatch, collect_limit):
    """Chains in shuffled node order need several star rounds; each node gets its chain's smallest node."""
    from newsclean.corpus.ray_engine import components as module
    from newsclean.corpus.ray_engine.engine import data_context

    monkeypatch.setattr(module, "COLLECT_LIMIT", collect_limit)
    rng = random.Random(3)
    nodes = list(range(60))
    rng.shuffle(nodes)
    chains = [nodes[:30], nodes[30:52], nodes[52:]]
    edges = [{"hi": max(a, b), "lo": min(a, b)} for chain in chains for a, b in zip(chain, chain[1:])]
    with data_context(progress=False):
        labels, rounds = module.components(ray.data.from_items(edges, override_num_blocks=2), num_partitions=2)
        roots = {row["node"]: row["root"] for row in labels.take_all()}
    assert roots == {node: min(chain) for chain in chains for node in chain}
    assert rounds > 2 if not collect_limit else rounds == 0


def test_without_ray_the_engine_says_how_to_install_it_and_exits_2(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "1", "text": "One short story."}\n', encoding="utf-8")
    hide_ray = (
        "import sys; sys.modules['ray'] = None; from newsclean.cli.corpus_command import main; "
        f"sys.exit(main([{str(source)!r}, '-o', {str(tmp_path / 'out')!r}, '--engine', 'ray']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide_ray],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 2
    assert "pip install 'newsclean[ray]'" in done.stderr
    assert not (tmp_path / "out").exists()


@needs_ray
def test_replay_matches_only_representatives_as_the_local_index_does():
    """A ≈ B ≈ C but A ≉ C: C is not a copy of B, because B is a copy itself (the local rule)."""
    import numpy as np

    from newsclean.corpus.near_duplicates import NearDuplicateIndex, estimated_similarity
    from newsclean.corpus.ray_engine.near_duplicates import _bucket_edges, _replay, bucket_of

    rng = np.random.default_rng(4)
    a = rng.integers(0, 2**32, 64, dtype=np.uint32)
    b, c = a.copy(), a.copy()
    b[:20] = rng.integers(0, 2**32, 20, dtype=np.uint32)  # B agrees with A on 44 of 64 values
    c[:20], c[40:60] = b[:20], rng.integers(0, 2**32, 20, dtype=np.uint32)  # C with B on 44, with A on 24
    signatures = [v.tobytes() for v in (a, b, c)]
    assert (
        estimated_similarity(signatures[0], signatures[2]) < 0.6 <= estimated_similarity(signatures[1], signatures[2])
    )

    local = NearDuplicateIndex(0.6)
    decisions = [local.match_or_add(doc_id, s) for doc_id, s in zip("ABC", signatures)]
    expected = {n: (m.representative, m.similarity) for n, m in enumerate(decisions) if m is not None}
    assert expected == {1: ("A", 0.6875)}

    rows = [
        (band, key, order, doc_id, s)
        for order, (doc_id, s) in enumerate(zip("ABC", signatures))
        for band, key in enumerate(local.band_keys(s))
    ]
    buckets: dict[int, list] = {}
    for row in rows:
        buckets.setdefault(bucket_of(row[0], row[1]), []).append(row)
    edges = [
        _bucket_edges(
            pyarrow.table(
                {
                    "band": [r[0] for r in group],
                    "key": [r[1] for r in group],
                    "order": [r[2] for r in group],
                    "id": [r[3] for r in group],
                    "signature": [r[4] for r in group],
                }
            ),
            64,
            0.6,
        )
        for group in buckets.values()
    ]
    component = pyarrow.concat_tables(edges)
    assert {(row["lo"], row["hi"]) for row in component.to_pylist()} == {(0, 1), (1, 2)}
    copies = _replay(component).to_pylist()
    assert {row["order"]: (row["duplicate_of"], row["similarity"]) for row in copies} == expected
