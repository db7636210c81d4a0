"""``newsclean --fix`` never loses a file.

* A run killed (SIGKILL) while it writes leaves the old file or the new one, never a
  truncated one: killed between writing and renaming, right after renaming, and at
  random moments of a run over many files.
* A file that cannot be processed, or that the safety valve holds back, is left
  byte-identical; permissions and line endings of rewritten files are preserved.
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time

import pytest

from newsclean.cli.command import main

ARTICLE = [
    "Storm hits the coast",
    "The storm hit the coast on Monday, officials said, and thousands lost power.",
    "Please enter your comment!",
    "- Advertisement -",
    "Repair crews worked through the night to restore the lines, the utility said.",
]
CLEANED = [ARTICLE[0], ARTICLE[1], ARTICLE[4]]


def write(path, lines, newline="\n", mode=0o644) -> bytes:
    data = newline.join(lines).encode("utf-8") + newline.encode()
    path.write_bytes(data)
    os.chmod(path, mode)
    return data


# -- killed mid-run ---------------------------------------------------------------------

# Runs the CLI with one of the os functions the atomic writer calls wrapped so that the
# child says where it is and waits there to be killed.
_CHILD = """
import os, sys, time
from newsclean.cli.command import main
where, args = sys.argv[1], sys.argv[2:]
real = getattr(os, where)
def pause(*a, **k):
    result = real(*a, **k) if where == "replace" else None
    print("PAUSED", flush=True)
    time.sleep(60)
    return result if where == "replace" else real(*a, **k)
setattr(os, where, pause)
sys.exit(main(args))
"""


def kill_at(where: str, *args: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, where, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert child.stdout.readline().strip() == "PAUSED", "the child never reached the write"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def test_killed_after_writing_but_before_renaming_leaves_the_old_file(tmp_path):
    path = tmp_path / "article.txt"
    old = write(path, ARTICLE)
    kill_at("fsync", "--fix", str(path))  # fsync comes after the temporary file is written
    assert path.read_bytes() == old


def test_killed_right_after_renaming_leaves_the_whole_new_file(tmp_path):
    path = tmp_path / "article.txt"
    write(path, ARTICLE)
    kill_at("replace", "--fix", str(path))
    assert path.read_bytes().decode().splitlines() == CLEANED


def test_killed_at_random_moments_every_file_is_old_or_new(tmp_path):
    rng = random.Random(6)
    body = [
        f"Paragraph {i} of a long report on the storm and the repairs that followed it, officials said."
        for i in range(3000)
    ]
    lines = ARTICLE[:2] + [
        line for i, p in enumerate(body) for line in ((p, "- Advertisement -") if i % 50 == 0 else (p,))
    ]
    reference = tmp_path / "reference.txt"
    old = write(reference, lines)
    assert main(["--fix", "--quiet", str(reference)]) in (0, 1)
    new = reference.read_bytes()
    assert new != old
    for trial in range(6):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        paths = [folder / f"a{k}.txt" for k in range(4)]
        for p in paths:
            p.write_bytes(old)
        child = subprocess.Popen(
            [sys.executable, "-m", "newsclean", "--fix", *map(str, paths)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 3.0))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        for p in paths:
            assert p.read_bytes() in (old, new), f"trial {trial}: {p.name} is neither the old nor the new file"


# -- files that are not rewritten ---------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 20,  # binary
        b"\xef\xbb\xbf" + bytes(range(0x80, 0x100)) * 10,  # a UTF-8 BOM, then not UTF-8
        b"\x00" * 5000,
    ],
    ids=["binary", "bad-bom", "nul"],
)
def test_a_file_that_cannot_be_processed_is_left_byte_identical(tmp_path, content):
    path = tmp_path / "broken.txt"
    path.write_bytes(content)
    before = os.stat(path)
    assert main(["--fix", "--quiet", str(path)]) != 0
    assert path.read_bytes() == content
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert sorted(os.listdir(tmp_path)) == ["broken.txt"], "a temporary file was left behind"


def test_a_read_only_file_is_left_byte_identical(tmp_path):  # even as root (issue 13, item 9)
    path = tmp_path / "locked.txt"
    old = write(path, ARTICLE, mode=0o444)
    assert main(["--fix", "--quiet", str(path)]) != 0
    assert path.read_bytes() == old


def test_a_document_held_back_by_the_safety_valve_is_left_byte_identical(tmp_path):
    path = tmp_path / "gutted.txt"
    old = write(path, [ARTICLE[1]] + ["Please enter your comment!"] * 40)
    main(["--fix", "--quiet", str(path)])
    assert path.read_bytes() == old


# -- what a rewrite keeps -------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("mode", [0o644, 0o600, 0o755])
def test_a_rewrite_keeps_permissions_and_line_endings(tmp_path, newline, mode):
    path = tmp_path / "article.txt"
    write(path, ARTICLE, newline=newline, mode=mode)
    main(["--fix", "--quiet", str(path)])
    data = path.read_bytes()
    assert data == (newline.join(CLEANED) + newline).encode()
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert sorted(os.listdir(tmp_path)) == ["article.txt"], "a temporary file was left behind"
