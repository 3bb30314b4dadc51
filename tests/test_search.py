"""The search index's plain text: what the site's search shows and matches."""
from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from worth.search import plain_entries, plain_text


def test_tags_go_entities_are_read_and_text_showing_markup_stays_text():
    assert plain_text("<p>He said <em>no</em>.</p>\n<p>Again.</p>") == "He said no . Again."
    assert plain_text("Write &lt;b&gt; to make it bold") == "Write <b> to make it bold"
    assert plain_text("  a\u00a0\u00a0b\t\nc\u2003 ") == "a b c"


def test_entries_keep_their_place_and_other_fields():
    entries = [{"location": "costs/#x", "title": "<code>A</code>&amp;B", "text": "<p>x</p>", "boost": 2}]
    assert plain_entries(entries) == [{"location": "costs/#x", "title": "A &B", "text": "x", "boost": 2}]


# The definition the index was first made with: tags to spaces, entities read, any run of
# whitespace (as a regular expression reads it) one space, none at the ends.
def _defined(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", " ", text))).strip()


_PIECES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["<p>", "</p>", "<a href='x'>", "&amp;", "&lt;b&gt;", "&nbsp;", "\u00a0", "\u2028", "\x1c", "\x85", "\u3000", "\t\n", " "]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=20))
def test_plain_text_is_its_definition(pieces):
    text = "".join(pieces)
    assert plain_text(text) == _defined(text)
