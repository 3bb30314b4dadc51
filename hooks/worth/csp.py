"""A Content-Security-Policy for one built page, computed from the page itself.

    content_security_policy(html) -> str    (the policy the page needs, and nothing more)
    add_csp_meta(html)            -> str    (the page with the policy in a <meta> early in <head>)

What the policy allows, and why:

- ``default-src 'none'``: anything not named below is refused.
- ``script-src 'self'`` plus the sha256 hash of every inline ``<script>`` that runs (the theme's
  small storage and colour-scheme scripts). No ``'unsafe-inline'``: an injected script has no
  matching hash and does not run. JSON data blocks (``type="application/json"``) are not run, so
  they need no hash.
- ``style-src 'self'``: the theme's pages carry no ``<style>`` element and no ``style=``
  attribute, so no inline style is allowed at all. The theme's scripts change styles only through
  the CSSOM (``element.style.top = ...``), which a policy does not restrict. If a page ever does
  carry inline styles, they are allowed one by one by hash: ``<style>`` contents in
  ``style-src-elem``, ``style=`` values in ``style-src-attr`` with ``'unsafe-hashes'`` (the only
  way a hash can cover an attribute), never with ``'unsafe-inline'``.
- ``img-src 'self' data:``: the theme draws its icons in CSS as ``data:`` SVG masks.
- ``font-src``, ``connect-src`` (the search index, the sitemap for instant navigation),
  ``worker-src`` (the search worker), ``frame-src`` (the offline bundle runs search in a hidden
  same-origin frame instead of a worker), ``manifest-src``, ``media-src``: the site's own files
  only.
- ``base-uri 'none'``, ``form-action 'self'``, ``object-src 'none'``: no way to re-point the
  page's links, send a form elsewhere or embed a plugin.

Browsers ignore ``frame-ancestors``, ``report-uri`` and ``sandbox`` in a meta tag, so the policy
leaves them out. Plain strings in, plain strings out; nothing here imports mkdocs.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from html.parser import HTMLParser

# Script types a browser runs; any other type (application/json, text/template...) is data.
_RUNNABLE_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}

# <script> and <style> hold raw text up to the first closing tag, so regular expressions read
# their contents exactly as the browser does (the hash must match byte for byte): an element is
# ``<script\b([^>]*)>(.*?)</script\s*>`` (case-blind, "." matching newlines too), and likewise
# for ``<style``. It is read in two steps, the opening tag and then the first closing tag after
# it, because a closing tag searched for on its own is looked for only at each "<", where after
# ``(.*?)`` it would be tried after every character of the element.
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
_STYLE_OPEN = re.compile(r"<style\b[^>]*>", re.IGNORECASE)
_STYLE_CLOSE = re.compile(r"</style\s*>", re.IGNORECASE)
# Where either element can start, so that one scan of the page finds both. Only what follows the
# "<" is case-blind: a pattern that opens with a plain character is searched for by jumping from
# one "<" to the next, and tried only there.
_ELEMENT_START = re.compile(r"<(?=(?i:script|style)\b)")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

#: The directives every page gets, in order; ``script-src`` and ``style-src`` get hashes added.
BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("form-action", "'self'"),
    ("base-uri", "'none'"),
    ("object-src", "'none'"),
)


@functools.lru_cache(maxsize=256)
def csp_hash(text: str) -> str:
    """The CSP source expression for ``text``: ``'sha256-<base64 of its UTF-8 digest>'``. Cached
    (bounded): every page of a site carries the same few inline scripts."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attributes(tag_attributes: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in _ATTR.findall(tag_attributes):
        found.setdefault(name.lower(), value.strip("\"'") if value else "")
    return found


@functools.lru_cache(maxsize=256)
def _runs(tag_attributes: str) -> bool:
    """Whether a browser runs an inline ``<script>`` with these attributes: no ``src``, and a
    runnable type. Cached (bounded) because every page of a site repeats the same few tags."""
    attrs = _attributes(tag_attributes)
    return "src" not in attrs and attrs.get("type", "").strip().lower() in _RUNNABLE_SCRIPT_TYPES


