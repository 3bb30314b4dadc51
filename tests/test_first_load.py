"""A first visit downloads only what the page shows: the search index, which grows with every
article, is fetched when the reader first opens search, and search then works as before."""
from __future__ import annotations

import pytest


@pytest.mark.browser
def test_a_first_visit_does_not_download_the_search_index(site_url: str, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [url for url in requested if "search_index" in url]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_opening_search_fetches_the_index_and_finds_articles(site_url: str, page, width: int):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "glossary/", wait_until="networkidle")
    search = page.get_by_role("dialog", name="Search").get_by_role("textbox", name="Search")
    with page.expect_request(lambda request: request.url.endswith("search/search_index.json")):
        if width < 960:  # on a phone the header shows a search button; on a desktop the box itself
            page.locator("label.md-header__button[for=__search]").click()
        else:
            search.click()
    search.press_sequentially("worth")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() > 0


@pytest.mark.browser
def test_the_search_shortcut_fetches_the_index_too(site_url: str, page):
    page.goto(site_url, wait_until="networkidle")
    with page.expect_request(lambda request: request.url.endswith("search/search_index.json")):
        page.keyboard.press("/")
    page.keyboard.type("letting go", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
