"""Where corpus mode's CPU time goes: a CPU-clock profile of one job, summed by part.

Runs ``newsclean corpus --near-duplicates mark --learn-boilerplate --jobs 1`` in this
process under cProfile (its default clock: a CPU clock would make every profiler event a
system call, which inflates the figures more than a shared machine does) on the planted corpus of
:mod:`bench.corpus_bench` and prints each part's share of the CPU time: the cleaning
pipeline and each cleaner in it, reading records into Documents, the safety valve,
MinHash signatures, passage keys, applying the learned boilerplate, JSON, and the rest
(the merge in input order, reading and writing files, start-up).

The profiler inflates code that makes many small Python calls, so read the shares, not
the seconds. Run: ``python -m bench.corpus_profile --docs 3000`` (generate the corpus
first with ``python -m bench.corpus_bench --docs 3000 --generate-only``).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (label, file suffix, function name): a part's time is its function's cumulative time.
PARTS = [
    ("cleaning pipeline (all cleaners)", "newsclean/pipeline.py", "__call__"),
    ("  of which the phrase tables, built once", "newsclean/phrases/book.py", "_all_indexes"),
    ("reading records into Documents (parse, language guess)", "newsclean/corpus/records.py", "to_document"),
    ("safety valve", "newsclean/safety.py", "guard"),
    ("MinHash signatures", "newsclean/corpus/near_duplicates.py", "signature"),
    ("passage keys (learning)", "newsclean/corpus/boilerplate.py", "passage_keys"),
    ("applying the learned boilerplate", "newsclean/corpus/boilerplate.py", "apply"),
    ("output records (schema)", "newsclean/corpus/records.py", "to_record"),
    ("JSON in", "newsclean/corpus/stream.py", "decode_record"),
    ("JSON out", "newsclean/corpus/stream.py", "dumps"),
    ("near-duplicate index (main process)", "newsclean/corpus/near_duplicates.py", "match_or_add"),
    ("boilerplate counting (main process)", "newsclean/corpus/boilerplate.py", "add"),
]


def breakdown(stats: pstats.Stats) -> list[tuple[str, float]]:
    """(label, seconds) per part, per cleaner, and the total."""
    table = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in table.values())
    rows = [("total", total)]
    for label, suffix, name in PARTS:
        seconds = sum(v[3] for (file, _, func), v in table.items() if file.endswith(suffix) and func == name)
        rows.append((label, seconds))
    cleaners = {}
    for (file, _, func), v in table.items():
        if "/newsclean/cleaners/" in file and func == "__call__" and "/signals/" not in file:
            module = Path(file).stem
            cleaners[module] = cleaners.get(module, 0.0) + v[3]
    for module, seconds in sorted(cleaners.items(), key=lambda kv: -kv[1]):
        rows.append((f"  cleaner {module}", seconds))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    corpus = HERE / "corpus" / f"n{args.docs}-s{args.seed}" / "corpus.jsonl.gz"
    if not corpus.exists():
        raise SystemExit(f"{corpus} missing: run python -m bench.corpus_bench --docs {args.docs} --generate-only")
    from newsclean.cli.corpus_command import main as corpus_main

    with tempfile.TemporaryDirectory() as folder:
        argv = [str(corpus), "-o", f"{folder}/out.jsonl", "--near-duplicates", "mark", "--learn-boilerplate", "-q"]
        profile = cProfile.Profile()
        profile.runcall(corpus_main, argv)
    rows = breakdown(pstats.Stats(profile))
    total = rows[0][1]
    print(f"{args.docs} documents, {total:.1f} s under the profiler")
    for label, seconds in rows[1:]:
        print(f"{label:60s} {100 * seconds / total:5.1f} %")
    parts = sum(seconds for label, seconds in rows[1:] if not label.startswith(" "))
    print(f"{'the rest (start-up, files, the merge loop)':60s} {100 * (total - parts) / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
