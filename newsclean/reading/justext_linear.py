"""jusText's context pass in linear time, installed under trafilatura.

trafilatura falls back to jusText on pages where its own extraction finds little. jusText's
``revise_paragraph_classification`` finds each short paragraph's neighbours by walking
outwards until it meets a good or bad one: on a page of thousands of short or hidden
blocks every walk crosses all of them, and 12,000 hidden ``<div>``s took 44 s. Here the
neighbours come from one pass each way, and the result is the same classification,
paragraph for paragraph (``tests/test_nothing_lost_reading.py`` compares the two on
random pages).

:func:`install` puts it once in place of the name trafilatura imported (``trafilatura.external``), for
the jusText versions whose pass is reproduced here (:data:`VERIFIED_VERSIONS`); with any
other version jusText runs as it is.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

VERIFIED_VERSIONS = frozenset({"3.0.2"})
_GOOD_OR_BAD = ("good", "bad")


def revise_paragraph_classification(paragraphs, max_heading_distance: int = 150) -> None:
    """``justext.core.revise_paragraph_classification``, linear in the number of paragraphs."""
    _good_headings(paragraphs, max_heading_distance)
    classes = [p.class_type for p in paragraphs]
    # Short paragraphs: judged by their neighbours as classified so far (jusText applies
    # the new classes only after the loop).
    prev_decided, prev_any = _nearest(classes, reverse=False)
    next_decided, next_any = _nearest(classes, reverse=True)
    for i, paragraph in enumerate(paragraphs):
        if classes[i] != "short":
            continue
        before, after = prev_decided[i], next_decided[i]
        if before == "good" and after == "good":
            paragraph.class_type = "good"
        elif before == "bad" and after == "bad":
            paragraph.class_type = "bad"
        elif (before == "bad" and prev_any[i] == "neargood") or (after == "bad" and next_any[i] == "neargood"):
            paragraph.class_type = "good"
        else:
            paragraph.class_type = "bad"
    # Near-good paragraphs: jusText revises them in order, so the one before is already
    # good or bad; the ones after are not revised yet.
    classes = [p.class_type for p in paragraphs]
    next_decided, _ = _nearest(classes, reverse=True)
    before = "bad"
    for i, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            paragraph.class_type = "bad" if (before, next_decided[i]) == ("bad", "bad") else "good"
        before = paragraph.class_type
    _more_good_headings(paragraphs, max_heading_distance)


def _nearest(classes: list[str], *, reverse: bool) -> tuple[list[str], list[str]]:
    """For each paragraph, the class of the nearest good or bad one before it (after it,
    with ``reverse``), and of the nearest good, bad or near-good one; ``"bad"`` at the edge."""
    decided, any_ = ["bad"] * len(classes), ["bad"] * len(classes)
    last_decided = last_any = "bad"
    order = range(len(classes) - 1, -1, -1) if reverse else range(len(classes))
    for i in order:
        decided[i], any_[i] = last_decided, last_any
        if classes[i] in _GOOD_OR_BAD:
            last_decided = last_any = classes[i]
        elif classes[i] == "neargood":
            last_any = "neargood"
    return decided, any_


def _good_headings(paragraphs, max_heading_distance: int) -> None:
    """jusText's first step, as it is (each scan stops after ``max_heading_distance`` characters)."""
    for i, paragraph in enumerate(paragraphs):
        paragraph.class_type = paragraph.cf_class
        if not (paragraph.heading and paragraph.class_type == "short"):
            continue
        if _good_within(paragraphs, i, max_heading_distance):
            paragraph.class_type = "neargood"


def _more_good_headings(paragraphs, max_heading_distance: int) -> None:
    for i, paragraph in enumerate(paragraphs):
        if paragraph.heading and paragraph.class_type == "bad" and paragraph.cf_class != "bad":
            if _good_within(paragraphs, i, max_heading_distance):
                paragraph.class_type = "good"


def _good_within(paragraphs, i: int, max_heading_distance: int) -> bool:
    distance = 0
    for j in range(i + 1, len(paragraphs)):
        if distance > max_heading_distance:
            return False
        if paragraphs[j].class_type == "good":
            return True
        distance += len(paragraphs[j].text)
    return False


@lru_cache(maxsize=1)
def install() -> bool:
    """Put the linear pass in place (once); False for a jusText version not verified."""
    try:
        if version("jusText") not in VERIFIED_VERSIONS:
            return False
    except PackageNotFoundError:
        return False
    from trafilatura import external

    external.revise_paragraph_classification = revise_paragraph_classification
    return True
