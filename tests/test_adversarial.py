"""Adversarial articles never hang the build: each shape of input in ``adversarial_inputs`` (long
runs of spaces, punctuation before an @, repeated lines and headings, quote runs, a heading
followed by thousands of spaces...) is read (``load_article``) and planned into pages
(``generate_pages``) at sizes doubling from 16,000 to 128,000 characters, in a child process.

This is a tripwire, not a timing: each size gets a generous ``LIMIT_SECONDS`` (a linear reader
takes well under a second on most of them; one whose time grows with the square or the cube
of the input runs past it). The figures of growth are printed by ``benchmarks/adversarial.py``.
Cases slow only because of the line reader's modules are marked xfail, naming the module.
"""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adversarial_inputs import CASES, INTRO, Case
from conftest import ROOT

LIMIT_SECONDS = 20
SIZES = (16_000, 32_000, 64_000, 128_000)

# The child: reads and plans each size in turn, one line of figures after each.
_CHILD = """
import json, sys, tempfile
from pathlib import Path
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from adversarial_inputs import CASES, run_case
case = next(c for c in CASES if c.name == sys.argv[3])
with tempfile.TemporaryDirectory() as folder:
    for n in map(int, sys.argv[4:]):
        print(json.dumps([n, *run_case(case, n, Path(folder))]), flush=True)
"""


def _param(case: Case):
    marks = []
    if case.slow_in:
        marks.append(pytest.mark.xfail(strict=False, reason=f"slow in {case.slow_in} (the line reader), not yet linear"))
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_an_adversarial_article_is_read_and_planned_within_the_limit_at_every_size(case: Case):
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(ROOT / "tests"), str(ROOT / "hooks"), case.name, *map(str, SIZES)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    done = []
    try:
        for n in SIZES:
            deadline = time.monotonic() + LIMIT_SECONDS
            line = ""
            while not line and time.monotonic() < deadline and child.poll() is None:
                ready, _, _ = select.select([child.stdout], [], [], max(0.0, deadline - time.monotonic()))
                if ready:
                    line = child.stdout.readline()
            if not line and child.poll() is not None:
                line = child.stdout.readline()
            assert line, (
                f"{case.name}: {n} characters not read and planned within {LIMIT_SECONDS} s "
                f"(done: {done}); stderr: {child.stderr.read()[-2000:] if child.poll() is not None else ''}"
            )
            done.append(json.loads(line)[0])
        child.wait(timeout=LIMIT_SECONDS)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0
    assert child.stderr.read() == "", "no traceback, no output on stderr"


def _quote_copies(text: str, tmp_path: Path) -> list[str]:
    from worth.pipeline import load_article

    path = tmp_path / "quote.md"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    return [p for s in article.sections for p in s.paragraphs]


@pytest.mark.xfail(strict=False, reason="blocks.py (the line reader): MarkdownQuote counts only non-empty '>' lines as read")
def test_a_markdown_quote_with_an_empty_line_shows_each_line_once(tmp_path):
    paragraphs = _quote_copies(INTRO + "> The first quoted line.\n>\n> The second quoted line.\n\nAfter the quote.\n", tmp_path)
    assert paragraphs.count("The second quoted line.") == 1
    assert paragraphs.count("The first quoted line.") == 1


@pytest.mark.xfail(strict=False, reason="blocks.py (the line reader): MarkdownQuote counts only non-empty '>' lines as read")
def test_a_thousand_quote_lines_with_empty_ones_between_give_one_copy_of_each(tmp_path):
    quoted = "".join(f"> Quoted line number {i}.\n>\n" for i in range(1000))
    paragraphs = _quote_copies(INTRO + quoted + "\nAfter the quote.\n", tmp_path)
    for i in range(1000):
        assert paragraphs.count(f"Quoted line number {i}.") == 1, i
