"""The link check: every internal link, anchor and asset of a built site resolves; external links
are listed, never fetched. Small hand-made sites first, then the real public and offline builds."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from worth.linkcheck import check_site


def make_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return folder


def broken(report) -> list[tuple[str, str]]:
    return [(link.page, link.href) for link in report.broken]


def test_directory_urls_and_anchors_that_exist_pass(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<a href="articles/walking-away/#why">Why</a><a href="#top-part">Up</a><h2 id="top-part">x</h2>'
                      '<link rel="stylesheet" href="assets/site.css"><img src="a.png" srcset="a.png 1x, b.png 2x">',
        "articles/walking-away/index.html": '<h2 id="why">Why</h2><a href="../../">Home</a><a href="../../index.html#top-part">x</a>',
        "assets/site.css": "body{}",
        "a.png": "",
        "b.png": "",
    })
    report = check_site(site)
    assert report.ok, [str(link) for link in report.broken]
    assert report.pages == 2


def test_missing_file_missing_anchor_and_missing_asset_are_each_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<a href="gone.html">x</a><a href="other.html#nowhere">y</a><script src="app.js"></script>'
                      '<img srcset="small.png 1x, big.png 2x" src="small.png">',
        "other.html": '<h2 id="somewhere">s</h2>',
        "small.png": "",
    })
    report = check_site(site)
    assert broken(report) == [
        ("index.html", "gone.html"),
        ("index.html", "other.html#nowhere"),
        ("index.html", "app.js"),
        ("index.html", "big.png"),
    ]
    assert 'no element with id "nowhere"' in report.broken[1].reason


def test_a_directory_link_needs_an_index_page(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="themes/">Themes</a>', "themes/signs.html": "<p>x</p>"})
    assert broken(check_site(site)) == [("index.html", "themes/")]


def test_root_relative_links_break_under_a_sub_path_except_on_the_404_page(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<a href="/articles/">x</a>',
        "404.html": '<link rel="stylesheet" href="/repo/main.css"><a href="/repo/">Home</a><a href="/elsewhere/">x</a>',
        "main.css": "",
    })
    report = check_site(site, base_path="/repo/")
    assert broken(report) == [("404.html", "/elsewhere/"), ("index.html", "/articles/")]
    assert "sub-path" in report.broken[1].reason


def test_offline_a_folder_link_is_broken_because_disk_shows_a_file_list(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="articles/">x</a><a href="articles/index.html">y</a>',
                                "articles/index.html": "<p>x</p>"})
    assert check_site(site).ok
    report = check_site(site, directory_urls=False)
    assert broken(report) == [("index.html", "articles/")]


def test_links_leaving_the_folder_are_broken(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"index.html": '<a href="../secret.html">x</a>'})
    (tmp_path / "secret.html").write_text("x")
    assert broken(check_site(site)) == [("index.html", "../secret.html")]


def test_external_links_are_listed_not_reported_and_other_schemes_ignored(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<a href="https://example.org/help">h</a><a href="https://example.org/help">again</a>'
                      '<a href="mailto:a@example.org">m</a><a href="tel:123">t</a><img src="data:image/png;base64,AA==">'
                      '<script src="//cdn.example.net/x.js"></script>',
    })
    report = check_site(site)
    assert report.ok
    assert report.external == ("//cdn.example.net/x.js", "https://example.org/help")


def test_percent_encoded_links_resolve(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="my%20page.html#a%20b">x</a>', "my page.html": '<p id="a b">x</p>'})
    assert check_site(site).ok


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "worth.cli", "check-links", *args], cwd=ROOT,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})


def test_cli_exits_1_with_one_line_per_broken_link(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="gone.html">x</a><a href="https://example.org/">e</a>'
                                              '<img src="missing.png">'})
    run = run_cli(str(site))
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert "index.html: gone.html (no such file: gone.html)" in lines
    assert "index.html: missing.png (no such file: missing.png)" in lines
    assert any("https://example.org/" in line for line in lines)
    assert "Traceback" not in run.stderr


def test_cli_exits_0_on_a_sound_site_and_explains_a_missing_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path / "ok", {"index.html": '<a href="#x" id="x">x</a>'})
    assert run_cli(str(site)).returncode == 0
    missing = run_cli(str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert "nope" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.build
def test_the_public_site_has_no_broken_links(built_site: Path) -> None:
    report = check_site(built_site)
    assert report.pages >= 3
    assert report.ok, "\n".join(map(str, report.broken))
    run = run_cli(str(built_site))
    assert run.returncode == 0, run.stdout
    assert run.stdout.splitlines()[-1].startswith(f"{report.pages} pages checked")


@pytest.mark.build
def test_the_public_site_under_a_sub_path_has_no_broken_links(tmp_path: Path) -> None:
    run = build_site(tmp_path / "site", env={"SITE_URL": "https://user.github.io/repo/"})
    assert run.returncode == 0, run.stderr[-3000:]
    report = check_site(tmp_path / "site", base_path="/repo/")
    assert report.ok, "\n".join(map(str, report.broken))
    html = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/repo/assets/' in html


@pytest.mark.build
def test_the_offline_bundle_has_no_broken_links_and_no_folder_links(offline_site: Path) -> None:
    report = check_site(offline_site, directory_urls=False)
    assert report.pages >= 3
    assert report.ok, "\n".join(map(str, report.broken))
    assert run_cli("--offline", str(offline_site)).returncode == 0


@pytest.mark.build
def test_the_public_site_is_not_a_sound_offline_bundle(built_site: Path) -> None:
    # Its folder links (articles/walking-away/) would open file lists from disk.
    run = run_cli("--offline", str(built_site))
    assert run.returncode == 1
    assert "a folder opens as a file list" in run.stdout
