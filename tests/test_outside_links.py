"""The only links that leave the site are the help services' and the quick exit's.

A reader in danger should never be sent to another site, nor have another site learn she was
reading, unless she chose help or the exit. So articles' source addresses (front matter, a saved
page's address) and any address written in an article are shown as text she can select, never
as links. Built with ``mkdocs build --strict`` in the three outputs (the website without a site
address, the published site with one, the unzipped offline bundle), every ``href`` (and form
``action``) of every built page is collected and checked against ``help.yml`` and the exit's
destination in mkdocs.yml, and no link opens another tab."""
from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import FIXTURES, ROOT, build_site, project_copy
from worth.help import load_help, tel_uri

pytestmark = pytest.mark.build

SITE_ADDRESS = "https://worth.example.org/"
SOURCE = "https://blog.example.net/2025/05/when-you-give-more"
WRITTEN = "https://forum.example.com/thread/42"

# An article of our own that names addresses every way an article can: in front matter, as a
# Markdown link, as an autolink and as bare text.
ARTICLE_WITH_ADDRESSES = f"""---
title: When you give more than you get
source_url: {SOURCE}
---
# When you give more than you get

There are times when you notice that every plan is yours and every apology is yours too.
A reader once wrote about this on [a forum]({WRITTEN}) and many people answered her.

## He forgets what matters to you

He forgets the dates and the names that matter to you, and says it is only a detail.
The thread is still online at <{WRITTEN}> for anyone who wants to read it, or at {WRITTEN} as typed.
"""


class _Addresses(HTMLParser):
    """Every address a page links to: ``href``, ``xlink:href``, ``action`` and ``formaction``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (tag, address)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "xlink:href", "action", "formaction") and value is not None:
                self.found.append((tag, value.strip()))
        if tag == "a" and dict(attrs).get("target") not in (None, "_self"):
            self.found.append(("a target", str(dict(attrs).get("target"))))


def addresses(path: Path) -> list[tuple[str, str]]:
    parser = _Addresses()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def leaves_the_site(address: str) -> bool:
    """An address that is not a path inside the site, an anchor on the page, or a ``data:`` URL
    (content carried in the page itself, such as its icon)."""
    parts = urlsplit(address)
    return bool(parts.scheme or parts.netloc) and parts.scheme != "data"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("outside")
    root = project_copy(tmp, [
        *sorted((ROOT / "articles").iterdir()),
        FIXTURES / "article_with_front_matter.md",
        FIXTURES / "html" / "blog_with_sidebar_and_comments.html",
        FIXTURES / "html" / "hostile_page.html",
    ])
    (root / "articles" / "when-you-give-more.md").write_text(ARTICLE_WITH_ADDRESSES, encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=["website", "published", "offline"])
def output(request, project: Path, tmp_path_factory) -> Path:
    """The built site's folder in one of the three outputs."""
    tmp = tmp_path_factory.mktemp(request.param)
    env = {"SITE_URL": ""}
    if request.param == "published":
        env = {"SITE_URL": SITE_ADDRESS}
    elif request.param == "offline":
        env = {"SITE_URL": "", "OFFLINE": "true", "OFFLINE_ZIP": str(tmp / "bundle.zip")}
    run = build_site(tmp / "site", env=env, config=project / "mkdocs.yml")
    assert run.returncode == 0, run.stderr[-3000:]
    if request.param != "offline":
        return tmp / "site"
    with zipfile.ZipFile(tmp / "bundle.zip") as bundle:
        bundle.extractall(tmp / "unzipped")
    return tmp / "unzipped" / "worth-offline"


def allowed(project: Path) -> tuple[set[str], set[str]]:
    """(web addresses, tel: addresses) the site may link to: help.yml's and the exit's."""
    services = load_help(project / "help.yml")
    assert services is not None and services.services
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    web = {s.web for s in services.services if s.web} | {config["extra"]["worth"]["quick_exit_url"]}
    phones = {tel_uri(line.phone) for line in services.emergency}
    phones |= {tel_uri(s.phone) for s in services.services if s.phone}
    return web, phones


def test_every_outside_link_on_every_page_is_a_help_service_or_the_exit(project: Path, output: Path):
    web, phones = allowed(project)
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 10
    seen: set[str] = set()
    for page in pages:
        for tag, address in addresses(page):
            name = page.relative_to(output)
            assert tag != "a target", f"{name}: a link opens in another tab or window ({address})"
            if not leaves_the_site(address):
                continue
            if tag == "link" and address.startswith(SITE_ADDRESS):
                continue  # the page's own address (canonical), for search engines, not a way out
            assert address in web or address in phones, f"{name}: <{tag}> links out of the site to {address}"
            seen.add(address)
    # the test looks where it should: the help box and the exit are there on the built pages
    assert seen & phones and seen & web


def test_an_articles_addresses_are_shown_as_text_to_copy(output: Path):
    sources, article = built_page(output, "sources"), built_page(output, "articles/when-you-give-more")
    assert f"Source: {SOURCE}" in " ".join(_text(sources).split())
    assert WRITTEN in _text(article)
    for page in (sources, article):
        assert f'href="{SOURCE}' not in page and f'href="{WRITTEN}' not in page


def built_page(output: Path, name: str) -> str:
    """A page's HTML: ``name/index.html`` on the website, ``name.html`` in the offline bundle."""
    path = output / name / "index.html"
    return (path if path.exists() else output / f"{name}.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.parts = []
    parser.feed(html)
    return "".join(parser.parts)
