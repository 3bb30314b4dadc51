"""Articles shaped to make a careless parser slow: each case makes the text of one article of
about ``n`` characters (or lines). Used by ``tests/test_adversarial.py`` (a tripwire) and
``benchmarks/adversarial.py`` (the growth, printed). Every text here is written for the purpose.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PROJECT = Path(__file__).resolve().parent.parent

INTRO = "A title for the case\n\nA first paragraph of ordinary text, so that the article is never empty.\n\n"
# A part about signs, which the checklist reads (a Markdown heading, so that it is one for sure).
SIGNS = "# A title for the case\n\nA first paragraph of ordinary text.\n\n## Signs he does not value you\n\n"


@dataclass(frozen=True)
class Case:
    """One shape of input: ``make(n)`` gives the file's text; ``suffix`` is the file's ending;
    ``slow_in`` names the module known to be slow on it (None when none is)."""

    name: str
    suffix: str
    make: Callable[[int], str]
    slow_in: str | None = None


CASES: tuple[Case, ...] = (
    Case("md heading, spaces, word", ".md", lambda n: INTRO + "## a" + " " * n + "b\n\nText under it.\n", slow_in="blocks.py"),
    Case("txt heading-like line, spaces, word", ".txt", lambda n: INTRO + "A heading" + " " * n + "b\n\nText under it.\n"),
    Case("byline then spaces", ".txt", lambda n: INTRO + "By Someone Writer" + " " * n + "x\n\nMore text follows here.\n", slow_in="noise.py"),
    Case("spaces inside a paragraph", ".txt", lambda n: INTRO + "Words" + " " * n + "and more words.\n"),
    Case("_._._ before @", ".txt", lambda n: INTRO + "_." * (n // 2) + "@example\n\nMore text follows here.\n", slow_in="noise.py"),
    Case("dots and no capital", ".txt", lambda n: INTRO + "It went on. " + ". " * (n // 2) + "and on.\n"),
    Case("identical lines", ".txt", lambda n: INTRO + "The same line of text, again and again.\n" * (n // 40), slow_in="noise.py"),
    Case("identical lines, blank between", ".txt", lambda n: INTRO + "The same line of text, again and again.\n\n" * (n // 41), slow_in="noise.py"),
    Case("nested repeated lines", ".txt", lambda n: INTRO + "".join(f"Line {i % 7} of a block that repeats.\n" for i in range(n // 30)), slow_in="noise.py"),
    Case("identical md headings", ".md", lambda n: INTRO + "## The same heading\n\nSome text under it.\n\n" * (n // 42)),
    Case("identical txt headings", ".txt", lambda n: INTRO + "The Same Heading\n\nSome text under the heading.\n\n" * (n // 46)),
    Case("md quote lines", ".md", lambda n: INTRO + "> a quoted line\n" * (n // 16)),
    Case("md empty quote lines", ".md", lambda n: INTRO + "> a quoted line\n>\n" * (n // 18)),
    Case("md bare quote markers", ".md", lambda n: INTRO + ">\n" * (n // 2) + "\nAfter.\n", slow_in="blocks.py"),
    Case("md nested quote markers", ".md", lambda n: INTRO + ">" * n + " deep\n"),
    Case("md list markers", ".md", lambda n: INTRO + "- item\n" * (n // 7)),
    Case("definition never closed", ".txt", lambda n: INTRO + "the ab (the " * (n // 12) + "end.\n"),
    Case("call this, no dash", ".txt", lambda n: INTRO + "Psychologists call this " + "a" * n + " b.\n"),
    Case("is called, many times", ".txt", lambda n: INTRO + "Something is called " * (n // 20) + "x.\n"),
    Case("signs list, spaces, colon", ".md", lambda n: SIGNS + "Signs to watch:" + " " * n + ": x.\n"),
    Case("signs list, spaces before and", ".md", lambda n: SIGNS + "The signs: he forgets, he cancels," + " " * n + "x\n"),
    Case("signs, many colons", ".md", lambda n: SIGNS + "signs sign: " * (n // 12) + "end.\n"),
    Case("signs, aside never closed", ".md", lambda n: SIGNS + "He is the ab (the " * (n // 18) + "end.\n"),
    Case("long word", ".txt", lambda n: INTRO + "a" * n + "\n"),
    Case("open brackets", ".txt", lambda n: INTRO + "([{<" * (n // 4) + "\n"),
    Case("markup characters", ".txt", lambda n: INTRO + "*_`[]{}#&<>|~^=:" * (n // 16) + "\n"),
    Case("numbered line, spaces", ".txt", lambda n: INTRO + "1." + " " * n + "\n\nText.\n"),
    Case("bullets and spaces", ".txt", lambda n: INTRO + "\u2022" + " " * n + "x\n"),
    Case("date-like lines", ".txt", lambda n: INTRO + "Published 1 February 2026 " * (n // 26) + "\n"),
    Case("one long sentence of words", ".txt", lambda n: INTRO + "word " * (n // 5) + "\n"),
    Case("many short lines", ".txt", lambda n: INTRO + "ab\n" * (n // 3)),
    Case("front matter key spaces", ".txt", lambda n: "---\ntitle" + " " * n + ": x\n---\n" + INTRO),
)


def run_case(case: Case, n: int, folder: Path) -> tuple[float, float]:
    """Read the case's article of size ``n`` (``load_article``), then plan every page of a site
    made of it (``generate_pages``, with the project's glossary and checklist data). Returns the
    seconds each step took. Bad input may be refused with an ``ArticleError``; nothing else."""
    from worth.errors import ArticleError
    from worth.pipeline import load_article
    from worth.settings import Settings
    from worth.site import generate_pages

    for old in folder.glob("*"):
        old.unlink()
    path = folder / f"case{case.suffix}"
    path.write_text(case.make(n), encoding="utf-8")
    start = time.perf_counter()
    try:
        load_article(path)
    except ArticleError:
        pass
    read = time.perf_counter()
    try:
        list(generate_pages(Settings(articles_dir=folder, config_dir=PROJECT)).pages)
    except ArticleError:
        pass
    return read - start, time.perf_counter() - read
