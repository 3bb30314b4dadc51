"""A saved page's buttons and links ("Add to Favorites", "View on Vimeo") are furniture; a heading
that only starts like one ("Listen to Your Own Tiredness") is the article's own; a wiki's heading,
marked by its glued "[Edit]", is dropped only by a rule."""
from __future__ import annotations

from pathlib import Path

from worth.noise import ArticleLines, clean_lines, noise_features
from worth.read import read_article

FIXTURES = Path(__file__).parent / "fixtures"
BUTTONS = FIXTURES / "article_with_buttons.txt"
PROSE = (
    "You do not have to earn a place in your own life by giving more and more to someone "
    "who keeps giving less and less, and nobody who loves you will ask you to."
)


def _features(text: str) -> dict[str, dict[str, float]]:
    article = ArticleLines.of(read_article(text.encode(), path="a.txt"))
    return {article.views[i].stripped: noise_features(i, article) for i in article.order}


def test_a_buttons_label_is_named_and_a_heading_that_starts_like_one_is_not():
    features = _features(BUTTONS.read_text(encoding="utf-8"))
    for button in ("Adding to Reading List", "Removing from Reading List", "Full episode: Listen on Podwave",
                   "Watch on Streamly"):
        assert "a button's label" in features[button], button
    assert "a button's label" not in features["Listen to Your Own Tiredness"]


def test_a_place_is_a_name_only_where_the_article_never_writes_it_in_lower_case():
    text = (f"Open to Change\n{PROSE} Yet change is slow, and it is yours.\n"
            f"Read on Steadyline\n{PROSE}\nShare with Friends\n{PROSE} Your friends notice first.\n")
    features = _features(text)
    assert "a button's label" not in features["Open to Change"]  # "change" is a word of the text
    assert "a button's label" in features["Read on Steadyline"]  # a service's name
    assert "a button's label" not in features["Share with Friends"]  # "with" leads to no place on the web


def test_read_on_to_a_word_of_the_site_is_a_lead_in_not_a_button():
    text = (f"Why We Stay\n{PROSE}\nRead on to discover\n- why the first hurt is the hardest to see\n"
            f"- what staying teaches you to expect\n- how to start asking for more\n{PROSE}\n")
    features = _features(text)
    assert "a button's label" not in features["Read on to discover"]  # going on reading, not a link to "Discover"
    result = clean_lines(read_article(text.encode(), path="a.txt"))
    assert "Read on to discover" in {line.text for line in result.lines}


def test_the_buttons_of_a_saved_page_go_and_its_headings_stay():
    result = clean_lines(read_article(BUTTONS.read_bytes(), path=str(BUTTONS)))
    dropped = {n.text for n in result.noise}
    assert {"Adding to Reading List", "Removing from Reading List", "Full episode: Listen on Podwave",
            "Watch on Streamly", "Share on Chatterbox"} <= dropped
    kept = {line.text for line in result.lines}
    assert {"Why One Person Carries the Relationship", "What Carrying It Alone Costs",
            "Listen to Your Own Tiredness", "Letting the Weight Go"} <= kept


def test_a_wiki_heading_marked_by_its_edit_link_is_kept_and_its_related_links_label_is_not():
    # (Beside an advertisement, a short line of site words would be weighed as furniture.)
    text = (f"How to Stop Waiting for Him to Change\nAdvertisement\n[Edit]Tips\n{PROSE}\n[Edit]Warnings\n{PROSE}\n"
            f"Advertisement\n[Edit]Related wikiHows\nHow to Leave Kindly\nHow to Heal After a Breakup\n")
    result = clean_lines(read_article(text.encode(), path="a.txt"))
    kept = {line.text for line in result.lines}
    assert {"[Edit]Tips", "[Edit]Warnings"} <= kept
    assert "[Edit]Related wikiHows" in {n.text for n in result.noise}
