"""Cross-links between the theme pages: computed from shared glossary terms and distinctive
words, with a threshold, and changed by an editor's front matter.

The two real articles are cut into sections by a table of their headings and themes (as the
reader would theme them), so relatedness is tested on the site's real text.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pytest

from worth.errors import ArticleError
from worth.glossary import build_glossary, load_glossary
from worth.links import CrossLink, relate_sections, section_vectors
from worth.text import loose_heading, stem
from worth.model import Article, Block, BlockKind, Overrides, Section, SectionKey, Theme

ROOT = Path(__file__).resolve().parent.parent

# Heading -> (theme, level); part headings (level 2) set the theme of the subsections after them.
HEADINGS = {
    "let-him-go": {
        "The Cost of Staying Where You\u2019re Not Seen": (Theme.COSTS, 2),
        "The Slow Erosion of Self-Concept": (Theme.COSTS, 3),
        "Relational Asymmetry and Burnout": (Theme.COSTS, 3),
        "The Hook of Intermittent Reinforcement": (Theme.COSTS, 3),
        "Real-World Example: The Academic Couple": (Theme.COSTS, 3),
        "Identity Diffusion and Role Loss": (Theme.COSTS, 3),
        "Why Experts Get Stuck Too": (Theme.COSTS, 3),
        "The Emotional Cost of Silence": (Theme.COSTS, 3),
        "The Bigger Picture": (Theme.COSTS, 3),
        "Signs He Doesn\u2019t See Your Worth": (Theme.SIGNS, 2),
        "Emotional Minimization": (Theme.SIGNS, 3),
        "Lack of Investment": (Theme.SIGNS, 3),
        "Selective Presence": (Theme.SIGNS, 3),
        "Absence of Reciprocity": (Theme.SIGNS, 3),
        "Undermining Patterns": (Theme.SIGNS, 3),
        "Dismissing Achievements": (Theme.SIGNS, 3),
        "The Gut Test": (Theme.SIGNS, 3),
        "Why Letting Go Changes Everything": (Theme.LETTING_GO, 2),
        "Resetting Internal Standards": (Theme.LETTING_GO, 3),
        "The Neurology of Liberation": (Theme.LETTING_GO, 3),
        "Boundaries as Catalysts": (Theme.LETTING_GO, 3),
        "Real-World Example: The Artist Who Left": (Theme.LETTING_GO, 3),
        "The Power of Absence": (Theme.LETTING_GO, 3),
        "Breaking Generational Cycles": (Theme.LETTING_GO, 3),
        "Why It\u2019s Hard But Worth It": (Theme.LETTING_GO, 3),
        "Final Thoughts": (Theme.OTHER, 2),
    },
    "walking-away": {
        "Appreciation Is Not a Luxury\u2014It\u2019s a Baseline": (Theme.SIGNS, 2),
        "Why Women Are Conditioned to Stay": (Theme.COSTS, 2),
        "Walking Away Is Not Revenge\u2014It\u2019s Self-Respect": (Theme.LETTING_GO, 2),
        "The Shock Factor: He Notices When You\u2019re Gone": (Theme.LETTING_GO, 2),
        "Choosing Yourself Changes the Ending": (Theme.LETTING_GO, 2),
    },
}
# Page furniture of the scraped article, left out as the reader would.
FURNITURE = re.compile(r"\d{2}/\d{2}/\d{4}|[^\x00-\x7f\u2018\u2019\u201c\u201d\u2014\u2013]|^News (in the same category|Post)$")


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("\u2019", "")).strip("-")


def real_article(slug: str, overrides: Overrides = Overrides()) -> Article:
    """One of the site's articles, cut into sections by ``HEADINGS``."""
    lines = [ln.strip() for ln in (ROOT / "articles" / f"{slug}.txt").read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not FURNITURE.search(ln)]
    table = HEADINGS[slug]
    sections: list[Section] = []
    heading, theme, level, part, paragraphs, start = None, Theme.OTHER, 2, None, [], 1

    def close() -> None:
        if paragraphs:
            blocks = tuple(Block(BlockKind.PARAGRAPH, (p,), start + i) for i, p in enumerate(paragraphs))
            sections.append(Section(heading, level, theme, blocks, start, _anchor(heading) if heading else "start", part if level == 3 else None))

    for number, line in enumerate(lines[1:], 2):
        if line in table:
            close()
            heading, (theme, level), paragraphs, start = line, table[line], [], number
            if level == 2:
                part = _anchor(line)
        else:
            paragraphs.append(line)
    close()
    return Article(slug=slug, source=f"articles/{slug}.txt", title=lines[0], sections=tuple(sections), overrides=overrides)


