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
from collections.abc import Iterator

from .csp import add_csp_meta

# An <a> tag with "//" in it: only such a tag can hold an address that leaves the site, and
# passing only those to ``_mark`` spares a Python call for each of a page's many own links.
_ANCHOR = re.compile(r"<a\b[^>]*?//[^>]*>", re.IGNORECASE)
# ``_ANCHOR`` is found from its "//" (a page has a few, in addresses) back to its "<a", rather than
# from every "<" of the page forward through every tag, looking for a "//".
_SLASHES = re.compile("//")
_ANCHOR_OPENING = re.compile(r"<a\b", re.IGNORECASE)
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


def _anchor_spans(html: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_ANCHOR.finditer(html)``, in order.

    A match runs from an ``<a`` to the first ">" after it, with a "//" in between, so it is the
    stretch between two ">" that holds a "//" with an ``<a`` before it: for each "//", the first
    ``<a`` after the last ">" before it (and after the last match) starts a match, and the next
    ">" ends it. Without a ">" after a "//", nothing after it can match."""
    done = 0
    for slashes in _SLASHES.finditer(html):
        at = slashes.start()
        if at < done:
            continue
        last_close = html.rfind(">", done, at)
        opening = _ANCHOR_OPENING.search(html, done if last_close < 0 else last_close + 1, at)
        if opening is None:
            continue
        close = html.find(">", at)
        if close < 0:
            return
        done = close + 1
        yield opening.start(), done


def mark_external_links(html: str) -> str:
    """``html`` with ``noopener noreferrer`` added to the ``rel`` of every ``<a>`` that leaves the
    site (other words already in ``rel`` are kept)."""
    pieces: list[str] = []
    done = 0
    for start, end in _anchor_spans(html):
        pieces += (html[done:start], _mark(html[start:end]))
        done = end
    if not pieces:
        return html
    pieces.append(html[done:])
    return "".join(pieces)


def secure_page(html: str, *, csp: bool = True) -> str:
    """A built page made ready to publish: external links marked, then (unless ``csp`` is False)
    the page's own Content-Security-Policy added as a meta tag, computed last from the finished
    page. ``csp=False`` is for the local preview, whose server adds a script of its own to every
    page after the build, which no hash computed here could allow."""
    marked = mark_external_links(html)
    return add_csp_meta(marked) if csp else marked
