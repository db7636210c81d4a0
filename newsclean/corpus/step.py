"""The per-record work of corpus mode, as one importable function.

:func:`process_record` does everything that needs only the record itself: parse it, run
the cleaning pipeline under the safety valve, apply a boilerplate model, compute the
passage keys and the MinHash signature, and encode the output record as one JSON line.
It returns a small :class:`RecordResult`, so an engine (the local process pool of
:mod:`newsclean.corpus.runner`, or the ray engine) runs it wherever it likes and merges
only the results, in input order: the passage counts and the near-duplicate index are
the only work that compares records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from newsclean.corpus.boilerplate import BoilerplateModel, passage_keys, removed_passages
from newsclean.corpus.near_duplicates import Signer
from newsclean.corpus.records import RecordShape, record_site, to_document, to_record
from newsclean.corpus.stream import decode_record, dumps, loads
from newsclean.document import site_of
from newsclean.errors import NewscleanError
from newsclean.pipeline import Pipeline
from newsclean.reading.language import detect
from newsclean.safety import DEFAULT_MAX_REMOVED_SHARE, guard


class Sourced(NamedTuple):
    """A record (or JSON line) with the file it came from: its ``source`` when nothing names a site."""

    item: Any
    origin: str


@dataclass(frozen=True)
class StepOptions:
    """What :func:`process_record` does; picklable, and sent to each worker once."""

    pipeline: Pipeline | None = None  # None: the record is already cleaned (pass 2 of learning)
    site_field: str | None = None
    model: BoilerplateModel | None = None  # boilerplate to remove
    learn: bool = False  # return the passage keys (pass 1 of learning)
    num_perm: int | None = None  # return a MinHash signature of this many values
    shape: RecordShape = RecordShape()
    valve: tuple[float, bool] = (DEFAULT_MAX_REMOVED_SHARE, False)  # max_removed_share, allow_gutting

    def signer(self) -> Signer | None:
        return Signer(self.num_perm) if self.num_perm else None


class RecordResult(NamedTuple):
    """What one record gave: small, except ``line`` (the output record)."""

    line: bytes | None  # the output record as one JSON line; None when the record failed
    doc_id: str | None = None  # the output record's id
    site: str | None = None
    passages: tuple[int, ...] | None = None  # distinct passage keys, when learning and the record has a site
    signature: bytes | None = None
    removed: int = 0  # passages removed as site boilerplate
    error: str | None = None
    held_back: bool = False  # kept unchanged by the safety valve


def process_record(item: Any, options: StepOptions, signer: Signer | None = None) -> RecordResult:
    """Clean one record (a dict, a JSON line, a Document, or a :class:`Sourced` one of these).

    A record that cannot be read or cleaned comes back with ``error`` (and no line), named
    by its place when it is a JSON line: one odd record never ends a run. ``signer``:
    ``options.signer()`` built once, when calling this for many records.
    """
    origin = None
    if isinstance(item, Sourced):
        item, origin = item
    try:
        record = decode_record(item)
        doc = raw = to_document(record, options.shape)
        held_back = False
        if options.pipeline is not None:  # the safety valve, as newsclean.clean applies it
            max_share, allow_gutting = options.valve
            doc = guard(raw, options.pipeline(raw), max_removed_share=max_share, allow_gutting=allow_gutting)
            held_back = bool(doc.metadata.get("suspicious"))
    except Exception as exc:  # one odd record is reported and counted, never the end of the run
        message = str(exc) if isinstance(exc, NewscleanError) else f"unexpected {type(exc).__name__}: {exc}"
        where = getattr(item, "where", "")  # a JSON line's file and line number
        return RecordResult(None, error=message if message.startswith(where) else f"{where}: {message}")
    site = record_site(record, options.site_field)
    removed = 0
    if options.model is not None:
        cleaned = options.model.apply(doc, site)
        removed, doc = removed_passages(doc, cleaned), cleaned
    passages = None
    if options.learn and site:
        # Count what the page carried, not what survived: a footer that the foreign_footer
        # cleaner removes from the site's German stories still recurs on every page.
        # Cleaned paragraphs count too, so text a cleaner rewrote is recognised as well.
        # Titles count: a masthead line read as every page's headline is boilerplate too.
        # A set first: a paragraph the cleaners left alone is hashed once, not twice.
        passages = tuple(passage_keys(site, {raw.title, *raw.paragraphs, *doc.paragraphs}))
    signer = signer if signer is not None else options.signer()
    signature = signer.signature(doc.text) if signer is not None else None
    output = to_record(doc, record, options.shape, site or site_of(doc.url) or origin)
    return RecordResult(dumps(output), output["id"], site, passages, signature, removed, held_back=held_back)


def mark_duplicate(line: bytes | str, representative: str, similarity: float) -> bytes:
    """A near-duplicate's output line with ``duplicate_of`` and ``duplicate_similarity`` in its metadata."""
    record = loads(line)
    record["metadata"] = {**record["metadata"], "duplicate_of": representative, "duplicate_similarity": similarity}
    return dumps(record)


#: Records that reach the lazily built tables of the built-in cleaners: the phrase
#: automaton over every language's phrase families, the language guesses and profiles,
#: the signal lexicons and stop-word lists (which an appeal-like headline, judged alone,
#: wakes), and a foreign footer, which wakes the language identifier.
_WARM_UP_PARAGRAPHS = (
    "The harbour council met on Tuesday to weigh the budget for the new bridge, which the city has"
    " debated for three years while the river traffic kept growing.",
    "Residents said the ferry would keep running until the work is done, and the mayor promised"
    " that the market square would stay open to traffic in the meantime.",
    "Support independent journalism: become a member today. Leave a comment below. Share this article.",
    "Related: more stories from the harbour.",
    "Die Stadtverwaltung hat am Dienstag beschlossen, die alte Brücke über den Fluss im kommenden Jahr"
    " vollständig zu erneuern und den Markt bis dahin geöffnet zu lassen.",
)
_WARM_UP_RECORDS = (
    {
        "id": "warm-up-1",
        "url": "https://warm.example/1",
        "text": "\n".join(("Harbour council weighs the bridge budget", *_WARM_UP_PARAGRAPHS)),
    },
    {
        "id": "warm-up-2",
        "url": "https://warm.example/2",
        "title": "Donate today: keep independent reporting alive",
        "text": "\n".join(_WARM_UP_PARAGRAPHS),
    },
)


def warm_up(options: StepOptions) -> None:
    """Build the pipeline's lazy tables in this process by cleaning made-up records.

    Called before worker processes are forked, so every worker inherits the built tables
    instead of building its own (the phrase automaton alone costs about a second a process).
    The results are thrown away: the pipeline is pure, so this changes no output.
    """
    learning = StepOptions(options.pipeline, learn=True, num_perm=options.num_perm)
    for record in _WARM_UP_RECORDS:
        process_record(record, learning)
    detect(_WARM_UP_PARAGRAPHS[-1])  # the language identifier's profiles, whether or not a cleaner called it
