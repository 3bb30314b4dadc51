"""How well saved web pages are read, against pages someone else has labelled.

Give it folders laid out as Mozilla Readability's test pages are (``test/test-pages/<name>/``
in https://github.com/mozilla/readability): ``source.html`` (the page as saved),
``expected.html`` (the article's content, as a person checked it) and ``expected-metadata.json``
(its ``title``). For each page it reads ``source.html`` as an ``articles/`` file would be read,
and compares:

- title right: the article's title equals the expected title (loosely: case, quotes, spaces,
  punctuation), or the expected title less the site's or section's name that the page's
  ``<title>`` puts after it ("Headline - Site"): Worth keeps the site's name apart, by design;
- heading F1: the article's headings against the expected content's ``<h1>``-``<h6>`` (the title
  aside), matched by their words one to one (a permalink sign, "Setting up¶", aside);
- paragraphs kept: the share of the expected content's paragraphs, list items and table rows
  (three words or more) found whole in the article. Not counted, as Worth leaves them out by
  design: captions (in a ``<figure>`` of the labelled content, or marked as captions on the page:
  ``CAPTION_XPATH``) and readers' comments (in a section the page names as its comments:
  ``COMMENTS_XPATH``); a caption inside a paragraph is cut out of it. Everything else the labels keep counts, though Worth leaves some of it out
  on purpose too (bylines and dates, which become the article's metadata, "About the author"
  notes, newsletter sign-ups, "Related" links): those are counted as misses. Spaces are ignored
  in the comparison (a table row's cells, a line of code), so two paragraphs run together still
  count as kept;
- furniture left out: the page's text blocks that are not in the expected content (menus,
  comments, footers...; three words or more) and are not in the article either.

It prints one line per page and the totals. The pages are not part of this project: fetch them
yourself (``git clone --depth 1 https://github.com/mozilla/readability``).

    python benchmarks/web_pages.py ~/readability/test/test-pages/{bbc-1,guardian-1,medium-1}
    python benchmarks/web_pages.py --select ~/readability/test/test-pages --half seen

Which pages (``--select``): every page of the folder that is a real article page in English, the
kind of page Worth is given, by a rule anyone can rerun rather than by choosing pages one by one:

- saved from a real site: ``source.html`` of at least 8,000 bytes (the suite's hand-written pages,
  each testing one rule of Readability's such as ``replace-brs``, are all under 4,000 bytes; the
  smallest real page, a one-screen blog colophon, is over 10,000);
- an article: Readability's own label says the page is one (``"readerable": true``);
- in English: the labelled content is English by jusText's English stop-word list (at least 30 %
  of its words are on it, jusText's own bar for a paragraph of running text; the English pages
  are at 37 % or more, every other language, and a page of "lorem ipsum", at 23 % or less).
  The language a page declares is not used: some declare none, one declares another than its own.

That is 76 of the 130 pages. They are split in two halves of about as many pages (``--half``):
``seen``, whose misses were looked at to improve the reader, and ``unseen``, only measured, so
that its figures say how the reader does on pages its fixes were not made for. Pages of one site
(the same first word of the folder name, as ``nytimes-1`` to ``nytimes-4``, or the same labelled
site name) stay in one half, so the unseen half does not hold a sister page of a template looked
at; sites are taken in the order of the SHA-256 of their name, each into the half with fewer
pages so far. (An earlier measurement, before the halves, used 46 of these pages without a
recorded rule: some unseen pages may have been looked at then, none since.)

A second form (``--aeb FOLDER``): Zyte's article-extraction-benchmark
(https://github.com/scrapinghub/article-extraction-benchmark, not part of this project either):
``html/<id>.html.gz`` (181 news and blog pages as saved, gzip-compressed) and
``ground-truth.json`` (``{id: {"articleBody": the article's text, paragraphs separated by blank
lines, "url": the page's address}}``). It has no title or heading labels, so it measures:

- paragraphs kept: the share of the articleBody's paragraphs (three words or more) found whole in
  the article, spaces ignored, as above;
- furniture left out: the page's text blocks (three words or more) that are not in the
  articleBody and are not in the article either, as above (both compared without spaces);
- text not in the labels: the share of the article's text (its paragraphs and headings, spaces
  aside, in characters) in paragraphs not found whole in the articleBody: what the article holds
  that the labels do not (1 - precision).

Nothing is left out of the count for captions or comments: these labels do not keep them.
``--half`` splits the 181 pages by site, the address's host less a leading "www.": sites taken in
the order of the SHA-256 of that host, each into the half with fewer pages so far (the rule
above). ``seen`` is the half whose misses are looked at, ``unseen`` the half measured blind.

    python benchmarks/web_pages.py --aeb ~/article-extraction-benchmark --half seen
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from worth.errors import ArticleError  # noqa: E402
from worth.pipeline import article_from_raw  # noqa: E402
from worth.text import loose, loose_heading  # noqa: E402
from worth.webpage import list_page_blocks, read_web_page  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

MIN_WORDS = 3
MIN_PAGE_BYTES = 8_000
MIN_ENGLISH_STOPWORDS = 0.30


def is_english(text: str) -> bool:
    """At least ``MIN_ENGLISH_STOPWORDS`` of the words of ``text`` are on jusText's English list."""
    import justext  # installed with trafilatura

    stopwords = justext.get_stoplist("English")
    words = re.findall(r"\w+", text.lower())
    return bool(words) and sum(w in stopwords for w in words) / len(words) >= MIN_ENGLISH_STOPWORDS


