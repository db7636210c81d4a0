"""Near-identical passages within one document: a later copy goes, the first stays.

Paragraphs are compared as lists of case-folded ``\\w+`` tokens, so whitespace,
punctuation and case never matter. A later paragraph is a copy when its tokens

* equal an earlier paragraph's (or the title's),
* differ from them by one word replaced, added or dropped (both at least
  ``min_near_words`` long, and the word is not a number: "2 Red" is not "1 Red"), or
* end in "..." / "…" and are the first ``min_near_words`` or more tokens of an earlier one.

**Headline repeats.** Within the first ``window`` paragraphs, one that shares at least
``headline_overlap`` of its words (Jaccard) with the title or the HTML page's ``<title>`` is
the headline again, reworded by the page template ("Star Wars Jedi: Fallen Order review –
shoots for the moon" under the title "Star Wars Jedi: Fallen Order review"):
``repeats the headline (0.87 word overlap)``. A line that ends like a sentence and does
not hold the headline's words in one run is the lead sentence retelling it ("In Kyiv the
city museum reopened after three years of restoration." under "Kyiv city museum reopens
after restoration"): it stays.

**The headline printed again**, word for word, anywhere in the body goes whatever its
length: a template that repeats the headline above the article's second half is not a
refrain. The headline is the title, or, where the document has none, a first paragraph
shaped like one (no sentence end, at least three words or ten letters).

**The refrain rules.** A copy of fewer than ``min_words`` words is removed only when it
comes within ``window`` paragraphs of the earlier one: a short line repeated on
purpose far apart ("Stay safe.", a chorus) stays, a stutter right after it goes.
Copies of the title count from the top of the body and follow the same rules as copies
of a paragraph (a text file that starts with the title line reads it back as a paragraph,
so anything else would not be idempotent). A paragraph that occurs ``template_count`` times or more is
structure, not an accident of extraction (the same question put to each interviewee):
all its copies stay. And a document where ``structured_pages`` or more different
paragraphs repeat is a structured page (a recipe plan, a voting list): there only the
title and stutters within the window go.

Candidates are found through hash lookups on the whole token list and on its first and
last three tokens, so the cost stays linear in the number of paragraphs.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from newsclean.cleaners.base import Cleaner
from newsclean.document import TITLE, Document
from newsclean.textutil import ends_like_sentence, words

_BUCKET_LIMIT = 32  # candidates kept per 3-token key; bounds the work on repetitive input


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _holds_run(tokens: list[str], run: list[str]) -> bool:
    """True when ``run`` occurs in ``tokens`` as consecutive words."""
    n = len(run)
    return any(tokens[k : k + n] == run for k in range(len(tokens) - n + 1))


def _headline_shaped(paragraph: str, tokens: list[str]) -> bool:
    """Long enough to be a headline and not a sentence: at least three words, or ten
    letters in a script written without spaces."""
    if ends_like_sentence(paragraph) and not paragraph.rstrip().endswith(("?", "!")):
        return False
    return len(tokens) >= 3 or sum(ch.isalpha() for ch in paragraph) >= 10


def _one_edit_apart(a: list[str], b: list[str]) -> bool:
    """True when ``a`` and ``b`` differ by one word replaced, inserted or deleted, not a number."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diffs = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diffs) == 1 and not any(ch.isdigit() for ch in diffs[0][0] + diffs[0][1])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :] and not any(ch.isdigit() for ch in long_[i])


