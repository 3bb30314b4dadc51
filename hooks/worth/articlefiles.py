"""Which files of the articles folder are articles, and the page each one makes.

    list_article_files(folder)  -> ArticleFiles (the paths to read, in name order, and warnings)
    page_name_clashes(paths)    -> ArticleError[] (two files wanting one page, or a page the site keeps)

Only what is inside the folder is read: a link (or anything else) that leads outside it is left
out with a warning naming it, so a link to a system file can never become a page. Files whose
names end in ``.txt``, ``.md``, ``.markdown``, ``.html`` or ``.htm``, in any case (``.TXT``,
``.Md``), are articles, and a ``.yml`` beside a web page is its settings; any other file, and a
folder named like an article, is named in a warning; hidden files (a name starting with a dot:
``.DS_Store``, an editor's swap file) are skipped without a word.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import ArticleError
from .read import file_suffix, path_metadata

# Compared with the file name's ending in small letters. A saved web page (.html, .htm) may have
# its settings in a .yml file of the same name beside it (see ``webpage``).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
WEB_PAGE_SUFFIXES = (".html", ".htm")
SETTINGS_SUFFIX = ".yml"
# Pages of the articles folder the site makes itself: no article may take their name.
RESERVED_ARTICLE_PAGES = {"index": "the list of all articles"}


@dataclass(frozen=True)
class ArticleFiles:
    """The article files of a folder (sorted by name) and one warning line per file left out."""

    paths: tuple[Path, ...]
    warnings: tuple[str, ...] = ()


def list_article_files(folder: Path, *, display_root: Path | None = None) -> ArticleFiles:
    """The files to read as articles in ``folder`` (not its subfolders), and warnings naming
    what is left out and why. Names in warnings are relative to ``display_root`` when given.
    A folder that cannot be listed is an ``ArticleError``."""
    folder = Path(folder)
    try:
        root = folder.resolve(strict=True)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as err:
        raise ArticleError(shown_path(folder, display_root), None, f"cannot be read ({err.strerror or err}); check the folder") from None
    paths: list[Path] = []
    warnings: list[str] = []
    web_pages = {_stem(entry.name) for entry in entries if file_suffix(entry.name) in WEB_PAGE_SUFFIXES}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        shown = shown_path(path, display_root)
        suffix = file_suffix(entry.name)
        is_article_name = suffix in ARTICLE_SUFFIXES
        # Only a link can lead elsewhere: anything else listed here is inside the folder, and the
        # listing already says what it is, with no call to the file system per file.
        if entry.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # a link to nothing, or a loop of links
                warnings.append(f"{shown}: is a link to a file that does not exist, so it is left out; remove it or link it to an article")
                continue
            if not target.is_relative_to(root):
                warnings.append(
                    f"{shown}: leads outside the articles folder (to {target}), so it is not read; "
                    "put the article itself in the folder"
                )
                continue
        if entry.is_dir():
            if is_article_name:
                warnings.append(f"{shown}: is a folder, not an article, so it is not read; articles are files directly in the folder")
        elif not entry.is_file():
            warnings.append(f"{shown}: is not a regular file, so it is not read; articles are text files")
        elif suffix == SETTINGS_SUFFIX and _stem(entry.name) in web_pages:
            continue  # a web page's settings, read with the page
        elif not is_article_name:
            warnings.append(
                f"{shown}: is not read, as only .txt, .md, .markdown, .html and .htm files are articles; "
                "rename it if it is an article, or move it out of the folder"
            )
        else:
            paths.append(path)
    return ArticleFiles(tuple(paths), tuple(warnings))


def _stem(name: str) -> str:
    return PurePath(name).stem


def article_page_name(path: str | PurePath) -> str:
    """The page an article file makes, as its address reads under the site: ``articles/<slug>/``."""
    return f"articles/{path_metadata(str(path)).slug}/"


def page_name_clashes(paths: Sequence[str]) -> list[ArticleError]:
    """One error for each file (as named in ``paths``, in order) whose page another file before
    it already makes, or that the site keeps for itself; each names both files and the page."""
    first_with: dict[str, str] = {}
    errors = []
    for path in paths:
        slug = path_metadata(str(path)).slug
        page = article_page_name(path)
        if slug in RESERVED_ARTICLE_PAGES:
            errors.append(ArticleError(
                path, None, f"would make the page articles/{slug}.md, which the site keeps for {RESERVED_ARTICLE_PAGES[slug]}; rename the file",
            ))
        elif page in first_with:
            errors.append(ArticleError(
                path, None, f"and {first_with[page]} both make the page {page}; rename one of them",
            ))
        else:
            first_with[page] = path
    return errors


def shown_path(path: Path, display_root: Path | None) -> str:
    """How a file is named in messages: relative to ``display_root`` (the project) when inside it."""
    try:
        return str(path.relative_to(display_root)) if display_root else str(path)
    except ValueError:
        return str(path)
