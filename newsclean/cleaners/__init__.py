"""The built-in cleaners, one module each, by name in their default order."""

from __future__ import annotations

from .ads import AdMarkers
from .appeals import Appeals
from .base import Cleaner
from .comments import CommentFurniture
from .copyright import CopyrightLines
from .credits import Credits
from .date_lines import DateLines
from .duplicates import Duplicates
from .foreign_footer import ForeignFooter
from .newsletter import NewsletterPrompts
from .page_blocks import PageBlocks
from .promos import Promos
from .quotes import Quotes
from .related import RelatedLists
from .social import SocialLines
from .standfirst import Standfirst
from .tags import TagLines
from .unicode import UnicodeRepair

#: name -> class, in default pipeline order. Unicode repair comes first so the phrase
#: lists see repaired text; quotes come last so every earlier step sees the original marks.
BUILTINS: dict[str, type[Cleaner]] = {
    cls.name: cls
    for cls in (
        UnicodeRepair, CommentFurniture, Appeals, NewsletterPrompts, Promos, SocialLines, Credits, DateLines, TagLines,
        CopyrightLines, AdMarkers, RelatedLists, PageBlocks, Standfirst, ForeignFooter, Duplicates, Quotes,
    )
}

__all__ = ["BUILTINS", "Cleaner", *[cls.__name__ for cls in BUILTINS.values()]]
