"""Last touches to every built page so that reading it tells no one else anything.

    mark_external_links(html) -> str   (links that leave the site get rel="noopener noreferrer")
    secure_page(html)         -> str   (the above, then the page's Content-Security-Policy)

The site's own links are relative, so a link whose ``href`` is an absolute ``http(s):`` or
``//`` address leaves the site. ``noreferrer`` keeps the address of the page she was reading
from the site she goes to; ``noopener`` keeps that site from reaching back into this tab.
Plain strings in, plain strings out; nothing here imports mkdocs.
"""
from __future__ import annotations

import re

from .csp import add_csp_meta

# An <a> tag with "//" in it: only such a tag can hold an address that leaves the site, and
# passing only those to ``_mark`` spares a Python call for each of a page's many own links.
_ANCHOR = re.compile(r"<a\b[^>]*?//[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_REL = re.compile(r"""\srel\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_PROTECTIONS = ("noopener", "noreferrer")


def _mark(tag: str) -> str:
    href = _HREF.search(tag)
    if href is None or not _EXTERNAL.match(href.group(1).strip("\"'")):
        return tag
    rel = _REL.search(tag)
    if rel is None:
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end]} rel="{" ".join(_PROTECTIONS)}"{tag[end:]}'
    words = rel.group(1).strip("\"'").split()
    words += [word for word in _PROTECTIONS if word not in (w.lower() for w in words)]
    return f'{tag[: rel.start()]} rel="{" ".join(words)}"{tag[rel.end() :]}'


def mark_external_links(html: str) -> str:
    """``html`` with ``noopener noreferrer`` added to the ``rel`` of every ``<a>`` that leaves the
    site (other words already in ``rel`` are kept)."""
    return _ANCHOR.sub(lambda match: _mark(match.group(0)), html)


def secure_page(html: str, *, csp: bool = True) -> str:
    """A built page made ready to publish: external links marked, then (unless ``csp`` is False)
    the page's own Content-Security-Policy added as a meta tag, computed last from the finished
    page. ``csp=False`` is for the local preview, whose server adds a script of its own to every
    page after the build, which no hash computed here could allow."""
    marked = mark_external_links(html)
    return add_csp_meta(marked) if csp else marked
