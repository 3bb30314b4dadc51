"""The search index of a build that rendered only some pages (``--dirty``), made whole.

MkDocs' ``--dirty`` builds (and ``mkdocs serve --dirty``) render only the pages whose source
changed, and the theme's search plugin then indexes only those. Its own merge with the previous
index assumes one changed page, so several changed pages leave duplicates, and a dirty build
without a previous index in memory loses every page it did not render. Here the index is made
whole the plain way: each page's entries from this build where it was rendered, else from the
index the previous build wrote, in the order a clean build lists them.

The entries are kept as plain text (``plain_entries``), which the site's own search worker reads.
Online it reads them from ``search/passages.txt`` (``write_search_files``), a shape it can scan
without parsing: see that function.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

Entry = Mapping[str, Any]  # one document of the index: {"location": "costs/#anchor", "title": ..., "text": ...}


def page_location(url: str) -> str:
    """A page's URL as the index writes it: the home page's ``./`` is empty."""
    return "" if url in (".", "./") else url


def page_of(entry: Entry) -> str:
    """The page an entry belongs to: its location without the anchor (``costs/#x`` -> ``costs/``)."""
    return str(entry.get("location", "")).partition("#")[0]


def read_index_entries(site_dir: Path) -> list[Entry] | None:
    """The entries of the index a previous build wrote into ``site_dir``, or None when there is
    none that can be read."""
    try:
        data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
        docs = data["docs"]
    except Exception:  # no previous build, or a damaged file: nothing to take from it
        return None
    return [doc for doc in docs if isinstance(doc, dict)] if isinstance(docs, list) else None


def complete_entries(
    fresh: Iterable[Entry], previous: Iterable[Entry], *, pages: Sequence[str], rendered: Iterable[str]
) -> list[Entry]:
    """The whole index: for each page of ``pages`` (URLs, in the site's order), the ``fresh``
    entries of this build if it was ``rendered``, else its ``previous`` entries. Pages no longer
    in the site are left out."""
    rendered = {page_location(url) for url in rendered}
    fresh_by_page = _by_page(fresh)
    previous_by_page = _by_page(previous)
    entries: list[Entry] = []
    for page in map(page_location, pages):
        entries += fresh_by_page.get(page, []) if page in rendered else previous_by_page.get(page, [])
    return entries


def _by_page(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(page_of(entry), []).append(entry)
    return grouped


_TAG = re.compile(r"<[^>]*>")


def plain_text(html_text: str) -> str:
    """The text of the theme's index field ``html_text`` as a reader sees it: tags dropped,
    entities read (``&lt;b&gt;`` is the text ``<b>``), spaces single. Tags are dropped before
    entities are read, so text that shows markup characters stays text. (``str.split`` with no
    argument splits at exactly the characters a regular expression's ``\\s`` matches, in a
    third of the time, and drops them at both ends.)"""
    return " ".join(html.unescape(_TAG.sub(" ", html_text)).split())


def plain_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The index entries of this build with ``title`` and ``text`` as plain text, the form the
    site's search worker (``assets/javascripts/search-worker.js``) reads: it then needs no work
    before its first answer but lower-casing, and the index is smaller. Apply it once, to the
    entries the theme made in this build (plain text read again as HTML would lose a ``<b>``
    that an article shows as text)."""
    out = []
    for entry in entries:
        plain = dict(entry)
        for name in ("title", "text"):
            if isinstance(plain.get(name), str):
                plain[name] = plain_text(plain[name])
        out.append(plain)
    return out


RECORD, FIELD = "\x1e", "\x1f"  # ASCII's record and unit separators: never in plain text


def passages_text(entries: Iterable[Entry]) -> str:
    """Every entry as ``location FIELD title FIELD text``, the entries joined by ``RECORD``: what the
    search worker fetches online (``search/passages.txt``)."""
    return RECORD.join(
        FIELD.join(_without_separators(str(entry.get(name) or "")) for name in ("location", "title", "text"))
        for entry in entries
    )


def _without_separators(text: str) -> str:
    # Two scans for a character that is not there (``str.translate`` looked every character up
    # in a table: a third of a second for the index of a thousand articles).
    return text.replace(RECORD, " ").replace(FIELD, " ")


def write_search_files(site_dir: Path, entries: Sequence[Entry], config: Mapping[str, Any]) -> None:
    """Write ``search/passages.txt`` and ``search/setup.json`` into ``site_dir`` for the website
    (the offline bundle, opened from ``file://``, cannot fetch them and reads the theme's
    ``search_index.js``).

    Why: the theme fetches the whole JSON index in the page, parses it there (about half a second
    at a thousand articles on a phone-speed CPU) and then copies it to its worker. Instead, when
    search first opens, the page fetches ``setup.json`` (the index's configuration, no entries;
    ``partials/search-on-demand.html`` points the theme's request there) and the worker fetches the
    passages itself as one plain text, which it lower-cases and scans in one piece
    (``search-worker.js``): nothing to parse, nothing copied between threads."""
    folder = site_dir / "search"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "passages.txt").write_text(passages_text(entries), encoding="utf-8")
    setup = {"config": dict(config), "docs": []}
    (folder / "setup.json").write_text(json.dumps(setup, separators=(",", ":"), default=str), encoding="utf-8")
