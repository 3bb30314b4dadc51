"""The Content-Security-Policy and link protections added to every built page (pure), and what
the real build carries (meta tags, marked links, one policy for the whole site)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.csp import _RUNNABLE_SCRIPT_TYPES, _StyleAttributes, _attributes, add_csp_meta, content_security_policy, csp_hash, inline_scripts, inline_styles, style_attributes
from worth.safety import _mark, mark_external_links, secure_page

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>A page</title>
<script>var palette = 1</script>
<script src="assets/bundle.js"></script>
<script id="__config" type="application/json">{"base": "."}</script>
</head><body>
<p>Text</p>
<script type="module">import("./x.js")</script>
</body></html>
"""


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


def test_hash_is_the_one_the_csp_specification_gives_for_its_example_script():
    # CSP Level 3, "hash-source" example: <script>alert('Hello, world.');</script>
    assert csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_only_scripts_that_run_are_hashed():
    assert inline_scripts(PAGE) == ("var palette = 1", 'import("./x.js")')
    scripts = directives(content_security_policy(PAGE))["script-src"]
    assert scripts == ["'self'", csp_hash("var palette = 1"), csp_hash('import("./x.js")')]


def test_policy_never_allows_inline_code_wholesale():
    policy = content_security_policy(PAGE + '<div style="color: red">x</div><style>p{color:red}</style>')
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy


def test_everything_else_is_the_site_itself_or_nothing():
    found = directives(content_security_policy(PAGE))
    assert found["default-src"] == ["'none'"]
    for name in ("connect-src", "font-src", "worker-src", "frame-src", "form-action"):
        assert found[name] == ["'self'"], name
    assert found["img-src"] == ["'self'", "data:"]  # the theme's icons are data: SVG in its CSS
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"]


def test_a_page_without_inline_styles_allows_none():
    found = directives(content_security_policy(PAGE))
    assert found["style-src"] == ["'self'"]
    assert "style-src-elem" not in found and "style-src-attr" not in found


def test_inline_styles_are_allowed_one_by_one_by_hash():
    page = PAGE.replace("<p>Text</p>", '<p style="color: red &amp; blue">Text</p><style>p{margin:0}</style>')
    found = directives(content_security_policy(page))
    assert found["style-src-elem"] == ["'self'", csp_hash("p{margin:0}")]
    # the browser hashes the attribute's value after decoding character references
    assert found["style-src-attr"] == ["'unsafe-hashes'", csp_hash("color: red & blue")]


def test_meta_tag_comes_right_after_charset_and_before_any_script():
    page = add_csp_meta(PAGE)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert meta is not None
    assert page.index('<meta charset="utf-8">') < meta.start() < page.index("<script")
    assert meta.group(1) == content_security_policy(PAGE)


def test_a_fragment_without_head_is_left_alone():
    assert add_csp_meta("<p>no head</p>") == "<p>no head</p>"


def test_external_links_tell_the_other_site_nothing():
    html = (
        '<a href="https://example.org/a">a</a>'
        '<a href="//example.org/b" rel="nofollow">b</a>'
        "<a href='http://example.org/c' rel='noopener'>c</a>"
        '<a href="../signs/">own page</a><a href="#part">anchor</a><a href="mailto:x@example.org">mail</a>'
    )
    marked = mark_external_links(html)
    assert '<a href="https://example.org/a" rel="noopener noreferrer">' in marked
    assert '<a href="//example.org/b" rel="nofollow noopener noreferrer">' in marked
    assert "<a href='http://example.org/c' rel=\"noopener noreferrer\">" in marked
    assert '<a href="../signs/">own page</a><a href="#part">anchor</a><a href="mailto:x@example.org">mail</a>' in marked


def test_secure_page_hashes_the_finished_page():
    page = secure_page(PAGE.replace("<p>Text</p>", '<a href="https://example.org/">x</a>'))
    assert 'rel="noopener noreferrer"' in page
    assert "Content-Security-Policy" in page


def test_the_local_preview_goes_without_the_policy_but_keeps_links_marked():
    # `mkdocs serve` adds a live-reload script to each page as it serves it; no hash can allow it.
    page = secure_page(PAGE.replace("<p>Text</p>", '<a href="https://example.org/">x</a>'), csp=False)
    assert "Content-Security-Policy" not in page
    assert 'rel="noopener noreferrer"' in page


