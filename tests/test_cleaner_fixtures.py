"""Every hand-written case in tests/fixtures/cleaners/*.json, through its cleaner alone,
and the must-stay cases through the whole default pipeline too."""

import json

import pytest
from conftest import FIXTURES

from newsclean import BUILTINS, Document, Pipeline
from newsclean.reading.language import guess

CASES = [
    pytest.param(
        path.stem,
        case,
        id=f"{path.stem}:{case['name']}",
        marks=[pytest.mark.xfail(strict=True)] if case.get("expect") == "fail" else [],
    )
    for path in sorted((FIXTURES / "cleaners").glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
]


def make_doc(case) -> Document:
    doc = Document(tuple(case["paragraphs"]), title=case.get("title"))
    return doc.evolve(language=guess(doc.text)[0])


@pytest.mark.parametrize("cleaner_name, case", CASES)
def test_cleaner_case(cleaner_name, case):
    cleaned = BUILTINS[cleaner_name]()(make_doc(case))
    removed = sorted(c.position for c in cleaned.changes if c.removed)
    assert removed == case["removed"], [c.reason for c in cleaned.changes]
    for change in cleaned.changes:
        assert change.cleaner == cleaner_name
        assert change.reason
        if case.get("reason") and change.removed:
            assert case["reason"] in change.reason


MUST_STAY = [p for p in CASES if not p.values[1]["removed"]]


@pytest.mark.parametrize("cleaner_name, case", MUST_STAY)
def test_must_stay_cases_survive_the_whole_pipeline(cleaner_name, case):
    cleaned = Pipeline.default()(make_doc(case))
    assert not cleaned.removals, [(c.cleaner, c.reason) for c in cleaned.removals]
    assert len(cleaned.paragraphs) == len(case["paragraphs"])


def test_every_builtin_has_fixtures_in_every_language_it_claims():
    covered = {(p.values[0], p.values[1]["lang"]) for p in CASES}
    for name in (
        "comments",
        "appeals",
        "related",
        "ads",
        "credits",
        "social",
        "newsletter",
        "tags",
        "copyright",
        "promos",
    ):
        for lang in ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr"):
            assert (name, lang) in covered, f"no fixture for {name} in {lang}"
