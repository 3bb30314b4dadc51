"""The project's own scripts and stylesheets, as the site serves them: minified.

    minified(name, text) -> str   (``.js`` through rjsmin, ``.css`` through rcssmin, else as is)
    is_own_asset(src_uri) -> bool (a script or stylesheet the project writes under docs/assets/)
    inline_script(text) -> str    (a script minified to sit inside a page's <script> element)
    svg_data_url(svg) -> str      (an SVG image as a data: URL, for the favicon)
    theme_stylesheets(base) -> list[str]   (the stylesheets the theme's base.html links)
    one_stylesheet(texts) -> str  (several stylesheets as one, the same cascade)
    stylesheet_path(text) -> str  (where that one is served, named by its content)

The sources under ``docs/assets/`` keep their comments (they say why the code does what it does);
a reader's first visit downloads every byte of them, so the site gets them without comments and
spaces. rjsmin and rcssmin (well kept, small, pure Python with a C speed-up) only remove what
does not change the meaning: the browser tests run against the minified files. The theme's own
files are minified already and are left alone.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

import rcssmin
import rjsmin

OWN_ASSETS = ("assets/javascripts/", "assets/stylesheets/")

#: The quick exit's script, which every page carries inside its <head> instead of fetching it:
#: Shift pressed three times works from the page's first paint, before any file has arrived.
QUICK_EXIT_SCRIPT = "assets/javascripts/quick-exit.js"


def is_own_asset(src_uri: str) -> bool:
    """Whether ``src_uri`` (a path under docs/, with forward slashes) is one of the project's
    scripts or stylesheets, not yet minified (``.min.js``/``.min.css`` are left alone)."""
    path = PurePosixPath(src_uri)
    return (
        src_uri.startswith(OWN_ASSETS)
        and path.suffix in (".js", ".css")
        and not path.name.endswith((".min.js", ".min.css"))
    )


def minified(name: str, text: str) -> str:
    """``text`` of the file called ``name`` without comments and spaces that mean nothing:
    JavaScript for a ``.js`` name, CSS for a ``.css`` one; any other file unchanged."""
    suffix = PurePosixPath(name).suffix
    if suffix == ".js":
        return rjsmin.jsmin(text).strip() + "\n"
    if suffix == ".css":
        return rcssmin.cssmin(text).strip() + "\n"
    return text


def inline_script(text: str) -> str:
    """The script ``text`` minified to go inside a page's ``<script>`` element: every ``</`` is
    written ``<\\/`` (the same string to JavaScript), so nothing in it can close the element early."""
    return minified("inline.js", text).strip().replace("</", "<\\/")


def svg_data_url(svg: str) -> str:
    """A ``data:`` URL holding the SVG image ``svg`` (its runs of white space made one space),
    percent-encoded where a URL or an attribute in double quotes needs it: shorter than base64,
    and it compresses with the page that carries it."""
    return "data:image/svg+xml," + quote(" ".join(svg.split()), safe="'/:=,.;()- ")


# The theme's stylesheets, named in its base.html's `styles` block with paths from the site's root.
_THEME_STYLESHEET = re.compile(r"""['"](assets/stylesheets/[^'"]+\.css)['"]""")
_STYLES_BLOCK = re.compile(r"{%-?\s*block styles\s*-?%}(.*?){%-?\s*endblock", re.DOTALL)
_CHARSET = re.compile(r'\s*@charset\s+"[^"]*";')


def theme_stylesheets(base_template: str) -> list[str]:
    """The stylesheets the theme's ``base.html`` (its source text) links in its ``styles`` block,
    in its order; read from the template so that a theme update that renames them is followed."""
    block = _STYLES_BLOCK.search(base_template)
    return _THEME_STYLESHEET.findall(block.group(1)) if block else []


def one_stylesheet(texts: Sequence[str]) -> str:
    """The stylesheets ``texts``, in their order, as one stylesheet with the same cascade. Every
    page needs them all before its first paint, and each file of its own costs a phone on a slow
    link a connection, so round trips, before that paint (the README's "Pages" section has the
    figures). ``@charset`` is only read at the very start of a file: there is one, first."""
    parts = []
    for text in texts:
        charset = _CHARSET.match(text)
        parts.append(text[charset.end():].strip() if charset else text.strip())
    body = "\n".join(part for part in parts if part)
    return '@charset "UTF-8";' + body + "\n"


def stylesheet_path(text: str) -> str:
    """Where the stylesheet ``text`` is served: named by its content, as the theme names its own,
    so a browser never holds an old copy beside a new page."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"assets/stylesheets/site.{digest}.css"
