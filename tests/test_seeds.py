"""The five seed articles this project started from, exactly as the core issue specifies."""

import pytest

import newsclean

CURLY = "\u201c\u201d\u2018\u2019"


def lines(path):
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def clean_seed(seeds_dir, prefix):
    [path] = list(seeds_dir.glob(f"{prefix}_*.txt"))
    return lines(path), newsclean.clean(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_clean_articles_keep_every_paragraph(seeds_dir, prefix):
    original, doc = clean_seed(seeds_dir, prefix)
    assert not doc.removals
    assert len(doc.paragraphs) + (1 if doc.title else 0) == len(original)


def test_001_loses_exactly_the_eight_line_appeal(seeds_dir):
    original, doc = clean_seed(seeds_dir, "001")
    start = original.index("A Message from The Moscow Times:")
    assert original[-1] == "Remind me later."
    assert [c.position for c in doc.removals] == list(range(start, len(original)))
    assert len(original) - start == 8
    assert all(c.cleaner == "appeals" for c in doc.removals)
    assert doc.paragraphs[-1].startswith('"That would be very cool,"')


def test_002_headline_becomes_title_and_furniture_goes(seeds_dir):
    original, doc = clean_seed(seeds_dir, "002")
    assert doc.title == original[0].replace("\u2019", "'")
    assert doc.title not in doc.text
    removed = sorted(c.before for c in doc.removals)
    assert removed == sorted(
        [
            "Related Articles",
            "Please enter your comment!",
            "Please enter your name here",
            "- Advertisement -spot_img",
            "Latest Articles",
        ]
    )
    assert len(doc.paragraphs) == len(original) - 1 - 5


def test_003_headline_once_as_title_and_turkish_lines_go(seeds_dir):
    original, doc = clean_seed(seeds_dir, "003")
    headline = original[0]
    assert doc.title == headline
    assert original.count(headline) == 2 and headline not in doc.paragraphs
    removed = [c.before for c in doc.removals]
    assert removed.count(headline) == 1
    assert set(removed) - {headline} == set(original[-2:])
    assert len(doc.removals) == 3


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_curly_quotes_with_default_settings(seeds_dir, prefix):
    _, doc = clean_seed(seeds_dir, prefix)
    assert not any(q in doc.text + (doc.title or "") for q in CURLY)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_the_output_again_changes_nothing(seeds_dir, prefix):
    _, doc = clean_seed(seeds_dir, prefix)
    rendered = "\n".join(([doc.title] if doc.title else []) + list(doc.paragraphs))
    again = newsclean.clean(rendered)
    assert again.changes == ()
    assert again.title == doc.title and again.paragraphs == doc.paragraphs


def test_typographic_mode_repairs_seed_004_pair(seeds_dir):
    _, doc = clean_seed(seeds_dir, "004")
    kept = newsclean.clean(
        (next(seeds_dir.glob("004_*.txt"))).read_text(encoding="utf-8"), config={"quotes": {"mode": "typographic"}}
    )
    repaired = [c for c in kept.changes if c.cleaner == "quotes"]
    assert repaired and all(c.reason == "repaired mismatched quotation marks" for c in repaired)
    assert any("what he does \u201d." in c.after for c in repaired)
