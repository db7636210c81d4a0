"""Signals that do not depend on wording: how a paragraph addresses the reader, what it
carries (money, prices per period, links), its length, its shape as sentences, and where it
sits. The ``structure`` cleaner combines them into runs of cruft; the phrase cleaners weigh
them against a phrase match (:mod:`newsclean.cleaners.signals.evidence`).

Per-language word lists live in ``lexicon.toml`` beside this file (data, not code).
"""

from newsclean.cleaners.signals.profile import Signals, document_lexicon, signals_of, word_estimate

__all__ = ["Signals", "document_lexicon", "signals_of", "word_estimate"]
