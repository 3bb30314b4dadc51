"""The site's search: the index's plain text (what search shows and matches), and what the
search worker reads online: every index entry once, in order, as plain text records it can scan
without parsing, and the configuration the page fetches in place of the whole index."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.search import FIELD, RECORD, passages_text, plain_entries, plain_text, write_search_files

ENTRIES = [
    {"location": "", "title": "Worth", "text": "Plain, calm reading."},
    {"location": "articles/a/#signs", "title": "Signs", "text": "He forgets\x1ewhat you said\x1f and < stays text."},
    {"location": "articles/a/", "title": "A", "text": ""},
]


def records(text: str) -> list[list[str]]:
    return [record.split(FIELD) for record in text.split(RECORD)]


def test_each_entry_is_one_record_of_location_title_and_text_in_order():
    assert records(passages_text(ENTRIES)) == [
        ["", "Worth", "Plain, calm reading."],
        ["articles/a/#signs", "Signs", "He forgets what you said  and < stays text."],  # separators in text read as spaces
        ["articles/a/", "A", ""],
    ]


def test_the_files_are_written_beside_the_index(tmp_path: Path):
    write_search_files(tmp_path, ENTRIES, {"lang": ["en"], "separator": "[\\s\\-]+"})
    assert records((tmp_path / "search" / "passages.txt").read_text(encoding="utf-8"))[0] == ["", "Worth", "Plain, calm reading."]
    setup = json.loads((tmp_path / "search" / "setup.json").read_text(encoding="utf-8"))
    assert setup == {"config": {"lang": ["en"], "separator": "[\\s\\-]+"}, "docs": []}


@pytest.mark.build
def test_the_built_site_s_passages_are_its_index_entries(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = (built_site / "search" / "passages.txt").read_text(encoding="utf-8")
    assert records(text) == [[e["location"], e["title"], e["text"]] for e in index["docs"]]
    assert json.loads((built_site / "search" / "setup.json").read_text(encoding="utf-8"))["config"] == index["config"]


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
