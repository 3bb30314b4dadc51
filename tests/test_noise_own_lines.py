"""Short lines that are the article's own are weighed as such: a refrain, a list the text
announces, section names spaced by their sections."""
from __future__ import annotations

from pathlib import Path

import pytest

from worth.noise import ArticleLines, clean_lines, noise_features, under_section_name
from worth.pipeline import load_article
from worth.read import read_article

FIXTURES = Path(__file__).parent / "fixtures"
PROSE = (
    "You do not have to earn a place in your own life by giving more and more to someone "
    "who keeps giving less and less."
)


def _article(text: str) -> ArticleLines:
    return ArticleLines.of(read_article(text.encode(), path="a.txt"))


def _features_of(text: str, line: str) -> list[dict[str, float]]:
    article = _article(text)
    return [noise_features(i, article) for i in article.order if article.views[i].stripped == line]


def _fixture(name: str):
    path = FIXTURES / f"{name}.txt"
    return clean_lines(read_article(path.read_bytes(), path=str(path)))


def test_a_short_sentence_written_twice_over_prose_is_a_refrain_not_a_repeated_prompt():
    text = (f"Why You Are Allowed to Ask for More\n\n{PROSE}\n\nSay it once.\nTell him plainly what you need.\n\n"
            "Advertisement\n\nSome partners hear a clear request and change, and others nod and carry on as before.\n\n"
            "Nothing in their week has to change for them, so nothing does.\n\n"
            "Say it once.\nYour needs were reasonable the first time.\nThey are reasonable now.\n\nAdvertisement\n\n"
            "If the same request goes unanswered month after month, you have learned where you stand.\n")
    for features in _features_of(text, "Say it once."):
        assert "repeated sentence within prose" in features
        assert "repeated line" not in features and "copy of a later line" not in features
    for features in _features_of(text, "Advertisement"):
        assert "repeated line" in features and "repeated sentence within prose" not in features
    kept = [line.text for line in clean_lines(read_article(text.encode(), path="a.txt")).lines]
    assert kept.count("Say it once.") == 2


def test_a_repeated_time_stamp_is_no_refrain():
    text = f"A Chat\n\nGuest 1:19 p.m.\n{PROSE}\n\nGuest 1:19 p.m.\n{PROSE}\n"
    for features in _features_of(text, "Guest 1:19 p.m."):
        assert "repeated sentence within prose" not in features


def test_items_of_a_list_the_text_announces_are_the_articles_own_even_at_the_end():
    result = _fixture("article_with_a_closing_list")
    kept = [line.text for line in result.lines]
    for item in ("Notice the pattern", "Keep your own friendships", "Leave when it is time"):
        assert kept.count(item) >= 1
    assert "Leave when it is time" not in {n.text for n in result.noise}
    assert {"Share this article", "Facebook", "Email"} <= {n.text for n in result.noise}


def test_a_list_under_a_link_label_or_after_no_text_is_no_announced_list():
    under_label = f"Title\n\n{PROSE}\n\nRelated articles:\nHow to leave\nWhy we stay\n"
    assert all("in a list under a lead-in" not in f for f in _features_of(under_label, "Why we stay"))
    announced = f"Title\n\n{PROSE}\n\nIt can look like this:\nHow to leave\nWhy we stay\n"
    assert all("in a list under a lead-in" in f for f in _features_of(announced, "Why we stay"))


def test_section_names_spaced_by_their_sections_are_told_from_a_menu():
    spaced = (f"Title\n\n{PROSE}\n\nBooks\nA novel about two sisters\nMusic\nAn album of piano pieces\n"
              f"Podcasts\nAn interview with a counsellor\n\n{PROSE}\n")
    for name in ("Books", "Music", "Podcasts"):
        assert all("spaced like section names" in f for f in _features_of(spaced, name))
    menu = f"Title\n\nHome\nAbout\nContact\n\n{PROSE}\n"
    assert all("spaced like section names" not in f for f in _features_of(menu, "About"))
    kept = [line.text for line in _fixture("article_with_section_names").lines]
    assert "Music" in kept and "Podcasts" in kept


def test_a_dash_and_a_name_under_a_quotation_sign_it_and_stay():
    text = (f"Why You Are Allowed to Ask for More\n\n{PROSE}\n\n\"{PROSE}\"\n\n\u2015Sam, member\n\n{PROSE}\n\n"
            f"Lists\n\n\u2015Sam, member of nothing\n")
    signed = _features_of(text, "\u2015Sam, member")
    assert signed and all("signs a quotation" in f for f in signed)
    assert all("signs a quotation" not in f for f in _features_of(text, "\u2015Sam, member of nothing"))
    assert "\u2015Sam, member" in [line.text for line in clean_lines(read_article(text.encode(), path="a.txt")).lines]


def test_the_label_over_the_references_is_never_weighed_away_beside_the_footer():
    text = (f"How to Ask for What You Need\n\n{PROSE}\n\n{PROSE}\n\nShare this\n{{% include footer.html %}}\nSources:\n"
            "Okafor, A. (2019). Being noticed at home. Journal of Everyday Relationships, 4(2), 11-19.\n")
    clean = clean_lines(read_article(text.encode(), path="a.txt"))
    assert "Sources:" in [line.text for line in clean.lines]
    assert "Sources:" not in [n.text for n in clean.noise]


def test_the_picks_under_section_names_are_kept_even_where_they_look_like_handles():
    clean = _fixture("article_with_picks_under_section_names")
    assert clean.noise == ()
    kept = [line.text for line in clean.lines]
    assert {"hollowoakjournal", "noor_writes_slowly", "quietharbour", "sleepy_tides"} <= set(kept)


