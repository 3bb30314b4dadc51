"""Loading a folder of articles for the site."""
from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from worth.background import start_site_pages
from worth.errors import ArticleError
from worth.parallel import PARALLEL_FROM, workers_for
from worth.pipeline import load_article, load_articles
from worth.settings import Settings
from worth.site import begin_pages, generate_pages

FIXTURES = Path(__file__).parent / "fixtures"
PARA = "A paragraph of the article, long enough to be plainly text and not a heading at all."


def test_folder_is_read_in_name_order_and_empty_articles_are_warnings(tmp_path):
    (tmp_path / "b-second.txt").write_text(f"Second Title\n\n{PARA}\n", encoding="utf-8")
    (tmp_path / "a-first.md").write_text(f"# First Title\n\n{PARA}\n", encoding="utf-8")
    (tmp_path / "c-empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_text("ignored", encoding="utf-8")
    result = load_articles(tmp_path, display_root=tmp_path)
    assert [(a.slug, a.title, a.source) for a in result.articles] == [
        ("a-first", "First Title", "a-first.md"),
        ("b-second", "Second Title", "b-second.txt"),
    ]
    assert result.warnings == (
        "c-empty.txt: the article has no text, so it is left out of the site; add its text or remove the file",
    )


def test_an_article_of_only_furniture_is_empty(tmp_path):
    (tmp_path / "furniture.txt").write_text("Advertisement\n\nShare on Facebook\n", encoding="utf-8")
    assert load_articles(tmp_path).articles == ()


def test_bad_article_in_a_folder_stops_with_its_error(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"---\ntitle: [x\n---\n")
    with pytest.raises(ArticleError, match=r"bad.txt:1: front matter is not valid YAML"):
        load_articles(tmp_path, display_root=tmp_path)


def test_front_matter_metadata_wins_over_the_text_and_the_stamp():
    article = load_article(FIXTURES / "article_with_front_matter.md", display_path="fixtures/notes.md")
    assert (article.title, article.date, article.author, article.source_url) == (
        "Notes on Being Seen", "2025-05-04", "A. Writer", "https://example.org/notes"
    )
    assert article.source == "fixtures/notes.md" and article.slug == "article-with-front-matter"


def test_news_article_keeps_its_text_and_loses_its_furniture():
    article = load_article(FIXTURES / "article_with_news_furniture.txt")
    assert article.date == "2025-03-03"
    text = " ".join(p for s in article.sections for p in s.paragraphs)
    assert "Counselors say the pattern usually starts small." in text
    assert not any(word in text for word in ("Getty", "Facebook", "Advertisement", "cookies", "Recommended"))
    assert len(article.noise) == 12


def _many_articles(folder: Path, count: int) -> None:
    sources = sorted(FIXTURES.glob("*.txt"))
    for index in range(count):
        text = sources[index % len(sources)].read_text(encoding="utf-8")
        (folder / f"article-{index:03d}.txt").write_text(text.replace("\n", f" {index}\n", 1), encoding="utf-8")


@pytest.fixture
def parallel_reading(monkeypatch):
    # Other tests run servers in threads, and a process with threads never forks readers.
    monkeypatch.setattr("worth.parallel.threading.active_count", lambda: 1)
    if workers_for(PARALLEL_FROM + 10) < 2:
        pytest.skip("one core: articles are read in this process")


def test_a_large_folder_read_in_parallel_gives_the_same_articles_in_the_same_order(tmp_path, parallel_reading):
    _many_articles(tmp_path, PARALLEL_FROM + 10)
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    together = load_articles(tmp_path)
    one_by_one = load_articles(tmp_path, parallel=False)
    assert len(together.articles) == PARALLEL_FROM + 10
    assert together == one_by_one
    assert together.warnings and "empty.txt" in together.warnings[0]


def test_a_bad_article_in_a_large_folder_is_named_as_in_a_small_one(tmp_path, parallel_reading):
    _many_articles(tmp_path, PARALLEL_FROM + 10)
    (tmp_path / "article-050.txt").write_bytes(b"A title\n\nSome text \xff here.\n")
    with pytest.raises(ArticleError) as caught:
        load_articles(tmp_path)
    assert caught.value.path.endswith("article-050.txt") and caught.value.line == 3
    assert "UTF-8" in str(caught.value)


def test_making_the_pages_leaves_the_cycle_collector_as_it_found_it_even_on_bad_input(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"A title\n\nSome text \xff here.\n")
    settings = Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent)
    with pytest.raises(ArticleError):
        generate_pages(settings)
    assert gc.isenabled()


