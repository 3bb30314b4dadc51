"""The only MkDocs glue: turn articles into virtual pages, watch them, report bad input.

Everything else lives in the pure ``worth`` package beside this file (which never imports
mkdocs). MkDocs puts this folder on ``sys.path`` only while it loads the hook, so the package is
imported at the top.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from worth.model import ArticleError
from worth.pipeline import load_articles
from worth.plan import plan_pages
from worth.settings import Settings, settings_from_config

log = logging.getLogger("mkdocs.plugins.worth")

_settings: Settings | None = None


def on_config(config):
    global _settings
    offline = any(name == "material/offline" or name == "offline" for name in config.plugins) and bool(
        getattr(config.plugins.get("material/offline"), "config", {}).get("enabled", False)
    )
    _settings = settings_from_config(
        config_dir=Path(config.config_file_path).parent, extra=config.extra, offline=offline
    )
    return config


def on_files(files, config):
    assert _settings is not None
    try:
        result = load_articles(_settings.articles_dir, display_root=Path(config.config_file_path).parent)
    except ArticleError as err:
        raise PluginError(str(err)) from None
    for warning in result.warnings:
        log.warning(warning)
    for spec in plan_pages(result.articles, _settings):
        files.append(File.generated(config, spec.src_uri, content=spec.content))
    return files


def on_serve(server, config, builder):
    assert _settings is not None
    server.watch(str(_settings.articles_dir))
    return server
