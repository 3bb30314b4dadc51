"""The article pipeline end to end: a file or a folder of articles in, ``Article`` values out.

``load_article(path)`` reads, cleans, structures and themes one article and raises
``ArticleError`` for bad input; ``load_articles(folder)`` reads every article file
(``articlefiles.list_article_files``) in sorted order and returns the articles plus warnings (a
file left out, or an empty article, is a warning naming the file), taking from a
``cache.BuildCache`` the articles it already holds.

Metadata is layered: defaults, then the file's path (slug), then front matter, then what the
text says (the title line, a date stamp). Front matter wins over the text: it is the editor's
correction.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .articlefiles import list_article_files, page_name_clashes, shown_path
from .blocks import detect_blocks
from .cache import BuildCache, article_key
from .errors import ArticleError
from .model import Article, RawArticle, SourceLine
from .noise import MAX_SUSPECTS, CleanText, EditorDrop, clean_lines
from .read import WEB_PAGE_SUFFIXES, file_suffix, path_metadata, read_article, settings_beside
from .sections import build_sections
from .text import ends_a_sentence, loose, words
from .themes import assign_themes


class EmptyArticleError(ArticleError):
    """An article with no text left to show (empty, or only a title and page furniture)."""


@dataclass(frozen=True)
class LoadResult:
    """Articles read from a folder, in path order, and warnings (one line each) for the editor."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()
    sources: tuple[SourceFile, ...] = ()


def article_from_raw(raw: RawArticle) -> Article:
    """Clean, structure and theme an article already read. Raises ``EmptyArticleError`` when no
    text is left."""
    clean: CleanText = clean_page_lines(raw) if is_web_page(raw) else clean_lines(raw)
    blocks = detect_blocks(clean, format=raw.format, overrides=raw.overrides)
    meta = raw.metadata
    title = meta.title or clean.title or meta.slug.replace("-", " ").capitalize()
    sections = assign_themes(build_sections(blocks, format=raw.format, overrides=raw.overrides), overrides=raw.overrides, title=title)
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
        site_name=meta.site_name,
        suspects=clean.suspects,
        warnings=raw.warnings,
    )


def is_web_page(raw: RawArticle) -> bool:
    """Whether ``raw`` was read from a saved web page (``webpage``)."""
    return file_suffix(raw.path) in WEB_PAGE_SUFFIXES


# Rules of the cleaning stage that a web page's lines still go through: the editor's ``drop``, and
# a copy of the title among the article's blocks.
PAGE_RULES = (EditorDrop.name, "repeated-title")
# How the rule of a page's block the extractor left out starts (``webpage.LEFT_OUT_RULE``, not
# imported from there: that would load the extractor for every site).
LEFT_OUT = "left out"


def clean_page_lines(raw: RawArticle) -> CleanText:
    """``clean_lines`` for a web page: the line judge only advises. The lines it would drop stay in
    the article and are shown to the editor first among the lines that look like furniture
    (``suspects``), who may ``drop`` them; only the editor's ``drop`` and copies of the title go.
    But when the judge finds nothing but furniture in what the extractor took and none of it is
    running text (``has_running_text``: a page of links alone), its drops stand: the page has no
    article, and they are listed as noise. A page whose extractor took sentences is never refused
    for the judge's opinion: the judge learnt its lines from articles in English, and finds only
    "furniture" in an article written in another language.

    The extractor has chosen the page's blocks with what the page's markup says of them, which the
    judge does not see: on the labelled pages of the benchmark (``benchmarks/web_pages.py``, the
    half looked at) the judge dropped 32 lines of the labelled articles (short lines near the end of
    a page, lines of code, a story's "* * *") for 6 lines of furniture; its sure rules alone, 10 of
    the articles' for 2 of furniture.
    """
    clean = clean_lines(raw)
    advised = [n for n in clean.noise if n.rule not in PAGE_RULES and not n.rule.startswith(LEFT_OUT)]
    if not advised:
        return clean
    if not any(line.text.strip() for line in clean.lines) and not has_running_text(raw.lines):
        return clean  # the judge finds only furniture, and no sentence says otherwise: no article
    title, title_line = clean.title, clean.title_line
    first = next((line for line in raw.lines if line.text.strip()), None)
    title_noise = next((n for n in advised if first is not None and (n.line, n.text) == (first.number, first.text)), None)
    if title is None and title_noise is not None and loose(first.text.lstrip("# ")) == loose(raw.metadata.title or ""):
        # The page's title line, which the judge took for furniture too, is the title.
        title, title_line = raw.metadata.title, first.number
        advised.remove(title_noise)
    else:
        title_noise = None
    kept = {id(line) for line in clean.lines}
    back = {(n.line, n.text) for n in advised}
    lines = tuple(line for line in raw.lines if id(line) in kept or (line.number, line.text) in back)
    noise = tuple(n for n in clean.noise if n not in advised and n is not title_noise)
    suspects = (*advised, *clean.suspects)[:MAX_SUSPECTS]
    return replace(clean, lines=lines, noise=noise, suspects=suspects, title=title, title_line=title_line)


# A line of running text: a sentence's end (in any script) after this many words at least, or
# this many characters (a language written without spaces between words).
MIN_RUNNING_WORDS = 8
MIN_RUNNING_CHARACTERS = 40


def has_running_text(lines: Sequence[SourceLine]) -> bool:
    """Whether the lines of a page's article hold running text: a paragraph or a quote (not a
    heading, not a list item: a menu's entries are list items) that ends a sentence and is
    ``MIN_RUNNING_WORDS`` words or ``MIN_RUNNING_CHARACTERS`` characters long."""
    for line in lines:
        text = line.text.strip()
        if not line.literal:
            if not text.startswith(">"):
                continue
            text = text.lstrip("> ")
        if ends_a_sentence(text) and (len(words(text)) >= MIN_RUNNING_WORDS or len(text) >= MIN_RUNNING_CHARACTERS):
            return True
    return False


