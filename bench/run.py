"""Run the benchmark: ``python -m bench.run [--limit N] [--repeat R] [--out docs/benchmarks.md]``.

Measures, in one run on ``shared/benchdata``: quality of trafilatura alone and of
newsclean (plus newsclean's bare extraction and its text path), time per document of
the three paths, and a per-cleaner ablation. Writes the Markdown report, its PNG chart,
and JSON for engineers (per-page removals and leftovers) under ``bench/out/``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "bench"


from . import analysis, chart, data, halves, report, seeds, systems
from .cruft import run as cruft_run
from .cruft.report import render_section as cruft_section
from .cruft.score import score as score_lines
from .cruft.systems import newsclean_text as clean_labelled_text
from .measure import NEWSCLEAN, TEXT_PATH, TRAFILATURA, run_quality
from .split import half_of, host, split
from .timing import NEWSCLEAN_HTML, NEWSCLEAN_TEXT, PATHS, ratios, time_paths
from .timing import TRAFILATURA as TRAFILATURA_PATH

OUT_DIR = data.REPO_ROOT / "bench" / "out"
RECORDERS = {data.SCRAPINGHUB: analysis.scrapinghub_record, data.TRAFEVAL: analysis.trafeval_record}


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = f", load average {os.getloadavg()[0]:.2f} at start" if hasattr(os, "getloadavg") else ""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores {model}{load}".strip()


def _commit() -> str | None:
    """The checked-out commit (with ``+changes`` when the tree differs from it), or None outside git."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=data.REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=data.REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+changes" if dirty else "")


def _versions() -> str:
    names = ("newsclean", "trafilatura", "lxml")
    return f"Python {platform.python_version()}, " + ", ".join(f"{n} {version(n)}" for n in names)


