"""``pagehints._marked`` finds the same attribute values as the markers' alternation."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import pytest

from newsclean.reading.pagehints import _BOILERPLATE, _marked

CASES = [
    [],
    ["entry-content", "post"],
    ["related-posts", "Share-Buttons socialShare", "main", "sharing related", "x"],
    ["İstanbul related", "share"],  # lower-casing lengthens "İ": positions shift
    ["relatedshare", "", "newsletter-signup", "footer copyright"],
]


def _by_regex(values):
    offsets = [0, *accumulate(len(v) + 1 for v in values)][:-1]
    return sorted({bisect_right(offsets, m.start()) - 1 for m in _BOILERPLATE.finditer("\n".join(values).lower())})


@pytest.mark.parametrize("values", CASES)
def test_same_values_as_the_alternation(values):
    offsets = [0, *accumulate(len(v) + 1 for v in values)]
    assert _marked(values, offsets) == _by_regex(values)
