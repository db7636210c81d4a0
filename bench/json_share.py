"""How much of cleaning a JSONL record is JSON: stdlib json against orjson, beside newsclean.clean.

    python -m bench.json_share      # needs orjson installed; prints the shares

Figures are ratios within one run, so machine load cancels out (see docs/cli.md).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import newsclean
from newsclean.cli.jsonl import parse_record

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def best(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    import orjson

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    lines = [json.dumps({"id": i, "text": t, "url": f"https://x.example/{i}"}) for i, t in enumerate(texts)] * 20
    records = [json.loads(line) for line in lines]
    stdlib = best(lambda: [parse_record(line) for line in lines]) + best(
        lambda: [json.dumps(r, ensure_ascii=False) for r in records]
    )
    fast = best(lambda: [orjson.loads(line) for line in lines]) + best(lambda: [orjson.dumps(r) for r in records])
    sample = records[:25]
    cleaning = best(lambda: [newsclean.clean(r["text"]) for r in sample], repeat=1) * len(records) / len(sample)
    print(
        f"{len(lines)} records: stdlib json {stdlib * 1e3:.1f} ms, orjson {fast * 1e3:.1f} ms, cleaning {cleaning * 1e3:.0f} ms"
    )
    print(
        f"json is {stdlib / (stdlib + cleaning):.2%} of the work; orjson would save {(stdlib - fast) / (stdlib + cleaning):.2%}"
    )


if __name__ == "__main__":
    main()
