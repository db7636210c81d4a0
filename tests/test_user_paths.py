"""Issue 14 ("What a user meets"), each item driven as a user would: ``python -m newsclean``
in a subprocess, on real files in a temporary folder."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

WORDS = ("river council budget school harbour bridge market station winter farmers court hospital election "
         "museum factory railway festival library drought teachers").split()


def newsclean(*argv: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsclean", *argv], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=300)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sentence(rng: random.Random, n: int = 30) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n)).capitalize() + "."


# -- item 5: a site masthead is never a title ------------------------------------------


def test_a_learned_masthead_is_never_the_title(tmp_path):
    rng = random.Random(5)
    records = []
    for i in range(8):
        headline = f"Council votes on plan number {i} for the harbour"
        text = "\n".join(["Kurier | News from the region", headline, sentence(rng), sentence(rng)])
        records.append({"id": f"k{i}", "url": f"https://kurier.example/{i}", "text": text})
    (tmp_path / "site.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = newsclean("corpus", "site.jsonl", "-o", "out.jsonl", "--learn-boilerplate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for i, record in enumerate(lines(tmp_path / "out.jsonl")):
        assert record["metadata"]["title"] == f"Council votes on plan number {i} for the harbour"
        assert "Kurier" not in record["text"]
        assert record["text"].startswith(record["metadata"]["title"] + "\n")
        reasons = [c["reason"] for c in record["metadata"]["changes"] if c["cleaner"] == "site_boilerplate"]
        assert reasons and reasons[0].startswith("site masthead, not a headline: seen on 8 of 8 documents")
    # the summary counts the masthead, not the headline that moved up to the title
    assert "boilerplate passages removed: 8 from 8 documents" in done.stderr


# -- items 3, 7, 8: readable reports -----------------------------------------------------

LONG = ("The council met on Tuesday evening to discuss the harbour budget for the coming year, and the "
        "members listened to the harbour master, the fishermen and the ferry company before they voted "
        "on the plan that the mayor had put forward in the spring, which the town’s “careful” voters liked.")
ARTICLE = "\n".join([
    "Council approves the harbour budget",
    "The council approved the harbour budget on Tuesday after a long debate, officials said on Wednesday.",
    LONG,
    "“We are pleased,” the mayor said. “It’s a good day for the town’s fishermen.”",
    "Please enter your comment!",
])


def test_check_sums_up_rewrites_per_file_and_lists_removals(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    done = newsclean("--check", "a.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "a.txt:5: comments: matched 'Please enter your comment'",
        "a.txt:3: quotes: typographic quotes to ASCII, 9 marks on 2 lines (--explain or --diff shows each)",
    ]


def test_explain_shows_a_window_around_a_change_past_the_old_cut(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    shown = newsclean("--explain", "a.txt", cwd=tmp_path).stdout.splitlines()
    at = shown.index("  line 3  quotes rewrote: typographic quotes to ASCII")
    before, after = shown[at + 1], shown[at + 2]
    assert before != after.replace("+ ", "- ", 1)  # the change is inside what is shown
    assert "town’s “careful” voters" in before and "town's \"careful\" voters" in after
    assert before.startswith("    - …") and len(before) < 140
    whole = newsclean("--explain", "--whole-lines", "a.txt", cwd=tmp_path).stdout
    assert "    - " + LONG + "\n" in whole


def test_jsonl_reports_name_the_record_and_the_line_inside_its_text(tmp_path):
    records = [{"id": "r1", "text": ARTICLE}, {"text": "Quiet day\nNothing happened in the town today, said everyone."},
               {"text": ARTICLE.replace("Tuesday", "Monday")}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    check = newsclean("--check", "c.jsonl", cwd=tmp_path)
    assert check.stdout.splitlines() == [
        "c.jsonl:1 [r1] text-line 5: comments: matched 'Please enter your comment'",
        "c.jsonl:3 text-line 5: comments: matched 'Please enter your comment'",
        "c.jsonl: quotes: typographic quotes to ASCII, 18 marks on 4 lines of 2 records (--explain or --diff shows each)",
    ]
    diff = newsclean("--diff", "c.jsonl", cwd=tmp_path).stdout
    assert diff.startswith("--- a/c.jsonl:1 [r1] text\n+++ b/c.jsonl:1 [r1] text\n@@ ")
    assert "-Please enter your comment!\n" in diff
    assert '{"' not in diff  # the text field's lines, never the whole JSON line
    assert max(len(line) for line in diff.splitlines()) < 400
    explain = newsclean("--explain", "c.jsonl", cwd=tmp_path).stdout
    assert "c.jsonl:1 [r1]: 1 removed, 2 rewritten" in explain and "text-line 5  comments removed" in explain


# -- item 10: the README's custom-cleaner example does something -----------------------

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_custom_cleaner_example_removes_what_it_promises(tmp_path):
    text = README.read_text(encoding="utf-8")
    block = text[text.index("```python\nfrom newsclean import Pipeline, clean"):]
    code = block[len("```python\n"):block.index("```", 3)]
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    body, changes = done.stdout.rsplit("\n", 2)[0], done.stdout.splitlines()[-1]
    assert "Editor's note" not in body and "Fishing boats returned" in body
    assert changes == "[('editor_notes', \"editor's note\")]"
    # ... and the built-in cleaners alone keep the note: the example shows the custom cleaner at work
    plain = subprocess.run([sys.executable, "-m", "newsclean", "-"], input=code.split('text = """')[1].split('"""')[0],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "Editor's note: An earlier version" in plain.stdout


def test_messages_say_things_once_and_in_units_people_use(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"text": "a\n', encoding="utf-8")
    (tmp_path / "big.txt").write_text("A line of text that is long enough.\n" * 40, encoding="utf-8")
    done = newsclean("--check", "bad.jsonl", cwd=tmp_path)
    assert "Unterminated string starting at column 10" in done.stderr and "at at" not in done.stderr
    done = newsclean("--check", "--max-bytes", "1000", "big.txt", cwd=tmp_path)
    assert "larger than the 1,000 bytes limit" in done.stderr and "0 MiB" not in done.stderr
