"""The one code path from a folder of articles to the site's generated pages.

``generate_pages(settings)`` reads every article and the editor's data files, works out where
each section goes, the glossary, the cross-links and the checklist, and returns every page as
Markdown with the warnings an editor must see. ``worth export DIR`` writes those pages to a folder
(``export_pages``); the MkDocs hook takes them from ``cached_pages``, which keeps them in the
project's cache (``cache.BuildCache``) and makes them again only when an article, a data file or
the pipeline itself changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .cache import BuildCache, code_digest
from .checklist import ChecklistData, collect_items, load_checklist_data, next_read_sources, next_reads_for
from .errors import ArticleError
from .glossary import GLOSSARY_PAGE, GLOSSARY_TITLE, GlossaryEntry, build_glossary, load_glossary, render_glossary_page, section_labels, section_term_links
from .help import HELP_FILE, HelpServices, empty_help_warning, load_help, missing_help_warning
from .links import relate_sections
from .model import Article, PageSpec
from .pipeline import SourceFile, articles_from_sources, no_cycle_collection, read_sources, shown_path
from .plan import FULL_SECTIONS, PageExtras, plan_pages, plan_site_map
from .render import render_checklist, render_help_box
from .settings import Settings

GLOSSARY_FILE = "glossary.yml"
CHECKLIST_FILE = "checklist.yml"
RELATED_SHOWN = 3  # related sections at the end of a theme-page section
CHECKLIST_CANDIDATES = 6  # related sections per sign the checklist weighs for "what to read next"


@dataclass(frozen=True)
class GeneratedSite:
    """The generated pages in a stable order, the warnings (one line each) for the editor, and
    the article files they were made from."""

    pages: tuple[PageSpec, ...]
    warnings: tuple[str, ...] = ()
    sources: tuple[SourceFile, ...] = ()


@dataclass(frozen=True)
class EditorData:
    """The editor's data files beside mkdocs.yml, read: the glossary, the checklist's words and
    the help services (with the warning when the site would show no way to reach a person)."""

    glossary: tuple[GlossaryEntry, ...]
    checklist: ChecklistData
    digest: str  # of the files' bytes, for the cache
    help: HelpServices = HelpServices()
    help_warnings: tuple[str, ...] = ()


def generate_pages(
    settings: Settings, *, display_root: Path | None = None, cache: BuildCache | None = None, leave_out_bad: bool = False
) -> GeneratedSite:
    """Read the articles in ``settings.articles_dir`` and make every page, with the glossary
    (``glossary.yml``), the signs checklist (``checklist.yml``) and the help services
    (``help.yml``) beside mkdocs.yml.

    Raises ``ArticleError`` for an article or data file that cannot be read (unless
    ``leave_out_bad``, the live preview: a bad article is then a warning and is left out). File
    names in messages are shown relative to ``display_root`` (the project folder) when given.
    Articles already read into ``cache`` are taken from it.
    """
    sources = read_sources(settings.articles_dir, display_root=display_root)
    data = read_editor_data(settings, display_root=display_root)
    return _make_pages(sources, data, cache=cache, leave_out_bad=leave_out_bad)


def _make_pages(
    sources: list[tuple[SourceFile, bytes]], data: EditorData, *, cache: BuildCache | None, leave_out_bad: bool
) -> GeneratedSite:
    with no_cycle_collection():
        loaded = articles_from_sources(sources, cache=cache, leave_out_bad=leave_out_bad)
        pages = make_pages(loaded.articles, data)
    return GeneratedSite(pages, loaded.warnings + data.help_warnings, loaded.sources)


@dataclass(frozen=True)
class CachedPages:
    """The pages of ``cached_pages``: their paths in order, the warnings, the article files read,
    and where each page's Markdown is (``BuildCache.page_path``); ``markdown`` holds the pages
    themselves instead when the cache folder could not be written."""

    paths: tuple[str, ...]
    warnings: tuple[str, ...]
    sources: tuple[SourceFile, ...]
    markdown: dict[str, str] | None = None
    removed: tuple[str, ...] = ()  # pages the last build made and this one does not (deleted articles)


def cached_pages(
    settings: Settings, cache: BuildCache, *, display_root: Path | None = None, leave_out_bad: bool = False
) -> CachedPages:
    """``generate_pages``, with the pages kept in ``cache``: when no article, data file or part
    of the pipeline changed since the last build, the pages there are used as they are and no
    article is read; otherwise they are made (each unchanged article from the cache) and stored,
    each page's file rewritten only if its Markdown changed."""
    sources = read_sources(settings.articles_dir, display_root=display_root)
    data = read_editor_data(settings, display_root=display_root)
    key = _site_key(sources, data, leave_out_bad=leave_out_bad)
    stored = cache.site()
    if stored is not None and stored.key == key:
        return CachedPages(stored.paths, stored.warnings, tuple(source for source, _data in sources))
    site = _make_pages(sources, data, cache=cache, leave_out_bad=leave_out_bad)
    markdown = {page.src_uri: page.content for page in site.pages}
    written = cache.store_site(key, markdown, site.warnings)
    removed = tuple(path for path in (stored.paths if stored else ()) if path not in markdown)
    return CachedPages(tuple(markdown), site.warnings, site.sources, None if written else markdown, removed)


