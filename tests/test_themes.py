"""Themes from the lexicon, inherited from parts, overridden by the editor."""
from __future__ import annotations

from pathlib import Path

from worth.model import Theme
from worth.pipeline import load_article
from worth.themes import LEXICON_FILE, load_lexicon

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def themes(article):
    return {s.heading: s.theme for s in article.sections}


def test_subsections_take_their_parts_theme_and_conclusion_is_other():
    got = themes(load_article(ROOT / "articles" / "let-him-go.txt"))
    assert got["The Slow Erosion of Self-Concept"] is Theme.COSTS
    assert got["Lack of Investment"] is Theme.SIGNS
    assert got["The Power of Absence"] is Theme.LETTING_GO
    assert got["Final Thoughts"] is Theme.OTHER
    assert got[None] is Theme.OTHER


def test_top_level_sections_take_the_theme_their_words_name():
    got = themes(load_article(ROOT / "articles" / "walking-away.txt"))
    assert got["Appreciation Is Not a Luxury\u2014It\u2019s a Baseline"] is Theme.SIGNS
    assert got["Why Women Are Conditioned to Stay"] is Theme.COSTS
    assert got["Walking Away Is Not Revenge\u2014It\u2019s Self-Respect"] is Theme.LETTING_GO


def test_a_subsection_whose_own_heading_and_text_clearly_say_otherwise_keeps_its_own_theme(tmp_path):
    sign = "He dismisses your feelings and ignores your needs, a sign he does not see you at all."
    leave = "Walking away and letting go gave her freedom; leaving was how she began to heal and rebuild."
    path = tmp_path / "part.txt"
    path.write_text(
        f"Title\n{sign}\nSigns He Doesn't See Your Worth\n{sign}\nHe Ignores Your Feelings\n{sign}\n"
        f"He Dismisses Your Wins\n{sign}\nLetting Go Anyway\n{leave} {leave}\n",
        encoding="utf-8",
    )
    got = themes(load_article(path))
    assert got["He Ignores Your Feelings"] is Theme.SIGNS
    assert got["Letting Go Anyway"] is Theme.LETTING_GO


def test_listicle_items_without_theme_words_take_the_titles_theme():
    got = themes(load_article(FIXTURES / "article_with_numbered_headings.txt"))
    assert got["2. He Cancels Plans at the Last Minute"] is Theme.SIGNS


def test_front_matter_theme_override_wins():
    got = themes(load_article(FIXTURES / "article_with_front_matter.md"))
    assert got["Small Things Add Up"] is Theme.SIGNS
    assert got["The Cost of Shrinking"] is Theme.COSTS


def test_lexicon_is_data_with_a_header_and_every_theme():
    header = LEXICON_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#")
    lexicon = load_lexicon()
    assert set(lexicon.heading) == {Theme.SIGNS, Theme.COSTS, Theme.LETTING_GO}
    assert lexicon.is_part("7 Signs He Doesn't Value You") and lexicon.is_closing("Final Thoughts")
    assert not lexicon.is_part("Walking Away Is Not Revenge")


def test_question_headings_take_the_theme_their_question_names():
    got = themes(load_article(FIXTURES / "article_with_question_headings.txt"))
    assert got["How do I know if he really values me?"] is Theme.SIGNS
    assert got["Why do I keep hoping he will change?"] is Theme.COSTS
    assert got["What happens after I leave?"] is Theme.LETTING_GO


def test_news_and_clinic_articles_get_themes_from_their_headings():
    news = themes(load_article(FIXTURES / "article_with_news_furniture.txt"))
    assert (news["The Quiet Signs of Imbalance"], news["What Staying Can Cost You"]) == (Theme.SIGNS, Theme.COSTS)
    clinic = themes(load_article(FIXTURES / "article_with_booking_cta.txt"))
    assert clinic["Setting Boundaries Before You Go"] is Theme.LETTING_GO
