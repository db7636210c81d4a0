"""Sort leftover boilerplate lines into rough categories, so the report can say what is left.

Rules are tried in order and the first that matches names the category. They are
deliberately crude keyword tests over the bench's languages (mostly English and German):
they are for counting and triage, not for cleaning, and a miscategorised line costs
nothing but a row in a table.
"""

from __future__ import annotations

import re

from .scoring import fold_quotes, normalize_space, tokens


def _any(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words), re.IGNORECASE)


#: (category, pattern) in priority order; patterns run on the folded, normalised line.
KEYWORD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("table row or separator", re.compile(r"^\|[-|: ]+\|$|(\|.*){3,}")),
    (
        "copyright / legal",
        _any(
            r"©",
            r"ⓒ",
            r"\bcopyright\b",
            r"all rights reserved",
            r"alle rechte",
            r"tous droits",
            r"todos los derechos",
            r"무단전재",
            r"\bimpressum\b",
            r"datenschutz",
            r"privacy",
            r"cookie",
            r"terms of (use|service)",
            r"\breprint",
            r"nutzungsbedingungen",
            r"written permission",
        ),
    ),
    (
        "newsletter / subscription / login",
        _any(
            r"newsletter",
            r"subscri",
            r"sign(ing)? ?up",
            r"\babonn",
            r"suscr",
            r"registrier",
            r"eingeloggt",
            r"\blog ?in\b",
            r"anmelden",
            r"zaloguj",
            r"pour (lire|acc[eé]der)",
            r"przeczytasz",
            r"delivered (to|through) your",
        ),
    ),
    (
        "related / read more",
        _any(
            r"related",
            r"read (more|also)",
            r"also read",
            r"see also",
            r"^also:",
            r"more (from|on|stories)",
            r"full coverage",
            r"popular on",
            r"recommend",
            r"most (read|popular)",
            r"lesen sie (auch|mehr)",
            r"mehr zum thema",
            r"mehr themen",
            r"weitere (artikel|themen|informationen|beitr)",
            r"auch auf",
            r"empfohlen",
            r"top-themen",
            r"meist-",
            r"^lea( |:)",
            r"[àa] lire",
            r"leggi anche",
            r"leia (tamb[eé]m|mais)",
            r"dowiedz si[eę]",
            r"vorschau auf",
            r"kommentierte artikel",
            r"beitr[aä]ge aus",
            r"das k[oö]nnte sie",
            r"you (may|might) (also )?like",
        ),
    ),
    (
        "share / follow / contact",
        _any(
            r"\bshare\b",
            r"\btweet",
            r"facebook",
            r"twitter",
            r"instagram",
            r"whatsapp",
            r"telegram",
            r"youtube",
            r"follow (us|her|him|me)",
            r"s[ií]guenos",
            r"\bteilen\b",
            r"\bcontact\b",
            r"kontakt",
            r"e-?mail",
            r"have a tip",
            r"\bapps? for\b",
            r"ansprechpartner",
            r"@\w+\.\w+",
        ),
    ),
    ("comments", _any(r"comment", r"kommentar", r"coment[aá]rio", r"\breply\b", r"\bantworten\b", r"\bforum\b")),
    (
        "ads / promotion / shopping",
        _any(
            r"advert",
            r"\banzeige\b",
            r"werbung",
            r"sponsor",
            r"affiliate",
            r"publicidad",
            r"pubblicit",
            r"\bpromo",
            r"\bdeals?\b",
            r"bestseller",
            r"\bgift\b",
            r"\bshop\b",
            r"\bbuy\b",
            r"click here",
        ),
    ),
    (
        "byline / credit / source",
        _any(
            r"^(by|von|par|por|di|door|written by) [A-ZÄÖÜ]",
            r"contributed to this report",
            r"reporting by",
            r"^(quelle|source|fonte|fuente|photo|foto|bild|image|credit)s?\b",
            r"\b(getty|reuters|afp|dpa)\b",
            r"\bphoto(s|graph)?\b",
            r"^[A-Z][\w.-]+ ?/ ?[A-Z][\w.-]+$",
        ),
    ),
)

_DATE = _any(
    r"\b\d{1,2}[:.h]\d{2}\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d",
    r"\bupdated\b",
    r"\bpublished\b",
    r"ver[oö]ffentlicht",
    r"aktualisiert",
    r"^stand:",
    r"\b(januar|februar|m[aä]rz|oktober|dezember)\b",
    r"\b(outubro|novembro|octubre|noviembre|settembre|novembre)\b",
    r"기사입력",
)
DATE_MAX_WORDS = 14
SHORT_MAX_WORDS = 8
STANDFIRST_MIN_WORDS = 8


def _similar(a: str, b: str) -> bool:
    ta, tb = [t.lower() for t in tokens(a)], [t.lower() for t in tokens(b)]
    if not ta or not tb:
        return False
    common = len(set(ta) & set(tb))
    return common / max(len(set(ta)), len(set(tb))) >= 0.8


def categorize(line: str, *, title: str | None = None, first: bool = False) -> str:
    """The category of a boilerplate ``line``; ``first`` marks the body's first paragraph.

    >>> categorize("Subscribe to our newsletter")
    'newsletter / subscription / login'
    >>> categorize("- Photos: Europa, icy moon")
    'bulleted headline list'
    >>> categorize("A short summary of the story that leads the page.", first=True)
    'standfirst / lede'
    """
    text = normalize_space(fold_quotes(line))
    words = len(tokens(text))
    if title and _similar(text, title):
        return "headline repeated"
    if text.startswith(("- ", "• ", "* ")) and words > 1:
        return "bulleted headline list"
    for name, pattern in KEYWORD_RULES:
        if pattern.search(text):
            return name
    if words <= DATE_MAX_WORDS and _DATE.search(text):
        return "date / time line"
    if first and words >= STANDFIRST_MIN_WORDS:
        return "standfirst / lede"
    if words <= SHORT_MAX_WORDS:
        return "short fragment (label, nav, headline)"
    return "other prose"
