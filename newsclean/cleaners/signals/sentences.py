"""Does a paragraph read like running sentences? Stop-word density, in any language.

Running text is a third or more function words ("the", "of", "que", "и", "का"); a list
item, a button label or a price line is mostly content words. jusText ships stop-word
lists for about 100 languages; each is loaded on first use (a few ms), only for the
languages met. Scripts written without spaces have no lists there: for them, the share
of a few particles per character stands in (の/は/が, 的/了/是, ที่/และ/ว่า).
"""

from __future__ import annotations

import re
from functools import cache

# Lexicon language -> jusText list name, for the lists named differently from the lexicon.
_PARTICLES = {
    "ja": re.compile("[のはがをにでとも]|です|ます|した"),
    "zh": re.compile("[的了是在和有也就都而]"),
    "th": re.compile("ที่|และ|ว่า|ของ|ใน|ได้|เป็น|การ|จะ|ไม่"),
}


@cache
def stoplist(name: str | None) -> frozenset[str]:
    """The jusText stop words of list ``name`` ("English", "Czech", ...), casefolded; empty if none."""
    if not name:
        return frozenset()
    try:
        import justext
    except ImportError:  # pragma: no cover - justext comes with trafilatura
        return frozenset()
    try:
        return frozenset(w.casefold() for w in justext.get_stoplist(name))
    except (ValueError, KeyError, OSError):
        return frozenset()


def stopword_share(tokens: tuple[str, ...], language: str | None, justext_name: str | None, text: str) -> float | None:
    """The share of function words among the paragraph's words; None when no list applies."""
    particles = _PARTICLES.get(language or "")
    if particles is not None:
        letters = sum(ch.isalpha() for ch in text)
        return min(1.0, 3 * len(particles.findall(text)) / letters) if letters else 0.0
    words = stoplist(justext_name)
    if not words or not tokens:
        return None
    return sum(t in words for t in tokens) / len(tokens)