def test_a_stamp_under_a_chat_posts_one_word_title_is_no_pick():
    post = "You said there would be a photo of the cat in a scarf, and we got an empty sofa, so what happened?"
    text = (f"Live Chat With Our Columnist\n\n{PROSE}\n\n"
            + "".join(f"{name}\nGuest12:{minute} p.m.\n{post}\n" for name, minute in
                      (("Biscuit", "10"), ("Money", "16"), ("Juniper", "42"))))
    article = _article(text)
    stamps = [i for i in article.order if article.views[i].stripped.startswith("Guest")]
    assert len(stamps) == 3 and not any(under_section_name(i, article, None) for i in stamps)
    picks = _article(_fixture_text("article_with_picks_under_section_names"))
    handle = next(i for i in picks.order if picks.views[i].stripped == "quietharbour")
    assert under_section_name(handle, picks, None)


def _fixture_text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("box", ["Advertisement", "Related: How to talk to a friend who is in a hard relationship"])
def test_a_heading_straight_under_an_interruption_is_not_beside_furniture(box):
    # An advertisement's label or a link to another story is a box of one line: the article goes
    # on under it, a heading and its list.
    text = (f"When He Stops Listening\n\n{PROSE}\n\n{box}\n\nThe Small Signs Add Up\n\n"
            "- He checks his phone while you talk\n- He forgets the plans you made together\n\n"
            f"{PROSE}\n\nShare this article\nFollow us\n")
    [features] = _features_of(text, "The Small Signs Add Up")
    assert "beside furniture" not in features
    [features] = _features_of(text, "Follow us")  # beside the share prompt: the page's own end
    assert "beside furniture" in features


def test_headings_under_advertisement_labels_stay_headings_over_their_lists_and_paragraphs():
    # Written in the pattern of news and magazine pages, kept out of the fit: the reader is not
    # taught it by this article.
    path = FIXTURES / "article_with_headings_after_advertisements.txt"
    article = load_article(path)
    headings = [s.heading for s in article.sections if s.heading]
    assert headings == ["The Small Signs Add Up", "What Staying Cost Me", "Things I Gave Up Without Noticing",
                        "Why I Finally Left"]
    assert [n.text for n in article.noise].count("Advertisement") == 4
    assert not {"The Small Signs Add Up", "Things I Gave Up Without Noticing"} & {n.text for n in article.noise}
    signs = next(s for s in article.sections if s.heading == "The Small Signs Add Up")
    assert any(p.endswith("He answers for you when friends ask a question") for p in signs.paragraphs)


def test_the_items_of_a_list_stay_together_when_one_stands_beside_the_sites_furniture():
    # A box of key points opening the article, its last item straight over the site's contents box.
    text = ("Nine Signs He Does Not See Your Worth\n"
            "- Feeling unseen in a relationship wears you down over time.\n"
            "- Small, repeated signs matter more than one bad day.\n"
            "- You are allowed to ask for more, and to leave.\n"
            "Table of Contents\n1. He Never Asks About Your Day\n2. He Makes Plans Without You\n"
            f"{PROSE}\n1. He Never Asks About Your Day\n{PROSE}\n2. He Makes Plans Without You\n{PROSE}\n")
    result = clean_lines(read_article(text.encode(), path="a.txt"))
    kept = [line.text for line in result.lines]
    assert "- You are allowed to ask for more, and to leave." in kept
    assert "- Small, repeated signs matter more than one bad day." in kept
    assert "Table of Contents" in {n.text for n in result.noise}


def test_a_letters_sign_off_over_the_answer_that_names_it_is_the_articles_own():
    text = ("Ask Amy: My husband forgets every promise he makes\n"
            "Dear Amy: My husband promises to help with the children and forgets every time. "
            "Am I expecting too much?\n— Tired in Tulsa\n"
            "Dear Tired: You are not expecting too much. A promise broken again and again tells you where you stand.\n"
            "Dear Amy: My sister's boyfriend makes fun of her in front of us. Should I say something?\n"
            "— Worried Brother\n"
            "Dear Worried: Say something to her, not to him, and tell her you are on her side.\n"
            "Share this column\n")
    result = clean_lines(read_article(text.encode(), path="a.txt"))
    kept = [line.text for line in result.lines]
    assert "— Tired in Tulsa" in kept and "— Worried Brother" in kept
    assert "Share this column" in {n.text for n in result.noise}


def test_a_short_question_closed_inside_its_quotation_marks_is_read_as_closed_and_kept():
    # A blogger's own post, written as questions put to herself, each in bold and in quotes.
    text = ("---\ntitle: What the Quiet Taught Me\n---\n"
            + "".join(f"**\u201c{q}\u201d**\n\n{a}\n\n" for q, a in [
                ("And then?", "Then I waited for a message that did not come, and I told myself it meant nothing."),
                ("Why?", "Because saying it out loud would have made it real, and I was not ready for that yet."),
                ("What changed?", "I stopped carrying every conversation, and the silence told me what I needed to know."),
                ("Lessons learned?", "Ambiguity drains me.  \nClarity restores me."),
                ("And the confusion?", "Gone."),
            ]))
    raw = read_article(text.encode(), path="quiet.md")
    result = clean_lines(raw)
    questions = {"**\u201cLessons learned?\u201d**", "**\u201cAnd the confusion?\u201d**"}
    assert not {n.text for n in result.noise} & questions
    assert not {n.text for n in result.suspects} & questions  # nor shown to the editor as doubtful
    article = ArticleLines.of(raw)
    features = next(noise_features(i, article) for i in article.order
                    if article.views[i].stripped == "**\u201cLessons learned?\u201d**")
    assert "short line closed like a sentence" in features