def key(slug: str, heading: str) -> SectionKey:
    return SectionKey(slug, _anchor(heading))


@pytest.fixture(scope="module")
def articles() -> tuple[Article, ...]:
    return real_article("let-him-go"), real_article("walking-away")


@pytest.fixture(scope="module")
def terms(articles):
    return build_glossary(articles, load_glossary(ROOT / "glossary.yml"))


@pytest.fixture(scope="module")
def related(articles, terms):
    return relate_sections(articles, terms)


def targets(related, source: SectionKey) -> list[SectionKey]:
    return [link.target for link in related.get(source, ())]


def test_every_themed_section_of_the_real_articles_is_cut_out():
    sections = [s for a in (real_article("let-him-go"), real_article("walking-away")) for s in a.sections]
    headings = {s.heading for s in sections}
    assert all(h in headings for table in HEADINGS.values() for h in table)


def test_a_sign_leads_to_the_cost_that_shares_its_meaning(related):
    # "If you're constantly the one initiating conversations ... you've got an imbalance" and
    # "When you're the one investing, initiating, soothing ... scrambling to balance."
    source = key("let-him-go", "Absence of Reciprocity")
    assert key("let-him-go", "Relational Asymmetry and Burnout") in targets(related, source)[:2]


def test_the_hook_of_intermittent_reinforcement_leads_to_the_shock_factor(related):
    source = key("let-him-go", "The Hook of Intermittent Reinforcement")
    assert targets(related, source)[0] == key("walking-away", "The Shock Factor: He Notices When You\u2019re Gone")


def test_a_shared_glossary_term_links_sections_across_articles(related):
    source = key("let-him-go", "Boundaries as Catalysts")
    [first, *_] = related[source]
    assert first.target == key("walking-away", "Appreciation Is Not a Luxury\u2014It\u2019s a Baseline")
    assert first.reasons[0] == "boundaries"
    labour = related[key("walking-away", "The Shock Factor: He Notices When You\u2019re Gone")][0]
    assert labour.target == key("let-him-go", "Relational Asymmetry and Burnout")
    assert labour.reasons[0] == "emotional labour"
    assert "labor" not in labour.reasons  # the term says it once


def test_links_only_go_to_the_other_theme_pages_best_first_and_at_most_three(articles, related):
    themes = {SectionKey(a.slug, s.anchor): s.theme for a in articles for s in a.sections}
    assert related, "the real articles have related sections"
    for source, links in related.items():
        assert themes[source] is not Theme.OTHER
        assert 1 <= len(links) <= 3
        assert all(link.source == source for link in links)
        assert all(themes[link.target] not in (themes[source], Theme.OTHER) for link in links)
        scores = [link.score for link in links]
        assert scores == sorted(scores, reverse=True)


def test_sections_with_little_in_common_are_not_linked(related):
    # The identity section shares no glossary term and hardly a word with the other themes.
    assert key("let-him-go", "Identity Diffusion and Role Loss") not in related
    assert key("let-him-go", "The Gut Test") in related
    assert key("walking-away", "Choosing Yourself Changes the Ending") not in targets(related, key("let-him-go", "The Gut Test"))


def test_an_unrelated_section_of_another_article_gets_no_link():
    article = Article(
        "recipes", "articles/recipes.txt", "Bread",
        (
            Section("Kneading", 2, Theme.COSTS, (Block(BlockKind.PARAGRAPH, ("Knead the dough for ten minutes until smooth and elastic.",), 2),), 1, "kneading"),
            Section("Baking", 2, Theme.LETTING_GO, (Block(BlockKind.PARAGRAPH, ("Bake the loaf in a hot oven until golden.",), 4),), 3, "baking"),
        ),
    )
    related = relate_sections([real_article("let-him-go"), real_article("walking-away"), article])
    assert SectionKey("recipes", "kneading") not in related
    assert all(link.target.article != "recipes" for links in related.values() for link in links)


def test_words_are_stemmed_lightly_and_spellings_meet():
    assert stem("labor") == stem("labour")
    assert stem("initiating") == stem("initiate")
    assert stem("boundaries") == stem("boundary")


def test_vectors_weigh_shared_terms_over_words(articles, terms):
    space = section_vectors(articles, terms)
    vector = space.vectors[space.keys.index(key("let-him-go", "Relational Asymmetry and Burnout"))]
    assert max(vector, key=vector.get) == "term:relational asymmetry"


# ---------------------------------------------------------------------------------------------
# Editor's changes


def with_related(changes: dict) -> tuple[Article, Article]:
    overrides = Overrides(related=MappingProxyType({h: MappingProxyType({k: tuple(v) for k, v in c.items()}) for h, c in changes.items()}))
    return real_article("let-him-go", overrides), real_article("walking-away")


