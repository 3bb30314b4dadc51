"""What a build keeps for the next one, so that it does not redo work: ``.cache/worth/``.

Like Pelican's reader cache and mkdocs-material's plugins' ``.cache`` folder, keyed by content:

- ``articles/<digit>.pickle``: every article as read (``Article``), keyed by ``article_key``:
  the file's bytes, the name it is shown by, and the pipeline's own code (``code_digest``), in
  sixteen files by the key's first hexadecimal digit. An edited article, or a new version of
  Worth, is simply a new key.
- ``pages/<src_uri>``: the Markdown of every generated page. A page's file is rewritten only
  when its Markdown changes, so its modification time says when it last changed: MkDocs'
  ``--dirty`` builds (and ``mkdocs serve --dirty``) render again only the pages an edit touched.
- ``templates/``: the theme's templates compiled by Jinja (its ``FileSystemBytecodeCache``).
- ``site.json``: the key of the whole site (every article's key, the data files, the settings)
  with the paths and warnings of the pages made from it, so that a build where nothing changed
  takes every page from ``pages/`` without reading any article.

Deleting the folder is always safe: the next build makes everything again. A cache file that
cannot be read (cut short, from another Python) is a miss, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .model import Article

CACHE_FOLDER = Path(".cache") / "worth"
_SHARDS = "0123456789abcdef"  # the first digit of an article's key: which file keeps it


# The libraries whose version changes how an article is read (web pages' extractor, front matter,
# a Markdown article's inline markup).
_READING_LIBRARIES = ("trafilatura", "PyYAML", "markdown-it-py")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the pipeline's own files (its Python and data) and of the versions of the
    libraries that read articles, so that a cache made by other code is never used: an installed
    version or an edited checkout alike."""
    digest = hashlib.sha256()
    for library in _READING_LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")) + sorted(package.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def article_key(data: bytes, *, shown: str, slug: str) -> str:
    """The key of an article read from ``data``, shown in messages as ``shown``, at ``slug``."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(f"\0{shown}\0{slug}\0".encode())
    digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class CachedSite:
    """What ``site.json`` says: the key of the site it was made from, its pages and warnings."""

    key: str
    paths: tuple[str, ...]
    warnings: tuple[str, ...]


class BuildCache:
    """The cache folder of one project (``folder``). Every method is safe to call on a folder
    that is missing, half-written or made by other code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pages_folder = folder / "pages"
        self._articles = folder / "articles"

    def templates_folder(self) -> Path | None:
        """Where the theme's compiled templates are kept (made if missing), or None when the
        folder cannot be made."""
        folder = self.folder / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder

    # -- articles -------------------------------------------------------------------------------

    def articles(self) -> dict[str, Article]:
        """The articles stored by the last build that read any, by key (``article_key``); those
        that cannot be read are left out (read again)."""
        found: dict[str, Article] = {}
        for shard in _SHARDS:
            found.update(self._shard(shard))
        return found

    def _shard(self, shard: str) -> dict[str, Article]:
        try:
            with open(self._articles / f"{shard}.pickle", "rb") as file:
                stored = pickle.load(file)
        except Exception:  # missing, cut short, or from other code: read its articles again
            return {}
        if not isinstance(stored, dict):
            return {}
        return {key: article for key, article in stored.items() if isinstance(article, Article) and key[:1] == shard}

    def store_articles(self, articles: Mapping[str, Article], *, replacing: Mapping[str, Article]) -> None:
        """Keep ``articles`` (by key), the articles of the folder as it is, in place of
        ``replacing`` (what ``articles()`` gave): edited and deleted files leave nothing behind.

        The articles are kept in sixteen files, by the first digit of their key: writing a
        thousand small files, one per article, cost more than pickling every article, while one
        file for all would be pickled whole again after each edit in the preview. So only the
        files whose articles changed are written. A folder that cannot be written only means no
        cache."""
        for shard in _SHARDS:
            kept = {key: article for key, article in articles.items() if key[:1] == shard}
            if kept.keys() == {key for key in replacing if key[:1] == shard}:
                continue
            path = self._articles / f"{shard}.pickle"
            try:
                if kept:
                    _write_atomically(path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                return

    # -- pages ----------------------------------------------------------------------------------

    def site(self) -> CachedSite | None:
        """What the last build stored of its site, or None."""
        try:
            data = json.loads((self.folder / "site.json").read_text(encoding="utf-8"))
            site = CachedSite(str(data["key"]), tuple(map(str, data["paths"])), tuple(map(str, data["warnings"])))
        except Exception:  # missing or damaged: make the pages again
            return None
        if not all(self.page_path(path).is_file() for path in site.paths):
            return None
        return site

    def page_path(self, src_uri: str) -> Path:
        return self.pages_folder / src_uri

    def page(self, src_uri: str) -> str:
        return self.page_path(src_uri).read_text(encoding="utf-8")

    def store_site(self, key: str, pages: dict[str, str], warnings: tuple[str, ...]) -> bool:
        """Store the site made from ``key``: each page's file rewritten only where its Markdown
        changed, pages no longer made removed, then ``site.json``. False when the folder cannot
        be written (the pages are then not in it)."""
        try:
            self._store_site(key, pages, warnings)
        except OSError:
            return False
        return True

    def _store_site(self, key: str, pages: dict[str, str], warnings: tuple[str, ...]) -> None:
        for src_uri, markdown in pages.items():
            path = self.page_path(src_uri)
            data = markdown.encode("utf-8")
            try:
                if path.read_bytes() == data:
                    continue  # unchanged: its modification time stays, and --dirty skips it
            except OSError:
                pass
            _write_atomically(path, data)
        for path in list(self.pages_folder.rglob("*.md")):
            if path.relative_to(self.pages_folder).as_posix() not in pages:
                path.unlink(missing_ok=True)
        record = {"key": key, "paths": list(pages), "warnings": list(warnings)}
        _write_atomically(self.folder / "site.json", json.dumps(record).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, so that a reader
    never sees half a file (two builds at once each write whole files). The temporary file is
    named by the process writing it, which is unique enough (one build at a time per process)
    and half the cost of ``tempfile.mkstemp`` over the thousand pages of a cold build."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
