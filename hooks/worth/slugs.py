"""Readable, stable anchors from headings.

``slugify("Emotional Minimization")`` gives ``emotional-minimization``: lower case ASCII words
joined by hyphens, accents folded, apostrophes dropped (``doesn't`` -> ``doesnt``). The same text
always gives the same slug, so links to a section survive rebuilds. ``unique_slug`` adds ``-2``,
``-3``... when a slug is already taken in the same page, or is one of the ids the site uses for
itself (``RESERVED_IDS``: the checklist's, the home page's), so that a heading named "Checklist"
or "Sign 1" never takes the checklist's place and links to it never land on the checklist.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_NUMBERING = re.compile(r"^\s*(?:\d+|[ivxlc]+)[.):]\s+", re.IGNORECASE)
MAX_SLUG_LENGTH = 60

# Ids the site's own markup uses on its pages (checklist.py, plan.py, the templates under
# overrides/): no heading may take one. ``tests/test_slugs.py`` checks the list against them.
RESERVED_IDS = frozenset({
    "checklist", "checklist-title", "checklist-remember", "checklist-remember-note",  # the checklist
    "articles", "in-brief",  # home page's list of articles, the theme pages' "More, in brief"
    "page-not-found", "worth-404-pages", "worth-exit-hint",  # the 404 page, the quick exit
})
# The checklist's items: sign-1, sign-2...
_RESERVED_ID_PATTERN = re.compile(r"sign-\d{1,9}")


def is_reserved_id(slug: str) -> bool:
    """Whether the site uses ``slug`` as an id of its own on some page."""
    return slug in RESERVED_IDS or _RESERVED_ID_PATTERN.fullmatch(slug) is not None


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
    """``base`` if it is neither in ``taken`` nor reserved (``is_reserved_id``), else ``base-N``
    for a free N: the smallest (``base-2``, ``base-3``...) when the numbers taken run without a
    gap, as this function gives them (``taken`` is not changed).

    The free number is found by doubling, then halving: a page with thousands of identical
    headings costs a few look-ups per heading, not one per heading before it.
    """
    def free(candidate: str) -> bool:
        return candidate not in taken and not is_reserved_id(candidate)

    if free(base):
        return base
    if free(f"{base}-2"):
        return f"{base}-2"
    low, high = 2, 4  # base-low is taken; look for a free base-high
    while not free(f"{base}-{high}"):
        low, high = high, high * 2
    while high - low > 1:  # base-low taken, base-high free: narrow down to neighbours
        middle = (low + high) // 2
        if free(f"{base}-{middle}"):
            high = middle
        else:
            low = middle
    return f"{base}-{high}"
