"""The three paths the bench measures, each a function ``input -> str | None``.

* :func:`trafilatura_alone`: the reference extractor, with the options the benchmark
  reference points use (comments off, tables on, no formatting).
* :func:`newsclean_html`: ``newsclean.clean`` on the raw HTML bytes; the body
  (``doc.text``) is scored, the title is not (the gold leaves headlines out).
* :func:`newsclean_text`: ``newsclean.clean`` on text trafilatura already extracted, the
  path of users who bring their own extractor.
"""

from __future__ import annotations

import logging

import trafilatura

import newsclean

# trafilatura logs every page it finds too short or unparseable; the bench reports that as empty output.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def trafilatura_alone(html: bytes) -> str | None:
    return trafilatura.extract(html, include_comments=False, include_tables=True, include_formatting=False)


def newsclean_html(html: bytes, config=None) -> str | None:
    try:
        return newsclean.clean(html, config=config).text
    except newsclean.InputError:  # unparseable page: empty output, as a failed extraction scores
        return None


def newsclean_text(text: str | None, config=None) -> str | None:
    if not text:
        return text
    return newsclean.clean(text, config=config).text
