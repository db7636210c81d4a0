"""Score newsclean on the cruft set: ``python -m bench.cruft [--failures] [--blind] [--write] [--json PATH]``.

Both paths (extracted text, and the same documents as HTML pages, next to trafilatura
alone on those pages), tune and check halves side by side. ``--failures`` lists the
lines each path got wrong **on the tune half only**: the check half is for measuring,
not for reading. ``--write`` replaces the cruft-set section of ``docs/benchmarks.md``.

The blind set (``tests/fixtures/multilingual/blind/``) is scored as a separate set, in
rows of its own; ``--blind`` adds its recall per category and per language. Its lines
are never listed: nobody reads its failures, so it stays a measure of unseen wording.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.cruft import dataset, pages, systems
from bench.cruft.report import render_section, replace_section
from bench.cruft.score import SliceScores, score
from bench.split import HALVES, TUNE

TEXT, HTML, TRAFILATURA_HTML = "newsclean on extracted text", "newsclean on HTML", "trafilatura alone on HTML"
PATHS = (TEXT, HTML, TRAFILATURA_HTML)
DOCS_FILE = dataset.FIXTURES.parent.parent.parent / "docs" / "benchmarks.md"


@dataclass
class CruftRun:
    """Scores per path and half (``scores[path][half]``), and the set's shape.

    The blind set is scored apart (``blind[path]``, one slice, no halves): nobody tunes
    on it, so it is never split and its failures are never listed.
    """

    scores: dict[str, dict[str, SliceScores]] = field(default_factory=dict)
    docs: dict[str, int] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    templates: dict[str, int] = field(default_factory=dict)
    blind: dict[str, SliceScores] = field(default_factory=dict)
    blind_languages: tuple[str, ...] = ()
    blind_templates: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        out = {
            "docs": self.docs,
            "languages": list(self.languages),
            "templates": self.templates,
            "scores": {p: {h: s.as_dict() for h, s in by_half.items()} for p, by_half in self.scores.items()},
        }
        if self.blind:
            out["blind"] = {
                "docs": next(iter(self.blind.values())).docs,
                "languages": list(self.blind_languages),
                "templates": self.blind_templates,
                "scores": {p: s.as_dict() for p, s in self.blind.items()},
            }
        return out


def _score_paths(chosen: list[dataset.LabelledDoc], templates: dict[str, int]) -> dict[str, SliceScores]:
    """Every path's scores on ``chosen``; counts the page templates used into ``templates``."""
    rendered = [pages.render(d) for d in chosen]
    for page in rendered:
        templates[page.template] = templates.get(page.template, 0) + 1
    out = {TEXT: score(chosen, [systems.newsclean_text(d) for d in chosen])}
    for path, flags_of in (
        (HTML, lambda d, p: systems.newsclean_html(p.html, list(p.lines))),
        (TRAFILATURA_HTML, lambda d, p: systems.trafilatura_html(p.html, list(p.lines), d.lines[0].text)),
    ):
        flags = [flags_of(d, p) for d, p in zip(chosen, rendered)]
        # the page's own lines come first, then its furniture
        out[path] = score(
            chosen,
            [f[: len(d.lines)] for d, f in zip(chosen, flags)],
            extra=[
                [(label, k) for (label, _), k in zip(p.lines[len(d.lines) :], f[len(d.lines) :])]
                for d, p, f in zip(chosen, rendered, flags)
            ],
        )
    return out


def measure(docs: list[dataset.LabelledDoc] | None = None, blind: list[dataset.LabelledDoc] | None = None) -> CruftRun:
    """Scores on ``docs`` (default: the cruft set) by half, and on ``blind`` (default: the blind set) apart."""
    docs = dataset.load() if docs is None else docs
    blind = dataset.load_blind() if blind is None else blind
    run = CruftRun(languages=tuple(sorted({d.lang for d in docs})))
    for half in HALVES:
        chosen = [d for d in docs if d.half == half]
        run.docs[half] = len(chosen)
        for path, scores in _score_paths(chosen, run.templates).items():
            run.scores.setdefault(path, {})[half] = scores
    if blind:
        run.blind_languages = tuple(sorted({d.lang for d in blind}))
        run.blind = _score_paths(blind, run.blind_templates)
    return run


def _pct(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.3f}"


