"""axe-core (WCAG 2.2 A and AA rules) finds nothing wrong on any page type of the built site, in
the light and the dark palette, on a 320 px phone and a 1280 px desktop, in real Chromium.

The page types are read from the built site: every page that is not an article page, one article
page, and the 404 page, so a page type added later is checked without touching this file.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_large_site, page_types, serve

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": (320, 640), "desktop": (1280, 800)}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> material's palette



def axe_violations(page) -> list[str]:
    """Run axe-core's WCAG 2.2 A/AA rules on the open page; one line per failing element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {' '.join(node['target'][-1:])} - {node['failureSummary'].splitlines()[-1].strip()}")
    return lines


def test_the_site_has_the_page_types_axe_checks(built_site: Path):
    found = page_types(built_site)
    assert "" in found, "the home page is missing"
    assert any(p.startswith("articles/") for p in found), f"no article page among {found}"
    assert "404.html" in found


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("scheme", SCHEMES, ids=list(SCHEMES))
def test_axe_finds_no_wcag_violation_on_any_page_type(built_site: Path, site_url: str, page, scheme: str, width: str):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.emulate_media(color_scheme=scheme)
    problems = []
    for path in page_types(built_site):
        page.goto(site_url + path, wait_until="load")
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[scheme], f"/{path} shows the {shown} palette when the system asks for {scheme}"
        problems += [f"/{path}: {line}" for line in axe_violations(page)]
    assert not problems, f"axe-core, {scheme} palette, {width} width:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES, ids=list(SCHEMES))
def test_the_open_search_is_a_named_dialog_axe_finds_nothing_wrong_with(site_url: str, page, scheme: str):
    page.set_viewport_size({"width": 320, "height": 640})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url, wait_until="load")
    page.locator("label.md-header__button[for=__search]").click()
    # The search box opens below the quick exit's strip, under the pointer: moved off its buttons,
    # whose tooltips fade in on hover, so that axe reads settled colours.
    page.mouse.move(100, 70)  # over the search field itself
    dialog = page.get_by_role("dialog", name="Search")
    assert dialog.count() == 1, "the search dialog has no name a screen reader can announce"
    dialog.get_by_role("textbox", name="Search").press_sequentially("worth")
    page.locator(".md-search-result__item").first.wait_for()
    # results fade in: check the colours they settle on, not a frame of the fade
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    problems = axe_violations(page)
    assert not problems, f"axe-core, open search, {scheme} palette:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def large_site_url(tmp_path_factory):
    """A site of more articles than the sources page lists in a table of contents, served."""
    site = build_large_site(tmp_path_factory.mktemp("large"))
    url, server = serve(site)
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_sources_page_of_a_large_site_without_its_table_of_contents_passes_axe(large_site_url: str, page, width: str):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    # Every article keeps its heading on one of the sources pages (50 to a page); the first,
    # full page is checked.
    found = 0
    for path in ("sources/2/", "sources/"):
        page.goto(large_site_url + path, wait_until="load")
        found += page.locator("h2#story-050").count()
    assert found == 1
    # No table of contents beside the text, and in the menu no toggle that opens an empty one.
    assert page.locator('[data-md-component="toc"]').count() == 0
    assert page.locator('label[for="__toc"]').count() == 0
    problems = axe_violations(page)
    assert not problems, f"axe-core, large sources page, {width} width:\n" + "\n".join(problems)
