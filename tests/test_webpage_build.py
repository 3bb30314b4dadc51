"""A site built with ``mkdocs build --strict`` from a folder mixing ``.txt``, ``.md`` and saved
web pages, one of them hostile: every line of every article on its pages, the page's furniture
nowhere, nothing of the hostile page but its text, and the same Content-Security-Policy as any
other article page. Also: a site without web pages never imports the extractor."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_site, project_copy
from test_site_build import GATHERING_PAGES, content_text, read_page
from worth.pipeline import load_articles
from worth.render import shown_text

pytestmark = pytest.mark.build

PAGES = FIXTURES / "html"
HTML_ARTICLES = [
    PAGES / "blog_with_sidebar_and_comments.html",
    PAGES / "clinic_page_with_calls_to_action_and_contents.html",
    PAGES / "hostile_page.html",
]


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mixed")
    root = project_copy(tmp, [ROOT / "articles" / "let-him-go.txt", FIXTURES / "article_with_front_matter.md", *HTML_ARTICLES])
    (root / "articles" / "hostile_page.yml").write_text("summary: What was kind, and stopped.\n", encoding="utf-8")
    run = build_site(tmp / "site", config=root / "mkdocs.yml")
    assert run.returncode == 0, run.stderr[-3000:]
    return root, tmp / "site"


def test_every_line_of_every_article_is_on_its_article_page_and_on_one_theme_page_whatever_its_format(mixed_site):
    root, site = mixed_site
    articles = load_articles(root / "articles").articles
    assert sorted(Path(a.source).suffix for a in articles) == [".html", ".html", ".html", ".md", ".txt"]
    gathering = {name: content_text(site / name / "index.html") for name in GATHERING_PAGES}
    for article in articles:
        text = content_text(site / "articles" / article.slug / "index.html")
        for section in article.sections:
            # as written, but for a backslash that only escaped a letter (not shown)
            for line in ([section.heading] if section.heading else []) + list(section.paragraphs):
                assert " ".join(shown_text(line).split()) in text, (article.slug, line)
            for line in section.paragraphs:
                found_on = [name for name, page in gathering.items() if " ".join(shown_text(line).split()) in page]
                assert found_on and (len(line.split()) < 8 or len(found_on) == 1), (article.slug, line, found_on)


def test_a_web_page_keeps_its_heading_levels_and_leaves_its_furniture_out(mixed_site):
    _, site = mixed_site
    page = (site / "articles" / "clinic-page-with-calls-to-action-and-contents" / "index.html").read_text(encoding="utf-8")
    h3 = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h3[^>]*>(.*?)</h3>", page, re.S)]
    assert "You feel lonely while together" in " ".join(h3) and "Conversations stay on the surface" in " ".join(h3)
    text = content_text(site / "articles" / "blog-with-sidebar-and-comments" / "index.html")
    for furniture in ("Leave a Reply", "Recent Posts", "Proudly powered by WordPress", "made me cry a little on the bus"):
        assert furniture not in text


def test_nothing_of_a_hostile_page_but_its_text_reaches_the_site(mixed_site):
    _, site = mixed_site
    for path in site.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        content = read_page(path)
        assert not any("alert(" in script for script in content.scripts), path
        assert "javascript:" not in source.lower(), path
        assert "tracker.example" not in source, path
        assert not re.search(r"\son(?:load|click|error|mouseover)\s*=", source, re.I), path
        if path.parent.parent.name == "articles":  # (the signs page has the checklist's own form)
            assert not {"iframe", "form", "object", "embed", "input", "svg", "img", "style"} & set(content.tags_in_content), path
    text = content_text(site / "articles" / "hostile-page" / "index.html")
    assert "Someone who writes <script>alert('typed')</script> in a message has written text, and text is what it stays." in text
    # Links in the article are its words, not links.
    links = [a.get("href") for a in read_page(site / "articles" / "hostile-page" / "index.html").links]
    assert "https://elsewhere.example/guide" not in links and "tell yourself the truth" in text


def test_the_page_of_a_web_article_has_the_policy_every_article_page_has(mixed_site):
    _, site = mixed_site

    def policy(slug: str) -> str:
        page = (site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)

    assert policy("hostile-page") == policy("let-him-go")
    assert "'unsafe-inline'" not in policy("hostile-page")


def test_the_sources_page_names_a_web_page_s_site_and_what_was_left_out(mixed_site):
    _, site = mixed_site
    text = content_text(site / "sources" / "index.html")
    assert "Site: Quiet Harbour" in text
    assert "Leave a Reply (left out: comments)" in text


def test_a_site_without_web_pages_never_imports_the_extractor(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "let-him-go.txt", FIXTURES / "article_with_front_matter.md"])
    code = (
        "import sys\n"
        "from worth.cli import main\n"
        f"assert main(['export', '--config', {str(root / 'mkdocs.yml')!r}, {str(tmp_path / 'out')!r}]) == 0\n"
        "import worth.pipeline, worth.read\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'lxml', 'justext', 'htmldate') or m == 'worth.webpage')\n"
        "print('loaded:', loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": ""})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "loaded: []"
    assert any((tmp_path / "out").rglob("*.md"))
