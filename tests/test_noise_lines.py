"""The noise filters read every line through a ``LineView``; the views of a whole article are
worked out at once, from the text as one piece, which must give each line exactly what reading
it alone gives, whatever its case, digits, scripts, quotes or spacing."""
from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from worth.model import SourceLine
from worth.noise import _LOWERED_APART, LineView, line_views

_VIEW_FIELDS = ("text", "stripped", "lowered", "plain_case", "furniture_like_lowered", "lowered_words", "furniture_count",
                "size", "has_digit", "has_foreign_letters", "furniture", "furniture_words", "script")

# Pieces that change how a line is lowered, split into words or classed: digits in and out of
# ASCII, letters of other scripts, "İ" and "Σ" (lowered by their context), the Kelvin sign,
# quotes that join words, markup, and spacing of every kind.
_PIECES = ["he", "She", "never", "calls", "3", "2025", "\u0663", "caf\u00e9", "\u00c9T\u00c9", "\u0130stanbul", "\u03a3\u039f\u03a3",
           "\u043b\u044e\u0431\u043e\u0432\u044c", "\u5fc3", "\u212a", "don't", "don\u2019t", "\u2018quote\u2019", "\u201cx\u201d",
           " ", "  ", "\t", "\u3000", "*", "#", "_", "-", ".", "1.", "Share", "By", "|"]

_LINE = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)


def _view(view: LineView) -> tuple:
    return tuple(getattr(view, name) for name in _VIEW_FIELDS)


@given(st.lists(_LINE, max_size=12))
@settings(max_examples=400, deadline=None)
def test_every_line_reads_as_it_would_alone(texts):
    lines = [SourceLine(number, text) for number, text in enumerate(texts, start=1)]
    assert [_view(view) for view in line_views(lines)] == [_view(LineView(text)) for text in texts]


def test_the_whole_text_reading_rests_on_what_unicode_guarantees():
    every = (chr(code) for code in range(sys.maxunicode + 1))
    spaces = [c for c in every if c.isspace() and c != " " and c.isprintable()]
    assert spaces == []  # a printable text holds no white space but " "
    for code in range(128, sys.maxunicode + 1):
        character = chr(code)
        if character in _LOWERED_APART:
            continue
        lowered = character.lower()
        assert not any(c.isascii() for c in lowered), hex(code)
        assert bool(re.search(r"\d", lowered)) <= bool(re.match(r"\d", character)), hex(code)
