"""The safety valve: a document the cleaners would mostly delete comes back unchanged, flagged."""

from __future__ import annotations

import json

import pytest

import newsclean
from newsclean import Config, ConfigError, Pipeline
from newsclean.safety import DEFAULT_MAX_REMOVED_SHARE, MIN_GUARDED_CHARS

STORY = "The storm hit the coast on Monday, officials said, and thousands of homes lost power overnight."
GUTTED = "\n".join([STORY] + ["Please enter your comment!"] * 30)  # 90 % of the characters are cruft
NORMAL = "\n".join([f"{STORY[:-1]} in district {i}." for i in range(6)] + ["Please enter your comment!"])


def test_a_gutting_clean_is_held_back_and_explained():
    doc = newsclean.clean(GUTTED)
    assert doc.text == GUTTED  # unchanged, as read
    assert doc.changes == ()
    assert "would remove 8" in doc.metadata["suspicious"] and "allow_gutting" in doc.metadata["suspicious"]
    withheld = doc.metadata["withheld_changes"]
    assert len(withheld) == 30 and {c["cleaner"] for c in withheld} == {"comments"}
    json.dumps(doc.to_dict())  # the flag survives serialisation


def test_ordinary_cleaning_is_not_flagged():
    doc = newsclean.clean(NORMAL)
    assert "suspicious" not in doc.metadata
    assert [c.cleaner for c in doc.removals] == ["comments"]


@pytest.mark.parametrize(
    "config",
    [
        {"allow_gutting": True},
        {"max-removed-share": 1},
        Config(allow_gutting=True),
    ],
)
def test_opting_in_removes_the_cruft(config):
    doc = newsclean.clean(GUTTED, config=config)
    assert doc.paragraphs == (STORY,)
    assert "suspicious" not in doc.metadata


def test_the_share_is_configurable():
    assert "suspicious" not in newsclean.clean(GUTTED, config={"max_removed_share": 0.95}).metadata
    assert "suspicious" in newsclean.clean(NORMAL, config={"max_removed_share": 0.01}).metadata


def test_short_bodies_are_not_guarded_by_the_share():
    short = "A short brief about the storm.\nPlease enter your comment!\nLeave a Reply"
    assert len(short) < MIN_GUARDED_CHARS
    doc = newsclean.clean(short)
    assert doc.paragraphs == ("A short brief about the storm.",) and "suspicious" not in doc.metadata


def test_no_document_is_emptied_without_the_flag():  # issue 13, item 6
    short = "Please enter your comment!\nLeave a Reply"
    doc = newsclean.clean(short)
    assert doc.paragraphs and "remove all of the text" in doc.metadata["suspicious"]
    assert newsclean.clean(short, config={"allow_gutting": True}).paragraphs == ()


def test_a_pipeline_as_config_gets_the_default_valve():
    assert DEFAULT_MAX_REMOVED_SHARE == 0.6
    assert "suspicious" in newsclean.clean(GUTTED, config=Pipeline.default()).metadata


@pytest.mark.parametrize(
    "bad",
    [
        {"max_removed_share": 0},
        {"max_removed_share": 1.5},
        {"max_removed_share": "half"},
        {"max_removed_share": True},
        {"allow_gutting": "yes"},
    ],
)
def test_bad_values_are_config_errors(bad):
    with pytest.raises(ConfigError):
        newsclean.clean(STORY, config=bad)


def test_check_and_explain_show_the_flag_and_the_withheld_changes(tmp_path, capsys, monkeypatch):
    from newsclean.cli.command import main

    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "gutted.txt"
    path.write_text(GUTTED, encoding="utf-8")
    before = path.read_bytes()
    # nothing will change, but a held-back document fails --check (issue 14) unless accepted
    assert main(["--check", "--accept-held-back", str(path)]) == 0
    capsys.readouterr()
    assert main(["--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:1: suspicious: cleaners would remove" in out
    assert "(withheld)" in out
    main(["--explain", str(path)])
    out = capsys.readouterr().out
    assert "suspicious: cleaners would remove" in out and "would remove (withheld)" in out
    assert main(["--fix", str(path)]) == 1 and path.read_bytes() == before
    assert "held back: cleaners would remove" in capsys.readouterr().err


def test_a_held_back_page_written_out_and_cleaned_again_is_held_back_again():
    # Found by hypothesis: the title is a sentence, so only the repeat below it marks it as the title.
    line = "The " + "the " * 20 + "council council consiglio consiglio consiglio."
    html = (
        f"<html><head><title>{line}</title></head><body><article><h1>{line}</h1>"
        "<p>The the the the the the the the the the the the.</p><p>Please enter your comment!</p>"
        f"<p>The the the the the the the the the the the the the the the the the.</p><p>{line}</p>"
        "</article></body></html>"
    )
    once = newsclean.clean(html)
    assert "suspicious" in once.metadata
    written = "\n".join([once.title, *once.paragraphs])
    twice = newsclean.clean(written)
    assert (twice.title, twice.paragraphs) == (once.title, once.paragraphs)
