"""Saved web pages as articles: the article found in the page, its headings and levels, its
metadata, what was left out of it, the ``.yml`` beside it, and pages that are hostile or broken.

The fixtures under ``fixtures/html/`` are pages in the shapes of real sites. Each marks its
article's container with ``data-expect="article"`` and its furniture (menus, comments, calls to
action...) with ``data-expect="furniture"``; the extractor is never told about these marks, the
tests read them to know what the article's paragraphs and the page's furniture are.
"""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from worth.cli import main
from worth.errors import ArticleError
from worth.model import BlockKind
from worth.pipeline import EmptyArticleError, load_article, load_articles

PAGES = Path(__file__).parent / "fixtures" / "html"
BLOG = PAGES / "blog_with_sidebar_and_comments.html"
NEWS = PAGES / "news_page_with_heavy_furniture.html"
CLINIC = PAGES / "clinic_page_with_calls_to_action_and_contents.html"
HOSTILE = PAGES / "hostile_page.html"

# What a reader of each page sees as its title and headings (level 2 = the page's top heading
# level under the title, 3 = the level below).
EXPECTED = {
    BLOG: (
        "When He Only Calls When He Needs Something",
        [("The signs I kept explaining away", 2), ("Why the small things matter", 3), ("What staying was costing me", 2)],
    ),
    NEWS: (
        "Why people stay: the quiet cost of being taken for granted",
        [("The signs are small", 2), ("Why leaving feels harder than staying", 2), ("What helps", 2)],
    ),
    CLINIC: (
        "Emotional Neglect in Relationships: Signs, Effects and Recovery",
        [
            ("What emotional neglect looks like", 2),
            ("Signs you may be emotionally neglected", 2),
            ("You feel lonely while together", 3),
            ("Your needs feel like a burden", 3),
            ("Conversations stay on the surface", 3),
            ("How it affects you", 2),
            ("Recovery and next steps", 2),
            ("Sources", 3),
        ],
    ),
}


def one_line(text: str) -> str:
    return " ".join(text.split())


def marked(page: Path) -> tuple[list[str], list[str]]:
    """The article's paragraphs (p, li, blockquote paragraphs inside the article's container,
    outside any furniture in it) and the furniture's texts (each p, li, heading, link or button
    inside furniture, but for the entries of a table of contents, which repeat the article's own
    headings), as the page's marks say."""
    tree = lxml_html.fromstring(page.read_bytes())
    paragraphs, furniture, own = [], [], set()
    for container in tree.xpath('//*[@data-expect="article"]'):
        for element in container.xpath('.//p | .//li | .//h2 | .//h3 | .//h4'):
            if not element.xpath('ancestor-or-self::*[@data-expect="furniture"]'):
                own.add(one_line(element.text_content()))
                if element.tag in ("p", "li"):
                    paragraphs.append(one_line(element.text_content()))
    for container in tree.xpath('//*[@data-expect="furniture"]'):
        for element in container.xpath('.//p | .//li | .//h1 | .//h2 | .//h3 | .//h4 | .//a | .//button | .//span'):
            text = one_line(element.text_content())
            if text and text not in own:
                furniture.append(text)
    return paragraphs, furniture


def article_texts(article) -> tuple[list[str], str]:
    """Every paragraph, list item and quote line of ``article``, with the headings, and all of it
    joined in one string."""
    texts = [p for s in article.sections for p in s.paragraphs] + [s.heading for s in article.sections if s.heading]
    return texts, " ".join(texts)


@pytest.mark.parametrize("page", list(EXPECTED), ids=lambda p: p.stem)
def test_the_article_comes_out_with_its_title_and_headings_at_their_levels(page):
    title, headings = EXPECTED[page]
    article = load_article(page)
    assert article.title == title
    assert [(s.heading, s.level) for s in article.sections if s.heading] == headings


@pytest.mark.parametrize("page", list(EXPECTED), ids=lambda p: p.stem)
def test_every_paragraph_of_the_article_is_kept(page):
    paragraphs, _ = marked(page)
    assert len(paragraphs) >= 6
    texts, _ = article_texts(load_article(page))
    assert [p for p in paragraphs if p not in texts] == []


@pytest.mark.parametrize("page", list(EXPECTED), ids=lambda p: p.stem)
def test_no_furniture_of_the_page_is_in_the_article(page):
    _, furniture = marked(page)
    assert len(furniture) >= 10
    texts, joined = article_texts(load_article(page))
    found = [f for f in furniture if f in texts or (len(f.split()) >= 4 and f in joined)]
    assert found == []


def test_lists_stay_lists_and_quotes_stay_quotes():
    article = load_article(BLOG)
    blocks = [b for s in article.sections for b in s.blocks]
    lists = [b for b in blocks if b.kind is BlockKind.LIST]
    quotes = [b for b in blocks if b.kind is BlockKind.QUOTE]
    assert [len(b.lines) for b in lists] == [3] and not lists[0].ordered
    assert quotes and quotes[0].lines == ("You are allowed to want someone who calls just to hear how you are.",)