def load_article(path: Path, *, display_path: str | None = None) -> Article:
    """Read, clean, structure and theme one article. Raises ``ArticleError`` for bad input.

    ``display_path`` is how the file is named in messages and in ``Article.source``.
    """
    shown = display_path or str(path)
    return article_from_bytes(_read_bytes(Path(path), shown), path=Path(path), shown=shown)


def article_from_bytes(data: bytes, *, path: Path, shown: str) -> Article:
    """``load_article`` of a file already read: ``data`` are the bytes of ``path``."""
    raw = read_article(data, path=shown, file=path)
    # The slug comes from the real file name, whatever name is shown in messages.
    slug = path_metadata(str(path)).slug
    if raw.metadata.slug != slug:
        raw = replace(raw, metadata=replace(raw.metadata, slug=slug))
    return article_from_raw(raw)


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise ArticleError(shown, None, f"cannot be read ({err.strerror or err}); check the file name") from None


@dataclass(frozen=True)
class SourceFile:
    """An article file as a build read it: its path, its name in messages, and the key of its
    bytes (``cache.article_key``), to tell later whether it changed while the site was built."""

    path: Path
    shown: str
    key: str


class Sources(list):
    """The article files read, in order, as ``(SourceFile, bytes)`` pairs; ``warnings`` names
    what else the folder holds and why it is not read (``articlefiles.list_article_files``)."""

    warnings: tuple[str, ...] = ()


def read_sources(folder: Path, *, display_root: Path | None = None) -> Sources:
    """Every article file in ``folder`` (sorted by file name) with its bytes. Raises
    ``ArticleError`` when the folder is missing, a file cannot be read, or two files would make
    the same page."""
    if not Path(folder).is_dir():
        shown = shown_path(Path(folder), display_root)
        raise ArticleError(shown, None, "is not a folder of articles; create it, or name the right one in extra.worth.articles in mkdocs.yml")
    listed = list_article_files(Path(folder), display_root=display_root)
    for clash in page_name_clashes([shown_path(path, display_root) for path in listed.paths]):
        raise clash
    found = Sources()
    found.warnings = listed.warnings
    for path in listed.paths:
        shown = shown_path(path, display_root)
        data = _read_bytes(path, shown)
        key = article_key(data + settings_beside(path), shown=shown, slug=path_metadata(str(path)).slug)
        found.append((SourceFile(path, shown, key), data))
    return found


def load_articles(
    folder: Path, *, display_root: Path | None = None, cache: BuildCache | None = None, leave_out_bad: bool = False
) -> LoadResult:
    """Read every article in ``folder`` (sorted by file name); see ``articles_from_sources``."""
    return articles_from_sources(read_sources(folder, display_root=display_root), cache=cache, leave_out_bad=leave_out_bad)


def articles_from_sources(
    sources: list[tuple[SourceFile, bytes]], *, cache: BuildCache | None = None, leave_out_bad: bool = False
) -> LoadResult:
    """The articles of files already read (``read_sources``), in their order; an empty one is a
    warning and is left out.

    An article already in ``cache`` (same bytes, same name, same code) is taken from it rather
    than read again. The first bad article raises its ``ArticleError``, unless ``leave_out_bad``
    (the live preview), where it becomes a warning and the article is left out.
    """
    articles: list[Article] = []
    warnings: list[str] = list(getattr(sources, "warnings", ()))
    stored = cache.articles() if cache else {}
    kept: dict[str, Article] = {}
    with no_cycle_collection():
        for source, data in sources:
            article = stored.get(source.key)
            if article is None:
                try:
                    article = article_from_bytes(data, path=source.path, shown=source.shown)
                except EmptyArticleError as err:
                    warnings.append(f"{err.path}: the article has no text, so it is left out of the site; add its text or remove the file")
                    continue
                except ArticleError as err:
                    if not leave_out_bad:
                        raise
                    warnings.append(f"{err}; it is left out of the preview until it is fixed")
                    continue
            kept[source.key] = article
            warnings.extend(article.warnings)
            articles.append(article)
    if cache and kept.keys() != stored.keys():  # an article read, edited or deleted
        cache.store_articles(kept, replacing=stored)
    return LoadResult(tuple(articles), tuple(warnings), tuple(source for source, _data in sources))


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while articles are read or pages made, then restored as
    it was.

    Reading and making pages create a few hundred thousand small objects (lines, blocks,
    sections, links) that hold no reference cycles; the collector's full passes over them found
    nothing to free, and took 3% of the reading and a fifth of the whole pipeline's time on a
    thousand articles. Everything is still freed by reference counting as usual.

    What was made and is still alive at the end (the articles, the pages) is kept by the build:
    it is moved at once to the collector's oldest generation (``gc.freeze``, then
    ``gc.unfreeze``, which move objects between generations without looking at them), instead
    of being looked through by the first young collection after the pause, which would find
    nothing to free either and took 2% of the reading. Later full collections see it as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def changed_sources(sources: tuple[SourceFile, ...]) -> list[str]:
    """The names of the files in ``sources`` whose bytes are no longer those that were read (or
    that are gone): they changed while the site was built."""
    changed = []
    for source in sources:
        try:
            data = source.path.read_bytes() + settings_beside(source.path)
        except OSError:
            changed.append(source.shown)
            continue
        if article_key(data, shown=source.shown, slug=path_metadata(str(source.path)).slug) != source.key:
            changed.append(source.shown)
    return changed

