"""The repository's own checks run in the test command, so CI fails on a lint or type error.

ruff (lint and format) and mypy are configured in pyproject.toml; CONTRIBUTING.md says what
each catches. They run as the tools themselves, from this Python's environment, over the
same paths a developer checks by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PATHS = ["newsclean", "tests", "bench"]


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)  # the test environment's own copy
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    result = run(tool("ruff"), "check", "--no-cache", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run(tool("ruff"), "format", "--check", "--no-cache", *PATHS)
    assert result.returncode == 0, "run `ruff format`:\n" + result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = run(tool("mypy"), "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr
