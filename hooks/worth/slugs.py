"""Readable, stable anchors from headings.

``slugify("Emotional Minimization")`` gives ``emotional-minimization``: lower case ASCII words
joined by hyphens, accents folded, apostrophes dropped (``doesn't`` -> ``doesnt``). The same text
always gives the same slug, so links to a section survive rebuilds. ``unique_slug`` adds ``-2``,
``-3``... when a slug is already taken in the same page.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_NUMBERING = re.compile(r"^\s*(?:\d+|[ivxlc]+)[.):]\s+", re.IGNORECASE)
MAX_SLUG_LENGTH = 60


def slugify(text: str, *, fallback: str = "section") -> str:
    """Turn a heading (or a file name) into a URL fragment; ``fallback`` when nothing is left.

    Leading numbering ("4. ") is dropped so renumbering a list does not break links. Long
    slugs are cut at a word boundary to at most ``MAX_SLUG_LENGTH`` characters.
    """
    text = _APOSTROPHES.sub("", _NUMBERING.sub("", text))
    if text.isascii():  # most headings: nothing to fold, and every other mark is a separator below
        folded = text
    else:
        # Dashes and other marks separate words ("Luxury—It's"); accents are folded away.
        spaced = "".join(ch if ch.isalnum() else " " for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        folded = spaced.encode("ascii", "ignore").decode("ascii")
    slug = _NOT_WORD.sub("-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:MAX_SLUG_LENGTH]
    return slug.strip("-") or fallback


def unique_slug(base: str, taken: Collection[str]) -> str:
    """``base`` if it is not in ``taken``, else ``base-2``, ``base-3``... (``taken`` is not changed)."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
