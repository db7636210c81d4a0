"""newsclean: turn scraped news (raw HTML or extracted text) into clean, audited Documents.

>>> import newsclean
>>> doc = newsclean.clean("Storm hits coast\\nThe storm hit the coast on Monday, officials said.\\nPlease enter your comment!")
>>> doc.title, doc.text
('Storm hits coast', 'The storm hit the coast on Monday, officials said.')
>>> doc.changes[0].reason
"matched 'Please enter your comment'"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsclean.cleaners import BUILTINS
from newsclean.config import Config
from newsclean.document import Change, Document
from newsclean.errors import CleanerError, ConfigError, InputError, NewscleanError
from newsclean.pipeline import Pipeline
from newsclean.reading.reader import read
from newsclean.safety import guard

__version__ = "0.1.0"

__all__ = [
    "BUILTINS",
    "Change",
    "CleanerError",
    "Config",
    "ConfigError",
    "Document",
    "InputError",
    "NewscleanError",
    "Pipeline",
    "clean",
    "pipeline_for",
    "read",
]

_DEFAULT: Pipeline | None = None


def pipeline_for(config: Config | Pipeline | Mapping[str, Any] | None = None) -> Pipeline:
    """The pipeline a ``config`` argument stands for (``None``: the default pipeline)."""
    global _DEFAULT
    if isinstance(config, Pipeline):
        return config
    if config is None:
        if _DEFAULT is None:  # built once: cleaners are stateless, so sharing is safe
            _DEFAULT = Config().pipeline()
        return _DEFAULT
    if isinstance(config, Config):
        return config.pipeline()
    if isinstance(config, Mapping):
        return Config.from_mapping(config).pipeline()
    raise ConfigError(f"config must be a Config, a Pipeline or a mapping, got {type(config).__name__}")


def clean(source: Any, *, url: str | None = None, config: Any = None, name: str | None = None) -> Document:
    """Clean raw HTML or extracted text (str or bytes) into a :class:`Document`.

    HTML goes through trafilatura (comments off, no cross-document dedup cache) and
    gives title, author, date, site name and url; in plain text a first line that reads
    as a headline becomes the title. ``config`` is a :class:`Config`, a
    :class:`Pipeline`, or a ``[tool.newsclean]``-shaped mapping. ``name`` labels errors.

    A document the cleaners would mostly delete comes back unchanged, flagged in
    ``metadata["suspicious"]`` (see :mod:`newsclean.safety`), unless ``allow_gutting`` is set.
    """
    if isinstance(config, Mapping):
        config = Config.from_mapping(config)
    original = read(source, url=url, name=name)
    cleaned = pipeline_for(config)(original)
    if isinstance(config, Config):
        return guard(original, cleaned, max_removed_share=config.max_removed_share, allow_gutting=config.allow_gutting)
    return guard(original, cleaned)
