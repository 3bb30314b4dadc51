"""``worth export DIR`` writes the pages a build makes, as Markdown another MkDocs can build."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, project_copy
from test_site_build import GATHERING_PAGES, content_text
from worth.cli import main

pytestmark = pytest.mark.build

# A plain MkDocs project with no hooks: only the theme and the extensions the pages use.
PLAIN_CONFIG = """\
site_name: Exported
docs_dir: {docs}
theme:
  name: material
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - toc
not_in_nav: |
  /articles/*.md
validation:
  unrecognized_links: warn
  anchors: warn
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "pages"
    assert main(["export", str(out), "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


def test_export_writes_every_generated_page(exported):
    written = {str(p.relative_to(exported)) for p in exported.rglob("*.md")}
    expected = {"index.md", "articles/index.md", "sources.md", "glossary.md", *(f"{p}.md" for p in GATHERING_PAGES)}
    expected |= {f"articles/{p.stem}.md" for p in (ROOT / "articles").glob("*.txt")}
    assert expected <= written


def test_exported_pages_build_elsewhere_into_the_same_text(exported, built_site, tmp_path):
    # The theme pages link to the hand-written "Staying safe online", which a site built from the
    # export keeps beside the generated pages.
    shutil.copy(ROOT / "docs" / "staying-safe.md", exported / "staying-safe.md")
    config = tmp_path / "mkdocs.yml"
    config.write_text(PLAIN_CONFIG.format(docs=exported), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    for page in ["index.html", *(f"{p}/index.html" for p in GATHERING_PAGES), "sources/index.html"]:
        assert content_text(tmp_path / "site" / page) == content_text(built_site / page), page
    for article in (built_site / "articles").glob("*/index.html"):
        assert content_text(tmp_path / "site" / article.relative_to(built_site)) == content_text(article)


def test_export_refuses_the_articles_folder_with_one_line(tmp_path, capsys):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    code = main(["export", str(root / "articles" / "out"), "--config", str(root / "mkdocs.yml")])
    err = capsys.readouterr().err
    assert code != 0
    assert "articles folder" in err and len(err.strip().splitlines()) == 1
    assert not (root / "articles" / "out").exists()


def test_export_names_an_article_that_cannot_be_read(tmp_path, capsys):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "articles" / "broken.txt").write_bytes(b"A title\n\nSome text \xff here.\n")
    code = main(["export", str(tmp_path / "out"), "--config", str(root / "mkdocs.yml")])
    err = capsys.readouterr().err
    assert code != 0
    assert "broken.txt" in err and "Traceback" not in err
