"""The project's own scripts and stylesheets, as the site serves them: minified.

    minified(name, text) -> str   (``.js`` through rjsmin, ``.css`` through rcssmin, else as is)
    is_own_asset(src_uri) -> bool (a script or stylesheet the project writes under docs/assets/)

The sources under ``docs/assets/`` keep their comments (they say why the code does what it does);
a reader's first visit downloads every byte of them, so the site gets them without comments and
spaces. rjsmin and rcssmin (well kept, small, pure Python with a C speed-up) only remove what
does not change the meaning: the browser tests run against the minified files. The theme's own
files are minified already and are left alone.
"""
from __future__ import annotations

from pathlib import PurePosixPath

import rcssmin
import rjsmin

OWN_ASSETS = ("assets/javascripts/", "assets/stylesheets/")


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
