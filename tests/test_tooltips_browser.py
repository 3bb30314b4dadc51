"""Article text stays text in every tooltip, in real Chromium: a site built from articles whose
definitions, titles and headings are written as HTML (an ``<img onerror>``, a ``<meta refresh>``,
a ``<script>``) is hovered everywhere the theme can show a tooltip, in the built site (with its
Content-Security-Policy) and in the ``mkdocs serve`` preview (without one). No hover may navigate,
open a dialog, make a request, or put an element inside a tooltip; the glossary tooltip shows the
definition's characters as written.

The theme (mkdocs-material, ``content.tooltips``) fills a tooltip from an element's ``title``
through ``innerHTML``, and gives a shortened heading or title a tooltip of its text the same way.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from conftest import FIXTURES, build_site, project_copy, serve, waiting_until_ready

pytestmark = pytest.mark.browser

HOSTILE = FIXTURES / "hostile"
WIDTHS = {"phone": (320, 640), "desktop": (1280, 800)}
# The definition as the page shows it: an article written in Markdown loses its inline HTML
# (the reader never lets tags reach the page), and the rest shows exactly as written.
DEFINITION_START = "a slow loss of clarity"
PATIENCE_SECONDS = 90

# Everything the theme may turn into a tooltip: elements with a title (content, header,
# abbreviations) and text the theme shortens with an ellipsis (its own class or ours).
HOVERABLE = "[title], .md-ellipsis, .worth-ellipsis"

TOOLTIPS_NOW = """() => [...document.querySelectorAll('.md-tooltip2, .md-tooltip')].map(t => {
  const inner = t.querySelector('.md-tooltip2__inner, .md-tooltip__inner');
  return {elements: inner ? inner.querySelectorAll('*').length : 0, text: inner ? inner.textContent : ''};
})"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_copy(tmp_path_factory.mktemp("hostile"), sorted(HOSTILE.glob("article_with_markup_*")))


@pytest.fixture(scope="module")
def built(hostile_project: Path, tmp_path_factory: pytest.TempPathFactory):
    """(base URL, page paths) of the hostile site built with ``mkdocs build --strict``."""
    folder = tmp_path_factory.mktemp("hostile-site") / "site"
    run = build_site(folder, config=hostile_project / "mkdocs.yml")
    assert run.returncode == 0, run.stderr[-3000:]
    url, server = serve(folder)
    pages = sorted(str(p.parent.relative_to(folder)) for p in folder.rglob("index.html"))
    yield url, ["" if p == "." else f"{p}/" for p in pages], folder
    server.shutdown()


@pytest.fixture(scope="module")
def preview(hostile_project: Path, built):
    """(base URL, page paths) of the same articles in the ``mkdocs serve`` preview (no CSP)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(hostile_project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=hostile_project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not _answers(base):
            assert server.poll() is None, "mkdocs serve stopped"
            assert time.monotonic() < deadline, "mkdocs serve never answered"
            time.sleep(0.5)
        yield base, built[1], None
    finally:
        server.terminate()
        server.wait(timeout=30)


def hover_everything(context, url: str) -> dict[str, list]:
    """Load ``url`` in a new tab of ``context``, then hover (and focus) every element the theme may give a tooltip; what
    happened after the page had loaded: navigations, dialogs, requests, and every tooltip seen."""
    seen: dict[str, list] = {"navigations": [], "dialogs": [], "requests": [], "tooltips": []}
    page = waiting_until_ready(context.new_page())
    try:
        _hover_all(page, url, seen)
    finally:
        page.close()
    return seen


def _hover_all(page, url: str, seen: dict[str, list]) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # the theme mounts its tooltips once the document is ready
    page.evaluate("window.__worthStillHere = true")  # gone if the page is replaced by another
    here = page.url.split("#")[0]
    page.on("framenavigated", lambda frame: frame == page.main_frame and frame.url.split("#")[0] != here and seen["navigations"].append(frame.url))
    page.on("request", lambda request: seen["requests"].append(request.url))

    def on_dialog(dialog) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    for element in page.query_selector_all(HOVERABLE):
        try:
            hover(page, element)
            seen["tooltips"] += page.evaluate(TOOLTIPS_NOW)
            element.dispatch_event("mouseleave")
        except PlaywrightError as err:  # the page went away under the test's hands
            seen["navigations"].append(f"{page.url} ({err.message.splitlines()[0]})")
            return
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)  # a meta refresh of 0 s would have fired by now
    if not page.evaluate("window.__worthStillHere === true"):
        seen["navigations"].append(page.url)


def hover(page, element) -> None:
    """Point at ``element`` with the mouse if it is on screen, and send it what the theme
    listens for (mouseenter, focus) in any case."""
    if not element.is_visible():
        return
    box = element.bounding_box()
    if box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]:
        # On screen (not in the closed drawer): the mouse really goes there.
        element.scroll_into_view_if_needed(timeout=500)
        box = element.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    element.dispatch_event("mouseenter")
    element.evaluate("el => el.focus && el.focus()")
    page.wait_for_timeout(80)


def check_site(browser, base: str, pages: list[str]) -> None:
    """Every page at desktop width, and the article pages (where the header shows an article's
    title, shortened) at phone width too."""
    glossary_tooltips = []
    for label, (width, height) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            for path in pages if label == "desktop" else [p for p in pages if p.startswith("articles/")]:
                seen = hover_everything(context, base + path)
                where = f"{path or 'home'} at {label} width"
                assert seen["navigations"] == [], f"{where}: hovering navigated to {seen['navigations']}"
                assert seen["dialogs"] == [], f"{where}: hovering opened a dialog {seen['dialogs']}"
                assert seen["requests"] == [], f"{where}: hovering made requests {seen['requests']}"
                for tooltip in seen["tooltips"]:
                    assert tooltip["elements"] == 0, f"{where}: a tooltip holds elements: {tooltip['text'][:120]!r}"
                glossary_tooltips += [t["text"] for t in seen["tooltips"] if "a slow loss of" in t["text"]]
        finally:
            context.close()
    # The test reached the definition's tooltip, and it shows the text the article's Markdown
    # shows: its quotes and ampersands, "&amp;" read as "&" (as every Markdown renderer reads it),
    # its tags left out.
    assert glossary_tooltips, "no glossary tooltip was shown on any page"
    assert all(text.startswith(DEFINITION_START) for text in glossary_tooltips), glossary_tooltips[:1]
    assert all("\"you\" & 'me' & self all fade" in text for text in glossary_tooltips), glossary_tooltips[:1]


def test_hovering_every_tooltip_of_the_built_site_runs_nothing_and_shows_text(browser, built):
    base, pages, _folder = built
    check_site(browser, base, pages)


def test_only_text_holding_markup_characters_goes_without_the_theme_s_shortening_tooltip(built):
    _base, _pages, folder = built
    page = (folder / "articles" / "article-with-markup-in-a-definition" / "index.html").read_text(encoding="utf-8")
    import re

    # The table of contents, by the anchor each entry links to; and the header's page title.
    toc = dict(re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="([a-z-]+)">', page))
    assert toc["img-src-x-onerror-alert-toc"] == "worth-ellipsis"
    assert toc["why-letting-go-helps"] == toc["signs-he-doesnt-see-your-worth"] == "md-ellipsis"
    [topic] = re.findall(r'data-md-component="header-topic">\s*<span class="([a-z-]+)">', page)
    assert topic == "worth-ellipsis"


def test_hovering_every_tooltip_of_the_preview_runs_nothing_and_shows_text(browser, preview):
    base, pages, _folder = preview
    check_site(browser, base, pages)
