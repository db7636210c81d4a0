"""Errors raised by newsclean.

Every error newsclean raises on purpose derives from :class:`NewscleanError`, so a
caller embedding newsclean in a larger pipeline can catch exactly one type::

    NewscleanError
    ├── InputError        the input cannot be read as HTML or text (binary, undecodable, ...)
    ├── ConfigError       unknown cleaner, unknown option, bad value
    └── CleanerError      a cleaner broke its contract (did not return a Document, raised)
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InputError(NewscleanError, ValueError):
    """The input cannot be turned into a Document.

    ``source`` names the file (or ``<string>``) so batch tools can report it and go on.
    """

    def __init__(self, message: str, source: str | None = None):
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ConfigError(NewscleanError, ValueError):
    """A configuration value is not valid; the message lists the valid choices."""


class CleanerError(NewscleanError):
    """A cleaner raised or returned something that is not a Document."""