@pytest.mark.build
def test_every_built_page_has_the_policy_and_a_referrer_policy(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    policies = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site)
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert meta, f"{name} has no Content-Security-Policy"
        assert meta.group(1) == content_security_policy(html.replace(meta.group(0), "")), f"{name}: policy does not fit the page"
        assert '<meta name="referrer" content="no-referrer">' in html, f"{name} has no referrer policy"
        for tag in re.findall(r"<a\b[^>]*href=\"(?:https?:)?//[^>]*>", html):
            assert re.search(r'rel="[^"]*\bnoopener\b[^"]*\bnoreferrer\b', tag), f"{name}: {tag}"
        policies.add(meta.group(1))
    # Instant navigation keeps the first page's policy in force: every page must share it.
    assert len(policies) == 1, f"pages carry {len(policies)} different policies"


# Both look for what they change with a quick scan first; on any page they must give what the
# plain definitions give: a style= value hashed wherever a browser sees one, every link that
# leaves the site marked, whatever the case, spacing or characters around them.
_PIECES = ["<a", "<A", " href=", " HREF = ", "'//x.org'", '"https://x.org/a"', '"/own/page/"', "//", ">", "<p", " ",
           "\u00a0", "\u3000", "s", "S", "\u017f", "tyle", "TYLE", "tYlE", "=", " style", " \u017fTyle", "\u00a0=", "\u3000 =", '"color: red"', " rel=nofollow", "x", "\n"]


_TAG = st.tuples(
    st.sampled_from(["<p", "<div id=x", '<span class="a"']),
    st.sampled_from([" ", "\n", "\u00a0", "\u3000", '"']),
    st.sampled_from(["style", "STYLE", "Style", "\u017ftyle", "stYle", "styles", "data-style"]),
    st.sampled_from(["", " ", "\u00a0", "\u3000 "]),
    st.sampled_from(['="color: red">', "=x>", ">", "='a'/>"]),
).map("".join)


@given(st.lists(st.one_of(st.sampled_from(_PIECES), _TAG), max_size=40))
@settings(max_examples=500, deadline=None)
def test_style_attributes_and_outside_links_are_found_as_the_plain_definitions_find_them(pieces):
    html = "".join(pieces)
    plain_style = re.search(r"\sstyle\s*=", html, re.IGNORECASE) is not None
    assert (style_attributes(html) != ()) <= plain_style
    if plain_style:
        parser = _StyleAttributes()
        parser.feed(html)
        parser.close()
        assert style_attributes(html) == tuple(parser.values)
    else:
        assert style_attributes(html) == ()
    assert mark_external_links(html) == re.sub(r"<a\b[^>]*>", lambda m: _mark(m.group(0)), html, flags=re.IGNORECASE)


# Inline scripts and styles are read in one scan of the page; whatever the nesting, case, spacing
# or missing closing tags, each must be read as the browser reads it: from its opening tag to the
# first closing tag of its kind, so that every hash matches the browser's byte for byte.
_ELEMENT_PIECES = ["<script>", "<SCRIPT >", "<script src=x>", '<script type="application/json">', "<script type=module>",
                   "</script>", "</SCRIPT >", "</script\n>", "<style>", "<Style media=x>", "</style>", "</STYLE  >",
                   "<scripts>", "<styles>", "<\u017ftyle>", "<p>", "a", "<", ">", "\n", "\u00e9", "</"]


@given(st.lists(st.sampled_from(_ELEMENT_PIECES), max_size=30))
@settings(max_examples=500, deadline=None)
def test_inline_scripts_and_styles_are_read_as_the_plain_definitions_read_them(pieces):
    html = "".join(pieces)
    scripts = [
        body
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script\s*>", html, re.IGNORECASE | re.DOTALL)
        if "src" not in _attributes(attributes) and _attributes(attributes).get("type", "").strip().lower() in _RUNNABLE_SCRIPT_TYPES
    ]
    assert inline_scripts(html) == tuple(scripts)
    assert inline_styles(html) == tuple(re.findall(r"<style\b[^>]*>(.*?)</style\s*>", html, re.IGNORECASE | re.DOTALL))
