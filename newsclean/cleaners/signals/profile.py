"""Per-paragraph signals that do not depend on wording, and the document lexicon choice.

:func:`signals_of` reads one paragraph: its length, whether it addresses the reader,
speaks in the publication's own voice, opens a sentence with an imperative, reports what
someone said, carries a money amount, a price per period, a link, e-mail address or
@handle, ends like a sentence, and how much of it is function words. Quoted speech does
not count towards address or voice: a minister saying "you" is reporting.

Cost: a few set intersections and precompiled regexes per paragraph; the cleaners ask
only for the paragraphs they weigh (a tail, a phrase match) and memoise the answer on
the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import chain, islice
from typing import Any, Generic, TypeVar, overload

from newsclean.cleaners.signals.lexicon import Lexicon, best_language, languages, lexicon
from newsclean.cleaners.signals.patterns import has_link, has_money, has_period
from newsclean.cleaners.signals.sentences import stoplist, stopword_share
from newsclean.document import Document
from newsclean.textutil import ends_like_sentence, folded_words

# Characters of scripts written without spaces: about two of them make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
# Where a sentence or a clause starts: imperatives open them ("..., apoie por Pix").
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;,。！？、，]\s*|\s[-–—|•/]\s)[\"'(\[¡¿]*(\w+)")
_QUOTED = re.compile(r'"[^"]{0,600}"')
_MENU_SEPARATOR = re.compile(r"\s[·•]\s")


_T = TypeVar("_T")


class _once(Generic[_T]):
    """A value computed on first access and stored in the instance's ``__dict__``, where
    every later access finds it without a call (functools.cached_property takes a lock
    on each first access, a cost here, where most paragraphs are asked a few signals)."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> _once[_T] | _T:
        if instance is None:
            return self
        value = instance.__dict__[self._name] = self._compute(instance)
        return value


class Signals:
    """What one paragraph's shape says, independent of its wording.

    Each signal is read on first use and kept: most paragraphs are asked only for their
    length, whether they end like a sentence or carry a link (is it a heading, a
    headline?), and never pay for the address, imperative and money look-ups.
    """

    def __init__(
        self, paragraph: str, folded: str, tokens: tuple[str, ...], lex: Lexicon, *, stopwords: bool = False
    ) -> None:
        self._paragraph = paragraph
        self._folded = folded
        self._tokens = tokens
        self._lex = lex
        self._with_stopwords = stopwords

    @_once
    def words(self) -> int:
        return word_estimate(self._paragraph)

    @_once
    def quoted(self) -> bool:
        return '"' in self._folded

    # Speech inside quotation marks is someone else's voice: it neither addresses the
    # reader nor speaks for the publication.
    @_once
    def _own(self) -> str:
        return _QUOTED.sub(" ", self._folded) if self.quoted else self._folded

    @_once
    def _own_tokens(self) -> set[str]:
        return set(folded_words(self._own)) if self.quoted else set(self._tokens)

    @_once
    def address(self) -> bool:
        paragraph = self._paragraph
        return self._lex.has("address", self._own_tokens, self._own) or _cased_address(
            self._lex, _QUOTED.sub(" ", paragraph) if self.quoted else paragraph
        )

    @_once
    def voice(self) -> bool:
        """Speaks in the publication's own voice ("our journalism")."""
        return self._lex.has("voice", self._own_tokens, self._own)

    @_once
    def imperative(self) -> bool:
        """An imperative opens a sentence or clause, or a "please" word."""
        lex, own = self._lex, self._own
        starts = [m.group(1) for m in _SENTENCE_START.finditer(own)]
        return (
            lex.imperative_start(starts)
            or lex.has("please", self._own_tokens, own)
            or (lex.marks["imperative"] is not None and lex.marks["imperative"].search(own) is not None)
        )

    @_once
    def reporting(self) -> bool:
        """Reports what someone said ("said", "according to")."""
        return self._lex.has("reporting", set(self._tokens), self._folded)

    @_once
    def money(self) -> bool:
        return has_money(self._folded)

    @_once
    def period(self) -> bool:
        # A price per period ("monthly", "par mois") matters beside an amount or in a call
        # to the reader; the long alternation is not run on every paragraph.
        return (self.money or self.address or self.imperative) and has_period(self._folded)

    @_once
    def link(self) -> bool:
        return has_link(self._folded)

    @_once
    def sentence_end(self) -> bool:
        paragraph = self._paragraph
        return ends_like_sentence(paragraph) or paragraph.rstrip().endswith(("。", "！", "？", "」", "」", "।", "॥"))

    @_once
    def menu(self) -> bool:
        """Short items between "·" or "•" separators: a share bar, a menu, a footer of links."""
        return is_menu(self._paragraph)

    @_once
    def stopwords(self) -> float | None:
        """Share of function words, or None when no stop-word list applies (or when not asked for)."""
        if not self._with_stopwords:
            return None
        lex = self._lex
        return stopword_share(self._tokens, lex.language, lex.justext, self._paragraph)

    def calls(self) -> list[str]:
        """The signals of text that addresses the reader to make them act, by name."""
        found = []
        if self.address:
            found.append("second person")
        if self.imperative:
            found.append("imperative")
        if self.money:
            found.append("money amount")
        if self.period:
            found.append("price per period")
        if self.link:
            found.append("link or handle")
        if self.voice:
            found.append("publication's own voice")
        return found

    @property
    def sentence_like(self) -> bool:
        """Reads as running prose: ends like a sentence and (where a list applies) is at
        least a quarter function words."""
        return self.sentence_end and (self.stopwords is None or self.stopwords >= 0.25)


