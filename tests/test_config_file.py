"""Configuration files: where they are found, what they hold, and how mistakes are reported."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from newsclean.cli import configfile
from newsclean.cli.command import main
from newsclean.cli.configfile import ConfigSpec
from newsclean.errors import ConfigError

STORM = Path(__file__).parent / "fixtures" / "cli" / "storm.txt"


@pytest.fixture(autouse=True)
def fresh_caches():
    configfile.forget()
    yield
    configfile.forget()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """project/pyproject.toml, project/articles/storm.txt; cwd is the project."""
    (tmp_path / "articles").mkdir()
    shutil.copy(STORM, tmp_path / "articles" / "storm.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys, *argv: str) -> tuple[int, set[str], str]:
    code = main(["--check", *argv])
    out, err = capsys.readouterr()
    return code, {line.split(": ")[1] for line in out.splitlines()}, err


def test_pyproject_table_is_found_by_walking_up(project, capsys):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.newsclean]\ndisable = ["quotes"]\n')
    assert check(capsys, "articles/storm.txt")[1] == {"comments"}


def test_newsclean_toml_beats_pyproject_in_the_same_directory(project, capsys):
    (project / "pyproject.toml").write_text('[tool.newsclean]\ndisable = ["quotes"]\n')
    # the comment form goes by its phrases (comments) or by its shape (forms): both off
    (project / "newsclean.toml").write_text('disable = ["comments", "forms"]\n')
    assert check(capsys, "articles/storm.txt")[1] == {"quotes"}


def test_nearest_file_wins_and_pyproject_without_table_is_passed_over(project, capsys):
    (project / "newsclean.toml").write_text('disable = ["comments", "forms"]\n')
    (project / "articles" / "pyproject.toml").write_text('[project]\nname = "articles"\n')
    assert check(capsys, "articles/storm.txt")[1] == {"quotes"}
    (project / "articles" / "newsclean.toml").write_text('disable = ["quotes"]\n')
    configfile.forget()
    assert check(capsys, "articles/storm.txt")[1] == {"comments"}


def test_config_flag_overrides_the_search(project, capsys):
    (project / "newsclean.toml").write_text('disable = ["comments"]\n')
    (project / "other.toml").write_text('cleaners = ["comments"]\n')
    assert check(capsys, "--config", "other.toml", "articles/storm.txt")[1] == {"comments"}


def test_cleaner_order_and_options(project, capsys):
    (project / "newsclean.toml").write_text('cleaners = ["quotes", "comments"]\n\n[quotes]\nmode = "typographic"\n')
    assert check(capsys, "articles/storm.txt")[1] == {"comments"}  # typographic mode keeps curly quotes


def test_custom_cleaner_next_to_the_configuration(project, capsys, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    (project / "house_rules.py").write_text(
        "def no_mayors(doc):\n"
        "    return doc.drop({i: 'mentions a mayor' for i, p in enumerate(doc.paragraphs) if 'mayor' in p}, by='mayors')\n"
    )
    (project / "newsclean.toml").write_text('enable = ["house_rules:no_mayors"]\n')
    code, cleaners, _ = check(capsys, "articles/storm.txt")
    assert "mayors" in cleaners and code == 1
    sys.modules.pop("house_rules", None)


def test_excludes_are_relative_to_the_configuration(project, capsys):
    (project / "drafts").mkdir()
    shutil.copy(STORM, project / "drafts" / "draft.txt")
    (project / "newsclean.toml").write_text('exclude = ["drafts"]\n')
    code = main(["--check", "."])
    out, _ = capsys.readouterr()
    assert {line.split(":")[0] for line in out.splitlines()} == {"articles/storm.txt"}
    assert code == 1


@pytest.mark.parametrize(
    "content, expected",
    [
        ('cleaner = ["quotes"]\n', "valid keys: "),
        ('cleaners = ["quotes", "nonsense"]\n', "built-in cleaners are: ads, appeals"),
        ('[quotes]\nstyle = "x"\n', "valid options: mode"),
        ("[nonsense]\nx = 1\n", "unknown configuration key"),
        ("cleaners = [\n", "invalid TOML"),
        ('cleaners = ["missing_module_xyz:thing"]\n', "cannot load custom cleaner"),
    ],
)
def test_mistakes_are_usage_errors_that_name_the_file_and_the_choices(project, capsys, content, expected):
    (project / "newsclean.toml").write_text(content)
    before = (project / "articles" / "storm.txt").read_bytes()
    code = main(["--fix", "articles/storm.txt"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "newsclean.toml" in err and expected in err
    assert (project / "articles" / "storm.txt").read_bytes() == before  # nothing was touched


def test_pyproject_mistake_names_the_table(project, capsys):
    (project / "pyproject.toml").write_text("[tool.newsclean]\nbogus = 1\n")
    assert main(["--check", "articles/storm.txt"]) == 2
    assert "pyproject.toml [tool.newsclean]: unknown configuration key(s): bogus" in capsys.readouterr().err


def test_config_flag_on_a_pyproject_without_a_table(project, capsys):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert main(["--config", "pyproject.toml", "--check", "articles/storm.txt"]) == 2
    assert "no [tool.newsclean] table" in capsys.readouterr().err


def test_spec_overrides_merge_with_the_file(tmp_path):
    (tmp_path / "newsclean.toml").write_text('disable = ["quotes", "ads"]\n')
    spec = ConfigSpec(str(tmp_path / "newsclean.toml"), enable=("quotes",), disable=("duplicates",))
    cleaners = configfile.load(spec).cleaners
    assert "quotes" in cleaners and "ads" not in cleaners and "duplicates" not in cleaners


def test_load_reports_the_source_of_an_error(tmp_path):
    (tmp_path / "newsclean.toml").write_text('disable = ["nope"]\n')
    with pytest.raises(ConfigError, match=r"newsclean\.toml: cannot disable unknown cleaner 'nope'"):
        configfile.load(ConfigSpec(str(tmp_path / "newsclean.toml")))