class Duplicates(Cleaner):
    name = "duplicates"
    summary = "later copies of the headline or of a paragraph (exact, or one word / a trailing '...' apart)"

    def __init__(
        self,
        min_words: int = 8,
        window: int = 3,
        min_near_words: int = 10,
        template_count: int = 3,
        structured_pages: int = 3,
        headline_overlap: float = 0.7,
    ):
        self.min_words = min_words
        self.window = window
        self.min_near_words = min_near_words
        self.template_count = template_count
        self.structured_pages = structured_pages
        self.headline_overlap = headline_overlap

    def __call__(self, doc: Document) -> Document:
        exact: dict[tuple[str, ...], int] = {}
        heads: dict[tuple[str, ...], list[int]] = defaultdict(list)
        tails: dict[tuple[str, ...], list[int]] = defaultdict(list)
        tokens_of: dict[int, list[str]] = {}

        def register(index: int, tokens: list[str]) -> None:
            tokens_of[index] = tokens
            exact.setdefault(tuple(tokens), index)
            for table, key in ((heads, tuple(tokens[:3])), (tails, tuple(tokens[-3:]))):
                if len(table[key]) < _BUCKET_LIMIT:
                    table[key].append(index)

        if doc.title:
            register(TITLE, words(doc.title))
        reasons: dict[int, str] = {}
        # The window counts paragraphs that stay, so a second pass over the output, where
        # the removed copies are gone, measures the same distances (idempotence).
        kept_rank: dict[int, int] = {}
        all_tokens = [list(t) for t in doc.tokens]
        counts = Counter(tuple(t) for t in all_tokens if t)
        structured = sum(1 for c in counts.values() if c > 1) >= self.structured_pages
        # The page's <title> vouches for a headline repeat only when the document keeps a
        # title: without one, that line is the only place the headline is left.
        titles = [t for t in (doc.title, doc.metadata.get("page_title") if doc.title else None) if t]
        headlines = [set(words(t)) for t in titles]
        title_tokens = [words(t) for t in titles]
        # Where the document has no title, its first paragraph may be the headline.
        headline = TITLE if doc.title and _headline_shaped(doc.title, title_tokens[0]) else None
        if not doc.title and doc.paragraphs and _headline_shaped(doc.paragraphs[0], all_tokens[0]):
            headline = 0
        for i, (paragraph, tokens) in enumerate(zip(doc.paragraphs, all_tokens)):
            if not tokens or (counts[tuple(tokens)] >= self.template_count and exact.get(tuple(tokens)) != TITLE):
                continue  # structure, unless it is the title over and over
            found = self._find(paragraph, tokens, exact, heads, tails, tokens_of, doc.positions)
            if found is None and i < self.window and headlines:
                overlap = max(_jaccard(set(tokens), h) for h in headlines)
                if overlap >= self.headline_overlap and not self._lead_sentence(paragraph, tokens, title_tokens):
                    reasons[i] = f"repeats the headline ({overlap:.2f} word overlap)"
                    continue
            if found is not None:
                j, reason, exact_copy = found
                kept = i - len(reasons)
                distance = kept - kept_rank[j] if j != TITLE else kept + 1
                # The title and a paragraph follow one rule: a text file that begins with the
                # title line reads it back as a paragraph, and cleaning must be idempotent.
                far_ok = (len(tokens) >= self.min_words and not structured) or (exact_copy and j == headline)
                if far_ok or distance <= self.window:
                    reasons[i] = reason
                    continue
            kept_rank[i] = i - len(reasons)
            register(i, tokens)
        return doc.drop(reasons, by=self.name)

    @staticmethod
    def _lead_sentence(paragraph: str, tokens: list[str], title_tokens: list[list[str]]) -> bool:
        """A sentence retelling the headline in more words, not the headline reprinted."""
        if not ends_like_sentence(paragraph) or paragraph.rstrip().endswith(("?", "!")):
            return False
        return not any(run and _holds_run(tokens, run) for run in title_tokens)

    def _find(self, paragraph, tokens, exact, heads, tails, tokens_of, positions):
        def where(j: int) -> str:  # numbered as in the input, so a reader can find it
            return "the title" if j == TITLE else f"paragraph {positions[j] + 1}"

        j = exact.get(tuple(tokens))
        if j is not None:
            return j, f"same as {where(j)} (up to case, spacing and punctuation)", True
        if len(tokens) < self.min_near_words:
            return None
        truncated = paragraph.rstrip().endswith(("...", "…"))
        candidates = heads.get(tuple(tokens[:3]), []) + tails.get(tuple(tokens[-3:]), [])
        for j in sorted(set(candidates), key=lambda k: (k != TITLE, k)):
            other = tokens_of[j]
            if _one_edit_apart(tokens, other):
                similarity = 1 - 1 / max(len(tokens), len(other))
                return j, f"{similarity:.2f} similar to {where(j)} (one word apart)", False
            if (
                truncated
                and len(other) > len(tokens)
                and other[: len(tokens) - 1] == tokens[:-1]
                and other[len(tokens) - 1].startswith(tokens[-1])
            ):
                return j, f"truncated copy of {where(j)} ({len(tokens)} of {len(other)} words)", False
        return None