def _page_calls(pages, extracted_texts):
    return [
        {
            TRAFILATURA_PATH: (lambda h=p.html: systems.trafilatura_alone(h)),
            NEWSCLEAN_HTML: (lambda h=p.html: systems.newsclean_html(h)),
            NEWSCLEAN_TEXT: (lambda t=t: systems.newsclean_text(t)),
        }
        for p, t in zip(pages, extracted_texts)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="pages per dataset (an evenly spread subset of sorted ids)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; a page's time is the median (default 3)")
    parser.add_argument("--out", type=Path, default=data.REPO_ROOT / "docs" / "benchmarks.md", help="Markdown report")
    parser.add_argument("--datasets", nargs="+", choices=data.DATASETS, default=list(data.DATASETS))
    parser.add_argument(
        "--rerender",
        action="store_true",
        help="no benchdata run: re-render the report from bench/out/results.json, re-measuring only "
        "the seeds and the cruft set (seconds, not minutes)",
    )
    args = parser.parse_args(argv)
    if args.rerender:
        results = json.loads((OUT_DIR / "results.json").read_text(encoding="utf-8"))
        results["rerendered"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()) + f" at commit {_commit() or '?'}"
        return _finish(results, args.out)
    if not data.available():
        print(f"benchdata not found at {data.benchdata_dir()} (set {data.ENV_VAR})", file=sys.stderr)
        return 2

    command = "python -m bench.run" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:])
    )
    results = {
        "command": command,
        "rerendered": None,
        "commit": _commit(),
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "versions": _versions(),
        "options": {"limit": args.limit, "repeat": args.repeat},
        "datasets": {},
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    all_timings: dict[str, list[float]] = {p: [] for p in PATHS}
    deterministic = True

    for dataset in args.datasets:
        pages = data.load(dataset)
        if args.limit:
            pages = data.every_kth(pages, args.limit)
        started = time.perf_counter()
        quality = run_quality(pages)
        print(f"{dataset}: {len(pages)} pages scored in {time.perf_counter() - started:.0f}s", file=sys.stderr)

        expected = quality.outputs[NEWSCLEAN]

        def check(n, outputs, expected=expected):
            nonlocal deterministic
            deterministic &= outputs[NEWSCLEAN_HTML] == expected

        started = time.perf_counter()
        timings = time_paths(_page_calls(pages, quality.outputs[TRAFILATURA]), args.repeat, on_pass=check)
        print(f"{dataset}: {args.repeat} timed passes in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        for path, timing in timings.items():
            all_timings[path].extend(timing.per_page)

        records = [
            {"half": half_of(host(p.url) or p.id), **RECORDERS[dataset](p, e, c)}
            for p, e, c in zip(pages, quality.extracted, quality.cleaned)
            if e is not None
        ]
        summary = analysis.summarize(dataset, records)
        (OUT_DIR / f"{dataset}.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        results["datasets"][dataset] = {
            "pages": len(pages),
            "scores": {name: s.as_dict() for name, s in quality.scores().items()},
            "ablation": {name: s.as_dict() for name, s in quality.ablation_scores().items()},
            "timing": {path: t.ms_per_doc for path, t in timings.items()},
            "ratios": ratios(timings),
            "summary": summary,
            "halves": halves.benchdata_halves(pages, quality.outputs, (TRAFILATURA, NEWSCLEAN, TEXT_PATH)),
        }

    from .timing import PathTiming

    combined = {path: PathTiming(path, tuple(v)) for path, v in all_timings.items()}
    results["timing"] = {"all": {path: t.ms_per_doc for path, t in combined.items()}}
    results["ratios"] = ratios(combined)
    results["deterministic"] = deterministic
    return _finish(results, args.out)


def _finish(results: dict, out: Path) -> int:
    """Measure the seeds and the cruft set (fast), then write results.json, the chart and the report."""
    for dataset, res in results["datasets"].items():  # line-level failures: the tune half's pages only
        records_file = OUT_DIR / f"{dataset}.json"
        if records_file.exists():
            records = json.loads(records_file.read_text(encoding="utf-8"))
            if records and all("half" in r for r in records):
                res["summary_tune"] = analysis.summarize(dataset, [r for r in records if r["half"] == "tune"])
    if seeds.available():
        results["seeds"] = {
            half: score_lines(docs, [clean_labelled_text(d) for d in docs]).as_dict()
            for half, docs in split(seeds.load(), lambda d: d.site).items()
        }
    cruft = cruft_run.measure()
    results["cruftset"] = cruft.as_dict()
    (OUT_DIR / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")

    chart_path = out.with_suffix(".png")
    r = results["ratios"]
    chart.draw(
        chart_path,
        scores={d: res["scores"] for d, res in results["datasets"].items()},
        ms_per_doc={d: res["timing"] for d, res in results["datasets"].items()},
        ratio_text=f"HTML path / trafilatura: {r['html_over_trafilatura']:.2f}x (target ≤ 1.15)\n"
        f"trafilatura / text path: {r['trafilatura_over_text']:.1f}x (bar ≥ 10)",
        f1_deltas={
            d: {name: res["scores"][NEWSCLEAN]["f1"] - s["f1"] for name, s in res["ablation"].items()}
            for d, res in results["datasets"].items()
        },
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    load = f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"
    sections = [cruft_section(cruft, command="python -m bench.cruft --write", load=load)]
    out.write_text(report.render(results, chart_path.name, sections), encoding="utf-8")
    _print_summary(results)
    print(f"wrote {out}, {chart_path} and {OUT_DIR}/", file=sys.stderr)
    return 0


def _print_summary(results) -> None:
    for dataset, res in results["datasets"].items():
        for system in (TRAFILATURA, NEWSCLEAN):
            s = res["scores"][system]
            print(f"{dataset:13} {system:18} P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f}")
    for path, ms in results["timing"]["all"].items():
        print(f"{path:30} {ms:7.1f} ms/doc")
    for row in report.halves_rows(results):
        print("  ".join(str(c) for c in row))
    for bar, measured, met in report.acceptance(results) + report.bars(results):
        print(f"[{'ok' if met else 'MISSED'}] {bar}: {measured}")


if __name__ == "__main__":
    sys.exit(main())
