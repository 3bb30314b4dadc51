"""Reading article files: encodings, line ends, front matter and its errors."""
from __future__ import annotations

import pytest

from worth.errors import ArticleError
from worth.model import Theme
from worth.read import read_article


def texts(raw):
    return [line.text for line in raw.lines]


def test_bom_crlf_trailing_spaces_and_nbsp_are_read_as_plain_text():
    data = "\ufeffA Title\r\n\r\nShe\u00a0waited   \r\nfor him.\t\r\n".encode("utf-8")
    raw = read_article(data, path="articles/a.txt")
    assert texts(raw) == ["A Title", "", "She waited", "for him."]
    assert [line.number for line in raw.lines] == [1, 2, 3, 4]


def test_curly_quotes_are_kept_as_written():
    raw = read_article("He doesn\u2019t see \u201cus\u201d.".encode(), path="a.txt")
    assert texts(raw) == ["He doesn\u2019t see \u201cus\u201d."]


def test_not_utf8_names_the_file_line_and_byte():
    data = "First line\nCaf".encode() + b"\xe9 au lait\n"
    with pytest.raises(ArticleError) as err:
        read_article(data, path="articles/latin1.txt")
    assert str(err.value) == (
        "articles/latin1.txt:2: the file is not UTF-8 text (byte 14); save it as UTF-8 and build again"
    )


def test_front_matter_gives_metadata_and_overrides_and_body_keeps_file_line_numbers():
    data = (
        "---\ntitle: Walking Away\ndate: 2026-02-01\nauthor: Sam\nsource_url: https://example.org/a\n"
        "summary: Why it helps.\nthemes:\n  The Shock Factor: letting-go\nkeep: [Share your story.]\n"
        "drop:\n  - News Post\nheadings: [Final Word]\nnot_headings:\n  - The other?\n"
        "related:\n  The Shock Factor:\n    add: [Emotional Minimization]\n"
        "checklist:\n  Selective Presence: He is around when it suits him.\n---\nBody line\n"
    ).encode()
    raw = read_article(data, path="articles/walking-away.txt")
    meta, over = raw.metadata, raw.overrides
    assert (meta.slug, meta.title, meta.date, meta.author) == ("walking-away", "Walking Away", "2026-02-01", "Sam")
    assert (meta.source_url, meta.summary) == ("https://example.org/a", "Why it helps.")
    assert dict(over.themes) == {"The Shock Factor": Theme.LETTING_GO.value}
    assert over.keep == ("Share your story.",) and over.drop == ("News Post",)
    assert over.headings == ("Final Word",) and over.not_headings == ("The other?",)
    assert over.related["The Shock Factor"]["add"] == ("Emotional Minimization",)
    assert over.checklist == {"Selective Presence": "He is around when it suits him."}
    assert [(line.number, line.text) for line in raw.lines] == [(21, "Body line")]


def test_markdown_files_are_read_as_markdown():
    assert read_article(b"# Title\n", path="notes/x.md").format == "md"
    assert read_article(b"Title\n", path="notes/x.txt").format == "txt"


@pytest.mark.parametrize(
    "front, expected",
    [
        ("title: A\ncolour: blue\n", "a.txt:3: unknown front matter key 'colour'; use one of: title, date"),
        ("title: [A\n", "a.txt:1: front matter is not valid YAML ("),
        ("themes:\n  Intro: happy\n", "a.txt:2: theme 'happy' for 'Intro' is not known; use one of: signs, costs"),
        ("date: someday\n", "a.txt:2: date 'someday' is not a date; write it as YYYY-MM-DD"),
        ("keep: {a: 1}\n", "a.txt:2: front matter 'keep' must be a list of lines of text"),
        ("- just\n- a list\n", "a.txt:1: front matter must be a list of 'key: value' lines"),
    ],
)
def test_bad_front_matter_is_one_clear_line_naming_file_and_line(front, expected):
    with pytest.raises(ArticleError) as err:
        read_article(f"---\n{front}---\nText\n".encode(), path="a.txt")
    assert str(err.value).startswith(expected)
    assert "\n" not in str(err.value)


def test_front_matter_that_never_closes_is_an_error():
    with pytest.raises(ArticleError, match=r"^a.txt:1: front matter starts with --- but never ends"):
        read_article(b"---\ntitle: A\nText\n", path="a.txt")


def test_a_line_of_dashes_later_in_the_text_is_not_front_matter():
    raw = read_article(b"Title\n---\nText\n", path="a.txt")
    assert texts(raw) == ["Title", "---", "Text"]
    assert raw.metadata.title is None


# -- corrections that match nothing are named, with the line that was probably meant ------------

EDITED = (
    "---\n"
    "drop:\n"
    "  - Share this story with a frend\n"
    "themes: {\"Where It Started\": signs}\n"
    "---\n"
    "A Story of Being Overlooked\n\n"
    "He stopped asking about my day long before he stopped saying he loved me.\n\n"
    "Where It Began\n\n"
    "It began with small things: a missed call, a forgotten plan, a shrug.\n\n"
    "Share this story with a friend\n"
)


def test_a_correction_that_matches_no_line_is_a_warning_naming_the_file_line_and_nearest_line():
    raw = read_article(EDITED.encode(), path="articles/story.txt")
    assert len(raw.warnings) == 2
    drop, theme = sorted(raw.warnings)
    assert drop.startswith("articles/story.txt:3: front matter 'drop' names 'Share this story with a frend'")
    assert "did you mean 'Share this story with a friend' (line 14)?" in drop
    assert theme.startswith("articles/story.txt:4: front matter 'themes' names 'Where It Started'")
    assert "did you mean 'Where It Began' (line 10)?" in theme


def test_corrections_that_match_their_lines_give_no_warning():
    fixed = EDITED.replace("frend", "friend").replace("Where It Started", "where it began")
    assert read_article(fixed.encode(), path="articles/story.txt").warnings == ()


def test_a_level_and_leaving_a_section_out_of_the_checklist_are_read_from_front_matter():
    raw = read_article(
        b"---\nlevels: {\"Where It Began\": 3}\nchecklist: {\"Where It Began\": false}\n---\nTitle Here\n\nWhere It Began\n\nText.\n",
        path="a.txt",
    )
    assert dict(raw.overrides.levels) == {"Where It Began": 3}
    assert raw.overrides.not_in_checklist == ("Where It Began",)
    assert raw.overrides.checklist == {}
    with pytest.raises(ArticleError, match="must be 2 or 3"):
        read_article(b"---\nlevels: {\"Where It Began\": 5}\n---\nWhere It Began\n", path="a.txt")
