"""Issue 13, the reading items: each test failed on the code before its fix.

Items: 7 (deep nesting), 11 (over-long lines), 12 (odd corpus records), 15 and 16
(quadratic fallbacks), 20 and 21 (charsets), 22 (guillemets), 23 (a cruft title).
"""

from __future__ import annotations

import pytest

import newsclean
from newsclean.cleaners.quotes import to_ascii
from newsclean.cli.command import main
from newsclean.cli.formats import rewrite_codec
from newsclean.reading.decoding import decode

STORY = (
    "The council met on Tuesday to vote on the budget for the coming year.\n"
    "The mayor said the schools would get more money than they did last year.\n"
)
RUSSIAN = (
    "Городской совет во вторник утвердил бюджет на следующий год.\n"
    "Мэр сказал, что школы получат больше денег, чем в прошлом году.\n"
)
CHINESE = "市议会周二批准了明年的预算。\n市长表示，学校将获得比去年更多的资金。\n"


# -- 20: charset ----------------------------------------------------------------------

FRENCH_PAGE = (
    "<html><head><meta charset='utf-8'><title>Le café</title></head><body><article>"
    "<p>Le café de la gare a rouvert ses portes lundi après des mois de travaux.</p>"
    "<p>Le propriétaire a déclaré que la carte resterait la même toute l'année.</p>"
    "</article></body></html>"
)


def test_a_page_labelled_utf8_but_in_windows_1252_keeps_its_accents():
    doc = newsclean.clean(FRENCH_PAGE.encode("cp1252"))
    assert "Le café de la gare a rouvert ses portes lundi après des mois de travaux." in doc.paragraphs
    assert "\ufffd" not in doc.text


def test_utf8_with_a_few_broken_bytes_keeps_the_rest():
    data = FRENCH_PAGE.encode("utf-8").replace(b"gare", b"g\xffre")
    doc = newsclean.clean(data)
    assert "Le propriétaire a déclaré que la carte resterait la même toute l'année." in doc.paragraphs


@pytest.mark.parametrize("text", [RUSSIAN, CHINESE, STORY], ids=["russian", "chinese", "ascii"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_detected(text, codec):
    data = text.encode(codec)
    assert rewrite_codec(data) == codec
    assert decode(data) == text


def test_text_with_a_stray_nul_is_still_utf8():
    data = ("Über den Haushalt\x00 wurde am Dienstag abgestimmt, sagte der Bürgermeister.\n" * 5).encode()
    assert rewrite_codec(data) == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RUSSIAN, STORY], ids=["russian", "ascii"])
def test_fix_keeps_a_files_utf16_encoding(tmp_path, monkeypatch, capsys, codec, text):
    path = tmp_path / "story.txt"
    path.write_bytes((text + "Please enter your comment!\n").encode(codec))
    monkeypatch.chdir(tmp_path)
    main(["--fix", "story.txt"])
    capsys.readouterr()
    data = path.read_bytes()
    assert data == text.encode(codec)  # the comment prompt gone, the encoding the same


# -- 21: WHATWG labels ---------------------------------------------------------------


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "ascii", "US-ASCII"])
def test_latin1_and_ascii_labels_read_as_windows_1252(label):
    page = (
        f"<html><head><meta charset='{label}'><title>Budget</title></head><body><article>"
        "<p>It’s the council’s “final” budget — passed on Monday after a long debate in the town hall.</p>"
        "<p>The mayor said it’s the best budget the town has had in a decade, and the vote was clear.</p>"
        "</article></body></html>"
    )
    doc = newsclean.clean(page.encode("cp1252"))
    assert (
        "It's the council's \"final\" budget — passed on Monday after a long debate in the town hall." in doc.paragraphs
    )


# -- 22: guillemets ------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        ("Er sagte: »Wir kommen morgen« und ging.", 'Er sagte: "Wir kommen morgen" und ging.'),
        ("Han sagde: »Vi kommer i morgen« og gik.", 'Han sagde: "Vi kommer i morgen" og gik.'),
        ("Das ist ›gut‹ so, »sagte er ›nein‹ dazu« und ging.", "Das ist 'gut' so, \"sagte er 'nein' dazu\" und ging."),
        ("Home » News » World", "Home » News » World"),
        ("Startseite › Politik › Inland", "Startseite › Politik › Inland"),
        ("« Retour à l'accueil", "« Retour à l'accueil"),
        ("« Bonjour », dit-il.", '"Bonjour", dit-il.'),
        (
            "lâche « qu'il est, « disposé à améliorer » le projet ». Une",
            'lâche "qu\'il est, "disposé à améliorer" le projet". Une',
        ),
        ("Она сказала: «Когда вся ваша жизнь", 'Она сказала: "Когда вся ваша жизнь'),
        ("x »a« y «b» z", 'x "a" y "b" z'),
    ],
)
def test_guillemets_judged_by_context(before, after):
    assert to_ascii(before) == after
    assert to_ascii(after) == after  # idempotent


# -- 7: deep nesting -------------------------------------------------------------------

