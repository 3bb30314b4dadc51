"""The only MkDocs glue: turn articles into virtual pages, watch them, report bad input.

Everything else lives in the pure ``worth`` package beside this file (which never imports
mkdocs). MkDocs puts this folder on ``sys.path`` only while it loads the hook, so the package is
imported at the top.

One way through: ``on_pre_build`` reads the articles and makes every page (or takes them from
the project's cache, ``.cache/worth/``, when nothing changed), before MkDocs cleans ``site/``,
so a bad article leaves the previous site as it was. ``on_files`` adds the pages, each backed by
its file in the cache, whose modification time changes only when its Markdown does: a
``--dirty`` build (``mkdocs serve --dirty``) renders again only the pages an edit touched.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from worth.assets import (
    QUICK_EXIT_SCRIPT,
    inline_script,
    is_own_asset,
    minified,
    one_stylesheet,
    stylesheet_path,
    svg_data_url,
    theme_stylesheets,
)
from worth.cache import CACHE_FOLDER, BuildCache
from worth.errors import ArticleError
from worth.help import HELP_FILE, HelpServices, load_help
from worth.pipeline import changed_sources
from worth.render import render_help_box, render_help_script
from worth.safety import secure_page
from worth.search import complete_entries, page_location, plain_entries, read_index_entries, write_search_files
from worth.settings import Settings, settings_from_config
from worth.site import CachedPages, cached_pages

log = logging.getLogger("mkdocs.plugins.worth")

# Set while `mkdocs serve` runs. MkDocs loads this module afresh for every rebuild of the preview
# but calls on_startup only once, so the answer is kept in this process's environment.
_PREVIEW = "WORTH_LIVE_PREVIEW"


@dataclass
class _Build:
    """What this build knows between MkDocs' events."""

    settings: Settings | None = None
    pages: CachedPages | None = None
    cache: BuildCache | None = None
    page_urls: list[str] = field(default_factory=list)  # every page, in the order MkDocs builds them
    rendered: set[str] = field(default_factory=set)  # the URLs of the pages this build rendered


_build = _Build()


def _preview() -> bool:
    return bool(os.environ.get(_PREVIEW))


def on_startup(command: str, dirty: bool) -> None:
    # The preview adds its live-reload script to each page as it serves it, so it goes without the
    # CSP (a built site always has it).
    os.environ[_PREVIEW] = "1" if command == "serve" else ""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    offline_plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    offline = bool(offline_plugin is not None and getattr(offline_plugin, "config", {}).get("enabled", False))
    settings = settings_from_config(config_dir=_project(config), extra=config.extra, offline=offline)
    _build = _Build(settings=settings, cache=BuildCache(_project(config) / CACHE_FOLDER))
    # The quick exit's link is rendered by the theme template, which reads this (default filled in).
    config.extra["worth"] = {
        **(config.extra.get("worth") or {}),
        "quick_exit_url": settings.quick_exit_url,
        **_help_boxes(settings),
    }
    # The site's stylesheets are served inside the one stylesheet every page links (on_files),
    # so the theme links none of them on its own (kept if this config is read a second time).
    config.extra["worth"].setdefault("stylesheets", []).extend(str(path) for path in config.extra_css)
    config.extra_css = []
    # The favicon inside each page, not a file: a browser fetches a page's icon once the page has
    # loaded, and a request that ends before the first paint counts in Lighthouse's estimate of it.
    favicon = Path(config.docs_dir) / str(config.theme.get("favicon") or "")
    if favicon.suffix == ".svg" and favicon.is_file():
        config.theme["favicon"] = svg_data_url(favicon.read_text(encoding="utf-8"))
    return config


# The help box for a search that finds nothing, loaded by search-help.js when search first opens.
HELP_SCRIPT = "assets/javascripts/help-box.js"


def _help_boxes(settings: Settings) -> dict[str, str]:
    """The help box the templates print (the 404 page, the staying-safe page: ``help_box``) and
    the script that holds it for an empty search (``help_script``, served as HELP_SCRIPT), from
    help.yml; its warnings come with the generated pages' (worth.site.read_help)."""
    data_dir = settings.config_dir or settings.articles_dir.parent
    try:
        found = load_help(data_dir / HELP_FILE, display_path=HELP_FILE) or HelpServices()
    except ArticleError as err:
        raise PluginError(str(err)) from None
    return {"help_box": render_help_box(found), "help_script": render_help_script(found)}


def on_pre_build(config: MkDocsConfig) -> None:
    settings, cache = _build.settings, _build.cache
    assert settings is not None and cache is not None
    if settings.offline:
        # After every plugin's on_config: material's offline plugin adds its remote worker shim
        # to the polyfills in its own, and the bundle swaps it for a copy inside the site.
        from worth.offline import local_polyfills, offline_features

        config.extra["polyfills"] = local_polyfills(config.extra.get("polyfills", []))
        config.theme["features"] = offline_features(config.theme.get("features", []))
    # Every article is read (or found unchanged) here, before MkDocs empties site/.
    try:
        _build.pages = cached_pages(settings, cache, display_root=_project(config), leave_out_bad=_preview())
    except ArticleError as err:
        raise PluginError(str(err)) from None
    for warning in _build.pages.warnings:
        log.warning(warning)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _build.pages
    assert pages is not None and _build.cache is not None
    for src_uri in pages.paths:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri}: this page is made from the articles; rename or remove the file")
        if pages.markdown is not None:  # the cache folder could not be written
            files.append(File.generated(config, src_uri, content=pages.markdown[src_uri]))
        else:
            files.append(File.generated(config, src_uri, abs_src_path=str(_build.cache.page_path(src_uri))))
    files.append(File.generated(config, HELP_SCRIPT, content=minified(HELP_SCRIPT, config.extra["worth"]["help_script"])))
    # The quick exit's script goes inside every page's <head> (overrides/main.html), not into the site.
    quick_exit = files.get_file_from_path(QUICK_EXIT_SCRIPT)
    if quick_exit is not None and quick_exit.abs_src_path:
        files.remove(quick_exit)
        config.extra["worth"]["quick_exit_script"] = inline_script(Path(quick_exit.abs_src_path).read_text(encoding="utf-8"))
    # The project's own scripts and stylesheets are served minified (worth.assets says why).
    for file in [f for f in files if is_own_asset(f.src_uri) and f.abs_src_path and not f.generated_by]:
        files.remove(file)
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.append(File.generated(config, file.src_uri, content=minified(file.src_uri, text)))
    _one_stylesheet(files, config)
    return files


