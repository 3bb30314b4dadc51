"""The offline bundle: one zip that a person unzips and opens by double-clicking ``index.html``.

First the pure steps (``worth.offline``) on small hand-made sites, then the real bundle built with
``OFFLINE=true mkdocs build --strict``, unzipped and opened from ``file://`` in a real Chromium
that records every request it attempts.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import open_search, wait_for_search_answer

from worth.linkcheck import check_site
from worth.offline import (
    LOCAL_WORKER_SHIM,
    ZIP_FOLDER,
    OfflineBundleError,
    bundle_zip_path,
    finish_bundle,
    local_polyfills,
    offline_features,
    remote_references,
)

# ---------------------------------------------------------------------------------------------
# The pure steps


def make_site(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def a_built_offline_site(folder: Path, **extra: str) -> Path:
    return make_site(folder, {
        "index.html": '<script src="assets/javascripts/offline-worker.js"></script><a href="https://example.org/">x</a>',
        "search/search_index.js": 'var __index = {"config": {"lang": ["en"]}, "docs": []}',
        "search/search_index.json": '{"config": {"lang": ["en"]}, "docs": []}',
        LOCAL_WORKER_SHIM: "/* shim */",
        "assets/javascripts/bundle.js": "1",
        "assets/javascripts/bundle.js.map": "{}",
        "assets/javascripts/lunr/min/lunr.de.min.js": "1",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "",
        "404.html": '<link rel="stylesheet" href="/assets/main.css">',
        **extra,
    })


def test_the_remote_worker_shim_is_swapped_for_the_local_copy() -> None:
    assert local_polyfills(["https://unpkg.com/iframe-worker/shim", "assets/mine.js"]) == [LOCAL_WORKER_SHIM, "assets/mine.js"]
    assert local_polyfills([]) == []


def test_instant_navigation_is_off_in_the_bundle_and_other_features_stay() -> None:
    features = ["content.tooltips", "navigation.instant", "navigation.instant.progress", "search.highlight"]
    assert offline_features(features) == ["content.tooltips", "search.highlight"]


def test_the_zip_goes_where_mkdocs_yml_says_relative_to_its_folder(tmp_path: Path) -> None:
    assert bundle_zip_path(config_dir=tmp_path, extra={}) == tmp_path / "dist" / "worth-offline.zip"
    assert bundle_zip_path(config_dir=tmp_path, extra={"worth": {"offline_zip": "out/site.zip"}}) == tmp_path / "out" / "site.zip"


def test_remote_references_finds_what_the_browser_would_fetch_by_itself() -> None:
    html = (
        '<script src="https://unpkg.com/iframe-worker/shim"></script>'
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel="canonical" href="https://example.org/page/">'
        '<img srcset="a.png 1x, //cdn.example.net/b.png 2x" src="a.png">'
        '<a href="https://example.org/read-more">a link the reader may follow</a>'
        '<style>body{background:url("https://example.org/bg.png")}</style>'
        '<script src="assets/local.js"></script>'
    )
    assert remote_references(html) == [
        "https://unpkg.com/iframe-worker/shim",
        "https://fonts.gstatic.com",
        "//cdn.example.net/b.png",
        "https://example.org/bg.png",
    ]


def test_finish_bundle_drops_what_is_not_needed_from_disk_and_zips_the_rest(tmp_path: Path) -> None:
    site = a_built_offline_site(tmp_path / "site")
    report = finish_bundle(site, tmp_path / "out" / "bundle.zip")
    with zipfile.ZipFile(report.zip_path) as bundle:
        names = sorted(bundle.namelist())
    assert names == sorted(f"{ZIP_FOLDER}/{name}" for name in (
        "index.html", "search/search_index.js", LOCAL_WORKER_SHIM, "assets/javascripts/bundle.js"))
    assert "sitemap.xml" in report.removed and "404.html" in report.removed
    assert not (site / "assets/javascripts/lunr").exists()
    assert report.files == 4 and report.zip_bytes == report.zip_path.stat().st_size


def test_lunr_languages_stay_when_search_needs_them(tmp_path: Path) -> None:
    site = a_built_offline_site(tmp_path / "site", **{
        "search/search_index.js": 'var __index = {"config": {"lang": ["en", "de"]}, "docs": []}',
        "search/search_index.json": '{"config": {"lang": ["en", "de"]}, "docs": []}'})
    finish_bundle(site, tmp_path / "bundle.zip")
    assert (site / "assets/javascripts/lunr/min/lunr.de.min.js").is_file()


def test_the_same_site_gives_the_same_zip(tmp_path: Path) -> None:
    first = finish_bundle(a_built_offline_site(tmp_path / "a"), tmp_path / "a.zip").zip_path.read_bytes()
    second = finish_bundle(a_built_offline_site(tmp_path / "b"), tmp_path / "b.zip").zip_path.read_bytes()
    assert first == second


def test_a_page_that_would_use_the_network_stops_the_bundle(tmp_path: Path) -> None:
    site = a_built_offline_site(tmp_path / "site", **{
        "articles/one.html": '<script src="https://unpkg.com/iframe-worker/shim"></script>'})
    with pytest.raises(OfflineBundleError, match=r"articles/one\.html loads https://unpkg\.com/iframe-worker/shim"):
        finish_bundle(site, tmp_path / "bundle.zip")
    assert not (tmp_path / "bundle.zip").exists()


def test_a_bundle_without_its_search_index_is_refused(tmp_path: Path) -> None:
    site = a_built_offline_site(tmp_path / "site")
    (site / "search/search_index.js").unlink()
    with pytest.raises(OfflineBundleError, match="OFFLINE=true"):
        finish_bundle(site, tmp_path / "bundle.zip")


def test_a_zip_that_cannot_be_written_is_one_line_and_leaves_no_partial_file(tmp_path: Path) -> None:
    site = a_built_offline_site(tmp_path / "site")
    in_the_way = tmp_path / "dist"
    in_the_way.write_text("a file where the zip's folder should be", encoding="utf-8")
    with pytest.raises(OfflineBundleError) as err:
        finish_bundle(site, in_the_way / "worth-offline.zip")
    assert str(err.value).startswith(f"the offline bundle could not be written to {in_the_way / 'worth-offline.zip'} (")
    assert "OFFLINE_ZIP" in str(err.value) and "\n" not in str(err.value)


# Run in a child process: the limit on file size it sets stands for a full disk (the write fails
# with an OSError as it would with ENOSPC) without filling the machine's disk.
_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from worth.offline import OfflineBundleError, finish_bundle
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
try:
    finish_bundle(Path(sys.argv[1]), Path(sys.argv[2]))
except OfflineBundleError as err:
    print(err)
"""


