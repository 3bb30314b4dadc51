"""Typed settings for a build, made from mkdocs.yml's ``extra.worth`` mapping and the config.

``settings_from_config`` takes plain values (never a mkdocs object) and returns ``Settings``;
``settings_from_file`` reads them from a mkdocs.yml without MkDocs (for ``worth export``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from .errors import ArticleError

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs to know about a build.

    ``articles_dir``: the folder of source articles (absolute). ``quick_exit_url``: where the
    quick exit goes. ``offline``: True when building the offline bundle. ``config_dir``: the
    folder of mkdocs.yml (absolute), where the project's other data files live.
    """

    articles_dir: Path
    quick_exit_url: str = DEFAULT_EXIT_URL
    offline: bool = False
    config_dir: Path | None = None


def settings_from_config(*, config_dir: Path, extra: Mapping[str, Any] | None, offline: bool = False) -> Settings:
    """Read ``extra.worth`` (``articles``, ``quick_exit_url``) relative to mkdocs.yml's folder."""
    worth = dict((extra or {}).get("worth") or {})
    return Settings(
        articles_dir=(config_dir / str(worth.get("articles", "articles"))).resolve(),
        quick_exit_url=str(worth.get("quick_exit_url") or DEFAULT_EXIT_URL),
        offline=offline,
        config_dir=config_dir.resolve(),
    )


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as plain data: ``!ENV`` gives the variable or its default, other tags
    (``!relative``, ``!!python/name:``) give None; only ``extra`` matters here."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node, deep=True)
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings_from_file(config_file: Path, *, offline: bool = False) -> Settings:
    """``Settings`` from a mkdocs.yml (its ``extra.worth``), paths relative to its folder.

    Raises ``ArticleError`` naming the file when it is missing or not valid YAML.
    """
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    except OSError:
        raise ArticleError(str(config_file), None, "cannot be read; give the path of the site's mkdocs.yml") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ArticleError(str(config_file), line, "is not valid YAML; fix it and try again") from None
    extra = data.get("extra") if isinstance(data, dict) else None
    return settings_from_config(
        config_dir=config_file.resolve().parent, extra=extra if isinstance(extra, dict) else None, offline=offline
    )
