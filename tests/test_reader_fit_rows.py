"""How the fitting script weighs what each labelled section teaches the theme judge."""
from __future__ import annotations

import sys
from pathlib import Path

from worth.evidence import load_weights
from worth.read import read_article

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def test_a_section_with_few_words_of_its_own_teaches_the_theme_judge_less():
    import reader_fit

    text = ("Letters and Links\n\n"
            "Why I Stopped Waiting\n\n"
            "For two years I waited for him to notice what I carried, and the day I stopped waiting was the day "
            "I started to see how little came back, and how much lighter the house felt without the hoping.\n\n"
            "Where I Am Now\n\nLighter, mostly.\n\nWhat Comes Next\n\n"
            "I am learning to plan a weekend around what I want, to call the friends I let drift, and to notice "
            "when I start to shrink myself again for somebody who never asked me to stay small.\n")
    label = {"title": "Letters and Links", "headings": ["Why I Stopped Waiting", "Where I Am Now", "What Comes Next"],
             "noise": [], "themes": {"Why I Stopped Waiting": "letting-go", "Where I Am Now": "other",
                                     "What Comes Next": "letting-go"}}
    article = reader_fit.Labelled("a", Path("a.txt"), label, read_article(text.encode(), path="a.txt"))
    sections, title = reader_fit._sections(article.raw, load_weights())
    _, ys, ws = reader_fit.theme_rows(article, sections, title, lambda t: " ".join(t.lower().split()))
    taught = dict(zip(ys, ws))
    assert [w for y, w in zip(ys, ws) if y == "letting-go"] == [1.0, 1.0]
    assert 0 < taught["other"] < 0.5  # two words of its own