def test_an_editor_adds_a_link_first_and_removes_another(terms):
    changes = {
        # Loose headings: case, curly quotes and end punctuation do not matter.
        "absence of reciprocity.": {
            "add": ["Walking away is not revenge - it's self-respect"],
            "remove": ["Relational Asymmetry and Burnout"],
        },
    }
    related = relate_sections(with_related(changes), terms)
    links = related[key("let-him-go", "Absence of Reciprocity")]
    assert links[0] == CrossLink(
        key("let-him-go", "Absence of Reciprocity"),
        key("walking-away", "Walking Away Is Not Revenge\u2014It\u2019s Self-Respect"),
        1.0,
        ("added by the editor",),
    )
    assert key("let-him-go", "Relational Asymmetry and Burnout") not in [link.target for link in links]


def test_removing_every_link_leaves_the_section_without_related_links(articles, terms, related):
    source = key("let-him-go", "The Hook of Intermittent Reinforcement")
    headings = {SectionKey(a.slug, s.anchor): s.heading for a in articles for s in a.sections}
    names = [headings[target] for target in targets(related, source)]
    assert names, "the section has related sections to remove"
    changed = relate_sections(with_related({"The Hook of Intermittent Reinforcement": {"remove": names}}), terms)
    assert source not in changed
    assert changed[key("let-him-go", "Absence of Reciprocity")] == related[key("let-him-go", "Absence of Reciprocity")]


@pytest.mark.parametrize(
    ("changes", "heading"),
    [
        ({"The Hook of Intermittent Reinforcment": {"add": ["Selective Presence"]}}, "The Hook of Intermittent Reinforcment"),
        ({"The Gut Test": {"add": ["A Heading Nobody Wrote"]}}, "A Heading Nobody Wrote"),
        ({"The Gut Test": {"remove": ["Another Missing One"]}}, "Another Missing One"),
    ],
)
def test_an_unknown_heading_in_front_matter_names_the_article_and_the_heading(terms, changes, heading):
    with pytest.raises(ArticleError) as caught:
        relate_sections(with_related(changes), terms)
    assert caught.value.path == "articles/let-him-go.txt"
    assert f'"{heading}"' in str(caught.value)
    assert str(caught.value).startswith("articles/let-him-go.txt: related: ")


def test_loose_headings_ignore_case_quotes_dashes_and_numbering():
    assert loose_heading("2. Walking Away Is Not Revenge\u2014It\u2019s Self-Respect!") == loose_heading(
        "walking away is not revenge - it's self respect"
    )



def test_related_links_are_the_same_in_every_build_even_when_scores_tie(tmp_path):
    """Articles recombined from the same paragraphs tie on many scores; which one is linked (on
    the theme pages and in the checklist's "what to read next") must not depend on Python's hash
    seed, or every build would shuffle the links."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for name in ("mkdocs.yml", "glossary.yml", "checklist.yml"):
        shutil.copy(root / name, tmp_path / name)
    sys.path.insert(0, str(root / "benchmarks"))
    from synthetic import write_articles

    write_articles(root / "articles", tmp_path / "articles", 60)
    pages = set()
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out{seed}"
        run = subprocess.run(
            [sys.executable, "-m", "worth.cli", "export", str(out), "--config", str(tmp_path / "mkdocs.yml")],
            capture_output=True, text=True, cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root / "hooks")},
        )
        assert run.returncode == 0, run.stderr
        pages.add(tuple((out / page).read_text(encoding="utf-8") for page in ("signs.md", "costs.md", "letting-go.md")))
    assert len(pages) == 1


def test_an_unknown_related_heading_is_reported_at_its_line_in_the_front_matter(tmp_path, terms):
    from worth.pipeline import load_articles

    body = (Path(__file__).resolve().parent.parent / "articles" / "let-him-go.txt").read_text(encoding="utf-8")
    front = "---\ntitle: Let him go\nrelated:\n  The Gut Test:\n    add: [A Heading Nobody Wrote]\n---\n"
    (tmp_path / "let-him-go.txt").write_text(front + body, encoding="utf-8")
    articles = load_articles(tmp_path, display_root=tmp_path).articles
    with pytest.raises(ArticleError) as caught:
        relate_sections(articles, terms)
    assert str(caught.value).startswith('let-him-go.txt:3: related: no article has a section headed "A Heading Nobody Wrote"')


def test_links_asked_for_some_sections_are_the_links_those_sections_have_among_all(articles, terms, related):
    # A page shows the links of some sections only; searching from just those must not change them.
    shown = set(list(related)[::3])
    assert shown
    some = relate_sections(articles, terms, sources=shown)
    assert set(some) == shown
    assert all(some[key] == related[key] for key in shown)
