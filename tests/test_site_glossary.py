"""The glossary and the cross-links in the real site, built with ``mkdocs build --strict``: the
glossary page, tooltip links on the first use of terms, and Related links that land."""
from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, build_site, waiting_until_ready
from worth.glossary import build_glossary, load_glossary
from worth.links import relate_sections
from worth.model import Theme
from worth.pipeline import load_articles
from worth.plan import GATHERING_PAGES, plan_site_map

pytestmark = pytest.mark.build

THEME_PAGES = ("signs", "costs", "letting-go")
REQUIRED_TERMS = (
    "intermittent-reinforcement", "relational-asymmetry", "identity-diffusion", "cognitive-dissonance",
    "attachment-theory", "emotional-labour", "boundaries", "self-concept", "reciprocity",
    "emotional-minimization", "selective-presence",
)


class _Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.text, self.links = tag, attrs, "", []


class _Sections(HTMLParser):
    """A built page's main content cut at each ``<h2>``: per section its id, the links in it
    (with the element they are in, and whether they come after the "Related" label), the blocks
    of text, and every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.sections: list[dict] = [{"id": None, "links": [], "blocks": []}]
        self._in_content = 0
        self._stack: list[str] = []
        self._block: _Element | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self._in_content = 1
            return
        if not self._in_content:
            return
        self._stack.append(tag)
        if tag == "h2":
            self.sections.append({"id": attrs.get("id"), "links": [], "blocks": []})
        if tag in ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6") and self._block is None:
            self._block = _Element(tag, attrs)
            self.sections[-1]["blocks"].append(self._block)
            if tag == "p":  # the "Related" label starts the list; any other paragraph ends it
                self.sections[-1]["related"] = "worth-related" in (attrs.get("class") or "")
        if tag == "a":
            related = self.sections[-1].get("related", False)
            link = {**attrs, "in": self._block.tag if self._block else None, "text": "", "related": related}
            self.sections[-1]["links"].append(link)

    def handle_endtag(self, tag):
        if not self._in_content:
            return
        if tag == "article" and not self._stack:
            self._in_content = 0
            return
        while self._stack:
            top = self._stack.pop()
            if self._block is not None and top == self._block.tag:
                self._block = None
            if top == tag:
                break

    def handle_data(self, data):
        if self._in_content and self._block is not None:
            self._block.text += data
            if self._stack and self._stack[-1] == "a" and self.sections[-1]["links"]:
                self.sections[-1]["links"][-1]["text"] += data


def read(path: Path) -> _Sections:
    page = _Sections()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def resolve(site: Path, page_file: Path, href: str) -> tuple[Path, str]:
    """The built file a relative link from ``page_file`` points to, and its anchor."""
    path, _, anchor = href.partition("#")
    target = (page_file.parent / unquote(path)).resolve() if path else page_file
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, anchor


def assert_lands(site: Path, page_file: Path, href: str) -> tuple[Path, str]:
    assert not re.match(r"^[a-z]+:|^/", href), f"{href} is not relative"
    target, anchor = resolve(site, page_file, href)
    assert target.is_file(), f"{page_file.relative_to(site)}: {href} leads to no page"
    assert anchor and anchor in read(target).ids, f"{page_file.relative_to(site)}: {href} has no such anchor"
    return target, anchor


def plain(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u2019", "'").split())


@pytest.fixture(scope="module")
def glossary_page(built_site) -> tuple[Path, _Sections]:
    path = built_site / "glossary" / "index.html"
    assert path.is_file(), "the site has a glossary page"
    return path, read(path)


def test_the_glossary_defines_at_least_ten_terms_each_with_links_back_to_its_uses(built_site, glossary_page):
    path, page = glossary_page
    entries = [s for s in page.sections if s["id"]]
    assert len(entries) >= 10
    assert set(REQUIRED_TERMS) <= {s["id"] for s in entries}
    for entry in entries:
        definition = [b for b in entry["blocks"] if b.tag in ("p", "blockquote") and "worth-used-in" not in (b.attrs.get("class") or "")]
        assert definition and plain(definition[0].text), f"{entry['id']} has a definition"
        back = [link for link in entry["links"] if link["in"] == "p" and "Used in" not in link["text"]]
        used_in = [b for b in entry["blocks"] if "worth-used-in" in (b.attrs.get("class") or "")]
        assert used_in and back, f"{entry['id']} links back to where it is used"
        for link in back:
            assert_lands(built_site, path, link["href"])


def test_a_term_the_articles_define_quotes_their_sentence_and_cites_it(built_site, glossary_page):
    path, page = glossary_page
    entry = next(s for s in page.sections if s["id"] == "identity-diffusion")
    quote = next(b for b in entry["blocks"] if b.tag == "blockquote")
    assert plain(quote.text).startswith("Psychologists call this identity diffusion")
    target, anchor = assert_lands(built_site, path, next(link for link in entry["links"] if link["text"].strip())["href"])
    section = next(s for s in read(target).sections if s["id"] == anchor)
    assert any("Psychologists call this identity diffusion" in plain(b.text) for b in section["blocks"])


def test_first_uses_of_terms_on_theme_pages_link_to_the_glossary_with_their_definition_as_tooltip(built_site, glossary_page):
    _, glossary = glossary_page
    definitions = {s["id"]: plain(" ".join(b.text for b in s["blocks"])) for s in glossary.sections if s["id"]}
    for name in THEME_PAGES:
        path = built_site / name / "index.html"
        found = 0
        for section in read(path).sections:
            to_glossary = [link for link in section["links"] if "glossary/" in (link.get("href") or "")]
            hrefs = [link["href"] for link in to_glossary]
            assert len(hrefs) == len(set(hrefs)), f"{name}#{section['id']}: a term is linked more than once"
            for link in to_glossary:
                assert link["in"] not in ("h1", "h2", "h3", "h4", "h5", "h6"), f"{name}: a glossary link in a heading"
                _, anchor = assert_lands(built_site, path, link["href"])
                title = plain(link.get("title") or "")
                assert title and title in definitions[anchor], f"{name}: the tooltip of {link['text']!r} is its definition"
                found += 1
        assert found, f"the {name} page links some terms to the glossary"


def test_every_theme_page_section_with_a_related_section_lists_it_and_every_related_link_lands(built_site):
    articles = load_articles(ROOT / "articles", display_root=ROOT).articles
    terms = build_glossary(articles, load_glossary(ROOT / "glossary.yml"))
    related = relate_sections(articles, terms)
    site_map = plan_site_map(articles)
    assert any(key in site_map.places for key in related), "some theme-page section has a related section"
    for name in THEME_PAGES:
        theme = Theme(name)
        path = built_site / name / "index.html"
        order = read(path).sections
        keys = site_map.order[theme]
        for key in keys:
            expected = related.get(key, ())
            if not expected:
                continue
            # Related sections are listed once per run of one article's sections, after its source line.
            run = [k for k in keys if k.article == key.article]
            offered = {site_map.locate(c.target).theme for k in run for c in related.get(k, ())}
            shown = run_end(order, site_map.locate(key).theme.anchor)
            assert shown, f"{name}#{site_map.locate(key).theme.anchor}: its run shows related sections"
            for href in shown:
                target, anchor = assert_lands(built_site, path, href)
                assert any(p.src_uri.removesuffix(".md") == target.parent.name and p.anchor == anchor for p in offered)
                assert target.parent.name != name


@pytest.mark.browser
def test_a_term_shows_its_definition_as_a_tooltip_on_hover_and_on_keyboard_focus(built_site, site_url, page):
    from playwright.sync_api import expect

    path = built_site / "costs" / "index.html"
    first = next(
        link for section in read(path).sections for link in section["links"] if "glossary/" in (link.get("href") or "")
    )
    definition = " ".join(first["title"].split())
    page.goto(site_url + "costs/")
    link = page.locator("article.md-content__inner a", has_text=first["text"]).filter(
        has=page.locator("xpath=self::a[contains(@href, 'glossary/')]")
    ).first
    link.hover()
    tooltip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(re.compile(re.escape(definition[:40])))
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    link.focus()
    expect(tooltip).to_be_visible()
    link.press("Enter")
    expect(page).to_have_url(re.compile(r"/glossary/#" + re.escape(first["href"].partition("#")[2]) + "$"))


@pytest.mark.browser
def test_on_a_phone_a_tap_shows_a_terms_definition_in_place_at_the_size_of_the_text(built_site, site_url, browser):
    from playwright.sync_api import expect

    path = built_site / "costs" / "index.html"
    first = next(
        link for section in read(path).sections for link in section["links"] if "glossary/" in (link.get("href") or "")
    )
    definition = " ".join(first["title"].split())
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = waiting_until_ready(context.new_page())
        page.goto(site_url + "costs/")
        link = page.locator("article.md-content__inner a", has_text=first["text"]).filter(
            has=page.locator("xpath=self::a[contains(@href, 'glossary/')]")
        ).first
        link.scroll_into_view_if_needed()
        link.tap()
        tooltip = page.locator(f"#{link.get_attribute('aria-describedby')}")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_have_text(re.compile(re.escape(definition[:40])))
        expect(page).to_have_url(site_url + "costs/")  # still on the page she was reading
        sizes = page.evaluate(
            """(id) => [parseFloat(getComputedStyle(document.querySelector('#' + id + ' .md-tooltip2__inner')).fontSize),
                        parseFloat(getComputedStyle(document.querySelector('article.md-content__inner p')).fontSize)]""",
            link.get_attribute("aria-describedby"),
        )
        assert sizes[0] >= sizes[1], f"tooltip text {sizes[0]}px is smaller than the body text {sizes[1]}px"
        link.tap()  # a second tap opens the entry
        expect(page).to_have_url(re.compile(r"/glossary/#" + re.escape(first["href"].partition("#")[2]) + "$"))
    finally:
        context.close()


def project_with(tmp_path: Path, front_matter: str) -> Path:
    """A copy of the project whose let-him-go article starts with ``front_matter``."""
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns(".git", "site", "dist", "__pycache__", "node_modules", "tests", "benchmarks")
    shutil.copytree(ROOT, root, ignore=ignore)
    article = root / "articles" / "let-him-go.txt"
    article.write_text(f"---\n{front_matter.strip()}\n---\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def run_end(sections: list[dict], anchor: str) -> list[str]:
    """The related links after the run of sections that ``anchor`` belongs to: those of the first
    section from it on that carries the run's source line (a link to an article page)."""
    start = next(i for i, s in enumerate(sections) if s["id"] == anchor)
    for section in sections[start:]:
        if any("articles/" in (link.get("href") or "") for link in section["links"]):
            return [link["href"] for link in section["links"] if link["related"]]
    return []


