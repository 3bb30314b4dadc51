"""Article text rendered through real Python-Markdown shows exactly as written, never as markup."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.model import Block, BlockKind
from worth.render import InlineLink, escape_text, link_title, render_block, render_blocks, render_heading, render_inline, shown_text

# The site's extensions and the pymdown ones an editor might switch on later: article text must
# stay text with all of them.
EXTENSIONS = [
    "abbr", "admonition", "attr_list", "md_in_html", "def_list", "footnotes", "tables", "toc",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.keys", "pymdownx.emoji", "pymdownx.magiclink", "pymdownx.blocks.admonition",
]


class _Page(HTMLParser):
    """The tags and the visible text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def read_as_html(source: str) -> _Page:
    """``source`` read as an HTML fragment, as ``innerHTML`` reads it."""
    page = _Page()
    page.feed(source)
    page.close()
    return page


def parse(source: str) -> _Page:
    page = _Page()
    page.feed(markdown.markdown(source, extensions=EXTENSIONS))
    page.close()
    return page


def words(text: str) -> str:
    return " ".join(text.split())


TRICKY = [
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "*stars*",
    "_under_",
    "# hash",
    "[a](b)",
    "&amp;",
    "&copy; &#169; &nbsp; and a lone &",
    "{{ braces }} {% block %}",
    "back\\slash \\* \\\\ and a trailing one\\",
    "> not a quote",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "12) not a list",
    "!!! note",
    "??? note",
    "/// note",
    ": not a definition",
    "=== not a tab",
    "---",
    "***",
    "a heading?\n===",
    "text { #id .class }",
    "text {: .class }",
    "~~struck~~ ^^inserted^^ ==marked== ++ctrl+alt++",
    "| a | b |\n|---|---|",
    "    four spaces are not code",
    "```\nnot a fence\n```",
    "*[HTML]: not an abbreviation",
    "[^1]: not a footnote, nor text[^1]",
    "![not an image](x.png)",
    "<http://example.com> and https://example.com and :smile:",
    "`not code`",
    "He said \"hi\" & 'bye' -- ok... 1.5 million #1",
]


