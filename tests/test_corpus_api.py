"""clean_corpus: fields kept, near-duplicates marked or dropped, same output for any jobs."""

import json
import random

import pytest

from newsclean.corpus import BoilerplateModel, CorpusSummary, Thresholds, clean_corpus

WORDS = (
    "river council budget school harbour bridge market station winter farmers court hospital election "
    "museum factory railway festival library drought teachers"
).split()
FOOTER = "Le Courrier de Vendel remercie ses 4127 lecteurs fidèles de Saint-Abel."


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(40)) + "."


def corpus(n: int = 24, seed: int = 7) -> list[dict]:
    """n stories on two sites, the first site's pages ending in a footer; story 5 reappears as 9 and 17."""
    rng = random.Random(seed)
    bodies = [[paragraph(rng) for _ in range(4)] for _ in range(n)]
    bodies[9] = [p.replace("0", "1", 1) for p in bodies[5]]  # a small edit
    bodies[17] = list(bodies[5])  # an exact copy
    records = []
    for i, body in enumerate(bodies):
        site = "courrier.example" if i % 3 else "other.example"
        text = "\n".join(body + ([FOOTER] if site == "courrier.example" else []))
        records.append(
            {
                "id": f"r{i}",
                "url": f"https://{site}/{i}",
                "title": f"Story {i}",
                "text": text,
                "source": "crawl-7",
                "metadata": {"batch": 3},
            }
        )
    return records


def test_fields_are_kept_and_text_cleaned():
    out = list(clean_corpus(corpus(), learn_boilerplate=True))
    first = out[1]
    assert first["source"] == "crawl-7" and first["metadata"]["batch"] == 3 and first["id"] == "r1"
    assert FOOTER not in first["text"]
    removal = [c for c in first["metadata"]["changes"] if c["cleaner"] == "site_boilerplate"]
    assert removal and removal[0]["reason"] == "seen on 16 of 16 documents from courrier.example"


def test_mark_records_representative_and_similarity():
    summary = CorpusSummary()
    out = list(clean_corpus(corpus(), near_duplicates="mark", summary=summary))
    marked = {r["id"]: r["metadata"] for r in out if "duplicate_of" in r["metadata"]}
    assert set(marked) == {"r9", "r17"}
    assert {m["duplicate_of"] for m in marked.values()} == {"r5"}
    assert marked["r17"]["duplicate_similarity"] == 1.0
    assert 0.6 <= marked["r9"]["duplicate_similarity"] < 1.0
    assert summary.duplicates == 2 and summary.documents_out == summary.documents_in == 24


def test_drop_keeps_the_first_occurrence():
    out = [r["id"] for r in clean_corpus(corpus(), near_duplicates="drop")]
    assert "r5" in out and "r9" not in out and "r17" not in out and len(out) == 22


def test_output_is_the_same_for_any_number_of_jobs():
    runs = [
        list(clean_corpus(corpus(40), near_duplicates="mark", learn_boilerplate=True, jobs=jobs)) for jobs in (1, 2)
    ]
    assert json.dumps(runs[0]) == json.dumps(runs[1])


def test_second_run_over_the_output_changes_nothing_more():
    once = list(clean_corpus(corpus(), near_duplicates="mark", learn_boilerplate=True))
    twice = list(clean_corpus(once, near_duplicates="mark", learn_boilerplate=True))
    assert [r["text"] for r in twice] == [r["text"] for r in once]
    assert [r["metadata"]["changes"] for r in twice] == [r["metadata"]["changes"] for r in once]


def test_saved_model_gives_the_same_removals(tmp_path):
    summary = CorpusSummary()
    learned = list(clean_corpus(corpus(), learn_boilerplate=True, summary=summary))
    summary.model.save(tmp_path / "model.json")
    reused = list(clean_corpus(corpus(), boilerplate=BoilerplateModel.load(tmp_path / "model.json")))
    assert [r["text"] for r in reused] == [r["text"] for r in learned]


def test_site_can_come_from_a_field():
    records = corpus()
    for r in records:
        r["outlet"] = "one-outlet"
        del r["url"]
    out = list(clean_corpus(records, learn_boilerplate=Thresholds(min_docs=5, share=0.5), site_field="outlet"))
    assert FOOTER not in out[1]["text"]
    reason = [c["reason"] for c in out[1]["metadata"]["changes"] if c["cleaner"] == "site_boilerplate"][0]
    assert reason == "seen on 16 of 24 documents from one-outlet"


def test_records_that_fail_are_skipped_and_counted():
    summary = CorpusSummary()
    records = [{"id": "a", "text": "Fine story with enough words in it to be a story."}, {"id": "b"}, "not json"]
    out = list(clean_corpus(records, summary=summary))
    assert [r["id"] for r in out] == ["a"]
    assert summary.failed == 2 and summary.documents_in == 3 and len(summary.errors) == 2


def test_documents_are_records_too():
    import newsclean

    docs = [newsclean.clean(r["text"], url=r["url"]) for r in corpus()]
    out = list(clean_corpus(docs, near_duplicates="drop", learn_boilerplate=True))
    assert len(out) == 22 and FOOTER not in out[1]["text"]
    assert out[0]["id"] == docs[0].id


def test_html_records_are_extracted():
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
        + "".join(
            f"<p>The bridge over the river reopened on day {i} after repairs that took months.</p>" for i in range(5)
        )
        + "</article></body></html>"
    )
    (out,) = clean_corpus([{"id": "h", "url": "https://x.example/1", "html": html}])
    assert "reopened on day 3" in out["text"] and out["html"] == html


@pytest.mark.parametrize(
    "kwargs",
    [
        {"near_duplicates": "delete"},
        {"threshold": 0},
        {"jobs": 0},
        {"config": {"cleaners": ["no_such_cleaner"]}},
        {"learn_boilerplate": True, "boilerplate": BoilerplateModel()},
    ],
)
def test_bad_arguments_fail_at_once(kwargs):
    with pytest.raises(ValueError):
        clean_corpus([], near_duplicates=kwargs.pop("near_duplicates", "mark"), **kwargs)