def related_on(site: Path, page: str, anchor: str) -> list[str]:
    return run_end(read(site / page / "index.html").sections, anchor)


def test_an_editor_adds_and_removes_related_links_in_front_matter(tmp_path, built_site):
    before = related_on(built_site, "signs", "absence-of-reciprocity")
    assert "../letting-go/#choosing-yourself-changes-the-ending" in before
    root = project_with(tmp_path, """
related:
  Absence of reciprocity:
    add: ["Why it's hard but worth it"]
    remove: [Choosing Yourself Changes the Ending]
""")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode == 0, run.stderr[-2000:]
    after = related_on(tmp_path / "site", "signs", "absence-of-reciprocity")
    assert "../letting-go/#why-its-hard-but-worth-it" in after
    assert "../letting-go/#choosing-yourself-changes-the-ending" not in after


def test_a_related_heading_that_matches_no_section_stops_the_build_with_one_clear_line(tmp_path):
    root = project_with(tmp_path, """
related:
  Absence of Reciprocity:
    add: [The Hook of Intermittent Reinforcment]
""")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    [line] = [ln for ln in run.stderr.splitlines() if "Reinforcment" in ln]
    assert "articles/let-him-go.txt" in line and '"The Hook of Intermittent Reinforcment"' in line


def test_theme_pages_end_with_links_to_each_other_in_reading_order_and_the_home_page_links_to_all(built_site):
    order = ["signs", "costs", "letting-go"]
    for index, name in enumerate(order):
        path = built_site / name / "index.html"
        last = read(path).sections[-1]
        ending = [link for link in last["links"] if not link["related"] and "glossary/" not in link["href"]][-2:]
        wanted = ([f"../{order[index - 1]}/"] if index > 0 else []) + ([f"../{order[index + 1]}/"] if index + 1 < len(order) else [])
        assert [link["href"] for link in ending][-len(wanted):] == wanted, f"{name} ends with links to {wanted}"
        for href in wanted:
            assert resolve(built_site, path, href)[0].is_file()
    home = [link["href"] for section in read(built_site / "index.html").sections for link in section["links"]]
    assert all(f"{name}/" in home for name in order)
