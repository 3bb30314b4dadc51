"""Synthetic articles for the build benchmarks, made from the real ones.

``write_articles(source_dir, dest_dir, count, seed=...)`` reads the real articles in
``source_dir`` (``*.txt``), splits each into its title, sections (a heading line and the
paragraphs under it) and page furniture, and writes ``count`` new ``.txt`` articles into
``dest_dir``. Each synthetic article follows one real article's order of sections (so part
headings still come before their subsections), keeps most of its sections, borrows a few from
the other articles, shuffles paragraphs and sentences, and scatters the real furniture (date
stamps, teaser links, "News Post") where a scraper would leave it. The same ``seed`` and
``count`` always give the same files, byte for byte.

Run it alone to look at the output: ``python benchmarks/synthetic.py 20 /tmp/articles``.
"""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# A line is page furniture if it carries letters outside English typography (a teaser in another
# language), a date stamp, or is one of the site-chrome phrases scrapers pick up.
_FOREIGN = re.compile(r"[^\x00-\x7F\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0]")
_STAMP = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
_CHROME = {"news in the same category", "news post"}
_ENDS_SENTENCE = re.compile(r"[.!?:;,\"\u201D\u2019)]$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201C])")


@dataclass(frozen=True)
class SourceSection:
    """A heading (None for the text before the first heading) and its paragraphs, as read."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class SourceArticle:
    """A real article cut into pieces the generator recombines."""

    title: str
    sections: tuple[SourceSection, ...]
    furniture: tuple[str, ...]
    blank_lines: bool  # True when the source separates blocks with blank lines


def is_furniture(line: str) -> bool:
    return bool(_FOREIGN.search(line) or _STAMP.search(line) or line.strip().lower() in _CHROME)


def is_heading(line: str) -> bool:
    """A short line in title style that does not end like a sentence."""
    words = line.split()
    return 0 < len(words) <= 12 and line[0].isupper() and not _ENDS_SENTENCE.search(line)


def read_source(path: Path) -> SourceArticle:
    """Cut one real article into its title, sections and furniture."""
    raw = path.read_text(encoding="utf-8-sig").splitlines()
    lines = [ln.strip() for ln in raw]
    furniture = tuple(ln for ln in lines if ln and is_furniture(ln))
    body = [ln for ln in lines if ln and not is_furniture(ln)]
    title = body[0]
    sections: list[SourceSection] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for line in body[1:]:
        if line == title:
            continue  # scraped pages repeat the title under the stamp
        if is_heading(line):
            if heading is not None or paragraphs:
                sections.append(SourceSection(heading, tuple(paragraphs)))
            heading, paragraphs = line, []
        else:
            paragraphs.append(line)
    sections.append(SourceSection(heading, tuple(paragraphs)))
    blank = sum(1 for ln in lines if not ln) > len(body) // 2
    return SourceArticle(title, tuple(s for s in sections if s.paragraphs or s.heading), furniture, blank)


def _vary_paragraph(text: str, rng: random.Random) -> str:
    sentences = _SENTENCE.split(text)
    if len(sentences) > 2 and rng.random() < 0.5:
        head, rest = sentences[0], sentences[1:]
        rng.shuffle(rest)
        sentences = [head, *rest]
    return " ".join(sentences)


def _stamp(rng: random.Random) -> str:
    return f"Facts {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2019, 2026)} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def make_article(index: int, sources: list[SourceArticle], rng: random.Random) -> str:
    """One synthetic article as text, following the order of one real article's sections."""
    base = sources[index % len(sources)]
    others = [s for s in sources if s is not base] or [base]
    out: list[str] = []
    if base.furniture and rng.random() < 0.6:
        out.append(_stamp(rng))
    title_words = base.title.rstrip("?").split()
    out.append(f"{base.title} ({index + 1})" if rng.random() < 0.5 else " ".join(title_words) + f", part {index + 1}")
    for section in base.sections:
        if section.heading is not None and rng.random() < 0.25:
            continue
        blocks = [_vary_paragraph(p, rng) for p in section.paragraphs if rng.random() < 0.85] or list(section.paragraphs[:1])
        if section.heading is not None:
            out.append(section.heading)
        out.extend(blocks)
        if rng.random() < 0.15:
            borrowed = rng.choice(rng.choice(others).sections)
            if borrowed.heading is not None and borrowed.paragraphs:
                out.append(borrowed.heading)
                out.extend(_vary_paragraph(p, rng) for p in borrowed.paragraphs)
        if base.furniture and rng.random() < 0.1:
            out.append(rng.choice(base.furniture))
    if base.furniture and rng.random() < 0.5:
        out.extend(["News in the same category", "News Post"])
    separator = "\n\n" if base.blank_lines else "\n"
    return separator.join(out) + "\n"


def write_articles(source_dir: Path, dest_dir: Path, count: int, *, seed: int = 8) -> list[Path]:
    """Write ``count`` synthetic articles (``synthetic-0001.txt``...) into ``dest_dir``; return their paths."""
    sources = [read_source(p) for p in sorted(source_dir.glob("*.txt"))]
    if not sources:
        raise SystemExit(f"{source_dir}: no .txt articles to recombine")
    rng = random.Random(seed)
    dest_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = dest_dir / f"synthetic-{i + 1:04d}.txt"
        path.write_text(make_article(i, sources, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python benchmarks/synthetic.py COUNT DEST_DIR")
    root = Path(__file__).resolve().parent.parent
    written = write_articles(root / "articles", Path(sys.argv[2]), int(sys.argv[1]))
    print(f"wrote {len(written)} articles to {sys.argv[2]}")
