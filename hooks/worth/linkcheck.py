"""Check a built site folder's links without a server and without the network.

``check_site(site_dir)`` reads every HTML page under ``site_dir`` and returns a ``LinkReport``:

- every internal link resolves to a file in the folder (a directory URL such as
  ``articles/walking-away/`` means its ``index.html``), and every ``#fragment`` names an ``id``
  in the target page;
- every asset a page loads exists (``src``, ``srcset``, ``href`` of ``<link>``, ``poster``, ...);
- links starting with ``/`` are broken everywhere except ``404.html`` (a web server shows that
  page at any depth, so it must name the site's root); there they are resolved against
  ``base_path``, the path of ``site_url`` (``/repo/`` on ``https://user.github.io/repo/``);
- links to other sites are listed in ``LinkReport.external``, never fetched.

Works on the public site (directory URLs) and the offline bundle (``.html`` URLs) alike.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

# Schemes that are neither a file in the site nor a web page to list.
_IGNORED_SCHEMES = {"mailto", "tel", "javascript", "data", "blob", "about", "sms"}
# Which attributes of which tags name something the page links to or loads.
_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}


@dataclass(frozen=True)
class BrokenLink:
    """A link in ``page`` (relative to the site folder) whose ``href`` does not resolve, and why."""

    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.reason})"


@dataclass(frozen=True)
class LinkReport:
    """The result of ``check_site``: broken links in page order, external URLs (sorted, each
    once) and how many pages were read."""

    broken: tuple[BrokenLink, ...]
    external: tuple[str, ...]
    pages: int

    @property
    def ok(self) -> bool:
        return not self.broken


class _PageReader(HTMLParser):
    """Collects a page's ids and the (tag, attribute, value) of every URL it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for attr in _URL_ATTRS.get(tag, ()):
            if attr in values:
                self.urls.append((tag, attr, values[attr]))

    handle_startendtag = handle_starttag


def _read(path: Path) -> _PageReader:
    reader = _PageReader()
    reader.feed(path.read_text(encoding="utf-8", errors="replace"))
    reader.close()
    return reader


def _split_srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def check_site(site_dir: Path, *, base_path: str = "/", directory_urls: bool = True) -> LinkReport:
    """Check every link and asset of the built site at ``site_dir`` (see the module docstring).

    ``base_path`` is the path part of ``site_url`` (``/`` when empty); it is used only for the
    root-relative links of ``404.html``. With ``directory_urls=False`` (the offline bundle,
    opened from disk, where a folder shows a file list) a link to a folder is broken.
    """
    site_dir = site_dir.resolve()
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    pages = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))
    readers = {page: _read(site_dir / page) for page in pages}
    broken: list[BrokenLink] = []
    external: set[str] = set()

    def ids_of(target: str) -> set[str]:
        if target not in readers:
            readers[target] = _read(site_dir / target)
        return readers[target].ids

    for page in pages:
        for tag, attr, value in readers[page].urls:
            for href in _split_srcset(value) if attr == "srcset" else [value.strip()]:
                problem = _resolve(site_dir, page, href, base, ids_of, directory_urls)
                if problem == "external":
                    external.add(href)
                elif problem:
                    broken.append(BrokenLink(page=page, href=href, reason=problem))
    return LinkReport(broken=tuple(broken), external=tuple(sorted(external)), pages=len(pages))


def _resolve(
    site_dir: Path, page: str, href: str, base: str, ids_of: Callable[[str], set[str]], directory_urls: bool
) -> str | None:
    """None when ``href`` in ``page`` resolves; ``"external"`` for another site; else the reason."""
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme.lower() in _IGNORED_SCHEMES:
        return None
    if parts.scheme or parts.netloc:
        return "external" if parts.scheme.lower() in ("http", "https", "") else None
    path = unquote(parts.path)
    if path.startswith("/"):
        if page != "404.html":
            return "starts with /, which breaks when the site lives under a sub-path; use a relative link"
        if not path.startswith(base):
            return f"outside the site's root {base}"
        target = path[len(base):]
    elif path:
        target = posixpath.join(posixpath.dirname(page), path)
    else:
        target = page
    target = posixpath.normpath(target) + ("/" if target.endswith("/") else "")
    if target == "." or target == "./":
        target = ""
    if target.startswith("../") or target == "..":
        return "points outside the site folder"
    file = site_dir / target
    if target == "" or target.endswith("/") or file.is_dir():
        if not directory_urls:
            return "a folder opens as a file list from disk; link to its .html page"
        target = posixpath.join(target.rstrip("/"), "index.html") if target.strip("/") else "index.html"
        file = site_dir / target
    if not file.is_file():
        return f"no such file: {target}"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment != "top" and fragment not in ids_of(target):
        return f'no element with id "{fragment}" in {target}'
    return None


def report_lines(report: LinkReport) -> list[str]:
    """What ``worth check-links`` prints: one line per broken link (``page: href (why)``), then
    the links to other sites (listed, not visited), then a one-line summary."""
    lines = [str(link) for link in report.broken]
    if report.external:
        lines.append(f"Links to other sites (listed, not visited): {len(report.external)}")
        lines.extend(f"  {url}" for url in report.external)
    if report.broken:
        count = len(report.broken)
        lines.append(f"{report.pages} pages checked: {count} broken link{'s' if count != 1 else ''}.")
    else:
        lines.append(f"{report.pages} pages checked: every link and file they use is there.")
    return lines
