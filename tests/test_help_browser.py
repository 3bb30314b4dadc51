"""A reader in danger, in real Chromium: the help box wherever she may need it, an exit nothing
covers, no history to go back to, and nothing left stored after the exit.

Three outputs are checked: the built site served without ``SITE_URL`` (every link a page load),
the site built with ``SITE_URL`` (the theme's instant navigation on), and the offline bundle,
unzipped and opened from ``file://``. Widths are a 390 px phone and a 1280 px desktop. The
neutral page the exit goes to, and a page read before the site, are answered by the browser
itself (``route``), so no test reaches the network.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import open_search, wait_for_search_answer, waiting_until_ready

from test_accessibility import axe_violations

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 800), "desktop": (1280, 800)}
BEFORE = "https://before.example/"  # a page the reader read before coming to the site
NEUTRAL = "<!doctype html><title>{title}</title><p>{title}</p>"
THEME_PAGES = ("costs", "signs", "letting-go")


class Site:
    """One output of the site: how to name its pages, and whether it has a 404 page."""

    def __init__(self, base: str, *, offline: bool, instant: bool = False) -> None:
        self.base, self.offline, self.instant = base, offline, instant

    def url(self, name: str) -> str:
        if name in ("", "index"):
            return self.base + ("index.html" if self.offline else "")
        return self.base + (f"{name}.html" if self.offline else f"{name}/")

    def owns(self, url: str) -> bool:
        return url.startswith(self.base)


@pytest.fixture(params=["served", "instant", "offline"])
def site(request) -> Site:
    if request.param == "offline":
        return Site(request.getfixturevalue("offline_site").as_uri() + "/", offline=True)
    if request.param == "instant":
        return Site(request.getfixturevalue("instant_site")[0], offline=False, instant=True)
    return Site(request.getfixturevalue("site_url"), offline=False)


@pytest.fixture(params=["served", "offline"])
def output(request) -> Site:
    """The two builds that differ in what they are made of (the instant one is the served one
    with SITE_URL set)."""
    if request.param == "offline":
        return Site(request.getfixturevalue("offline_site").as_uri() + "/", offline=True)
    return Site(request.getfixturevalue("site_url"), offline=False)


def answer_outside(page) -> list[str]:
    """Answer every http(s) address outside 127.0.0.1 with a small page of its own, recording
    what was asked for."""
    asked: list[str] = []

    def answer(route) -> None:
        asked.append(route.request.url)
        title = "Before" if route.request.url == BEFORE else "Weather"
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL.format(title=title))

    page.context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), answer)
    return asked


def exit_url(page) -> str:
    return page.locator("[data-worth-exit]").evaluate("a => a.href")


def sized(page, width: str) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))



def settle(page) -> None:
    """Wait until the page's transitions (a drawer sliding in, results fading in) have ended."""
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")


UNCOVERED = """selector => {
  const link = [...document.querySelectorAll(selector)].find(a => a.getClientRects().length)
  const box = link.getBoundingClientRect()
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
  return box.top >= 0 && box.bottom <= innerHeight && link.contains(hit)
}"""


# --- The help box ------------------------------------------------------------------------------


def assert_help_box(box) -> None:
    expect(box).to_be_visible()
    expect(box.get_by_role("heading", name="Talk to someone who can help")).to_be_visible()
    expect(box).to_contain_text("If you are in danger now, call")
    calls = box.locator("a[href^='tel:']")
    assert calls.count() >= 2
    web = box.locator("a[href^='https://']")
    assert web.count() >= 1 and web.first.get_attribute("target") is None, "a service should open in the same tab"
    assert "noreferrer" in (web.first.get_attribute("rel") or "")


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_help_box_is_on_every_theme_page_the_staying_safe_page_and_the_404_page(page, output: Site, width: str):
    sized(page, width)
    names = [*THEME_PAGES, "staying-safe"] + ([] if output.offline else ["no/such/page"])
    for name in names:
        page.goto(output.url(name) if name != "no/such/page" else output.base + "404.html")
        assert_help_box(page.locator("aside#help"))
    # Every theme page says what it is about at the top, and links to the box.
    for name in THEME_PAGES:
        page.goto(output.url(name))
        note = page.locator(".md-content .admonition").first
        expect(note).to_contain_text("Before you read")
        note.get_by_role("link", name="People who can help").click()
        expect(page.locator("aside#help")).to_be_in_viewport()
        assert output.owns(page.url) and page.url.endswith("#help")
    page.goto(output.url("staying-safe"))
    page.get_by_role("link", name="people who can help", exact=True).click()
    expect(page.locator("aside#help")).to_be_in_viewport()


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_help_box_follows_the_checklists_result_whatever_it_says(page, output: Site, width: str):
    sized(page, width)
    page.goto(output.url("signs"))
    result = page.locator(".worth-checklist__result")
    box = page.locator("aside#checklist-help")
    expect(result).to_be_visible()
    assert_help_box(box)
    assert result.evaluate("r => r.nextElementSibling.id") == "checklist-help"
    for box_id in page.locator(".worth-checklist__items input[type=checkbox]").evaluate_all("bs => bs.map(b => b.id)"):
        page.locator(f"label[for='{box_id}']").click()
    expect(page.locator(".worth-checklist__band")).to_contain_text("most of these signs")
    assert_help_box(box)
    # The box sits right under the result, before the buttons.
    below = page.evaluate("""() => [document.querySelector('.worth-checklist__result').getBoundingClientRect().bottom,
      document.querySelector('#checklist-help').getBoundingClientRect().top,
      document.querySelector('.worth-checklist__actions').getBoundingClientRect().top]""")
    assert below[0] <= below[1] < below[2]


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_a_search_that_finds_nothing_shows_the_help_box(page, output: Site, width: str):
    sized(page, width)
    page.goto(output.url("index"))
    open_search(page)
    field = page.locator("input.md-search__input")
    field.press_sequentially("zqxjvw")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("no matching", re.IGNORECASE))
    assert_help_box(page.locator("[data-worth-search-help] aside"))
    field.fill("")
    field.press_sequentially("worth")
    page.locator(".md-search-result__item").first.wait_for()
    expect(page.locator("[data-worth-search-help]")).to_be_hidden()


