"""Comment and log-in forms, newsletter boxes and share/follow lines, recognised by their
shape in any wording: several furniture word families together in a short paragraph that
does not report (:mod:`newsclean.cleaners.signals.furniture`, per-language data).

* **Comment furniture**: a comment-family word ("Kommentare", "opiniones", "댓글") with a
  second sign of the form: a log-in word, a moderation rule, a button, a count
  ("12 comments"), a turn to the reader ("Write your opinion"), the article named
  ("Diskuse k článku"); or alone, as a short heading at the tail with no prose after it.
  A log-in line ("Sign in with your account") at an edge, turning to the reader or
  beside a button. Short label lines next to such a line (Name, E-mail, Post) go with it.
* **Newsletter box**: an e-mail, newsletter or unsubscribe word with two more of: a
  sign-up word, a cadence ("every Friday", "毎朝"), "free", "unsubscribe", a turn to
  the reader.
* **Share and follow lines**: two network names; one with a share or follow verb; or a
  share / follow verb with a friend, the article or "useful" ("Send the article to a
  friend", "Found this useful? Pass it on"), turning to the reader or not a sentence.

Comment and log-in signs are weighed with the position (tail and top for, body against)
and the length. A line about someone else's service ("on the council's website") or about
what members, subscribers or readers get, not turned to the reader, is news. None of it applies to a paragraph longer than ``max_words`` words, one
that reports ("said", "according to"), quoted speech, or one the phrase evidence weighs
as reporting (:func:`newsclean.cleaners.signals.evidence.reporting_score`, its bar raised
by each sign beyond a rule's minimum): a story *about* comment sections or newsletters
keeps its text. See docs/cleaners/forms.md.
"""

from __future__ import annotations

import re

from newsclean.cleaners.base import Cleaner, is_quoted_speech
from newsclean.cleaners.signals import Signals, document_lexicon, signals_of
from newsclean.cleaners.signals.evidence import KEEP_AT, reporting_score
from newsclean.cleaners.signals.furniture import Found, find_many
from newsclean.cleaners.signals.furniture import languages as furniture_languages
from newsclean.document import Document

# Where a sentence starts: the paragraph's start, or after a full stop, "?", "!" or a colon.
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;。！？]\s*)[\"'(\[¡¿]*(\w+)")
_NUMBER = re.compile(r"\d+")
_FORM_LABELS = frozenset(("field", "button", "comment", "login", "policy"))
_NEWSLETTER_CORE = ("mail", "letter", "unsubscribe")
_NEWSLETTER_KINDS = ("mail", "letter", "signup", "unsubscribe", "cadence", "free")


