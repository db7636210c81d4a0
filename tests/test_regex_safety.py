"""Every regular expression in newsclean, phrase lists included, is safe from catastrophic
backtracking.

Two checks:

* **Static**: no pattern nests one unbounded repeat inside another (``(a+)+``,
  ``(\\w+\\s?)*``), the shape behind exponential backtracking. This runs on every module
  pattern, every phrase-list entry on its own and every compiled phrase family.
* **Dynamic**: each pattern is run, the way the code runs it (search, or match for
  anchored ones), over adversarial strings (long runs of one character, of a phrase's
  opening words, of near-misses) at two sizes eight times apart. Linear growth gives
  about 8x; quadratic 64x. The bound below sits between them with room for noise.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import signal
import time

import pytest

import newsclean
from newsclean.phrases import book as phrasebook

try:
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

UNBOUNDED = sre_constants.MAXREPEAT
REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))


# -- collecting the patterns ----------------------------------------------------------


def _modules():
    for info in pkgutil.walk_packages(newsclean.__path__, "newsclean."):
        if info.name.endswith("__main__"):  # running it would start the CLI
            continue
        try:
            yield importlib.import_module(info.name)
        except Exception:  # a module with optional dependencies; nothing to audit there
            continue


def module_patterns() -> dict[str, re.Pattern[str]]:
    """Compiled patterns at module level, and those built by argument-less cached functions."""
    found: dict[str, re.Pattern] = {}
    for module in _modules():
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module.__name__}.{attr}"] = value
            elif (
                callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == module.__name__
            ):
                try:
                    required = [p for p in inspect.signature(value).parameters.values() if p.default is p.empty]
                except (TypeError, ValueError):
                    continue
                if not required:
                    result = value()
                    if isinstance(result, re.Pattern):
                        found[f"{module.__name__}.{attr}()"] = result
    return found


def phrase_lists() -> dict[tuple[str, str], list[str]]:
    """(section, key) -> every pattern entry of that list across languages."""
    lists: dict[tuple[str, str], list[str]] = {}
    for lang in phrasebook.languages():
        for section, table in phrasebook.load(lang).items():
            for key, value in table.items():
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    lists.setdefault((section, key), []).extend(value)
    return lists


MODULE_PATTERNS = module_patterns()
PHRASE_LISTS = phrase_lists()


def family_patterns() -> dict[str, re.Pattern[str]]:
    """The anchored families the cleaners ``match`` with.

    The unanchored ``family(section, key)`` is not audited: searched over a long run of
    letters or digits, entries that open with ``[\\w.'-]+`` or ``\\d+`` restart at every
    position (quadratic). The cleaners search with :func:`phrasebook.index` instead,
    which puts ``(?<!\\w)`` before each entry so a match can only start at a word start.
    """
    found = {}
    for section, key in PHRASE_LISTS:
        found[f"family({section}.{key}, start)"] = phrasebook.family(section, key, start=True)
        found[f"family({section}.{key}, whole)"] = phrasebook.family(section, key, whole=True)
    return found


def index_searchers() -> dict[str, object]:
    """The phrase indexes the cleaners ``search`` with (when this phrasebook has them)."""
    if not hasattr(phrasebook, "index"):  # pragma: no cover - older phrasebook
        return {}
    return {f"index({section}.{key})": phrasebook.index(section, key) for section, key in PHRASE_LISTS}


ALL_PATTERNS = {**MODULE_PATTERNS, **family_patterns()}
SEARCHERS = {**ALL_PATTERNS, **index_searchers()}


def test_the_audit_sees_the_patterns_it_should():
    assert len(MODULE_PATTERNS) >= 10
    assert ("appeals", "strong") in PHRASE_LISTS and ("comments", "lines") in PHRASE_LISTS
    assert sum(len(v) for v in PHRASE_LISTS.values()) >= 300


# -- static check ---------------------------------------------------------------------


def nested_unbounded_repeat(pattern: str, flags: int = 0) -> str | None:
    """A description of the first unbounded repeat inside another, or None."""

    def walk(items, inside_unbounded: bool) -> str | None:
        for op, av in items:
            if op in REPEATS and op is not None:
                low, high, body = av
                unbounded = high == UNBOUNDED or high > 1000
                if unbounded and inside_unbounded:
                    return f"unbounded repeat {op} nested in another"
                found = walk(body, inside_unbounded or unbounded)
                if found:
                    return found
            elif op is sre_constants.SUBPATTERN:
                found = walk(av[-1], inside_unbounded)
                if found:
                    return found
            elif op is sre_constants.BRANCH:
                for branch in av[1]:
                    found = walk(branch, inside_unbounded)
                    if found:
                        return found
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                found = walk(av[1], inside_unbounded)
                if found:
                    return found
        return None

    return walk(sre_parse.parse(pattern, flags), False)


def test_the_static_check_catches_nested_quantifiers():
    assert nested_unbounded_repeat(r"(a+)+b")
    assert nested_unbounded_repeat(r"(?:\w+\s?)*said")
    assert nested_unbounded_repeat(r"(x|(y\s*)+)*")
    assert nested_unbounded_repeat(r"(?:ab){1,3}\s+") is None
    assert nested_unbounded_repeat(r"please (donate|support us)\s*\d+") is None


@pytest.mark.parametrize("name", sorted(ALL_PATTERNS))
def test_no_nested_unbounded_repeats_in_compiled_patterns(name):
    pattern = ALL_PATTERNS[name]
    assert nested_unbounded_repeat(pattern.pattern, pattern.flags & ~re.UNICODE) is None, name


@pytest.mark.parametrize("section,key", sorted(PHRASE_LISTS), ids=lambda v: str(v))
def test_no_nested_unbounded_repeats_in_phrase_entries(section, key):
    bad = [p for p in PHRASE_LISTS[(section, key)] if nested_unbounded_repeat(p)]
    assert not bad, f"[{section}] {key}: nested unbounded repeats in {bad}"


# -- dynamic check --------------------------------------------------------------------


def literal_prefix(pattern: str) -> str:
    """The literal text a pattern starts with ("please (donate|..." -> "please ")."""
    out = []
    try:
        items = sre_parse.parse(pattern)
    except re.error:
        return ""
    for op, av in items:
        if op is sre_constants.LITERAL:
            out.append(chr(av))
        elif op is sre_constants.AT:
            continue
        else:
            break
    return "".join(out)


GENERIC_UNITS = [
    "a",
    " ",
    "1",
    "-",
    ".",
    "<",
    "'",
    "\n",
    "a ",
    "1 ",
    "- ",
    ". ",
    "é",
    "a-",
    "<p",
    "\t",
    "<!--a-->",
    "<!--",
    "a@",
    "a.",
    "a, ",
    "«",
    " »",
]


def adversarial_units(name: str) -> list[str]:
    units = list(GENERIC_UNITS)
    match = re.fullmatch(r"(?:family|index)\((\w+)\.(\w+).*\)", name)
    if match:  # near-misses: the opening words of each phrase, again and again
        prefixes = sorted({literal_prefix(p) for p in PHRASE_LISTS[(match[1], match[2])]} - {""})
        units.append(" ".join(prefixes) + " ")
        units.extend(p + " " for p in prefixes[:: max(1, len(prefixes) // 8)])
    return units


def run_seconds(pattern, text: str) -> float:
    if isinstance(getattr(pattern, "pattern", None), bytes):
        text = text.encode("utf-8")  # type: ignore[assignment]
    start = time.process_time()
    pattern.search(text)
    if hasattr(pattern, "match"):
        pattern.match(text)
    return time.process_time() - start


class Hang(Exception):
    pass


def _on_alarm(signum, frame):
    raise Hang("a pattern ran for more than 30 s")


SMALL, FACTOR = 2_000, 8


@pytest.mark.parametrize("name", sorted(SEARCHERS))
def test_time_grows_linearly_on_adversarial_strings(name):
    pattern = SEARCHERS[name]
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(30)
    try:
        for unit in adversarial_units(name):
            small_text = (unit * (SMALL // len(unit) + 1))[:SMALL]
            large_text = (unit * (SMALL * FACTOR // len(unit) + 1))[: SMALL * FACTOR]
            small = min(run_seconds(pattern, small_text) for _ in range(3))
            large = min(run_seconds(pattern, large_text) for _ in range(2))
            assert large <= 3 * FACTOR * small + 0.03, (
                f"{name} on {unit[:30]!r}*: {small * 1000:.1f} ms at {SMALL} chars, "
                f"{large * 1000:.1f} ms at {SMALL * FACTOR}"
            )
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