@pytest.mark.parametrize("text", TRICKY)
def test_article_text_shows_exactly_as_written(text):
    page = parse(escape_text(text))
    assert [tag for tag, _ in page.tags] == ["p"]
    assert words("".join(page.text)) == words(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .\n\t-+*_#>!?:/|=~^&;<>[](){}`\\\"'%")), max_size=60))
def test_any_text_stays_text(text):
    page = parse(escape_text(text))
    assert {tag for tag, _ in page.tags} <= {"p"}
    assert words("".join(page.text)) == words(shown_text(text.replace("\x00", "")))


def test_a_heading_shows_its_text_literally_with_the_anchor_given():
    page = parse(render_heading("<b>Why</b> *it* matters & {more} #1", level=2, anchor="why-it-matters"))
    assert page.tags == [("h2", {"id": "why-it-matters"})]
    assert "".join(page.text) == "<b>Why</b> *it* matters & {more} #1"


def test_a_link_span_becomes_a_link_and_the_rest_stays_text():
    text = "Some call it *gaslighting*; gaslighting <b>hurts</b>."
    start = text.index("gaslighting <b>")
    title = 'Making you "doubt" <what> &amp; & why'
    link = InlineLink(start, start + len("gaslighting"), "../glossary.md#gaslighting", title)
    page = parse(render_inline(text, [link]))
    assert [tag for tag, _ in page.tags] == ["p", "a"]
    assert page.tags[1][1]["href"] == "../glossary.md#gaslighting"
    assert "".join(page.text) == text
    # The theme's tooltip reads the title as HTML (innerHTML): read so, it is the text as written.
    tooltip = read_as_html(page.tags[1][1]["title"])
    assert tooltip.tags == [] and "".join(tooltip.text) == title


def test_a_link_title_read_again_as_html_is_text_and_plain_titles_are_unchanged():
    hostile = '<img src=x onerror="alert(1)"> <meta http-equiv="refresh" content="0;url=https://example.org/"> &lt;'
    tooltip = read_as_html(html.unescape(link_title(hostile)))
    assert tooltip.tags == [] and "".join(tooltip.text) == hostile
    # What a browser shows by itself for a title is unchanged when nothing in it is markup.
    assert html.unescape(link_title('Someone who says "you & me" > all')) == 'Someone who says "you & me" > all'


def test_overlapping_or_outside_spans_are_left_as_text():
    text = "first second"
    spans = [InlineLink(0, 5, "a.md"), InlineLink(3, 9, "b.md"), InlineLink(8, 99, "c.md"), InlineLink(4, 4, "d.md")]
    page = parse(render_inline(text, spans))
    assert [attrs.get("href") for tag, attrs in page.tags if tag == "a"] == ["a.md"]
    assert "".join(page.text) == text


def test_a_link_at_the_start_of_a_line_keeps_the_line_start_rules_for_the_rest():
    text = "# sign\n- item"
    page = parse(render_inline(text, [InlineLink(2, 6, "g.md")]))
    assert [tag for tag, _ in page.tags] == ["p", "a"]
    assert words("".join(page.text)) == words(text)


def test_lists_render_as_lists_with_every_item_literal():
    bulleted = Block(BlockKind.LIST, ("one *a*", "# two", "- three"), 1)
    numbered = Block(BlockKind.LIST, ("first", "1. second"), 1, ordered=True)
    page = parse("\n\n".join(render_blocks([bulleted, numbered])))
    assert [tag for tag, _ in page.tags] == ["ul", "li", "li", "li", "ol", "li", "li"]
    assert [t for t in page.text if t.strip()] == ["one *a*", "# two", "- three", "first", "1. second"]


def test_two_lists_or_quotes_in_a_row_stay_apart():
    first = Block(BlockKind.LIST, ("a", "b"), 1)
    second = Block(BlockKind.LIST, ("c",), 4)
    quote = Block(BlockKind.QUOTE, ("q",), 6)
    page = parse("\n\n".join(render_blocks([first, second, quote, quote])))
    assert [tag for tag, _ in page.tags] == ["ul", "li", "li", "ul", "li", "blockquote", "p", "blockquote", "p"]


def test_quotes_render_as_quotes_one_paragraph_per_line():
    quote = Block(BlockKind.QUOTE, ("“Ladies, when a man doesn’t appreciate you, do this.”", "> nested?"), 1)
    page = parse(render_block(quote))
    assert [tag for tag, _ in page.tags] == ["blockquote", "p", "p"]
    assert [t for t in page.text if t.strip()] == ["“Ladies, when a man doesn’t appreciate you, do this.”", "> nested?"]


def test_a_paragraph_is_one_paragraph_even_with_blank_lines_inside():
    page = parse(render_block(Block(BlockKind.PARAGRAPH, ("one line\n\n   # two\n",), 1)))
    assert [tag for tag, _ in page.tags] == ["p"]
    assert words("".join(page.text)) == "one line # two"


def test_entities_written_in_an_article_are_not_decoded():
    page = parse(escape_text("&lt;b&gt; &amp;amp;"))
    assert "".join(page.text) == "&lt;b&gt; &amp;amp;"
    assert html.unescape("".join(page.text)) != "".join(page.text)


def test_list_items_written_with_their_own_numbers_or_bullets_show_them_once():
    steps = Block(BlockKind.LIST, ("1. Write it down.", "2. Read it aloud."), 1, ordered=True)
    page = parse(render_block(steps))
    assert [tag for tag, _ in page.tags] == ["ol", "li", "li"]
    assert [t for t in page.text if t.strip()] == ["Write it down.", "Read it aloud."]
    # Numbers the list could not show as written (Markdown counts from 1) stay in the text.
    later = Block(BlockKind.LIST, ("3. Write it down.", "4. Read it aloud."), 1, ordered=True)
    page = parse(render_block(later))
    assert [tag for tag, _ in page.tags] == ["ul", "li", "li"]
    assert [t for t in page.text if t.strip()] == ["3. Write it down.", "4. Read it aloud."]
    bullets = Block(BlockKind.LIST, ("\u2022 sleep", "\u2022 friends"), 1)
    assert [t for t in parse(render_block(bullets)).text if t.strip()] == ["sleep", "friends"]


def test_a_backslash_that_only_escaped_a_letter_is_not_shown_any_other_is():
    page = parse(escape_text("We got an imbalance. \\I once worked late, at C:\\Users and a \\ b."))
    text = "".join(page.text)
    assert "imbalance. I once worked" in text
    assert "C:\\Users" in text and "a \\ b" in text
    # and the same with a link in the line
    linked = "".join(parse(render_inline("An imbalance. \\I once worked with reciprocity.", [InlineLink(34, 45, "g.md#r", "Give and take.")])).text)
    assert "An imbalance. I once worked with reciprocity." in linked