def test_the_letting_go_page_says_leaving_can_be_dangerous_beside_its_call_to_leave(page, output: Site):
    page.goto(output.url("letting-go"))
    note = page.locator(".worth-leaving-note")
    assert note.count() >= 1
    expect(note.first).to_contain_text("can be the most dangerous time")
    assert note.first.get_by_role("link").first.evaluate("l => l.href").endswith("#help")
    # Beside the call itself: the paragraph just before it tells the reader to walk.
    before = note.first.evaluate("n => n.previousElementSibling.textContent")
    assert re.search(r"\bwalk\b", before, re.IGNORECASE)


def test_sources_is_in_the_footer_not_the_navigation_and_the_footer_names_the_site(page, output: Site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(output.url("index"))
    nav = page.locator(".md-sidebar--primary nav")
    expect(nav.get_by_role("link", name="Sources")).to_have_count(0)
    footer = page.locator("footer")
    expect(footer).to_contain_text("Worth")
    expect(footer).not_to_contain_text("Made with")
    expect(footer.get_by_role("link", name="Staying safe online")).to_be_visible()
    footer.get_by_role("link", name="Sources (for editors)").click()
    expect(page.locator("h1")).to_have_text("Sources")


# --- An exit nothing covers --------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_exit_is_clickable_with_search_open(page, output: Site, width: str, scheme: str):
    sized(page, width)
    page.emulate_media(color_scheme=scheme)
    answer_outside(page)
    page.goto(output.url("signs"))
    open_search(page)
    page.locator("input.md-search__input").press_sequentially("zqxjvw")
    expect(page.locator("[data-worth-search-help]")).to_be_visible()
    settle(page)
    assert page.evaluate(UNCOVERED, "[data-worth-exit]"), "the open search covers the exit"
    destination = exit_url(page)
    page.locator("[data-worth-exit]").click()
    page.wait_for_url(destination)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["strip", "drawer"])
def test_the_exit_is_clickable_with_the_drawer_open(page, output: Site, which: str, scheme: str):
    sized(page, "phone")
    page.emulate_media(color_scheme=scheme)
    answer_outside(page)
    page.goto(output.url("costs"))
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer_exit = page.locator("[data-worth-exit-drawer]")
    expect(drawer_exit).to_be_visible()
    settle(page)
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    selector = "[data-worth-exit]" if which == "strip" else "[data-worth-exit-drawer]"
    assert page.evaluate(UNCOVERED, selector), f"the open drawer covers the {which}'s exit"
    destination = exit_url(page)
    page.locator(selector).click()
    page.wait_for_url(destination)


def test_the_drawers_own_exit_is_out_of_the_way_while_the_drawer_is_closed(page, site_url: str):
    sized(page, "phone")
    page.goto(site_url)
    expect(page.locator("[data-worth-exit-drawer]")).to_be_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-worth-exit')")


def test_the_exit_stays_above_an_open_glossary_tooltip(page, site_url: str):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "signs/")
    term = page.locator(".md-content a[href*='glossary/#'][title], .md-content a[href*='glossary/#']").first
    # Bring the term just under the header, so that its tooltip would reach up over it.
    term.evaluate("t => { t.scrollIntoView(); scrollBy(0, -document.querySelector('.md-header').offsetHeight - 4) }")
    term.hover()
    expect(page.locator(".md-tooltip2--active")).to_have_count(1)
    assert page.evaluate(UNCOVERED, "[data-worth-exit]")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_exit_is_at_least_44_pixels_and_black_on_white_in_both_palettes(browser, site_url: str, width: str, scheme: str):
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])), has_touch=True,
                                  color_scheme=scheme)
    try:
        page = waiting_until_ready(context.new_page())
        page.goto(site_url + "letting-go/")
        link = page.locator("[data-worth-exit]")
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
        colours = link.evaluate("a => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor]")
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    finally:
        context.close()


