"""Issue 13 ("Nothing lost"), the command-line and file-safety cases.

Each test names its item; each failed on the code before the fix. Most drive
``main()`` in-process on real temporary files; the ones where the process matters (exit
codes, stdin) run ``python -m newsclean`` as a user would.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean.cli import corpus_command
from newsclean.cli.command import main

ARTICLE = (
    "Storm hits the coast\n"
    'The storm hit the coast on Monday, "officials said", and thousands lost power.\n'
    "Please enter your comment!\n"
    "Repair crews worked through the night to restore the lines, the utility said.\n"
)
RECORD = {"id": "a", "text": ARTICLE}


def cli(*argv: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *argv], cwd=cwd, input=stdin, capture_output=True, timeout=120
    )


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. output onto an input ---------------------------------------------------------------


def test_1_output_onto_its_input_is_refused_and_the_input_kept(work):
    (work / "a.txt").write_text(ARTICLE)
    done = cli("-o", "a.txt", "a.txt", cwd=work)
    assert done.returncode == 2, done.stderr
    assert b"is the input" in done.stderr
    assert (work / "a.txt").read_text() == ARTICLE


@pytest.mark.parametrize("output", ["b.txt", "./b.txt", "link.txt"])
def test_1_output_that_is_one_of_several_inputs_by_any_name(work, capsys, output):
    (work / "b.txt").write_text(ARTICLE)
    (work / "other.txt").write_text("Other news\nA quiet day in the valley.\n")
    os.link(work / "b.txt", work / "link.txt")
    assert main(["-o", output, "./b.txt", "other.txt"]) == 2
    assert (work / "b.txt").read_text() == ARTICLE


def test_1_jsonl_output_onto_its_input(work, capsys):
    (work / "c.jsonl").write_text(json.dumps(RECORD) + "\n")
    assert main(["-o", "c.jsonl", "c.jsonl"]) == 2
    assert json.loads((work / "c.jsonl").read_text()) == RECORD


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_1_corpus_output_onto_its_input(work, capsys, name):
    data = (json.dumps(RECORD) + "\n").encode()
    (work / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    before = (work / name).read_bytes()
    assert corpus_command.main([name, "-o", name, "-q"]) == 2
    assert (work / name).read_bytes() == before
    assert "is the input" in capsys.readouterr().err


def test_1_mirrored_output_onto_its_input(work, capsys):
    (work / "a.txt").write_text(ARTICLE)
    assert main(["-o", ".", "a.txt"]) == 2
    assert (work / "a.txt").read_text() == ARTICLE


# -- 2. corpus output replaced only at the end ---------------------------------------------


def test_2_failing_corpus_run_keeps_the_previous_output(work, capsys):
    (work / "in.jsonl").write_text(json.dumps(RECORD) + "\n")
    assert corpus_command.main(["in.jsonl", "-o", "out.jsonl", "-q"]) == 0
    good = (work / "out.jsonl").read_bytes()
    assert good
    # a new first input, then one that breaks off after a good record: the run fails part-way
    (work / "new.jsonl").write_text(json.dumps({"id": "n", "text": "Other news\nA quiet day.\n"}) + "\n")
    # (a truncated gzip: one bad record no longer ends a run, see item 12)
    whole = gzip.compress(((json.dumps(RECORD) + "\n") * 50).encode())
    (work / "bad.jsonl.gz").write_bytes(whole[: len(whole) - 20])
    assert corpus_command.main(["new.jsonl", "bad.jsonl.gz", "-o", "out.jsonl", "-q"]) != 0
    assert (work / "out.jsonl").read_bytes() == good
    assert [p.name for p in work.iterdir() if "newsclean-tmp" in p.name] == []


# -- 3. -o DIR collisions -----------------------------------------------------------------


@pytest.mark.parametrize("names", [("a/x.txt", "b/x.txt"), ("y.html", "y.txt")])
def test_3_two_inputs_one_mirrored_output_stops_before_writing(work, capsys, names):
    for name in names:
        (work / name).parent.mkdir(exist_ok=True)
        (work / name).write_text(ARTICLE)
    assert main(["-o", "out", *names]) == 2
    assert "would both be written to" in capsys.readouterr().err
    assert not (work / "out").exists() or not any((work / "out").rglob("*"))


def test_3_two_directories_with_the_same_file_name(work, capsys):
    for folder in ("a", "b"):
        (work / folder).mkdir()
        (work / folder / "x.txt").write_text(ARTICLE)
    assert main(["-o", "out", "a", "b"]) == 2
    assert not (work / "out" / "x.txt").exists()


# -- 4. --fix on JSON(L) not named .jsonl --------------------------------------------------

DUPLICATED = {"text": 'A day of "quotes" and more.\nThe same line.\n', "id": 1}


@pytest.mark.parametrize("name", ["feed.ndjson", "feed.json", "feed.data"])
def test_4_json_lines_under_another_name_are_fixed_as_json_lines(work, name):
    lines = [json.dumps({"id": i, "text": ARTICLE}) for i in range(3)]
    (work / name).write_text("\n".join(lines) + "\n")
    done = cli("--fix", name, cwd=work)
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in (work / name).read_text().splitlines()]
    assert [r["id"] for r in records] == [0, 1, 2]  # no record lost as a "duplicate" line
    assert all("Please enter your comment" not in r["text"] for r in records)


def test_4_json_lines_on_stdin_are_read_as_json_lines(work):
    lines = "".join(json.dumps({"id": i, "text": ARTICLE}) + "\n" for i in range(2))
    done = cli("--fix", "-", cwd=work, stdin=lines.encode())
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == [0, 1]


@pytest.mark.parametrize(
    "content",
    [
        json.dumps([{"text": ARTICLE}, {"text": ARTICLE}], indent=2),
        json.dumps({"text": ARTICLE}, indent=2),
    ],
)
def test_4_json_that_is_not_json_lines_is_never_fixed(work, content):
    (work / "page.json").write_text(content)
    done = cli("--fix", "page.json", cwd=work)
    assert done.returncode == 123, done.stderr
    assert b"not JSON Lines" in done.stderr
    assert (work / "page.json").read_text() == content
    stdin = cli("--fix", "-", cwd=work, stdin=content.encode())
    assert stdin.returncode == 123 and stdin.stdout == content.encode()  # passed on unchanged


# -- 10. Markdown only when asked ---------------------------------------------------------


def test_10_directory_walk_leaves_markdown_alone(work, capsys):
    (work / "docs").mkdir()
    readme = "# Notes\n\n```\nPlease enter your comment!\n```\n\n| a | b |\n|---|---|\n| Advertisement | x |\n"
    (work / "docs" / "README.md").write_text(readme)
    (work / "docs" / "a.txt").write_text(ARTICLE)
    assert main(["--fix", "docs"]) == 1
    assert (work / "docs" / "README.md").read_text() == readme
    assert "Please enter" not in (work / "docs" / "a.txt").read_text()


def test_10_fix_walk_skips_html_but_check_reads_it(work, capsys):
    (work / "site").mkdir()
    (work / "site" / "page.html").write_text("<html><body><p>Please enter your comment!</p></body></html>")
    assert main(["--fix", "site"]) == 0  # nothing to fix, and no "HTML is not rewritten" error
    fix_summary = capsys.readouterr().err
    main(["--check", "site"])
    check_summary = capsys.readouterr().err
    assert "0 files" in fix_summary and "1 file" in check_summary, (fix_summary, check_summary)


# -- 14. a crash is not "changes found" ----------------------------------------------------


def test_14_unexpected_crash_exits_with_its_own_code(work, monkeypatch, capsys):
    (work / "a.txt").write_text(ARTICLE)

    def broken(self):
        raise RuntimeError("a bug")

    monkeypatch.setattr("newsclean.cli.command.Run.execute", broken)
    assert main(["--check", "a.txt"]) == 70
    assert "internal error" in capsys.readouterr().err


def test_14_corpus_crash_exits_with_its_own_code(work, monkeypatch, capsys):
    (work / "in.jsonl").write_text(json.dumps(RECORD) + "\n")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(corpus_command, "clean_corpus_lines", broken)
    assert corpus_command.main(["in.jsonl", "-o", "out.jsonl"]) == 70


# -- 8. edits made during --fix are kept ---------------------------------------------------

EDITED = "Storm hits the coast\nThe editor's new first paragraph.\nPlease enter your comment!\n"


def _edit_after_reading(monkeypatch, how):
    from newsclean.cli import formats

    real = formats.read_file

    def read_then_edit(path, **kwargs):
        data = real(path, **kwargs)
        how(Path(path))
        return data

    monkeypatch.setattr(formats, "read_file", read_then_edit)


def _editor_save(path: Path) -> None:  # write a new file, rename it over the old one
    (path.parent / (path.name + ".swp")).write_text(EDITED)
    os.replace(path.parent / (path.name + ".swp"), path)


def _append(path: Path) -> None:
    with open(path, "a") as f:
        f.write("A line appended while newsclean was busy.\n")


@pytest.mark.parametrize("how", [_editor_save, _append], ids=["editor-save", "append"])
def test_8_a_file_edited_during_fix_is_not_overwritten(work, capsys, monkeypatch, how):
    (work / "a.txt").write_text(ARTICLE)
    _edit_after_reading(monkeypatch, how)
    assert main(["--fix", "a.txt"]) == 123
    assert "changed while newsclean was fixing it" in capsys.readouterr().err
    expected = EDITED if how is _editor_save else ARTICLE + "A line appended while newsclean was busy.\n"
    assert (work / "a.txt").read_text() == expected
    assert [p.name for p in work.iterdir()] == ["a.txt"]


def test_8_a_jsonl_file_appended_to_during_fix_is_not_overwritten(work, capsys, monkeypatch):
    from newsclean.cli import formats

    (work / "a.jsonl").write_text(json.dumps(RECORD) + "\n")
    real = formats.open_lines

    def open_then_append(path):
        stream = real(path)
        with open(path, "a") as f:
            f.write(json.dumps({"id": "late", "text": "Added late."}) + "\n")
        return stream

    monkeypatch.setattr(formats, "open_lines", open_then_append)
    assert main(["--fix", "a.jsonl"]) == 123
    assert "changed while" in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in (work / "a.jsonl").read_text().splitlines()] == ["a", "late"]


# -- 9. --fix as root ------------------------------------------------------------------------

as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")


@as_root
def test_9_fix_as_root_keeps_owner_and_group(work, capsys):
    import pwd

    nobody = pwd.getpwnam("nobody")
    path = work / "a.txt"
    path.write_text(ARTICLE)
    os.chown(path, nobody.pw_uid, nobody.pw_gid)
    assert main(["--fix", "a.txt"]) == 1
    st = os.stat(path)
    assert "Please enter" not in path.read_text()
    assert (st.st_uid, st.st_gid) == (nobody.pw_uid, nobody.pw_gid)


@as_root
@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_9_read_only_files_are_refused_even_as_root(work, capsys, name):
    path = work / name
    path.write_text(ARTICLE if name.endswith(".txt") else json.dumps(RECORD) + "\n")
    os.chmod(path, 0o444)
    before = path.read_bytes()
    assert main(["--fix", name]) == 123
    assert "read-only" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_9_hard_linked_files_are_skipped_not_split(work, capsys):
    (work / "a.txt").write_text(ARTICLE)
    os.link(work / "a.txt", work / "b.txt")
    assert main(["--fix", "a.txt"]) == 123
    assert "hard links" in capsys.readouterr().err
    assert os.stat(work / "a.txt").st_ino == os.stat(work / "b.txt").st_ino
    assert (work / "b.txt").read_text() == ARTICLE


# -- 17. quoted '**' globs do not follow symlinked folders ---------------------------------


def test_17_quoted_double_star_glob_does_not_follow_symlink_loops(work):
    for folder in ("a", "a/b", "a/b/c"):
        (work / folder).mkdir()
        (work / folder / "x.txt").write_text(ARTICLE)
        for i in range(3):  # several links back up at every level: following them never ends
            (work / folder / f"up{i}").symlink_to("..")
    done = cli("--check", "a/**/*.txt", cwd=work)
    assert done.returncode == 1, done.stderr
    names = sorted({line.split(":")[0] for line in done.stdout.decode().splitlines()})
    assert names == ["a/b/c/x.txt", "a/b/x.txt", "a/x.txt"]


# -- 6. short documents: every round audited, never emptied without the flag --------------

#: Removes a document's title: on the brief below it acts only in --fix's second round,
#: once the ad line is gone and the headline has become the first line (the title).
TITLE_CUTTER = (
    "def cut_titles(doc):\n    return doc.retitle(None, reason='a title', by='cut_titles') if doc.title else doc\n"
)
BRIEF = "- Advertisement -\nMayor resigns after scandal\nThe mayor resigned on Monday after a week of reports.\n"


@pytest.fixture
def title_cutter(work, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    (work / "house.py").write_text(TITLE_CUTTER)
    (work / "newsclean.toml").write_text('enable = ["house:cut_titles"]\n')
    yield work
    sys.modules.pop("house", None)


def test_6_a_later_fixing_round_is_in_the_summary_and_in_check(title_cutter, capsys):
    (title_cutter / "brief.txt").write_text(BRIEF)
    assert main(["--check", "brief.txt"]) == 1
    out, _ = capsys.readouterr()
    assert "brief.txt:1: ads:" in out
    assert "brief.txt:2: cut_titles: a title" in out  # round 2, on the original's line 2
    assert main(["--fix", "brief.txt"]) == 1
    _, err = capsys.readouterr()
    assert "cut_titles 1" in err and "ads 1" in err
    assert (title_cutter / "brief.txt").read_text() == "The mayor resigned on Monday after a week of reports.\n"


EMPTIER = (  # once there is a title (round 2 of BRIEF), removes the title and every paragraph
    "def cut_titled(doc):\n"
    "    if not doc.title:\n"
    "        return doc\n"
    "    doc = doc.drop({i: 'under a title' for i in range(len(doc.paragraphs))}, by='cut_titled')\n"
    "    return doc.retitle(None, reason='a title', by='cut_titled')\n"
)


@pytest.fixture
def emptier(title_cutter):
    (title_cutter / "house.py").write_text(EMPTIER)
    (title_cutter / "newsclean.toml").write_text('enable = ["house:cut_titled"]\n')
    return title_cutter


def test_6_explain_shows_the_later_rounds_too(title_cutter, capsys):
    (title_cutter / "brief.txt").write_text(BRIEF)
    main(["--explain", "--color", "never", "brief.txt"])
    out = capsys.readouterr().out
    assert "--fix round 2" in out and "cut_titles removed: a title" in out


def test_6_fixing_never_empties_a_brief(emptier, capsys):
    (emptier / "brief.txt").write_text(BRIEF)
    main(["--fix", "brief.txt"])
    assert (emptier / "brief.txt").read_text().strip()  # not a 0-byte file
    assert "held back" in capsys.readouterr().err


def test_6_fixing_never_empties_a_jsonl_record(emptier, capsys):
    (emptier / "a.jsonl").write_text(json.dumps({"text": BRIEF}) + "\n")
    main(["--fix", "a.jsonl"])
    assert json.loads((emptier / "a.jsonl").read_text())["text"].strip()


def test_6_a_short_document_is_never_emptied_without_the_flag(work, capsys):
    (work / "brief.txt").write_text("Please enter your comment!\nLeave a Reply\n")
    main(["--fix", "brief.txt"])
    assert (work / "brief.txt").read_text() == "Please enter your comment!\nLeave a Reply\n"
    main(["--check", "brief.txt"])
    assert "suspicious: cleaners would remove all of the text" in capsys.readouterr().out


# -- 18. workers die with their parent; SIGTERM leaves no temporary file -------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _start_blocked_run(work: Path, *argv: str) -> subprocess.Popen:
    """A ``-j 2`` run reading JSONL from a stdin that stays open: it waits, workers started."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "-j", "2", "--input-format", "jsonl", *argv, "-"],
        cwd=work,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process.stdin.write(("".join(json.dumps({"id": i, "text": ARTICLE}) + "\n" for i in range(200))).encode())
    process.stdin.flush()
    return process


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_18_workers_exit_when_their_parent_is_killed(work):
    _assert_workers_die_with(_start_blocked_run(work, "--check"))


