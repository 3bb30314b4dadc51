"""The guide as a reader meets it in a real browser: a theme page cites each run of one
article's sections once, the checklist's hints are all different and its result names the signs
ticked, and search lists each passage once, under the article it comes from, online and from
the offline bundle."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import wait_for_search_answer

pytestmark = pytest.mark.browser

THEME_PAGES = ("signs/", "costs/", "letting-go/", "more/")


def test_a_theme_page_has_one_source_line_per_run_of_an_articles_sections(page, site_url):
    for path in THEME_PAGES:
        page.goto(site_url + path)
        # Walk the page's content in order: each section heading, and each source line with the
        # article it names. A source line closes the run of sections before it.
        items = page.locator("article.md-content__inner > h2[id], article.md-content__inner > .worth-source").evaluate_all(
            """els => els.map(e => e.tagName === 'H2' ? ['section', e.id]
                                   : ['source', e.querySelector('a').getAttribute('href').split('#')[0]])"""
        )
        sources = [target for kind, target in items if kind == "source"]
        sections = [name for kind, name in items if kind == "section" and name != "checklist-title"]
        assert sections and sources, path
        # never two source lines in a row for the same article: its sections read as one run
        assert all(a != b for a, b in zip(sources, sources[1:])), f"{path}: one article cited twice in a row"
        # and fewer source lines than sections when an article gives several sections in a row
        assert len(sources) <= len(sections)
    page.goto(site_url + "signs/")
    signs_sources = page.locator("article.md-content__inner > .worth-source").count()
    signs_sections = page.locator("article.md-content__inner > h2[id]:not(#checklist-title)").count()
    assert signs_sources < signs_sections, "the signs page cites every section on its own"


def test_the_footer_and_the_page_agree_on_what_comes_before_and_after(page, site_url):
    page.goto(site_url + "costs/")
    # The line's text as written (its text content): far down the page it is not drawn until it
    # comes near the screen, and a line not drawn has no rendered text (innerText) yet.
    body = page.locator(".worth-reading-order").text_content()
    before = re.search(r"Before this: (.+)", body)[1].strip()
    after = re.search(r"Read next: (.+)", body)[1].strip()
    assert before in page.locator(".md-footer__link--prev").inner_text()
    assert after in page.locator(".md-footer__link--next").inner_text()


def test_no_two_checklist_items_share_a_hint(page, site_url):
    page.goto(site_url + "signs/")
    hints = [" ".join(h.split()) for h in page.locator(".worth-checklist__hint").all_inner_texts()]
    assert len(hints) >= 5
    assert len(hints) == len(set(hints)), [h for h in hints if hints.count(h) > 1]
    links = page.locator(".worth-checklist__items a").all_inner_texts()
    assert "Read the full section" not in links
    # "not a diagnosis" is said once on the page
    assert page.locator("article.md-content__inner").inner_text().count("not a diagnosis") == 1


def test_the_result_names_the_signs_ticked(page, site_url):
    page.goto(site_url + "signs/")
    page.locator(".worth-checklist--ready").wait_for()
    boxes = page.locator(".worth-checklist__items input[type=checkbox]")
    labels = page.locator(".worth-checklist__label")
    boxes.nth(0).check()
    boxes.nth(2).check()
    result = page.locator(".worth-checklist [role=status]").inner_text()
    assert labels.nth(0).inner_text().strip() in result
    assert labels.nth(2).inner_text().strip() in result
    assert labels.nth(1).inner_text().strip() not in result
    boxes.nth(0).uncheck()
    result = page.locator(".worth-checklist [role=status]").inner_text()
    assert labels.nth(0).inner_text().strip() not in result


def test_the_printed_checklist_leaves_out_the_links_and_warns_about_printers(page, site_url):
    page.goto(site_url + "signs/")
    page.locator(".worth-checklist--ready").wait_for()
    page.locator(".worth-checklist__items input[type=checkbox]").nth(0).check()
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print my checklist").click()
    page.emulate_media(media="print")
    assert not page.locator(".worth-checklist__items a").first.is_visible()
    assert page.get_by_text("Printers and print queues can keep a copy").is_visible()
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.get_by_text("Printers and print queues can keep a copy").is_visible()


def search(page, word: str) -> list[tuple[str, str]]:
    """Type ``word`` into search; return every result listed, as (link without the site's address,
    the title of the group it is listed under)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(word)
    wait_for_search_answer(page)
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.flatMap(item => {
             const group = item.querySelector('h1').textContent.trim()
             return [...item.querySelectorAll('a.md-search-result__link')].map(a =>
               [a.getAttribute('href').replace(/^.*?\\/\\/[^/]*\\//, '').replace(/^.*worth-offline\\//, ''), group])
           })"""
    )


@pytest.mark.parametrize("where", ["website", "offline bundle"])
def test_search_lists_each_passage_once_under_the_article_it_comes_from(page, site_url, offline_site: Path, where):
    start = site_url if where == "website" else (offline_site / "index.html").as_uri()
    page.goto(start)
    listed = search(page, "boundaries")
    links = [link for link, _ in listed]
    assert len(links) == len(set(links)), [link for link in links if links.count(link) > 1]
    passages = [(link, group) for link, group in listed if "#" in link]
    assert passages
    # each passage is found on its article page (where it reads in full), not again on its theme page
    assert all(link.startswith("articles/") for link, _ in passages if not link.startswith("glossary"))
    # and it is listed under that article's title
    page.goto(start)
    titles = {}
    for link, group in passages:
        if link.startswith("articles/"):
            titles.setdefault(link.split("#")[0], group)
    for article, group in titles.items():
        page.goto(start.rsplit("/", 1)[0] + "/" + article + ("index.html" if where != "website" and article.endswith("/") else ""))
        assert page.locator("h1").first.inner_text().strip() == group


def test_a_link_far_down_a_long_page_lands_on_its_section(page, site_url):
    # A long page draws its blocks when they come near the screen (content-visibility), each
    # holding a guessed height until then; a link to its last section still shows that section,
    # once the page is still, at a phone's size.
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(site_url + "costs/")
    ids = page.eval_on_selector_all(".md-content h2[id]", "hs => hs.map(h => h.id)")
    assert len(ids) > 3
    later = page.locator(".md-typeset > h2").last
    assert later.evaluate("h => getComputedStyle(h).contentVisibility") == "auto"
    page.goto(f"{site_url}costs/#{ids[-1]}", wait_until="networkidle")
    measure = ("id => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => "
               "r(document.getElementById(id).getBoundingClientRect().top))))")
    last = None
    for _ in range(20):
        now = page.evaluate(measure, ids[-1])
        if now == last:
            break
        last = now
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header - 1 <= last < 700 - 40, f"section heading at {last}px on a 700px screen (header ends at {header}px)"
