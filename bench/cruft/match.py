"""Which labelled input lines survive in a system's output.

A line counts as kept when the output holds it verbatim or near-verbatim, after the
same normalisation on both sides (Unicode NFKC, typographic quotes folded, case and
spacing ignored, a list bullet dropped). Matching runs in three passes, each over the
output text the earlier passes left unclaimed:

1. whole output paragraphs equal to a line (a multiset: a headline printed twice needs
   two copies in the output to count twice);
2. a line of at least :data:`MIN_EMBEDDED_CHARS` characters found inside a longer output
   paragraph (an HTML extractor may join two blocks into one line);
3. an output paragraph at least :data:`NEAR_RATIO` similar to the line (a cleaner that
   rewrote a character or two).

Lines that are not cruft claim output first, so when a cruft line repeats a body line
(the repeated headline), the one copy left in the output is credited to the body.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

from bench.scoring import fold_quotes

MIN_EMBEDDED_CHARS = 20
NEAR_RATIO = 0.9
_BULLET = re.compile(r"^[-–—•*·▪►]\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalize(text: str) -> str:
    """The form lines are compared in.

    >>> normalize("  - “Donate”  NOW ")
    '"donate" now'
    """
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = fold_quotes(text).casefold()
    return _BULLET.sub("", " ".join(text.split()))


def kept(lines: Sequence[str], cruft: Sequence[bool], output: Sequence[str]) -> list[bool]:
    """For each input line, whether it survives in the ``output`` paragraphs."""
    order = [i for i in range(len(lines)) if not cruft[i]] + [i for i in range(len(lines)) if cruft[i]]
    wanted = [normalize(line) for line in lines]
    residue = [normalize(p) for p in output if p.strip()]
    claimed = [False] * len(residue)
    result = [False] * len(lines)

    for i in order:  # 1: whole paragraphs
        for j, paragraph in enumerate(residue):
            if not claimed[j] and paragraph == wanted[i]:
                claimed[j] = result[i] = True
                break
    residue = [p for p, c in zip(residue, claimed) if not c]

    for i in order:  # 2: embedded in a longer paragraph; the claimed span is blanked out
        if result[i] or len(wanted[i]) < MIN_EMBEDDED_CHARS:
            continue
        for j, paragraph in enumerate(residue):
            at = paragraph.find(wanted[i])
            if at >= 0:
                residue[j] = paragraph[:at] + "\x00" + paragraph[at + len(wanted[i]) :]
                result[i] = True
                break

    used = [False] * len(residue)
    for i in order:  # 3: near-verbatim
        if result[i]:
            continue
        for j, paragraph in enumerate(residue):
            if used[j] or "\x00" in paragraph:
                continue
            matcher = difflib.SequenceMatcher(None, wanted[i], paragraph, autojunk=False)
            if matcher.real_quick_ratio() >= NEAR_RATIO and matcher.ratio() >= NEAR_RATIO:
                used[j] = result[i] = True
                break
    return result
