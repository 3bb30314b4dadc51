"""The signs checklist in a real browser: ticking, the result, keyboard use, privacy, printing,
no JavaScript, small screens, instant navigation, the offline bundle and accessibility."""
from __future__ import annotations

import json
import re

import pytest

from conftest import waiting_until_ready

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def open_signs(page, base: str, path: str = "signs/"):
    page.goto(base + path)
    page.locator(".worth-checklist--ready").wait_for()
    return page


def boxes(page):
    return page.locator(".worth-checklist__items input[type=checkbox]")


def status(page):
    return page.locator(".worth-checklist [role=status]")


def bands(page) -> list[dict]:
    return json.loads(page.locator(".worth-checklist").get_attribute("data-bands"))


def band_for(page, ticked: int, total: int) -> str:
    """The words the editor's bands give for ``ticked`` of ``total`` (the rule the page promises)."""
    table = bands(page)
    if not ticked:
        return table[0]["words"]
    share = 100 * ticked / total
    reached = [b for i, b in enumerate(table[1:]) if b["from"] <= share or i == 0]
    return reached[-1]["words"]


def next_read_titles(page) -> list[str]:
    return page.locator(".worth-checklist__next a").all_inner_texts()


def stored(page) -> str:
    """Everything in this origin's local and session storage, as one string."""
    return page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


def assert_nothing_stored(page):
    everything = stored(page)
    assert "worth-checklist" not in everything and not re.search(r"sign-\d", everything), everything


def top_target(data_next: str) -> str:
    pairs = [p.split(":") for p in data_next.split()]
    return max(pairs, key=lambda p: float(p[1]))[0] if pairs else ""


def test_ticking_updates_the_count_the_band_and_what_to_read_next(page, site_url):
    open_signs(page, site_url)
    total = boxes(page).count()
    assert total >= 5
    assert boxes(page).evaluate_all("bs => bs.filter(b => b.checked).length") == 0
    assert f"0 of {total} signs ticked." in status(page).inner_text()
    assert next_read_titles(page) == []

    # Two signs whose most related reading differs must lead to different suggestions.
    targets = [top_target(b.get_attribute("data-next")) for b in boxes(page).all()]
    first = next((i for i, t in enumerate(targets) if t), None)
    assert first is not None, "no sign has a related costs or letting-go section"
    second = next((i for i, t in enumerate(targets) if t and t != targets[first]), None)
    assert second is not None, "every sign suggests the same reading"

    boxes(page).nth(first).check()
    assert f"1 of {total} signs ticked." in status(page).inner_text()
    assert band_for(page, 1, total) in status(page).inner_text()
    after_first = next_read_titles(page)
    assert after_first

    boxes(page).nth(first).uncheck()
    boxes(page).nth(second).check()
    assert next_read_titles(page) and next_read_titles(page)[0] != after_first[0]

    for box in boxes(page).all():
        box.check()
    assert f"{total} of {total} signs ticked." in status(page).inner_text()
    assert band_for(page, total, total) in status(page).inner_text()
    assert band_for(page, total, total) != band_for(page, 1, total)


def test_a_next_read_link_leads_to_its_section(page, site_url):
    open_signs(page, site_url)
    for box in boxes(page).all():
        box.check()
    link = page.locator(".worth-checklist__next a").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(f"#{anchor}$"))
    assert page.locator(f"[id='{anchor}']").is_visible()


def test_the_checklist_works_with_the_keyboard_alone(page, site_url):
    open_signs(page, site_url)
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sign-1":
            break
    else:
        pytest.fail("Tab never reached the first sign")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    assert boxes(page).first.is_checked()
    assert "1 of " in status(page).inner_text()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sign-2":
            break
    page.keyboard.press("Space")
    assert "2 of " in status(page).inner_text()


def test_every_sign_has_a_name_and_a_target_of_at_least_24_pixels(page, site_url):
    open_signs(page, site_url)
    for box in boxes(page).all():
        size = box.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24
    labels = page.locator(".worth-checklist__label").all_inner_texts()
    for index, label in enumerate(labels):
        assert page.get_by_role("checkbox", name=label, exact=True).first.get_attribute("id") == f"sign-{index + 1}"
    page.locator(".worth-checklist__label").first.click()
    assert boxes(page).first.is_checked()