def test_a_full_disk_is_one_line_and_leaves_no_partial_file_and_the_old_zip_as_it_was(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    site = a_built_offline_site(tmp_path / "site")
    (site / "assets" / "noise.bin").write_bytes(os.urandom(200_000))  # does not compress below the limit
    out = tmp_path / "dist"
    out.mkdir()
    (out / "worth-offline.zip").write_bytes(b"the zip of the last build")
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, str(site), str(out / "worth-offline.zip")],
                          capture_output=True, text=True, cwd=Path(__file__).parent.parent / "hooks")
    assert done.stderr == ""
    assert done.stdout.startswith("the offline bundle could not be written to ") and done.stdout.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == ["worth-offline.zip"]
    assert (out / "worth-offline.zip").read_bytes() == b"the zip of the last build"


def test_two_bundles_written_at_once_to_one_place_do_not_collide(tmp_path: Path) -> None:
    import threading

    sites = [a_built_offline_site(tmp_path / f"site{i}", **{"assets/n.txt": "x" * 300_000 + str(i)}) for i in range(2)]
    zip_path = tmp_path / "dist" / "worth-offline.zip"
    failures: list[BaseException] = []

    def build(site: Path) -> None:
        try:
            finish_bundle(site, zip_path)
        except BaseException as err:  # noqa: BLE001 - reported below
            failures.append(err)

    threads = [threading.Thread(target=build, args=(site,)) for site in sites]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(p.name for p in zip_path.parent.iterdir()) == ["worth-offline.zip"]
    with zipfile.ZipFile(zip_path) as bundle:
        assert bundle.testzip() is None
        assert bundle.read(f"{ZIP_FOLDER}/assets/n.txt").decode()[-1] in "01"