def _inline_elements(html: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(inline_scripts(html), inline_styles(html))`` from one scan of the page.

    Each is what ``findall`` of its element's pattern gives: an element can only begin where
    ``_ELEMENT_START`` finds, so it is read at those places alone and, as ``findall`` goes on after
    the end of each match, places inside the last element of the same kind are passed over. Once a
    closing tag is missing, no later element of that kind can be closed either."""
    scripts: list[str] = []
    styles: list[str] = []
    script_end = style_end = 0
    for start in _ELEMENT_START.finditer(html):
        at = start.start()
        if at >= script_end and (opening := _SCRIPT_OPEN.match(html, at)):
            script_end, body = _element_body(html, opening, _SCRIPT_CLOSE)
            if body is not None and _runs(opening.group(1)):
                scripts.append(body)
        elif at >= style_end and (opening := _STYLE_OPEN.match(html, at)):
            style_end, body = _element_body(html, opening, _STYLE_CLOSE)
            if body is not None:
                styles.append(body)
    return tuple(scripts), tuple(styles)


def _element_body(html: str, opening: re.Match[str], closing: re.Pattern[str]) -> tuple[int, str | None]:
    """Where the element opened by ``opening`` ends, and its text: up to the first ``closing``
    tag, or, without one, to the end of the page and no text (the element is never closed)."""
    found = closing.search(html, opening.end())
    if found is None:
        return len(html), None
    return found.end(), html[opening.end() : found.start()]


def inline_scripts(html: str) -> tuple[str, ...]:
    """The text of every inline ``<script>`` in ``html`` that a browser runs, in page order
    (scripts with ``src`` and data blocks such as ``type="application/json"`` are left out)."""
    return _inline_elements(html)[0]


def inline_styles(html: str) -> tuple[str, ...]:
    """The text of every ``<style>`` element in ``html``, in page order."""
    return _inline_elements(html)[1]


_STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


class _StyleAttributes(HTMLParser):
    """Collects ``style=`` values as the browser sees them (character references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.extend(value or "" for name, value in attrs if name == "style")

    handle_startendtag = handle_starttag


# Case-blind, "y" matches only "y" and "Y" (while "s" also matches "ſ"), so every match of
# ``_STYLE_ATTRIBUTE`` has one of the two as its fourth character. Each pattern here opens with one
# of them as a plain character, which the search jumps to, while ``_STYLE_ATTRIBUTE`` itself,
# opening with ``\s`` and case-blind, is tried at every character of the page; it then decides
# only at the few places they find.
_STYLE_ATTRIBUTE_FROM_Y = tuple(re.compile(y + r"(?i:le)\s*=") for y in "yY")


def _has_style_attribute(html: str) -> bool:
    """Exactly ``_STYLE_ATTRIBUTE.search(html) is not None``, quicker."""
    return any(
        found.start() >= 3 and _STYLE_ATTRIBUTE.match(html, found.start() - 3) is not None
        for pattern in _STYLE_ATTRIBUTE_FROM_Y
        for found in pattern.finditer(html)
    )


def style_attributes(html: str) -> tuple[str, ...]:
    """Every ``style=`` attribute value in ``html`` (decoded), in page order."""
    if not _has_style_attribute(html):  # most pages have none; parsing each page costs more
        return ()
    parser = _StyleAttributes()
    parser.feed(html)
    parser.close()
    return tuple(parser.values)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def content_security_policy(html: str) -> str:
    """The strictest policy under which ``html`` runs as built: ``BASE_POLICY`` with the hash of
    each inline script (and of inline styles, only if the page has any)."""
    directives = dict(BASE_POLICY)
    scripts, styles = _inline_elements(html)
    script_hashes = _unique([csp_hash(text) for text in scripts])
    directives["script-src"] = " ".join(["'self'", *script_hashes])
    element_hashes = _unique([csp_hash(text) for text in styles])
    attribute_hashes = _unique([csp_hash(text) for text in style_attributes(html)])
    if element_hashes:
        directives["style-src-elem"] = " ".join(["'self'", *element_hashes])
    if attribute_hashes:
        directives["style-src-attr"] = " ".join(["'unsafe-hashes'", *attribute_hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_csp_meta(html: str) -> str:
    """``html`` with ``<meta http-equiv="Content-Security-Policy">`` for its own policy, placed
    right after ``<meta charset>`` (or at the start of ``<head>``) so it covers every script and
    stylesheet after it. A page without ``<head>`` is returned unchanged."""
    policy = content_security_policy(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + meta + html[anchor.end() :]