def _one_stylesheet(files: Files, config: MkDocsConfig) -> None:
    """The theme's stylesheets and the site's (extra_css), in the order the theme links them, as
    one file that every page links instead (overrides/main.html): on a phone's slow link, each
    further render-blocking file is a connection of its own, and the first paint waits for the
    slowest (worth.assets.one_stylesheet; the README's "Pages" section has the figures)."""
    env = config.theme.get_env()
    base = env.loader.get_source(env, "base.html")[0] if env.loader else ""
    theme = [path for path in theme_stylesheets(base) if config.theme.get("palette") or "/palette." not in path]
    parts = []
    for path in [*theme, *config.extra["worth"]["stylesheets"]]:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"{path}: a stylesheet the pages need is missing from docs/ and the theme")
        parts.append(file.content_string)
        files.remove(file)
    text = one_stylesheet(parts)
    config.extra["worth"]["stylesheet"] = stylesheet_path(text)
    files.append(File.generated(config, config.extra["worth"]["stylesheet"], content=text))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The theme's templates compiled once and kept with the pages (Jinja's own cache, keyed by
    # each template's source): every build, and every rebuild of the preview, would otherwise
    # compile them again (a few tenths of a second).
    assert _build.cache is not None
    templates = _build.cache.templates_folder()
    if templates is not None:
        env.bytecode_cache = FileSystemBytecodeCache(str(templates))
    _build.page_urls = [page_location(file.url) for file in files.documentation_pages()]
    # A build that does not clean site/ first (--dirty) would go on serving the page of an article
    # deleted since the last build.
    assert _build.pages is not None
    for src_uri in _build.pages.removed:
        gone = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        Path(gone.abs_dest_path).unlink(missing_ok=True)
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The theme's `hide: toc` only hides a page's table of contents; it still sends it, twice (beside
    # the text and in the menu for small screens). A page that hides it (the sources page of a
    # large site, whose headings are every article) goes without it, and so without those bytes.
    if "toc" in (page.meta.get("hide") or ()):
        page.toc = get_toc([])
    _build.rendered.add(page_location(page.url))
    return html


@event_priority(-100)  # last, so the page's CSP hashes the scripts other steps may have added
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return secure_page(output, csp=not _preview())


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return secure_page(output_content, csp=not _preview())


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    settings = _build.settings
    assert settings is not None
    server.watch(str(settings.articles_dir))
    # The editor's data files, read from the same folder as the pipeline reads them (worth.site).
    data_dir = settings.config_dir or settings.articles_dir.parent
    for name in ("glossary.yml", "checklist.yml", HELP_FILE):
        if (data_dir / name).exists():
            server.watch(str(data_dir / name))
    return server


# Before the search plugin writes its index (priority 0).
@event_priority(10)
def _complete_search_index(config: MkDocsConfig) -> None:
    """A build that rendered only some pages (``--dirty``) indexed only those: the others'
    entries come from the index the previous build left (see ``worth.search``)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None:
        return
    index.entries = plain_entries(index.entries)  # this build's entries, as the site's search reads them
    if not _build.rendered >= set(_build.page_urls):
        # Only a build that did not clean site/ first renders some pages and not others, so the
        # index the last build wrote is still there: the search plugin writes the new one after this.
        previous = read_index_entries(Path(config.site_dir))
        if previous is not None:
            index.entries = complete_entries(index.entries, previous, pages=_build.page_urls, rendered=_build.rendered)
            search.search_index_prev = None  # whole already: the plugin's own merge would repeat entries
    assert _build.settings is not None
    if not _build.settings.offline:  # what the site's search worker reads online (worth.search)
        config_keys = ("lang", "separator", "pipeline", "fields")
        write_search_files(Path(config.site_dir), index.entries, {k: index.config[k] for k in config_keys if k in index.config})


# After material's offline plugin (-100) has written search_index.js.
@event_priority(-200)
def _finish(config: MkDocsConfig) -> None:
    settings, pages = _build.settings, _build.pages
    assert settings is not None and pages is not None
    for name in changed_sources(pages.sources):
        log.warning("%s: changed while the site was built; build again", name)
    if settings.offline:
        from worth.offline import OfflineBundleError, bundle_zip_path, finish_bundle

        zip_path = bundle_zip_path(config_dir=_project(config), extra=config.extra)
        try:
            report = finish_bundle(Path(config.site_dir), zip_path)
        except OfflineBundleError as err:
            raise PluginError(str(err)) from None
        log.info("Offline bundle: %s (%d files, %d KB)", report.zip_path, report.files, report.zip_bytes // 1024)


on_post_build = CombinedEvent(_complete_search_index, _finish)


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent
