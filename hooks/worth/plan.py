"""Plan the site's generated pages from articles.

    plan_site_map(articles)           -> SiteMap      (where every section appears)
    plan_pages(articles, extras=...)  -> PageSpec[]   (Markdown for every page)

The pages (their paths are stable: other pages and editors link to them):

- ``index.md``: what the site is for, a card per theme, the list of articles.
- ``costs.md``, ``signs.md``, ``letting-go.md``: every section of that theme from every article:
  openings, then each article's parts (a part's introduction followed by its own subsections, as
  one run), then sections that stand alone, each group in article order (date, then slug) and
  each article's sections in their original order (``gathered``). A run of one article's sections
  ends with one source line. Every section cites its
  article, linked to the same passage on the article page, and lists related sections.
- ``more.md``: the sections of no theme (introductions, conclusions), in the same order. So every
  sentence of an article is on its article page and on exactly one of these four pages (past
  ``FULL_SECTIONS`` sections a page lists the rest in brief, linking to their article pages).
- ``articles/index.md`` and ``articles/<slug>.md``: every article whole, in its original order,
  each section linking to the page where it also appears. Article pages are kept out of the
  global nav (``not_in_nav`` in mkdocs.yml) so the nav stays small however many articles there are.
- ``sources.md``: every article's metadata and what was dropped as noise, for editors.

Anchors are explicit (``{ #id }``), so they do not depend on MkDocs' heading slugger. On an article
page a section's anchor is ``Section.anchor``. On a gathering page it is the same anchor, unless
another article's section on that page has it too: then all of them get ``<article-slug>-<anchor>``.
"""
from __future__ import annotations

import functools
import math
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Iterable, Mapping, Protocol, Sequence

from .model import Article, PageSpec, Section, SectionKey, Theme
from .render import InlineLink, escape_text, front_matter, render_blocks, render_heading
from .text import loose_heading, sentences, unique_slug

WORDS_PER_MINUTE = 200

HOME_PAGE = "index.md"
ARTICLES_INDEX = "articles/index.md"
SOURCES_PAGE = "sources.md"
SAFETY_PAGE = "staying-safe.md"  # hand-written, in docs/: the theme pages link to it
CHECKLIST_INVITE = "Tick the signs you recognise, privately"
GLOSSARY_PAGE = "glossary.md"


@dataclass(frozen=True)
class GatheringPage:
    """A page that gathers the sections of one theme from all articles: where it lives, its
    title, the project's one-line introduction, and what it says when no article has such a part."""

    theme: Theme
    src_uri: str
    title: str
    intro: str
    empty: str


# In the order they appear on the home page and in the nav: the reading order (READING_ORDER).
THEME_PAGES: tuple[GatheringPage, ...] = (
    GatheringPage(
        Theme.SIGNS,
        "signs.md",
        "Signs he doesn't see your worth",
        "Signs you may recognise, in the words of the articles.",
        "No article has a part about this yet.",
    ),
    GatheringPage(
        Theme.COSTS,
        "costs.md",
        "The cost of staying",
        "What staying with someone who does not value you can cost, in the words of the articles.",
        "No article has a part about this yet.",
    ),
    GatheringPage(
        Theme.LETTING_GO,
        "letting-go.md",
        "Why letting go helps",
        "Why letting go can help, in the words of the articles.",
        "No article has a part about this yet.",
    ),
)
OTHER_PAGE = GatheringPage(
    Theme.OTHER,
    "more.md",
    "Openings and closing thoughts",
    "How each article begins and ends, and its other parts that are not about one theme.",
    "There is nothing here yet.",
)
GATHERING_PAGES: Mapping[Theme, GatheringPage] = MappingProxyType({p.theme: p for p in (*THEME_PAGES, OTHER_PAGE)})
# The order a reader follows from page to page: recognising the signs, what staying costs, then
# why letting go helps. Each theme page ends with links to the pages before and after it.
READING_ORDER: tuple[Theme, ...] = (Theme.SIGNS, Theme.COSTS, Theme.LETTING_GO)

HOME_INTRO = (
    "This site gathers articles about relationships in which a person is not valued. "
    "You may recognise some of what they describe. "
    "Read at your own pace: the articles' words are kept as their authors wrote them."
)


# ---------------------------------------------------------------------------------------------
# Where every section appears


@dataclass(frozen=True)
class Place:
    """A passage of the site: the page (``src_uri`` under docs, e.g. ``costs.md``) and the anchor."""

    src_uri: str
    anchor: str

    def link_from(self, src_uri: str) -> str:
        """A Markdown link target to this place from the page ``src_uri`` (``../costs.md#x``)."""
        return f"{relative_link(src_uri, self.src_uri)}#{self.anchor}"


