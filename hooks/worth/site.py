"""The one code path from a folder of articles to the site's generated pages.

``generate_pages(settings)`` loads every article, plans where each section goes and returns the
pages as Markdown, with the warnings an editor must see; ``worth export DIR`` writes them to a
folder (``write_pages``). The MkDocs hook takes the same pages from ``begin_pages``, which
``generate_pages`` is made of: first where every page will be, then each page as it is made, so
that what is exported is exactly what is built.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .checklist import ChecklistData, collect_items, load_checklist_data, next_read_sources, next_reads_for, render_checklist
from .errors import ArticleError
from .glossary import GLOSSARY_PAGE, GLOSSARY_TITLE, GlossaryTerm, build_glossary, load_glossary, render_glossary_page, section_labels, term_linker
from .help import HELP_FILE, HelpServices, empty_help_warning, load_help, missing_help_warning
from .links import relate_sections
from .model import Article, PageSpec, SectionKey
from .pipeline import load_articles, shown_path
from .plan import (
    FULL_SECTIONS,
    PageExtras,
    SiteMap,
    TermLinker,
    article_listing,
    article_pages,
    page_paths,
    plan_listing_pages,
    plan_other_pages,
    plan_site_map,
)
from .render import render_help_box
from .settings import Settings

GLOSSARY_FILE = "glossary.yml"
CHECKLIST_FILE = "checklist.yml"
RELATED_SHOWN = 3  # related sections at the end of a theme-page section
CHECKLIST_CANDIDATES = 6  # related sections per sign the checklist weighs for "what to read next"


@dataclass(frozen=True)
class GeneratedSite:
    """The generated pages in a stable order and the warnings (one line each) for the editor."""

    pages: tuple[PageSpec, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SitePlan:
    """What is known once the articles are read: where every page will be, in the order the pages
    are made, and the warnings for the editor."""

    paths: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def generate_pages(settings: Settings, *, display_root: Path | None = None) -> GeneratedSite:
    """Load the articles in ``settings.articles_dir`` and plan every page, with the glossary
    (``glossary.yml``) and the signs checklist (``checklist.yml``) beside mkdocs.yml.

    Raises ``ArticleError`` for an article or data file that cannot be read. File names in
    messages are shown relative to ``display_root`` (the project folder) when given.
    """
    with _no_cycle_collection():
        plan, pages = begin_pages(settings, display_root=display_root)
        return GeneratedSite(tuple(pages), plan.warnings)


def begin_pages(settings: Settings, *, display_root: Path | None = None) -> tuple[SitePlan, Iterator[PageSpec]]:
    """``generate_pages`` in two steps: read the articles and the data files (raising
    ``ArticleError`` for any that cannot be read) and return the plan of the pages, with the
    pages, made one at a time as they are asked for, in the plan's order.

    That order lets a build begin on each page as early as it can: first the articles index and
    the sources page, which need nothing but the articles; then the article pages, which need
    the site map and the glossary's terms; then the others, which need the cross-links and the
    checklist too."""
    with _no_cycle_collection():
        loaded = load_articles(settings.articles_dir, display_root=display_root)
        data_dir = settings.config_dir or settings.articles_dir.parent
        glossary_file = data_dir / GLOSSARY_FILE
        entries = load_glossary(glossary_file, display_path=shown_path(glossary_file, display_root))
        checklist_file = data_dir / CHECKLIST_FILE
        checklist = load_checklist_data(checklist_file, display_path=shown_path(checklist_file, display_root))
        help_services, help_warnings = read_help(data_dir, display_root=display_root)
    articles = loaded.articles

    def pages() -> Iterator[PageSpec]:
        listing = article_listing(articles)
        yield from plan_listing_pages(listing)
        with _no_cycle_collection():
            site_map = plan_site_map(articles)
            terms = build_glossary(articles, entries)
        term_links = term_linker(terms, glossary_page=GLOSSARY_PAGE)
        yield from article_pages(articles, site_map, term_links)
        with _no_cycle_collection():
            extras = page_extras(articles, site_map, terms, term_links, checklist=checklist, help=help_services)
            others = plan_other_pages(articles, listing, site_map=site_map, extras=extras)
        yield from others

    return SitePlan(page_paths(articles, extras=(GLOSSARY_PAGE,)), loaded.warnings + help_warnings), pages()


def read_help(data_dir: Path, *, display_root: Path | None = None) -> tuple[HelpServices, tuple[str, ...]]:
    """The help services of ``help.yml`` in ``data_dir`` and the warning (one line) when the site
    would show no way to reach a person: no file, or a file that lists nothing. Raises
    ``ArticleError`` for a file that cannot be used."""
    path = data_dir / HELP_FILE
    shown = shown_path(path, display_root)
    found = load_help(path, display_path=shown)
    if found is None:
        return HelpServices(), (missing_help_warning(shown),)
    if not found.services:
        return found, (empty_help_warning(shown),)
    return found, ()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the pages are made, then restored as it was.

    The pipeline makes a few hundred thousand small objects (lines, blocks, sections, links)
    that hold no reference cycles; the collector's full passes over them found nothing to free
    and took a fifth of the pipeline's time on a thousand articles. Everything is still freed
    by reference counting as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def page_extras(
    articles: tuple[Article, ...],
    site_map: SiteMap,
    terms: tuple[GlossaryTerm, ...],
    term_links: Callable[[SectionKey], TermLinker],
    *,
    checklist: ChecklistData,
    help: HelpServices = HelpServices(),
) -> PageExtras:
    """What the glossary (its ``terms``, and ``term_links`` from their first use in each section
    to their entries), the cross-links and the checklist add to the planned pages: the glossary
    page, related sections at the end of each theme-page section, and the checklist on the signs
    page."""
    items = collect_items(articles, hints=checklist.hints)
    # Links are searched for only from the sections that show them: those a theme page gives in
    # full, and the signs of the checklist. Worked out once: the checklist sums more candidates
    # over the ticked signs than a theme page shows at the end of a section.
    shown = {key for keys in site_map.order.values() for key in keys[:FULL_SECTIONS]}
    shown.update(key for item in items for key in next_read_sources(item))
    candidates = relate_sections(articles, terms, limit=CHECKLIST_CANDIDATES, sources=shown)
    related = {key: links[:RELATED_SHOWN] for key, links in candidates.items()}
    labels = section_labels(articles)
    glossary = render_glossary_page(
        terms,
        lambda key: site_map.theme_link(key, from_page=GLOSSARY_PAGE),
        label_for_section=lambda key: labels[key],
    )

    def on_signs_page(key):
        return site_map.theme_link(key, from_page="signs.md")

    next_reads = next_reads_for(items, candidates, articles, link_for=on_signs_page)
    signs_block = render_checklist(
        items, checklist.bands, next_reads, link_for=on_signs_page, help_box=render_help_box(help, anchor="checklist-help", level=3)
    )
    return PageExtras(
        help_box=render_help_box(help),
        related=related,
        term_links=term_links,
        signs_block=signs_block,
        pages=(PageSpec(GLOSSARY_PAGE, GLOSSARY_TITLE, glossary),),
    )


def write_pages(pages: tuple[PageSpec, ...], folder: Path) -> list[Path]:
    """Write each page to ``folder / page.src_uri`` (folders made as needed); return the paths."""
    written = []
    for page in pages:
        path = folder / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
        written.append(path)
    return written


def export_pages(settings: Settings, folder: Path, *, display_root: Path | None = None) -> tuple[GeneratedSite, list[Path]]:
    """``worth export``: generate the pages exactly as a build does and write them under
    ``folder``. Refuses (``ArticleError``) to write into the articles folder, which the
    development server watches and which holds only sources."""
    target = folder.resolve()
    if target == settings.articles_dir or settings.articles_dir in target.parents:
        raise ArticleError(str(folder), None, "is inside the articles folder; export to another folder")
    site = generate_pages(settings, display_root=display_root)
    return site, write_pages(site.pages, folder)
