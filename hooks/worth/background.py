"""The site's pages made by another process while MkDocs gets on with its own work.

The MkDocs process needs only the pages' paths and Markdown, so this is all of the pipeline it
imports: the forked process imports the rest (``site`` and every stage, some 35 ms of compiling
patterns and classes) and sends the pages back as plain strings, which the MkDocs process reads
without importing anything more. Where this process may not fork, the pages are made here, when
they are asked for.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .parallel import Pending, start_in_background
from .settings import Settings


@dataclass(frozen=True)
class SitePages:
    """What MkDocs is given: each page's path under docs and its Markdown, and the warnings."""

    pages: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...] = ()


def make_site_pages(settings: Settings, *, display_root: Path | None = None) -> SitePages:
    """``site.generate_pages`` as plain strings; raises the ``ArticleError`` it raises."""
    from .site import generate_pages  # here, not at the top: see the module docstring

    site = generate_pages(settings, display_root=display_root)
    return SitePages(tuple((page.src_uri, page.content) for page in site.pages), site.warnings)


def start_site_pages(settings: Settings, *, display_root: Path | None = None) -> Pending[SitePages]:
    """``make_site_pages`` begun by a forked process, so that the caller goes on meanwhile;
    ``result()`` waits for the pages and raises what ``make_site_pages`` would."""
    return start_in_background(lambda: make_site_pages(settings, display_root=display_root))