@dataclass(frozen=True)
class SectionPlaces:
    """Where one section appears: on its article page and on its theme page (``more.md`` for
    sections of no theme)."""

    article: Place
    theme: Place


@dataclass(frozen=True)
class SiteMap:
    """Every section of every article (by ``SectionKey``) and the two places it appears.

    ``order`` lists, per gathering page's theme, the keys in the order they appear on it.
    """

    places: Mapping[SectionKey, SectionPlaces]
    order: Mapping[Theme, tuple[SectionKey, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @functools.cached_property
    def _by_pair(self) -> Mapping[tuple[str, str], SectionPlaces]:
        # ``places`` by (article slug, anchor), made on first use, for article pages: each looks
        # up all its sections, and a SectionKey made anew compares with the stored one in Python
        # (its dataclass ``__eq__``), a tuple in C.
        return {(key.article, key.anchor): at for key, at in self.places.items()}

    def _theme_place(self, article: str, anchor: str) -> Place:
        """``locate(SectionKey(article, anchor)).theme``, found by ``_by_pair``."""
        at = self._by_pair.get((article, anchor))
        if at is None:
            return self.locate(SectionKey(article, anchor)).theme  # raises the KeyError ``locate`` does
        return at.theme

    def locate(self, key: SectionKey) -> SectionPlaces:
        """The places of a section; ``KeyError`` for a section no article has."""
        return self.places[key]

    def theme_link(self, key: SectionKey, *, from_page: str) -> str:
        """A link target from ``from_page`` to the section on its theme (or ``more.md``) page."""
        return self.places[key].theme.link_from(from_page)


def relative_link(from_src_uri: str, to_src_uri: str) -> str:
    """The relative path between two pages' source paths, as MkDocs wants in Markdown links."""
    if from_src_uri == to_src_uri:
        return posixpath.basename(to_src_uri)
    plain = _plain_relative_link(from_src_uri, to_src_uri)
    return plain if plain is not None else posixpath.relpath(to_src_uri, posixpath.dirname(from_src_uri) or ".")


@functools.lru_cache(maxsize=1024)
def _plain_relative_link(from_src_uri: str, to_src_uri: str) -> str | None:
    """What ``posixpath.relpath`` gives between the two pages' folders when both paths are plain
    (see ``_plain_parts``), without its two calls asking the system for the working directory;
    None for other paths. Cached: each section of an article page links to one of four pages."""
    source, target = _plain_parts(from_src_uri), _plain_parts(to_src_uri)
    if source is None or target is None:
        return None
    folder = source[:-1]
    common = 0
    for mine, theirs in zip(folder, target):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(folder) - common) + target[common:]) or "."


def _plain_parts(path: str) -> list[str] | None:
    """The folders and name of a relative path with no ``.``, ``..`` or empty parts (as page
    source paths are); None for any other path."""
    parts = path.split("/")
    return None if "" in parts or "." in parts or ".." in parts else parts


def article_src_uri(article: Article) -> str:
    return f"articles/{article.slug}.md"


