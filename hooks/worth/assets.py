"""The project's own scripts and stylesheets, as the site serves them: minified.

    minified(name, text) -> str   (``.js`` through rjsmin, ``.css`` through rcssmin, else as is)
    is_own_asset(src_uri) -> bool (a script or stylesheet the project writes under docs/assets/)
    inline_script(text) -> str    (a script minified to sit inside a page's <script> element)
    svg_data_url(svg) -> str      (an SVG image as a data: URL, for the favicon)

The sources under ``docs/assets/`` keep their comments (they say why the code does what it does);
a reader's first visit downloads every byte of them, so the site gets them without comments and
spaces. rjsmin and rcssmin (well kept, small, pure Python with a C speed-up) only remove what
does not change the meaning: the browser tests run against the minified files. The theme's own
files are minified already and are left alone.
"""
from __future__ import annotations

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
