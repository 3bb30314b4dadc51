"""What the site's search worker reads online: every index entry once, in order, as plain text
records it can scan without parsing; and the configuration the page fetches in place of the
whole index."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from worth.search import FIELD, RECORD, passages_text, write_search_files

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