ARTICLE = "".join(
    f"<p>Paragraph {i} of the article tells the reader about the council's vote on the budget.</p>" for i in range(21)
)


@pytest.mark.parametrize("depth", [255, 300, 3000])
def test_an_article_nested_deep_keeps_every_paragraph(depth):
    html = (
        "<html><head><title>Budget</title></head><body><p>The opening paragraph sits above the deep part.</p>"
        + "<div>" * depth
        + ARTICLE
        + "</div>" * depth
        + "</body></html>"
    )
    doc = newsclean.clean(html)
    assert len([p for p in doc.paragraphs if p.startswith("Paragraph ")]) == 21
    assert "extraction" in doc.metadata  # the reader says the page took another path


# -- 15: the fallback parser is linear ---------------------------------------------------


@pytest.mark.parametrize("unit", ["<p x=1 ", "<a ", "<!--", "<script>"])
def test_unclosed_tags_do_not_make_the_fallback_quadratic(unit):
    from newsclean.reading.soupfallback import soup_paragraphs

    # html.parser took 22 s on 8,000 "<p x=1 " and grew with the square of the input: ten
    # times the input took it a hundred times as long. Both sizes are timed in this run.
    small, large = unit * 1_500, unit * 15_000
    assert not any(p.strip() for p in soup_paragraphs(large))
    assert _seconds(soup_paragraphs, large) < 30 * max(_seconds(soup_paragraphs, small), 0.01)


@pytest.mark.parametrize("unit", ["<p x=1 ", "<a ", "<!--"])
def test_beautifulsoup_reads_fragments_in_linear_time(unit):
    from newsclean.reading.soupfallback import fragment_paragraphs

    small, large = unit * 1_500, unit * 15_000
    assert not any(p.strip() for p in fragment_paragraphs(large))
    assert _seconds(fragment_paragraphs, large) < 30 * max(_seconds(fragment_paragraphs, small), 0.01)


def test_a_fragment_is_read_by_beautifulsoup():
    doc = newsclean.read("<p>The council &amp; the <b>mayor</b> met.</p>")
    assert doc.paragraphs == ("The council & the mayor met.",)
    assert doc.metadata["extraction"].startswith("BeautifulSoup (lxml) fallback")


def test_a_deep_fragment_keeps_its_text():
    from newsclean.reading.soupfallback import fragment_paragraphs

    deep = "<div>" * 3000 + "<p>Deep text of the article, kept.</p>" * 20 + "</div>" * 3000
    assert sum("Deep text" in p for p in fragment_paragraphs(deep)) == 20


def test_the_fallback_reads_a_fragment_and_skips_chrome():
    from newsclean.reading.soupfallback import soup_paragraphs

    html = (
        "<nav>Home<aside>menu</nav><p>The council &amp; the mayor met.</p>"
        "<script>var x = '<p>not text</p>';</script><div>They voted.</div>"
    )
    assert [p for p in soup_paragraphs(html) if p] == ["The council & the mayor met.", "They voted."]


def _seconds(function, *args) -> float:
    import time

    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


# -- 16: jusText's context pass, linear ------------------------------------------------


class _Paragraph:
    def __init__(self, cf_class: str, heading: bool, text: str):
        self.cf_class, self.heading, self.text, self.class_type = cf_class, heading, text, ""


def _paragraphs(rng, n: int) -> list[_Paragraph]:
    return [
        _Paragraph(
            rng.choice(("short", "short", "neargood", "good", "bad")), rng.random() < 0.2, "x" * rng.randint(1, 90)
        )
        for _ in range(n)
    ]


def test_the_linear_pass_classifies_exactly_as_justext():
    import random

    from justext.core import revise_paragraph_classification as original

    from newsclean.reading.justext_linear import revise_paragraph_classification as linear

    rng = random.Random(13)
    for _ in range(400):
        n = rng.randint(0, 40)
        state = rng.getstate()
        theirs = _paragraphs(rng, n)
        rng.setstate(state)
        ours = _paragraphs(rng, n)
        original(theirs, 150)
        linear(ours, 150)
        assert [p.class_type for p in ours] == [p.class_type for p in theirs]


def test_trafilatura_runs_the_linear_pass_on_a_page_of_hidden_blocks():
    import trafilatura.external

    from newsclean.reading import justext_linear

    html = (
        "<html><body><article><p>The council met on Tuesday.</p></article>"
        + '<div style="display:none">hidden words here</div>' * 300
        + "</body></html>"
    )
    newsclean.read(html)
    assert trafilatura.external.revise_paragraph_classification is justext_linear.revise_paragraph_classification
    # jusText's own pass walked each short block's whole run: 12,000 hidden blocks took 44 s.
    small, large = (
        [_Paragraph("short", False, "x") for _ in range(2_000)],
        [_Paragraph("short", False, "x") for _ in range(20_000)],
    )
    assert _seconds(justext_linear.revise_paragraph_classification, large) < 30 * max(
        _seconds(justext_linear.revise_paragraph_classification, small), 0.01
    )


# -- 23: a cruft first line is no title -------------------------------------------------

