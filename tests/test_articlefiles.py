"""Only files inside the articles folder are read; what is left out is named; two articles never
silently share a page."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from worth.articlefiles import list_article_files, page_name_clashes
from worth.errors import ArticleError
from worth.pipeline import load_articles

TEXT = "A title\n\nA paragraph long enough to be an article's text, about staying and leaving.\n"


def names(paths) -> list[str]:
    return [p.name for p in paths]


def test_a_link_leading_outside_the_folder_is_not_read_and_is_named(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET_TOKEN=do-not-publish\n", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kept.txt").write_text(TEXT, encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside)
    (folder / "environ.txt").symlink_to("/proc/self/environ")
    (folder / "up.md").symlink_to(Path("..") / "secret.txt")

    listed = list_article_files(folder, display_root=tmp_path)
    assert names(listed.paths) == ["kept.txt"]
    for name in ("leak.txt", "environ.txt", "up.md"):
        [line] = [w for w in listed.warnings if w.startswith(f"articles/{name}:")]
        assert "outside the articles folder" in line and "\n" not in line

    loaded = load_articles(folder, display_root=tmp_path)
    assert [a.source for a in loaded.articles] == ["articles/kept.txt"]
    assert not any("do-not-publish" in p for a in loaded.articles for s in a.sections for p in s.paragraphs)
    assert len(loaded.warnings) == 3


def test_a_link_to_an_article_inside_the_folder_is_read(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "real.txt").write_text(TEXT, encoding="utf-8")
    (folder / "alias.txt").symlink_to("real.txt")
    assert names(list_article_files(folder).paths) == ["alias.txt", "real.txt"]


def test_other_files_and_folders_named_like_articles_are_named_and_hidden_files_skipped(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / "draft.txt~").write_text(TEXT, encoding="utf-8")
    (folder / "old.txt").mkdir()
    (folder / "images").mkdir()
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    os.mkfifo(folder / "pipe.txt")

    listed = list_article_files(folder, display_root=tmp_path)
    assert listed.paths == ()
    named = sorted(w.split(":")[0] for w in listed.warnings)
    assert named == ["articles/draft.txt~", "articles/gone.txt", "articles/notes.docx", "articles/old.txt", "articles/pipe.txt"]
    assert all("\n" not in w for w in listed.warnings)


def test_article_endings_are_read_in_any_case_and_markdown_as_markdown(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("shouting.TXT", "mixed.Md", "long.markdown", "plain.txt"):
        (folder / name).write_text("# A heading\n\nSome text that is long enough to be kept as the article's text.\n", encoding="utf-8")
    loaded = load_articles(folder)
    assert loaded.warnings == ()
    by_slug = {a.slug: a for a in loaded.articles}
    assert sorted(by_slug) == ["long", "mixed", "plain", "shouting"]
    # Markdown headings are taken as written in .Md and .markdown files, not in text files.
    assert by_slug["long"].title == by_slug["mixed"].title == "A heading"


@pytest.mark.parametrize(
    "files, message",
    [
        (["articles/my article.txt", "articles/my-article.txt"],
         "articles/my-article.txt: and articles/my article.txt both make the page articles/my-article/; rename one of them"),
        (["articles/a.md", "articles/a.txt"], "articles/a.txt: and articles/a.md both make the page articles/a/"),
        (["articles/Index.txt"], "articles/Index.txt: would make the page articles/index.md, which the site keeps for the list of all articles"),
    ],
)
def test_two_files_wanting_one_page_are_one_error_naming_both_and_the_page(files, message):
    [clash] = page_name_clashes(files)
    assert str(clash).startswith(message)


def test_files_with_their_own_pages_do_not_clash():
    assert page_name_clashes(["articles/a.txt", "articles/b.txt", "articles/index-of-signs.txt"]) == []


def test_a_folder_whose_files_clash_is_refused_before_any_is_read(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "my article.txt").write_text(TEXT, encoding="utf-8")
    (folder / "my-article.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        load_articles(folder, display_root=tmp_path)
    assert str(err.value) == (
        "articles/my-article.txt: and articles/my article.txt both make the page articles/my-article/; rename one of them"
    )


def test_a_web_page_s_settings_beside_it_are_not_named_but_a_stray_yml_is(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "saved.html").write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    (folder / "saved.yml").write_text("title: Saved\n", encoding="utf-8")
    (folder / "stray.yml").write_text("title: Stray\n", encoding="utf-8")
    listed = list_article_files(folder, display_root=tmp_path)
    assert names(listed.paths) == ["saved.html"]
    assert [w.split(":")[0] for w in listed.warnings] == ["articles/stray.yml"]


@pytest.mark.build
def test_the_strict_build_names_a_link_outside_the_folder_and_a_file_it_does_not_read(tmp_path):
    from conftest import ROOT, build_site, project_copy

    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "articles" / "passwd.txt").symlink_to("/etc/passwd")
    (root / "articles" / "notes.docx").write_bytes(b"PK")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    assert "articles/passwd.txt: leads outside the articles folder (to /etc/passwd), so it is not read" in run.stderr
    assert "articles/notes.docx: is not read" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "site" / "articles" / "passwd").exists()


@pytest.mark.build
def test_the_build_names_both_files_that_want_one_page_and_the_page(tmp_path):
    from conftest import ROOT, build_site, project_copy

    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "articles" / "walking away.txt").write_text(TEXT, encoding="utf-8")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if "both make the page" in line]
    assert lines == ["ERROR   -  articles/walking-away.txt: and articles/walking away.txt both make the page articles/walking-away/; rename one of them"]
    assert "Traceback" not in run.stderr
