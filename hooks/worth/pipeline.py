"""The article pipeline end to end: a file or a folder of articles in, ``Article`` values out.

``load_article(path)`` raises ``ArticleError`` for bad input; ``load_articles(folder)`` reads every
``.txt`` and ``.md`` file in sorted order and returns the articles plus warnings (an empty article
is a warning naming the file and is skipped).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Article, ArticleError, Block, BlockKind, Section, Theme

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class LoadResult:
    """Articles read from a folder, in path order, and warnings (one line each) for the editor."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


def load_article(path: Path, *, display_path: str | None = None) -> Article:
    """Read, clean, structure and theme one article. Raises ``ArticleError`` for bad input.

    PLACEHOLDER until the reader lands: every non-blank line is a paragraph of one section.
    """
    shown = display_path or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(shown, None, f"not UTF-8 (byte {err.start}); save the file as UTF-8") from None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise ArticleError(shown, 1, "the article is empty")
    blocks = tuple(Block(BlockKind.PARAGRAPH, (ln,), i + 1) for i, ln in enumerate(lines[1:]))
    section = Section(None, 2, Theme.OTHER, blocks, 1, "start")
    return Article(slug=path.stem, source=shown, title=lines[0], sections=(section,))


def load_articles(folder: Path, *, display_root: Path | None = None) -> LoadResult:
    """Read every article in ``folder`` (sorted by file name)."""
    articles = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES and p.is_file()):
        shown = str(path.relative_to(display_root)) if display_root else str(path)
        articles.append(load_article(path, display_path=shown))
    return LoadResult(tuple(articles))
