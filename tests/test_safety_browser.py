"""Safety and privacy in a real browser: the quick exit, no request to any other site, no CSP
violation, nothing stored on the device after a typical visit.

Two builds are used: the ``site_url`` one (no site_url in mkdocs.yml, so every link is a normal
page load) and one built with ``SITE_URL`` pointing at its own server, so that the theme's
instant navigation is on, as it is when the site is published. The exit destination is answered
by the browser itself (``route``), so no test reaches the real neutral site.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import build_site, page_types, serve, waiting_until_ready

pytestmark = pytest.mark.browser

EXIT_PAGE = "<!doctype html><title>Weather</title><p>Sunny spells.</p>"
WIDTHS = {"phone": (320, 640), "desktop": (1280, 800)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Reports every CSP violation to the console, where ``Watch`` collects it.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event =>
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`))
"""



class Watch:
    """Everything a page asks the network for, and every error and CSP violation it logs."""

    def __init__(self, page) -> None:
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.problems.append(f"{page.url}: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: uncaught {error}"))
        page.add_init_script(REPORT_VIOLATIONS)

    def elsewhere(self, own: str) -> list[str]:
        """Requests that went anywhere but the origin ``own`` (data: URLs stay in the page)."""
        origin = urlsplit(own)[:2]
        return [url for url in self.requests if not url.startswith("data:") and urlsplit(url)[:2] != origin]


def exit_url(page) -> str:
    return page.get_attribute("[data-worth-exit]", "href")


def answer_exit(page, url: str) -> None:
    """Let the browser itself answer the neutral page, so the test needs no network."""
    page.context.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE))


def a_searchable_word(site: Path) -> str:
    """A word of six letters or more that the built site's search index holds (the offline
    bundle keeps the index as a script, ``var __index = {...}``)."""
    folder = site / "search"
    if (folder / "search_index.json").exists():
        text = (folder / "search_index.json").read_text(encoding="utf-8")
    else:
        text = (folder / "search_index.js").read_text(encoding="utf-8").split("=", 1)[1]
    for doc in json.loads(text)["docs"]:
        for word in re.findall(r"[A-Za-z]{6,}", re.sub(r"<[^>]+>", " ", doc.get("text", ""))):
            return word.lower()
    raise AssertionError("the search index holds no words")


def follow(page, url: str) -> None:
    """Follow a link to ``url`` from the page's content, as a reader would click one; wait until
    the page is shown and quiet."""
    page.evaluate(
        """href => {
          const link = Object.assign(document.createElement("a"), {href, id: "worth-test-link", textContent: "go"})
          document.querySelector(".md-content").append(link)
        }""",
        url,
    )
    page.click("#worth-test-link")
    # The address changes before the new content is in; the canonical link comes with it.
    page.wait_for_function("url => document.querySelector('link[rel=canonical]')?.href === url", arg=url)
    page.wait_for_load_state("networkidle")


# --- No third parties, no CSP violation -------------------------------------------------------


def test_every_page_type_loads_with_nothing_from_elsewhere_and_no_violation(built_site: Path, site_url: str, page):
    watch = Watch(page)
    for path in page_types(built_site):
        page.goto(site_url + path, wait_until="networkidle")
    assert len(page_types(built_site)) >= 5
    assert not watch.elsewhere(site_url), "\n".join(watch.elsewhere(site_url))
    assert not watch.problems, "\n".join(watch.problems)


def test_instant_navigation_through_every_page_type_stays_quiet(instant_site, page):
    url, folder = instant_site
    watch = Watch(page)
    page.goto(url, wait_until="networkidle")
    started = page.evaluate("performance.timeOrigin")
    for path in page_types(folder):
        if path not in ("", "404.html"):
            follow(page, url + path)
    follow(page, url)
    assert page.evaluate("performance.timeOrigin") == started, "a link loaded a new page instead of navigating instantly"
    assert not watch.elsewhere(url), "\n".join(watch.elsewhere(url))
    assert not watch.problems, "\n".join(watch.problems)


def test_header_links_follow_instant_navigation(instant_site, page):
    url, _ = instant_site
    page.goto(url, wait_until="networkidle")
    follow(page, f"{url}articles/")
    safety = page.get_by_role("banner").get_by_role("link", name="Staying safe online")
    assert safety.evaluate("a => a.href") == f"{url}staying-safe/"
    skip = page.locator(".worth-exit__skip")
    theirs = page.locator("[data-md-component=skip] a")
    if theirs.count():
        assert skip.get_attribute("href") == theirs.get_attribute("href")
        assert urlsplit(skip.get_attribute("href")).path == "/articles/"


