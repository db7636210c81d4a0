"""Failure analysis: what newsclean removed and whether it was article text, and what is left.

For each page it records every removal (cleaner, reason, line, verdict against the gold)
and the boilerplate still in the output; :func:`summarize` folds those records into
per-cleaner, per-rule and per-category counts with examples. The records go to ``bench/out/`` as
JSON for engineers to study; the summary goes into ``docs/benchmarks.md``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from newsclean import Document
from newsclean.cleaners import BUILTINS
from newsclean.document import TITLE

from .categories import categorize
from .data import Page
from .judge import BOILERPLATE, GOLD, GoldBody, found, overlaps, segment_verdict
from .scoring import fold_quotes, shingles

EXAMPLES = 3
EXAMPLE_CHARS = 160


def _removals(doc: Document):
    return [c for c in doc.changes if c.removed and c.position != TITLE]


def scrapinghub_record(page: Page, extracted: Document, cleaned: Document) -> dict[str, Any]:
    """Removals judged by whether the gold still lacks their text; leftovers by a shingle budget."""
    gold = GoldBody(page.gold or "")
    missing = gold.unclaimed(cleaned.text)  # gold text the output lacks: what a removal may have cost
    removed = [
        {"cleaner": c.cleaner, "reason": c.reason, "line": c.before, "verdict": gold.verdict(c.before, missing)}
        for c in _removals(cleaned)
    ]
    budget = gold.shingles.copy()  # each gold shingle excuses one output shingle, so repeats count as boilerplate
    leftovers = []
    for index, line in enumerate(cleaned.paragraphs):
        verdict = gold.verdict(line, budget)
        budget.subtract(shingles(fold_quotes(line)))
        if verdict == BOILERPLATE:
            leftovers.append(
                {"line": line, "position": index, "category": categorize(line, title=cleaned.title, first=index == 0)}
            )
    return {
        "id": page.id,
        "url": page.url,
        "title": cleaned.title,
        "extracted_lines": len(extracted),
        "removed": removed,
        "remaining_false_positives": leftovers,
    }


def _line_holding(segment: str, doc: Document) -> str:
    for line in doc.paragraphs:
        if found(segment, line):
            return line
    head = segment[:40]
    return next((line for line in doc.paragraphs if found(head, line)), segment)


def trafeval_record(page: Page, extracted: Document, cleaned: Document) -> dict[str, Any]:
    """Removals judged against the segments; leaked, caught and missed segments explained."""
    removed = [
        {
            "cleaner": c.cleaner,
            "reason": c.reason,
            "line": c.before,
            "verdict": segment_verdict(c.before, page.with_, page.without),
        }
        for c in _removals(cleaned)
    ]
    leaked, caught = [], []
    for segment in page.without:
        if found(segment, cleaned.text):
            line = _line_holding(segment, cleaned)
            first = bool(cleaned.paragraphs) and line == cleaned.paragraphs[0]
            leaked.append(
                {"segment": segment, "line": line, "category": categorize(line, title=cleaned.title, first=first)}
            )
        elif found(segment, extracted.text):
            caught.append({"segment": segment, "by": _changed_by(segment, cleaned)})
    missed = [
        {"segment": s, "cause": _miss_cause(s, extracted, cleaned)} for s in page.with_ if not found(s, cleaned.text)
    ]
    return {
        "id": page.id,
        "title": cleaned.title,
        "extracted_lines": len(extracted),
        "removed": removed,
        "leaked_without_segments": leaked,
        "caught_without_segments": caught,
        "missed_with_segments": missed,
    }


def _changed_by(segment: str, cleaned: Document) -> str:
    for change in cleaned.changes:
        if change.position != TITLE and overlaps(change.before, segment):
            return change.cleaner
    return "unknown"


def _miss_cause(segment: str, extracted: Document, cleaned: Document) -> str:
    if not found(segment, extracted.text):
        return "not extracted"
    for change in cleaned.changes:
        if change.position != TITLE and overlaps(change.before, segment):
            return f"{'removed' if change.removed else 'rewritten'} by {change.cleaner}"
    return "split or joined across lines"


# -- summaries ---------------------------------------------------------------------


def _short(text: str) -> str:
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"


def cleaner_summary(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per cleaner: removals by verdict, with a few examples of each verdict."""
    summary: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"removed": 0, "verdicts": Counter(), "examples": defaultdict(list)}
    )
    for record in records:
        for item in record["removed"]:
            entry = summary[item["cleaner"]]
            entry["removed"] += 1
            entry["verdicts"][item["verdict"]] += 1
            examples = entry["examples"][item["verdict"]]
            if len(examples) < EXAMPLES:
                examples.append({"page": record["id"], "reason": item["reason"], "line": _short(item["line"])})
    return {
        name: {"removed": e["removed"], "verdicts": dict(e["verdicts"]), "examples": dict(e["examples"])}
        for name, e in sorted(summary.items())
    }


