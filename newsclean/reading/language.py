"""Language identification: a cheap guess first, seeded langdetect where it decides something.

langdetect costs several milliseconds a call, more than the whole plain-text cleaning
budget of a document, so :func:`guess` answers from the writing system and from
function words, and :func:`detect` (langdetect) is called only to confirm a suspected
difference. langdetect gets its own factory with ``seed = 0``: deterministic, and
without touching the global factory other code in the process may use.

:func:`detect` runs langdetect's algorithm on ``langdetect-rs`` when it is installed: a
Rust port that reproduces langdetect 1.0.9's random walk (same Mersenne Twister, same
floating-point operations in the same order), so every probability is bit-identical
(``tests/test_language.py`` compares the two where both are installed), at a tenth to
a thirtieth of the cost. Without it, the original pure-Python langdetect runs.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache

from newsclean.phrases.book import signature_letters, stopwords
from newsclean.textutil import words

# Scripts that name a language (or a family we report by its largest member).
_SCRIPT_LANGUAGE = {
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "THAI": "th",
    "DEVANAGARI": "hi",
    "CYRILLIC": "ru",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "BENGALI": "bn",
    "TAMIL": "ta",
}
_lock = threading.Lock()


def script_of(ch: str) -> str:
    """The first word of the character's Unicode name: LATIN, CYRILLIC, CJK, ..."""
    if ch.isascii():
        return "LATIN"
    return _script_of_non_ascii(ch)


@lru_cache(maxsize=8192)  # a text uses few distinct letters; their names are looked up once
def _script_of_non_ascii(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "UNKNOWN"


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())


def dominant_script(text: str, sample: int = 3000) -> str | None:
    """The writing system most letters of the first ``sample`` characters use."""
    head = text[:sample]
    if head.isascii():
        return "LATIN" if _ASCII_LETTER.search(head) else None
    ascii_bytes = head.encode("ascii", "ignore")
    counts: dict[str, int] = {"LATIN": len(ascii_bytes.translate(None, _NOT_ASCII_LETTER))}
    # Only the non-ASCII letters need a name lookup, once per distinct letter.
    for ch, n in Counter(_ASCII_RUNS.sub("", head)[:400]).items():
        if ch.isalpha():
            s = script_of(ch)
            counts[s] = counts.get(s, 0) + n
    counts = {k: v for k, v in counts.items() if v}
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


# Letters only Ukrainian writes, and letters Russian writes that Ukrainian and Bulgarian do not.
_UKRAINIAN_LETTERS = "іїєґ"
_RUSSIAN_LETTERS = "ыэё"


def cyrillic_language(text: str) -> str:
    """Russian, Ukrainian or Bulgarian, by letters only one of them writes.

    Ukrainian has і, ї, є, ґ and never ы, э, ё; a Russian text naming Київ has the one ї
    and many ы. Bulgarian has none of ы, э, ё either and writes ъ as a vowel in most
    sentences (България, във, със), where Russian has it in a few words (объявил). A text
    too short to show any of these stays Russian, the guess before these letters counted.

    >>> cyrillic_language("Підтримайте незалежну журналістику"), cyrillic_language("Подкрепете ни във всеки ден със абонамент")
    ('uk', 'bg')
    """
    lower = text.lower()
    ukrainian = sum(map(lower.count, _UKRAINIAN_LETTERS))
    russian = sum(map(lower.count, _RUSSIAN_LETTERS))
    if ukrainian >= 2 and ukrainian > 2 * russian:
        return "uk"
    if russian == 0 and ukrainian == 0 and lower.count("ъ") >= 2 and _leans_bulgarian(lower):
        return "bg"
    return "ru"


def _leans_bulgarian(lower: str) -> bool:
    """At least as many function words only Bulgarian's list has (се, ще, това, че) as
    words only Russian's has (что, это, о, был): "Президент объявил о подъезде" stays Russian."""
    lists = stopwords()
    bulgarian, russian = lists.get("bg", frozenset()), lists.get("ru", frozenset())
    tokens = words(lower)
    return sum(t in bulgarian and t not in russian for t in tokens) >= sum(
        t in russian and t not in bulgarian for t in tokens
    )