def test_title_author_date_address_and_site_name_come_from_the_page():
    blog = load_article(BLOG)
    assert (blog.author, blog.date, blog.source_url, blog.site_name) == (
        "Maren Holt", "2025-03-14", "https://quietharbour.example/blog/when-he-only-calls/", "Quiet Harbour",
    )
    news = load_article(NEWS)  # author and date given only in JSON-LD
    assert (news.author, news.date, news.site_name) == ("Tomas Reyes", "2025-06-02", "The Daily Lantern")


def test_messages_name_the_line_of_the_page_a_block_comes_from():
    article = load_article(BLOG)
    lines = BLOG.read_text(encoding="utf-8").splitlines()
    for section in article.sections:
        if section.heading:
            assert section.heading in lines[section.line - 1]
    comment = next(n for n in article.noise if n.text.startswith("This is exactly what my last boyfriend did"))
    assert comment.text in lines[comment.line - 1]


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_inspect_lists_what_was_left_out_of_the_page_one_line_each_with_where_it_was():
    code, out, _ = run_cli("inspect", str(BLOG))
    assert code == 0
    left_out = out.split("Left out of the page")[1].split("Nothing was dropped as noise")[0]
    entries = [line.strip() for line in left_out.splitlines()[1:] if line.strip()]
    assert "line 66: This is exactly what my last boyfriend did. Reading it made me cry a little on the bus this morning.  (comments)" in entries
    assert "line 23: About me  (navigation)" in entries
    assert any(e.startswith("line 82: Morning pages after a breakup") and e.endswith("(sidebar)") for e in entries)
    # Every block of furniture is listed, none of the article's paragraphs is.
    paragraphs, furniture = marked(BLOG)
    assert not [p for p in paragraphs if any(p[:60] in e for e in entries)]
    long_lines = [e for e in entries if len(e.split(": ", 1)[1].rsplit("  (", 1)[0]) > 100]
    assert long_lines == []


def test_inspect_json_keeps_left_out_blocks_apart_from_noise():
    import json

    code, out, _ = run_cli("inspect", "--json", str(NEWS))
    data = json.loads(out)
    assert code == 0
    assert {"line": "Most read", "where": "related posts", "number": 60} in data["left_out"]
    assert all(n["rule"] and not n["rule"].startswith("left out") for n in data["noise"])
    assert data["site_name"] == "The Daily Lantern"


def copy_page(tmp_path: Path, page: Path, settings: str | None = None) -> Path:
    target = tmp_path / page.name
    shutil.copy(page, target)
    if settings is not None:
        target.with_suffix(".yml").write_text(settings, encoding="utf-8")
    return target


def test_a_yml_beside_the_page_overrides_its_metadata_and_keeps_or_drops_blocks(tmp_path):
    page = copy_page(
        tmp_path, BLOG,
        "title: Calls That Only Come When He Needs You\n"
        "date: 2025-04-01\n"
        "keep:\n  - Thank you for writing about the loans. Nobody talks about the money side of being taken for granted.\n"
        "  - I write about the slow work of choosing myself. Tea, long walks and…\n"
        "drop: ['Letting go did not happen in one evening. It began the day I let a call ring out and spent the hour"
        " reading instead, and noticed that nothing terrible happened.']\n"
        "themes: {Why the small things matter: letting-go}\n",
    )
    article = load_article(page)
    texts, _ = article_texts(article)
    assert article.title == "Calls That Only Come When He Needs You" and article.date == "2025-04-01"
    assert article.author == "Maren Holt"  # what the .yml does not say still comes from the page
    # Kept blocks come back where they were on the page: after the article's last paragraph.
    assert texts.index("Thank you for writing about the loans. Nobody talks about the money side of being taken for granted.") > texts.index(
        "I was tired in a way sleep did not fix. I stopped telling friends about him because I knew what they would say, and that silence slowly cut me off from the people who loved me."
    )
    assert any(t.startswith("I write about the slow work of choosing myself.") for t in texts)
    assert not any(t.startswith("Letting go did not happen in one evening") for t in texts)
    assert any(n.text.startswith("Letting go did not happen") for n in article.noise)
    assert not any(n.text.startswith("Thank you for writing about the loans") for n in article.noise)
    small = next(s for s in article.sections if s.heading == "Why the small things matter")
    assert small.theme.value == "letting-go"
    # The page's own title is no longer taken for a heading.
    assert "When He Only Calls When He Needs Something" not in [s.heading for s in article.sections]


def test_a_yml_that_is_not_yaml_is_one_line_naming_it_and_the_line(tmp_path):
    page = copy_page(tmp_path, BLOG, "title: fine\nkeep: [unclosed\n")
    with pytest.raises(ArticleError) as err:
        load_article(page, display_path="articles/blog.html")
    assert str(err.value).startswith("articles/blog.yml:")
    assert "is not valid YAML" in str(err.value) and "\n" not in str(err.value)


