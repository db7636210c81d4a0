"""Configuration files: find ``newsclean.toml`` or ``[tool.newsclean]`` and turn it into a Config.

For each input the nearest configuration wins, found by walking up from the file's
directory: in each directory ``newsclean.toml`` (its top level is the configuration)
comes before ``pyproject.toml`` (its ``[tool.newsclean]`` table; a pyproject without
one is passed over). ``--config FILE`` replaces the search. The CLI's ``--enable`` and
``--disable`` are applied on top of whichever file was found.

A configuration file is data, but a custom cleaner (``"module:attribute"``) is code. So
a file found beside the data may choose and tune the built-in cleaners, while custom
cleaners are imported only from a *trusted* file: ``--config FILE``, one inside the
current directory's project (:func:`project_root`), or any file with ``--trust-config``.
A downloaded dump, or a shared folder such as ``/tmp``, cannot run code by holding a
``newsclean.toml`` and a ``.py`` file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from newsclean.config import Config
from newsclean.document import Document
from newsclean.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("newsclean.toml", "pyproject.toml")


@dataclass(frozen=True)
class ConfigSpec:
    """Which configuration applies: a file (or None for the defaults) plus the CLI's changes.

    Small, hashable and picklable, so worker processes rebuild the same pipeline from it.
    """

    path: str | None = None
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    trusted: bool = False  # the file may name custom cleaners (code); see the module docstring

    @property
    def base(self) -> Path:
        """The directory relative to which the file's ``exclude`` patterns are read."""
        return Path(self.path).parent if self.path else Path.cwd()

    def label(self) -> str:
        if not self.path:
            return "command line"
        return f"{self.path} [tool.newsclean]" if Path(self.path).name == "pyproject.toml" else self.path


def read_table(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The newsclean table of a config file; None for a pyproject.toml without one."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("newsclean")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.newsclean] must be a table")
    return table


@cache
def find(directory: str) -> str | None:
    """The configuration file that applies in ``directory``, searching upwards."""
    here = Path(directory).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or read_table(candidate) is not None):
                return str(candidate)
    return None


@cache
def load(spec: ConfigSpec) -> Config:
    """Validate the configuration ``spec`` stands for; errors name the file they come from."""
    table = dict(read_table(spec.path) or {}) if spec.path else {}
    if spec.path and not spec.trusted:
        code = custom_cleaners(table)
        if code:
            raise ConfigError(
                f"{spec.label()} names custom cleaner(s) {', '.join(code)}, which would run code from beside "
                "the data; custom cleaners are loaded only from --config FILE, from a configuration inside "
                "the current directory's project, or with --trust-config (--isolated ignores configuration files)"
            )
    if spec.path and spec.trusted:
        _allow_local_cleaners(Path(spec.path).parent)
    if any(":" in name for name in spec.enable):
        # a custom cleaner named on the command line is the user's own explicit choice: it is
        # imported from the current folder, as one named in a trusted configuration is from its
        _allow_local_cleaners(Path.cwd())
    try:
        if spec.enable or spec.disable:
            table = _with_overrides(table, spec.enable, spec.disable)
        return Config.from_mapping(table)
    except ConfigError as exc:
        raise ConfigError(f"{spec.label()}: {exc}") from None


@cache
def cleaner(spec: ConfigSpec) -> Callable[[Document], Document]:
    """``doc -> cleaned doc`` for ``spec``: :func:`newsclean.clean` with that configuration.

    The CLI goes through ``clean`` rather than a bare Pipeline so it behaves exactly like
    the library. The pipeline is built once here so a custom cleaner that cannot be
    imported is a configuration error before any file is read.
    """
    from newsclean import clean

    config = load(spec)
    try:
        config.pipeline()
    except ConfigError as exc:
        raise ConfigError(f"{spec.label()}: {exc}") from None
    return partial(clean, config=config)


def custom_cleaners(table: dict[str, Any]) -> list[str]:
    """The ``"module:attribute"`` names a configuration table would import."""
    names: list[str] = []
    for key in ("cleaners", "enable"):
        value = table.get(key)
        items = [value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []
        names += [item for item in items if isinstance(item, str) and ":" in item]
    return names


@cache
def project_root(directory: str) -> Path:
    """The project ``directory`` is in: the nearest folder at or above it holding ``.git``
    (or ``.hg``), else ``directory`` itself. Its configuration files are trusted."""
    here = Path(directory).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists() or (folder / ".hg").exists():
            return folder
    return here


def in_project(path: str, root: Path) -> bool:
    folder = Path(path).resolve().parent
    return folder == root or root in folder.parents


def forget() -> None:
    """Drop what was found and built, so a new run sees configuration files as they are now."""
    find.cache_clear()
    project_root.cache_clear()
    load.cache_clear()
    cleaner.cache_clear()


def _with_overrides(table: dict[str, Any], enable: tuple[str, ...], disable: tuple[str, ...]) -> dict[str, Any]:
    def names(key: str) -> list[str]:
        value = table.get(key) or table.get(key.replace("_", "-")) or []
        return [value] if isinstance(value, str) else list(value)

    table = dict(table)
    table["enable"] = names("enable") + [n for n in enable if n not in names("enable")]
    table["disable"] = [n for n in names("disable") if n not in enable] + list(disable)
    return table


def _allow_local_cleaners(folder: Path) -> None:
    # Custom cleaners ("module:attr") usually live next to the configuration that names
    # them, and a console script does not have the project directory on sys.path.
    entry = str(folder.resolve())
    if entry not in sys.path:
        sys.path.append(entry)