def test_answers_are_forgotten_on_reload_and_never_stored_unless_asked(page, site_url):
    open_signs(page, site_url)
    boxes(page).nth(0).check()
    boxes(page).nth(1).check()
    assert_nothing_stored(page)
    page.reload()
    page.locator(".worth-checklist--ready").wait_for()
    assert boxes(page).evaluate_all("bs => bs.filter(b => b.checked).length") == 0
    assert "0 of " in status(page).inner_text()
    assert_nothing_stored(page)


def test_remembering_is_a_choice_that_survives_a_reload(page, site_url):
    open_signs(page, site_url)
    remember = page.get_by_role("checkbox", name="Remember my answers on this device")
    assert not remember.is_checked()
    assert "Anyone who uses this device could see them" in page.locator("#checklist-remember-note").inner_text()
    boxes(page).nth(1).check()
    remember.check()
    boxes(page).nth(2).check()
    assert "worth-checklist" in stored(page)
    page.reload()
    page.locator(".worth-checklist--ready").wait_for()
    assert [b.is_checked() for b in boxes(page).all()[:4]] == [False, True, True, False]
    assert remember.is_checked()
    assert "2 of " in status(page).inner_text()

    remember.uncheck()
    assert_nothing_stored(page)
    page.reload()
    page.locator(".worth-checklist--ready").wait_for()
    assert boxes(page).evaluate_all("bs => bs.filter(b => b.checked).length") == 0


def test_clear_my_answers_empties_the_checklist_and_what_is_stored(page, site_url):
    open_signs(page, site_url)
    page.get_by_role("checkbox", name="Remember my answers on this device").check()
    boxes(page).nth(0).check()
    boxes(page).nth(3).check()
    page.get_by_role("button", name="Clear my answers").click()
    assert boxes(page).evaluate_all("bs => bs.filter(b => b.checked).length") == 0
    assert not page.get_by_role("checkbox", name="Remember my answers on this device").is_checked()
    assert "0 of " in status(page).inner_text()
    assert next_read_titles(page) == []
    assert_nothing_stored(page)


def test_where_storage_is_refused_the_switch_says_so_and_the_checklist_still_works(page, site_url):
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})"
    )
    open_signs(page, site_url)
    remember = page.get_by_role("checkbox", name="Remember my answers on this device")
    assert remember.is_disabled()
    assert "cannot be remembered" in page.locator("#checklist-remember-note").inner_text()
    boxes(page).first.check()
    assert "1 of " in status(page).inner_text()


def test_the_quick_exit_event_clears_the_answers(page, site_url):
    open_signs(page, site_url)
    boxes(page).first.check()
    page.evaluate("document.dispatchEvent(new Event('worth:exit'))")
    assert not boxes(page).first.is_checked()
    assert "0 of " in status(page).inner_text()


def test_without_javascript_every_sign_is_listed_with_a_key_and_no_broken_controls(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "signs/")
        checklist = page.locator(".worth-checklist")
        assert checklist.locator(".worth-checklist__key", has_text="Count the signs you recognise").is_visible()
        labels = checklist.locator(".worth-checklist__label")
        assert labels.count() >= 5
        for label in labels.all():
            assert label.is_visible()
        first_link = checklist.locator(".worth-checklist__items a").first
        assert first_link.is_visible() and first_link.inner_text() == f"Read \u201c{labels.first.inner_text()}\u201d"
        for control in checklist.locator("input, button").all():
            assert not control.is_visible()
        assert not checklist.locator("[role=status]").is_visible()
        assert checklist.get_by_text("This is not a diagnosis").is_visible()
    finally:
        context.close()


def test_printing_shows_the_signs_ticks_and_result_without_the_site_around_them(page, site_url):
    open_signs(page, site_url)
    boxes(page).nth(1).check()
    page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    page.get_by_role("button", name="Print my checklist").click()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".worth-exit", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert boxes(page).nth(1).is_visible() and boxes(page).nth(1).is_checked()
    assert page.locator(".worth-checklist__label").first.is_visible()
    assert status(page).is_visible() and "1 of " in status(page).inner_text()
    assert not page.get_by_role("button", name="Clear my answers").is_visible()
    # The print button prints the checklist alone, not the sections around it.
    assert not page.locator(".md-content__inner > h2").first.is_visible()


