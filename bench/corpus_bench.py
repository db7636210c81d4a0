"""Corpus-mode benchmark: quality against planted truth, throughput, peak memory, speed-up.

Builds a planted corpus with :mod:`bench.corpus_gen` (into the git-ignored
``bench/corpus/``), runs ``newsclean corpus --near-duplicates mark --learn-boilerplate``
on it once per ``--jobs`` value as a separate process, and reports:

* wall time and documents per second per job count, and the speed-up over the first;
* peak memory: the largest sum of RSS over the whole process tree (parent and
  workers), sampled every 0.2 s from /proc, and the largest single process (getrusage);
* whether every job count wrote byte-identical output;
* the quality figures of :mod:`bench.corpus_quality`.

Run: ``python -m bench.corpus_bench --docs 100000 --jobs 2`` (the scale run),
``--docs 20000 --jobs 1,2`` (the speed-up), or ``--docs 2000`` for a quick look.
The machine may be shared: the load averages before and after each run, ``cpu_seconds``
and ``documents_per_cpu_second`` (the whole process tree's user + system time) help read
the wall-clock figures. ``--generate-only`` builds the corpus and stops, so a timed
session is spent measuring.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from . import corpus_gen
from .corpus_quality import evaluate_files

HERE = Path(__file__).resolve().parent


def tree_rss(root: int) -> int:
    """Sum of resident memory (bytes) of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(corpus: Path, output: Path, jobs: int) -> dict:
    command = [
        sys.executable,
        "-m",
        "newsclean.cli.corpus_command",
        str(corpus),
        "-o",
        str(output),
        "--near-duplicates",
        "mark",
        "--learn-boilerplate",
        "--jobs",
        str(jobs),
    ]
    load_before = os.getloadavg()
    started, cpu_before = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
    return {
        "jobs": jobs,
        "command": " ".join(["python"] + command[1:]),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(_children_cpu() - cpu_before, 1),  # user + sys of the whole tree
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "peak_tree_rss_mb": round(peak / 2**20),
        "summary": [line.removeprefix("newsclean corpus: ") for line in stderr.splitlines()],
        "sha256": hashlib.sha256(output.read_bytes()).hexdigest(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts, e.g. 1,2")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--keep-output", action="store_true", help="keep the output files (large)")
    parser.add_argument("--generate-only", action="store_true", help="build (or keep) the corpus and stop")
    args = parser.parse_args()
    directory = HERE / "corpus" / f"n{args.docs}-s{args.seed}"
    corpus, truth = directory / "corpus.jsonl.gz", directory / "truth.jsonl.gz"
    if not (corpus.exists() and truth.exists()):
        started = time.perf_counter()
        corpus_gen.write(args.docs, directory, args.seed)  # the first N documents of any larger run
        print(f"generated {args.docs} documents in {time.perf_counter() - started:.0f} s: {corpus}", file=sys.stderr)
    if args.generate_only:
        return 0
    results = {
        "documents": args.docs,
        "seed": args.seed,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "runs": [],
    }
    outputs = []
    for jobs in (int(j) for j in args.jobs.split(",")):
        output = directory / f"out-jobs{jobs}.jsonl"
        figures = run(corpus, output, jobs)
        figures["documents_per_second"] = round(args.docs / figures["seconds"], 1)
        # Less sensitive to a shared machine than wall time: documents per CPU-second of the tree.
        figures["documents_per_cpu_second"] = round(args.docs / max(figures["cpu_seconds"], 0.1), 1)
        results["runs"].append(figures)
        outputs.append(output)
        print(json.dumps({k: v for k, v in figures.items() if k != "summary"}), file=sys.stderr)
    results["largest_process_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    first = results["runs"][0]
    for figures in results["runs"][1:]:
        figures[f"speedup_over_jobs_{first['jobs']}"] = round(first["seconds"] / figures["seconds"], 2)
    results["identical_output_across_jobs"] = len({r["sha256"] for r in results["runs"]}) == 1
    results["quality"] = evaluate_files(outputs[-1], truth)
    if not args.keep_output:
        for output in outputs:
            output.unlink()
    (directory / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
