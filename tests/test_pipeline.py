"""Loading a folder of articles for the site."""
from __future__ import annotations

import gc
import weakref
import pickle
from pathlib import Path

import pytest

from worth.cache import BuildCache
from worth.errors import ArticleError
from worth.pipeline import changed_sources, load_article, load_articles
from worth.settings import Settings
from worth.site import cached_pages, generate_pages

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
    # A file that is not an article is named, not silently passed over.
    assert result.warnings == (
        "notes.docx: is not read, as only .txt, .md, .markdown, .html and .htm files are articles; "
        "rename it if it is an article, or move it out of the folder",
        "c-empty.txt: the article has no text, so it is left out of the site; add its text or remove the file",
    )


def test_an_article_of_only_furniture_is_empty(tmp_path):
    (tmp_path / "furniture.txt").write_text("Advertisement\n\nShare on Facebook\n", encoding="utf-8")
    assert load_articles(tmp_path).articles == ()


def test_bad_article_in_a_folder_stops_with_its_error(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"---\ntitle: [x\n---\n")
    with pytest.raises(ArticleError, match=r"bad.txt:2: front matter is not valid YAML"):
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


def test_a_bad_article_is_named_with_its_line_and_a_preview_leaves_it_out_with_a_warning(tmp_path):
    _many_articles(tmp_path, 4)
    (tmp_path / "article-002.txt").write_bytes(b"A title\n\nSome text \xff here.\n")
    with pytest.raises(ArticleError) as caught:
        load_articles(tmp_path)
    assert caught.value.path.endswith("article-002.txt") and caught.value.line == 3
    assert "UTF-8" in str(caught.value)
    preview = load_articles(tmp_path, display_root=tmp_path, leave_out_bad=True)
    assert [a.slug for a in preview.articles] == ["article-000", "article-001", "article-003"]
    [warning] = preview.warnings
    assert warning.startswith("article-002.txt:3: ") and warning.endswith("it is left out of the preview until it is fixed")


def test_reading_and_making_the_pages_leave_the_cycle_collector_as_it_found_it_even_on_bad_input(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"A title\n\nSome text \xff here.\n")
    settings = Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent)
    with pytest.raises(ArticleError):
        generate_pages(settings)
    assert gc.isenabled()
    with pytest.raises(ArticleError):
        load_articles(tmp_path)  # reading alone pauses it too
    assert gc.isenabled()


def test_what_reading_leaves_behind_can_still_be_collected(tmp_path):
    # The preview server reads the articles again and again: nothing may stay frozen out of the
    # collector's reach, and a reference cycle left over is still freed by a full collection.
    (tmp_path / "one.txt").write_text("A title\n\nSome text here.\n", encoding="utf-8")
    loop = Loop()
    loop.me = loop  # garbage only a full collection frees, made just before a reading
    gone = weakref.ref(loop)
    del loop
    load_articles(tmp_path)
    generate_pages(Settings(articles_dir=tmp_path, config_dir=FIXTURES.parent.parent))
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None


class Loop:
    me: Loop


def test_a_missing_articles_folder_is_named_with_what_to_do(tmp_path):
    with pytest.raises(ArticleError) as caught:
        load_articles(tmp_path / "articels", display_root=tmp_path)
    assert str(caught.value).startswith("articels: is not a folder of articles; create it")


