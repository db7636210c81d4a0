"""Why newsclean's phrase automaton uses ahocorasick-rs: scan every folded paragraph of the
benchmark pages (trafilatura's extraction, as the text path sees it) with ahocorasick-rs and
with pyahocorasick over the phrase book's anchors, and time both.

    pip install pyahocorasick   # not a dependency of newsclean
    python -m bench.automaton_choice
"""

from __future__ import annotations

import os
import time

import ahocorasick
import ahocorasick_rs

from bench.data import load_scrapinghub, load_trafeval
from bench.systems import trafilatura_alone
from newsclean.phrases import book
from newsclean.textutil import fold


def main() -> None:
    book._all_indexes()
    anchors = list(book._AUTOMATON.ids)
    paragraphs = []
    for page in load_scrapinghub() + load_trafeval():
        text = trafilatura_alone(page.html)
        if text:
            paragraphs += [fold(p) for p in text.split("\n") if p.strip()]
    start = time.perf_counter()
    rs = ahocorasick_rs.AhoCorasick(anchors)
    build_rs = time.perf_counter() - start
    start = time.perf_counter()
    py = ahocorasick.Automaton()
    for i, anchor in enumerate(anchors):
        py.add_word(anchor, i)
    py.make_automaton()
    build_py = time.perf_counter() - start

    def scan_rs(text):
        return frozenset([m[0] for m in rs.find_matches_as_indexes(text, overlapping=True)])

    def scan_py(text):
        return frozenset([v for _, v in py.iter(text)])

    assert all(scan_rs(p) == scan_py(p) for p in paragraphs), "the two automata disagree"
    print(f"{len(paragraphs)} paragraphs, {len(anchors)} anchors, load average {os.getloadavg()[0]:.1f}")
    for name, scan in (("ahocorasick-rs", scan_rs), ("pyahocorasick", scan_py)) * 2:
        start = time.perf_counter()
        for paragraph in paragraphs:
            scan(paragraph)
        print(f"{name:15} {1e6 * (time.perf_counter() - start) / len(paragraphs):6.2f} us a paragraph")
    print(f"build: ahocorasick-rs {1000 * build_rs:.1f} ms, pyahocorasick {1000 * build_py:.1f} ms")


if __name__ == "__main__":
    main()