class Forms(Cleaner):
    name = "forms"
    summary = "comment and log-in forms, newsletter boxes and share/follow lines by their shape, in 31 languages"

    def __init__(
        self,
        max_words: int = 30,
        social_words: int = 30,
        tail: int = 4,
        lead: int = 2,
        label_words: int = 4,
        max_paragraphs: int = 2000,
    ):
        self.max_words = max_words
        self.max_paragraphs = max_paragraphs
        self.social_words = social_words
        self.tail = tail
        self.lead = lead
        self.label_words = label_words

    def __call__(self, doc: Document) -> Document:
        n = len(doc.paragraphs)
        if not n or n > self.max_paragraphs:
            return doc  # empty; too long to be an article (a log, a dump)
        # The reader's guess when it has families (cheap); else the signals' own choice.
        language = doc.language if doc.language in furniture_languages() else document_lexicon(doc).language
        found: dict[int, Found] = {}
        reasons: dict[int, str] = {}
        # Too long to be furniture: not even scanned.
        short = [
            i
            for i, paragraph in enumerate(doc.paragraphs)
            if doc.word_counts[i] <= self.max_words and len(paragraph) <= 16 * self.max_words
        ]
        for i, hits in zip(short, find_many([doc.folded[i] for i in short], language)):
            if not hits.words:
                continue
            found[i] = hits
            if self._may_be_furniture(doc, i, hits):
                reason = self._judge(doc, i, hits)
                if reason:
                    reasons[i] = reason
        reasons.update(self._form_labels(doc, found, reasons))
        return doc.drop(reasons, by=self.name) if reasons else doc

    # -- one paragraph ---------------------------------------------------------------

    def _may_be_furniture(self, doc: Document, i: int, hits: Found) -> bool:
        """A cheap first look, before any signal is read: could one of the rules hold?"""
        kinds = hits.words
        if "comment" in kinds:
            return len(kinds) >= 2 or doc.word_counts[i] <= 12 or not doc.paragraphs[i].isascii()
        if "login" in kinds and self._place(doc, i) != "body":
            return True
        if any(f in kinds for f in _NEWSLETTER_CORE) and sum(f in kinds for f in _NEWSLETTER_KINDS) >= 2:
            return True
        if "network" in kinds:
            return True
        if "follow" in kinds and len(set(kinds["follow"])) >= 2:
            return True
        return ("share" in kinds or "follow" in kinds) and len(kinds) >= 2

    def _judge(self, doc: Document, i: int, hits: Found) -> str | None:
        signals = signals_of(doc, i)
        paragraph = doc.paragraphs[i]
        if signals.words > self.max_words or is_quoted_speech(paragraph):
            return None
        if signals.words > 4 and paragraph.rstrip().endswith((":", "：")):
            return None  # "Here you can register:" announces what follows
        if signals.reporting and signals.words > 10:
            return None  # "Subscribers interviewed for the report said ...": reporting
        if len(doc.paragraphs) < 3 and not self._calls(doc, i):
            return None  # a headline judged alone ("Paper ends its free weekly newsletter")
        if "elsewhere" in hits and not signals.voice:
            return None  # "sign up on the council's website": someone else's service, news you can use
        verdict = self._comments(doc, i, hits)
        if verdict is None and not self._about_others(doc, i, hits):
            verdict = self._newsletter(doc, i, hits) or self._social(doc, i, hits)
        if verdict is None:
            return None
        reason, surplus = verdict
        # Each sign beyond the rule's minimum raises the bar the text around must clear to
        # read as reporting (signals.evidence).
        if reporting_score(doc, i, hits.first)[0] >= KEEP_AT + surplus:
            return None
        return reason

    def _about_others(self, doc: Document, i: int, hits: Found) -> bool:
        """Talks about members, subscribers, readers or users without turning to the
        reader: "Members receive a weekly newsletter by email" reports what others get.
        (The comment rule lets a form's access rule through: "Only registered readers may
        comment".)"""
        return "audience" in hits and not self._calls(doc, i)

    def _calls(self, doc: Document, i: int) -> list[str]:
        """Second-person address, and an imperative that opens a sentence (not a clause:
        "..., werden mit Spannung erwartet" is no call)."""
        signals = signals_of(doc, i)
        calls = []
        if signals.imperative:
            lex = document_lexicon(doc)
            if (
                not lex.words["imperative"]
                or lex.imperative_start([m.group(1) for m in _SENTENCE_START.finditer(doc.folded[i])])
                or lex.has("please", set(doc.tokens[i]), doc.folded[i])
            ):
                calls.append("imperative")
        if signals.address:
            calls.append("second person")
        return calls

    def _at_tail(self, doc: Document, i: int) -> bool:
        n = len(doc.paragraphs)
        return n >= 3 and i >= n - self.tail

    def _comments(self, doc: Document, i: int, hits: Found) -> tuple[str, int] | None:
        """Comment-family words with signs of the form, weighed with the position: the
        tail or the top counts for, the body against, more than 15 words against. Labels,
        buttons, counts and calls count in short lines only: "And you will receive the
        following reply from the server" is a sentence, not a form."""
        signals = signals_of(doc, i)
        kinds = hits.kinds()
        short = signals.words <= 8
        support = [f"{f} word {hits.words[f][0]!r}" for f in ("policy",) if f in kinds]
        if short:
            support += [f"{f} {hits.words[f][0]!r}" for f in ("button", "field") if f in kinds]
        if "comment" in kinds:
            label = "comment furniture"
            if "login" in kinds:
                support.append(f"login word {hits.words['login'][0]!r}")
            if signals.words <= 12 and _counted(doc.folded[i], hits.words["comment"]):
                support.append("a count")
            if "object" in kinds and short:
                support.append(f"names the article ({hits.words['object'][0]!r})")
            if short:
                support += self._calls(doc, i)
            if not support and self._is_tail_heading(doc, i):
                support.append("a short heading")
            if self._about_others(doc, i, hits) and signals.sentence_end and not ("only" in kinds and support):
                # "Members can also comment on stories" says what others may do; "Only
                # registered readers may comment" is the form's own rule.
                return None
        elif "login" in kinds:
            label = "log-in furniture"
            if "imperative" in self._calls(doc, i):
                support.append("imperative")
        else:
            return None
        if not support:
            return None
        place = self._place(doc, i)
        # The edge speaks for a form only where the line is no full sentence of prose (a
        # short article's last lines are its tail too).
        prose = _prose(signals) and not self._calls(doc, i)
        score = len(support) + (-1 if place == "body" else 0 if prose else 1) - (signals.words > 15)
        if score < 2:
            return None
        return f"{label} at the {place}: {_quoted_words(hits)}; {', '.join(support)}", score - 2

    def _place(self, doc: Document, i: int) -> str:
        if self._at_tail(doc, i):
            return "tail"
        return "top" if len(doc.paragraphs) >= 3 and i < self.lead else "body"

    def _is_tail_heading(self, doc: Document, i: int) -> bool:
        """A short line that is no sentence, at the tail, with no prose after it."""
        signals = signals_of(doc, i)
        if not self._at_tail(doc, i) or signals.words > 6 or signals.sentence_end:
            return False
        return all(doc.word_counts[k] <= self.max_words for k in range(i + 1, len(doc.paragraphs)))

    def _newsletter(self, doc: Document, i: int, hits: Found) -> tuple[str, int] | None:
        kinds = hits.kinds()
        if not any(f in kinds for f in _NEWSLETTER_CORE):
            return None
        named: list[str] = []
        used: set[str] = set()
        for family in _NEWSLETTER_KINDS:
            fresh = [w for w in hits.words.get(family, ()) if w not in used]
            if fresh:  # a word in two families ("e-mail") counts once
                named.append(f"{family} {fresh[0]!r}")
                used.update(hits.words[family])
        calls = self._calls(doc, i)
        signs = len(named) + bool(calls)
        # A full sentence of prose that does not turn to the reader needs one sign more.
        if signs < 3 + (not calls and _prose(signals_of(doc, i))):
            return None
        return f"newsletter box: {', '.join(named + calls)}", signs - 3

    def _social(self, doc: Document, i: int, hits: Found) -> tuple[str, int] | None:
        """Networks, share and follow verbs in a short line that turns to the reader or
        makes no sentence: "He posted on Facebook that he would follow the party line."
        reports."""
        kinds = hits.kinds()
        signals = signals_of(doc, i)
        if signals.words > self.social_words:
            return None
        turns = self._calls(doc, i) or (["not a sentence"] if not signals.sentence_end else [])
        networks = hits.networks()
        verbs = [f for f in ("share", "follow") if f in kinds]
        words = _quoted_words(hits)
        how = ", ".join(turns)
        if _prose(signals) and networks < 3:
            return None  # a sentence of prose that names a network or two is the writer's own
        if turns and networks >= 2:
            return f"share/follow line: {networks} networks ({words}); {how}", networks - 2 + len(verbs)
        if turns and networks and verbs:
            return f"share/follow line: a network with a {verbs[0]} verb ({words}); {how}", 0
        if not verbs:
            return None
        if "useful" in kinds and ("?" in doc.paragraphs[i] or "？" in doc.paragraphs[i]):
            turns.append("asks whether it was useful")
        targets = [f for f in ("friend", "object", "useful") if f in kinds]
        if turns and targets:
            return f"share/follow line: {words}; {', '.join(turns)}", len(targets) - 1
        if turns and "follow" in kinds and len(set(hits.words["follow"])) >= 2:
            return f"follow line: {words}; {how}", 0
        return None

    # -- runs of form labels -----------------------------------------------------------

    def _form_labels(self, doc: Document, found: dict[int, Found], reasons: dict[int, str]) -> dict[int, str]:
        """Short label lines ("Name", "E-mail", "Post") next to a comment-form line."""
        extra: dict[int, str] = {}
        for i in sorted(k for k, r in reasons.items() if r.startswith(("comment furniture", "log-in furniture"))):
            for step in (-1, 1):
                k = i + step
                while (
                    0 <= k < len(doc.paragraphs)
                    and k not in reasons
                    and k not in extra
                    and self._is_label(doc, k, found)
                ):
                    extra[k] = f"a form label beside the comment form at paragraph {i + 1}: {_quoted_words(found[k])}"
                    k += step
        return extra

    def _is_label(self, doc: Document, k: int, found: dict[int, Found]) -> bool:
        hits = found.get(k)
        if hits is None or not (hits.kinds() & _FORM_LABELS):
            return False
        signals = signals_of(doc, k)
        return signals.words <= self.label_words and not signals.sentence_end and not signals.reporting


def _prose(signals: Signals) -> bool:
    """A full sentence of more than 14 words: how reporting reads, not a form's line."""
    return signals.sentence_end and signals.words > 14


def _counted(folded: str, words: tuple[str, ...]) -> bool:
    """A number next to a comment word ("12 comments", "Comments (14)", "Hay 6 opiniones"),
    not a year: "closed its comment section in 2019" counts nothing."""
    for word in words:
        at = folded.find(word)
        before, after = folded[max(0, at - 12) : at], folded[at + len(word) : at + len(word) + 8]
        for number in _NUMBER.findall(before[-8:] + " " + after):
            if not (len(number) == 4 and number.startswith(("19", "20"))):
                return True
    return False


def _quoted_words(hits: Found) -> str:
    """The family words found, for a reason: "comment 'kommentar', login 'log ind'"."""
    return ", ".join(f"{family} {words[0]!r}" for family, words in hits.words.items())