def _assert_workers_die_with(process: subprocess.Popen) -> None:
    """Kill ``process`` once it has a worker; every worker must then exit by itself."""
    workers: list[int] = []
    try:
        assert _wait_for(lambda: len(_children(process.pid)) >= 1, 60), "no worker started"
        workers = _children(process.pid)
        process.kill()
        process.wait()
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 15), "workers outlived their parent"
    finally:
        process.kill()
        _kill(workers)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_18_sigterm_removes_the_temporary_output(work):
    (work / "out.jsonl").write_text("the previous output\n")
    process = _start_blocked_run(work, "-o", "out.jsonl")
    workers: list[int] = []
    try:
        assert _wait_for(lambda: any("newsclean-tmp" in p.name for p in work.iterdir()), 60)
        assert _wait_for(lambda: len(_children(process.pid)) >= 1, 60)
        workers = _children(process.pid)
        process.terminate()
        assert process.wait(timeout=30) != 0
        assert sorted(p.name for p in work.iterdir()) == ["out.jsonl"]
        assert (work / "out.jsonl").read_text() == "the previous output\n"
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 15)
    finally:
        process.kill()
        _kill(workers)


def _kill(pids: list[int]) -> None:  # only the workers this test started, by their id
    for pid in pids:
        try:
            os.kill(pid, 9)
        except OSError:
            pass


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_18_corpus_workers_exit_when_their_parent_is_killed(work):
    process = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "corpus", "-j", "2", "-q", "-", "-o", "out.jsonl"],
        cwd=work,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process.stdin.write(("".join(json.dumps({"id": i, "text": ARTICLE}) + "\n" for i in range(400))).encode())
    process.stdin.flush()
    _assert_workers_die_with(process)


def test_1_save_boilerplate_onto_an_input_is_refused(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "1", "text": "A story about the harbour."}\n', encoding="utf-8")
    before = corpus.read_bytes()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsclean",
            "corpus",
            str(corpus),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--learn-boilerplate",
            "--save-boilerplate",
            str(corpus),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert corpus.read_bytes() == before
    assert not (tmp_path / "out.jsonl").exists()


def test_2_the_boilerplate_model_is_written_atomically(tmp_path):
    from newsclean.corpus.boilerplate import BoilerplateLearner

    target = tmp_path / "model.json"
    target.write_text("previous model\n", encoding="utf-8")
    before = target.stat().st_ino
    BoilerplateLearner().model().save(target)
    # Written beside and renamed over: a new file, never the old one truncated and half rewritten.
    assert target.stat().st_ino != before
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]