# ---------------------------------------------------------------------------------------------
# The real bundle


@pytest.mark.build
def test_the_zip_unpacks_to_one_folder_with_index_html_and_nothing_unneeded(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as bundle:
        names = bundle.namelist()
    assert f"{ZIP_FOLDER}/index.html" in names
    assert all(name.startswith(f"{ZIP_FOLDER}/") for name in names)
    unneeded = [name for name in names if re.search(r"(\.map|\.md|\.txt|\.py|\.pyc|\.yml|\.gz|sitemap\.xml|404\.html|\.json)$", name)]
    assert unneeded == []
    assert f"{ZIP_FOLDER}/{LOCAL_WORKER_SHIM}" in names


@pytest.mark.build
def test_no_page_of_the_bundle_loads_anything_from_the_network(offline_site: Path) -> None:
    # (The theme's script names a polyfill on unpkg.com for browsers without ResizeObserver; no
    # browser that runs the rest of it lacks one, and the browser tests record every request.)
    pages = [path for path in offline_site.rglob("*") if path.suffix in (".html", ".css")]
    assert len(pages) >= 4
    for path in pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "unpkg.com" not in text, path
        assert remote_references(text) == [], path


@pytest.mark.build
def test_the_bundle_links_only_to_files_inside_it(offline_site: Path) -> None:
    report = check_site(offline_site, directory_urls=False)
    assert report.ok, "\n".join(map(str, report.broken))


# ---------------------------------------------------------------------------------------------
# In a real browser, from file://


def open_recording(page, url: str) -> list[str]:
    """Start recording every request the page attempts, then open ``url``; returns the record."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return requests


def off_device(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).scheme not in ("file", "data", "blob", "about")]



@pytest.fixture
def wide_page(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


@pytest.mark.browser
def test_every_page_is_reached_by_clicking_links_from_index_html(wide_page, offline_site: Path) -> None:
    page = wide_page
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"{page.url}: {err}"))
    start = (offline_site / "index.html").as_uri()
    requests = open_recording(page, start)
    all_pages = {path.as_uri() for path in offline_site.rglob("*.html")}
    seen = {start}
    queue = [start]
    while queue:
        source = queue.pop(0)
        page.goto(source)
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(a => [a.getAttribute('href'), a.href.split('#')[0]])")
        for href, target in hrefs:
            if target in seen or target not in all_pages:
                continue
            link = page.locator(f'a[href="{href}"]')
            visible = [i for i in range(link.count()) if link.nth(i).is_visible()]
            if visible:
                link.nth(visible[0]).click()
            else:  # inside a closed menu: the reader opens it first; a click on the element is the same
                link.first.dispatch_event("click")
            page.wait_for_load_state()
            assert page.url.split("#")[0] == target, f"clicking {href} on {source} opened {page.url}"
            assert page.locator("h1").count() >= 1, f"{target} has no heading"
            seen.add(target)
            queue.append(target)
            page.goto(source)
    assert seen == all_pages, f"not reachable by a link: {sorted(all_pages - seen)}"
    assert sorted(set(errors)) == [], "scripts failed on these pages"
    assert off_device(requests) == []


@pytest.mark.browser
def test_search_finds_a_word_from_the_articles_without_the_network(wide_page, offline_site: Path) -> None:
    page = wide_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    requests = open_recording(page, (offline_site / "index.html").as_uri())
    open_search(page)
    page.locator("input.md-search__input").press_sequentially("worth")
    wait_for_search_answer(page)
    results = page.locator(".md-search-result__item")
    assert results.count() >= 1
    first_link = page.locator(".md-search-result__link").first
    target = first_link.get_attribute("href")
    first_link.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.split("#")[0].endswith(target.split("#")[0].split("/")[-1])
    assert off_device(requests) == []
    # The page's Content-Security-Policy ('self' on a file:// page) lets the search helper, its
    # hidden frame and the index load from the bundle.
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert [text for text in console if "Content Security Policy" in text] == []


@pytest.mark.browser
def test_search_says_so_when_nothing_matches(wide_page, offline_site: Path) -> None:
    page = wide_page
    requests = open_recording(page, (offline_site / "index.html").as_uri())
    open_search(page)
    page.locator("input.md-search__input").press_sequentially("zqxjvw")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("no matching", re.IGNORECASE))
    assert page.locator(".md-search-result__item").count() == 0
    assert off_device(requests) == []


@pytest.mark.browser
def test_glossary_tooltips_show_on_hover_and_on_keyboard_focus(wide_page, offline_site: Path) -> None:
    page = wide_page
    with_terms = [path for path in sorted(offline_site.rglob("*.html"))
                  if re.search(r'<a href="[^"]*glossary\.html#[^"]*" title=', path.read_text(encoding="utf-8"))]
    assert with_terms, "no page links a glossary term"
    requests = open_recording(page, with_terms[0].as_uri())
    first = page.locator('.md-content a[href*="glossary.html#"][title]').first
    definition, href = first.get_attribute("title"), first.get_attribute("href")
    assert definition
    # (The theme moves the title into its own tooltip, so the link is found again by its href.)
    term = page.locator(f'.md-content a[href="{href}"]').first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_have_text(definition)
    expect(term).to_have_attribute("aria-describedby", tooltip.get_attribute("id"))
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    term.focus()
    expect(page.locator(".md-tooltip2--active")).to_have_text(definition)
    assert off_device(requests) == []


@pytest.mark.browser
def test_the_checklist_counts_ticks_from_disk(wide_page, offline_site: Path) -> None:
    page = wide_page
    requests = open_recording(page, (offline_site / "signs.html").as_uri())
    boxes = page.locator(".worth-checklist__items input[type=checkbox]")
    total = boxes.count()
    assert total >= 2
    count = page.locator(".worth-checklist__count")
    expect(count).to_contain_text(f"0 of {total}")
    page.locator(f"label[for='{boxes.nth(0).get_attribute('id')}']").click()
    page.locator(f"label[for='{boxes.nth(1).get_attribute('id')}']").click()
    expect(count).to_contain_text(f"2 of {total}")
    # Not asked to remember: the ticks live in memory only and are gone after a reload.
    page.reload()
    expect(page.locator(".worth-checklist__count")).to_contain_text(f"0 of {total}")
    assert off_device(requests) == []


def stub_the_exit_page(page) -> list[str]:
    """Answer the quick exit's neutral page with a stub, so the test never reaches the network;
    returns the list of URLs it was asked for."""
    asked: list[str] = []

    def answer(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>")

    page.route(re.compile(r"^https?://"), answer)
    return asked


@pytest.mark.browser
def test_the_quick_exit_leaves_from_disk(wide_page, offline_site: Path) -> None:
    page = wide_page
    asked = stub_the_exit_page(page)
    requests = open_recording(page, (offline_site / "signs.html").as_uri())
    exit_url = page.locator("[data-worth-exit]").get_attribute("href")
    assert off_device(requests) == [], "the page used the network before the reader chose to leave"
    page.locator("[data-worth-exit]").click()
    page.wait_for_url(exit_url)
    assert asked == [exit_url]


@pytest.mark.browser
def test_shift_three_times_leaves_from_disk(wide_page, offline_site: Path) -> None:
    page = wide_page
    asked = stub_the_exit_page(page)
    requests = open_recording(page, (offline_site / "index.html").as_uri())
    exit_url = page.locator("[data-worth-exit]").get_attribute("href")
    page.locator("main").click(position={"x": 5, "y": 5})
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert asked == [exit_url]
    assert off_device(requests[: len(requests) - len(asked)]) == []
