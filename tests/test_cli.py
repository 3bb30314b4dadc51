"""``worth inspect``: the outline an editor reads, as text and as JSON."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from worth.cli import main

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_inspect_json_on_walking_away_has_the_documented_shape():
    code, out, err = run("inspect", "--json", "articles/walking-away.txt")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["title"] == "When He Doesn\u2019t Appreciate You, Do This: The Hard Truth About Walking Away"
    assert data["date"] == "2026-02-01"
    assert data["source"] == "articles/walking-away.txt"
    assert {"line": "News Post", "rule": "recommended-link", "number": 74} in data["noise"]
    assert [s["heading"] for s in data["sections"]] == [
        None,
        "Appreciation Is Not a Luxury\u2014It\u2019s a Baseline",
        "Why Women Are Conditioned to Stay",
        "Walking Away Is Not Revenge\u2014It\u2019s Self-Respect",
        "The Shock Factor: He Notices When You\u2019re Gone",
        "Choosing Yourself Changes the Ending",
    ]
    section = data["sections"][2]
    assert (section["level"], section["theme"], section["anchor"]) == (2, "costs", "why-women-are-conditioned-to-stay")
    assert section["paragraphs"][-1] == "Walking away breaks that loop."


def test_inspect_json_on_let_him_go_keeps_every_line_and_finds_no_noise():
    code, out, _ = run("inspect", "--json", "articles/let-him-go.txt")
    data = json.loads(out)
    assert code == 0 and data["noise"] == [] and data["date"] is None
    found = {p for s in data["sections"] for p in s["paragraphs"]} | {s["heading"] for s in data["sections"]}
    lines = (ROOT / "articles" / "let-him-go.txt").read_text(encoding="utf-8").splitlines()
    assert [ln for ln in lines[1:] if ln.strip() and ln.strip() not in found] == []
    assert {s["theme"] for s in data["sections"] if s["heading"] == "Selective Presence"} == {"signs"}


def test_inspect_text_is_an_outline_with_levels_themes_counts_and_noise():
    code, out, _ = run("inspect", "articles/walking-away.txt")
    assert code == 0
    assert "Title: When He Doesn\u2019t Appreciate You" in out
    assert "Date:  2026-02-01" in out
    assert "Why Women Are Conditioned to Stay  [level 2, costs -> costs.md, 3 paragraphs]" in out
    assert "line 1: Facts 01/02/2026 22:54  (stamp)" in out
    assert "line 74: News Post  (recommended-link)" in out


def test_inspect_several_articles_as_json_is_a_list():
    code, out, _ = run("inspect", "--json", str(FIXTURES / "article_with_booking_cta.txt"), str(FIXTURES / "article_without_headings.txt"))
    assert code == 0 and [a["title"] for a in json.loads(out)] == [
        "Why Walking Away Can Be an Act of Self-Care",
        "Article without headings",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"Caf\xe9\n", "bad.txt:1: the file is not UTF-8 text (byte 3); save it as UTF-8 and build again"),
        (b"---\ncolour: blue\n---\nText\n", "bad.txt:2: unknown front matter key 'colour'"),
        (b"\n\n", "bad.txt:1: the article has no text; add its text or remove the file"),
    ],
)
def test_bad_input_exits_1_with_one_line_naming_the_file(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "worth.cli", "inspect", "bad.txt"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_missing_file_is_one_clear_line():
    code, out, err = run("inspect", "nowhere/article.txt")
    assert (code, out) == (1, "")
    assert err == "nowhere/article.txt: no such file; give the path of a .txt, .md or .html article\n"


def test_no_command_is_a_usage_error_not_a_traceback():
    code, _, _ = run()
    assert code == 2


def test_inspect_json_lists_numbered_steps_with_their_numbers_as_written():
    code, out, _ = run("inspect", "--json", str(FIXTURES / "article_with_numbered_steps.txt"))
    assert code == 0
    paragraphs = json.loads(out)["sections"][1]["paragraphs"]
    assert paragraphs[1:] == [
        "1. Write down the last five promises he made and what happened to each.",
        "2. Note how you felt the day after each broken promise.",
        "3. Read the notes to someone you trust.",
        "4. Circle the excuses you made for him.",
    ]


def test_inspect_lists_kept_lines_that_look_like_furniture_and_where_sections_go(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "When Love Feels One-Sided\n\n"
        "You give and give, and the giving is never returned in the way you hoped it would be.\n\n"
        "Signs He Does Not Value You\n\n"
        "He forgets what matters to you and dismisses your feelings when you raise them with him.\n\n"
        "Share this article\n\n"
        "Like\n", encoding="utf-8")
    code, out, _ = run("inspect", "--json", str(article))
    assert code == 0
    data = json.loads(out)
    pages = {s["heading"]: s["page"] for s in data["sections"]}
    assert pages["Signs He Does Not Value You"] == "signs.md"
    assert all(isinstance(s["checklist"], list) for s in data["sections"])
    dropped = {n["line"] for n in data["noise"]}
    looked_at = dropped | {s["line"] for s in data["suspects"]}
    assert "Share this article" in looked_at


def test_inspect_lists_no_plain_sentence_as_like_furniture(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        "# When He Stops Trying\n\nShare this post\n\n## Signs He Stopped Caring\n\n"
        "He forgets the things you told him, and plans without you. He is late and never says sorry.\n\n"
        "## What Staying Costs You\n\n"
        "You lose sleep, friends and the sense that your needs count. Your days shrink around his moods.\n",
        encoding="utf-8")
    code, out, _ = run("inspect", "--json", str(article))
    assert code == 0
    data = json.loads(out)
    assert [n["line"] for n in data["noise"]] == ["Share this post"]
    assert all(s["why"] and s["why"] != "furniture" for s in data["suspects"]), data["suspects"]
    assert not any(s["line"].startswith(("He forgets", "You lose")) for s in data["suspects"])


def test_inspect_names_a_correction_that_matches_no_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "---\nnot_headings: [Where It Startd]\n---\nWhen Love Becomes One-Sided\n\n"
        "He stopped asking about my day long before he stopped saying he loved me.\n\n"
        "Where It Started\n\nIt began with small things: a missed call, a forgotten plan, a shrug.\n",
        encoding="utf-8",
    )
    code, out, _ = run("inspect", str(article))
    assert code == 0
    assert "front matter 'not_headings' names 'Where It Startd'" in out
    assert "did you mean 'Where It Started' (line 8)?" in out


def test_inspect_lists_the_front_matter_keys_it_ignored_in_text_and_json():
    post = str(FIXTURES / "hostile" / "blog_post_with_jekyll_front_matter.md")
    code, out, err = run("inspect", post)
    assert (code, err) == (0, "")
    assert "  Front matter keys ignored: layout, tags, categories, permalink, published\n" in out
    assert "  Summary: Why the balance in a relationship matters more than any single gesture.\n" in out
    code, out, err = run("inspect", "--json", post)
    data = json.loads(out)
    assert data["ignored_front_matter_keys"] == ["layout", "tags", "categories", "permalink", "published"]
    assert (data["title"], data["date"], data["author"]) == ("When Giving Only Goes One Way", "2025-11-03", "A. Writer")
    assert data["source_url"] == "https://blog.example.org/2025/11/one-way"
    assert data["summary"] == "Why the balance in a relationship matters more than any single gesture."


@pytest.mark.parametrize(
    "front, expected",
    [
        ("date: 2026-02-30\n", ":2: date '2026-02-30' does not exist"),
        ("a: &a [x, x]\nb: &b [*a, *a]\nthemes: *b\n", ":3: front matter uses the YAML alias '*a'"),
    ],
)
def test_inspect_meets_bad_front_matter_with_one_line_and_no_traceback(tmp_path, front, expected):
    article = tmp_path / "bad.txt"
    article.write_text(f"---\n{front}---\nA title\n\nSome text.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "worth.cli", "inspect", str(article)], capture_output=True, text=True, cwd=ROOT / "hooks")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and expected in done.stderr and "Traceback" not in done.stderr


def test_inspect_piped_into_a_reader_that_stops_early_ends_quietly():
    # ``worth inspect articles/*.txt | head``: the pipe closes before the outline is written.
    articles = sorted(str(p) for p in (Path(__file__).parent / "fixtures").glob("*.txt"))
    proc = subprocess.Popen([sys.executable, "-m", "worth.cli", "inspect", *articles],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert first.strip()
    assert b"Traceback" not in err and proc.returncode == 0, err.decode()
