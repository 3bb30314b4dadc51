"""The real site, built with ``mkdocs build --strict``: every page, every line of every article,
citations that land, article text that stays text, and bad articles that stop the build."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_large_site, build_site, project_copy
from worth.pipeline import load_articles
from worth.plan import plan_site_map
from worth.render import shown_text

pytestmark = pytest.mark.build

GATHERING_PAGES = ("costs", "signs", "letting-go", "more")
FIXED_PAGES = ("index.html", "articles/index.html", "sources/index.html", *(f"{p}/index.html" for p in GATHERING_PAGES))


class _Content(HTMLParser):
    """The main content of a built page: its text, ids, links and script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article class="md-content__inner ...">
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.links: list[dict[str, str | None]] = []
        self.scripts: list[str] = []
        self.tags_in_content: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self.depth = 1
        elif self.depth:
            self.tags_in_content.append(tag)
            if tag == "article":
                self.depth += 1
            if tag == "a":
                self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif self.depth:
            self.text.append(data)


def read_page(path: Path) -> _Content:
    page = _Content()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def normalised(text: str) -> str:
    return " ".join(html.unescape(text).split())


def content_text(path: Path) -> str:
    return normalised("".join(read_page(path).text))


def url_to_file(site: Path, from_file: Path, href: str) -> tuple[Path, str]:
    """The built file a relative link points to, and its anchor."""
    path, _, anchor = href.partition("#")
    target = (from_file.parent / path).resolve() if path else from_file
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, anchor


def article_lines(articles_dir: Path) -> list[tuple[str, str, bool]]:
    """(slug, line, is_heading) for every heading, paragraph, list item and quote line the reader kept."""
    out = []
    for article in load_articles(articles_dir).articles:
        for section in article.sections:
            if section.heading:
                out.append((article.slug, section.heading, True))
            out += [(article.slug, text, False) for text in section.paragraphs]
    return out