def reading_order(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Articles in the order gathering pages follow: dated ones oldest first, then undated, by slug."""
    return tuple(sorted(articles, key=lambda a: (a.date is None, a.date or "", a.slug)))


def _part_anchors(article: Article) -> set[str | None]:
    return {s.part for s in article.sections}


def _group(section: Section, parts: set[str | None]) -> int:
    # Openings first (text before an article's first heading), then each article's parts, the
    # part's introduction followed by its own subsections as one run (never another article's
    # between them), then the sections that stand alone.
    if section.heading is None:
        return 0
    if section.anchor in parts or section.part:
        return 1
    return 3


def _gathered(articles: Sequence[Article], themes: Sequence[Theme]) -> list[tuple[tuple[Article, Section], ...]]:
    """``gathered`` for each of ``themes`` (all different) at once: the articles sorted once,
    each article's part anchors found once, and each section appended to its group as met (the
    order a stable sort by group of the sections in reading order gives)."""
    # Keyed by identity: a section is gathered under a theme its own theme *is*.
    groups: dict[int, tuple[list[tuple[Article, Section]], ...]] = {id(theme): ([], [], [], []) for theme in themes}
    for article in reading_order(articles):
        parts = _part_anchors(article)
        for section in article.sections:
            in_groups = groups.get(id(section.theme))
            if in_groups is not None:
                in_groups[_group(section, parts)].append((article, section))
    return [tuple(entry for group in in_groups for entry in group) for in_groups in groups.values()]


# A gathering page shows its first FULL_SECTIONS sections in full and lists the rest "in brief",
# one line per article linking to where they are read in full, so that with hundreds of articles
# the page stays readable (and well under 1 MB). A section in brief is placed at its article's
# line in that list, so every link to it still lands on the gathering page.
FULL_SECTIONS = 16
IN_BRIEF = "in-brief"
# Past this many articles in that list, the rest are counted, not listed (a thousand lines would
# make the page heavy; with the sections in full, the page stays under 80 KB on a first load); their sections' links land on the sentence that counts them.
BRIEF_ARTICLES = 50
IN_BRIEF_REST = "in-brief-rest"
RELATED_PER_RUN = 4  # related sections listed after a run of one article's sections


def plan_site_map(articles: Sequence[Article]) -> SiteMap:
    """Where each section of each article appears (see the module docstring for the anchors)."""
    places: dict[SectionKey, SectionPlaces] = {}
    order: dict[Theme, tuple[SectionKey, ...]] = {}
    pages = tuple(GATHERING_PAGES.values())
    for page, entries in zip(pages, _gathered(articles, [page.theme for page in pages])):
        counts = Counter(section.anchor for _article, section in entries)
        used: set[str] = {IN_BRIEF, IN_BRIEF_REST}
        brief: dict[str, Place] = {}  # article slug -> its line in the list in brief (one Place for all its sections there)
        rest = Place(page.src_uri, IN_BRIEF_REST)
        keys = []
        for index, (article, section) in enumerate(entries):
            if index < FULL_SECTIONS:
                anchor = section.anchor if counts[section.anchor] == 1 else f"{article.slug}-{section.anchor}"
                on_page = Place(page.src_uri, _unused(anchor, used))
            elif article.slug in brief or len(brief) < BRIEF_ARTICLES:
                on_page = brief.get(article.slug) or brief.setdefault(
                    article.slug, Place(page.src_uri, _unused(f"{IN_BRIEF}-{article.slug}", used))
                )
            else:
                on_page = rest
            key = SectionKey(article.slug, section.anchor)
            places[key] = SectionPlaces(Place(article_src_uri(article), section.anchor), on_page)
            keys.append(key)
        order[page.theme] = tuple(keys)
    return SiteMap(MappingProxyType(places), MappingProxyType(order))


def _unused(anchor: str, used: set[str]) -> str:
    candidate = unique_slug(anchor, used)
    used.add(candidate)
    return candidate


# ---------------------------------------------------------------------------------------------
# What other stages add to the pages


class RelatedLink(Protocol):
    """What a theme page needs of a cross-link (``links.CrossLink``): the section it leads to."""

    @property
    def target(self) -> SectionKey: ...


SectionLinks = Sequence[Sequence[Sequence[InlineLink]]]
"""Per block of a section and per line of the block, the spans of the text to show as links,
their ``href`` from the site's root (``glossary.SectionTermLinks``)."""


@dataclass(frozen=True)
class PageExtras:
    """What other stages add to the planned pages; every field is optional.

    ``related``: per section, cross-links (``links.relate_sections``) to suggest at its end on
    theme pages, best first. ``term_links``: per section, the spans of its texts to show as links
    (``glossary.section_term_links``), wherever the section is shown. ``signs_block``: Markdown
    placed on the signs page after its introduction (the checklist). ``pages``: extra pages.
    ``help_box``: the help box (``render.render_help_box``, id ``help``), at the end of each theme
    page; the content notes link to it when it is there.
    """

    related: Mapping[SectionKey, Sequence[RelatedLink]] = field(default_factory=lambda: MappingProxyType({}))
    term_links: Mapping[SectionKey, SectionLinks] = field(default_factory=lambda: MappingProxyType({}))
    signs_block: str = ""
    pages: tuple[PageSpec, ...] = ()
    help_box: str = ""


# ---------------------------------------------------------------------------------------------
# Pages


def plan_pages(
    articles: Sequence[Article],
    *,
    site_map: SiteMap | None = None,
    extras: PageExtras = PageExtras(),
) -> tuple[PageSpec, ...]:
    """Every generated page (see the module docstring) as Markdown: the articles index, the
    sources page, the article pages, the home page, the theme pages, then ``extras.pages``."""
    site_map = site_map or plan_site_map(articles)
    listing = article_listing(articles)
    by_slug = {a.slug: a for a in articles}
    return (
        *_render_articles_index(listing),
        *_render_sources(listing),
        *(PageSpec(article_src_uri(a), a.title, render_article_page(a, site_map, extras)) for a in articles),
        PageSpec(HOME_PAGE, "Home", _render_home(articles, listing, site_map, checklist=bool(extras.signs_block))),
        *(
            PageSpec(page.src_uri, page.title, render_gathering_page(page, by_slug, site_map, extras))
            for page in (*THEME_PAGES, OTHER_PAGE)
        ),
        *extras.pages,
    )