def _site_key(sources: list[tuple[SourceFile, bytes]], data: EditorData, *, leave_out_bad: bool) -> str:
    digest = hashlib.sha256(f"{code_digest()}\0{data.digest}\0{leave_out_bad}".encode())
    for source, _data in sources:
        digest.update(f"\0{source.key}".encode())
    for warning in getattr(sources, "warnings", ()):  # files left out: their warnings are shown again
        digest.update(f"\0{warning}".encode())
    return digest.hexdigest()


def read_editor_data(settings: Settings, *, display_root: Path | None = None) -> EditorData:
    """``glossary.yml``, ``checklist.yml`` and ``help.yml`` from the project folder (each
    optional, but a site without help services is warned about); raises ``ArticleError`` naming
    the file and line when one cannot be read."""
    data_dir = settings.config_dir or settings.articles_dir.parent
    glossary_file = data_dir / GLOSSARY_FILE
    checklist_file = data_dir / CHECKLIST_FILE
    help_services, help_warnings = read_help(data_dir, display_root=display_root)
    digest = hashlib.sha256()
    for path in (glossary_file, checklist_file, data_dir / HELP_FILE):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
    return EditorData(
        glossary=load_glossary(glossary_file, display_path=shown_path(glossary_file, display_root)),
        checklist=load_checklist_data(checklist_file, display_path=shown_path(checklist_file, display_root)),
        digest=digest.hexdigest(),
        help=help_services,
        help_warnings=help_warnings,
    )


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


def make_pages(articles: tuple[Article, ...], data: EditorData) -> tuple[PageSpec, ...]:
    """Every page of a site of ``articles``: where each section goes (the site map), the glossary
    and where its terms are used, the cross-links and the checklist, then the pages themselves."""
    site_map = plan_site_map(articles)
    terms = build_glossary(articles, data.glossary)
    items = collect_items(articles, hints=data.checklist.hints, titles=data.checklist.titles)
    # Links are searched for only from the sections that show them: those a theme page gives in
    # full, and the signs of the checklist, which weighs more candidates than a theme page shows.
    shown = {key for keys in site_map.order.values() for key in keys[:FULL_SECTIONS]}
    shown.update(key for item in items for key in next_read_sources(item))
    candidates = relate_sections(articles, terms, limit=CHECKLIST_CANDIDATES, sources=shown)
    labels = section_labels(articles)
    glossary = render_glossary_page(
        terms,
        lambda key: site_map.theme_link(key, from_page=GLOSSARY_PAGE),
        label_for_section=lambda key: labels[key],
    )

    def on_signs_page(key):
        return site_map.theme_link(key, from_page="signs.md")

    next_reads = next_reads_for(items, candidates, articles, link_for=on_signs_page)
    extras = PageExtras(
        related={key: links[:RELATED_SHOWN] for key, links in candidates.items()},
        term_links=section_term_links(articles, terms, glossary_page=GLOSSARY_PAGE),
        signs_block=render_checklist(
            items, data.checklist.bands, next_reads, link_for=on_signs_page,
            help_box=render_help_box(data.help, anchor="checklist-help", level=3),
        ),
        pages=(PageSpec(GLOSSARY_PAGE, GLOSSARY_TITLE, glossary),),
        help_box=render_help_box(data.help),
    )
    return plan_pages(articles, site_map=site_map, extras=extras)


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
