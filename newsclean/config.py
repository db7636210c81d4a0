"""Configuration as data: which cleaners run, in what order, with which options.

The same mapping is read from ``[tool.newsclean]`` in ``pyproject.toml``, from a
``newsclean.toml``, or passed to :func:`newsclean.clean` as a dict::

    cleaners = ["unicode", "appeals", "comments", "mypkg.cleaners:drop_bylines"]
    disable = ["quotes"]

    [quotes]            # options of one cleaner, under its name
    mode = "typographic"

``max_removed_share`` (default 0.6) and ``allow_gutting`` (default false) set the
safety valve of :mod:`newsclean.safety`: a document the cleaners would mostly delete is
kept unchanged and flagged as suspicious unless gutting is allowed.

Unknown keys, cleaner names and options are :class:`ConfigError`\\ s that list the valid choices.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsclean.cleaners import BUILTINS
from newsclean.errors import ConfigError
from newsclean.pipeline import Pipeline
from newsclean.safety import DEFAULT_MAX_REMOVED_SHARE

DEFAULT_ORDER: tuple[str, ...] = tuple(BUILTINS)
#: Top-level keys besides per-cleaner option tables.
TOP_LEVEL_KEYS = ("cleaners", "disable", "enable", "exclude", "max_removed_share", "allow_gutting")


def _choices(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def cleaner_options(name: str) -> dict[str, Any]:
    """The options a built-in cleaner accepts, with their defaults."""
    signature = inspect.signature(BUILTINS[name].__init__)
    return {p.name: p.default for p in signature.parameters.values() if p.name != "self"}


def load_object(spec: str) -> Any:
    """Import ``"package.module:attribute"``."""
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ConfigError(f"custom cleaner {spec!r} must look like 'package.module:attribute'")
    try:
        obj = importlib.import_module(module_name)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot load custom cleaner {spec!r}: {exc}") from None
    if isinstance(obj, type):
        obj = obj()
    if not callable(obj):
        raise ConfigError(f"custom cleaner {spec!r} is not callable")
    return obj


@dataclass(frozen=True)
class Config:
    cleaners: tuple[str, ...] = DEFAULT_ORDER
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE
    allow_gutting: bool = False

    def __post_init__(self) -> None:
        share = self.max_removed_share
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
            raise ConfigError(f"max_removed_share must be a number above 0 and at most 1, got {share!r}")
        if not isinstance(self.allow_gutting, bool):
            raise ConfigError(f"allow_gutting must be true or false, got {self.allow_gutting!r}")
        for name in self.cleaners:
            if not isinstance(name, str):
                raise ConfigError(f"'cleaners' must be a list of names (strings), but holds {_shown(name)}")
            if name not in BUILTINS and ":" not in name:
                raise ConfigError(
                    f"unknown cleaner {name!r}; built-in cleaners are: {_choices(BUILTINS)} "
                    "(custom cleaners are given as 'package.module:attribute')"
                )
        for name, options in self.options.items():
            if name not in BUILTINS:
                raise ConfigError(
                    f"options given for unknown cleaner {name!r}; built-in cleaners are: {_choices(BUILTINS)}"
                )
            valid = cleaner_options(name)
            for key, value in options.items():
                if key not in valid:
                    raise ConfigError(
                        f"unknown option {key!r} for cleaner {name!r}; valid options: {_choices(valid) or 'none'}"
                    )
                _check_type(name, key, value, valid[key])

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Config:
        """Validate a ``[tool.newsclean]``-shaped mapping (``-`` and ``_`` are interchangeable in keys)."""
        data = {str(k).replace("-", "_"): v for k, v in data.items()}
        unknown = [k for k in data if k not in TOP_LEVEL_KEYS and k not in BUILTINS]
        if unknown:
            raise ConfigError(
                f"unknown configuration key(s): {', '.join(sorted(unknown))}; valid keys: "
                f"{_choices(TOP_LEVEL_KEYS)}, or a cleaner name for its options ({_choices(BUILTINS)})"
            )
        cleaners = _names(data["cleaners"], "cleaners") if "cleaners" in data else list(DEFAULT_ORDER)
        for name in _as_list(data.get("enable"), "enable"):
            if name not in cleaners:
                cleaners.append(name)
        disable = _as_list(data.get("disable"), "disable")
        for name in disable:
            if name not in BUILTINS and name not in cleaners:
                raise ConfigError(
                    f"cannot disable unknown cleaner {name!r}; built-in cleaners are: {_choices(BUILTINS)}"
                )
        cleaners = [c for c in cleaners if c not in disable]
        options = {}
        for name in BUILTINS:
            if name in data:
                table = data[name]
                if not isinstance(table, Mapping):
                    raise ConfigError(f"options for cleaner {name!r} must be a table, got {type(table).__name__}")
                options[name] = {str(k).replace("-", "_"): v for k, v in table.items()}
        valve = {k: data[k] for k in ("max_removed_share", "allow_gutting") if k in data}
        return cls(
            cleaners=tuple(cleaners), options=options, exclude=tuple(_as_list(data.get("exclude"), "exclude")), **valve
        )

    def pipeline(self) -> Pipeline:
        """Instantiate the configured cleaners, in order."""
        items = []
        for name in self.cleaners:
            if name in BUILTINS:
                try:
                    items.append(BUILTINS[name](**self.options.get(name, {})))
                except TypeError as exc:
                    raise ConfigError(f"bad options for cleaner {name!r}: {exc}") from None
            else:
                items.append(load_object(name))
        return Pipeline(items)


def _as_list(value: Any, key: str) -> list[str]:
    """A list of names; one name alone is taken as a list of one."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return _names(value, key)


def _names(value: Any, key: str) -> list[str]:
    """A list of strings, or a ConfigError naming ``key`` (a bare string is not split)."""
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f'{key!r} must be a list of names, like ["quotes"], got {_shown(value)}')
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{key!r} must be a list of names (strings), but holds {_shown(item)}")
    return list(value)


#: Option types, judged by the default in each cleaner's ``__init__``: (accepted types, name).
_TYPES: tuple[tuple[type, tuple[type, ...], str], ...] = (
    (bool, (bool,), "true or false"),
    (int, (int,), "a whole number"),
    (float, (int, float), "a number"),
    (str, (str,), "a string"),
)


def _check_type(cleaner: str, key: str, value: Any, default: Any) -> None:
    """A ConfigError naming ``[cleaner] key`` when ``value`` is not of the default's type:
    ``window = "3"`` would be accepted here and fail on every document later."""
    for kind, accepted, label in _TYPES:
        if type(default) is kind:
            if isinstance(value, accepted) and (kind is bool or not isinstance(value, bool)):
                return
            raise ConfigError(f"option [{cleaner}] {key} must be {label}, got {_shown(value)}")


def _shown(value: Any) -> str:
    return f"{value!r} ({type(value).__name__})"