def selected_pages(folder: Path) -> list[Path]:
    """The real English article pages of a folder of Readability's test pages (see the docstring)."""
    pages = []
    for page in sorted(p for p in folder.iterdir() if (p / "source.html").is_file()):
        labels = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        if (page / "source.html").stat().st_size < MIN_PAGE_BYTES or labels.get("readerable") is not True:
            continue
        expected = lxml_html.fromstring((page / "expected.html").read_text(encoding="utf-8"))
        if is_english(expected.text_content()):
            pages.append(page)
    return pages


def halves(pages: list[Path]) -> dict[str, list[Path]]:
    """The pages split into ``seen`` and ``unseen``, the pages of one site in one half."""
    site: dict[str, str] = {}  # a key (first word, or labelled site name) -> its site

    def find(key: str) -> str:
        while site.setdefault(key, key) != key:
            key = site[key]
        return key

    keys = {}
    for page in pages:
        name = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8")).get("siteName")
        first = "word:" + page.name.split("-")[0]
        keys[page] = first
        if name:
            site[find("name:" + name.casefold())] = find(first)
    split = balanced({str(page): find(keys[page]) for page in pages})
    return {half: [Path(p) for p in names] for half, names in split.items()}


def balanced(keys: dict[str, str]) -> dict[str, list[str]]:
    """The pages of ``keys`` (page -> its site) in two halves: sites in the order of the SHA-256
    of their name, each into the half with fewer pages so far."""
    groups: dict[str, list[str]] = {}
    for page, site in keys.items():
        groups.setdefault(site, []).append(page)
    split: dict[str, list[str]] = {"seen": [], "unseen": []}
    for key in sorted(groups, key=lambda k: hashlib.sha256(k.encode()).hexdigest()):
        half = "seen" if len(split["seen"]) <= len(split["unseen"]) else "unseen"
        split[half] += groups[key]
    return {half: sorted(p) for half, p in split.items()}


def aeb_labels(folder: Path) -> dict[str, dict]:
    return json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))


