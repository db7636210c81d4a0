"""The safety valve against gutting: a document the cleaners would mostly delete is kept.

A cleaner that misfires on an unusual page (a phrase list matching the article's own
subject, a duplicate rule meeting a poem) does not remove one paragraph too many, it
removes most of them. So after the pipeline, :func:`guard` compares the characters of
the body paragraphs that are gone with the body before cleaning. Above
``max_removed_share`` (default :data:`DEFAULT_MAX_REMOVED_SHARE`, 60 % of the
characters) the *uncleaned* document is returned instead, and its metadata says why:

* ``metadata["suspicious"]``: a sentence with the share, the limit and how to opt in;
* ``metadata["withheld_changes"]``: the audit trail of what the cleaners would have
  done, as :meth:`Change.to_dict` dicts, so ``--explain`` can still show it.

Bodies shorter than :data:`MIN_GUARDED_CHARS` are not guarded by the share: on a
two-line input a share says little. But no document is ever emptied without the flag:
cleaning that would remove every body paragraph, however short the body, is held back
the same way (a brief whose headline and one sentence both look like cruft is more
likely a misfire than a page of nothing). ``allow_gutting = true`` turns the valve off
(``max_removed_share = 1`` turns off the share, not the emptying check).

>>> from newsclean import Document
>>> body = ("Please support our journalism today. " * 3, "A short article sentence.")
>>> gutted = Document(paragraphs=body[1:], positions=(1,))
>>> guard(Document(paragraphs=body), gutted, min_chars=0).metadata["suspicious"][:40]
'cleaners would remove 82% of the text (l'
"""

from __future__ import annotations

from newsclean.cleaners.page_blocks import proven_by_markup
from newsclean.document import Document

#: Default limit on the share of body characters the cleaners may remove.
#: Real cruft is a minority of a news page: on the 181 pages of the scrapinghub
#: benchmark the cleaners remove well under half of the extracted text (see
#: docs/reliability.md), so 0.6 leaves room for a long appeal under a short story.
DEFAULT_MAX_REMOVED_SHARE = 0.6
#: Bodies shorter than this many characters are never held back.
MIN_GUARDED_CHARS = 400


def removed_share(original: Document, cleaned: Document) -> float:
    """The share of ``original``'s body characters whose paragraphs are gone in ``cleaned``.

    Paragraphs are matched by input position, so rewrites (quotes, Unicode repair) do not
    count; a paragraph rewritten to nothing does. Every cleaner's removals count, markup
    evidence included (a class name is evidence, not proof: ``social-affairs``), except
    those two independent kinds of page evidence agree on
    (:func:`~newsclean.cleaners.page_blocks.proven_by_markup`: text hidden from readers
    outside the article, items under a heading whose class and words both say Related):
    those paragraphs count neither as removed nor as body, so a listing page whose
    extracted text is mostly such teasers is still cleaned.
    """
    kept = set(cleaned.positions)
    proven = {c.position for c in cleaned.changes if c.removed and proven_by_markup(c)}
    total = gone = 0
    for paragraph, position in zip(original.paragraphs, original.positions):
        if position in proven:
            continue
        total += len(paragraph)
        if position not in kept:
            gone += len(paragraph)
    return gone / total if total else 0.0


def guard(
    original: Document,
    cleaned: Document,
    *,
    max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE,
    allow_gutting: bool = False,
    min_chars: int = MIN_GUARDED_CHARS,
) -> Document:
    """``cleaned``, or ``original`` flagged as suspicious when too much of it would go."""
    if allow_gutting:
        return cleaned
    emptied = not cleaned.paragraphs and (bool(original.paragraphs) or (bool(original.title) and not cleaned.title))
    if emptied:
        reason = "cleaners would remove all of the text; kept unchanged. Set allow_gutting = true to remove it anyway"
        return held_back(original, cleaned, reason)
    if len(cleaned.paragraphs) == len(original.paragraphs):
        return cleaned  # nothing removed: the common case costs one comparison
    if sum(len(p) for p in original.paragraphs) < min_chars:
        return cleaned
    share = removed_share(original, cleaned)
    if share <= max_removed_share:
        return cleaned
    reason = (
        f"cleaners would remove {share:.0%} of the text (limit {max_removed_share:.0%}); "
        "kept unchanged. Set allow_gutting = true to remove it anyway"
    )
    return held_back(original, cleaned, reason)


def held_back(original: Document, cleaned: Document, reason: str) -> Document:
    """``original``, flagged as suspicious for ``reason``, with ``cleaned``'s changes withheld."""
    if original.language is None and cleaned.language:
        original = original.evolve(language=cleaned.language)
    return original.with_metadata(
        suspicious=reason,
        withheld_changes=[change.to_dict() for change in cleaned.changes],
    )
