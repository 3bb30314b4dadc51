"""The site's pages made by another process while MkDocs gets on with its own work.

MkDocs needs to know every page before it reads the first, but not every page's Markdown: so a
forked process reads the articles, sends where every page will be (``SitePages.plan``), then
sends each page as soon as it is made, the article pages first, while MkDocs renders those that
have come (``SitePages.markdown``). On a large site most of the pages are made while MkDocs
works, rather than before it starts.

The MkDocs process needs only the pages' paths and Markdown, so this is all of the pipeline it
imports: the forked process imports the rest (``site`` and every stage, some 30 ms of compiling
patterns and classes) and sends plain strings, which the MkDocs process reads without importing
anything more. Where this process may not fork, the pages are made here, as they are asked for.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

from .parallel import Stream, start_stream
from .settings import Settings


class SitePages:
    """The generated pages as MkDocs takes them: ``plan()`` once, then ``markdown(path)`` for
    each page, in any order. ``close()`` stops the making (the rest are not wanted)."""

    def __init__(self, made: Stream[tuple]) -> None:
        self._made = made
        self._plan: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._pages: dict[str, str] = {}

    def plan(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Where every page will be, in the order they are made, and the warnings for the editor;
        waits until the articles are read, and raises the ``ArticleError`` of a bad one."""
        if self._plan is None:
            self._plan = next(self._made)
        return self._plan

    def markdown(self, path: str) -> str:
        """The Markdown of the page at ``path`` (one of the plan's), waiting until it is made."""
        self.plan()  # sent first
        while path not in self._pages:
            try:
                made_path, markdown = next(self._made)
            except StopIteration:
                raise RuntimeError(f"{path}: this page was planned but not made") from None
            self._pages[made_path] = markdown
        return self._pages[path]

    def close(self) -> None:
        self._made.close()


def start_site_pages(settings: Settings, *, display_root: Path | None = None, in_background: bool = True) -> SitePages:
    """The pages of ``site.begin_pages``, made by a forked process that begins now (where this
    process may fork, and ``in_background``), so that the caller goes on meanwhile."""

    here = os.getpid()

    def made() -> Iterator[tuple]:
        from .site import begin_pages  # here, not at the top: see the module docstring

        if os.getpid() != here:
            # A forked process, which ends once the pages are sent: the cycle collector rests for
            # all of it, not only while the pipeline's longer steps run (``site``), since what it
            # makes holds no cycles and is all freed at once when the process ends.
            gc.disable()
        plan, pages = begin_pages(settings, display_root=display_root)
        yield plan.paths, plan.warnings
        for page in pages:
            yield page.src_uri, page.content

    return SitePages(start_stream(made, parallel=in_background))
