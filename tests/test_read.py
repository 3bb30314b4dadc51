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
        ("title: [A\n", "a.txt:2: front matter is not valid YAML ("),
        ("themes:\n  Intro: happy\n", "a.txt:2: theme 'happy' for 'Intro' is not known; use one of: signs, costs"),
        ("date: someday\n", "a.txt:2: date 'someday' is not a date written as YYYY-MM-DD"),
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


# Front matter is checked as strictly as the text: each problem is one line naming the file and
# the line it is on in the file (the YAML's line 1 is the file's line 2).

@pytest.mark.parametrize(("written", "day"), [
    ("June 12, 2019", "2019-06-12"), ("12 June 2019", "2019-06-12"), ("Sept 3, 2020", "2020-09-03"),
    ("March 3rd, 2024 9:12 PM", "2024-03-03"), ("2019/06/12", "2019-06-12"), ("2019-6-2 08:30", "2019-06-02"),
    ("'2020-09-29-02-05-50'", "2020-09-29"),
])
def test_a_blog_s_date_written_another_way_that_cannot_be_misread_is_its_day(written, day):
    raw = read_article(f"---\ntitle: A Post\ndate: {written}\n---\nText\n".encode(), path="a.md")
    assert raw.metadata.date == day


@pytest.mark.parametrize(
    "front, expected",
    [
        ("title: A\ndate: 2026-02-30\n", "a.txt:3: date '2026-02-30' does not exist (day is out of range for month)"),
        ("date: 2026-13-01\n", "a.txt:2: date '2026-13-01' does not exist (month must be in 1..12)"),
        ("date: 2026-02-01 25:00:00\n", "a.txt:2: date '2026-02-01 25:00:00' does not exist (hour must be in 0..23)"),
        ("title: A\nauthor: B\ndate: 20260201\n", "a.txt:4: date '20260201' is not a date written as YYYY-MM-DD"),
        ("date: 2026-W05-1\n", "a.txt:2: date '2026-W05-1' is not a date written as YYYY-MM-DD"),
        ("date: 2026-032\n", "a.txt:2: date '2026-032' is not a date written as YYYY-MM-DD"),
        ("date: 12/06/2019\n", "a.txt:2: date '12/06/2019' is not a date written as YYYY-MM-DD (like 2026-02-01); "
                               "write it so (a time may follow), or name its month (June 12, 2019)"),
        ("date: Feb 30, 2019\n", "a.txt:2: date 'Feb 30, 2019' does not exist (day is out of range for month)"),
        ("title: A\ntitle: B\n", "a.txt:3: front matter gives 'title' twice (lines 1 and 2 of the YAML); keep one of them"),
        ("themes:\n  Intro: signs\n  Intro: costs\n", "a.txt:4: front matter gives 'Intro' twice"),
        ("title: A\nauthor: B\nsummary: c: d\n", "a.txt:4: front matter is not valid YAML (mapping values are not allowed"),
        ("title: A\n\n\nkeep: [a, b\n", "a.txt:5: front matter is not valid YAML ("),
        ("source_url: https://example.org/a\\\n", "a.txt:2: source_url 'https://example.org/a\\' is not a web address"),
        ("source_url: https://example.org/a b\n", "a.txt:2: source_url 'https://example.org/a b' is not a web address"),
    ],
)
def test_front_matter_problems_are_one_line_on_their_real_line(front, expected):
    with pytest.raises(ArticleError) as err:
        read_article(f"---\n{front}---\nText\n".encode(), path="a.txt")
    assert str(err.value).startswith(expected), str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "written, day",
    [("2026-02-01", "2026-02-01"), ("2026-02-01T10:00:00+01:00", "2026-02-01"), ("2026-02-01 10:00:00 +0100", "2026-02-01"),
     ("'2024-02-29'", "2024-02-29"), ("2026-02-01T23:59:59.5Z", "2026-02-01")],
)
def test_iso_dates_as_blogs_write_them_give_their_day(written, day):
    assert read_article(f"---\ndate: {written}\n---\nText\n".encode(), path="a.txt").metadata.date == day


