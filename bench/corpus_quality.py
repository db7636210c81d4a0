"""Score a corpus-mode output against the truth :mod:`bench.corpus_gen` planted.

Near-duplicates are read from ``metadata["duplicate_of"]`` (run with ``--near-duplicates
mark``, so every document can be scored):

* ``recall_at_0.7``: planted copies (near or exact) whose body has 5-shingle Jaccard
  >= 0.7 with their original that are marked as a duplicate of a document of the
  same family; also by Jaccard band;
* ``unplanted_marked``: documents that are no planted copy but were marked (must be 0);
* ``boilerplate_left``: share of documents carrying planted boilerplate that still
  contain some of it;
* ``quotes_kept``: shared quotations still present in the documents that carry them;
* ``body_kept``: planted body paragraphs present in the output (after all cleaners) and
  ``body_removed_as_boilerplate``: body paragraphs the site_boilerplate cleaner removed.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _lines(path: Path) -> Iterable[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def evaluate(output: Iterable[dict], truth: Iterable[dict]) -> dict:
    """Quality figures of ``output`` records (any order of fields; input order) against ``truth``."""
    family: dict[str, int] = {}
    counts: Counter = Counter()
    bands: dict[str, list[int]] = {}
    out_by_id = {}
    for record in output:
        out_by_id[record["id"]] = (
            {_norm(p) for p in record["text"].split("\n")},
            record["metadata"].get("duplicate_of"),
            {_norm(c["before"]) for c in record["metadata"]["changes"] if c["cleaner"] == "site_boilerplate"},
        )
    for fact in truth:
        family[fact["id"]] = fact["family"]
        if fact["id"] not in out_by_id:
            counts["missing_from_output"] += 1
            continue
        paragraphs, duplicate_of, boilerplate_removed = out_by_id[fact["id"]]
        is_copy = fact["copy_of"] is not None
        marked_in_family = duplicate_of is not None and family.get(duplicate_of) == fact["family"]
        if is_copy:
            jaccard = fact["jaccard"]
            band = "1.0" if jaccard >= 0.999 else f"{min(int(jaccard * 10) / 10, 0.9):.1f}"
            bands.setdefault(band, [0, 0])
            bands[band][0] += 1
            bands[band][1] += marked_in_family
            if jaccard >= 0.7:
                counts["copies_at_0.7"] += 1
                counts["found_at_0.7"] += marked_in_family
        elif duplicate_of is not None:
            counts["unplanted_marked"] += 1
        if fact["boilerplate"]:
            counts["with_boilerplate"] += 1
            counts["boilerplate_left"] += any(_norm(b) in paragraphs for b in fact["boilerplate"])
        if fact["quote"]:
            counts["quotes"] += 1
            counts["quotes_kept"] += _norm(fact["quote"]) in paragraphs
        body = [_norm(p) for p in fact["body"] if _norm(p) != _norm(fact["quote"] or "")]
        counts["body"] += len(body)
        counts["body_kept"] += sum(p in paragraphs for p in body)
        counts["body_removed_as_boilerplate"] += sum(p in boilerplate_removed for p in body)
        counts["documents"] += 1
    return {
        "documents": counts["documents"],
        "missing_from_output": counts["missing_from_output"],
        "copies_at_0.7": counts["copies_at_0.7"],
        "recall_at_0.7": _share(counts["found_at_0.7"], counts["copies_at_0.7"]),
        "recall_by_jaccard": {
            band: {"copies": n, "found": found, "recall": _share(found, n)}
            for band, (n, found) in sorted(bands.items())
        },
        "unplanted_marked": counts["unplanted_marked"],
        "documents_with_boilerplate": counts["with_boilerplate"],
        "boilerplate_left": _share(counts["boilerplate_left"], counts["with_boilerplate"]),
        "shared_quotes": counts["quotes"],
        "quotes_kept": _share(counts["quotes_kept"], counts["quotes"]),
        "body_paragraphs": counts["body"],
        "body_kept": _share(counts["body_kept"], counts["body"]),
        "body_removed_as_boilerplate": counts["body_removed_as_boilerplate"],
    }


def evaluate_files(output: Path, truth: Path) -> dict:
    return evaluate(_lines(output), _lines(truth))


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