# --- The quick exit ----------------------------------------------------------------------------


def test_shift_three_times_leaves_and_back_does_not_return(site_url: str, page):
    page.goto(site_url + "signs/")
    destination = exit_url(page)
    answer_exit(page, destination)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(destination)
    assert page.title() == "Weather"
    page.go_back()
    assert not page.url.startswith(site_url), f"Back returned to {page.url}"


def test_leave_this_site_link_leaves_and_back_does_not_return(site_url: str, page):
    page.goto(site_url + "staying-safe/")
    destination = exit_url(page)
    answer_exit(page, destination)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    page.go_back()
    assert not page.url.startswith(site_url), f"Back returned to {page.url}"


def test_after_instant_navigation_back_skips_every_page_read(instant_site, page):
    url, _ = instant_site
    page.goto(url, wait_until="networkidle")
    before = page.evaluate("history.length")
    for link in ("costs/", "sources/"):
        follow(page, url + link)
    assert page.evaluate("history.length") == before, "moving between pages added history entries"
    destination = exit_url(page)
    answer_exit(page, destination)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(destination)
    page.go_back()
    assert not page.url.startswith(url), f"Back returned to {page.url}"


def test_leaving_hides_the_page_and_tells_the_site_before_going(site_url: str, page):
    seen = []
    page.expose_function("worthExitSeen", lambda hidden: seen.append(hidden))
    page.add_init_script(
        "document.addEventListener('worth:exit', () => window.worthExitSeen("
        "getComputedStyle(document.documentElement).display === 'none'))"
    )
    page.goto(site_url)
    destination = exit_url(page)
    answer_exit(page, destination)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    assert seen == [True]


def test_the_count_is_announced_and_any_other_key_starts_it_again(site_url: str, page):
    page.goto(site_url + "costs/")
    status = page.locator("[data-worth-exit-status]")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.keyboard.press("Shift")
    assert status.text_content() == "Press Shift 2 more times to leave this site."
    assert status.bounding_box()["width"] <= 1, "the count is for screen readers, not drawn over the strip"
    page.keyboard.press("Shift")
    assert status.text_content() == "Press Shift 1 more time to leave this site."
    page.keyboard.press("ArrowDown")
    assert status.text_content() == ""
    page.keyboard.press("Shift")
    assert status.text_content() == "Press Shift 2 more times to leave this site."
    assert page.url == site_url + "costs/"
    destination = exit_url(page)
    answer_exit(page, destination)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(destination)


def test_typing_capital_letters_never_leaves(site_url: str, page):
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    for key in ("Shift+KeyW", "Shift+KeyO", "Shift+KeyR"):
        page.keyboard.press(key)
    assert page.url == site_url
    assert page.locator("input.md-search__input").input_value() == "WOR"
    assert page.locator("[data-worth-exit-status]").text_content() == ""


def test_leave_this_site_works_without_javascript(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "signs/")
        destination = exit_url(page)
        answer_exit(page, destination)
        page.get_by_role("link", name="Leave this site").click()
        page.wait_for_url(destination)
    finally:
        context.close()