def _alias_bomb(key: str, levels: int = 9) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    lines.append(f"{key}: *{chr(ord('a') + levels - 1)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("key", ["themes", "keep", "title", "related"])
def test_a_yaml_alias_bomb_is_refused_before_anything_is_expanded(key):
    import tracemalloc

    bomb = _alias_bomb(key)
    assert len(bomb) < 500  # expanded, it would be 9 ** 9 (387 million) values
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError) as err:
            read_article(f"---\n{bomb}---\nText\n".encode(), path="a.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(err.value).startswith("a.txt:3: front matter uses the YAML alias '*a' to repeat a value; write the value out in full")
    assert peak < 5_000_000


def test_a_blog_post_s_front_matter_drops_in_with_its_own_keys_mapped_or_ignored():
    post = (
        "---\nlayout: post\ntitle: When Giving Is One-Sided\ndate: 2025-11-03 08:30:00 +0000\nauthor: A. Writer\n"
        "description: Why the balance matters.\ncanonical_url: https://blog.example.org/one-sided\n"
        "tags: [love, limits]\ncategories: relationships\npermalink: /one-sided/\npublished: true\ndraft: false\n---\n"
        "Some text of the post.\n"
    )
    raw = read_article(post.encode(), path="one-sided.md")
    meta = raw.metadata
    assert (meta.title, meta.date, meta.author) == ("When Giving Is One-Sided", "2025-11-03", "A. Writer")
    assert meta.summary == "Why the balance matters."
    assert meta.source_url == "https://blog.example.org/one-sided"
    assert raw.overrides.ignored_keys == ("layout", "tags", "categories", "permalink", "published", "draft")


@pytest.mark.parametrize(("author", "expected"), [
    ("author:\n  name: Dana Reyes\n  url: https://example.org/dana\n", "Dana Reyes"),  # Jekyll's author object
    ("author: [Ana Ruiz, Dan Lee]\n", "Ana Ruiz and Dan Lee"),
    ("authors:\n  - Ana Ruiz\n  - name: Dan Lee\n  - Kim Park\n", "Ana Ruiz, Dan Lee and Kim Park"),  # Hugo's
])
def test_a_blog_s_author_written_as_a_list_or_with_a_link_is_its_name(author, expected):
    raw = read_article(f"---\ntitle: A Post\n{author}---\nText\n".encode(), path="a.md")
    assert raw.metadata.author == expected


def test_an_author_that_names_no_one_is_a_message_saying_how_to_write_one():
    with pytest.raises(ArticleError) as err:
        read_article(b"---\ntitle: A Post\nauthor:\n  url: https://example.org\n---\nText\n", path="a.md")
    assert str(err.value) == "a.md:3: front matter 'author' must be a name, a list of names, or name: under it"


def test_a_blog_theme_s_own_keys_are_read_past_and_listed_but_a_misspelt_key_of_worth_s_is_not():
    post = (
        "---\ntitle: A Post\nheader:\n  image: /img/top.jpg\n  overlay_filter: 0.5\nauthor_profile: true\n"
        "share: true\nrelated: true\nread_time: true\n---\nText of the post.\n"
    )
    raw = read_article(post.encode(), path="a-post.md")
    assert raw.metadata.title == "A Post"
    assert set(raw.overrides.ignored_keys) == {"header", "author_profile", "share", "related", "read_time"}
    with pytest.raises(ArticleError) as err:
        read_article(b"---\ntitle: A Post\nnot_heading: [Share]\n---\nText\n", path="a-post.md")
    assert str(err.value).startswith("a-post.md:3: unknown front matter key 'not_heading'; did you mean 'not_headings'?")
    with pytest.raises(ArticleError):  # in a text article every key is Worth's
        read_article(b"---\ntitle: A Post\nshare: true\n---\nText\n", path="a-post.txt")


def test_worth_s_own_keys_win_over_a_blog_s_and_the_blog_s_are_then_listed_as_ignored():
    raw = read_article(b"---\nsummary: Mine.\nexcerpt: Theirs.\nsource: https://a.example/x\n---\nText\n", path="a.md")
    assert raw.metadata.summary == "Mine." and raw.metadata.source_url == "https://a.example/x"
    assert raw.overrides.ignored_keys == ("excerpt",)


def test_a_hugo_post_s_toml_front_matter_drops_in_as_it_is():
    post = (
        '+++\ntitle = "When Giving Is One-Sided"\ndate = 2025-11-03T08:30:00Z\ndraft = false\n'
        'tags = ["love", "limits"]\ndescription = "Why the balance matters."\n'
        'drop = ["Share this post"]\nthemes = { "Where It Started" = "signs" }\n'
        '[params]\nsubtitle = "A note"\n+++\n'
        "Share this post\n\nWhere It Started\n\nHe stopped asking about my day.\n"
    )
    raw = read_article(post.encode(), path="one-sided.md")
    meta = raw.metadata
    assert (meta.title, meta.date, meta.summary) == ("When Giving Is One-Sided", "2025-11-03", "Why the balance matters.")
    assert raw.overrides.ignored_keys == ("draft", "tags", "params")
    assert raw.overrides.drop == ("Share this post",) and raw.overrides.themes == {"Where It Started": Theme.SIGNS}
    assert raw.lines[0].number == 12 and raw.lines[0].text == "Share this post"  # file line numbers kept


@pytest.mark.parametrize(("front", "expected"), [
    ('+++\ntitle = "A\n+++\n', r"^a.md:2: front matter is not valid TOML \(.+\); fix it or remove the \+\+\+ block$"),
    ('+++\ntitle = "A"\ntitle = "B"\n+++\n', r"^a.md:3: front matter is not valid TOML"),
    ('+++\ntitle = "A"\n\ntittle = "B"\n+++\n', r"^a.md:4: unknown front matter key 'tittle'"),
    ('+++\ntitle = "A"\n[themse]\nx = 1\n+++\n', r"^a.md:3: unknown front matter key 'themse'; did you mean 'themes'\?"),
    ('+++\ntitle = "A"\n', r"^a.md:1: front matter starts with \+\+\+ but never ends; add a closing \+\+\+ line$"),
])
def test_bad_toml_front_matter_is_one_clear_line_on_its_real_line(front, expected):
    with pytest.raises(ArticleError, match=expected):
        read_article((front + "Text\n").encode(), path="a.md")


def test_a_misspelt_key_is_still_an_error_not_ignored():
    with pytest.raises(ArticleError, match=r"^a.txt:2: unknown front matter key 'tittle'"):
        read_article(b"---\ntittle: A\n---\nText\n", path="a.txt")


def test_a_web_page_s_settings_are_read_as_strictly_as_front_matter():
    from worth.webpage import read_settings

    with pytest.raises(ArticleError) as err:
        read_settings(b"title: A\na: &a [x, x]\nthemes: *a\n", path="articles/page.yml")
    assert str(err.value).startswith("articles/page.yml:3: uses the YAML alias '*a' to repeat a value")
    with pytest.raises(ArticleError, match=r"^articles/page.yml:2: gives 'title' twice"):
        read_settings(b"title: A\ntitle: B\n", path="articles/page.yml")
    fields, _lines = read_settings(b"date: 2026-02-30\n", path="articles/page.yml")
    assert fields == {"date": "2026-02-30"}  # kept as written, for the date check to refuse by name


def test_markdown_s_underlined_headings_are_read_as_headings_on_their_own_lines():
    text = (
        "When He Stops Trying\n====================\n\nIt starts small.\n\n"
        "Signs He Stopped Caring\n-----------------------\n\nHe forgets what you told him.\n\n"
        "---\n\n- an item\n---\n\nTwo lines of\none paragraph\n---\n\n"
        "```\ncode line\n---\n```\n"
    )
    lines = read_article(text.encode(), path="a.md").lines
    by_number = {line.number: line.text for line in lines}
    assert by_number[1] == "# When He Stops Trying" and by_number[2] == ""
    assert by_number[6] == "## Signs He Stopped Caring" and by_number[7] == ""
    assert by_number[11] == "---"  # after a blank line: a rule, not an underline
    assert by_number[13] == "- an item" and by_number[14] == "---"
    assert by_number[17] == "one paragraph" and by_number[18] == "---"
    assert by_number[21] == "code line" and by_number[22] == "---"  # inside a fenced code block
    plain = read_article(b"Signs He Stopped Caring\n-----------------------\n\nText.\n", path="a.txt").lines
    assert plain[0].text == "Signs He Stopped Caring"  # plain text is not Markdown


def test_a_markdown_table_reads_as_its_header_and_a_list_of_its_rows():
    text = ("Before.\n\n| Sign | What it costs |\n|:-----|-------------:|\n| Forgetting | Feeling invisible |\n"
            "| Silence \\| distance | Sleep |\n\nAfter | this, text.\n")
    by_number = {line.number: line.text for line in read_article(text.encode(), path="a.md").lines}
    assert by_number[3] == "Sign \u2014 What it costs" and by_number[4] == ""
    assert by_number[5] == "- Forgetting \u2014 Feeling invisible"
    assert by_number[6] == "- Silence | distance \u2014 Sleep"
    assert by_number[8] == "After | this, text."  # a bar in a line with no delimiter row under it


def test_a_blog_export_s_html_headings_and_list_items_are_read_as_markdown():
    text = ('Intro.\n\n<h2>Signs He Stopped Caring</h2>\n\nText.\n\n<H3 id="costs">What It <em>Costs</em></h3>\n\n'
            "<ul>\n<li>Sleep</li>\n<li class=\"x\">Friends\n</ul>\n\n<p>Some <b>bold</b> words.</p>\n")
    by_number = {line.number: line.text for line in read_article(text.encode(), path="a.md").lines}
    assert by_number[3] == "## Signs He Stopped Caring"
    assert by_number[7] == "### What It <em>Costs</em>"  # its inline tags are read with its text
    assert by_number[10] == "- Sleep" and by_number[11] == "- Friends"
    assert by_number[9] == "<ul>" and by_number[14] == "<p>Some <b>bold</b> words.</p>"
    assert read_article(b"<h2>Not Markdown</h2>\n", path="a.txt").lines[0].text == "<h2>Not Markdown</h2>"
