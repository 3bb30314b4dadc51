"""Shared fixtures: a real strict build of the site, the site served on 127.0.0.1, and a real
headless Chromium driven by Playwright.

Browser tests find the browser in ``$WORTH_CHROMIUM`` or at Debian's ``/usr/bin/chromium``.
Outside CI a missing browser skips them with a reason; in CI (``CI=true``) it fails them.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Chromium flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("WORTH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def build_site(dest: Path, *, env: dict[str, str] | None = None, config: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` of the real project into ``dest``; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config or ROOT / "mkdocs.yml"), "-d", str(dest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def project_copy(tmp_path: Path, articles: list[Path]) -> Path:
    """A copy of the project whose ``articles/`` holds only ``articles``."""
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns(".git", ".venv", ".cache", "site", "dist", "__pycache__", "node_modules", "tests", "benchmarks", "articles")
    shutil.copytree(ROOT, root, ignore=ignore)
    (root / "articles").mkdir()
    for path in articles:
        shutil.copy(path, root / "articles" / path.name)
    return root


def build_large_site(tmp_path: Path) -> Path:
    """The project with one short article more than the sources page lists in a table of contents
    (``SOURCES_TOC_LIMIT``), built into ``tmp_path / "site"``, which is returned."""
    from worth.plan import SOURCES_TOC_LIMIT

    root = project_copy(tmp_path, [])
    text = "Many people stay for years in relationships where they give far more than they receive, and they often do not notice."
    for i in range(SOURCES_TOC_LIMIT + 1):
        (root / "articles" / f"story-{i:03d}.txt").write_text(f"Story number {i}\n\n{text} {i}\n", encoding="utf-8")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode == 0, run.stderr[-3000:]
    return tmp_path / "site"


def page_types(site: Path) -> list[str]:
    """One URL path per page type: every page but the article pages, one article page, the 404 page."""
    paths = sorted(str(p.relative_to(site).parent) for p in site.rglob("index.html"))
    paths = ["" if p == "." else f"{p}/" for p in paths]
    articles = [p for p in paths if p.startswith("articles/") and p != "articles/"]
    chosen = [p for p in paths if p not in articles] + articles[:1]
    if (site / "404.html").exists():
        chosen.append("404.html")
    return chosen


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with ``mkdocs build --strict``."""
    dest = tmp_path_factory.mktemp("site") / "site"
    run = build_site(dest)
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stderr[-4000:]}"
    return dest


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle's zip, built once per run with ``OFFLINE=true mkdocs build --strict``
    (the built folder is beside it, in ``site/``)."""
    root = tmp_path_factory.mktemp("offline")
    zip_path = root / "worth-offline.zip"
    run = build_site(root / "site", env={"OFFLINE": "true", "OFFLINE_ZIP": str(zip_path)})
    assert run.returncode == 0, f"OFFLINE=true mkdocs build --strict failed:\n{run.stderr[-4000:]}"
    return zip_path


@pytest.fixture(scope="session")
def offline_site(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle as a person gets it: the zip unpacked; returns the folder holding
    ``index.html``."""
    import zipfile

    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as bundle:
        bundle.extractall(dest)
    return dest / "worth-offline"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` on 127.0.0.1 on a free port in a daemon thread; return (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL (ending in ``/``) of the built site served on 127.0.0.1."""
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def instant_site(tmp_path_factory: pytest.TempPathFactory):
    """(base URL, folder) of the site built with SITE_URL set to its own server's address, so
    the theme's instant navigation is on (it only follows links listed in the sitemap)."""
    folder = tmp_path_factory.mktemp("instant") / "site"
    folder.mkdir()
    url, server = serve(folder)
    run = build_site(folder, env={"SITE_URL": url})
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stderr[-4000:]}"
    yield url, folder
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium found at $WORTH_CHROMIUM or /usr/bin/chromium; CI must install Debian's chromium")
        pytest.skip("no Chromium found (set WORTH_CHROMIUM or apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def ready(page) -> None:
    """Wait until the page's scripts have run. The theme's script and the site's start only after
    the first paint (overrides/partials/scripts.html), often after the load event, and the page
    marks its <html> ``data-worth-ready`` once the last has run. Another site's page (no quick
    exit) passes."""
    if page.evaluate("!!document.querySelector('[data-worth-exit]')"):
        page.wait_for_selector("html[data-worth-ready]", state="attached")


def waiting_until_ready(page):
    """``page``, whose ``goto``, ``reload``, ``go_back`` and ``go_forward`` also wait until the
    page they reach says its scripts have run (``ready``), as a reader's first click comes
    after the page is shown; returned for convenience."""
    for name in ("goto", "reload", "go_back", "go_forward"):
        navigate = getattr(page, name)

        def then_ready(*args, _navigate=navigate, **kwargs):
            response = _navigate(*args, **kwargs)
            ready(page)
            return response

        setattr(page, name, then_ready)
    return page


@pytest.fixture
def page(browser):
    """A fresh browser context and page (no cookies or storage from other tests), whose
    navigations wait until the page's scripts have run (``waiting_until_ready``)."""
    context = browser.new_context()
    page = waiting_until_ready(context.new_page())
    yield page
    context.close()


def open_search(page) -> None:
    """Open the search box as a reader does: the header's search button, or its field on a wide screen."""
    button = page.locator("label[for='__search'].md-header__button")
    if button.is_visible():
        button.click()
    else:
        page.locator("input.md-search__input").click()


def wait_for_search_answer(page) -> None:
    """Wait until the results answer the last key typed. Each key sends its own query and the
    answers arrive one after another, so the first result listed can still change after it shows:
    wait until the list is there and has not changed for 300 ms."""
    page.wait_for_function(
        """() => {
             const list = document.querySelector('.md-search-result__list')
             const html = list ? list.innerHTML : ''
             const now = performance.now()
             if (window.__searchListSeen !== html) {
               window.__searchListSeen = html
               window.__searchListSince = now
               return false
             }
             return html !== '' && now - window.__searchListSince > 300
           }""",
        polling=100,
    )
