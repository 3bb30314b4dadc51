"""The reader takes time in proportion to its input, whatever the input's shape.

Each shape is one a backtracking pattern or a pairwise comparison would turn quadratic or worse.
Sizes double; the time limit per case is generous on purpose (a tripwire for blow-ups, not a
benchmark): a quadratic rule on the largest size would take minutes.
"""
from __future__ import annotations

import time

import pytest

from worth.errors import ArticleError
from worth.pipeline import article_from_raw
from worth.read import read_article

PARAGRAPH = ("He stopped asking about my day long before he stopped saying he loved me, and I "
             "kept waiting for the version of him I had met.")
LIMIT_SECONDS = 10


def read(text: str, path: str = "a.txt"):
    try:
        return article_from_raw(read_article(text.encode("utf-8"), path=path))
    except ArticleError:
        return None  # an article left with no text is a clear error, not a hang


SHAPES = {
    "spaces after a heading mark": lambda n: "## a" + " " * n + "b",
    "a byline and then spaces": lambda n: "By Jane Doe" + " " * n,
    "underscores and dots before an at sign": lambda n: "_._" * n + "@",
    "the same line again and again": lambda n: "\n".join(["Share this"] * (n // 10)),
    "lines nested in longer copies of themselves": lambda n: "\n".join("word " * k for k in range(1, n // 200)),
    "a run of quotes": lambda n: '"' * n,
    "brackets opened and closed": lambda n: "[" * n + "]" * n,
    "attribute lists left open": lambda n: "{:" * n,
    "numbered lines counting on": lambda n: "\n".join(f"{k % 90 + 1}. Item" for k in range(n // 20)),
    "short title-case lines": lambda n: "\n".join("Quiet Words Here" for _ in range(n // 20)),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("size", [2_000, 8_000, 32_000])
def test_odd_shapes_are_read_in_time_in_proportion(shape, size):
    text = f"When Love Becomes One-Sided\n\n{SHAPES[shape](size)}\n\n{PARAGRAPH}\n"
    for path in ("a.txt", "a.md"):
        start = time.perf_counter()
        read(text, path)
        assert time.perf_counter() - start < LIMIT_SECONDS, (shape, size, path)


def test_a_one_megabyte_article_is_read_in_a_few_seconds():
    lines = []
    k = 0
    while sum(map(len, lines)) < 1_000_000:
        k += 1
        lines += [f"Section {k} Of The Long Read", "", PARAGRAPH, "", f"{k}. A numbered thought", ""]
    start = time.perf_counter()
    article = read("A Very Long Article\n\n" + "\n".join(lines))
    assert article is not None and len(article.sections) > 100
    assert time.perf_counter() - start < LIMIT_SECONDS
