"""Learning, applying, saving and loading site boilerplate."""

import pytest

from newsclean import Document
from newsclean.corpus.boilerplate import (
    BoilerplateLearner,
    BoilerplateModel,
    Thresholds,
    passage_keys,
    site_of,
)

IMPRINT = "The Vendel Courier is printed on the lynx press in Oskarby."
QUOTE = '"We will rebuild the bridge before winter," the mayor said.'


def site_documents(n: int, *, imprint_every: int = 1) -> list[Document]:
    docs = []
    for i in range(n):
        paragraphs = [
            f"Story {i} opens with its own facts about case number {i}.",
            f"Story {i} goes on, {i * 7} words.",
        ]
        if i % imprint_every == 0:
            paragraphs.append(IMPRINT)
        if i in (1, 2):  # a follow-up story repeats the quotation
            paragraphs.insert(1, QUOTE)
        docs.append(Document(tuple(paragraphs), url=f"https://www.courier.example/{i}"))
    return docs


def learn(docs, thresholds=Thresholds()):
    learner = BoilerplateLearner(thresholds)
    for doc in docs:
        site = site_of(doc.url)
        learner.add(site, passage_keys(site, doc.paragraphs))
    return learner.model()


def test_recurring_passage_is_removed_with_its_count():
    docs = site_documents(12)
    model = learn(docs)
    cleaned = model.apply(docs[0], "courier.example")
    assert IMPRINT not in cleaned.paragraphs
    (change,) = cleaned.changes
    assert change.cleaner == "site_boilerplate"
    assert change.reason == "seen on 12 of 12 documents from courier.example"


def test_quotation_in_two_follow_up_stories_is_kept():
    docs = site_documents(12)
    model = learn(docs)
    assert QUOTE in model.apply(docs[1], "courier.example").paragraphs


def test_thresholds_scale_with_the_site():
    assert Thresholds(min_docs=5, share=0.3).required(4) == 5
    assert Thresholds(min_docs=5, share=0.3).required(100) == 30
    # on a site of 40 documents, an imprint on every 10th page is not boilerplate
    assert len(learn(site_documents(40, imprint_every=10))) == 0
    assert len(learn(site_documents(40, imprint_every=2))) == 1


def test_other_sites_keep_the_passage():
    model = learn(site_documents(12))
    other = Document(("Other story.", IMPRINT), url="https://elsewhere.example/1")
    assert model.apply(other, "elsewhere.example") == other
    assert model.apply(other, None) == other


def test_normalised_passages_match_despite_quotes_and_case():
    model = learn(site_documents(12))
    variant = IMPRINT.upper().replace(".", " !")
    assert model.reasons("courier.example", [variant]) == {0: "seen on 12 of 12 documents from courier.example"}


def test_model_round_trips_through_json(tmp_path):
    model = learn(site_documents(12))
    path = tmp_path / "model.json"
    model.save(path)
    loaded = BoilerplateModel.load(path)
    assert loaded.passages == model.passages and loaded.documents == model.documents
    assert loaded.thresholds == model.thresholds


def test_loading_something_else_fails_clearly(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"format": "other"}')
    with pytest.raises(ValueError, match="cannot read boilerplate model"):
        BoilerplateModel.load(path)


@pytest.mark.parametrize("kwargs", [{"min_docs": 1}, {"share": 0}, {"share": 1.5}])
def test_bad_thresholds_are_refused(kwargs):
    with pytest.raises(ValueError):
        Thresholds(**kwargs)


@pytest.mark.parametrize(
    "url, site",
    [
        ("https://www.Example.com/a", "example.com"),
        ("http://news.example.org:8080/x?y=1", "news.example.org"),
        ("example.net/path", "example.net"),
        ("", None),
        (None, None),
    ],
)
def test_site_of(url, site):
    assert site_of(url) == site
