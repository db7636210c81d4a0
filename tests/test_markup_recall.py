"""Markup evidence must not take article text on pages nobody tuned to (issue 12 §5, issue 13 item 5).

Each page here is written for the test: an ordinary article whose markup carries one of
the traps (a marker word inside a section's class name, a Related box in the middle of
the story, the story's second half in a hidden or paywall container, a sub-headline the
body repeats). Each test fails on the code before the fix.
"""

from __future__ import annotations

import pytest

import newsclean
from newsclean.reading.markers import marker_of

SENTENCES = [
    "The regional council voted on Tuesday to extend the harbour bridge repairs until the end of next spring.",
    "Engineers told the meeting that corrosion in the northern span had spread faster than the survey predicted.",
    "Traffic will be limited to one lane in each direction, and heavy lorries will be diverted through the ring road.",
    "Local shop owners said the closures had already cut the number of customers arriving from the mainland.",
    "The council's transport chief said the extra months were the price of doing the work properly this time.",
    "A public meeting about the diversions is planned for the community hall on the first Monday of the month.",
    "Residents of the old quarter asked for quieter night work after complaints about noise during the summer.",
    "The contractor has promised to publish a weekly schedule so that commuters can plan their journeys ahead.",
    "Opposition members questioned why the original estimate had missed the damage found in the later survey.",
    "The final bill is expected to exceed the budget set two years ago by roughly a fifth, officials admitted.",
]


def paragraphs(sentences):
    return "".join(f"<p>{s} {s.replace('The ', 'Meanwhile the ', 1)}</p>\n" for s in sentences)


def page(body: str, *, head: str = "", title: str = "Harbour bridge repairs extended into spring") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        f"<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<article><h1>{title}</h1>\n{body}</article>"
        f"<footer><p>Contact the newsroom</p></footer></body></html>"
    )


def kept(html: str) -> tuple[str, newsclean.Document]:
    doc = newsclean.clean(html)
    return doc.text, doc


# (trafilatura itself drops some such sections, "shareholder-letter" or "social-affairs" among
# them; these are ones it keeps, so what newsclean does with them shows.)
@pytest.mark.parametrize(
    "name",
    [
        "market-share",
        "advertorial-body",
        "sponsorship-story",
        "donation-report",
        "trending-analysis",
        "subscriber-numbers",
    ],
)
def test_a_section_whose_class_holds_a_marker_word_keeps_its_paragraphs(name):
    body = (
        paragraphs(SENTENCES[:3])
        + f'<section class="{name}">{paragraphs(SENTENCES[3:8])}</section>'
        + paragraphs(SENTENCES[8:])
    )
    text, doc = kept(page(body))
    for sentence in SENTENCES:
        assert sentence in text, (name, sentence)
    assert "suspicious" not in doc.metadata


@pytest.mark.parametrize(
    "name, marker",
    [
        ("shareholder-letter", None),
        ("advertorial-body", None),
        ("unrelated-findings", None),
        ("related-posts", "related"),
        ("socialShareButtons", "social"),
        ("sharebar", "share"),
        ("newsletter_signup", "newsletter"),
        ("most-popular", "most popular"),
    ],
)
def test_marker_words_are_whole_words_of_the_name(name, marker):
    assert marker_of(name) == marker


def test_a_real_share_box_is_still_removed():
    box = '<div class="donation-box"><p>Every gift keeps this newsroom independent and free to read</p></div>'
    text, doc = kept(page(paragraphs(SENTENCES[:5]) + box + paragraphs(SENTENCES[5:])))
    assert "Every gift keeps" not in text
    assert any(c.cleaner == "page_blocks" for c in doc.changes)
    assert SENTENCES[5] in text


def test_a_related_box_in_the_middle_of_the_story_does_not_take_what_follows():
    related = (
        '<h3 class="related-heading">Related stories</h3><ul>'
        + "".join(f"<li><a href='/n/{i}'>Other headline number {i} about the city budget</a></li>" for i in range(4))
        + "</ul>"
    )
    after = SENTENCES[4:]  # one sentence each: shorter than a long paragraph, still reporting
    text, doc = kept(page(paragraphs(SENTENCES[:4]) + related + "".join(f"<p>{s}</p>" for s in after)))
    for sentence in SENTENCES:
        assert sentence in text, sentence
    assert "Other headline number 1" not in text


