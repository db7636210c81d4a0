"""The cruft-set section of ``docs/benchmarks.md``, between two markers so it can be refreshed alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.cruft.dataset import CATEGORIES
from bench.split import CHECK, HALVES, TUNE

if TYPE_CHECKING:
    from bench.cruft.run import CruftRun

START, END = "<!-- cruftset:start -->", "<!-- cruftset:end -->"
#: Tune minus check above this (recall, F1) or below minus this (body, controls kept) is called out.
BIG_GAP = 0.05


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _gap(tune: float | None, check: float | None) -> str:
    return "–" if tune is None or check is None else f"{tune - check:+.3f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows] + [""]


def _blind_rows(run: CruftRun) -> list[str]:
    """The blind set's totals: a separate table, since it is never split, tuned on, or read line by line."""
    from bench.cruft.run import PATHS

    if not run.blind:
        return []
    first = run.blind[PATHS[0]]
    templates = ", ".join(f"{k} {v}" for k, v in sorted(run.blind_templates.items()))
    lines = [
        "### Blind set",
        "",
        f"{first.docs} further documents in {len(run.blind_languages)} languages "
        f"({', '.join(run.blind_languages)}), `tests/fixtures/multilingual/blind/`: written without reading the "
        "cleaners, the phrase data or the cruft lines above, with HTML pages on two templates of their own "
        f"({templates}). Nobody tunes on it and its failures are never listed; "
        "`python -m bench.cruft --blind` prints its recall per category and per language.",
        "",
    ]
    rows = []
    for path in PATHS:
        o = run.blind[path].overall
        rows.append(
            [f"{path}, blind set", _f(o.recall), _f(o.precision), _f(o.f1), _f(o.body_kept), _f(o.controls_kept)]
        )
    return lines + _table(["path, set", "cruft recall", "precision", "F1", "body kept", "controls kept"], rows)


def render_section(run: CruftRun, command: str, load: str) -> str:
    from bench.cruft.run import HTML, PATHS, TEXT

    total = sum(run.docs.values())
    lines = [
        START,
        "## Our multilingual cruft set: tune and check",
        "",
        f"{total} documents in {len(run.languages)} languages ({', '.join(run.languages)}), written for this project "
        "(`tests/fixtures/multilingual/`, format in its README): news articles with planted cruft in new wording, "
        "and negative controls that must keep all their text. Each line is labelled; a line counts as kept when the "
        "output holds it verbatim or near-verbatim (`bench/cruft/match.py`). Split by site: "
        f"tune {run.docs.get(TUNE, 0)} documents, check {run.docs.get(CHECK, 0)}. HTML pages are rendered from the same "
        "documents with four site templates (" + ", ".join(f"{k} {v}" for k, v in sorted(run.templates.items())) + "); "
        "their navigation and footer are scored as cruft in their own row (`furniture`, HTML only), outside the totals, "
        "so both paths' totals cover the same lines.",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Load average at the end of the run: {load}.",
        "",
    ]

    from bench.report import acceptance

    as_results = {"datasets": {}, "cruftset": run.as_dict()}
    by_half = {half: acceptance(as_results, half) for half in HALVES}
    rows = [
        [
            target.replace(f", {TUNE} half", ""),
            f"{m_t} ({'met' if ok_t else '**not met**'})",
            f"{m_c} ({'met' if ok_c else '**not met**'})",
        ]
        for (target, m_t, ok_t), (_, m_c, ok_c) in zip(by_half[TUNE], by_half[CHECK])
    ]
    lines += _table(["issue 12 acceptance", "tune", "check"], rows)

    rows = []
    for path in PATHS:
        by_half = run.scores[path]
        for half in HALVES:
            o = by_half[half].overall
            rows.append(
                [f"{path}, {half}", _f(o.recall), _f(o.precision), _f(o.f1), _f(o.body_kept), _f(o.controls_kept)]
            )
        t, c = by_half[TUNE].overall, by_half[CHECK].overall
        rows.append(
            [
                f"{path}, **gap** (tune − check)",
                _gap(t.recall, c.recall),
                _gap(t.precision, c.precision),
                _gap(t.f1, c.f1),
                _gap(t.body_kept, c.body_kept),
                _gap(t.controls_kept, c.controls_kept),
            ]
        )
    lines += _table(["path, half", "cruft recall", "precision", "F1", "body kept", "controls kept"], rows)

    lines += _blind_rows(run)

    lines += ["### Recall per category", ""]
    cats = list(CATEGORIES) + ["furniture"]
    rows = []
    for cat in cats:
        row = [cat]
        for path in (TEXT, HTML):
            for half in HALVES:
                tally = run.scores[path][half].by_category.get(cat)
                row.append(f"{_f(tally.recall)} ({tally.cruft})" if tally else "–")
        rows.append(row)
    lines += _table(["category", "text, tune", "text, check", "HTML, tune", "HTML, check"], rows)
    lines += ["(in brackets: cruft lines in that half)", ""]

    lines += ["### Per language", ""]
    rows = []
    for lang in run.languages:
        row = [lang]
        for path in (TEXT, HTML):
            for half in HALVES:
                tally = run.scores[path][half].by_language.get(lang)
                row.append(_f(tally.recall) if tally else "–")
        for measure in ("body_kept", "controls_kept"):
            for half in HALVES:
                tally = run.scores[TEXT][half].by_language.get(lang)
                row.append(_f(getattr(tally, measure)) if tally else "–")
        rows.append(row)
    lines += _table(
        [
            "lang",
            "text recall, tune",
            "text recall, check",
            "HTML recall, tune",
            "HTML recall, check",
            "text body kept, tune",
            "text body kept, check",
            "text controls kept, tune",
            "text controls kept, check",
        ],
        rows,
    )
    lines += [
        "Body kept counts every line that is not cruft (title, body and controls); controls kept only the "
        "`control` lines. HTML body and controls kept are in the JSON (`python -m bench.cruft --json`).",
        "",
    ]

    lines += ["### Reading the gap", ""]
    for path in (TEXT, HTML):
        t, c = run.scores[path][TUNE].overall, run.scores[path][CHECK].overall
        if t.f1 is not None and c.f1 is not None:
            gap = t.f1 - c.f1
            verdict = (
                "**tune well above check: the rules learned the tune half's wording (overfitting)**"
                if gap > BIG_GAP
                else "within the noise this set allows"
            )
            lines += [f"* {path}: F1 {t.f1:.3f} on tune, {c.f1:.3f} on check (gap {gap:+.3f}): {verdict}."]
    lines += [
        "",
        "Rules, phrase families and thresholds are developed by looking at failures on the **tune** half only "
        "(`python -m bench.cruft --failures` lists them); the **check** half is only ever read as totals. A "
        f"change ships when it also pays on the check half. A gap above about {BIG_GAP:.2f} in recall or F1 "
        "(tune better than check), or any body or controls lost on check but not on tune, means the change "
        "learned the tune half's wording rather than what cruft is: that is overfitting, and the fix is a more "
        "general method, not more phrases. With a few hundred lines per half, one line moves a per-language "
        "figure by several points, so read per-language gaps as hints and the overall rows as the verdict.",
        "",
        END,
    ]
    return "\n".join(lines)


def replace_section(document: str, section: str) -> str:
    """``document`` with its cruft-set section replaced by ``section`` (appended when it has none)."""
    if START in document and END in document:
        head, rest = document.split(START, 1)
        return head + section + rest.split(END, 1)[1]
    return document.rstrip() + "\n\n" + section + "\n"
