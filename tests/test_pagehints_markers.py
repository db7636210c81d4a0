"""``pagehints._marked`` finds exactly the attribute values :func:`markers.marker_of` accepts."""

from __future__ import annotations

from itertools import accumulate

import pytest

from newsclean.reading.markers import marker_of
from newsclean.reading.pagehints import _marked

CASES = [
    [],
    ["entry-content", "post"],
    ["related-posts", "Share-Buttons socialShare", "main", "sharing related", "x"],
    ["İstanbul related", "share"],  # lower-casing lengthens "İ": positions shift
    ["relatedshare", "", "newsletter-signup", "footer copyright"],
    ["shareholder-letter", "advertorial-body", "unrelated", "market-share", "sharebar"],
]


@pytest.mark.parametrize("values", CASES)
def test_same_values_as_marker_of(values):
    offsets = [0, *accumulate(len(v) + 1 for v in values)]
    assert _marked(values, offsets) == [i for i, v in enumerate(values) if marker_of(v)]