@pytest.mark.parametrize(
    "container",
    [
        '<div class="paywall-content">',
        '<div hidden class="article-rest">',
    ],
)
def test_the_story_continued_in_a_hidden_container_is_kept(container):
    body = paragraphs(SENTENCES[:5]) + container + paragraphs(SENTENCES[5:]) + "</div>"
    text, doc = kept(page(body))
    for sentence in SENTENCES:
        assert sentence in text, sentence


def test_hidden_text_outside_the_story_is_still_removed():
    hidden_menu = (
        '<div style="display:none" class="mobile-drawer"><p>Sign in to manage your account settings '
        "and saved articles from any device you like.</p></div>"
    )
    html = page(paragraphs(SENTENCES)).replace("<footer>", hidden_menu + "<footer>")
    text, _ = kept(html)
    assert "Sign in to manage" not in text
    assert SENTENCES[-1] in text


DEK = "Engineers found corrosion in the northern span had spread faster than the survey predicted"


def headed_page(body: str) -> str:
    title = "Harbour bridge repairs extended into spring"
    return (
        f"<html><head><title>{title}</title></head><body><article>"
        f"<div class='headline-box'><h1>{title}</h1><h2>{DEK}</h2></div>{body}</article></body></html>"
    )


def test_a_sub_headline_the_body_prints_again_is_article_text():
    text, doc = kept(headed_page(f"<div class='story'><p>{DEK}.</p>{paragraphs(SENTENCES[2:])}</div>"))
    assert DEK in text, doc.changes


def test_a_sub_headline_shown_once_is_still_the_standfirst():
    text, doc = kept(headed_page(f"<div class='story'>{paragraphs(SENTENCES[2:])}</div>"))
    assert DEK not in text
    assert any(c.cleaner == "standfirst" for c in doc.changes)


def test_markup_removals_count_toward_the_safety_valve():
    # Most of the story in short paragraphs inside a section whose name holds a marker word:
    # never gone without the held-back flag.
    short = [" ".join(s.split()[:9]) + "." for s in SENTENCES]
    p = "".join
    body = (
        p(f"<p>{s}</p>" for s in short[:2])
        + '<div class="market-share">'
        + p(f"<p>{s}</p>" for s in short[2:6])
        + '</div><div class="promo-codes-explained">'
        + p(f"<p>{s}</p>" for s in short[6:])
        + "</div>"
    )
    text, doc = kept(page(body))
    assert all(s in text for s in short), doc.changes
    assert "suspicious" in doc.metadata


def test_a_line_like_the_page_title_stays_when_the_document_has_no_title():
    from newsclean.cleaners.duplicates import Duplicates
    from newsclean.document import Document

    line = "Harbour bridge repairs extended into spring again"
    doc = Document.from_paragraphs(
        [line, SENTENCES[0], SENTENCES[1]], metadata={"page_title": "Harbour bridge repairs extended into spring"}
    )
    assert Duplicates()(doc).paragraphs[0] == line  # the only place the headline is left
    titled = Document.from_paragraphs(
        [line, SENTENCES[0]],
        title="Bridge repairs",
        metadata={"page_title": "Harbour bridge repairs extended into spring"},
    )
    assert line not in Duplicates()(titled).paragraphs


# --- widget boxes (reading/boxes.py): the text printed around a form or an ad slot ---------
# The class names below are neutral on purpose ("module", "box-3"): the evidence is the form
# field or the ad server, whatever the site calls its blocks.

PITCH = "Every Friday morning the week's harbour news, sent straight to you at no cost."


def removal_reasons(doc: newsclean.Document) -> dict[str, str]:
    return {c.before: c.reason for c in doc.changes if c.removed}


@pytest.mark.parametrize(
    "field",
    ['<input type="email" name="e"><button>Go</button>', '<input type="password" name="p">', "<textarea></textarea>"],
)
def test_the_pitch_beside_a_form_with_a_text_field_goes(field):
    body = (
        paragraphs(SENTENCES[:3])
        + (f'<div class="module"><h4>Harbour Weekly</h4><p>{PITCH}</p><form action="/x">{field}</form></div>')
        + paragraphs(SENTENCES[3:6])
    )
    text, doc = kept(page(body))
    assert PITCH not in text and "Harbour Weekly" not in text
    assert removal_reasons(doc)[PITCH].startswith("beside a sign-up, log-in or comment form on the page")
    assert all(s in text for s in SENTENCES[:6])


