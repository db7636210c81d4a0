"""The tune / check split: every measured set is cut in two halves **by site**.

Rules, phrase families and thresholds are developed by looking at failures on the
*tune* half only; they ship when they also pay on the *check* half, which nobody
inspects page by page. Splitting by site (not by page) keeps two pages of one
publisher on the same side, so a rule that learned one site's wording cannot score
on the check half through that site's other pages.

The half of a site is a deterministic hash of its key (a URL's host, a fixture's
site id), so it never depends on what else is in the set or on the order of pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import urlsplit

TUNE = "tune"
CHECK = "check"
HALVES = (TUNE, CHECK)

T = TypeVar("T")


def half_of(site: str) -> str:
    """``"tune"`` or ``"check"`` for a site key: the low bit of its SHA-1's first byte.

    >>> half_of("example.com"), half_of("example.net")
    ('tune', 'check')
    """
    digest = hashlib.sha1(site.strip().lower().encode("utf-8")).digest()
    return TUNE if digest[0] % 2 == 0 else CHECK


def host(url: str | None) -> str:
    """A URL's host without ``www.`` and port, lower-cased; ``""`` for no URL.

    >>> host("https://www.Example.com:8080/news/1.html")
    'example.com'
    >>> host("example.com/path")
    'example.com'
    """
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else "//" + url)
    name = (parts.hostname or "").lower()
    return name[4:] if name.startswith("www.") else name


def split(items: Iterable[T], site: Callable[[T], str]) -> dict[str, list[T]]:
    """``{"tune": [...], "check": [...]}``, each keeping the input order."""
    halves: dict[str, list[T]] = {h: [] for h in HALVES}
    for item in items:
        halves[half_of(site(item))].append(item)
    return halves
