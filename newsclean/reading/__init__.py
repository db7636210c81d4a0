"""The reading layer: bytes or str in, a :class:`~newsclean.document.Document` out.

* :mod:`.reader`: :func:`read`, the entry point (HTML or text?);
* :mod:`.decoding`: bytes to str (BOMs, declared and detected charsets, control characters);
* :mod:`.htmlload`, :mod:`.htmlinput`, :mod:`.readability_gate`, :mod:`.soupfallback`: HTML through
  trafilatura, with a linear tag-stripping fallback;
* :mod:`.pagehints`: markup evidence (hidden blocks, Related sections, tag links) for the cleaners;
* :mod:`.textinput`: text a scraper already extracted (title line, paragraphs);
* :mod:`.language`: the cheap language guess, and langdetect where it must be sure.

It depends only on the core modules and the phrase data, never on the cleaners.
"""

from newsclean.reading.reader import read

__all__ = ["read"]