def headings(path: Path, tag: str = "h2") -> list[str]:
    built = path.read_text(encoding="utf-8")
    return [normalised(re.sub(r"<[^>]+>", "", h)) for h in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", built, re.S)]


def test_every_page_is_built(built_site):
    expected = [*FIXED_PAGES, *(f"articles/{p.stem}/index.html" for p in sorted((ROOT / "articles").glob("*.txt")))]
    missing = [page for page in expected if not (built_site / page).is_file()]
    assert not missing


def test_every_line_of_every_article_is_on_its_article_page_and_on_one_gathering_page(built_site):
    gathering = {name: content_text(built_site / name / "index.html") for name in GATHERING_PAGES}
    gathering_headings = {name: headings(built_site / name / "index.html") for name in GATHERING_PAGES}
    article_pages: dict[str, str] = {}
    lines = article_lines(ROOT / "articles")
    assert len(lines) > 50  # both real articles, not an empty site
    for slug, line, is_heading in lines:
        if slug not in article_pages:
            article_pages[slug] = content_text(built_site / "articles" / slug / "index.html")
        wanted = normalised(shown_text(line))  # as written, but for a backslash escaping a letter
        assert wanted in article_pages[slug], f"{slug}: {line!r} is missing from its article page"
        if is_heading:  # a heading is also named in "Related" links elsewhere: look at headings only
            found_on = [name for name, found in gathering_headings.items() if wanted in found]
            assert len(found_on) == 1, f"{slug}: heading {line!r} heads a section on {found_on}"
            continue
        found_on = [name for name, text in gathering.items() if wanted in text]
        assert found_on, f"{slug}: {line!r} is on no theme page"
        if len(wanted.split()) >= 8:  # short lines ("The other?") may occur inside longer ones
            assert len(found_on) == 1, f"{slug}: {line!r} is on {found_on}"


def test_citations_and_also_in_links_land_on_existing_anchors(built_site):
    checked = 0
    pages = [built_site / name / "index.html" for name in GATHERING_PAGES]
    pages += sorted((built_site / "articles").glob("*/index.html"))
    for page in pages:
        for link in read_page(page).links:
            href = link.get("href") or ""
            if "#" not in href or href.startswith(("http:", "https:")) or href.startswith("#"):
                continue
            target, anchor = url_to_file(built_site, page, href)
            assert target.is_file(), f"{page.relative_to(built_site)}: {href} leads to no page"
            assert anchor in read_page(target).ids, f"{page.relative_to(built_site)}: {href} has no such anchor"
            checked += 1
    sections = sum(len(a.sections) for a in load_articles(ROOT / "articles").articles)
    assert checked >= 2 * sections  # each section: its citation and its "Also in" link


def test_every_section_on_a_gathering_page_cites_its_article(built_site):
    citations = []
    for name in GATHERING_PAGES:
        built = (built_site / name / "index.html").read_text(encoding="utf-8")
        citations += re.findall(r'<p class="worth-source">From <a href="([^"]+)"', built)
    # one citation per run of one article's sections on a page, at the passage where the run begins
    site_map = plan_site_map(load_articles(ROOT / "articles").articles)
    runs = sum(
        sum(1 for i, key in enumerate(keys) if i == 0 or keys[i - 1].article != key.article)
        for keys in (site_map.order[theme] for theme in site_map.order)
    )
    assert len(citations) == runs
    assert all(href.startswith("../articles/") and "#" in href for href in citations)


def test_article_pages_are_not_in_the_global_nav(built_site):
    for page in (built_site / "index.html", built_site / "articles" / "let-him-go" / "index.html"):
        nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', page.read_text(encoding="utf-8"))
        assert any(href.rstrip("/").endswith("articles") or href in ("./", "../") for href in nav_links)
        assert not [href for href in nav_links if "let-him-go" in href or "walking-away" in href]


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("markup")
    written = tmp / "written-in-markdown.md"  # inline Markdown, as a blog writes it
    written.write_text(
        "# Written in Markdown\n\n![A window](/img/w.jpg)\n*Photo by Sam Lee on Unsplash*\n\n"
        "He **never** asked, and I _stopped_ offering. Read [the guide](https://example.org/g).[^1]\n\n"
        "See [my earlier post][earlier], when plans fell<br>through.\n\n"
        "Signs He Stopped Caring\n-----------------------\n\n"
        "| Sign | What it costs |\n|---|---|\n| Forgetting | Feeling invisible |\n\n"
        "[^1]: From a survey of readers.\n\n[earlier]: https://example.org/earlier\n", encoding="utf-8")
    root = project_copy(tmp, [FIXTURES / "article_with_markup_characters.txt", written])
    run = build_site(tmp / "site", config=root / "mkdocs.yml")
    assert run.returncode == 0, run.stderr[-3000:]
    return tmp / "site"


MARKUP_LINES = [
    "She typed <script>alert(1)</script> into the note, and nothing happened.",
    "Some words were <b>bold</b>, some had *stars*, some had _under_ lines, and one was a link: [a](b).",
    "An entity stays as written: &amp; and &copy; and &#169; and a lone & too.",
    "Templates look like {{ braces }} and {% blocks %}, and paths look like C:\\Users\\back\\slash.",
    "# hash at the start of a line is not a heading here",
    "> an arrow at the start of a line is not a quote here",
    "1. at the start of a line is not a list here",
    "!!! note that this is not a box",
    "A colon touching words :smile: and a web address https://example.com stay plain text.",
]


def test_article_text_shows_exactly_as_written(markup_site):
    article_page = markup_site / "articles" / "article-with-markup-characters" / "index.html"
    for page in (article_page, markup_site / "more" / "index.html"):
        text = " ".join("".join(read_page(page).text).split())  # entities decoded once, by the browser
        for line in MARKUP_LINES:
            assert line in text, f"{page.relative_to(markup_site)}: {line!r}"


def test_a_markdown_article_shows_what_its_markdown_says_not_its_markup(markup_site):
    page = read_page(markup_site / "articles" / "written-in-markdown" / "index.html")
    text = " ".join("".join(page.text).split())
    assert "He never asked, and I stopped offering. Read the guide." in text
    assert "Forgetting \u2014 Feeling invisible" in text and "From a survey of readers." in text
    assert "See my earlier post, when plans fell through." in text
    assert "signs-he-stopped-caring" in page.ids  # the underlined heading, as a heading
    for markup in ("**", "](", "][", "[earlier]", "[^1]", "![", "Unsplash", "|---", "-----"):
        assert markup not in text, markup


def test_nothing_in_an_article_becomes_markup_or_script(markup_site):
    for page in markup_site.rglob("*.html"):
        content = read_page(page)
        assert not any("alert(1)" in script for script in content.scripts), page
        assert not [a for a in content.links if (a.get("href") or "") in ("b", "https://example.com")], page
    # Pages that show the article's text hold none of the markup written in it.
    for page in [*(markup_site / "articles").glob("*/index.html"), *(markup_site / n / "index.html" for n in GATHERING_PAGES)]:
        content = read_page(page)
        assert not {"b", "em", "strong", "img", "code", "blockquote", "ol", "details"} & set(content.tags_in_content), page


def test_an_article_that_cannot_be_read_stops_the_build_with_one_clear_line(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "articles" / "broken.txt").write_bytes(b"A title\n\nSome text \xff\xfe here.\n")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    assert re.search(r"ERROR\s+-\s+articles/broken\.txt:\d+: ", run.stderr)
    assert "Traceback" not in run.stderr


def test_a_bad_article_leaves_the_previous_site_as_it_was(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    assert build_site(tmp_path / "site", config=root / "mkdocs.yml").returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    (root / "articles" / "broken.txt").write_bytes(b"A title\n\nSome text \xff\xfe here.\n")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0 and "articles/broken.txt" in run.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before


def test_an_article_saved_while_the_site_is_built_fails_the_strict_build_naming_it(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    # A second hook stands in for the editor: it saves the article while MkDocs renders the pages.
    (root / "saves_meanwhile.py").write_text(
        "from pathlib import Path\n"
        "def on_env(env, config, files):\n"
        "    path = Path(config.config_file_path).parent / 'articles' / 'walking-away.txt'\n"
        "    path.write_text(path.read_text(encoding='utf-8') + '\\nA sentence saved while the site was built.\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hooks/worth_hooks.py\n", "  - hooks/worth_hooks.py\n  - saves_meanwhile.py\n"), encoding="utf-8")
    run = build_site(tmp_path / "site", config=config)
    assert run.returncode != 0
    assert re.search(r"WARNING\s+-\s+articles/walking-away\.txt: changed while the site was built; build again", run.stderr)
    assert "Traceback" not in run.stderr


def test_a_second_build_with_nothing_changed_makes_the_same_site_from_the_cache(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt", ROOT / "articles" / "let-him-go.txt"])
    assert build_site(tmp_path / "first", config=root / "mkdocs.yml").returncode == 0
    assert (root / ".cache" / "worth" / "site.json").is_file()
    assert build_site(tmp_path / "second", config=root / "mkdocs.yml").returncode == 0
    first = {p.relative_to(tmp_path / "first"): p.read_bytes() for p in (tmp_path / "first").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "second"): p.read_bytes() for p in (tmp_path / "second").rglob("*") if p.is_file()}
    assert first == second
    # Deleting the cache is always safe: the next build makes everything again, the same.
    shutil.rmtree(root / ".cache")
    assert build_site(tmp_path / "third", config=root / "mkdocs.yml").returncode == 0
    assert {p.relative_to(tmp_path / "third"): p.read_bytes() for p in (tmp_path / "third").rglob("*") if p.is_file()} == first


def test_an_empty_article_fails_the_strict_build_naming_the_file(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "articles" / "empty.txt").write_text("\n  \n", encoding="utf-8")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    assert re.search(r"WARNING\s+-\s+articles/empty\.txt", run.stderr)
    assert "Traceback" not in run.stderr
    # Without --strict the warning stays a warning: the site is built, without that article.
    loose = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "loose")],
        capture_output=True,
        text=True,
    )
    assert loose.returncode == 0, loose.stderr[-2000:]
    assert (tmp_path / "loose" / "articles" / "walking-away" / "index.html").is_file()
    assert not (tmp_path / "loose" / "articles" / "empty").exists()


def test_a_hand_written_page_in_the_place_of_a_generated_one_stops_the_build(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "docs" / "costs.md").write_text("# My own costs page\n", encoding="utf-8")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    assert "docs/costs.md" in run.stderr and "Traceback" not in run.stderr


def test_the_sources_page_of_a_large_site_sends_no_table_of_contents(tmp_path):
    site = build_large_site(tmp_path)
    pages = [site / "sources" / "index.html", *sorted((site / "sources").glob("*/index.html"))]
    sources = "".join(path.read_text(encoding="utf-8") for path in pages)
    for i in (0, 50):
        assert f'id="story-{i:03d}"' in sources  # every article keeps its heading
        assert f'href="#story-{i:03d}"' not in sources  # but no list of them beside the text or in the menu
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="toc"' in home  # other pages keep theirs
