"""Measure clean() on the hostile inputs of tests/test_hostile_input.py, one fresh process each.

    python bench/hostile.py            # all cases, a Markdown table on stdout
    python bench/hostile.py one-word   # some cases

Prints input size, wall and CPU seconds of clean() (imports and a warm-up excluded) and
the peak resident memory of the process. Figures are in docs/reliability.md.
"""

from __future__ import annotations

import json
import subprocess
import sys

CASES = {
    "empty": "''",
    "nul-text": "'Council approves budget\\nThe coun\\x00cil met on Tuesday.\\n' * 1000",
    "random-1MB": "random.Random(1).randbytes(1_000_000)",
    "high-bytes-1MB": "bytes(random.Random(2).randrange(0x80, 0x100) for _ in range(1_000_000))",
    "one-line-5MB": "' '.join(['quietly'] * 700_000)",
    "one-word-2MB": "'A headline above it\\n' + 'x' * 2_000_000 + '\\nA closing sentence.'",
    "nesting-100k": "'<html><body>' + '<div>' * 100_000 + 'deep text' + '</div>' * 100_000 + '</body></html>'",
    "paragraphs-200k-text": "'\\n'.join(sentence(rng) for _ in range(200_000))",
    "paragraphs-200k-html": "'<html><body><article>' + ''.join(f'<p>{sentence(rng)}</p>' for _ in range(200_000)) + '</article></body></html>'",
    "tiny-lines-1M": "'a\\n' * 1_000_000",
    "cruft-20k-one-line": "'Please support us. Subscribe now! READ MORE: Advertisement - Leave a Reply ' * 20_000",
    "cruft-20k-lines": "'The storm hit the coast on Monday, officials said.\\n' + 'Please enter your comment!\\n' * 20_000",
    "invalid-utf8-html": "b'<html><body><article><p>The caf\\xe9 \\xff\\xfe opened on Monday after the long repairs.</p></article></body></html>' * 1000",
    "utf16-bom-html": "('<html><body><article>' + '<p>Der Stadtrat hat am Montag den Haushalt beschlossen.</p>' * 1000 + '</article></body></html>').encode('utf-16')",
    "lone-surrogates": "('The storm \\ud800hit the coast \\udfffon Monday.\\n' * 10_000)",
    "rtl-emoji": "('قال مجلس المدينة يوم الاثنين إن الميزانية الجديدة\\nFans cheered 🎉👏 family 👨‍👩‍👧‍👦 flags 🇺🇦\\n' * 10_000)",
    "dash-run-200k": "'Storm hits coast\\nThe storm hit the coast.\\na' + '-' * 200_000 + 'a'",
    "comments-200": "'<!--a-->' * 200 + 'plain text after comments'",
    "tag-soup-300k": "'<html><body>' + ''.join(random.Random(5).choice(['<p>', '</p>', '<div>', '</div>', '<b>', '<', '>', '&amp;', 'word ', '<!--', '-->']) for _ in range(300_000))",
}

_CHILD = """
import json, random, resource, sys, time
import newsclean
from newsclean import NewscleanError
sys.path.insert(0, "tests")
from test_hostile_input import sentence
rng = random.Random(3)
source = eval(sys.argv[1])
newsclean.clean("Warm up\\nA first short paragraph of text.")
wall, cpu = time.perf_counter(), time.process_time()
try:
    doc = newsclean.clean(source)
    outcome = f"{len(doc.paragraphs)} paragraphs" + (", suspicious" if "suspicious" in doc.metadata else "")
except NewscleanError as exc:
    outcome = type(exc).__name__
print(json.dumps({"size": len(source), "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""


def main(names: list[str]) -> None:
    print("| case | input size | wall s | CPU s | peak RSS MB | outcome |")
    print("|---|---:|---:|---:|---:|---|")
    for name in names or CASES:
        out = subprocess.run([sys.executable, "-c", _CHILD, CASES[name]], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        print(
            f"| {name} | {r['size']:,} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss_mb']:.0f} | {r['outcome']} |",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