def test_on_a_320_pixel_screen_nothing_overflows(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = waiting_until_ready(context.new_page())
    try:
        open_signs(page, site_url)
        boxes(page).first.check()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        box = page.locator(".worth-checklist").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    finally:
        context.close()


def test_the_home_page_leads_to_the_checklist_and_it_works_after_instant_navigation(page, site_url):
    page.goto(site_url)
    page.locator("a[href$='#checklist']").first.click()
    page.locator(".worth-checklist--ready").wait_for()
    boxes(page).first.check()
    assert "1 of " in status(page).inner_text()
    # Away and back again through the site's own links: the checklist starts afresh.
    page.locator(".md-header a.md-logo").click()
    page.wait_for_url(re.compile(r"/$"))
    page.locator("a[href$='#checklist']").first.click()
    page.locator(".worth-checklist--ready").wait_for()
    assert "0 of " in status(page).inner_text()
    boxes(page).nth(1).check()
    assert "1 of " in status(page).inner_text()


def test_only_the_signs_page_loads_the_checklist_and_instant_navigation_runs_it(page, instant_site):
    # The checklist's script is downloaded only with the page that holds the checklist; with the
    # theme's instant navigation on, reaching that page from another one still sets it up, each time.
    base, _ = instant_site
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base, wait_until="networkidle")
    assert not [url for url in requested if url.endswith("checklist.js")]
    page.evaluate("window.__same_page_load = true")
    for visit in range(2):
        page.locator("a[href$='#checklist']").first.click()
        page.locator(".worth-checklist--ready").wait_for()
        assert page.evaluate("window.__same_page_load === true")  # moved without a page load
        assert "0 of " in status(page).inner_text()
        boxes(page).nth(visit).check()
        assert "1 of " in status(page).inner_text()
        page.evaluate("document.dispatchEvent(new Event('worth:exit'))")
        assert "0 of " in status(page).inner_text()
        page.locator(".md-header a.md-logo").click()
        page.wait_for_url(base)
    assert [url for url in requested if url.endswith("checklist.js")]


def test_the_checklist_script_waits_for_the_theme_s_script_so_the_first_paint_does_not(page, site_url):
    # The page's HTML names no checklist script: one found there is fetched while the page is
    # still being drawn, and a slow phone's first paint waits for it. It is fetched once the
    # theme's script has run, and the checklist then works as before.
    html = page.request.get(site_url + "signs/").text()
    assert 'class="worth-checklist"' in html and "checklist.js" not in html
    open_signs(page, site_url)
    timing = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType("resource")
        .filter(e => /(bundle\\.[0-9a-f]+\\.min|checklist)\\.js$/.test(e.name))
        .map(e => [e.name.includes("checklist") ? "checklist" : "theme", [e.startTime, e.responseEnd]]))""")
    assert set(timing) == {"checklist", "theme"}
    assert timing["checklist"][0] >= timing["theme"][1]
    boxes(page).first.check()
    assert "1 of " in status(page).inner_text()


def test_the_checklist_works_in_the_offline_bundle(page, offline_site):
    page.goto((offline_site / "signs.html").as_uri())
    page.locator(".worth-checklist--ready").wait_for()
    linked = next(b for b in boxes(page).all() if b.get_attribute("data-next"))
    linked.check()
    assert "1 of " in status(page).inner_text()
    href = page.locator(".worth-checklist__next a").first.get_attribute("href")
    assert (offline_site / href.split("#")[0]).is_file(), href


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_wcag_22_aa_violations_on_the_signs_page_in_use(page, site_url, scheme):
    """axe-core (the copy axe-playwright-python ships, 4.12) on the signs page with a sign ticked
    and the result and its links showing, in the light and the dark palette."""
    from axe_playwright_python.sync_playwright import Axe

    open_signs(page, site_url)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    next(b for b in boxes(page).all() if b.get_attribute("data-next")).check()
    assert next_read_titles(page)
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_snapshot()
