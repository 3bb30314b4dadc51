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
import hashlib
import re
from html.parser import HTMLParser

# Script types a browser runs; any other type (application/json, text/template...) is data.
_RUNNABLE_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}

# <script> and <style> hold raw text up to the first closing tag, so a regular expression reads
# their contents exactly as the browser does (the hash must match byte for byte).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
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


def csp_hash(text: str) -> str:
    """The CSP source expression for ``text``: ``'sha256-<base64 of its UTF-8 digest>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attributes(tag_attributes: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in _ATTR.findall(tag_attributes):
        found.setdefault(name.lower(), value.strip("\"'") if value else "")
    return found


def inline_scripts(html: str) -> tuple[str, ...]:
    """The text of every inline ``<script>`` in ``html`` that a browser runs, in page order
    (scripts with ``src`` and data blocks such as ``type="application/json"`` are left out)."""
    scripts = []
    for attributes, body in _SCRIPT.findall(html):
        attrs = _attributes(attributes)
        if "src" in attrs or attrs.get("type", "").strip().lower() not in _RUNNABLE_SCRIPT_TYPES:
            continue
        scripts.append(body)
    return tuple(scripts)


def inline_styles(html: str) -> tuple[str, ...]:
    """The text of every ``<style>`` element in ``html``, in page order."""
    return tuple(_STYLE.findall(html))


_STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


class _StyleAttributes(HTMLParser):
    """Collects ``style=`` values as the browser sees them (character references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.extend(value or "" for name, value in attrs if name == "style")

    handle_startendtag = handle_starttag


# What every ``style=`` leaves in the page's UTF-8 bytes, small letters made of capitals: "tyle",
# then spaces (any Unicode space is bytes from 0x80 up) and "=". Looked for first because a
# plain word is found by a fast scan, while ``_STYLE_ATTRIBUTE`` (case-blind, starting with
# ``\s``) is tried at every character; it then decides, on the few pages this lets through.
_STYLE_ATTRIBUTE_BYTES = re.compile(rb"tyle[\s\x80-\xff]*=")


def _has_style_attribute(html: str) -> bool:
    """Exactly ``_STYLE_ATTRIBUTE.search(html) is not None``, quicker on pages without one."""
    if _STYLE_ATTRIBUTE_BYTES.search(html.encode("utf-8", "surrogatepass").lower()) is None:
        return False
    return _STYLE_ATTRIBUTE.search(html) is not None


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
    script_hashes = _unique([csp_hash(text) for text in inline_scripts(html)])
    directives["script-src"] = " ".join(["'self'", *script_hashes])
    element_hashes = _unique([csp_hash(text) for text in inline_styles(html)])
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
