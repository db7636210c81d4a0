"""Issue 14 ("What a user meets"), each item driven as a user would: ``python -m newsclean``
in a subprocess, on real files in a temporary folder."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

WORDS = ("river council budget school harbour bridge market station winter farmers court hospital election "
         "museum factory railway festival library drought teachers").split()


def newsclean(*argv: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsclean", *argv], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=300)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sentence(rng: random.Random, n: int = 30) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n)).capitalize() + "."


# -- item 5: a site masthead is never a title ------------------------------------------


def test_a_learned_masthead_is_never_the_title(tmp_path):
    rng = random.Random(5)
    records = []
    for i in range(8):
        headline = f"Council votes on plan number {i} for the harbour"
        text = "\n".join(["Kurier | News from the region", headline, sentence(rng), sentence(rng)])
        records.append({"id": f"k{i}", "url": f"https://kurier.example/{i}", "text": text})
    (tmp_path / "site.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = newsclean("corpus", "site.jsonl", "-o", "out.jsonl", "--learn-boilerplate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for i, record in enumerate(lines(tmp_path / "out.jsonl")):
        assert record["metadata"]["title"] == f"Council votes on plan number {i} for the harbour"
        assert "Kurier" not in record["text"]
        assert record["text"].startswith(record["metadata"]["title"] + "\n")
        reasons = [c["reason"] for c in record["metadata"]["changes"] if c["cleaner"] == "site_boilerplate"]
        assert reasons and reasons[0].startswith("site masthead, not a headline: seen on 8 of 8 documents")
    # the summary counts the masthead, not the headline that moved up to the title
    assert "boilerplate passages removed: 8 from 8 documents" in done.stderr