_QUOTED = re.compile(r"""'[^']*'|"[^"]*"|<[^>]*>|\d+""")


def rule_of(reason: str) -> str:
    """A removal reason with its particulars blanked, so removals group by the rule that made them.

    >>> rule_of("inside <div.related-posts> on the page")
    'inside <…> on the page'
    >>> rule_of("credit line: matched 'Reporting by'")
    'credit line: matched …'
    """
    return _QUOTED.sub(lambda m: "<…>" if m.group().startswith("<") else ("N" if m.group().isdigit() else "…"), reason)


def rule_summary(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per (cleaner, rule): removals by verdict and one example line, in pipeline order then by count."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    for record in records:
        for item in record["removed"]:
            key = (item["cleaner"], rule_of(item["reason"]))
            counts[key][item["verdict"]] += 1
            examples.setdefault(key, _short(item["line"]))
    order = {name: i for i, name in enumerate(BUILTINS)}
    keys = sorted(counts, key=lambda k: (order.get(k[0], len(order)), -sum(counts[k].values())))
    return [
        {
            "cleaner": c,
            "rule": r,
            "removed": sum(counts[(c, r)].values()),
            "verdicts": dict(counts[(c, r)]),
            "example": examples[(c, r)],
        }
        for c, r in keys
    ]


def category_summary(items: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """``(page, category, line)`` items to categories by count, most common first, with examples."""
    counts: Counter = Counter()
    examples: dict[str, list[dict[str, str]]] = defaultdict(list)
    for page, category, line in items:
        counts[category] += 1
        if len(examples[category]) < EXAMPLES and all(e["line"] != _short(line) for e in examples[category]):
            examples[category].append({"page": page, "line": _short(line)})
    return [{"category": c, "count": n, "examples": examples[c]} for c, n in counts.most_common()]


def summarize(dataset: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    if dataset == "scrapinghub":
        leftovers = ((r["id"], x["category"], x["line"]) for r in records for x in r["remaining_false_positives"])
        extra: dict[str, Any] = {}
    else:
        leftovers = ((r["id"], x["category"], x["line"]) for r in records for x in r["leaked_without_segments"])
        extra = {
            "caught_without_segments": dict(Counter(x["by"] for r in records for x in r["caught_without_segments"])),
            "missed_with_segments": dict(Counter(x["cause"] for r in records for x in r["missed_with_segments"])),
            "missed_examples": [
                {"page": r["id"], "cause": x["cause"], "segment": _short(x["segment"])}
                for r in records
                for x in r["missed_with_segments"]
                if x["cause"] != "not extracted"
            ][: 2 * EXAMPLES],
        }
    return {
        "cleaners": cleaner_summary(records),
        "rules": rule_summary(records),
        "remaining_false_positives": category_summary(leftovers),
        **extra,
    }


def recall_losses(summary: dict[str, Any]) -> list[tuple[str, int, list[dict[str, str]]]]:
    """(cleaner, removals of gold text, examples), worst first."""
    rows = [(name, e["verdicts"].get(GOLD, 0), e["examples"].get(GOLD, [])) for name, e in summary["cleaners"].items()]
    return sorted((r for r in rows if r[1]), key=lambda r: -r[1])
