"""Load the per-language phrase lists in ``newsclean/phrases/*.toml`` and compile them.

Each list is compiled into one alternation per (section, key), over all languages at
once: a footer in Turkish under an English article must match too, so matching does
not depend on knowing the language first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The language codes that have a phrase file, sorted."""
    files = resources.files("newsclean") / "phrases"
    return tuple(sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".toml")))


@lru_cache(maxsize=None)
def load(language: str) -> dict:
    path = resources.files("newsclean") / "phrases" / f"{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def entries(section: str, key: str) -> list[tuple[str, str]]:
    """``(language, pattern)`` for every entry of ``[section] key`` across languages."""
    out = []
    for lang in languages():
        for pattern in load(lang).get(section, {}).get(key, ()):
            out.append((lang, pattern))
    return out


@lru_cache(maxsize=None)
def family(section: str, key: str, *, whole: bool = False, start: bool = False) -> re.Pattern[str]:
    """One compiled alternation of a phrase family.

    ``whole`` anchors it to the whole (folded, stripped) paragraph; ``start`` to its start.
    Every entry becomes a named group-free alternative, so ``match.group(0)`` is the phrase.
    """
    alternatives = "|".join(f"(?:{p})" for _, p in entries(section, key))
    if not alternatives:
        alternatives = "(?!)"
    if whole:
        return re.compile(rf"\A(?:{alternatives})\Z")
    if start:
        return re.compile(rf"\A(?:{alternatives})")
    return re.compile(rf"(?:{alternatives})")


@lru_cache(maxsize=None)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language, for the cheap language guess."""
    return {lang: frozenset(load(lang).get("language", {}).get("stopwords", "").split()) for lang in languages()}