def test_a_search_form_is_no_evidence():
    body = (
        paragraphs(SENTENCES[:3])
        + (f'<div class="module"><p>{PITCH}</p><form action="/search"><input type="search" name="q"></form></div>')
        + paragraphs(SENTENCES[3:6])
    )
    text, _ = kept(page(body))
    assert PITCH in text


def test_a_form_inside_the_story_container_does_not_take_the_story():
    # The form sits directly in the block that holds the article's paragraphs.
    body = f'<div class="body">{paragraphs(SENTENCES[:2])}<form><textarea></textarea></form></div>'
    text, _ = kept(page(body))
    assert all(s in text for s in SENTENCES[:2])


def test_a_form_box_is_measured_in_characters_so_chinese_prose_stays():
    story = [
        "市议会周二投票决定，将港口大桥的维修工程延长到明年春天结束，工程师表示北段的腐蚀比预计的更严重。",
        "交通将在每个方向限制为一条车道，重型卡车将改道环城公路行驶，当地商户说顾客已经明显减少。",
        "承包商承诺每周公布施工时间表，以便通勤者提前安排出行，官员承认最终费用将超出预算约五分之一。",
    ]
    body = "".join(f"<p>{s}</p>" for s in story)
    html = page(
        f'<div class="wrap">{body}<form><input type="email"></form></div>', title="港口大桥维修工程延长至明年春天"
    )
    text, _ = kept(html)
    assert all(s in text for s in story)


@pytest.mark.parametrize(
    "slot",
    [
        '<ins class="adsbygoogle" data-ad-client="ca-pub-1"></ins>',
        '<iframe src="https://securepubads.g.doubleclick.net/gampad/ads?sz=300x250"></iframe>',
    ],
)
def test_the_label_above_an_ad_slot_goes_however_short(slot):
    # Icelandic "advertisement": a word no phrase list knows, so only the markup can tell.
    body = paragraphs(SENTENCES[:3]) + f'<div class="box-3"><p>Auglýsing</p>{slot}</div>' + paragraphs(SENTENCES[3:6])
    text, doc = kept(page(body))
    assert "Auglýsing" not in text.split("\n")
    assert removal_reasons(doc)["Auglýsing"] == "beside an ad slot on the page"


def test_an_ad_slot_in_the_header_does_not_take_the_byline():
    byline = "By Maria Jensen, transport correspondent, in Harbour City"
    body = (
        f'<div class="top"><p>{byline}</p>'
        '<iframe src="https://tpc.googlesyndication.com/safeframe/1"></iframe></div>' + paragraphs(SENTENCES[:5])
    )
    _, doc = kept(page(body))
    assert not any(r == "beside an ad slot on the page" for r in removal_reasons(doc).values())


def test_a_short_heading_over_a_list_of_links_goes_with_the_list():
    links = "".join(f'<li><a href="/story/{i}">{s.split(",")[0]}</a></li>' for i, s in enumerate(SENTENCES[6:9]))
    body = paragraphs(SENTENCES[:4]) + f"<h3>From the islands</h3><ul>{links}</ul>" + paragraphs(SENTENCES[4:6])
    text, doc = kept(page(body))
    assert "From the islands" not in text
    assert removal_reasons(doc)["From the islands"] == "the heading of a list of links on the page"


@pytest.mark.parametrize(
    "items",
    [
        # a list of points, not of links
        "".join(f"<li>{s}</li>" for s in SENTENCES[6:9]),
        # a table of contents: links within the page
        "".join(f'<li><a href="#part{i}">{s.split(",")[0]}</a></li>' for i, s in enumerate(SENTENCES[6:9])),
    ],
)
def test_a_heading_over_a_list_that_is_not_of_links_elsewhere_stays(items):
    body = paragraphs(SENTENCES[:4]) + f"<h3>What the council decided</h3><ul>{items}</ul>" + paragraphs(SENTENCES[4:6])
    text, _ = kept(page(body))
    assert "What the council decided" in text
