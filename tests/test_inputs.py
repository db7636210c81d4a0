"""Reading raw HTML and extracted text: detection, decoding, metadata, titles."""

import pytest

import newsclean
from newsclean import InputError
from newsclean.reading.decoding import looks_like_html
from newsclean.reading.textinput import looks_like_headline

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">
<title>Bridge closes for repairs | The Town Courier</title>
<meta property="og:title" content="Bridge closes for repairs">
<meta property="og:site_name" content="The Town Courier">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://courier.test/bridge">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge closes for repairs</h1>
<p>The old bridge over the river will close on Monday for six months of repairs, the council said.</p>
<p>Drivers will have to take a detour of about {detour} kilometres through the northern industrial area.</p>
<p>“We know this is hard for commuters,” the mayor said at a meeting on Thursday evening.</p>
<p>Please enter your comment!</p>
</article><footer>Copyright The Town Courier</footer></body></html>"""


def page(charset="utf-8", detour="ten"):
    return PAGE.format(charset=charset, detour=detour)


def test_html_goes_through_extraction_with_metadata():
    doc = newsclean.clean(page())
    assert doc.metadata["input"] == "html"
    assert doc.title == "Bridge closes for repairs"
    assert doc.url == "https://courier.test/bridge"
    assert doc.metadata["author"] == "Jane Reporter"
    assert doc.metadata["sitename"] == "The Town Courier"
    assert doc.metadata["date"].startswith("2024-03-05")
    assert doc.paragraphs[0].startswith("The old bridge")
    assert "Home" not in doc.text and "Please enter your comment" not in doc.text
    assert '"We know this is hard for commuters,"' in doc.text


def test_url_argument_wins():
    assert newsclean.clean(page(), url="https://other.test/x").url == "https://other.test/x"


def test_bytes_in_declared_legacy_encoding():
    data = page(charset="iso-8859-1", detour="zwölf").encode("latin-1", errors="replace")
    doc = newsclean.clean(data)
    assert "zwölf" in doc.text


def test_utf16_with_bom():
    data = page().encode("utf-16")
    assert newsclean.clean(data).title == "Bridge closes for repairs"


def test_same_page_twice_gives_same_result():
    # trafilatura's process-wide dedup cache is off: a second page is not emptied.
    assert newsclean.clean(page()).text == newsclean.clean(page()).text != ""


def test_plain_text_input_is_recognised():
    doc = newsclean.clean("The council met on Monday.\nIt voted to close the bridge.")
    assert doc.metadata["input"] == "text" and doc.title is None
    assert doc.paragraphs == ("The council met on Monday.", "It voted to close the bridge.")


def test_text_with_a_less_than_sign_is_not_html():
    assert not looks_like_html("Inflation was < 2% in May.\nRates held.")
    assert looks_like_html("<p>One</p><p>Two</p><p>Three</p>")


@pytest.mark.parametrize(
    "line, headline",
    [
        ("US and Allies Can't Verify Russian Pullback of Troops near Ukraine", True),
        ("Why did the bridge close?", True),
        ("The Kremlin said Wednesday it welcomed talks on the crisis.", False),
        ('"That would be very cool," he said.', False),
        ("Dear readers:", False),
        ("x" * 300, False),
    ],
)
def test_headline_shape(line, headline):
    following = ["A much longer paragraph follows here with many more words than the line above it has, as usual."]
    assert looks_like_headline(line, following) is headline


def test_binary_input_is_a_clear_error_naming_the_source():
    with pytest.raises(InputError, match="photo.jpg: binary"):
        newsclean.clean(bytes(range(256)) * 40, name="photo.jpg")


def test_wrong_type_is_an_input_error():
    with pytest.raises(InputError):
        newsclean.clean(12345)


def test_a_lone_fragment_is_read_by_the_fallback():
    doc = newsclean.clean("<p>The council voted to close the bridge on Monday, officials said.</p>")
    assert doc.text == "The council voted to close the bridge on Monday, officials said."
    assert "fallback" in doc.metadata["extraction"]


def test_text_nested_deeper_than_lxml_reaches_is_recovered():
    deep = 2000  # libxml2 stops building the tree at 256 levels
    html = (
        "<html><body>"
        + "<div>" * deep
        + "<p>Deep text survives here, the council said.</p>"
        + "</div>" * deep
        + "</body></html>"
    )
    doc = newsclean.clean(html)
    assert doc.text == "Deep text survives here, the council said."
    assert "nests deeper" in doc.metadata["extraction"]  # re-parsed with huge_tree