@dataclass(frozen=True)
class Listing:
    """The articles in ``reading_order``, each with its word count: the home page, the articles
    index and the sources page all list them, and counting splits every text of an article, so
    this is worked out once for the three."""

    articles: tuple[Article, ...]
    word_counts: tuple[int, ...]


def article_listing(articles: Sequence[Article]) -> Listing:
    ordered = reading_order(articles)
    return Listing(ordered, tuple(a.word_count for a in ordered))


def reading_minutes(article: Article) -> int:
    """Minutes to read the article at ``WORDS_PER_MINUTE``, at least one."""
    return _minutes(article.word_count)


def _minutes(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def display_date(iso: str | None) -> str:
    """``2026-02-01`` as ``1 February 2026``; anything else as written; empty for None."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _article_lines(listing: Listing, *, from_page: str) -> list[str]:
    return [_article_line(a, words, from_page=from_page) for a, words in zip(listing.articles, listing.word_counts)]


def _article_line(article: Article, word_count: int, *, from_page: str) -> str:
    details = [d for d in (display_date(article.date), f"{_minutes(word_count)} min read") if d]
    link = _link(escape_text(article.title), relative_link(from_page, article_src_uri(article)))
    summary = f"  \n  {escape_text(article.summary)}" if article.summary else ""
    return f"- {link} · " + " · ".join(details) + summary


_SUMMARY_MIN_WORDS = 8
_SUMMARY_MAX_CHARS = 180


# Sentences that lean on what comes before or around them read badly alone on a card: a
# conversational lead-in ("Here's the thing...", "Let's get practical..."), a pointer to "this" or
# "that" said before, or to a picture. Compared in lower case with straight quotes, at the start
# (openings) or anywhere (words).
LEANING_OPENINGS: tuple[str, ...] = (
    "here's", "here is", "here are", "let's", "let me", "so,", "so ", "and ", "but ", "or ", "now,", "ok", "okay",
    "well,", "this ", "that ", "these ", "those ", "it's ", "it ", "they ", "he ", "she ", "which ", "also", "again",
    "first,", "second,", "finally,", "in short", "as i ", "as we ", "i ", "i'm", "i've", "yes", "no,", "look,", "see,",
)
LEANING_WORDS: tuple[str, ...] = ("image", "picture", "photo", "above", "below", "video", "click", "as mentioned", "earlier")
_WORDS = re.compile(r"[a-z']+")


def stands_alone(sentence: str) -> bool:
    """Whether a sentence reads on its own, quoted alone: a statement (not a question) of at
    least eight words that does not open by leaning on what came before (``LEANING_OPENINGS``)
    nor point at a picture or another passage (``LEANING_WORDS``)."""
    plain = sentence.lower().replace("\u2019", "'").replace("\u2018", "'").lstrip("\"'\u201c ")
    if len(plain.split()) < _SUMMARY_MIN_WORDS or plain.rstrip("\"'\u201d ").endswith("?"):
        return False
    if plain.startswith(LEANING_OPENINGS):
        return False
    words = set(_WORDS.findall(plain))
    return not any((w in words) if " " not in w else (w in plain) for w in LEANING_WORDS)


def card_summary(sections: Iterable[Section]) -> str:
    """One line drawn from the sections, quoted exactly: the first sentence that ``stands_alone``
    (else the first of at least eight words, else the first), shortened at a word with an
    ellipsis when longer than 180 characters."""
    first = long = ""
    for section in sections:
        for text in section.paragraphs:
            for sentence in sentences(text):
                first = first or sentence
                if not long and len(sentence.split()) >= _SUMMARY_MIN_WORDS:
                    long = sentence
                if stands_alone(sentence):
                    return _shorten(sentence)
    return _shorten(long or first)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SUMMARY_MAX_CHARS:
        return text
    return text[: _SUMMARY_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


def _render_home(articles: Sequence[Article], listing: Listing, site_map: SiteMap, *, checklist: bool) -> str:
    # Keyed by plain tuples: building a SectionKey for each of thousands of sections costs far
    # more, and only the first few of each theme are usually read.
    sections = {(a.slug, s.anchor): s for a in articles for s in a.sections}
    cards = []
    for page in THEME_PAGES:
        summary = card_summary(sections[k.article, k.anchor] for k in site_map.order.get(page.theme, ())) or page.empty
        card = f"-   **[{page.title}]({page.src_uri})**\n\n    ---\n\n    {escape_text(summary)}"
        if checklist and page.theme is Theme.SIGNS:
            card += f"\n\n    [{CHECKLIST_INVITE}]({page.src_uri}#checklist)"
        cards.append(card)
    lines = [
        "# Worth",
        "",
        HOME_INTRO,
        "",
        '<div class="grid cards" markdown>',
        "",
        "\n\n".join(cards),
        "",
        "</div>",
        "",
        f"How each article begins and ends is in [{OTHER_PAGE.title}]({OTHER_PAGE.src_uri}).",
        "",
        "## Articles { #articles }",
        "",
    ]
    if len(listing.articles) > HOME_ARTICLES:
        # The newest few, not every article: the home page stays as light at a thousand articles
        # as at two, and the Articles index lists them all.
        newest = sorted(range(len(listing.articles)), key=lambda i: (listing.articles[i].date or "", i), reverse=True)[:HOME_ARTICLES]
        shown = Listing(tuple(listing.articles[i] for i in newest), tuple(listing.word_counts[i] for i in newest))
        lines += [f"The {HOME_ARTICLES} newest of {len(listing.articles)} articles; every one is in "
                  f"[the Articles index]({ARTICLES_INDEX}).", ""]
        lines += _article_lines(shown, from_page=HOME_PAGE)
    elif articles:
        lines += _article_lines(listing, from_page=HOME_PAGE)
    else:
        lines.append("There are no articles yet.")
    return "\n".join(lines) + "\n"


# Long lists are cut into numbered pages of this many articles, so that no page grows with the
# number of articles (each page stays well under 1,500 elements and 80 KB at a thousand articles).
HOME_ARTICLES = 10
# (At 200 a page the index's list, drawn in full, cost a slow phone enough blocking time at a
# thousand articles to lose a Lighthouse point now and then: the README's "Pages" section.)
ARTICLES_PER_PAGE = 100
SOURCES_PER_PAGE = 50


def list_pages(first: str, folder: str, count: int, per_page: int) -> list[str]:
    """The source paths of a list of ``count`` items cut into pages of ``per_page``: ``first``
    (``sources.md``), then ``<folder>/2.md``, ``<folder>/3.md`` and so on (at least one page)."""
    pages = max(1, math.ceil(count / per_page))
    return [first, *(f"{folder}/{n}.md" for n in range(2, pages + 1))]


def _page_links(pages: Sequence[str], current: int) -> list[str]:
    """A line naming every page of a list, the current one as text, the others as links."""
    if len(pages) < 2:
        return []
    here = pages[current]
    parts = [f"**{n}**" if i == current else _link(str(n), relative_link(here, uri)) for i, (n, uri) in enumerate(zip(range(1, len(pages) + 1), pages))]
    return ["", "Pages: " + " · ".join(parts), "{ .worth-pages }", ""]


def _render_articles_index(listing: Listing) -> list[PageSpec]:
    """The articles index: every article, ``ARTICLES_PER_PAGE`` to a page."""
    uris = list_pages(ARTICLES_INDEX, "articles/pages", len(listing.articles), ARTICLES_PER_PAGE)
    specs = []
    for number, uri in enumerate(uris):
        lines = [front_matter(title=f"Articles, page {number + 1}") if number else "", "# Articles", "",
                 "Every article, whole, as its author wrote it."]
        lines += _page_links(uris, number) or [""]
        chunk = slice(number * ARTICLES_PER_PAGE, (number + 1) * ARTICLES_PER_PAGE)
        part = Listing(listing.articles[chunk], listing.word_counts[chunk])
        if part.articles:
            lines += _article_lines(part, from_page=uri)
        else:
            lines.append("There are no articles yet.")
        lines += _page_links(uris, number)
        specs.append(PageSpec(uri, "Articles" if not number else f"Articles, page {number + 1}", "\n".join(lines).lstrip("\n") + "\n"))
    return specs


def _section_body(section: Section, links: SectionLinks | None, *, page: str) -> list[str]:
    """The section's blocks as Markdown on ``page``, with ``links`` made relative to it."""
    if not links:
        return render_blocks(section.blocks)
    on_page = [[[_from_page(link, page) for link in line] for line in block] for block in links]
    return render_blocks(section.blocks, links=on_page)


def _from_page(link: InlineLink, page: str) -> InlineLink:
    path, hash_, anchor = link.href.partition("#")
    return InlineLink(link.start, link.end, relative_link(page, path) + hash_ + anchor, link.title)


def render_gathering_page(
    page: GatheringPage, articles: Mapping[str, Article], site_map: SiteMap, extras: PageExtras = PageExtras()
) -> str:
    """A theme page (or ``more.md``): each section with its heading (the article's title for text
    before its first heading), its text, the article it comes from, and related sections."""
    lines = [f"# {page.title}", "", page.intro]
    if page in THEME_PAGES:
        lines += ["", content_note(page, help_box=bool(extras.help_box))]
    if page.theme is Theme.SIGNS and extras.signs_block:
        lines += ["", extras.signs_block.strip()]
    keys = site_map.order.get(page.theme, ())
    if not keys:
        lines += ["", page.empty]
    shown = keys[:FULL_SECTIONS]
    run_start: SectionKey | None = None
    for index, key in enumerate(shown):
        article = articles[key.article]
        section = next(s for s in article.sections if s.anchor == key.anchor)
        places = site_map.locate(key)
        run_start = run_start if run_start is not None and run_start.article == key.article else key
        heading = section.heading or article.title
        lines += ["", render_heading(heading, level=2, anchor=places.theme.anchor, searched=False)]
        body = _section_body(section, extras.term_links.get(key), page=page.src_uri)
        lines += [item for block in body for item in ("", block)]
        if page.theme is Theme.LETTING_GO and calls_to_leave(section):
            lines += ["", leaving_note(page, help_box=bool(extras.help_box))]
        if run_start == key:
            run_keys: list[SectionKey] = []
        run_keys.append(key)
        if index + 1 == len(shown) or shown[index + 1].article != key.article:
            # Sections of one article that follow each other read as one passage: one source line
            # at the end of the run, linked to where the run begins on the article page, then the
            # run's related sections (each named once, none of the run's own).
            source = site_map.locate(run_start).article.link_from(page.src_uri)
            lines += ["", f"From {_link(escape_text(article.title), source)}", "{ .worth-source }"]
            related = _run_related(run_keys, extras, site_map)
            if related:
                lines += ["", "Related:", "{ .worth-related }", ""]
                lines += [_related_item(target, articles, site_map, from_page=page.src_uri) for target in related]
    lines += _in_brief(keys[FULL_SECTIONS:], articles, site_map, from_page=page.src_uri)
    if page in THEME_PAGES and extras.help_box:
        lines += ["", extras.help_box.strip()]
    lines += _reading_links(page)
    return "\n".join(lines) + "\n"


# The project's own words around the articles' (theme pages only; the articles' words are never
# changed). A content note opens each theme page; on the letting-go page, a section whose text
# calls on the reader to leave is followed by the one sentence every call to leave needs.
CONTENT_NOTE_TITLE = "Before you read"
CONTENT_NOTE = (
    "These pages talk about relationships that hurt. Read at your own pace, and stop whenever you need to."
)
LEAVING_NOTE = "Leaving someone who hurts or controls you can be the most dangerous time."
# A sentence that tells the reader to leave: it starts (after "And", "So", "Just" or "Then") with a
# verb of leaving in the imperative ("Walk away.", "And walk.", "Let him go."). Words, not
# judgement: a table here, checked against the articles by the tests.
_CALL_TO_LEAVE = re.compile(
    r"(?:^|[.!?:;]\s+)[\"'\u201c\u2018]?(?:(?:and|so|just|then|now)\s+)?"
    r"(?:walk(?:\s+away|\s+out)?|leave(?:\s+him)?|let\s+(?:him|them|go)(?:\s+go)?|step\s+away|move\s+on|choose\s+yourself)\b"
    r"(?![^.!?]*\?)",
    re.IGNORECASE,
)


def calls_to_leave(section: Section) -> bool:
    """Whether a sentence of the section tells the reader to leave (``_CALL_TO_LEAVE``)."""
    return any(_CALL_TO_LEAVE.search(text) for text in section.paragraphs)


def _help_and_safety(page: GatheringPage, *, help_box: bool) -> str:
    safety = f"[Staying safe online]({relative_link(page.src_uri, SAFETY_PAGE)})"
    if help_box:
        return f"[People who can help]({HELP_ANCHOR}) are listed at the end of this page, and {safety} says how to leave this site quickly."
    return f"{safety} says how to leave this site quickly."


HELP_ANCHOR = "#help"


def content_note(page: GatheringPage, *, help_box: bool) -> str:
    """The note at the top of a theme page (an admonition), with links to the help box (when
    the page has one) and to the staying-safe page; the letting-go page adds ``LEAVING_NOTE``."""
    body = [CONTENT_NOTE]
    if page.theme is Theme.LETTING_GO:
        body.append(LEAVING_NOTE)
    body.append(_help_and_safety(page, help_box=help_box))
    return f'!!! note "{CONTENT_NOTE_TITLE}"\n\n    ' + " ".join(body)


def leaving_note(page: GatheringPage, *, help_box: bool) -> str:
    """The sentence placed after a section that calls on the reader to leave, with its links."""
    safety = f"[Staying safe online]({relative_link(page.src_uri, SAFETY_PAGE)})"
    ways = f"[talk it through with people who can help]({HELP_ANCHOR}) first, and read {safety}" if help_box else f"read {safety} first"
    return f"{LEAVING_NOTE} You can {ways}.\n{{ .worth-leaving-note }}"


def _run_related(run: Sequence[SectionKey], extras: PageExtras, site_map: SiteMap) -> list[SectionKey]:
    """The related sections listed after a run: the best of each section's in turn, then the
    second best of each, and so on (each once, none of the run's own), at most one per section
    of the run or ``RELATED_PER_RUN``, whichever is more."""
    lists = [[link.target for link in extras.related.get(key, ()) if link.target in site_map.places] for key in run]
    out: list[SectionKey] = []
    limit = max(RELATED_PER_RUN, len(run))
    for rank in range(max((len(x) for x in lists), default=0)):
        for targets in lists:
            if rank < len(targets) and targets[rank] not in out and targets[rank] not in run and len(out) < limit:
                out.append(targets[rank])
    return out


def _in_brief(keys: Sequence[SectionKey], articles: Mapping[str, Article], site_map: SiteMap, *, from_page: str) -> list[str]:
    """The sections past ``FULL_SECTIONS``: one list item per article, in page order, linking to
    its first such section on the article page and naming the others."""
    if not keys:
        return []
    by_article: dict[str, list[SectionKey]] = {}
    for key in keys:
        by_article.setdefault(key.article, []).append(key)
    lines = ["", render_heading("More, in brief", level=2, anchor=IN_BRIEF, searched=False), "",
             f"{len(keys)} more sections from {len(by_article)} articles, each read in full on its article's page:", ""]
    listed = 0
    for slug, group in by_article.items():
        places = site_map.locate(group[0])
        if places.theme.anchor == IN_BRIEF_REST:
            continue
        listed += 1
        article = articles[slug]
        headings = {s.anchor: s.heading or article.title for s in article.sections}
        named = " · ".join(escape_text(headings[k.anchor]) for k in group)
        lines += [f"- {_link(escape_text(article.title), places.article.link_from(from_page))}: {named}", f"  {{ #{places.theme.anchor} }}"]
    if listed < len(by_article):
        index = relative_link(from_page, ARTICLES_INDEX)
        lines += ["", f"And sections from {len(by_article) - listed} more articles, each read in full on its "
                  f"article's page: every article is in {_link('the Articles index', index)}.", f"{{ #{IN_BRIEF_REST} }}"]
    return lines


def _reading_links(page: GatheringPage) -> list[str]:
    """Links from a theme page to the ones before and after it in ``READING_ORDER`` (none for
    ``more.md``)."""
    if page.theme not in READING_ORDER:
        return []
    index = READING_ORDER.index(page.theme)
    out = []
    if index > 0:
        before = GATHERING_PAGES[READING_ORDER[index - 1]]
        out.append(f"Before this: {_link(escape_text(before.title), relative_link(page.src_uri, before.src_uri))}")
    if index + 1 < len(READING_ORDER):
        after = GATHERING_PAGES[READING_ORDER[index + 1]]
        out.append(f"Read next: {_link(escape_text(after.title), relative_link(page.src_uri, after.src_uri))}")
    return ["", "  \n".join(out), "{ .worth-reading-order }"]


def _related_item(target: SectionKey, articles: Mapping[str, Article], site_map: SiteMap, *, from_page: str) -> str:
    """A list item linking to a related section on its theme page, saying which page that is."""
    article = articles[target.article]
    section = next(s for s in article.sections if s.anchor == target.anchor)
    page = GATHERING_PAGES[section.theme]
    heading = section.heading or article.title
    link = site_map.theme_link(target, from_page=from_page)
    if loose_heading(heading) == loose_heading(page.title):
        # A section named like its page: the name once.
        return f"- {_link(escape_text(page.title), link)}"
    return f"- {_link(escape_text(heading), link)}, in {escape_text(page.title)}"


def render_article_page(article: Article, site_map: SiteMap, extras: PageExtras = PageExtras()) -> str:
    """The whole article in its original order; each section ends with a link to the page where
    it also appears. Text before the first heading carries its anchor on its first block."""
    page = article_src_uri(article)
    meta = [d for d in (article.author and f"By {escape_text(article.author)}", display_date(article.date)) if d]
    lines = [front_matter(title=article.title) + f"# {escape_text(article.title)}", ""]
    if meta:
        lines += [" · ".join(meta), "{ .worth-byline }", ""]
    for section in article.sections:
        body = _section_body(section, extras.term_links.get(SectionKey(article.slug, section.anchor)), page=page)
        if section.heading:
            lines += [render_heading(section.heading, level=min(max(section.level, 2), 6), anchor=section.anchor), ""]
        elif body:
            body[0] += f"\n{{ #{section.anchor} }}"
        else:
            body = [f'<span id="{section.anchor}"></span>']
        if body:
            # The blocks as one item, a blank line after each (the page's lines are joined by
            # newlines): a section has many blocks and this is the largest page.
            lines += ["\n\n".join(body), ""]
        also = site_map._theme_place(article.slug, section.anchor).link_from(page)
        lines += [f"Also in [{GATHERING_PAGES[section.theme].title}]({also})", "{ .worth-also data-search-exclude }", ""]
    return "\n".join(lines)


SOURCES_TOC_LIMIT = 50


def _render_sources(listing: Listing) -> list[PageSpec]:
    """The sources page: ``SOURCES_PER_PAGE`` articles to a page."""
    uris = list_pages(SOURCES_PAGE, "sources", len(listing.articles), SOURCES_PER_PAGE)
    specs = []
    for number, uri in enumerate(uris):
        chunk = slice(number * SOURCES_PER_PAGE, (number + 1) * SOURCES_PER_PAGE)
        part = Listing(listing.articles[chunk], listing.word_counts[chunk])
        title = "Sources" if not number else f"Sources, page {number + 1}"
        specs.append(PageSpec(uri, title, _render_sources_page(part, uris, number, many=len(listing.articles) > SOURCES_TOC_LIMIT)))
    return specs


def _render_sources_page(listing: Listing, uris: Sequence[str], number: int, *, many: bool) -> str:
    page = uris[number]
    lines = ["---", "hide:", "  - toc", *([f"title: Sources, page {number + 1}"] if number else []), "---", ""] if many else []
    lines += [
        "# Sources",
        "",
        "Where each article comes from, and what was left out of it as page furniture when it was cleaned.",
    ]
    lines += _page_links(uris, number)
    if not listing.articles:
        lines += ["", "There are no articles yet."]
    for article, word_count in zip(listing.articles, listing.word_counts):
        lines += ["", render_heading(article.title, level=2, anchor=article.slug, searched=False), ""]
        facts = [
            ("Date", escape_text(display_date(article.date)) or "Not known"),
            ("Author", escape_text(article.author) if article.author else "Not known"),
            ("Source", _shown_address(article.source_url) if article.source_url else "Not known"),
            *([("Site", escape_text(article.site_name))] if article.site_name else []),
            ("File", escape_text(article.source)),
            ("Words", f"{word_count:,}"),
            ("Read it", _link(escape_text(article.title), relative_link(page, article_src_uri(article)))),
        ]
        # One line of facts, not a list: with a thousand articles this page must stay small.
        lines.append(" · ".join(f"{name}: {value}" for name, value in facts))
        count = len(article.noise)
        if count:
            noun = "line" if count == 1 else "lines"
            lines += ["", f'??? note "Left out as noise: {count} {noun}"', ""]
            for noise in article.noise:
                text = escape_text(noise.text) or "(blank)"
                lines.append(f"    - Line {noise.line}: {text} ({escape_text(noise.rule)})")
        else:
            lines += ["", "Nothing was left out as noise."]
    lines += _page_links(uris, number)
    return "\n".join(lines) + "\n"


def _link(label: str, target: str) -> str:
    """A Markdown link; ``label`` is Markdown already made safe, ``target`` a path or address."""
    return f"[{label}](<{target}>)"


def _shown_address(url: str) -> str:
    """An article's source address as text a reader can select and copy, never a link: the only
    links that leave the site are the help services' and the quick exit's, so that nothing on a
    page sends her (or tells another site about her) unless she chose help or the exit."""
    return escape_text(url.strip())
