"""The article pipeline end to end: a file or a folder of articles in, ``Article`` values out.

``load_article(path)`` reads, cleans, structures and themes one article and raises
``ArticleError`` for bad input; ``load_articles(folder)`` reads every ``.txt`` and ``.md`` file
in sorted order and returns the articles plus warnings (an empty article is a warning naming
the file and is skipped).

Metadata is layered: defaults, then the file's path (slug), then front matter, then what the
text says (the title line, a date stamp). Front matter wins over the text: it is the editor's
correction.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .blocks import detect_blocks
from .errors import ArticleError
from .model import Article, RawArticle
from .noise import CleanText, clean_lines
from .parallel import fork_map
from .read import path_metadata, read_article
from .sections import build_sections
from .themes import assign_themes

ARTICLE_SUFFIXES = (".txt", ".md")


class EmptyArticleError(ArticleError):
    """An article with no text left to show (empty, or only a title and page furniture)."""


@dataclass(frozen=True)
class LoadResult:
    """Articles read from a folder, in path order, and warnings (one line each) for the editor."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


def article_from_raw(raw: RawArticle) -> Article:
    """Clean, structure and theme an article already read. Raises ``EmptyArticleError`` when no
    text is left."""
    clean: CleanText = clean_lines(raw)
    blocks = detect_blocks(clean, format=raw.format, overrides=raw.overrides)
    meta = raw.metadata
    title = meta.title or clean.title or meta.slug.replace("-", " ").capitalize()
    sections = assign_themes(build_sections(blocks, format=raw.format), overrides=raw.overrides, title=title)
    if not any(s.paragraphs for s in sections):
        raise EmptyArticleError(raw.path, 1, "the article has no text; add its text or remove the file")
    return Article(
        slug=meta.slug,
        source=raw.path,
        title=title,
        sections=sections,
        noise=clean.noise,
        date=meta.date or clean.date,
        author=meta.author,
        source_url=meta.source_url,
        summary=meta.summary,
        overrides=raw.overrides,
        suspects=clean.suspects,
    )


def load_article(path: Path, *, display_path: str | None = None) -> Article:
    """Read, clean, structure and theme one article. Raises ``ArticleError`` for bad input.

    ``display_path`` is how the file is named in messages and in ``Article.source``.
    """
    shown = display_path or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise ArticleError(shown, None, f"cannot be read ({err.strerror or err}); check the file name") from None
    raw = read_article(data, path=shown)
    # The slug comes from the real file name, whatever name is shown in messages.
    raw = replace(raw, metadata=replace(raw.metadata, slug=path_metadata(str(path)).slug))
    return article_from_raw(raw)


def load_articles(folder: Path, *, display_root: Path | None = None, parallel: bool = True) -> LoadResult:
    """Read every article in ``folder`` (sorted by file name); empty ones become warnings.

    File names are shown relative to ``display_root`` when given. A large folder is shared out
    to several processes when the machine has the cores (``parallel.fork_map``); the result is
    the same either way, in the same order, and the first bad article raises its ``ArticleError``.
    """
    if not Path(folder).is_dir():
        shown = shown_path(Path(folder), display_root)
        raise ArticleError(shown, None, "is not a folder of articles; create it, or name the right one in extra.worth.articles in mkdocs.yml")
    jobs = []
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix in ARTICLE_SUFFIXES and p.is_file()):
        jobs.append((path, shown_path(path, display_root)))
    # Each article is read on its own, so the work splits cleanly over the cores.
    outcomes = fork_map(lambda index: _load_or_warn(jobs[index]), len(jobs), parallel=parallel)
    articles = tuple(outcome for outcome in outcomes if isinstance(outcome, Article))
    warnings = tuple(outcome for outcome in outcomes if isinstance(outcome, str))
    return LoadResult(articles, warnings)


def shown_path(path: Path, display_root: Path | None) -> str:
    """How a file is named in messages: relative to ``display_root`` (the project) when inside it."""
    try:
        return str(path.relative_to(display_root)) if display_root else str(path)
    except ValueError:
        return str(path)


def _load_or_warn(job: tuple[Path, str]) -> Article | str:
    """One article, or the warning that it is empty (other bad input raises)."""
    path, shown = job
    try:
        return load_article(path, display_path=shown)
    except EmptyArticleError as err:
        return f"{err.path}: the article has no text, so it is left out of the site; add its text or remove the file"