def print_summary(run: CruftRun, out=sys.stdout) -> None:
    print(f"cruft set: {sum(run.docs.values())} documents ({run.docs}), {len(run.languages)} languages", file=out)
    for path in PATHS:
        for half in HALVES:
            o = run.scores[path][half].overall
            print(
                f"{path:28} {half:5}  recall {_pct(o.recall)}  precision {_pct(o.precision)}  F1 {_pct(o.f1)}  "
                f"body kept {_pct(o.body_kept)}  controls kept {_pct(o.controls_kept)}",
                file=out,
            )
    for path in PATHS if run.blind else ():
        o = run.blind[path].overall
        print(
            f"{path:28} {'blind set':10} recall {_pct(o.recall)}  precision {_pct(o.precision)}  F1 {_pct(o.f1)}  "
            f"body kept {_pct(o.body_kept)}  controls kept {_pct(o.controls_kept)}",
            file=out,
        )


def print_blind(run: CruftRun, out=sys.stdout) -> None:
    """Per-category and per-language recall on the blind set (totals only: its lines are never listed)."""
    if not run.blind:
        print("\nno blind set (tests/fixtures/multilingual/blind/)", file=out)
        return
    text, html = run.blind[TEXT], run.blind[HTML]
    print(f"\nblind set: {text.docs} documents, {len(run.blind_languages)} languages", file=out)
    print(f"{'category':16} {'lines':>5}  {'text':>6}  {'HTML':>6}", file=out)
    for cat in (*dataset.CATEGORIES, "furniture"):
        t, h = text.by_category.get(cat), html.by_category.get(cat)
        lines = (t or h).cruft if (t or h) else 0
        print(f"{cat:16} {lines:5}  {_pct(t.recall if t else None):>6}  {_pct(h.recall if h else None):>6}", file=out)
    print(f"\n{'lang':5} {'cruft':>5}  {'text':>6}  {'HTML':>6}  {'body kept':>9}  {'controls kept':>13}", file=out)
    for lang in run.blind_languages:
        t, h = text.by_language[lang], html.by_language[lang]
        print(
            f"{lang:5} {t.cruft:5}  {_pct(t.recall):>6}  {_pct(h.recall):>6}  {_pct(t.body_kept):>9}  "
            f"{_pct(t.controls_kept):>13}",
            file=out,
        )


def _why_removed(docs: list[dataset.LabelledDoc]) -> dict[tuple[str, str], str]:
    """``(doc id, line) -> "cleaner: reason"`` for every line the text path removes."""
    import newsclean

    return {
        (d.id, c.before): f"{c.cleaner}: {c.reason}" for d in docs for c in newsclean.clean(d.text).changes if c.removed
    }


def print_failures(run: CruftRun, docs: list[dataset.LabelledDoc], out=sys.stdout) -> None:
    why = _why_removed([d for d in docs if d.half == TUNE and not dataset.is_blind(d)])
    blind_ids = {d.id for d in docs if dataset.is_blind(d)}  # never listed, even if one strays in
    for path in (TEXT, HTML):
        s = run.scores[path][TUNE]
        print(f"\n## {path}, tune half: {len(s.missed)} cruft lines kept, {len(s.lost)} lines lost", file=out)
        for f in (f for f in s.lost if f.doc not in blind_ids):
            reason = f"  <- {why[(f.doc, f.text)]}" if (f.doc, f.text) in why else ""
            print(f"LOST   {f.doc:18} {f.label:18} {f.text[:110]}{reason}", file=out)
        for f in (f for f in s.missed if f.doc not in blind_ids):
            print(f"MISSED {f.doc:18} {f.label:22} {f.text[:110]}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cruft", description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", action="store_true", help="list the lines each path got wrong on the tune half")
    parser.add_argument("--write", action="store_true", help=f"replace the cruft-set section of {DOCS_FILE.name}")
    parser.add_argument("--json", type=Path, help="write every figure as JSON")
    parser.add_argument("--langs", nargs="+", help="only these languages")
    parser.add_argument("--blind", action="store_true", help="per-category and per-language recall on the blind set")
    args = parser.parse_args(argv)
    langs = tuple(args.langs) if args.langs else None
    docs = dataset.load(langs=langs)
    run = measure(docs, dataset.load_blind(langs))
    print_summary(run)
    if args.blind:
        print_blind(run)
    if args.failures:
        print_failures(run, docs)
    if args.json:
        args.json.write_text(json.dumps(run.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    if args.write:
        load = f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"
        section = render_section(run, command="python -m bench.cruft --write", load=load)
        DOCS_FILE.write_text(replace_section(DOCS_FILE.read_text(encoding="utf-8"), section), encoding="utf-8")
        print(f"wrote the cruft-set section of {DOCS_FILE}", file=sys.stderr)
    return 0
