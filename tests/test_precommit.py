"""The pre-commit hooks, driven by the real pre-commit on a git repository of seed articles.

pre-commit installs newsclean from this repository into an environment of its own (from
the package registry), so the test takes a minute or two; deselect it with
``-m 'not integration'``. The hooks are installed from a clone of the committed HEAD (the
state a user would install), named by its commit in a ``.pre-commit-config.yaml`` as a
user writes it. All tests share one pre-commit home, so that environment is built once:
``pre-commit try-repo`` would build it again for every run, in a store of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
BUNDLED = REPO / "newsclean" / "examples" / "moscow-times-appeal.txt"


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.exists() else shutil.which("pre-commit")


PRE_COMMIT = _pre_commit()
if PRE_COMMIT is None or shutil.which("git") is None:
    pytest.skip("needs git and pre-commit", allow_module_level=True)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A clone of this repository's HEAD, which is what pre-commit installs the hooks from."""
    clone = tmp_path_factory.mktemp("hooks") / "newsclean"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    return clone


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit store for the module: the hook environment is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def articles(tmp_path) -> Path:
    """A git repository holding copies of the seed articles (and the bundled example)."""
    repo = tmp_path / "articles"
    repo.mkdir()
    git("init", "--quiet", cwd=repo)
    git("config", "user.email", "test@example.com", cwd=repo)
    git("config", "user.name", "test", cwd=repo)
    sources = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    for source in [*sources, BUNDLED]:
        target = repo / source.name
        target.write_bytes(source.read_bytes())  # writable copies of read-only seeds
    git("add", ".", cwd=repo)
    git("commit", "--quiet", "-m", "seed articles", cwd=repo)
    return repo


def try_repo(hook_repo: Path, hook: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    """``pre-commit run HOOK --all-files`` with the hooks of ``hook_repo``'s HEAD, as a user configures them."""
    rev = git("rev-parse", "HEAD", cwd=hook_repo).strip()
    config = cwd.parent / f"pre-commit-{hook}.yaml"  # outside the repository: not an article to clean
    config.write_text(f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_COLOR="never", PRE_COMMIT_HOME=str(home))
    return subprocess.run(
        [PRE_COMMIT, "run", "--config", str(config), hook, "--all-files"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_fix_hook_fails_and_fixes_then_passes(hook_repo, articles, pre_commit_home):
    before = {p.name: p.read_bytes() for p in articles.glob("*.txt")}

    first = try_repo(hook_repo, "newsclean", articles, pre_commit_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    changed = git("diff", "--name-only", cwd=articles).split()
    assert BUNDLED.name in changed
    assert "A Message from The Moscow Times" not in (articles / BUNDLED.name).read_text(encoding="utf-8")
    assert all((articles / name).read_bytes() == data for name, data in before.items() if name not in changed)

    git("add", "-A", cwd=articles)
    second = try_repo(hook_repo, "newsclean", articles, pre_commit_home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert git("status", "--porcelain", cwd=articles).split() == [
        token for name in sorted(changed) for token in ("M", name)
    ]  # staged fixes only; the second run changed nothing


def test_check_hook_reports_without_changing_files(hook_repo, articles, pre_commit_home):
    before = {p.name: p.read_bytes() for p in articles.glob("*.txt")}
    result = try_repo(hook_repo, "newsclean-check", articles, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{BUNDLED.name}:" in result.stdout and ": appeals: " in result.stdout
    assert {p.name: p.read_bytes() for p in articles.glob("*.txt")} == before