def test_a_missing_articles_folder_is_named_with_what_to_do(tmp_path):
    with pytest.raises(ArticleError) as caught:
        load_articles(tmp_path / "articels", display_root=tmp_path)
    assert str(caught.value).startswith("articels: is not a folder of articles; create it")


def test_pages_made_in_another_process_are_those_generated_here_and_come_as_planned(tmp_path, parallel_reading):
    _many_articles(tmp_path, 5)
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    settings = Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent)
    elsewhere = start_site_pages(settings, display_root=tmp_path.parent)
    assert elsewhere._made._child is not None  # really in another process
    here = generate_pages(settings, display_root=tmp_path.parent)
    paths, warnings = elsewhere.plan()
    assert paths == tuple(page.src_uri for page in here.pages)  # the plan is what is made, in order
    assert warnings == here.warnings and "empty.txt" in warnings[0]
    # Asked for in any order, each page is the one made here.
    for page in reversed(here.pages):
        assert elsewhere.markdown(page.src_uri) == page.content
    elsewhere.close()


def test_pages_come_in_the_planned_order_those_needing_least_first(tmp_path):
    _many_articles(tmp_path, 3)
    settings = Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent)
    plan, pages = begin_pages(settings)
    made = [page.src_uri for page in pages]
    assert made == list(plan.paths)
    # The lists of articles need only the articles; the article pages, the site map and the
    # glossary's terms; the rest, the cross-links and the checklist as well.
    assert made[:5] == ["articles/index.md", "sources.md", *(f"articles/article-{i:03d}.md" for i in range(3))]
    assert set(made[5:]) == {"index.md", "costs.md", "signs.md", "letting-go.md", "more.md", "glossary.md"}


def test_pages_made_in_this_process_leave_its_cycle_collector_running(tmp_path):
    _many_articles(tmp_path, 3)
    settings = Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent)
    here = start_site_pages(settings, in_background=False)
    paths, _ = here.plan()
    assert gc.isenabled()
    assert all(here.markdown(path) for path in paths)
    assert gc.isenabled()


def test_a_bad_data_file_stops_the_build_before_any_page_is_made(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    _many_articles(articles, 2)
    (tmp_path / "checklist.yml").write_text("bands: [\n", encoding="utf-8")
    settings = Settings(articles_dir=articles, config_dir=tmp_path)
    with pytest.raises(ArticleError) as caught:
        start_site_pages(settings, display_root=tmp_path, in_background=False).plan()
    assert caught.value.path == "checklist.yml"


def test_an_error_in_pages_made_elsewhere_names_the_file_and_line(tmp_path, parallel_reading):
    (tmp_path / "broken.txt").write_bytes(b"A title\n\nSome text \xff here.\n")
    settings = Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent)
    with pytest.raises(ArticleError) as caught:
        start_site_pages(settings, display_root=tmp_path.parent).plan()
    assert caught.value.path.endswith("broken.txt") and caught.value.line == 3


def test_mkdocs_loads_the_hooks_without_the_pipeline_which_the_process_making_the_pages_imports():
    # Importing the pipeline takes longer than MkDocs needs to find its files; the forked process
    # that makes the pages imports it instead, off the build's critical path.
    hooks = Path(__file__).resolve().parent.parent / "hooks"
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, worth_hooks; print(' '.join(m for m in sys.modules if m.startswith('worth')))"],
        cwd=hooks, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert "worth.background" in loaded
    assert not {"worth.site", "worth.pipeline", "worth.noise", "worth.plan", "worth.model"} & set(loaded)
