"""Issue 14 ("What a user meets"), each item driven as a user would: ``python -m newsclean``
in a subprocess, on real files in a temporary folder."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

WORDS = (
    "river council budget school harbour bridge market station winter farmers court hospital election "
    "museum factory railway festival library drought teachers"
).split()


def newsclean(*argv: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *argv], cwd=cwd, capture_output=True, text=True, input=stdin, timeout=300
    )


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

LONG = (
    "The council met on Tuesday evening to discuss the harbour budget for the coming year, and the "
    "members listened to the harbour master, the fishermen and the ferry company before they voted "
    "on the plan that the mayor had put forward in the spring, which the town’s “careful” voters liked."
)
ARTICLE = "\n".join(
    [
        "Council approves the harbour budget",
        "The council approved the harbour budget on Tuesday after a long debate, officials said on Wednesday.",
        LONG,
        "“We are pleased,” the mayor said. “It’s a good day for the town’s fishermen.”",
        "Please enter your comment!",
    ]
)


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
    assert "town’s “careful” voters" in before and 'town\'s "careful" voters' in after
    assert before.startswith("    - …") and len(before) < 140
    whole = newsclean("--explain", "--whole-lines", "a.txt", cwd=tmp_path).stdout
    assert "    - " + LONG + "\n" in whole


def test_jsonl_reports_name_the_record_and_the_line_inside_its_text(tmp_path):
    records = [
        {"id": "r1", "text": ARTICLE},
        {"text": "Quiet day\nNothing happened in the town today, said everyone."},
        {"text": ARTICLE.replace("Tuesday", "Monday")},
    ]
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
    block = text[text.index("```python\nfrom newsclean import Pipeline, clean") :]
    code = block[len("```python\n") : block.index("```", 3)]
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    body, changes = done.stdout.rsplit("\n", 2)[0], done.stdout.splitlines()[-1]
    assert "Editor's note" not in body and "Fishing boats returned" in body
    assert changes == "[('editor_notes', \"editor's note\")]"
    # ... and the built-in cleaners alone keep the note: the example shows the custom cleaner at work
    plain = subprocess.run(
        [sys.executable, "-m", "newsclean", "-"],
        input=code.split('text = """')[1].split('"""')[0],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Editor's note: An earlier version" in plain.stdout


def test_messages_say_things_once_and_in_units_people_use(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"text": "a\n', encoding="utf-8")
    (tmp_path / "big.txt").write_text("A line of text that is long enough.\n" * 40, encoding="utf-8")
    done = newsclean("--check", "bad.jsonl", cwd=tmp_path)
    assert "Unterminated string starting at column 10" in done.stderr and "at at" not in done.stderr
    done = newsclean("--check", "--max-bytes", "1000", "big.txt", cwd=tmp_path)
    assert "larger than the 1,000 bytes limit" in done.stderr and "0 MiB" not in done.stderr


# -- item 2: held-back documents are visible ----------------------------------------------

GUTTED = "\n".join(
    ["The ferry to the island ran two hours late on Monday because of the storm, the harbour master said."]
    + ["Please enter your comment!"] * 30
)


def test_held_back_documents_fail_check_and_fix_unless_accepted(tmp_path):
    (tmp_path / "gutted.txt").write_text(GUTTED + "\n", encoding="utf-8")
    before = (tmp_path / "gutted.txt").read_bytes()
    check = newsclean("--check", "gutted.txt", cwd=tmp_path)
    assert check.returncode == 1
    assert "gutted.txt:1: suspicious: cleaners would remove" in check.stdout
    assert "1 document held back" in check.stderr
    accepted = newsclean("--check", "--accept-held-back", "gutted.txt", cwd=tmp_path)
    assert accepted.returncode == 0 and "1 document held back" in accepted.stderr
    fix = newsclean("--fix", "gutted.txt", cwd=tmp_path)  # what the fixing hook runs
    assert fix.returncode == 1 and "gutted.txt: held back: cleaners would remove" in fix.stderr
    assert (tmp_path / "gutted.txt").read_bytes() == before
    output = newsclean("gutted.txt", cwd=tmp_path)
    assert output.returncode == 0 and "1 document held back" in output.stderr


# -- item 4: corpus mode names its fields ---------------------------------------------------


def test_corpus_text_and_html_fields(tmp_path):
    records = [
        {
            "id": "a",
            "body": "Harbour reopens\nThe harbour reopened on Monday after the storm, officials said.\n"
            "Please enter your comment!",
        },
        {
            "id": "b",
            "page": "<html><body><article><h1>Bridge</h1><p>The bridge reopened on Tuesday after "
            "repairs that took many months to finish.</p></article></body></html>",
        },
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = newsclean(
        "corpus", "in.jsonl", "-o", "out.jsonl", "--text-field", "body", "--html-field", "page", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    a, b = lines(tmp_path / "out.jsonl")
    assert "Please enter" not in a["text"] and "body" not in a and "reopened on Monday" in a["text"]
    assert "reopened on Tuesday" in b["text"] and b["page"] == records[1]["page"]
    missing = newsclean("corpus", "in.jsonl", "-o", "out2.jsonl", cwd=tmp_path)
    assert missing.returncode == 123
    assert "--text-field" in missing.stderr and "--html-field" in missing.stderr


# -- item 6: --enable module:attr from the current folder -----------------------------------


def test_enable_imports_a_custom_cleaner_from_the_current_folder(tmp_path):
    (tmp_path / "house.py").write_text(
        "def drop_notes(doc):\n"
        "    return doc.drop({i: 'note' for i, p in enumerate(doc.paragraphs) if p.startswith('Note:')}, by='notes')\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(
        "Harbour reopens\nThe harbour reopened on Monday, officials said.\nNote: this story will be updated.\n",
        encoding="utf-8",
    )
    done = newsclean("--check", "--enable", "house:drop_notes", "a.txt", cwd=tmp_path)
    assert done.stdout.splitlines() == ["a.txt:3: notes: note"], done.stderr
    assert done.returncode == 1


# -- items 9, 10: one exit-code table, current words ---------------------------------------


def test_one_exit_code_table(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert newsclean("a.txt", cwd=tmp_path).returncode == 0  # cleaned output written, changes or not
    assert newsclean("--check", "a.txt", cwd=tmp_path).returncode == 1
    assert newsclean("--check", "a.txt", "photo.txt", cwd=tmp_path).returncode == 123  # 123 wins over 1
    assert newsclean("--check", "--no-such-flag", cwd=tmp_path).returncode == 2
    records = [{"id": "a", "text": ARTICLE}, {"id": "b"}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    corpus = newsclean("corpus", "c.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert corpus.returncode == 123 and "records that failed: 1" in corpus.stderr  # as the main command
    assert newsclean("corpus", "c.jsonl", "-o", "out.jsonl", "--config", "/dev/null", cwd=tmp_path).returncode == 2
    main = newsclean("-o", "out2.jsonl", "c.jsonl", cwd=tmp_path)
    assert main.returncode == 123


def test_help_and_config_messages(tmp_path):
    help_text = newsclean("--help", cwd=tmp_path).stdout
    assert "when installed" not in help_text and "newsclean corpus" in help_text and "123" in help_text
    done = newsclean("--config", "/dev/null", "a.txt", cwd=tmp_path)
    assert done.returncode == 2 and "not a regular file" in done.stderr and "no such file" not in done.stderr


def test_corpus_mode_holds_back_and_counts_like_the_main_command(tmp_path):
    records = [{"id": "g", "text": GUTTED}, {"id": "a", "text": ARTICLE}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = newsclean("corpus", "in.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "documents held back: 1 (the cleaners would remove most of each" in done.stderr
    gutted, article = lines(tmp_path / "out.jsonl")
    assert gutted["text"] == GUTTED and gutted["metadata"]["suspicious"].startswith("cleaners would remove")
    assert "Please enter" not in article["text"] and "suspicious" not in article["metadata"]
