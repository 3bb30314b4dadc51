"""The project's own scripts and stylesheets reach the reader minified: a first visit downloads
no comments. (That they still work is what every browser test checks: they run the built files.)"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import ROOT
from worth.assets import (
    QUICK_EXIT_SCRIPT,
    inline_script,
    is_own_asset,
    minified,
    one_stylesheet,
    svg_data_url,
    theme_stylesheets,
)

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
        if source.relative_to(ROOT / "docs").as_posix() == QUICK_EXIT_SCRIPT:
            continue  # inside every page instead (the test below)
        if source.suffix == ".css":
            continue  # inside the one stylesheet instead (the test below)
        text = built.read_text(encoding="utf-8")
        assert text == minified(source.name, source.read_text(encoding="utf-8")), source.name
        assert not re.search(r"^\s*//|/\*", text, re.MULTILINE), source.name
        assert len(gzip.compress(text.encode())) < len(gzip.compress(source.read_bytes())), source.name


def test_a_script_put_inside_a_page_cannot_close_its_element_early():
    script = 'const tag = "</script>" // why\nconst re = /<\\/p>/\n'
    assert inline_script(script) == 'const tag="<\\/script>"\nconst re=/<\\/p>/'
    assert svg_data_url('<svg a="1">\n  <b/></svg>') == "data:image/svg+xml,%3Csvg a=%221%22%3E %3Cb/%3E%3C/svg%3E"


@pytest.mark.build
def test_the_quick_exit_is_inside_every_page_minified_and_not_a_file(built_site: Path):
    script = inline_script((ROOT / "docs" / QUICK_EXIT_SCRIPT).read_text(encoding="utf-8"))
    pages = [*built_site.rglob("index.html"), built_site / "404.html"]
    assert len(pages) > 5
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert f"<script>{script}</script>" in head, page
    assert not (built_site / QUICK_EXIT_SCRIPT).exists()


_LINKED = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


@pytest.mark.build
def test_every_page_links_one_stylesheet_holding_the_theme_s_and_the_site_s_minified(built_site: Path):
    import material

    theme = Path(material.__file__).parent / "templates"
    names = theme_stylesheets((theme / "base.html").read_text(encoding="utf-8"))
    assert [n.split("/")[-1].split(".")[0] for n in names] == ["main", "palette"], names
    own = [p for p in OWN if p.suffix == ".css"]
    expected = one_stylesheet(
        [(theme / n).read_text(encoding="utf-8") for n in names]
        + [minified(p.name, p.read_text(encoding="utf-8")) for p in own]
    )
    pages = [*built_site.rglob("index.html"), built_site / "404.html"]
    linked = set()
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        hrefs = _LINKED.findall(head)
        assert len(hrefs) == 1, (page, hrefs)
        linked.add(hrefs[0].rsplit("/", 1)[-1])
    assert len(linked) == 1
    served = built_site / "assets" / "stylesheets" / linked.pop()
    assert served.read_text(encoding="utf-8") == expected
    assert served.read_text(encoding="utf-8").count("@charset") == 1
    for name in names:  # not served a second time beside it
        assert not (built_site / name).exists(), name
    assert not any((built_site / p.relative_to(ROOT / "docs")).exists() for p in own)


def test_stylesheets_made_one_keep_their_order_and_one_charset_first():
    base = '{% block styles %}<link href="{{ \'assets/stylesheets/main.1.min.css\' | url }}">{% endblock %}<link href="x.css">'
    assert theme_stylesheets(base) == ["assets/stylesheets/main.1.min.css"]
    joined = one_stylesheet(['@charset "UTF-8";a{color:red}', "", 'b{content:"@charset \\"x\\";"}'])
    assert joined == '@charset "UTF-8";a{color:red}\nb{content:"@charset \\"x\\";"}\n'
