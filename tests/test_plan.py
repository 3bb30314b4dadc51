"""Page planning, without MkDocs: which sections go where, their anchors and the links between them.

Pages are rendered with real Python-Markdown (the site's extensions) to check what a reader gets.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.model import Article, Block, BlockKind, NoiseLine, Section, SectionKey, Theme
from worth.plan import (
    GATHERING_PAGES,
    PageExtras,
    THEME_PAGES,
    card_summary,
    stands_alone,
    display_date,
    plan_pages,
    plan_site_map,
    reading_minutes,
    relative_link,
)
from worth.links import CrossLink
from worth.render import InlineLink, shown_text
from worth.settings import Settings

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "toc"]
SETTINGS = Settings(articles_dir=Path("articles"))


def para(text: str, line: int = 1) -> Block:
    return Block(BlockKind.PARAGRAPH, (text,), line)


def section(heading, theme, *texts, anchor, level=2, part=None, blocks=()) -> Section:
    return Section(heading, level, theme, tuple(blocks) or tuple(para(t) for t in texts), 1, anchor, part)


def article(slug, title, *sections, date=None, **more) -> Article:
    return Article(slug=slug, source=f"articles/{slug}.txt", title=title, sections=tuple(sections), date=date, **more)


# Two small articles with a part each, a shared anchor ("the-gut-test") and an introduction.
LATER = article(
    "later",
    "Later article",
    section(None, Theme.OTHER, "Later opens here with a story.", anchor="start"),
    section("Red flags", Theme.SIGNS, "Later lists red flags on their own.", anchor="red-flags"),
    section("Signs", Theme.SIGNS, "Later's signs part begins with these words about you.", anchor="signs"),
    section("The Gut Test", Theme.SIGNS, "Later says trust the gut.", anchor="the-gut-test", level=3, part="signs"),
    section("Costs", Theme.COSTS, "Later says staying costs a great deal of your own energy.", anchor="costs"),
    date="2026-02-01",
)
EARLIER = article(
    "earlier",
    "Earlier <b>article</b>",
    section("Signs he doesn't see you", Theme.SIGNS, "Earlier's signs intro speaks about what you may notice.", anchor="signs"),
    section("Minimising", Theme.SIGNS, "Earlier says feelings are minimised.", anchor="minimising", level=3, part="signs"),
    section("The Gut Test", Theme.SIGNS, "Earlier says listen to the gut.", anchor="the-gut-test", level=3, part="signs"),
    section("Letting go", Theme.LETTING_GO, "Earlier says leaving frees a lot of your time and energy.", anchor="letting-go"),
    section("Final thoughts", Theme.OTHER, "Earlier ends here.", anchor="final-thoughts"),
    date="2025-06-30",
    author="A. Writer",
    source_url="https://example.com/earlier",
    noise=(NoiseLine(3, "Share this <b>now</b>", "share-buttons"),),
)
ARTICLES = (LATER, EARLIER)


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._heading: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], attrs))
        if tag in ("h1", "h2", "h3"):
            self._heading = attrs.get("id", "")
            self.headings.append((tag, ""))

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3"):
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def front_matter(content: str) -> tuple[dict, str]:
    """The YAML front matter of a page (as MkDocs reads it) and the Markdown after it."""
    if not content.startswith("---\n"):
        return {}, content
    head, _, body = content[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def rendered(pages, src_uri) -> _Html:
    _meta, content = front_matter({p.src_uri: p.content for p in pages}[src_uri])
    out = _Html()
    out.feed(markdown.markdown(content, extensions=EXTENSIONS))
    return out


def page_text(pages, src_uri) -> str:
    return " ".join("".join(rendered(pages, src_uri).text).split())


@pytest.fixture(scope="module")
def pages():
    return plan_pages(ARTICLES)


def test_every_page_is_planned_at_a_stable_path(pages):
    assert [p.src_uri for p in pages] == [
        "articles/index.md", "sources.md", "articles/later.md", "articles/earlier.md",
        "index.md", "signs.md", "costs.md", "letting-go.md", "more.md",
    ]


def test_every_sentence_is_on_its_article_page_and_on_exactly_one_gathering_page(pages):
    gathering = [p.src_uri for p in GATHERING_PAGES.values()]
    for art in ARTICLES:
        for sec in art.sections:
            for text in sec.paragraphs:
                assert text in page_text(pages, f"articles/{art.slug}.md")
                found_on = [uri for uri in gathering if text in page_text(pages, uri)]
                assert found_on == [GATHERING_PAGES[sec.theme].src_uri], text


def test_a_theme_page_keeps_each_part_introduction_with_its_list_oldest_article_first(pages):
    headings = [text for tag, text in rendered(pages, "signs.md").headings if tag == "h2"]
    assert headings == [
        "Signs he doesn't see you",  # earlier's part introduction (2025)
        "Minimising",  # ... and its own list, before any other article's
        "The Gut Test",
        "Signs",  # later's part introduction (2026)
        "The Gut Test",  # later's
        "Red flags",  # a section standing alone comes after the parts, though it opens its article
    ]


def test_a_run_of_one_articles_sections_has_one_source_line(pages):
    text = page_text(pages, "signs.md")
    # earlier's three signs sections read as one passage, then later's three (its part, then
    # its red flags, which follow on the page)
    assert text.count("From Earlier <b>article</b>") == 1
    assert text.count("From Later article") == 1
    links = [href for href, _ in rendered(pages, "signs.md").links if href.startswith("articles/")]
    assert links[:2] == ["articles/earlier.md#signs", "articles/later.md#signs"]  # where each run begins


def test_anchors_on_a_gathering_page_are_unique_and_readable():
    site_map = plan_site_map(ARTICLES)
    signs = [site_map.locate(k).theme.anchor for k in site_map.order[Theme.SIGNS]]
    assert signs == ["earlier-signs", "minimising", "earlier-the-gut-test", "later-signs", "later-the-gut-test", "red-flags"]
    assert site_map.locate(SectionKey("earlier", "letting-go")).theme.anchor == "letting-go"


def test_the_site_map_is_the_same_whatever_order_the_articles_come_in():
    assert plan_site_map(ARTICLES) == plan_site_map(tuple(reversed(ARTICLES)))


def test_each_section_cites_its_article_at_the_same_passage(pages):
    theme = rendered(pages, "signs.md")
    citations = [href for href, _ in theme.links if href.startswith("articles/")]
    # one citation per run of an article's sections, at the passage where the run begins
    assert citations == ["articles/earlier.md#signs", "articles/later.md#signs"]
    for href in citations:
        target, anchor = href.split("#")
        assert anchor in rendered(pages, target).ids, href
    assert "From Earlier <b>article</b>" in page_text(pages, "signs.md")


def test_each_article_section_links_to_the_page_where_it_also_appears(pages):
    art = rendered(pages, "articles/earlier.md")
    also = [href for href, _ in art.links if href.startswith("../")]
    assert also == [
        "../signs.md#earlier-signs",
        "../signs.md#minimising",
        "../signs.md#earlier-the-gut-test",
        "../letting-go.md#letting-go",
        "../more.md#final-thoughts",
    ]
    for href in also:
        target, anchor = href[3:].split("#")
        assert anchor in rendered(pages, target).ids, href


def test_an_article_page_keeps_the_original_order_and_levels(pages):
    art = rendered(pages, "articles/earlier.md")
    assert art.headings == [
        ("h1", "Earlier <b>article</b>"),
        ("h2", "Signs he doesn't see you"),
        ("h3", "Minimising"),
        ("h3", "The Gut Test"),
        ("h2", "Letting go"),
        ("h2", "Final thoughts"),
    ]
    assert "By A. Writer · 30 June 2025" in page_text(pages, "articles/earlier.md")


def test_an_article_page_title_reaches_the_theme_as_text_not_markup():
    risky = article("risky", "Why </title><script>alert(1)</script> & <b>more</b>", section("S", Theme.COSTS, "Words.", anchor="s"))
    meta, _ = front_matter({p.src_uri: p.content for p in plan_pages((risky,))}["articles/risky.md"])
    # The theme writes the title into <title> as it is: it must already be HTML text.
    assert meta["title"] == "Why &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;"


def test_text_before_the_first_heading_keeps_an_anchor_for_citations(pages):
    assert "start" in rendered(pages, "articles/later.md").ids
    assert "articles/later.md#start" in [href for href, _ in rendered(pages, "more.md").links]
    # On the gathering page it is headed by the article's title.
    assert ("h2", "Later article") in rendered(pages, "more.md").headings


def test_the_home_page_has_three_cards_drawn_from_the_sections_and_every_article(pages):
    home = rendered(pages, "index.md")
    hrefs = [href for href, _ in home.links]
    assert hrefs[:3] == [p.src_uri for p in THEME_PAGES]
    text = page_text(pages, "index.md")
    assert "Later says staying costs a great deal of your own energy." in text
    assert "Earlier's signs intro speaks about what you may notice." in text
    assert hrefs.index("articles/earlier.md") < hrefs.index("articles/later.md")
    assert "30 June 2025 · 1 min read" in text


def test_home_cards_are_grid_cards(pages):
    content = {p.src_uri: p.content for p in pages}["index.md"]
    html = markdown.markdown(content, extensions=EXTENSIONS)
    assert '<div class="grid cards">' in html
    assert html.count("<li>") == 3 + len(ARTICLES)


def test_sources_list_metadata_and_the_noise_dropped_collapsed(pages):
    content = {p.src_uri: p.content for p in pages}["sources.md"]
    html = markdown.markdown(content, extensions=EXTENSIONS)
    text = page_text(pages, "sources.md")
    assert "Author: A. Writer" in text and "Date: 30 June 2025" in text and "Words: " in text
    # the source address is shown as text to copy, not a link out of the site
    assert "Source: https://example.com/earlier" in text and "https://example.com/earlier" not in " ".join(h for h, _ in rendered(pages, "sources.md").links)
    assert "<details" in html and "Left out as noise: 1 line" in text
    assert "Line 3: Share this <b>now</b> (share-buttons)" in text
    assert "Nothing was left out as noise." in text  # the later article


def test_a_source_address_that_is_not_http_is_shown_as_text_not_a_link():
    risky = article("risky", "Risky", section("Costs", Theme.COSTS, "Words.", anchor="costs"), source_url="javascript:alert(1)")
    pages = plan_pages((risky,))
    assert not [h for h, _ in rendered(pages, "sources.md").links if h.startswith("javascript")]
    assert "javascript:alert(1)" in page_text(pages, "sources.md")


def test_no_articles_gives_plain_empty_states():
    pages = plan_pages(())
    assert "There are no articles yet." in page_text(pages, "index.md")
    assert "No article has a part about this yet." in page_text(pages, "costs.md")


def test_related_sections_are_linked_at_the_end_of_a_theme_page_section():
    minimising, costs, letting_go = SectionKey("earlier", "minimising"), SectionKey("later", "costs"), SectionKey("earlier", "letting-go")
    extras = PageExtras(related={minimising: (CrossLink(minimising, costs, 0.4), CrossLink(minimising, letting_go, 0.2))})
    pages = plan_pages(ARTICLES, extras=extras)
    links = [href for href, _ in rendered(pages, "signs.md").links]
    assert links.index("costs.md#costs") == links.index("letting-go.md#letting-go") - 1
    assert links.index("articles/earlier.md#signs") < links.index("costs.md#costs")  # after the run's citation
    # each named once: a section named like its page shows the name once, others name their page
    assert "Related: Costs, in The cost of staying Letting go, in Why letting go helps" in page_text(pages, "signs.md")


def test_term_links_are_added_on_both_pages_of_a_section_relative_to_each_page():
    links = {}
    for article in ARTICLES:
        for section in article.sections:
            blocks = []
            for block in section.blocks:
                lines = []
                for text in block.lines:
                    start = text.find("gut")
                    lines.append((InlineLink(start, start + 3, "glossary.md#gut", "Your inner sense"),) if start >= 0 else ())
                blocks.append(tuple(lines))
            links[SectionKey(article.slug, section.anchor)] = tuple(blocks)

    pages = plan_pages(ARTICLES, extras=PageExtras(term_links=links))
    assert ("glossary.md#gut", {"href": "glossary.md#gut", "title": "Your inner sense"}) in rendered(pages, "signs.md").links
    assert "../glossary.md#gut" in [h for h, _ in rendered(pages, "articles/later.md").links]


def test_the_signs_block_sits_after_the_signs_introduction():
    pages = plan_pages(ARTICLES, extras=PageExtras(signs_block="## Which signs? { #checklist }"))
    headings = rendered(pages, "signs.md").headings
    assert headings[1] == ("h2", "Which signs?")


def test_the_home_page_leads_to_the_checklist_only_when_there_is_one():
    with_checklist = plan_pages(ARTICLES, extras=PageExtras(signs_block="## Which signs? { #checklist }"))
    assert "signs.md#checklist" in [h for h, _ in rendered(with_checklist, "index.md").links]
    without = plan_pages(ARTICLES)
    assert not any(h.endswith("#checklist") for h, _ in rendered(without, "index.md").links)


@pytest.mark.parametrize(
    ("words", "minutes"), [(1, 1), (200, 1), (201, 2), (2186, 11)]
)
def test_reading_time_rounds_up_to_whole_minutes(words, minutes):
    art = article("a", "A", section("S", Theme.COSTS, " ".join(["word"] * (words - 1)), anchor="s", level=2))
    assert reading_minutes(art) == minutes


def test_dates_read_plainly():
    assert display_date("2026-02-01") == "1 February 2026"
    assert display_date("sometime") == "sometime"
    assert display_date(None) == ""


def test_card_summary_takes_a_whole_sentence_of_some_length():
    sections = [section("S", Theme.COSTS, "Short one. This sentence has at least eight words in it, so it is used.", anchor="s")]
    assert card_summary(sections) == "This sentence has at least eight words in it, so it is used."
    long = [section("S", Theme.COSTS, "word " * 100, anchor="s")]
    assert card_summary(long).endswith("…") and len(card_summary(long)) <= 181


def test_card_summary_skips_sentences_that_lean_on_what_came_before_and_quotes_exactly():
    text = (
        "Here's the thing I keep coming back to, again and again, every single day. "
        "Let's get practical for a moment and look at what it costs you. "
        "This is where the small jabs add up over many months and years. "
        "The image of her walking away shows what strength can look like in the end. "
        "Staying with someone who dismisses you slowly wears down your sense of who you are."
    )
    sections = [section("S", Theme.COSTS, text, anchor="s")]
    assert card_summary(sections) == "Staying with someone who dismisses you slowly wears down your sense of who you are."
    assert not stands_alone("Why do we stay with people who make us feel small and unseen?")


def test_relative_links_between_pages():
    assert relative_link("articles/a.md", "costs.md") == "../costs.md"
    assert relative_link("costs.md", "articles/a.md") == "articles/a.md"
    assert relative_link("articles/index.md", "articles/a.md") == "a.md"
    assert posixpath.normpath(posixpath.join("articles", relative_link("articles/a.md", "sources.md"))) == "sources.md"


@st.composite
def articles_strategy(draw):
    """A few articles of random shape: parts with subsections, loose sections, text before the
    first heading, any theme, repeated headings, and text full of markup characters."""
    tricky = st.text(alphabet=st.sampled_from(list("ab #*_[]()<>&;{}!?:-=|`\\")), max_size=12)
    counter = iter(range(10_000))
    out = []
    for n in range(draw(st.integers(1, 3))):
        sections = []
        if draw(st.booleans()):
            sections.append(section(None, draw(st.sampled_from(Theme)), f"w{next(counter)} {draw(tricky)}", anchor="start"))
        part = None
        for i in range(draw(st.integers(1, 5))):
            level = draw(st.sampled_from([2, 3])) if part else 2
            heading = draw(st.sampled_from(["Signs", "The Gut Test", "Costs", f"Part {i}"]))
            anchor = f"s{i}"
            texts = [f"w{next(counter)} {draw(tricky)}" for _ in range(draw(st.integers(1, 3)))]
            sections.append(section(heading, draw(st.sampled_from(Theme)), *texts, anchor=anchor, level=level, part=part if level == 3 else None))
            if level == 2:
                part = anchor
        out.append(article(f"a{n}", f"Title {n} {draw(tricky)}", *sections, date=draw(st.sampled_from([None, "2025-01-01", "2026-03-04"]))))
    return tuple(out)


@settings(max_examples=40, deadline=None)
@given(articles_strategy())
def test_any_articles_every_text_on_its_article_page_and_one_gathering_page_and_citations_land(articles):
    pages = plan_pages(articles)
    gathering = {p.src_uri: page_text(pages, p.src_uri) for p in GATHERING_PAGES.values()}
    ids = {p.src_uri: set(rendered(pages, p.src_uri).ids) for p in pages}
    for art in articles:
        art_page = f"articles/{art.slug}.md"
        art_text = page_text(pages, art_page)
        for sec in art.sections:
            for text in sec.paragraphs:
                token = text.split()[0]  # unique per text
                assert " ".join(shown_text(text).split()) in art_text  # but a backslash escaping a letter
                assert [uri for uri, page in gathering.items() if f"{token} " in page + " "] == [GATHERING_PAGES[sec.theme].src_uri]
    for page in pages:
        for href, _ in rendered(pages, page.src_uri).links:
            if "#" in href and not href.startswith("http"):
                target, anchor = href.split("#")
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), target)) if target else page.src_uri
                assert anchor in ids[target], (page.src_uri, href)


def test_openings_come_before_closing_thoughts_whatever_the_article_order(pages):
    headings = [text for tag, text in rendered(pages, "more.md").headings if tag == "h2"]
    # The earlier article's conclusion would come first in article order alone.
    assert headings == ["Later article", "Final thoughts"]
