"""Issue 13, items 13 and 19: configuration is validated, and configuration beside the data runs no code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean import Document, Pipeline, clean
from newsclean.cli import configfile
from newsclean.cli.command import main
from newsclean.errors import CleanerError

STORM = Path(__file__).parent / "fixtures" / "cli" / "storm.txt"
#: A custom cleaner that leaves a trace on disk, so the test sees whether it ran.
PAYLOAD = "from pathlib import Path\n\ndef drop_bylines(doc):\n    Path({marker!r}).write_text('ran')\n    return doc\n"


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    configfile.forget()
    yield
    configfile.forget()
    sys.modules.pop("house_rules", None)


# -- 13. configuration that escaped validation --------------------------------------------


@pytest.mark.parametrize(
    "content, key",
    [
        ("cleaners = [1, 2]\n", "'cleaners'"),
        ('cleaners = "quotes"\n', "'cleaners'"),
        ('[duplicates]\nwindow = "3"\n', "[duplicates] window"),
        ('[appeals]\nmax_words = "many"\n', "[appeals] max_words"),
        ("[quotes]\nmode = 1\n", "[quotes] mode"),
        ("enable = [true]\n", "'enable'"),
    ],
)
def test_13_mistyped_configuration_is_a_usage_error_naming_the_key(tmp_path, monkeypatch, capsys, content, key):
    monkeypatch.chdir(tmp_path)
    shutil.copy(STORM, tmp_path / "a.txt")
    (tmp_path / "newsclean.toml").write_text(content)
    before = (tmp_path / "a.txt").read_bytes()
    assert main(["--fix", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert key in err and "Traceback" not in err, err
    assert (tmp_path / "a.txt").read_bytes() == before


def test_13_a_number_is_accepted_where_a_float_is_expected():
    assert clean("A line.", config={"foreign_footer": {"min_probability": 1}}).text == "A line."


@pytest.mark.parametrize("exc", [SystemExit(0), SystemExit(1), GeneratorExit()])
def test_13_a_cleaner_raising_system_exit_is_that_cleaner_failing(exc):
    def rude(doc):
        raise exc

    with pytest.raises(CleanerError, match="rude"):
        Pipeline([rude])(Document(("x",)))


def test_13_keyboard_interrupt_still_stops_the_run():
    def interrupted(doc):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Pipeline([interrupted])(Document(("x",)))


def test_13_cli_with_a_cleaner_that_exits_reports_the_file_not_success(tmp_path):
    (tmp_path / "rude.py").write_text("def leave(doc):\n    raise SystemExit(0)\n")
    (tmp_path / "newsclean.toml").write_text('enable = ["rude:leave"]\n')
    shutil.copy(STORM, tmp_path / "a.txt")
    done = subprocess.run(
        [sys.executable, "-m", "newsclean", "--check", "a.txt"], cwd=tmp_path, capture_output=True, timeout=120
    )
    assert done.returncode == 123, done.stderr
    assert b"leave" in done.stderr and b"SystemExit" in done.stderr


# -- 19. a config found beside the data runs no code -------------------------------------


@pytest.fixture
def dump(tmp_path):
    """A downloaded dump holding a newsclean.toml and the Python file it names; and a project."""
    folder = tmp_path / "dump"
    folder.mkdir()
    marker = tmp_path / "ran"
    (folder / "house_rules.py").write_text(PAYLOAD.format(marker=str(marker)))
    (folder / "newsclean.toml").write_text('enable = ["house_rules:drop_bylines"]\n')
    shutil.copy(STORM, folder / "a.txt")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    return folder, project, marker


@pytest.mark.parametrize("mode", [[], ["--check"], ["--fix"]])
def test_19_custom_cleaner_beside_the_data_is_refused(dump, monkeypatch, capsys, mode):
    folder, project, marker = dump
    monkeypatch.chdir(project)
    before = (folder / "a.txt").read_bytes()
    assert main([*mode, str(folder / "a.txt")]) == 2
    assert "--trust-config" in capsys.readouterr().err
    assert not marker.exists()
    assert (folder / "a.txt").read_bytes() == before


def test_19_even_os_system_is_not_imported(tmp_path, monkeypatch, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "newsclean.toml").write_text('cleaners = ["os:system"]\n')
    shutil.copy(STORM, tmp_path / "data" / "a.txt")
    (tmp_path / "project" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "project")
    assert main(["--check", str(tmp_path / "data" / "a.txt")]) == 2


def test_19_the_data_config_still_chooses_built_in_cleaners(dump, monkeypatch, capsys):
    folder, project, marker = dump
    (folder / "newsclean.toml").write_text('disable = ["quotes"]\n')
    monkeypatch.chdir(project)
    main(["--check", str(folder / "a.txt")])
    assert "quotes" not in capsys.readouterr().out


def test_19_explicit_ways_to_trust_a_config(dump, monkeypatch, capsys):
    folder, project, marker = dump
    monkeypatch.chdir(project)
    assert main(["--check", "--trust-config", str(folder / "a.txt")]) == 1
    assert marker.exists()
    marker.unlink()
    sys.modules.pop("house_rules", None)
    configfile.forget()
    assert main(["--check", "--config", str(folder / "newsclean.toml"), str(folder / "a.txt")]) == 1
    assert marker.exists()


def test_19_the_current_projects_config_may_name_code(dump, monkeypatch, capsys):
    folder, project, marker = dump
    (folder / ".git").mkdir()
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")  # inside the project, below its root
    assert main(["--check", str(folder / "a.txt")]) == 1
    assert marker.exists()


def test_19_isolated_ignores_every_config(dump, monkeypatch, capsys):
    folder, project, marker = dump
    (folder / "newsclean.toml").write_text('disable = ["quotes", "comments", "forms"]\n')
    monkeypatch.chdir(folder)
    assert main(["--check", "a.txt"]) == 0
    assert main(["--check", "--isolated", "a.txt"]) == 1
    assert main(["--isolated", "--config", "newsclean.toml", "a.txt"]) == 2
