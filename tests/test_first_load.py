"""A first visit downloads only what the page shows: the search index, which grows with every
article, is fetched when the reader first opens search, and search then works as before. Online
the page fetches only the index's configuration (search/setup.json) and the search worker the
passages as plain text (search/passages.txt); the theme's JSON index is not downloaded at all."""
from __future__ import annotations

import pytest


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
