"""The built-in cleaners, one module each, by name in their default order."""

from __future__ import annotations

from newsclean.cleaners.ads import AdMarkers
from newsclean.cleaners.appeals import Appeals
from newsclean.cleaners.base import Cleaner
from newsclean.cleaners.comments import CommentFurniture
from newsclean.cleaners.copyright import CopyrightLines
from newsclean.cleaners.credits import Credits
from newsclean.cleaners.date_lines import DateLines
from newsclean.cleaners.duplicates import Duplicates
from newsclean.cleaners.foreign_footer import ForeignFooter
from newsclean.cleaners.forms import Forms
from newsclean.cleaners.newsletter import NewsletterPrompts
from newsclean.cleaners.page_blocks import PageBlocks
from newsclean.cleaners.promos import Promos
from newsclean.cleaners.quotes import Quotes
from newsclean.cleaners.related import RelatedLists
from newsclean.cleaners.social import SocialLines
from newsclean.cleaners.standfirst import Standfirst
from newsclean.cleaners.structure import Structure
from newsclean.cleaners.tags import TagLines
from newsclean.cleaners.unicode import UnicodeRepair

#: name -> class, in default pipeline order. Unicode repair comes first so the phrase
#: lists see repaired text; quotes come last so every earlier step sees the original marks.
BUILTINS: dict[str, type[Cleaner]] = {
    cls.name: cls
    for cls in (
        UnicodeRepair,
        CommentFurniture,
        Appeals,
        NewsletterPrompts,
        Promos,
        SocialLines,
        Credits,
        DateLines,
        TagLines,
        CopyrightLines,
        AdMarkers,
        RelatedLists,
        PageBlocks,
        Standfirst,
        ForeignFooter,
        Forms,
        Structure,
        Duplicates,
        Quotes,
    )
}

__all__ = [
    "BUILTINS",
    "AdMarkers",
    "Appeals",
    "Cleaner",
    "CommentFurniture",
    "CopyrightLines",
    "Credits",
    "DateLines",
    "Duplicates",
    "ForeignFooter",
    "Forms",
    "NewsletterPrompts",
    "PageBlocks",
    "Promos",
    "Quotes",
    "RelatedLists",
    "SocialLines",
    "Standfirst",
    "Structure",
    "TagLines",
    "UnicodeRepair",
]
