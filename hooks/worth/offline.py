"""The offline bundle: a built site folder that works from ``file://``, and one zip of it.

MkDocs builds the folder (material's ``offline`` plugin turns off directory URLs and inlines the
search index into ``search/search_index.js``); this module finishes it:

- ``offline_features`` turns off instant navigation, which cannot work from disk and, left on,
  keeps every page-load script of the theme and the site from running there.
- ``local_polyfills`` swaps the theme's remote worker shim (``https://unpkg.com/iframe-worker/
  shim``) for our own copy inside the bundle, ``LOCAL_WORKER_SHIM``, so search works from
  ``file://`` without a network.
- ``finish_bundle`` removes what a reader opening files from disk never uses (sitemaps, the 404
  page, source maps, the JSON search index, lunr's other languages), refuses a bundle that would
  still load anything from the network, and writes the zip.

Plain paths and strings in, plain values out; nothing here imports mkdocs.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

#: Where our worker shim lives in the docs folder and the built site (see its header comment).
LOCAL_WORKER_SHIM = "assets/javascripts/offline-worker.js"

#: Where the zip goes, relative to mkdocs.yml's folder, unless ``extra.worth.offline_zip`` says.
DEFAULT_ZIP = "dist/worth-offline.zip"

#: The folder a person gets when they unzip the bundle.
ZIP_FOLDER = "worth-offline"

#: Files a reader opening the bundle from disk never uses, as paths relative to the site folder.
#: Sitemaps are for search engines; the 404 page is for web servers; the JSON index is read only
#: over http (``file://`` pages read ``search_index.js``).
UNUSED_FILES = ("sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json")

#: Suffixes of files no reader needs: source maps are for developers' tools.
UNUSED_SUFFIXES = (".map",)

# Attributes through which a page makes the browser fetch something by itself (a plain
# ``<a href>`` only leaves when the reader chooses to follow it).
_FETCHING_TAG = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object|input)\b[^>]*>", re.IGNORECASE
)
_FETCHING_ATTR = re.compile(r"\b(src|href|srcset|data|poster)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_NOT_FETCHED_REL = {"canonical", "alternate", "author", "license", "me", "help", "external"}
_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?((?:https?:)?//[^'\")\s]+)", re.IGNORECASE)


class OfflineBundleError(Exception):
    """The offline bundle cannot be made as promised; the message says why and what to do."""


@dataclass(frozen=True)
class BundleReport:
    """What ``finish_bundle`` did: the zip written, its size in bytes, how many files it holds
    and which files it removed from the site folder (relative paths, sorted)."""

    zip_path: Path
    zip_bytes: int
    files: int
    removed: tuple[str, ...]


def local_polyfills(polyfills: Iterable[Any]) -> list[Any]:
    """Return ``polyfills`` with any remote ``iframe-worker`` script replaced by
    ``LOCAL_WORKER_SHIM`` (a path relative to the site, so each page links to it relatively)."""
    return [
        LOCAL_WORKER_SHIM if isinstance(script, str) and "iframe-worker" in script and _REMOTE.match(script) else script
        for script in polyfills
    ]


def offline_features(features: Iterable[str]) -> list[str]:
    """The theme's ``features`` without instant navigation (``navigation.instant`` and its
    ``.prefetch``/``.progress``/``.preview`` options).

    From ``file://`` the theme skips instant navigation, but in doing so it ends its stream of
    page loads before the first one: nothing that waits for a page load (tooltips, the table of
    contents, the site's own scripts on ``document$``) would ever start. Without the feature the
    page load is announced as usual.
    """
    return [name for name in features if not (name == "navigation.instant" or name.startswith("navigation.instant."))]


def bundle_zip_path(*, config_dir: Path, extra: Mapping[str, Any] | None) -> Path:
    """The zip to write: ``extra.worth.offline_zip`` (default ``DEFAULT_ZIP``) resolved against
    mkdocs.yml's folder ``config_dir``."""
    worth = dict((extra or {}).get("worth") or {})
    return (config_dir / str(worth.get("offline_zip") or DEFAULT_ZIP)).resolve()


def remote_references(html: str) -> list[str]:
    """Every URL in ``html`` that the browser would fetch from the network by itself (scripts,
    styles, images, frames, preconnects, CSS ``url()``), in order of appearance."""
    found: list[str] = []
    for tag in _FETCHING_TAG.finditer(html):
        text = tag.group(0)
        if tag.group(1).lower() == "link":
            rel = re.search(r"\brel\s*=\s*[\"']?([^\"'>]+)", text, re.IGNORECASE)
            if rel and set(rel.group(1).lower().split()) <= _NOT_FETCHED_REL:
                continue
        for attr in _FETCHING_ATTR.finditer(text):
            value = attr.group(2).strip("\"'")
            candidates = [part.split()[0] for part in value.split(",") if part.strip()] if attr.group(1).lower() == "srcset" else [value]
            found.extend(url for url in candidates if _REMOTE.match(url))
    found.extend(match.group(1) for match in _CSS_URL.finditer(html))
    return found


def search_languages(site_dir: Path) -> tuple[str, ...]:
    """The languages of the built search index (``("en",)`` when the index says nothing)."""
    for name in ("search/search_index.json", "search/search_index.js"):
        path = site_dir / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            data = json.loads(text[text.index("{"):])
            return tuple(data.get("config", {}).get("lang") or ("en",))
    return ("en",)


def unused_files(site_dir: Path) -> list[Path]:
    """Files of the built site at ``site_dir`` that the bundle does not need (see
    ``UNUSED_FILES``); lunr's language files go too when search is in English only."""
    unused = [site_dir / name for name in UNUSED_FILES if (site_dir / name).is_file()]
    unused += [path for path in site_dir.rglob("*") if path.is_file() and path.suffix in UNUSED_SUFFIXES]
    if set(search_languages(site_dir)) <= {"en"}:
        unused += [path for path in (site_dir / "assets/javascripts/lunr").rglob("*") if path.is_file()]
    return sorted(set(unused))


def finish_bundle(site_dir: Path, zip_path: Path) -> BundleReport:
    """Turn the built offline site at ``site_dir`` into the bundle and write ``zip_path``.

    Removes ``unused_files``, checks that no page or stylesheet fetches from the network and that
    search can work from disk, then zips the folder under ``ZIP_FOLDER/`` with fixed timestamps
    (the same site gives the same zip). Raises ``OfflineBundleError`` before writing anything
    if the bundle would not work offline.
    """
    problems: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".css"):
            for url in remote_references(path.read_text(encoding="utf-8", errors="replace")):
                problems.append(f"{path.relative_to(site_dir).as_posix()} loads {url}")
    if problems:
        raise OfflineBundleError(
            f"the offline bundle would use the network ({problems[0]}"
            + (f", and {len(problems) - 1} more" if len(problems) > 1 else "")
            + "); keep every script, style and image inside the site"
        )
    for needed in ("index.html", "search/search_index.js", LOCAL_WORKER_SHIM):
        if not (site_dir / needed).is_file():
            raise OfflineBundleError(f"the offline bundle has no {needed}; build it with OFFLINE=true mkdocs build")

    removed = unused_files(site_dir)
    for path in removed:
        path.unlink()
    for folder in sorted((p for p in site_dir.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()

    files = sorted(path for path in site_dir.rglob("*") if path.is_file())
    write_zip(files, site_dir=site_dir, zip_path=zip_path)
    return BundleReport(
        zip_path=zip_path,
        zip_bytes=zip_path.stat().st_size,
        files=len(files),
        removed=tuple(path.relative_to(site_dir).as_posix() for path in removed),
    )


def write_zip(files: Iterable[Path], *, site_dir: Path, zip_path: Path) -> None:
    """Zip ``files`` (under ``site_dir``) as ``ZIP_FOLDER/...`` into ``zip_path``, all or nothing.

    The zip is written under a temporary name of its own beside ``zip_path`` and renamed when
    complete, so two builds at once never write into one file and a reader never finds half a
    zip. A full disk or a folder that cannot be written is an ``OfflineBundleError`` saying so,
    and leaves no temporary file behind (and any earlier zip as it was).
    """
    partial: Path | None = None
    try:
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".part", dir=zip_path.parent)
        partial = Path(name)
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
            for path in files:
                info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}", date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                bundle.writestr(info, path.read_bytes(), compresslevel=9)
        # mkstemp makes a file only its owner can read; the zip is for handing out.
        partial.chmod(0o644)
        partial.replace(zip_path)
        partial = None
    except OSError as err:
        raise OfflineBundleError(
            f"the offline bundle could not be written to {zip_path} ({err.strerror or err}); "
            "free some disk space or set OFFLINE_ZIP to a folder you can write to"
        ) from None
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
