"""Plan the site's generated pages from articles: ``plan_pages(articles, settings) -> PageSpec[]``.

PLACEHOLDER: a home page and one page per article.
"""
from __future__ import annotations

from .model import Article, PageSpec
from .settings import Settings


def plan_pages(articles: tuple[Article, ...], settings: Settings) -> tuple[PageSpec, ...]:
    pages = [PageSpec("index.md", "Home", "# Worth\n\n" + "\n".join(f"- [{a.title}](articles/{a.slug}.md)" for a in articles) + "\n")]
    for a in articles:
        body = "\n\n".join(p for s in a.sections for p in s.paragraphs)
        pages.append(PageSpec(f"articles/{a.slug}.md", a.title, f"# {a.title}\n\n{body}\n"))
    return tuple(pages)
