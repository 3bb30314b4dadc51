"""The offline bundle opened from ``file://`` in Firefox too: Debian's ``firefox-esr`` driven by
``puppeteer-core`` over WebDriver BiDi (``tests/firefox/offline_check.mjs``, installed with
``npm ci --prefix tests/firefox``), with a fresh temporary profile and background calls home off.

Firefox is found in ``$WORTH_FIREFOX`` or at ``/usr/bin/firefox-esr``. Outside CI a missing Firefox,
Node or ``puppeteer-core`` skips the test with a reason; in CI (``CI=true``) it fails it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

FIREFOX_CHECK = Path(__file__).resolve().parent / "firefox"
SEARCH_WORD = "appreciate"


def firefox_path() -> str | None:
    for candidate in (os.environ.get("WORTH_FIREFOX"), "/usr/bin/firefox-esr", shutil.which("firefox-esr")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def missing() -> str | None:
    if firefox_path() is None:
        return "no Firefox found (set WORTH_FIREFOX or apt-get install firefox-esr)"
    if shutil.which("node") is None:
        return "no node found (apt-get install nodejs npm)"
    if not (FIREFOX_CHECK / "node_modules" / "puppeteer-core").is_dir():
        return "puppeteer-core is not installed (npm ci --prefix tests/firefox)"
    return None


@pytest.fixture(scope="module")
def firefox_run(offline_site: Path) -> dict:
    """One run of the Firefox check over the unpacked bundle; returns its JSON summary."""
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must install it")
        pytest.skip(reason)
    run = subprocess.run(
        ["node", str(FIREFOX_CHECK / "offline_check.mjs"), str(offline_site), SEARCH_WORD],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "WORTH_FIREFOX": firefox_path()},
    )
    assert run.returncode == 0, f"the Firefox check failed:\n{run.stderr[-4000:]}"
    return json.loads(run.stdout)


@pytest.mark.browser
def test_firefox_reaches_every_page_by_clicking_links_from_index_html(firefox_run: dict, offline_site: Path) -> None:
    assert firefox_run["browser"].startswith("firefox/")
    assert firefox_run["pages"] == sorted(path.as_uri() for path in offline_site.rglob("*.html"))
    assert firefox_run["unreached"] == [], "not reachable by a link in Firefox"
    assert firefox_run["reached"] == firefox_run["pages"]
    assert firefox_run["wrong_target"] == []
    assert firefox_run["no_heading"] == []
    assert firefox_run["errors"] == [], "scripts failed in Firefox"


@pytest.mark.browser
def test_firefox_search_finds_a_word_from_the_articles_and_opens_the_result(firefox_run: dict, offline_site: Path) -> None:
    assert SEARCH_WORD in (offline_site / "articles" / "walking-away.html").read_text(encoding="utf-8").lower()
    results = firefox_run["search"]["results"]
    assert results, f"no search results in Firefox for {SEARCH_WORD!r}"
    assert any(urlsplit(url).path.endswith("/articles/walking-away.html") for url in results)
    assert all(url.startswith(offline_site.as_uri() + "/") for url in results)
    assert firefox_run["search"]["opened"].split("#")[0] == results[0].split("#")[0]


@pytest.mark.browser
def test_firefox_ticking_a_sign_updates_the_checklist_count(firefox_run: dict) -> None:
    checklist = firefox_run["checklist"]
    assert checklist["total"] >= 2
    assert f"0 of {checklist['total']}" in checklist["before"]
    assert f"1 of {checklist['total']}" in checklist["after"]
    assert checklist["checked"] is True


@pytest.mark.browser
def test_firefox_makes_no_request_off_the_device(firefox_run: dict) -> None:
    assert firefox_run["requests"] >= 1, "no request was recorded at all"
    assert firefox_run["off_device"] == []