def word_estimate(text: str) -> int:
    """Whitespace words, plus one per two characters of scripts written without spaces."""
    if text.isascii() or _UNSPACED.search(text) is None:
        return len(text.split())
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def document_lexicon(doc: Document) -> Lexicon:
    """The lexicon of the document's language; guessed from its words when the reader
    could not name the language or has no lexicon for it."""

    def choose() -> Lexicon:
        language = doc.language if doc.language in languages() else None
        tokens = list(islice(chain.from_iterable(doc.tokens[:40]), 400))
        # The reader's guess knows only the languages with phrase files and can name Danish
        # text English. Running text is 40-50% function words of its own language: below 30%
        # every lexicon language's jusText list is tried, and one covering half as much
        # again wins.
        counted = _TokenCounts(tokens)
        share = counted.share(language) if tokens and language else 0.0
        if tokens and share < 0.3:
            best = counted.best_language()
            if best is not None and counted.share(best) >= 1.5 * share:
                language = best
            elif language is None:
                language = best_language(set(tokens), "\n".join(doc.folded[:40]))
        return lexicon(language)

    # Chosen from the first paragraphs' words: computed again for a rewritten document.
    return doc.memo("signals.lexicon", 0, choose, text_only=False) if doc.paragraphs else lexicon(None)


class _TokenCounts:
    """The tokens a document's lexicon is chosen from. One language's share is a look-up
    per token; when every language is tried, the tokens are counted once and each share is
    one set intersection with the language's stop-word list."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.total = len(tokens)
        self._counts: Counter[str] | None = None
        self._present: set[str] = set()

    def share(self, language: str) -> float:
        """The share of the tokens on ``language``'s jusText list (1.0 for a language without one)."""
        name = lexicon(language).justext
        if name is None:
            return 1.0  # zh, ja, th, ko: named by their script, nothing to check
        words = stoplist(name)
        if self._counts is None:
            return sum(map(words.__contains__, self.tokens)) / self.total
        counts = self._counts
        return sum(counts[w] for w in words & self._present) / self.total

    def best_language(self) -> str | None:
        """The lexicon language whose jusText list covers most of the tokens (at least a fifth)."""
        if self._counts is None:
            self._counts = Counter(self.tokens)
            self._present = set(self._counts)
        best, best_share = None, 0.2
        for language in languages():
            if lexicon(language).justext is None:
                continue
            share = self.share(language)
            if share > best_share:
                best, best_share = language, share
        return best


def may_address(doc: Document, i: int) -> bool:
    """A cheap first look: could paragraph ``i`` address the reader or open with an
    imperative? (A word of those lists anywhere, quoted or not; marks for unspaced scripts.)
    False means :func:`signals_of` would find neither."""
    lex = document_lexicon(doc)
    tokens = doc.tokens[i]
    for kind in ("address", "imperative", "please"):
        if not lex.words[kind].isdisjoint(tokens):
            return True
        mark = lex.marks[kind]
        if mark is not None and mark.search(doc.folded[i]):
            return True
    return bool(lex.cased) and _cased_address(lex, doc.paragraphs[i])


def signals_of(doc: Document, i: int) -> Signals:
    """The :class:`Signals` of paragraph ``i`` (memoised on the document; read with the
    document's lexicon, so computed again for a rewritten document)."""
    return doc.memo(
        "signals",
        i,
        lambda: read_signals(doc.paragraphs[i], doc.folded[i], doc.tokens[i], document_lexicon(doc)),
        text_only=False,
    )


def read_signals(
    paragraph: str, folded: str, tokens: tuple[str, ...], lex: Lexicon, *, stopwords: bool = False
) -> Signals:
    """The :class:`Signals` of any text (``folded`` and ``tokens`` as the document computes them).

    ``stopwords``: also measure the function-word share (None otherwise): only the
    weighing of a phrase match reads it, and it is the dearest signal."""
    return Signals(paragraph, folded, tokens, lex, stopwords=stopwords)


def is_menu(paragraph: str) -> bool:
    """Three or more items of at most four words between "·" or "•" separators
    ("Share: WhatsApp · Facebook · Copy link", "Terms · Privacy · Cookie settings").
    Prose never strings words together that way; tables use "|", which is left alone."""
    if "·" not in paragraph and "•" not in paragraph:
        return False
    items = [item.strip() for item in _MENU_SEPARATOR.split(paragraph)]
    return len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items[1:])


def _cased_address(lex: Lexicon, paragraph: str) -> bool:
    """German-style polite address: "Sie"/"Ihre" capitalised after a word, not starting a sentence."""
    if not lex.cased:
        return False
    for word in lex.cased:
        start = paragraph.find(word)
        while start > 0:
            before = paragraph[:start].rstrip()
            end = start + len(word)
            if (
                before
                and (before[-1].isalnum() or before[-1] in ",;")
                and (end == len(paragraph) or not paragraph[end].isalnum())
            ):
                return True
            start = paragraph.find(word, end)
    return False
