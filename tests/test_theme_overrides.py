"""The theme's partials copied into ``overrides/`` and changed there stay in step with the installed
mkdocs-material: each copy names the file it was made from and that file's digest, and a release
of the theme that changes the file fails here, so its change is carried over into the copy."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
_COPIED_FROM = re.compile(r"Copied from mkdocs-material \S+, (?P<path>\S+), sha256 (?P<digest>[0-9a-f]{64})")


def copied_partials() -> list[Path]:
    """Every template in overrides/ that replaces one of the theme's files of the same path."""
    return sorted(p for p in (ROOT / "overrides").rglob("*.html") if (THEME / p.relative_to(ROOT / "overrides")).is_file()
                  and p.relative_to(ROOT / "overrides").parts[0] == "partials")


def test_the_copied_partials_are_the_ones_expected():
    names = {p.relative_to(ROOT / "overrides").as_posix() for p in copied_partials()}
    assert {"partials/header.html", "partials/search.html", "partials/javascripts/base.html"} <= names


@pytest.mark.parametrize("copy", copied_partials(), ids=lambda p: p.relative_to(ROOT / "overrides").as_posix())
def test_each_copied_partial_matches_the_installed_theme_file_it_was_made_from(copy: Path):
    found = _COPIED_FROM.search(copy.read_text(encoding="utf-8"))
    relative = copy.relative_to(ROOT / "overrides").as_posix()
    assert found, f"overrides/{relative} replaces the theme's file but does not say which version it was copied from"
    assert found["path"] == relative
    installed = hashlib.sha256((THEME / relative).read_bytes()).hexdigest()
    assert installed == found["digest"], (
        f"mkdocs-material's {relative} has changed since overrides/{relative} was copied from it: "
        "carry its changes over into the copy, then record the new digest"
    )


def test_the_theme_links_only_stylesheets_and_its_icons_where_the_site_links_one_stylesheet():
    """overrides/main.html replaces the theme's ``styles`` block with one joined stylesheet and the
    block's icons include; a release of the theme that puts anything else in that block (a new
    stylesheet the joined file would miss is read from the block, but not other markup) fails here."""
    from worth.assets import theme_stylesheets

    base = (THEME / "base.html").read_text(encoding="utf-8")
    block = re.search(r"{%-?\s*block styles\s*-?%}(.*?){%-?\s*endblock", base, re.DOTALL)
    assert block, "the theme's base.html has no styles block any more: see overrides/main.html"
    sheets = theme_stylesheets(base)
    assert any("/main." in sheet for sheet in sheets)
    rest = block.group(1)
    for sheet in sheets:
        rest = re.sub(r"<link rel=\"stylesheet\" href=\"{{ '" + re.escape(sheet) + r"' \| url }}\">", "", rest)
    rest = re.sub(r"{%-?\s*(?:if config\.theme\.palette|set palette = config\.theme\.palette|endif)\s*-?%}", "", rest)
    rest = rest.replace('{% include "partials/icons.html" %}', "")
    assert not rest.strip(), f"the theme's styles block holds more than the site's override carries: {rest.strip()}"
    override = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert '{% include "partials/icons.html" %}' in override
