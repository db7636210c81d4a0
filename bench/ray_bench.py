"""The ray engine against the local engine on one planted corpus: same records? how much slower or faster?

Runs ``newsclean corpus --near-duplicates mark --learn-boilerplate`` twice as separate
processes on the same planted corpus (:mod:`bench.corpus_gen`, in the git-ignored
``bench/corpus/``): the local engine with ``--jobs N`` and the ray engine on a Ray it
starts on this machine (its start-up counted, as a user meets it). Reports each run's
wall time, documents per second, CPU seconds of the process tree and its peak memory,
the overhead ratio (ray wall time / local wall time), and whether the two wrote the
same set of records (byte-identical lines, order aside).

Run: ``python -m bench.ray_bench --docs 20000 --jobs 2``. The machine may be shared:
the load average is sampled at the start and end of each run.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import corpus_gen
from .corpus_bench import _children_cpu, tree_rss

HERE = Path(__file__).resolve().parent
OPTIONS = ["--near-duplicates", "mark", "--learn-boilerplate"]


def run(command: list[str], documents: int) -> dict:
    load_before = os.getloadavg()
    started, cpu_before = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
    return {
        "command": " ".join(["python"] + command[1:]),
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds, 1),
        "cpu_seconds": round(
            _children_cpu() - cpu_before, 1
        ),  # user + sys of the process tree (Ray's own processes included)
        "peak_tree_rss_mb": round(peak / 2**20),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "summary": [
            line.removeprefix("newsclean corpus: ") for line in stderr.splitlines() if line.startswith("newsclean")
        ],
    }


def record_set_digest(lines: list[str]) -> str:
    return hashlib.sha256("".join(sorted(lines)).encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2, help="the local engine's --jobs")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    directory = HERE / "corpus" / f"n{args.docs}-s{args.seed}"
    corpus = directory / "corpus.jsonl.gz"
    if not corpus.exists():
        corpus_gen.write(args.docs, directory, args.seed)
    base = [sys.executable, "-m", "newsclean.cli.corpus_command", str(corpus)]
    local_out, ray_out = directory / "out-local.jsonl", directory / "out-ray"
    shutil.rmtree(ray_out, ignore_errors=True)
    results = {"documents": args.docs, "seed": args.seed, "cpus": os.cpu_count()}
    results["local"] = run([*base, "-o", str(local_out), *OPTIONS, "--jobs", str(args.jobs)], args.docs)
    results["ray"] = run([*base, "-o", str(ray_out), *OPTIONS, "--engine", "ray"], args.docs)
    local_lines = local_out.read_text(encoding="utf-8").splitlines(keepends=True)
    ray_lines = [
        line for shard in sorted(ray_out.glob("part-*.jsonl.gz")) for line in gzip.open(shard, "rt", encoding="utf-8")
    ]
    results["shards"] = len(list(ray_out.glob("part-*.jsonl.gz")))
    results["same_records"] = record_set_digest(local_lines) == record_set_digest(ray_lines)
    results["overhead_ratio"] = round(results["ray"]["seconds"] / results["local"]["seconds"], 2)
    local_out.unlink()
    shutil.rmtree(ray_out)
    (directory / "ray_results.json").write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))
    return 0 if results["same_records"] else 1


if __name__ == "__main__":
    sys.exit(main())
