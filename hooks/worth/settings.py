"""Typed settings for a build, made from mkdocs.yml's ``extra.worth`` mapping and the config.

``settings_from_config`` takes plain values (never a mkdocs object) and returns ``Settings``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs to know about a build.

    ``articles_dir``: the folder of source articles (absolute). ``quick_exit_url``: where the
    quick exit goes. ``offline``: True when building the offline bundle.
    """

    articles_dir: Path
    quick_exit_url: str = DEFAULT_EXIT_URL
    offline: bool = False


def settings_from_config(*, config_dir: Path, extra: Mapping[str, Any] | None, offline: bool = False) -> Settings:
    """Read ``extra.worth`` (``articles``, ``quick_exit_url``) relative to mkdocs.yml's folder."""
    worth = dict((extra or {}).get("worth") or {})
    return Settings(
        articles_dir=(config_dir / str(worth.get("articles", "articles"))).resolve(),
        quick_exit_url=str(worth.get("quick_exit_url") or DEFAULT_EXIT_URL),
        offline=offline,
    )