def guess(text: str) -> tuple[str | None, float]:
    """A cheap ``(language, confidence)`` guess; ``(None, 0.0)`` when unsure.

    Non-Latin scripts decide by themselves (Japanese kana beats Chinese characters);
    Latin text is scored by the share of its words that are function words of each
    language with a phrase file.
    """
    script = dominant_script(text)
    if script is None:
        return None, 0.0
    if script != "LATIN":
        if script == "CJK" and any(script_of(c) in ("HIRAGANA", "KATAKANA") for c in text[:400]):
            return "ja", 0.9
        if script == "CYRILLIC":
            # Cyrillic also writes Serbian, Macedonian, ...: a lower confidence says so.
            return cyrillic_language(text[:3000]), 0.8
        lang = _SCRIPT_LANGUAGE.get(script)
        return (lang, 0.9) if lang else (None, 0.0)
    sample = text[:2000]
    return _best_stopword_language(words(sample), set(sample.lower()))


def _best_stopword_language(
    tokens: list[str], letters: set[str] | frozenset[str] = frozenset()
) -> tuple[str | None, float]:
    if not tokens:
        return None, 0.0
    # Function words score one each; a letter typical of the language scores two, which
    # decides short lines ("Üye değilseniz hemen üye olun") that hold few function words.
    counts = Counter(tokens)
    scores = dict.fromkeys(stopwords(), 0)
    # Only the function words present are visited: each adds its count to its languages.
    languages_of = _languages_of_stopword()
    for word in languages_of.keys() & counts.keys():
        n = counts[word]
        for lang in languages_of[word]:
            scores[lang] += n
    for lang, letters_ in signature_letters().items():
        if not letters.isdisjoint(letters_):
            scores[lang] += 2
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    share = best_hits / len(tokens)
    # Function words make up a third or more of running text in these languages; a low
    # share or a close runner-up means another language or too little text.
    if best_hits < 2 or share < 0.12 or best_hits < 1.5 * runner_up:
        return None, share
    return best, min(1.0, share * 2.5)


@lru_cache(maxsize=1)
def _languages_of_stopword() -> dict[str, tuple[str, ...]]:
    """Each function word of :func:`~newsclean.phrases.book.stopwords` -> the languages listing it."""
    found: dict[str, list[str]] = {}
    for lang, words_ in stopwords().items():
        for word in words_:
            found.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in found.items()}


@lru_cache(maxsize=1)
def installed_backend():
    """langdetect's modules: the Rust port when installed, else the original."""
    try:
        import langdetect_rs.detector_factory as factory_module
        from langdetect_rs.lang_detect_exception import LangDetectException
    except ImportError:
        import langdetect.detector_factory as factory_module
        from langdetect.lang_detect_exception import LangDetectException
    return factory_module, LangDetectException


@lru_cache(maxsize=2)
def _factory(backend):
    factory_module, _ = backend
    factory = factory_module.DetectorFactory()
    factory.load_profile(factory_module.PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect(text: str, backend=None) -> tuple[str | None, float]:
    """langdetect's best ``(language, probability)``, deterministic; ``(None, 0.0)`` if it cannot tell.

    ``backend``: ``(detector_factory module, LangDetectException)`` to use instead of the
    installed one (tests compare the Rust port with the original this way).
    """
    backend = backend or installed_backend()
    with _lock:  # the factory is shared; detectors are cheap to create
        factory = _factory(backend)
    try:
        detector = factory.create()
        detector.append(text[:2000])
        best = detector.get_probabilities()[0]
    except (backend[1], IndexError):
        return None, 0.0
    lang = best.lang.split("-")[0]
    return lang, round(best.prob, 2)


def identify(text: str) -> tuple[str | None, float]:
    """The cheap guess when it is sure, langdetect otherwise."""
    lang, confidence = guess(text)
    if lang is not None:
        return lang, confidence
    return detect(text)
