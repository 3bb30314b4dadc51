"""A first visit downloads only what the page shows: the search index, which grows with every
article, is fetched when the reader first opens search, and search then works as before. Online
the page fetches only the index's configuration (search/setup.json) and the search worker the
passages as plain text (search/passages.txt); the theme's JSON index is not downloaded at all.

The first paint waits for no script: a page names no script file (the theme's and the site's
start after the first paint, overrides/partials/scripts.html), and what must work from the first
moment, the quick exit's Shift and the colour scheme the system asks for, works with every
script file held back."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import page_types

_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_LATER = re.compile(r'"largest-contentful-paint",u=(\[[^\]]*\])')  # the scripts partials/scripts.html starts


@pytest.mark.build
def test_no_page_names_a_script_file_or_an_icon_file_its_first_paint_could_wait_for(built_site: Path):
    for path in page_types(built_site):
        text = (built_site / path if path.endswith(".html") else built_site / path / "index.html").read_text(encoding="utf-8")
        assert not [tag for tag in _SCRIPT_TAG.findall(text) if "src=" in tag], f"/{path} names a script file"
        # The browser fetches a page's icon once the page has loaded, sometimes before its first paint.
        assert re.search(r'<link rel="icon" href="data:image/svg\+xml,', text), f"/{path}: the icon is a file"
        # The scripts it starts later: the theme's, then the site's own, in that order.
        later = json.loads(_LATER.search(text).group(1))
        assert "/bundle." in later[0] and "assets/javascripts/site.js" in later, later
        assert all((built_site / src).is_file() for src in later), later


def held_back(browser, **options):
    """A page whose requests for script files never get an answer: what it does, it does with
    the page's own inline scripts alone. (Not waiting for the page's scripts, which never come.)"""
    context = browser.new_context(**options)
    page = context.new_page()
    page.route("**/*.js", lambda route: None)
    return context, page


def first_paint(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => performance.getEntriesByType('paint').length > 0")
    assert page.evaluate("typeof window.document$") == "undefined", "the theme's script ran"


@pytest.mark.browser
def test_shift_three_times_leaves_before_any_script_file_has_arrived(browser, site_url: str):
    context, page = held_back(browser)
    try:
        first_paint(page, site_url + "signs/")
        destination = page.get_attribute("[data-worth-exit]", "href")
        context.route(destination, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))
        page.keyboard.press("Shift")
        assert page.locator("[data-worth-exit-status]").text_content() == "Press Shift 2 more times to leave this site."
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.wait_for_url(destination)
        assert page.title() == "Weather"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_first_paint_is_in_the_colour_scheme_the_system_asks_for(browser, site_url: str, scheme: str):
    context, page = held_back(browser, color_scheme=scheme)
    try:
        first_paint(page, site_url + "costs/")
        shown = page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == {"light": "default", "dark": "slate"}[scheme]
        # and the toggle offers the other one
        toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
        assert toggle.count() == 1
        assert toggle.get_attribute("title") == {"light": "Switch to dark mode", "dark": "Switch to light mode"}[scheme]
    finally:
        context.close()


@pytest.mark.browser
def test_a_first_visit_does_not_download_the_search_index(site_url: str, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [url for url in requested if "/search/" in url]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_opening_search_fetches_the_index_and_finds_articles(site_url: str, page, width: int):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "glossary/", wait_until="networkidle")
    search = page.get_by_role("dialog", name="Search").get_by_role("textbox", name="Search")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with page.expect_request(lambda request: request.url.endswith("search/setup.json")):
        if width < 960:  # on a phone the header shows a search button; on a desktop the box itself
            page.locator("label.md-header__button[for=__search]").click()
        else:
            search.click()
    search.press_sequentially("worth")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() > 0
    assert not [url for url in requested if url.endswith("search_index.json")]


@pytest.mark.browser
def test_the_search_shortcut_fetches_the_index_too(site_url: str, page):
    page.goto(site_url, wait_until="networkidle")
    with page.expect_request(lambda request: request.url.endswith("search/setup.json")):
        page.keyboard.press("/")
    page.keyboard.type("letting go", delay=20)
    page.locator(".md-search-result__item").first.wait_for()


@pytest.mark.browser
def test_search_finds_the_same_passages_from_the_plain_text_as_from_the_theme_s_index(site_url: str, built_site, page):
    # The worker reads search/passages.txt online; with that file gone it falls back to the
    # theme's JSON index. Both give the same results, word for word.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # Every request goes to the server: routing turns the browser's HTTP cache off, so the
    # passages fetched before the file is taken away cannot be served again from the cache.
    page.route("**/*", lambda route: route.continue_())

    def results(word: str) -> list[str]:
        page.goto(site_url, wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.keyboard.insert_text(word)
        page.keyboard.press("End")  # one key released: the theme asks once, for the whole word
        page.locator(".md-search-result__item").first.wait_for()
        return page.locator(".md-search-result__item").all_inner_texts()

    words = ("worth", "doesn't", "letting go")
    fetched = [results(word) for word in words]
    assert not [url for url in requested if url.endswith("search_index.json")]
    passages = built_site / "search" / "passages.txt"
    kept = passages.read_bytes()
    passages.unlink()
    try:
        from_index = [results(word) for word in words]
    finally:
        passages.write_bytes(kept)
    assert [url for url in requested if url.endswith("search_index.json")]
    assert all(fetched) and fetched == from_index


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "signs/", "glossary/"])
def test_every_script_file_is_fetched_after_the_largest_paint(site_url: str, page, path: str):
    page.goto(site_url + path)  # and the page says its scripts have run (conftest.ready)
    largest = page.evaluate("""() => new Promise(done => new PerformanceObserver(list =>
        done(Math.max(...list.getEntries().map(e => e.startTime)))).observe({type: "largest-contentful-paint", buffered: true}))""")
    scripts = page.evaluate("""() => performance.getEntriesByType("resource")
        .filter(e => e.initiatorType === "script" || /\\.js$/.test(e.name)).map(e => [e.name.split("/").pop(), e.startTime])""")
    assert any(name.startswith("bundle.") for name, _ in scripts) and any(name == "site.js" for name, _ in scripts)
    assert [name for name, start in scripts if start < largest] == [], (largest, scripts)