def test_shift_presses_being_counted_are_shown_and_cleared(page, output: Site):
    page.goto(output.url("costs"))
    marks = page.locator("[data-worth-exit-presses]")
    expect(marks).to_be_hidden()
    page.keyboard.press("Shift")
    expect(marks).to_be_visible()
    expect(marks.locator(".worth-exit__mark--on")).to_have_count(1)
    page.keyboard.press("Shift")
    expect(marks.locator(".worth-exit__mark--on")).to_have_count(2)
    page.keyboard.press("KeyA")
    expect(marks).to_be_hidden()
    assert output.owns(page.url)


def test_with_the_keyboard_alone_search_open_shift_three_times_leaves(page, output: Site):
    answer_outside(page)
    page.goto(output.url("letting-go"))
    destination = exit_url(page)
    page.keyboard.press("/")  # the theme's shortcut to search
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("zqxjvw")
    expect(page.locator("[data-worth-search-help]")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(destination)


def test_with_the_keyboard_alone_the_help_box_links_are_reached(page, output: Site):
    page.goto(output.url("staying-safe"))
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.closest('aside#help') && document.activeElement.getAttribute('href')")
        if href:
            reached.add(href.split(":")[0])
        if {"tel", "https"} <= reached:
            break
    assert {"tel", "https"} <= reached, f"reached only {reached}"


# --- No history to go back to ------------------------------------------------------------------


def click_nav(page, site: Site, title: str) -> None:
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=title).first.click()
    expect(page.locator("h1").first).to_have_text(title)
    assert site.owns(page.url)


def test_after_three_pages_and_leaving_neither_back_nor_forward_reach_the_site(page, site: Site):
    page.set_viewport_size({"width": 1280, "height": 800})
    asked = answer_outside(page)
    page.goto(BEFORE)
    page.goto(site.url("index"))
    started = page.evaluate("history.length")
    for title in ("Signs he doesn't see your worth", "The cost of staying", "Why letting go helps"):
        click_nav(page, site, title)
    page.get_by_role("link", name="People who can help", exact=True).click()  # a place on the same page
    assert page.url.endswith("#help")
    assert page.evaluate("history.length") == started, "moving between pages added history entries"
    destination = exit_url(page)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    page.go_back()
    assert page.url == BEFORE, f"Back returned to {page.url}"
    page.go_forward()
    assert page.url == destination, f"Forward went to {page.url}"
    page.go_back()
    page.go_back()  # nothing before the first page: stays
    assert not site.owns(page.url)
    assert destination in asked


def test_a_search_result_is_followed_without_a_history_entry(page, output: Site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(output.url("index"))
    started = page.evaluate("history.length")
    open_search(page)
    page.locator("input.md-search__input").press_sequentially("worth")
    wait_for_search_answer(page)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.evaluate("history.length") == started


# --- Nothing stored survives the exit ----------------------------------------------------------


STORED = """() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})"""


def test_the_exit_forgets_everything_the_site_stored_remembered_answers_included(page, output: Site):
    page.set_viewport_size({"width": 1280, "height": 800})
    answer_outside(page)
    page.goto(output.url("signs"))
    first = page.locator(".worth-checklist__items input[type=checkbox]").first
    page.locator(f"label[for='{first.get_attribute('id')}']").click()
    page.locator("label[for='checklist-remember']").click()
    expect(page.locator("#checklist-remember-note")).to_contain_text("quick exit forgets them")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    kept = page.evaluate(STORED)["local"]
    assert any(k.endswith(".worth-checklist") for k in kept) and any(k.endswith(".__palette") for k in kept), kept
    page.reload()
    expect(first).to_be_checked()  # remembered, as asked
    destination = exit_url(page)
    page.get_by_role("link", name="Leave this site").click()
    page.wait_for_url(destination)
    again = waiting_until_ready(page.context.new_page())
    again.goto(output.url("signs"))
    assert again.evaluate(STORED) == {"local": [], "session": []}
    expect(again.locator(".worth-checklist__items input[type=checkbox]").first).not_to_be_checked()
    expect(again.locator("#checklist-remember")).not_to_be_checked()


# --- axe-core with the help box present --------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_phone_with_the_help_box_search_and_drawer(page, site_url: str, built_site: Path, scheme: str):
    sized(page, "phone")
    page.emulate_media(color_scheme=scheme)
    problems = []
    for path in ("costs/", "signs/", "letting-go/", "staying-safe/", "404.html"):
        page.goto(site_url + path, wait_until="load")
        assert page.locator("aside#help").is_visible()
        problems += [f"/{path}: {line}" for line in axe_violations(page)]
    page.goto(site_url, wait_until="load")
    # Opened from the keyboard: a pointer resting on the search box's buttons would show their
    # tooltips, which fade in and out (and are the theme's, checked by test_accessibility).
    page.keyboard.press("/")
    page.keyboard.type("zqxjvw")
    expect(page.locator("[data-worth-search-help]")).to_be_visible()
    settle(page)
    problems += [f"search: {line}" for line in axe_violations(page)]
    page.goto(site_url + "signs/", wait_until="load")
    page.locator("label.md-header__button[for=__drawer]").click()
    settle(page)
    problems += [f"drawer: {line}" for line in axe_violations(page)]
    assert not problems, "\n".join(problems)
