"""Line-level scores on the cruft set: removing a line is a prediction that it is cruft.

* cruft recall, overall, per category and per language: share of ``cruft:*`` lines gone;
* precision / F1 over lines: a removed title, body or control line is a false positive;
* body kept: share of non-cruft lines (title, body, control) still in the output;
* controls kept: share of ``control`` lines (reporting that talks about cruft) kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from bench.cruft.dataset import CONTROL, LabelledDoc


@dataclass
class Tally:
    """Counts of one slice (a half, a language, a category)."""

    cruft: int = 0
    cruft_removed: int = 0
    keep: int = 0  # title, body and control lines
    keep_kept: int = 0
    control: int = 0
    control_kept: int = 0

    def add(self, label: str, was_kept: bool) -> None:
        if label.startswith("cruft:"):
            self.cruft += 1
            self.cruft_removed += not was_kept
            return
        self.keep += 1
        self.keep_kept += was_kept
        if label == CONTROL:
            self.control += 1
            self.control_kept += was_kept

    @property
    def recall(self) -> float | None:
        return self.cruft_removed / self.cruft if self.cruft else None

    @property
    def precision(self) -> float | None:
        removed = self.cruft_removed + (self.keep - self.keep_kept)
        return self.cruft_removed / removed if removed else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def body_kept(self) -> float | None:
        return self.keep_kept / self.keep if self.keep else None

    @property
    def controls_kept(self) -> float | None:
        return self.control_kept / self.control if self.control else None

    def as_dict(self) -> dict:
        return {
            "cruft_lines": self.cruft,
            "keep_lines": self.keep,
            "control_lines": self.control,
            "recall": self.recall,
            "precision": self.precision,
            "f1": self.f1,
            "body_kept": self.body_kept,
            "controls_kept": self.controls_kept,
        }


@dataclass
class Failure:
    doc: str
    label: str
    text: str


@dataclass
class SliceScores:
    """One half's scores: overall, per category, per language, and the lines it got wrong."""

    overall: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    docs: int = 0
    missed: list[Failure] = field(default_factory=list)  # cruft left in
    lost: list[Failure] = field(default_factory=list)  # title, body or control removed

    def as_dict(self) -> dict:
        return {
            "docs": self.docs,
            "overall": self.overall.as_dict(),
            "by_category": {k: v.as_dict() for k, v in sorted(self.by_category.items())},
            "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
        }


def score(
    docs: Iterable[LabelledDoc],
    kept: Iterable[Sequence[bool]],
    extra: Iterable[Sequence[tuple[str, bool]]] | None = None,
) -> SliceScores:
    """Scores of ``docs`` given, per document, which of its lines were kept.

    ``extra`` adds, per document, ``(label, kept)`` pairs for the furniture an HTML page
    adds around the labelled lines (navigation, site footer). They are counted in their
    own category only, so the totals and the per-language figures of the HTML path
    cover the same lines as the text path's.
    """
    result = SliceScores()
    extras = extra if extra is not None else repeat(())
    for doc, flags, more in zip(docs, kept, extras):
        result.docs += 1
        for line, was_kept in zip(doc.lines, flags):
            result.overall.add(line.label, was_kept)
            result.by_language[doc.lang].add(line.label, was_kept)
            if line.cruft:
                result.by_category[line.category].add(line.label, was_kept)
                if was_kept:
                    result.missed.append(Failure(doc.id, line.label, line.text))
            elif not was_kept:
                result.lost.append(Failure(doc.id, line.label, line.text))
        for label, was_kept in more:
            result.by_category[label.split(":", 1)[1]].add(label, was_kept)
    return result
