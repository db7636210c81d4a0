"""A :class:`Pipeline` is an ordered list of named cleaners applied to a Document.

A cleaner is any callable ``cleaner(doc) -> Document``; its name is its ``name``
attribute, or the function's ``__name__``. The pipeline checks each result, so a
cleaner that forgets to return the document fails loudly, naming itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Union

from newsclean.cleaners import BUILTINS
from newsclean.document import REMOVED, Document
from newsclean.errors import CleanerError, ConfigError

Cleaner = Callable[[Document], Document]
CleanerLike = Union[Cleaner, "Pipeline"]


def cleaner_name(cleaner: Cleaner) -> str:
    name = getattr(cleaner, "name", None) or getattr(cleaner, "__name__", None)
    if not name:
        name = type(cleaner).__name__
    return str(name)


class Pipeline:
    """Ordered, named cleaners. Immutable: the editing methods return new pipelines.

    >>> from newsclean import Pipeline, Document
    >>> def shout(doc):
    ...     return doc.rewrite({i: p.upper() for i, p in enumerate(doc.paragraphs)}, reason="louder", by="shout")
    >>> Pipeline([shout])(Document(("hello",))).text
    'HELLO'
    """

    def __init__(self, cleaners: Iterable[Cleaner] = ()):
        self._cleaners: tuple[Cleaner, ...] = tuple(cleaners)
        names = [cleaner_name(c) for c in self._cleaners]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ConfigError(f"cleaner names must be unique; repeated: {', '.join(duplicated)}")
        for c in self._cleaners:
            if not callable(c):
                raise ConfigError(f"{c!r} is not callable; a cleaner is a function or an object with __call__(doc)")

    @classmethod
    def default(cls) -> Pipeline:
        """The built-in cleaners in their default order with default options."""
        return cls(cleaner() for cleaner in BUILTINS.values())

    # -- inspection ----------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return [cleaner_name(c) for c in self._cleaners]

    def __iter__(self) -> Iterator[Cleaner]:
        return iter(self._cleaners)

    def __len__(self) -> int:
        return len(self._cleaners)

    def __getitem__(self, name: str) -> Cleaner:
        for c in self._cleaners:
            if cleaner_name(c) == name:
                return c
        raise KeyError(self._unknown(name))

    def __repr__(self) -> str:
        return f"Pipeline({self.names})"

    def _unknown(self, name: str) -> str:
        return f"no cleaner named {name!r} in this pipeline; it has: {', '.join(self.names) or 'none'}"

    # -- editing -------------------------------------------------------------------

    def without(self, *names: str) -> Pipeline:
        """A copy without the named cleaners (unknown names are an error)."""
        for name in names:
            if name not in self.names:
                raise ConfigError(self._unknown(name))
        return Pipeline(c for c in self._cleaners if cleaner_name(c) not in names)

    def with_cleaner(self, cleaner: Cleaner, *, before: str | None = None, after: str | None = None) -> Pipeline:
        """A copy with ``cleaner`` added at the end, or before/after a named cleaner."""
        items = list(self._cleaners)
        anchor = before or after
        if anchor is None:
            items.append(cleaner)
        else:
            if anchor not in self.names:
                raise ConfigError(self._unknown(anchor))
            index = self.names.index(anchor) + (1 if after else 0)
            items.insert(index, cleaner)
        return Pipeline(items)

    # -- running -------------------------------------------------------------------

    #: Passes at most: a pass that removed something is followed by another (see __call__).
    MAX_PASSES = 3

    def __call__(self, doc: Document) -> Document:
        """Run every cleaner in order; repeat while a pass removes paragraphs.

        Some rules look at context: the last lines of an article, how often a line
        repeats, the gap between appeal phrases. Removing a comment form can move a
        "Follow us" line into the tail a credits rule examines. Running again until a
        pass removes nothing makes cleaning idempotent, which a pre-commit hook needs:
        cleaning the output again changes nothing. Most documents need one pass; a later
        pass runs only the cleaners that are not ``context_free``.
        """
        doc = self._judge_title(doc)
        cleaners = self._cleaners
        for _ in range(self.MAX_PASSES):
            before = len(doc.paragraphs)
            doc = self._one_pass(doc, cleaners)
            if len(doc.paragraphs) == before:
                break
            # A cleaner that judges each paragraph by its own text alone (``context_free``)
            # kept everything it saw; only the ones that look at neighbours, position or
            # counts can decide differently now.
            cleaners = tuple(c for c in cleaners if not getattr(c, "context_free", False))
        return doc

    def _judge_title(self, doc: Document) -> Document:
        """A title taken from a text's first line goes through the cleaners as a first
        paragraph would: a cruft line taken for a headline ("Subscribe to our newsletter",
        "Related Articles") is dropped with the reason the cleaner gives for it. It is
        judged on its own, with no body beside it (next to the body, a headline the first
        paragraph repeats would look like the repeat), and without a page ``<title>``,
        its own other copy."""
        if not doc.title or doc.metadata.get("input") == "html":  # a page's own <h1> or og:title is no guess
            return doc
        metadata = {k: v for k, v in doc.metadata.items() if k != "page_title"}
        probe = Document(paragraphs=(doc.title,), language=doc.language, metadata=metadata)
        for change in self._one_pass(probe, self._cleaners).changes:
            if change.position == 0 and change.after is REMOVED:
                return doc.retitle(None, reason=f"as a first paragraph: {change.reason}", by=change.cleaner)
        return doc

    def _one_pass(self, doc: Document, cleaners: Iterable[Cleaner]) -> Document:
        for cleaner in cleaners:
            name = cleaner_name(cleaner)
            try:
                result = cleaner(doc)
            except KeyboardInterrupt:  # the user's, not the cleaner's
                raise
            except BaseException as exc:
                # nor end the run: SystemExit(0) from a cleaner is that cleaner failing, not success
                raise CleanerError(f"cleaner {name!r} raised {type(exc).__name__}: {exc}") from exc
            if not isinstance(result, Document):
                raise CleanerError(
                    f"cleaner {name!r} returned {type(result).__name__}, not a Document; "
                    "did you forget to return the document?"
                )
            doc = result
        return doc
