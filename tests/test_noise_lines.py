"""Every rule reads a line the same way whatever its quotes, edge markup, case or script: a
furniture line dressed up in curly quotes or bold is still furniture, and the article's own text
in any of them is still kept."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.noise import LineView, clean_lines, script_of
from worth.read import read_article

BODY = (
    "Many people stay for years in relationships where they give far more than they receive, "
    "and they often do not notice the imbalance until they are exhausted."
)


def _clean(text: str):
    return clean_lines(read_article(text.encode(), path="a.txt"))


@pytest.mark.parametrize("line", ["Share this", "**Share this**", "SHARE THIS", "> Share this", "Don\u2019t miss: Why he stays quiet"])
def test_furniture_in_bold_capitals_or_curly_quotes_is_still_furniture(line):
    result = _clean(f"Staying Too Long\n\n{BODY}\n\n{line}\n\n{BODY} Again.\n")
    assert [n.text for n in result.noise] == [line]


def test_a_line_reads_straight_quotes_lower_case_and_no_edge_markup():
    view = LineView("  **Don\u2019t \u201cWait\u201d**  ")
    assert view.stripped == "**Don\u2019t \u201cWait\u201d**"
    assert view.furniture == "don't \"wait\""
    assert view.words == ["don't", "wait"]


@pytest.mark.parametrize("text, script", [
    ("He never calls.", "LATIN"),
    ("\u201cHe never calls,\u201d she said \u2014 again.", "LATIN"),
    ("Caf\u00e9 \u00e0 deux", "LATIN"),
    ("\u041a\u0430\u043a \u043f\u043e\u043d\u044f\u0442\u044c", "CYRILLIC"),
    ("\u957f\u5927 Letting go \u653e\u4e0b\u4e86\u6211\u4eec\u7684\u8fc7\u53bb", "CJK"),
    ("1. 2. 3.", ""),
])
def test_the_script_of_a_line_is_the_one_most_of_its_letters_are_in(text, script):
    assert script_of(text) == script


_PIECES = ["he", "She", "never", "calls", "3", "2025", "\u0663", "caf\u00e9", "\u0130stanbul", "\u03a3\u039f\u03a3",
           "\u043b\u044e\u0431\u043e\u0432\u044c", "\u5fc3", "\u212a", "don't", "don\u2019t", "\u2018quote\u2019",
           " ", "\t", "*", "#", "_", "-", ".", "1.", "Share", "By", "|"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=12))
@settings(max_examples=200, deadline=None)
def test_every_word_of_any_article_is_kept_or_listed_as_noise(lines):
    result = _clean("Title line here\n\n" + "\n\n".join(lines) + "\n")
    shown = {text.strip() for text in [line.text for line in result.lines] + [n.text for n in result.noise]}
    for line in lines:
        if line.strip() and line.strip() != result.title:
            assert line.strip() in shown
