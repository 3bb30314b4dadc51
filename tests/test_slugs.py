"""Anchors: unique on a page, never one of the site's own ids, and cheap however many headings
share a name."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown

from conftest import FIXTURES, ROOT
from worth.pipeline import load_article
from worth.settings import settings_from_file
from worth.site import export_pages
from worth.text import RESERVED_IDS, is_reserved_id, unique_slug

HEADINGS_LIKE_IDS = FIXTURES / "hostile" / "article_with_headings_named_like_the_site_s_ids.md"


def test_repeated_slugs_are_numbered_in_order():
    taken: set[str] = set()
    given = []
    for _ in range(5):
        given.append(unique_slug("signs", taken))
        taken.add(given[-1])
    assert given == ["signs", "signs-2", "signs-3", "signs-4", "signs-5"]


def test_thousands_of_identical_headings_get_distinct_numbered_anchors():
    taken: set[str] = set()
    for _ in range(5000):
        taken.add(unique_slug("same", taken))
    assert taken == {"same"} | {f"same-{n}" for n in range(2, 5001)}


def test_a_gap_in_the_numbers_still_gives_a_free_anchor():
    taken = {"a", "a-2", "a-3", "a-5", "a-6", "a-7", "a-8"}
    assert unique_slug("a", taken) not in taken


def test_the_site_s_own_ids_are_never_given_to_a_heading():
    assert unique_slug("checklist", set()) == "checklist-2"
    assert unique_slug("sign-1", set()) == "sign-1-2"
    assert unique_slug("sign-12", {"sign-12-2"}) == "sign-12-3"
    assert unique_slug("signs", set()) == "signs"
    assert unique_slug("sign-1-2", set()) == "sign-1-2"


def test_every_id_the_site_writes_itself_is_reserved():
    # Literal ids in the site's own markup: the generated pages' Python and the templates.
    sources = sorted((ROOT / "hooks" / "worth").glob("*.py"))
    sources += sorted((ROOT / "overrides").rglob("*.html"))
    found = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        found |= {m for m in re.findall(r'\bid="([a-z][a-z0-9-]*)"', text)}
        found |= {m for m in re.findall(r"\{ #([a-z][a-z0-9-]*) \}", text)}
    assert found, "no ids found: the patterns above no longer fit the sources"
    found.discard("id")  # the placeholder in a docstring
    assert {i for i in found if not is_reserved_id(i)} == set()
    assert is_reserved_id("sign-7") and "checklist" in RESERVED_IDS


def test_headings_named_like_the_site_s_ids_take_other_anchors_and_the_signs_page_has_unique_ids(tmp_path):
    article = load_article(HEADINGS_LIKE_IDS)
    anchors = [s.anchor for s in article.sections]
    assert not any(is_reserved_id(a) for a in anchors), anchors

    root = tmp_path / "project"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / HEADINGS_LIKE_IDS.name).write_bytes(HEADINGS_LIKE_IDS.read_bytes())
    config = root / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    for data in ("glossary.yml", "checklist.yml"):
        if (ROOT / data).exists():
            (root / data).write_bytes((ROOT / data).read_bytes())
    site, _written = export_pages(settings_from_file(config), tmp_path / "pages", display_root=root)
    for page in site.pages:
        html = markdown.markdown(page.content, extensions=["attr_list", "md_in_html", "toc"])
        ids = Counter(re.findall(r'\sid="([^"]+)"', html))
        assert [i for i, n in ids.items() if n > 1] == [], page.src_uri