BODY = (
    "The council met on Tuesday to vote on the budget for the coming year, officials said.\n"
    "The mayor said the schools would get more money than they did last year, and the roads too.\n"
    "Critics said the plan was too expensive for a town of its size and would raise taxes.\n"
)


@pytest.mark.parametrize("line", ["Subscribe to our newsletter", "Related Articles", "Share this article"])
def test_a_cruft_first_line_is_cleaned_like_a_first_paragraph(line):
    from newsclean.document import TITLE

    doc = newsclean.clean(line + "\n" + BODY)
    assert doc.title is None
    assert len(doc.paragraphs) == 3
    dropped = [c for c in doc.changes if c.position == TITLE]
    assert dropped and dropped[0].before == line and dropped[0].after is None and dropped[0].reason


def test_a_real_headline_stays_the_title():
    doc = newsclean.clean("Council approves the budget for next year\n" + BODY)
    assert doc.title == "Council approves the budget for next year"
    assert not doc.changes


# -- 11: over-long lines are skipped, never read whole ------------------------------------


def _bomb(path, long_bytes: int) -> None:
    """A .jsonl.gz of a good record, one line of ``long_bytes`` (it compresses to almost nothing), a good record."""
    import gzip
    import json

    good = json.dumps({"text": "The council met on Tuesday.\nPlease enter your comment!"}).encode()
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(good + b"\n" + b'{"text": "')
        chunk = b"a" * (1024 * 1024)
        for _ in range(long_bytes // len(chunk)):
            out.write(chunk)
        out.write(b'"}\n' + good + b"\n")


def test_bounded_lines_never_hold_more_than_the_limit():
    import io

    from newsclean.reading.lines import bounded_lines

    class Counting(io.BytesIO):
        largest = 0

        def readline(self, size=-1):
            line = super().readline(size)
            Counting.largest = max(Counting.largest, len(line))
            return line

    stream = Counting(b"first\n" + b"x" * 5_000_000 + b"\nlast\n")
    assert list(bounded_lines(stream, 1000)) == [(1, b"first\n"), (2, None), (3, b"last\n")]
    assert Counting.largest <= 1024 * 1024  # the long line went by in pieces


def test_main_command_skips_an_over_long_jsonl_line(tmp_path, monkeypatch, capsys):
    _bomb(tmp_path / "bomb.jsonl.gz", 8 * 1024 * 1024)
    monkeypatch.chdir(tmp_path)
    code = main(["--max-bytes", "1000000", "--format", "jsonl", "bomb.jsonl.gz"])
    out, err = capsys.readouterr()
    assert "bomb.jsonl.gz:2: line longer than" in err
    assert len(out.splitlines()) == 2  # both good records, cleaned
    assert code != 0


def test_fix_leaves_a_file_with_an_over_long_line_unchanged(tmp_path, monkeypatch, capsys):
    path = tmp_path / "bomb.jsonl.gz"
    _bomb(path, 2 * 1024 * 1024)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    main(["--max-bytes", "1000000", "--fix", "bomb.jsonl.gz"])
    assert "bomb.jsonl.gz:2: line longer than" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_corpus_mode_skips_an_over_long_line(tmp_path):
    from newsclean.corpus.stream import decode_record, read_lines

    _bomb(tmp_path / "bomb.jsonl.gz", 3 * 1024 * 1024)
    lines = list(read_lines([str(tmp_path / "bomb.jsonl.gz")], max_bytes=1_000_000))
    assert len(lines) == 3 and lines[1].error and lines[1].where.endswith("bomb.jsonl.gz:2")
    with pytest.raises(newsclean.InputError, match="bomb.jsonl.gz:2: line longer than"):
        decode_record(lines[1])


# -- 12: one odd record never ends a corpus run ------------------------------------------


def test_corpus_mode_reports_odd_records_and_goes_on(tmp_path, capsys):
    import json

    from newsclean.cli.corpus_command import main as corpus_main

    story = "The council met on Tuesday to vote on the budget for the coming year, officials said."
    lines = [
        json.dumps({"id": "first", "text": story}),
        '{"id": "cut", "title": "Emoji cut \\ud83d", "text": "' + story + ' \\udc00", "source": "x\\ud800"}',
        json.dumps({"id": "number", "title": 5, "text": story}),
        json.dumps({"id": "foreign", "changes": ["edited by hand"], "text": story}),
        json.dumps({"id": "lookalike", "changes": [{"who": "me"}], "text": story}),
    ]
    data = (
        ("\n".join(lines) + "\n").encode()
        + b'{"id": "latin", "text": "caf\xe9"}\n'
        + json.dumps({"id": "last", "text": story}).encode()
        + b"\n"
    )
    (tmp_path / "in.jsonl").write_bytes(data)
    code = corpus_main([str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["first", "cut", "number", "foreign", "lookalike", "last"]
    assert records[1]["title"] == "Emoji cut \ufffd" and records[1]["source"] == "x\ufffd"
    assert records[2]["metadata"]["title"] == "5"  # the input field itself is kept as it was
    assert "in.jsonl:6: not UTF-8" in err and "records that failed: 1" in err
    assert code != 0  # the failed record shows in the exit code
