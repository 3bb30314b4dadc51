"""How long the glossary and the cross-links take for many articles.

Builds N synthetic ``Article`` values in memory (default 1,000 articles of 25 sections each,
about 25,000 sections) from the real articles' sections, paragraphs shuffled sentence by
sentence (``synthetic.py``), with the sections' themes drawn at random, then times
``build_glossary`` and ``relate_sections`` and prints the figures and how many sections got
links. No timing is asserted: this prints.

    python benchmarks/links_scaling.py
    python benchmarks/links_scaling.py --articles 100 --sections 25
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "hooks"))
from synthetic import _vary_paragraph, read_source  # noqa: E402  (a script beside this one)

from worth.glossary import build_glossary, load_glossary  # noqa: E402
from worth.links import relate_sections  # noqa: E402
from worth.model import Article, Block, BlockKind, Section, Theme  # noqa: E402

THEMES = (Theme.SIGNS, Theme.COSTS, Theme.LETTING_GO, Theme.OTHER)


def synthetic_articles(count: int, sections: int, *, seed: int = 8) -> list[Article]:
    sources = [read_source(p) for p in sorted((ROOT / "articles").glob("*.txt"))]
    pool = [s for src in sources for s in src.sections if s.paragraphs]
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        built = []
        for j in range(sections):
            source = rng.choice(pool)
            paragraphs = tuple(_vary_paragraph(p, rng) for p in source.paragraphs)
            blocks = tuple(Block(BlockKind.PARAGRAPH, (p,), j * 10 + k) for k, p in enumerate(paragraphs))
            built.append(Section(source.heading, 2, rng.choice(THEMES), blocks, j * 10, f"section-{j + 1}"))
        articles.append(Article(f"synthetic-{i + 1:04d}", f"synthetic-{i + 1:04d}.txt", f"Article {i + 1}", tuple(built)))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sections", type=int, default=25)
    args = parser.parse_args()
    articles = synthetic_articles(args.articles, args.sections)
    total = sum(len(a.sections) for a in articles)
    print(f"{len(articles)} articles, {total} sections")
    # CPU time as well as wall time: on a shared machine the wall clock includes waiting.
    wall, cpu = time.perf_counter(), time.process_time()
    terms = build_glossary(articles, load_glossary(ROOT / "glossary.yml"))
    print(f"build_glossary:   {time.perf_counter() - wall:6.2f} s wall, {time.process_time() - cpu:6.2f} s CPU  ({len(terms)} terms)")
    wall, cpu = time.perf_counter(), time.process_time()
    related = relate_sections(articles, terms)
    links = sum(len(v) for v in related.values())
    print(
        f"relate_sections:  {time.perf_counter() - wall:6.2f} s wall, {time.process_time() - cpu:6.2f} s CPU  "
        f"({len(related)} sections with links, {links} links)"
    )


if __name__ == "__main__":
    main()