def test_an_article_read_once_is_taken_from_the_cache_until_its_bytes_change(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    _many_articles(folder, 3)
    cache = BuildCache(tmp_path / ".cache")
    first = load_articles(folder, cache=cache)
    read = []
    monkeypatch.setattr("worth.pipeline.article_from_raw", lambda raw: read.append(raw.path) or pytest.fail("read again"))
    assert load_articles(folder, cache=cache) == first  # nothing read again
    monkeypatch.undo()
    (folder / "article-001.txt").write_text(f"A New Title\n\n{PARA}\n", encoding="utf-8")
    again = load_articles(folder, cache=cache)
    assert [a.title for a in again.articles][1] == "A New Title"
    assert again.articles[0] == first.articles[0] and again.articles[2] == first.articles[2]
    # The stored copy of the old version is gone: the cache holds what the folder holds.
    assert sorted(a.title for a in cache.articles().values()) == sorted(a.title for a in again.articles)
    (folder / "article-002.txt").unlink()
    assert len(load_articles(folder, cache=cache).articles) == len(cache.articles()) == 2


def test_a_damaged_cache_is_a_miss_not_an_error(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    _many_articles(folder, 2)
    cache = BuildCache(tmp_path / ".cache")
    expected = load_articles(folder, cache=cache)
    for damage in (b"not a pickle", None, pickle.dumps(["an", "old", "form"])):
        for stored in (tmp_path / ".cache" / "articles").iterdir():
            stored.write_bytes(damage if damage is not None else stored.read_bytes()[:100])
        assert load_articles(folder, cache=cache) == expected


def test_cached_pages_are_those_generated_and_a_page_file_is_rewritten_only_when_it_changes(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    _many_articles(folder, 3)
    (folder / "empty.txt").write_text("\n\n", encoding="utf-8")
    settings = Settings(articles_dir=folder, config_dir=FIXTURES.parent.parent)
    cache = BuildCache(tmp_path / ".cache")
    made = cached_pages(settings, cache)
    generated = generate_pages(settings)
    assert made.paths == tuple(p.src_uri for p in generated.pages) and made.warnings == generated.warnings
    assert all(cache.page(p.src_uri) == p.content for p in generated.pages)
    times = {path: cache.page_path(path).stat().st_mtime_ns for path in made.paths}

    (folder / "article-001.txt").write_text(f"A New Title\n\n{PARA}\n", encoding="utf-8")
    again = cached_pages(settings, cache)
    changed = {path for path in again.paths if cache.page_path(path).stat().st_mtime_ns != times.get(path)}
    assert "articles/article-001.md" in changed and "articles/article-000.md" not in changed
    assert changed < set(again.paths)
    assert cache.page("articles/article-001.md") == {p.src_uri: p.content for p in generate_pages(settings).pages}["articles/article-001.md"]


def test_when_nothing_changed_no_article_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    _many_articles(folder, 2)
    settings = Settings(articles_dir=folder, config_dir=FIXTURES.parent.parent)
    cache = BuildCache(tmp_path / ".cache")
    first = cached_pages(settings, cache)
    monkeypatch.setattr("worth.site.articles_from_sources", lambda *a, **k: pytest.fail("articles read again"))
    assert cached_pages(settings, cache).paths == first.paths


def test_an_unwritable_cache_still_gives_the_pages(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    _many_articles(folder, 2)
    (tmp_path / "blocked").write_text("a file where the cache folder would be", encoding="utf-8")
    settings = Settings(articles_dir=folder, config_dir=FIXTURES.parent.parent)
    made = cached_pages(settings, BuildCache(tmp_path / "blocked" / "worth"))
    assert made.markdown is not None and set(made.markdown) == set(made.paths)


def test_an_article_changed_after_it_was_read_is_named(tmp_path):
    _many_articles(tmp_path, 2)
    loaded = load_articles(tmp_path, display_root=tmp_path)
    assert changed_sources(loaded.sources) == []
    (tmp_path / "article-001.txt").write_text("Half a new tex", encoding="utf-8")
    assert changed_sources(loaded.sources) == ["article-001.txt"]


def test_a_bad_data_file_stops_the_build_before_any_page_is_made(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    _many_articles(articles, 2)
    (tmp_path / "checklist.yml").write_text("bands: [\n", encoding="utf-8")
    settings = Settings(articles_dir=articles, config_dir=tmp_path)
    with pytest.raises(ArticleError) as caught:
        generate_pages(settings, display_root=tmp_path)
    assert caught.value.path == "checklist.yml"


def test_a_markdown_article_with_underlined_headings_keeps_every_line_and_its_sections(tmp_path):
    path = tmp_path / "stops-trying.md"
    path.write_text(
        "When He Stops Trying\n====================\n\n"
        "Letting go is not forgetting. It is choosing yourself again, one small day at a time.\n\n"
        "Signs He Stopped Caring\n-----------------------\n\n"
        "He forgets the things you told him, and plans without you. He is late and never says sorry.\n\n"
        "What Staying Costs You\n----------------------\n\n"
        "You lose sleep, friends and the sense that your needs count. Your days shrink around his moods.\n",
        encoding="utf-8")
    article = load_article(path)
    assert article.title == "When He Stops Trying"
    assert [s.heading for s in article.sections] == [None, "Signs He Stopped Caring", "What Staying Costs You"]
    assert not article.noise


def test_a_markdown_article_with_no_title_line_is_titled_by_its_file_name(tmp_path):
    path = tmp_path / "signs-he-stopped-caring.md"
    path.write_text(
        "## Signs He Stopped Caring\n\n"
        "He forgets the things you told him, and plans without you. He is late and never says sorry.\n\n"
        "## What Staying Costs You\n\n"
        "You lose sleep, friends and the sense that your needs count. Your days shrink around his moods.\n",
        encoding="utf-8")
    article = load_article(path)
    assert article.title == "Signs he stopped caring"
    assert [s.heading for s in article.sections] == ["Signs He Stopped Caring", "What Staying Costs You"]
