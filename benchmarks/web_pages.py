"""How well saved web pages are read, against pages someone else has labelled.

Give it folders laid out as Mozilla Readability's test pages are (``test/test-pages/<name>/``
in https://github.com/mozilla/readability): ``source.html`` (the page as saved),
``expected.html`` (the article's content, as a person checked it) and ``expected-metadata.json``
(its ``title``). For each page it reads ``source.html`` as an ``articles/`` file would be read,
and compares:

- title right: the article's title equals the expected title (loosely: case, quotes, spaces);
- heading F1: the article's headings against the expected content's ``<h1>``-``<h6>`` (the title
  aside), matched loosely one to one;
- paragraphs kept: the share of the expected content's paragraphs, list items and table rows
  (three words or more; captions aside, as Worth leaves them out) found whole in the article;
- furniture left out: the page's text blocks that are not in the expected content (menus,
  comments, footers...; three words or more) and are not in the article either.

It prints one line per page and the totals. The pages are not part of this project: fetch them
yourself (``git clone --depth 1 https://github.com/mozilla/readability``).

    python benchmarks/web_pages.py ~/readability/test/test-pages/{bbc-1,guardian-1,medium-1}
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from worth.errors import ArticleError  # noqa: E402
from worth.pipeline import article_from_raw  # noqa: E402
from worth.text import loose  # noqa: E402
from worth.webpage import list_page_blocks, read_web_page  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

MIN_WORDS = 3


def one_line(text: str) -> str:
    return " ".join(text.split())


def squeeze(text: str) -> str:
    return "".join(text.replace(" | ", "").split())


def expected_parts(page: Path) -> tuple[list[str], list[str], str]:
    """The expected content's headings, its paragraphs (p, li, rows of tables) and all its text."""
    tree = lxml_html.fromstring((page / "expected.html").read_text(encoding="utf-8"))
    headings = [one_line(h.text_content()) for h in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    paragraphs = []
    # Captions are left out of an article by design: they are not counted.
    for element in tree.xpath("//p|//li[not(.//p) and not(.//li)]|//tr|//pre|//dd|//dt"):
        if element.xpath("ancestor-or-self::figure|ancestor-or-self::figcaption"):
            continue
        text = one_line(element.text_content())
        if len(text.split()) >= MIN_WORDS:
            paragraphs.append(text)
    return [h for h in headings if h], paragraphs, one_line(tree.text_content())


def heading_hits(found: list[str], expected: list[str]) -> int:
    left = [loose(e) for e in expected]
    hits = 0
    for heading in found:
        key = loose(heading)
        if key in left:
            left.remove(key)
            hits += 1
    return hits


def f1(found: list[str], expected: list[str]) -> float:
    if not found and not expected:
        return 1.0
    hits = heading_hits(found, expected)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(expected) if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def measure(page: Path) -> dict:
    data = (page / "source.html").read_bytes()
    expected_title = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8")).get("title") or ""
    try:
        article = article_from_raw(read_web_page(data, path=str(page / "source.html")))
    except ArticleError as err:
        return {"page": page.name, "error": str(err)}
    headings = [s.heading for s in article.sections if s.heading]
    texts = [one_line(p) for s in article.sections for p in s.paragraphs] + [one_line(h) for h in headings]
    joined = " ".join(texts)
    want_headings, paragraphs, expected_text = expected_parts(page)
    want_headings = [h for h in want_headings if loose(h) != loose(expected_title) and loose(h) != loose(article.title)]
    # Compared without spaces: a table row's cells or a line of code are spaced differently.
    bare = squeeze(joined)
    kept = [p for p in paragraphs if squeeze(p) in bare]
    blocks = [b.text for b in list_page_blocks(load_html(data))]
    furniture = [b for b in blocks if len(b.split()) >= MIN_WORDS and b not in expected_text]
    taken = [b for b in furniture if b in joined]
    return {
        "page": page.name,
        "title_right": loose(article.title) == loose(expected_title),
        "title": article.title,
        "expected_title": expected_title,
        "heading_f1": f1(headings, want_headings),
        "headings": (heading_hits(headings, want_headings), len(headings), len(want_headings)),
        "paragraphs": (len(kept), len(paragraphs)),
        "missed": [p for p in paragraphs if squeeze(p) not in bare],
        "furniture": (len(furniture) - len(taken), len(furniture)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", type=Path, help="folders with source.html, expected.html, expected-metadata.json")
    parser.add_argument("--show-missed", action="store_true", help="print the start of each expected paragraph not kept")
    args = parser.parse_args()
    results = [measure(p) for p in args.pages if (p / "source.html").is_file()]
    print(f"{'page':28} title  headF1  paragraphs kept  furniture left out")
    for r in results:
        if "error" in r:
            print(f"{r['page']:28} {r['error']}")
            continue
        kept, total = r["paragraphs"]
        out, furniture = r["furniture"]
        print(f"{r['page']:28} {'yes' if r['title_right'] else 'NO ':5}  {r['heading_f1']:.2f}    {kept:4}/{total:<4}"
              f" {kept / total if total else 1:6.1%}   {out:4}/{furniture:<4} {out / furniture if furniture else 1:6.1%}")
        if args.show_missed:
            for text in r["missed"]:
                print(f"    missed: {text[:100]}")
            if not r["title_right"]:
                print(f"    title: {r['title']!r} expected {r['expected_title']!r}")
    good = [r for r in results if "error" not in r]
    if not good:
        return
    kept = sum(r["paragraphs"][0] for r in good)
    total = sum(r["paragraphs"][1] for r in good)
    out = sum(r["furniture"][0] for r in good)
    furniture = sum(r["furniture"][1] for r in good)
    print()
    print(f"pages: {len(good)} read, {len(results) - len(good)} refused")
    print(f"title right: {sum(r['title_right'] for r in good)}/{len(good)}")
    print(f"heading F1: mean {sum(r['heading_f1'] for r in good) / len(good):.2f}; pages at 1.00: {sum(r['heading_f1'] == 1 for r in good)}/{len(good)}")
    hits, found, wanted = (sum(r["headings"][i] for r in good) for i in range(3))
    precision, recall = hits / found if found else 1.0, hits / wanted if wanted else 1.0
    print(f"headings over all pages: precision {precision:.2f}, recall {recall:.2f}, F1 {2 * precision * recall / (precision + recall):.2f}"
          f" ({hits} matched, {found} found, {wanted} expected)")
    print(f"paragraphs kept: {kept}/{total} ({kept / total:.1%}); pages keeping all: {sum(r['paragraphs'][0] == r['paragraphs'][1] for r in good)}/{len(good)}")
    print(f"furniture left out: {out}/{furniture} ({out / furniture:.1%})")


if __name__ == "__main__":
    main()