def aeb_site(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def aeb_halves(folder: Path) -> dict[str, list[str]]:
    """The article-extraction-benchmark's pages in ``seen`` and ``unseen``, the pages of one site in one half."""
    labels = aeb_labels(folder)
    return balanced({page: aeb_site(label.get("url") or page) for page, label in labels.items()})


def measure_aeb(folder: Path, page: str, label: dict) -> dict:
    """One page of the article-extraction-benchmark, scored as the module's docstring says."""
    path = folder / "html" / f"{page}.html.gz"
    data = gzip.decompress(path.read_bytes())
    body = label.get("articleBody") or ""
    paragraphs = [one_line(p) for p in re.split(r"\n\s*\n", body)]
    paragraphs = [p for p in paragraphs if len(p.split()) >= MIN_WORDS]
    try:
        # Named as the page it holds (``.html``, not ``.gz``): read as a web page is.
        article = article_from_raw(read_web_page(data, path=str(path.with_suffix(""))))
    except ArticleError as err:
        # Refused: every paragraph of the page is missed.
        return {"page": page[:12], "error": str(err), "paragraphs": (0, len(paragraphs)), "missed": paragraphs}
    texts = [one_line(p) for s in article.sections for p in s.paragraphs] + [one_line(s.heading) for s in article.sections if s.heading]
    bare, labelled = squeeze(" ".join(texts)), squeeze(body)
    kept = [p for p in paragraphs if squeeze(p) in bare]
    blocks = [squeeze(b.text) for b in list_page_blocks(load_html(data)) if len(b.text.split()) >= MIN_WORDS]
    furniture = [b for b in blocks if b not in labelled]
    taken = [b for b in furniture if b in bare]
    extra = sum(len(squeeze(t)) for t in texts if squeeze(t) not in labelled)
    return {
        "page": page[:12],
        "site": aeb_site(label.get("url") or ""),
        "paragraphs": (len(kept), len(paragraphs)),
        "missed": [p for p in paragraphs if squeeze(p) not in bare],
        "furniture": (len(furniture) - len(taken), len(furniture)),
        "extra": (extra, sum(len(squeeze(t)) for t in texts)),
        "extra_texts": [t for t in texts if squeeze(t) not in labelled],
    }


def main_aeb(args: argparse.Namespace) -> None:
    split = aeb_halves(args.aeb)
    if args.list:
        for half in ("seen", "unseen"):
            sites = sorted({aeb_site(aeb_labels(args.aeb)[p].get("url") or "") for p in split[half]})
            print(f"{half} ({len(split[half])} pages, {len(sites)} sites): {' '.join(sites)}")
        return
    labels = aeb_labels(args.aeb)
    pages = split["seen"] + split["unseen"] if args.half == "all" else split[args.half]
    results = [measure_aeb(args.aeb, p, labels[p]) for p in pages]
    print(f"{'page':13} {'site':28} paragraphs kept  furniture left out  text not in labels")
    for r in results:
        if "error" in r:
            print(f"{r['page']:13} {r['error']}")
            if args.show_missed:
                for text in r["missed"]:
                    print(f"    missed: {text[:100]}")
            continue
        kept, total = r["paragraphs"]
        out, furniture = r["furniture"]
        extra, chars = r["extra"]
        print(f"{r['page']:13} {r['site'][:28]:28} {kept:4}/{total:<4} {kept / total if total else 1:6.1%}"
              f"   {out:4}/{furniture:<4} {out / furniture if furniture else 1:6.1%}   {extra / chars if chars else 0:6.1%}")
        if args.show_missed:
            for text in r["missed"]:
                print(f"    missed: {text[:100]}")
            for text in r["extra_texts"]:
                print(f"    not in labels: {text[:100]}")
    good = [r for r in results if "error" not in r]
    if not good:
        return
    kept, total = (sum(r["paragraphs"][i] for r in results) for i in range(2))
    out, furniture = (sum(r["furniture"][i] for r in good) for i in range(2))
    extra, chars = (sum(r["extra"][i] for r in good) for i in range(2))
    print()
    print(f"pages: {len(good)} read, {len(results) - len(good)} refused (their paragraphs counted as missed)")
    print(f"paragraphs kept: {kept}/{total} ({kept / total:.1%}); pages keeping all: {sum(r['paragraphs'][0] == r['paragraphs'][1] for r in results)}/{len(results)}")
    print(f"furniture left out (pages read): {out}/{furniture} ({out / furniture:.1%})")
    print(f"text not in the labels: {extra / chars:.1%} of the articles' characters (precision {1 - extra / chars:.1%})")


def one_line(text: str) -> str:
    return " ".join(text.split())


def squeeze(text: str) -> str:
    return "".join(text.replace(" | ", "").split())


# A caption, as the page marks it: a figure, or an element named a caption (trafilatura's own test
# for one); longer than this, an element so named holds more than a caption.
CAPTION_XPATH = "//figure|//figcaption|//*[contains(@class, 'caption') or contains(@id, 'caption')]"
MAX_CAPTION_CHARACTERS = 500


def page_captions(data: bytes) -> str:
    """The text of every caption the page marks as one, squeezed and joined."""
    tree = load_html(data)
    if tree is None:
        return ""
    texts = (squeeze(e.text_content()) for e in tree.xpath(CAPTION_XPATH))
    return "\n".join(t for t in texts if t and len(t) <= MAX_CAPTION_CHARACTERS)


# The readers' comments, as the page marks them: an element whose id or class has one of these
# words (trafilatura's own names for a comment section).
COMMENTS_XPATH = (
    "//*[re:test(concat(' ', translate(@id, '-_', '  '), ' ', translate(@class, '-_', '  '), ' '),"
    " ' (comment|comments|respond|replies) ', 'i')]"
)


def page_comments(data: bytes) -> tuple[str, set[str]]:
    """The text of the page's comment sections, squeezed, and their headings, loosely."""
    tree = load_html(data)
    if tree is None:
        return "", set()
    found = tree.xpath(COMMENTS_XPATH, namespaces={"re": "http://exslt.org/regular-expressions"})
    outermost = [e for e in found if not any(a in found for a in e.iterancestors())]
    headings = {loose_heading(h.text_content()) for e in outermost for h in e.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")}
    return "\n".join(squeeze(e.text_content()) for e in outermost), headings


def expected_parts(page: Path) -> tuple[list[str], list[str], str]:
    """The expected content's headings, its paragraphs (p, li, rows of tables) and all its text.

    Left out of an article by design, and not counted: captions (those the labelled content keeps
    in a <figure>, and those the page marks as captions, ``CAPTION_XPATH``), and readers' comments
    (those in a section the page names as its comments, ``COMMENTS_XPATH``, unless that holds half
    the labelled paragraphs or more: then the name is the site's for its articles too)."""
    tree = lxml_html.fromstring((page / "expected.html").read_text(encoding="utf-8"))
    source = (page / "source.html").read_bytes()
    captions, (comments, comment_headings) = page_captions(source), page_comments(source)
    everything = one_line(tree.text_content())
    texts = []
    marked = set(captions.split("\n")) - {""}
    for element in tree.xpath("//p|//li[not(.//p) and not(.//li)]|//tr|//pre|//dd|//dt"):
        if element.xpath("ancestor-or-self::figure|ancestor-or-self::figcaption"):
            continue
        # A caption inside a paragraph (a picture's credit before its first words) is not counted either.
        while (inner := next((e for e in element.iterdescendants() if squeeze(e.text_content()) in marked), None)) is not None:
            inner.drop_tree()
        text = one_line(element.text_content())
        if len(text.split()) >= MIN_WORDS and squeeze(text) not in captions:
            texts.append(text)
    headings = [h for h in (one_line(h.text_content()) for h in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6")) if h]
    in_comments = [t for t in texts if squeeze(t) in comments]
    if comments and len(in_comments) * 2 < len(texts):
        texts = [t for t in texts if squeeze(t) not in comments]
        headings = [h for h in headings if loose_heading(h) not in comment_headings]
    return headings, texts, everything


def heading_hits(found: list[str], expected: list[str]) -> int:
    # By their words: a heading's permalink sign ("Setting up¶"), which Worth leaves out, aside.
    left = [loose_heading(e) for e in expected]
    hits = 0
    for heading in found:
        key = loose_heading(heading)
        if key in left:
            left.remove(key)
            hits += 1
    return hits


# What stands between a headline and the site's or section's name after it in a page's <title>.
SITE_NAME_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: ")


def title_right(found: str, expected: str) -> bool:
    """``found`` is the expected title, or the expected title without the site's or section's
    name (and an author's) the page's <title> puts after it ("Headline - Author - Site"), which
    Worth leaves out by design (the site's name is kept apart, as ``site_name``)."""
    wanted = [expected]
    for separator in SITE_NAME_SEPARATORS:
        at = expected.find(separator)
        while at > 0:
            wanted.append(expected[:at])
            at = expected.find(separator, at + 1)
    return any(loose_heading(found) == loose_heading(w) for w in wanted)


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
    want_headings = [h for h in want_headings if not title_right(h, expected_title) and loose_heading(h) != loose_heading(article.title)]
    # Compared without spaces: a table row's cells or a line of code are spaced differently.
    bare = squeeze(joined)
    kept = [p for p in paragraphs if squeeze(p) in bare]
    blocks = [b.text for b in list_page_blocks(load_html(data))]
    furniture = [b for b in blocks if len(b.split()) >= MIN_WORDS and b not in expected_text]
    taken = [b for b in furniture if b in joined]
    return {
        "page": page.name,
        "title_right": title_right(article.title, expected_title),
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
    parser.add_argument("pages", nargs="*", type=Path, help="folders with source.html, expected.html, expected-metadata.json")
    parser.add_argument("--select", type=Path, metavar="FOLDER", help="measure the real English article pages of this folder of test pages")
    parser.add_argument("--aeb", type=Path, metavar="FOLDER", help="measure the pages of this copy of Zyte's article-extraction-benchmark")
    parser.add_argument("--half", choices=("seen", "unseen", "all"), default="all", help="with --select or --aeb: which half of them")
    parser.add_argument("--show-missed", action="store_true", help="print the start of each expected paragraph not kept")
    parser.add_argument("--list", action="store_true", help="print the pages (with --select, each with its half) and stop")
    args = parser.parse_args()
    if args.aeb:
        main_aeb(args)
        return
    pages = list(args.pages)
    if args.select:
        split = halves(selected_pages(args.select))
        if args.list:
            for half in ("seen", "unseen"):
                print(f"{half} ({len(split[half])}): {' '.join(p.name for p in split[half])}")
            return
        pages += split["seen"] + split["unseen"] if args.half == "all" else split[args.half]
    if not pages:
        parser.error("give page folders, or --select FOLDER")
    results = [measure(p) for p in pages if (p / "source.html").is_file()]
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