def test_a_yml_with_an_unknown_key_names_the_key_and_its_line(tmp_path):
    page = copy_page(tmp_path, BLOG, "title: fine\ncolour: blue\n")
    with pytest.raises(ArticleError) as err:
        load_article(page, display_path="articles/blog.html")
    assert str(err.value).startswith("articles/blog.yml:2: unknown front matter key 'colour'")


def test_a_page_in_another_encoding_is_read_by_its_declared_charset(tmp_path):
    text = BLOG.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    text = text.replace("For a long time I told myself", "For a long time I told myself \u2018it\u2019s fine\u2019 and")
    page = tmp_path / "old.html"
    page.write_bytes(text.encode("cp1252", errors="replace"))
    texts, _ = article_texts(load_article(page))
    assert any("told myself \u2018it\u2019s fine\u2019 and" in t for t in texts)


def test_a_page_with_no_article_is_left_out_of_the_site_with_a_warning(tmp_path):
    (tmp_path / "menu-only.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "story.txt").write_text("A Story\n\nShe waited for an answer that never came, and then she stopped waiting.\n", encoding="utf-8")
    result = load_articles(tmp_path, display_root=tmp_path)
    assert [a.slug for a in result.articles] == ["story"]
    assert result.warnings == ("menu-only.html: the article has no text, so it is left out of the site; add its text or remove the file",)


def test_bytes_that_are_not_a_page_give_one_line_naming_the_file(tmp_path):
    page = tmp_path / "picture.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(ArticleError) as err:
        load_article(page, display_path="articles/picture.html")
    message = str(err.value)
    assert message.startswith("articles/picture.html:") and "\n" not in message
    assert isinstance(err.value, EmptyArticleError) or "HTML page" in message


def test_a_hostile_page_gives_only_its_text():
    article = load_article(HOSTILE)
    texts, joined = article_texts(article)
    assert "Someone who writes <script>alert('typed')</script> in a message has written text, and text is what it stays." in texts
    assert ("If you write to him and the reply takes days, tell yourself the truth about what that means, "
            "and read a guide written elsewhere if it helps.") in texts
    for never in ("inline script in the article", "svg script", "written by a script", "Words drawn inside a picture",
                  "Text inside a frame", "Fallback text of an object", "javascript:", "onerror", "tracker.example"):
        assert never not in joined


def test_editing_the_yml_beside_a_page_is_a_change_of_the_article(tmp_path):
    from worth.pipeline import changed_sources, read_sources

    page = copy_page(tmp_path, BLOG)
    before = read_sources(tmp_path)
    page.with_suffix(".yml").write_text("title: Another Title\n", encoding="utf-8")
    assert changed_sources(tuple(s for s, _ in before)) == [str(page)]
    after = read_sources(tmp_path)
    assert [s.key for s, _ in after] != [s.key for s, _ in before]
    assert load_articles(tmp_path).articles[0].title == "Another Title"


def test_a_page_whose_only_h1_is_a_section_name_takes_its_title_from_the_heading_opening_the_article(tmp_path):
    page = tmp_path / "health.html"
    page.write_text(
        "<html><head><title>When Care Goes One Way | Calm Health</title></head><body>"
        "<header><h1>Relationships Health Centre</h1><nav><a href='/'>Home</a> <a href='/a'>Topics</a></nav></header>"
        "<main><article><h2>When Care Goes One Way</h2>"
        "<p>Some partners take care without giving it back, and the one who gives slowly runs out of energy for herself.</p>"
        "<h3>What it looks like</h3>"
        "<p>She remembers his appointments, his friends' birthdays and his favourite meals, while he forgets hers.</p>"
        "<p>Over the months she stops expecting anything, and calls that being easy-going.</p>"
        "</article></main></body></html>",
        encoding="utf-8",
    )
    article = load_article(page)
    assert article.title == "When Care Goes One Way"
    assert [s.heading for s in article.sections if s.heading] == ["What it looks like"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TAGS = st.sampled_from(["p", "h2", "h3", "li", "ul", "div", "nav", "script", "svg", "table", "td", "blockquote", "a", "br", "!--", "iframe"])
_FRAGMENTS = st.lists(st.one_of(_TAGS.map(lambda t: f"<{t}>"), _TAGS.map(lambda t: f"</{t}>"), st.text(max_size=40)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_FRAGMENTS, st.booleans())
def test_any_page_gives_an_article_or_one_clear_line_never_a_traceback(fragments, as_bytes_garbage):
    from worth.pipeline import article_from_raw
    from worth.read import read_article

    source = "".join(fragments)
    data = source.encode("utf-8", errors="surrogatepass") if not as_bytes_garbage else bytes(ord(c) % 256 for c in source)
    try:
        article_from_raw(read_article(data, path="articles/any.html"))
    except ArticleError as err:
        assert str(err).startswith("articles/any.html") and "\n" not in str(err)
