"""With many articles the site stays readable: a theme page shows its first sections in full and
lists the rest in brief, one line per article, and every link to a section still lands on an
anchor that exists. Pages are rendered with real Python-Markdown (the site's extensions).
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import markdown

from worth.model import Article, Block, BlockKind, Section, SectionKey, Theme
from worth.plan import (
    ARTICLES_PER_PAGE,
    BRIEF_ARTICLES,
    FULL_SECTIONS,
    HOME_ARTICLES,
    SOURCES_PER_PAGE,
    SOURCES_TOC_LIMIT,
    list_pages,
    plan_pages,
    plan_site_map,
)
from worth.settings import Settings

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "toc"]
SETTINGS = Settings(articles_dir=Path("articles"))


def many_articles(count: int) -> tuple[Article, ...]:
    """``count`` articles, each with two sections on the costs of staying (same headings, so the
    gathering page must tell their anchors apart) and an opening of no theme."""
    out = []
    for i in range(count):
        text = f"Article {i} says staying costs you sleep, and words {i} more words."
        sections = (
            Section(None, 2, Theme.OTHER, (Block(BlockKind.PARAGRAPH, (f"Opening of article {i}.",), 2),), 2, "start"),
            Section("The cost", 2, Theme.COSTS, (Block(BlockKind.PARAGRAPH, (text,), 4),), 3, "the-cost"),
            Section("Slow erosion", 2, Theme.COSTS, (Block(BlockKind.PARAGRAPH, (f"Erosion {i}.",), 6),), 5, "slow-erosion"),
        )
        out.append(Article(slug=f"a{i:03d}", source=f"articles/a{i:03d}.txt", title=f"Article number {i}", sections=sections))
    return tuple(out)


def rendered_ids(md_text: str) -> set[str]:
    html = markdown.markdown(md_text.split("\n---\n", 1)[-1] if md_text.startswith("---\n") else md_text, extensions=EXTENSIONS)
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_a_theme_page_with_many_articles_shows_some_sections_in_full_and_the_rest_in_brief():
    articles = many_articles(100)  # 200 sections on the costs page
    pages = {p.src_uri: p.content for p in plan_pages(articles)}
    costs = pages["costs.md"]
    full = costs.split("More, in brief")[0]
    assert full.count("says staying costs you sleep") + full.count("Erosion ") == FULL_SECTIONS
    brief = costs.split("More, in brief")[1]
    # one line per article past the sections in full, naming its headings
    lines = [ln for ln in brief.splitlines() if ln.startswith("- ")]
    first_brief_article = FULL_SECTIONS // 2
    assert len(lines) == min(100 - first_brief_article, BRIEF_ARTICLES)
    last = first_brief_article + len(lines) - 1
    assert f"Article number {last}" in lines[-1] and "The cost · Slow erosion" in lines[-1]
    # the page does not grow with every article's text
    assert "Article 99 says staying costs you sleep" not in costs


def test_every_link_to_a_section_lands_on_an_anchor_of_its_theme_page():
    articles = many_articles(60)
    site_map = plan_site_map(articles)
    pages = {p.src_uri: p.content for p in plan_pages(articles, site_map=site_map)}
    ids = {uri: rendered_ids(text) for uri, text in pages.items()}
    for article in articles:
        for section in article.sections:
            place = site_map.locate(SectionKey(article.slug, section.anchor)).theme
            assert place.anchor in ids[place.src_uri], f"{place.src_uri}#{place.anchor} is not on the page"
    # and the links written on the article pages resolve as well
    for uri, text in pages.items():
        if not uri.startswith("articles/a"):
            continue
        for target in re.findall(r"\]\(<([^>#]+\.md)#([^>]+)>\)", text):
            page = posixpath.normpath(posixpath.join(posixpath.dirname(uri), target[0]))
            assert target[1] in ids[page], f"{uri} links to {page}#{target[1]}, which does not exist"


def test_a_small_site_shows_every_section_in_full():
    articles = many_articles(5)
    costs = {p.src_uri: p.content for p in plan_pages(articles)}["costs.md"]
    assert "More, in brief" not in costs
    assert all(f"Article {i} says staying costs you sleep" in costs for i in range(5))


def test_the_sources_page_of_many_articles_goes_without_a_table_of_contents_that_repeats_them():
    few = {p.src_uri: p.content for p in plan_pages(many_articles(3))}["sources.md"]
    pages = {p.src_uri: p.content for p in plan_pages(many_articles(SOURCES_TOC_LIMIT + 1))}
    many = [text for uri, text in pages.items() if uri == "sources.md" or uri.startswith("sources/")]
    assert "hide:" not in few  # a short list keeps its table of contents
    assert all(text.startswith("---\nhide:\n  - toc\n") for text in many)
    # every article keeps its heading, for find and for links to it
    assert {f"a{i:03d}" for i in range(SOURCES_TOC_LIMIT + 1)} <= set().union(*map(rendered_ids, many))


def test_past_a_hundred_articles_in_brief_the_rest_are_counted_and_their_links_still_land():
    articles = many_articles(300)
    site_map = plan_site_map(articles)
    pages = {p.src_uri: p.content for p in plan_pages(articles, site_map=site_map)}
    costs = pages["costs.md"]
    brief = costs.split("More, in brief")[1]
    assert len([ln for ln in brief.splitlines() if ln.startswith("- ")]) == BRIEF_ARTICLES
    assert f"And sections from {300 - FULL_SECTIONS // 2 - BRIEF_ARTICLES} more articles" in brief
    last = site_map.locate(SectionKey("a299", "the-cost")).theme
    assert last.src_uri == "costs.md" and last.anchor in rendered_ids(costs)


def test_long_lists_are_cut_into_pages_that_link_to_each_other_and_the_home_page_lists_the_newest():
    articles = tuple(
        Article(slug=a.slug, source=a.source, title=a.title, sections=a.sections, date=f"2025-01-{1 + i % 28:02d}")
        for i, a in enumerate(many_articles(450))
    )
    pages = {p.src_uri: p.content for p in plan_pages(articles)}
    index_pages = list_pages("articles/index.md", "articles/pages", 450, ARTICLES_PER_PAGE)
    assert index_pages == ["articles/index.md", *(f"articles/pages/{n}.md" for n in range(2, 6))]
    listed = [line for uri in index_pages for line in pages[uri].splitlines() if line.startswith("- [")]
    assert len(listed) == 450  # every article, once
    assert "[3](<3.md>)" in pages["articles/pages/2.md"] and "[1](<../index.md>)" in pages["articles/pages/2.md"]
    source_pages = [uri for uri in pages if uri == "sources.md" or uri.startswith("sources/")]
    assert len(source_pages) == -(-450 // SOURCES_PER_PAGE)
    assert sum(pages[uri].count("Read it:") for uri in source_pages) == 450
    # Each sources page holds at most 50 articles (each with its list of dropped lines): at 100
    # a page its first paint and the theme's script on it took long enough on a slow phone to
    # cost it points in Lighthouse.
    assert SOURCES_PER_PAGE <= 50
    # Likewise the articles index: at 200 a page its long list, drawn in full, cost it points in
    # Lighthouse's blocking time on a slow phone at 1,000 articles; at 100, none.
    assert ARTICLES_PER_PAGE <= 100
    assert max(sum(line.startswith("- [") for line in pages[uri].splitlines()) for uri in index_pages) == ARTICLES_PER_PAGE
    assert max(pages[uri].count("Read it:") for uri in source_pages) == SOURCES_PER_PAGE
    home = pages["index.md"]
    assert len([line for line in home.splitlines() if line.startswith("- [")]) == HOME_ARTICLES
    assert "2025-01-28" not in home and "28 January 2025" in home  # the newest come first
