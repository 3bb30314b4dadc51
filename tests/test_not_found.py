"""The page for an address that is not on the site, as GitHub Pages serves it: from any depth,
under the repository's sub-path (``https://user.github.io/repo/``)."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import build_site

SUB_PATH = "/repo/"


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``SUB_PATH`` and answers a missing address with the site's
    ``404.html`` and status 404, as GitHub Pages does."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        inside = path[len(SUB_PATH):] if path.startswith(SUB_PATH) else "\0missing"
        return super().translate_path("/" + inside)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory):
    """The public site built for ``https://user.github.io/repo/`` and served under ``/repo/``."""
    dest = tmp_path_factory.mktemp("pages") / "site"
    run = build_site(dest, env={"SITE_URL": "https://user.github.io/repo/"})
    assert run.returncode == 0, run.stderr[-3000:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLikeHandler, directory=str(dest)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


@pytest.mark.build
def test_the_404_page_speaks_plainly_and_links_home(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "This page is not here" in html
    assert "<title>Page not found - Worth</title>" in html
    assert "home page" in html
    assert "404" not in html.split("<body", 1)[1].split("</h1>", 1)[0], "the heading should say it in words"


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["no-such-page/", "articles/gone/deeper/still.html"])
def test_a_missing_address_at_any_depth_shows_the_styled_404_and_leads_back(page, sub_path_site: str, missing: str) -> None:
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 and response.url != sub_path_site + missing else None)
    response = page.goto(sub_path_site + missing)
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "This page is not here"
    # It looks like the site: the theme's stylesheet loaded and styles the header.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.locator("[data-worth-exit]").is_visible()
    assert failed == [], f"files the 404 page could not load: {failed}"
    page.get_by_role("link", name="home page").click()
    page.wait_for_load_state()
    assert page.url == sub_path_site
    assert page.locator("h1").count() == 1


@pytest.mark.browser
def test_the_404_page_lists_the_site_pages_and_each_link_works(page, sub_path_site: str) -> None:
    page.goto(sub_path_site + "old/address/")
    links = page.locator("nav[aria-labelledby='worth-404-pages'] a")
    assert links.count() >= 3
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        response = page.request.get(href)
        assert response.status == 200, href
