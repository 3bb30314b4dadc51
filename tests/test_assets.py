"""The project's own scripts and stylesheets reach the reader minified: a first visit downloads
no comments. (That they still work is what every browser test checks: they run the built files.)"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import ROOT
from worth.assets import is_own_asset, minified

OWN = sorted(p for p in (ROOT / "docs" / "assets").rglob("*") if p.suffix in (".js", ".css"))


def test_the_project_s_scripts_and_stylesheets_are_its_own_assets_and_the_theme_s_are_not():
    assert OWN and all(is_own_asset(p.relative_to(ROOT / "docs").as_posix()) for p in OWN)
    assert not is_own_asset("assets/javascripts/bundle.a5f9d56c.min.js")
    assert not is_own_asset("assets/images/favicon.svg")
    assert not is_own_asset("articles/let-him-go.md")


def test_minifying_drops_comments_and_keeps_strings_and_regular_expressions():
    script = '// why\nconst words = "a /* not a comment */ b"; /* gone */\nconst re = /\\p{L}+/gu;\n'
    assert minified("x.js", script) == 'const words="a /* not a comment */ b";const re=/\\p{L}+/gu;\n'
    css = "/* why */\n.a  >  .b {\n  color : red ;\n}\n.c::after { content: \"/* kept */\"; }\n"
    assert minified("x.css", css) == '.a>.b{color:red}.c::after{content:"/* kept */"}\n'
    assert minified("x.svg", "<svg/>  ") == "<svg/>  "


@pytest.mark.build
def test_the_built_site_serves_them_minified_and_smaller(built_site: Path):
    for source in OWN:
        built = built_site / source.relative_to(ROOT / "docs")
        text = built.read_text(encoding="utf-8")
        assert text == minified(source.name, source.read_text(encoding="utf-8")), source.name
        assert not re.search(r"^\s*//|/\*", text, re.MULTILINE), source.name
        assert len(gzip.compress(text.encode())) < len(gzip.compress(source.read_bytes())), source.name