def test_leave_this_site_is_the_first_focus_stop_of_every_page(built_site: Path, site_url: str, page):
    for path in page_types(built_site):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.hasAttribute('data-worth-exit')]")
        assert focused == ["Leave this site", True], f"/{path}: first Tab stop is {focused[0]!r}"


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exit_strip_passes_axe(site_url: str, page, width: str, scheme: str):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "signs/")
    results = Axe().run(
        page, context=".worth-exit", options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    violations = [f"{v['id']}: {n['target']}" for v in results.response["violations"] for n in v["nodes"]]
    assert violations == []
    assert page.get_by_role("link", name="Leave this site").is_visible()
    assert page.get_by_role("banner").get_by_role("link", name="Staying safe online").is_visible()


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_exit_stays_in_view_at_the_top_and_uncovered(site_url: str, page, width: str):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto(site_url + "letting-go/")  # a long page
    in_view = """() => {
      const link = document.querySelector("[data-worth-exit]")
      const box = link.getBoundingClientRect()
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return box.top >= 0 && box.top < 60 && box.right <= innerWidth && link.contains(hit)
    }"""
    assert page.evaluate(in_view)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the strip makes the page scroll sideways"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("scrollY") > 0
    assert page.evaluate(in_view), "the exit scrolled out of view"


def test_focused_content_is_never_hidden_under_the_header(site_url: str, page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + "sources/")
    checked = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        box = page.evaluate("""() => {
          const el = document.activeElement
          if (!el.closest(".md-content, .md-footer")) return null
          const r = el.getBoundingClientRect()
          return {top: r.top, bottom: r.bottom, header: document.querySelector(".md-header").getBoundingClientRect().bottom,
                  text: el.textContent.trim().slice(0, 40)}
        }""")
        if box is None:
            continue
        checked += 1
        assert box["top"] >= box["header"] - 1, f"{box['text']!r} is focused under the header"
        assert box["bottom"] <= 640 + 1, f"{box['text']!r} is focused below the screen"
    assert checked > 0, "no focusable content reached"


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_a_linked_heading_is_shown_below_the_header_not_under_it(site_url: str, page, width: str):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto(site_url + "staying-safe/")
    anchor = page.locator(".md-content h2[id]").first.get_attribute("id")
    page.goto(f"{site_url}staying-safe/#{anchor}", wait_until="networkidle")
    # The browser scrolls to the fragment as the page loads; a slow machine may do it before
    # the styles settle, so bring the heading into view the same way once more (the header's
    # room, scroll-padding-top, applies to both) and measure once the page is still: the same
    # two positions in two frames running (on a loaded machine the theme may still be laying
    # the page out when the first scroll happens).
    measure = (
        "id => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(["
        "document.getElementById(id).getBoundingClientRect().top,"
        " document.querySelector('.md-header').getBoundingClientRect().bottom]))))"
    )
    last = None
    for _ in range(20):
        page.evaluate("id => document.getElementById(id).scrollIntoView()", anchor)
        now = page.evaluate(measure, anchor)
        if now == last:
            break
        last = now
    heading, header = last
    # Within a pixel: scrolling rounds to device pixels, so the edge may fall a fraction short.
    assert header - 1 <= heading < header + 80, f"heading at {heading}px, header ends at {header}px"


# --- No traces ---------------------------------------------------------------------------------


def stored(page) -> dict:
    return page.evaluate("""async () => ({
      cookie: document.cookie,
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      databases: (await indexedDB.databases()).map(db => db.name),
    })""")


def test_a_typical_visit_leaves_nothing_on_the_device(instant_site, page):
    url, folder = instant_site
    page.goto(url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    word = a_searchable_word(folder)
    page.keyboard.type(word)
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    result.click()
    page.wait_for_load_state("networkidle")
    assert word not in page.url, "the search word went into the address, and so into the history"
    page.goto(f"{url}signs/", wait_until="networkidle")  # as when arriving from a link elsewhere
    boxes = page.locator(".md-content input[type=checkbox]:visible:not(#checklist-remember)").all()[:3]
    assert boxes, "the signs page shows no checklist to tick"
    for box in boxes:
        box.check()
    follow(page, f"{url}letting-go/")
    assert stored(page) == {"cookie": "", "local": [], "session": [], "databases": []}
    assert page.context.cookies() == []


def test_a_chosen_colour_scheme_is_the_one_thing_kept_and_leaving_removes_it(site_url: str, page):
    page.goto(site_url)
    assert stored(page)["local"] == []
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    kept = stored(page)["local"]
    assert len(kept) == 1 and kept[0].endswith(".__palette")
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    destination = exit_url(page)
    answer_exit(page, destination)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    again = waiting_until_ready(page.context.new_page())
    again.goto(site_url)
    assert stored(again)["local"] == []


# --- The offline bundle, opened from file:// ----------------------------------------------------


def test_offline_bundle_pages_and_search_stay_quiet_and_the_exit_works(offline_site: Path, page):
    watch = Watch(page)
    home = (offline_site / "index.html").as_uri()
    page.goto(home)
    page.goto((offline_site / "staying-safe.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type(a_searchable_word(offline_site))
    page.locator(".md-search-result__item a").first.wait_for()
    assert [u for u in watch.requests if not u.startswith(("file:", "data:"))] == []
    assert not watch.problems, "\n".join(watch.problems)
    destination = exit_url(page)
    answer_exit(page, destination)
    search.press("Escape")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(destination)
