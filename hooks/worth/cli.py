"""The ``worth`` command.

``worth inspect [--json] ARTICLE...`` shows how each article was understood: its title and
date, each heading with its level, theme and paragraph count, and every line dropped as noise
with the rule that dropped it. ``--json`` prints the same as JSON (one object for one article,
a list for several).

``worth check-links [--offline] [--base-path /repo/] SITE_DIR`` checks a built site without a
server or the network: one line per broken link or missing file (``page: href (why)``) and exit
status 1, the links to other sites listed but not visited, exit status 0 when all is well and 2
when there is no built site at SITE_DIR.

``worth add URL [--name SLUG] [--force] [--config mkdocs.yml]`` downloads a web page, saves it
unchanged as ``articles/SLUG.html`` (the slug from the page's title unless given) and prints what
``worth inspect`` says about it; it refuses, with one line, what ``download.download_page``
refuses, a page with no article text, and a file of that name already there (unless ``--force``).

``worth export [--config mkdocs.yml] DIR`` writes the pages a build generates from the articles
(home, theme pages, article pages, sources, glossary) as Markdown files under DIR, through the
same code as the MkDocs hook, so they can be reviewed, diffed or built by another engine.

Subcommands are registered in ``build_parser``; each sets ``func`` to a function taking the
parsed arguments and returning an exit status. Bad input gives exit status 1 and one line on
stderr naming the file and line, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, TextIO

from .download import TIMEOUT_SECONDS
from .errors import ArticleError
from .checklist import collect_items
from .linkcheck import check_site, report_lines
from .model import Article, NoiseLine
from .pipeline import load_article
from .settings import settings_from_file
from .site import export_pages
from .text import slugify


THEME_PAGES = {"signs": "signs.md", "costs": "costs.md", "letting-go": "letting-go.md", "other": "more.md"}


def _checklist_by_section(article: Article) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in collect_items([article]):
        found.setdefault(item.key.anchor, []).append(item.label)
    return found


def article_outline(article: Article) -> dict[str, Any]:
    """The JSON shape of ``worth inspect --json`` for one article."""
    checklist = _checklist_by_section(article)
    return {
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "slug": article.slug,
        "author": article.author,
        "source_url": article.source_url,
        "site_name": article.site_name,
        "summary": article.summary,
        "ignored_front_matter_keys": list(article.overrides.ignored_keys),
        "noise": [{"line": n.text, "rule": n.rule, "number": n.line} for n in article.noise if not is_left_out(n)],
        "left_out": [{"line": n.text, "where": n.rule.partition(": ")[2], "number": n.line} for n in article.noise if is_left_out(n)],
        "sections": [
            {
                "heading": s.heading,
                "level": s.level,
                "theme": s.theme.value,
                "paragraphs": list(s.paragraphs),
                "anchor": s.anchor,
                "part": s.part,
                "line": s.line,
                "page": THEME_PAGES[s.theme.value],
                "checklist": checklist.get(s.anchor, []),
            }
            for s in article.sections
        ],
        "suspects": [{"line": n.text, "why": n.rule, "number": n.line} for n in article.suspects],
        "warnings": list(article.warnings),
    }


def is_left_out(noise: NoiseLine) -> bool:
    """Whether ``noise`` is a block of a web page that is not in the article (see ``webpage``)."""
    return noise.rule.startswith("left out:")


def format_outline(article: Article) -> str:
    """A plain-text outline of one article for its editor. For a web page, the page's text blocks
    not taken into the article follow under "Left out of the page", one line each."""
    out = [
        f"{article.source}",
        f"  Title: {article.title}",
        f"  Date:  {article.date or 'none found'}",
    ]
    for name, value in (("Author", article.author), ("Site", article.site_name), ("Source", article.source_url),
                        ("Summary", article.summary)):
        if value:
            out.append(f"  {name}: {value}")
    if article.overrides.ignored_keys:
        out.append(f"  Front matter keys ignored: {', '.join(article.overrides.ignored_keys)}")
    out.append("")
    checklist = _checklist_by_section(article)
    for s in article.sections:
        count = len(s.paragraphs)
        heading = s.heading if s.heading is not None else "(text before the first heading)"
        indent = "  " * (s.level - 1)
        out.append(f"{indent}{heading}  [level {s.level}, {s.theme.value} -> {THEME_PAGES[s.theme.value]}, "
                   f"{count} paragraph{'s' if count != 1 else ''}]  line {s.line}")
        for label in checklist.get(s.anchor, []):
            out.append(f"{indent}    checklist item: {label}")
    out.append("")
    if article.warnings:
        out.append("  Front matter to check:")
        out += [f"    {w}" for w in article.warnings]
        out.append("")
    if article.suspects:
        out.append("  Kept, but most like furniture (list a line under drop: if it is):")
        out += [f"    line {n.line}: {n.text}  ({n.rule})" for n in article.suspects]
        out.append("")
    noise = [n for n in article.noise if not is_left_out(n)]
    left_out = [n for n in article.noise if is_left_out(n)]
    if left_out:
        out.append(f"  Left out of the page ({len(left_out)}; a keep: line in {PurePath(article.source).stem}.yml puts one back):")
        out += [f"    line {n.line}: {n.text}  ({n.rule.partition(': ')[2]})" for n in left_out]
        out.append("")
    if noise:
        out.append(f"  Dropped as noise ({len(noise)}):")
        out += [f"    line {n.line}: {n.text}  ({n.rule})" for n in noise]
    else:
        out.append("  Nothing was dropped as noise.")
    return "\n".join(out)


def run_inspect(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO) -> int:
    articles = []
    for name in args.articles:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: no such file; give the path of a .txt, .md or .html article", file=stderr)
            return 1
        try:
            articles.append(load_article(path, display_path=name))
        except ArticleError as err:
            print(str(err), file=stderr)
            return 1
    if args.json:
        data: Any = article_outline(articles[0]) if len(articles) == 1 else [article_outline(a) for a in articles]
        print(json.dumps(data, ensure_ascii=False, indent=1), file=stdout)
    else:
        print("\n\n".join(format_outline(a) for a in articles), file=stdout)
    return 0


def run_check_links(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{args.site}: no built site here (no index.html); run mkdocs build first", file=stderr)
        return 2
    report = check_site(site, base_path=args.base_path, directory_urls=not args.offline)
    print("\n".join(report_lines(report)), file=stdout)
    return 0 if report.ok else 1


def run_add(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO) -> int:
    from .download import DownloadError, download_page, page_slug
    from .pipeline import EmptyArticleError, article_from_raw
    from .webpage import read_web_page

    config = Path(args.config)
    folder = settings_from_file(config).articles_dir if config.is_file() else Path("articles")
    try:
        page = download_page(args.url, timeout=args.timeout)
    except DownloadError as err:
        print(str(err), file=stderr)
        return 1
    raw = read_web_page(page.data, path=args.url)
    slug = slugify(args.name, fallback="page") if args.name else page_slug(raw.metadata.title, page.final_url)
    target = folder / f"{slug}.html"
    shown = _shown(target)
    others = [p for p in folder.glob(f"{slug}.*") if p.suffix in (".txt", ".md", ".htm") and p.is_file()]
    if others:
        print(f"{_shown(others[0])} already has the name '{slug}'; give the page another with --name", file=stderr)
        return 1
    if target.exists() and not args.force:
        print(f"{shown} already exists; give the page another name with --name, or add --force to replace it", file=stderr)
        return 1
    try:
        article_from_raw(raw)
    except EmptyArticleError:
        print(f"{args.url}: no article text was found in the page, so it was not saved; save the article's text as a .txt file instead", file=stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    target.write_bytes(page.data)  # unchanged: the page as the server sent it
    settings = target.with_suffix(".yml")
    if not raw.metadata.source_url and not settings.exists():
        # The page does not name its own address: say where it came from, beside it.
        settings.write_text(f"source_url: {json.dumps(page.final_url)}\n", encoding="utf-8")
    print(f"Saved {shown}", file=stdout)
    print(format_outline(load_article(target, display_path=shown)), file=stdout)
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run_export(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO) -> int:
    config = Path(args.config)
    settings = settings_from_file(config)
    site, written = export_pages(settings, Path(args.folder), display_root=config.resolve().parent)
    for warning in site.warnings:
        print(warning, file=stderr)
    print(f"Wrote {len(written)} pages to {args.folder}", file=stdout)
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The ``worth`` argument parser with its subcommands."""
    parser = argparse.ArgumentParser(prog="worth", description="Build a calm site from articles about being valued.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    inspect = commands.add_parser("inspect", help="show how articles were understood (headings, themes, noise)")
    inspect.add_argument("--json", action="store_true", help="print JSON instead of an outline")
    inspect.add_argument("articles", nargs="+", metavar="ARTICLE", help="a .txt, .md or .html article file")
    inspect.set_defaults(func=run_inspect)
    check = commands.add_parser("check-links", help="check every link and file of a built site (nothing is fetched)")
    check.add_argument("site", metavar="SITE_DIR", help="a built site folder (site/ or the unzipped offline bundle)")
    check.add_argument("--base-path", default="/", help="the path of site_url, e.g. /repo/ (used for 404.html only)")
    check.add_argument("--offline", action="store_true", help="the offline bundle: a link to a folder is broken")
    check.set_defaults(func=run_check_links)
    add = commands.add_parser("add", help="download a web page into articles/ and show how it was understood")
    add.add_argument("url", metavar="URL", help="the page's address (http or https)")
    add.add_argument("--name", metavar="SLUG", help="the file name to save it under (default: from the page's title)")
    add.add_argument("--force", action="store_true", help="replace a page already saved under that name")
    add.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml, for its articles folder (default: mkdocs.yml)")
    add.add_argument("--timeout", type=_seconds, default=TIMEOUT_SECONDS, metavar="SECONDS", help=f"how long to wait for the page (default: {TIMEOUT_SECONDS:g})")
    add.set_defaults(func=run_add)
    export = commands.add_parser("export", help="write the generated pages as Markdown to a folder")
    export.add_argument("folder", metavar="DIR", help="where to write the pages (made if missing)")
    export.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    export.set_defaults(func=run_export)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the ``worth`` command; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return args.func(args, stdout=stdout, stderr=stderr)
    except ArticleError as err:
        print(str(err), file=stderr)
        return 1
    except BrokenPipeError:
        # The reader of the output stopped early (``worth inspect ... | head``): nothing is wrong.
        # Python's own advice: point stdout at devnull, so that the flush at exit fails no more.
        if stdout is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
