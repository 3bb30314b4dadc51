"""The only MkDocs glue: turn articles into virtual pages, watch them, report bad input.

Everything else lives in the pure ``worth`` package beside this file (which never imports
mkdocs). MkDocs puts this folder on ``sys.path`` only while it loads the hook, so the package is
imported at the top; its modules import one another through the package, so the pipeline itself
can be imported later (by the process that makes the pages, see ``worth.background``).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from worth.background import SitePages, start_site_pages
from worth.errors import ArticleError
from worth.help import HELP_FILE, HelpServices, load_help
from worth.safety import secure_page
from worth.settings import Settings, settings_from_config

log = logging.getLogger("mkdocs.plugins.worth")

HELP_SCRIPT = "assets/javascripts/help-box.js"  # loaded by search-help.js when search first opens
_PREVIEW = "WORTH_LIVE_PREVIEW"  # set while `mkdocs serve` runs (see on_startup)

_settings: Settings | None = None
_site: SitePages | None = None  # the pages being made, from on_config until MkDocs has read them
_generated: frozenset[str] = frozenset()  # their paths


# First, before the search plugin compiles its templates (some 20 ms): the process that makes the
# pages begins that much sooner. (What must follow other plugins' on_config is in on_pre_build.)
@event_priority(100)
def on_config(config):
    global _settings
    offline = any(name == "material/offline" or name == "offline" for name in config.plugins) and bool(
        getattr(config.plugins.get("material/offline"), "config", {}).get("enabled", False)
    )
    _settings = settings_from_config(
        config_dir=_project(config), extra=config.extra, offline=offline
    )
    # The quick exit's link is rendered by the theme template, which reads this (default filled in).
    config.extra["worth"] = {
        **(config.extra.get("worth") or {}),
        "quick_exit_url": _settings.quick_exit_url,
        **_help_boxes(_settings),
    }
    # The pages are made by another process, which begins now, while MkDocs finds its own files
    # and theme, and goes on while MkDocs renders the pages already made. (Not in the preview
    # server, which rebuilds in its own threads: there they are made here, as MkDocs asks.)
    global _site
    if _site is not None:  # a build that stopped before reading them all
        _site.close()
    _site = start_site_pages(_settings, display_root=_project(config), in_background=not os.environ.get(_PREVIEW))
    return config


def _help_boxes(settings: Settings) -> dict[str, str]:
    """The help box the templates print (the 404 page, the staying-safe page) and the script that
    holds it for an empty search (HELP_SCRIPT), from help.yml; its warnings come with the
    generated pages' (worth.site.read_help)."""
    from worth.render import render_help_box, render_help_script  # here: the pipeline's modules, imported late

    data_dir = settings.config_dir or settings.articles_dir.parent
    try:
        found = load_help(data_dir / HELP_FILE, display_path=HELP_FILE) or HelpServices()
    except ArticleError as err:
        raise PluginError(str(err)) from None
    return {"help_box": render_help_box(found), "help_script": render_help_script(found)}


def on_pre_build(config):
    # After every plugin's on_config: material's offline plugin adds its remote worker shim to the
    # polyfills in its own, and the bundle swaps it for a copy inside the site.
    assert _settings is not None
    if _settings.offline:
        # Imported here: only the offline bundle needs it, and every build waits for its imports.
        from worth.offline import local_polyfills, offline_features

        config.extra["polyfills"] = local_polyfills(config.extra.get("polyfills", []))
        config.theme["features"] = offline_features(config.theme.get("features", []))


def _project(config) -> Path:
    return Path(config.config_file_path).parent


def on_files(files, config):
    assert _site is not None
    global _generated
    try:
        paths, warnings = _site.plan()  # waits until the articles are read
    except ArticleError as err:
        raise PluginError(str(err)) from None
    for warning in warnings:
        log.warning(warning)
    for src_uri in paths:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri}: this page is made from the articles; rename or remove the file")
        # Its Markdown is given when MkDocs reads it (on_page_read_source), by then made.
        files.append(File.generated(config, src_uri, content=""))
    _generated = frozenset(paths)
    files.append(File.generated(config, HELP_SCRIPT, content=config.extra["worth"]["help_script"]))
    return files


def on_page_read_source(page, config):
    if page.file.src_uri not in _generated:
        return None
    assert _site is not None
    try:
        markdown = _site.markdown(page.file.src_uri)
    except ArticleError as err:
        raise PluginError(str(err)) from None
    page.file.content_string = markdown  # for anything that reads the file rather than the page
    return markdown


def on_env(env, config, files):
    # Every page has been read: the process that made them has finished; reap it.
    _finish()
    return env


def on_build_error(error):
    _finish()


def _finish() -> None:
    global _site, _generated
    if _site is not None:
        _site.close()
    _site, _generated = None, frozenset()


def on_page_content(html, page, config, files):
    # The theme's `hide: toc` only hides a page's table of contents; it still sends it, twice (beside
    # the text and in the menu for small screens). A page that hides it (the sources page of a
    # large site, whose headings are every article) goes without it, and so without those bytes.
    if "toc" in (page.meta.get("hide") or ()):
        page.toc = get_toc([])
    return html


def on_startup(command, dirty):
    # `mkdocs serve` adds its live-reload script to each page as it serves it, so the preview
    # goes without the CSP (a built site always has it). The hook is loaded afresh for every
    # rebuild, so the answer is kept in the environment of this one process.
    os.environ[_PREVIEW] = "1" if command == "serve" else ""


@event_priority(-100)  # last, so the page's CSP hashes the scripts other steps may have added
def on_post_page(output, page, config):
    return secure_page(output, csp=not os.environ.get(_PREVIEW))


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return secure_page(output_content, csp=not os.environ.get(_PREVIEW))


def on_serve(server, config, builder):
    assert _settings is not None
    server.watch(str(_settings.articles_dir))
    # The editor's data files, read from the same folder as the pipeline reads them (worth.site).
    data_dir = _settings.config_dir or _settings.articles_dir.parent
    for name in ("glossary.yml", "checklist.yml", HELP_FILE):
        if (data_dir / name).exists():
            server.watch(str(data_dir / name))
    return server


@event_priority(-200)  # after material's offline plugin (-100) has written search_index.js
def on_post_build(config):
    assert _settings is not None
    if not _settings.offline:
        return
    from worth.offline import OfflineBundleError, bundle_zip_path, finish_bundle

    zip_path = bundle_zip_path(config_dir=_project(config), extra=config.extra)
    try:
        report = finish_bundle(Path(config.site_dir), zip_path)
    except OfflineBundleError as err:
        raise PluginError(str(err)) from None
    log.info("Offline bundle: %s (%d files, %d KB)", report.zip_path, report.files, report.zip_bytes // 1024)
