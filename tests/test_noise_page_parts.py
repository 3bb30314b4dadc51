"""The furniture other sites print around an article goes, each kind in the forms blogs,
magazines, wikis and health sites give it, and the article's own lines beside it stay."""
from __future__ import annotations

from pathlib import Path

import pytest

from worth.noise import ArticleLines, clean_lines
from worth.read import read_article
from worth.pipeline import load_article

FIXTURES = Path(__file__).parent / "fixtures"
PROSE = (
    "Being overlooked by a partner rarely happens in one moment; it builds from small omissions that "
    "each seem too minor to mention, until the whole week feels like work nobody sees."
)
MORE_PROSE = (
    "Friends often notice the change first: fewer plans, shorter calls, and an apology for needing "
    "anything at all, as if asking for care were a burden on everyone around you."
)


def _clean(text: str):
    return clean_lines(read_article(text.encode(), path="a.txt"))


def _fixture(name: str):
    path = FIXTURES / f"{name}.txt"
    return clean_lines(read_article(path.read_bytes(), path=str(path)))


def _dropped(result) -> set[str]:
    return {n.text for n in result.noise}


def _kept(result) -> set[str]:
    return {line.text for line in result.lines}


def _around(*lines: str) -> str:
    """``lines`` inside a short article of prose, under a title and a heading."""
    return "\n\n".join(["When He Stops Noticing You", PROSE, "What It Costs", *lines, MORE_PROSE]) + "\n"


@pytest.mark.parametrize("line", [
    "Illustration by Priya Nair",
    "Stock photo posed by model",
    "Photo courtesy of the author",
    "Paid Partnership",
    "Scroll to continue with content",
    "Scroll down for video",
    "This post contains affiliate links. We may earn a commission if you buy through them.",
    "The content on this site is not intended to be a substitute for professional medical advice.",
    "Always seek the advice of a qualified health provider with any questions you may have.",
    "This article has been written and researched by our editors through a careful process. Learn how we work",
    "Jump to navigation Jump to search",
    "This page was last edited on 2 May 2024, at 14:03.",
    "Enter your email address",
    "Thanks for subscribing!",
    "Keep Reading",
    "Terms of Service",
    "Sitemap",
    "Reject All",
    "Your email address will not be published. Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Post Comment",
    "Name *",
    '14 thoughts on "When He Stops Noticing You"',
    "One response to \u201cWhen He Stops Noticing You\u201d",
    "Member-only story",
    "\u00b7",
    "Thanks for reading! Subscribe for free to receive new posts and support my work.",
    "Discussion about this post",
    "Posted by Anna Reyes at 9:12 PM",
    "Newer Post Older Post Home",
    "Asked 2 years ago",
    "Improve this answer",
    "You must log in or register to reply here.",
    "Similar threads",
    "Main article: Emotional neglect",
    "How we reviewed this article:",
    "A version of this article appears in print on Jan. 15, 2025, Section D, Page 4.",
    "[Insert image here]",
    "[Author bio]",
])
def test_a_kind_of_furniture_other_sites_print_goes_for_sure(line):
    text = _around(line)
    article = ArticleLines.of(read_article(text.encode(), path="a.txt"))
    assert any(article.views[i].stripped == line for i in article.rules), line
    assert line in _dropped(_clean(text)) and PROSE in _kept(_clean(text))


@pytest.mark.parametrize("line", [
    "Keep reading.",  # the author's own sentence, closed as one
    "Listen.",
    "Save your energy for people who return it.",
    "Name what you need, once.",
    "Three thoughts on leaving, from someone who did.",
    "Years later, I asked him why.",
    "Posted by the kitchen door, I waited.",
    "Thanks for reading this far.",
])
def test_the_articles_own_line_that_looks_like_a_button_is_no_rule_of_furniture(line):
    article = ArticleLines.of(read_article(_around(line).encode(), path="a.txt"))
    assert not any(article.views[i].stripped == line for i in article.rules), line


def test_a_table_of_contents_goes_and_the_headings_it_lists_stay():
    text = ("Letting Go of Someone Who Never Chose You\n\nJump to section\nWhy It Hurts So Much\n"
            "What Holding On Costs\nHow to Begin Letting Go\n\n" + PROSE + "\n\nWhy It Hurts So Much\n\n"
            + MORE_PROSE + "\n\nWhat Holding On Costs\n\n" + PROSE.replace("Being", "Staying")
            + "\n\nHow to Begin Letting Go\n\n" + MORE_PROSE.replace("Friends", "Sisters") + "\n")
    result = _clean(text)
    numbers = {n.line for n in result.noise}
    assert {4, 5, 6} <= numbers  # the three entries under the label
    kept = [line.text for line in result.lines]
    for heading in ("Why It Hurts So Much", "What Holding On Costs", "How to Begin Letting Go"):
        assert kept.count(heading) == 1


def test_contents_that_number_numbered_headings_again_go_and_the_headings_stay():
    # A contents widget puts its own number before each numbered heading: "1 1. Why It Hurts".
    headings = ("1. Why It Hurts So Much", "2. What Holding On Costs", "3. How to Begin Letting Go",
                "4. Who Helps")
    texts = (PROSE, MORE_PROSE, PROSE.replace("Being", "Staying"), MORE_PROSE.replace("Friends", "Sisters"))
    text = ("Letting Go of Someone Who Never Chose You\nContents\n"
            + "\n".join(f"{h[0]} {h}" for h in headings) + "\n"
            + "\n".join(f"{h}\n{t}" for h, t in zip(headings, texts)) + "\n")
    result = _clean(text)
    assert [n.text for n in result.noise if n.rule == "contents-entry"] == [f"{h[0]} {h}" for h in headings]
    kept = [line.text for line in result.lines]
    assert all(kept.count(h) == 1 for h in headings)


def test_lines_written_twice_together_are_no_table_of_contents():
    # A verse quoted twice stands together both times: no headings follow its lines one by one.
    verse = "I gave and gave\nand called it love\nand waited to be seen"
    text = f"What the Song Taught Me\n\n{verse}\n\n{PROSE}\n\n{verse}\n\n{MORE_PROSE}\n"
    assert not any(n.rule == "contents-entry" for n in _clean(text).noise)


def test_the_writers_bio_goes_by_the_name_her_byline_gives():
    text = _around("By Laura Chen") + (
        "\nLaura Chen is a freelance writer covering relationships. She lives in Portland with her dog.\n\n"
        "About Laura Chen\n")
    result = _clean(text)
    assert {"Laura Chen is a freelance writer covering relationships. She lives in Portland with her dog.",
            "About Laura Chen"} <= _dropped(result)
    # Without a byline naming her, a line about a Laura is the article's.
    story = _around("Laura is a nurse who stayed nine years with a man who never asked about her shifts.")
    assert "Laura is a nurse who stayed nine years with a man who never asked about her shifts." in _kept(_clean(story))


def test_a_sentence_between_an_advertisement_and_a_caption_stays():
    line = "You may notice that he remembers his friends' plans and his mother's birthday without help."
    text = _around("Advertisement", line, "A couple sits apart on a sofa. (Photo: Shutterstock)")
    result = _clean(text)
    assert line in _kept(result)
    assert {"Advertisement", "A couple sits apart on a sofa. (Photo: Shutterstock)"} <= _dropped(result)


def test_a_quotations_attribution_stays_under_it():
    text = _around('"The opposite of love is not hate, it\'s indifference."', "\u2014 Elie Wiesel")
    assert "\u2014 Elie Wiesel" in _kept(_clean(text))


def test_a_bulleted_block_of_related_links_ends_with_its_list():
    text = _around("RELATED", "- Five Things to Do in Your First Week Alone",
                   "- How to Answer When Friends Ask Why You Left", "- Learning to Eat Dinner by Yourself Again",
                   "When the Guilt Arrives") + "\nShare on Facebook\n"
    result = _clean(text)
    assert {"RELATED", "- Five Things to Do in Your First Week Alone", "- How to Answer When Friends Ask Why You Left",
            "- Learning to Eat Dinner by Yourself Again"} <= _dropped(result)
    assert "When the Guilt Arrives" in _kept(result)


def test_a_blog_posts_furniture_goes_and_its_own_short_lines_stay():
    result = _fixture("article_with_blog_furniture")
    assert result.title == "Why He Never Notices the Effort You Make"
    dropped = _dropped(result)
    for line in ("Illustration by Theo Marsh", "Stock photo posed by model", "Enter your email address", "Sign up",
                 "Thanks for subscribing!", "Filed Under: Relationships, Self-Worth", "Post Comment", "Name *",
                 "Leave a Reply Cancel reply", "Pin",
                 "This post contains affiliate links. We may earn a commission if you buy through them."):
        assert line in dropped, line
    assert any(text.startswith("Rosa Delgado is a writer") for text in dropped)
    kept = [line.text for line in result.lines]
    for line in ("Read that again.", "You are allowed to stop.", "The Invisible Work", "How to Stop Waiting for Thanks"):
        assert line in kept, line
    assert kept.count("What It Costs to Keep Going") == 1  # the heading, not its entry in the contents


def test_a_magazine_pages_furniture_goes_and_its_one_line_paragraphs_stay():
    result = _fixture("article_with_magazine_furniture")
    assert result.title == "The Quiet Relief of Walking Away"
    dropped = _dropped(result)
    for line in ("Reject All", "Accept All", "Jump to section", "Advertisement", "Story continues below advertisement",
                 "RELATED", "- Learning to Eat Dinner by Yourself Again", "Paid Partnership", "Privacy Policy",
                 "Terms of Use", "Sitemap", "Always seek the advice of a qualified health provider with any questions you may have."):
        assert line in dropped, line
    kept = _kept(result)
    for line in ("You may find that you sleep through the night for the first time in a long while.",
                 "Tell one friend how you really feel this week.", "Why It Feels Lighter", "When the Guilt Arrives"):
        assert line in kept, line


def test_a_label_naming_the_sites_section_heads_a_block_of_links():
    text = _around("More From Relationships", "The Quiet Power of Walking Away", "What Self-Respect Looks Like in Love")
    text = text.replace(MORE_PROSE + "\n", "") + "\nShare on Facebook\n"
    text = text.replace("What It Costs\n\n", f"What It Costs\n\n{MORE_PROSE}\n\n")
    result = _clean(text)
    assert {"More From Relationships", "The Quiet Power of Walking Away",
            "What Self-Respect Looks Like in Love"} <= _dropped(result)
    assert MORE_PROSE in _kept(result)


@pytest.mark.parametrize("above", ["Advertisement", "A couple sits apart on a sofa. (Photo: Getty Images)",
                                   "[Insert image here]"])
def test_a_closing_sentence_under_an_advertisement_or_a_caption_stays(above):
    # Short, last, beside furniture and with a word sites use ("more"): still the article's.
    text = _around() + f"\n{above}\n\nYou are worth more than a favour.\n"
    result = _clean(text)
    assert "You are worth more than a favour." in _kept(result)
    assert above in _dropped(result)


def test_a_scraped_guide_keeps_its_headings_once_and_loses_both_copies_of_its_contents():
    # Written in the pattern of search-minded guides scraped from their pages: a notice, a
    # breadcrumb, the headline and its byline; the contents with no label over them, printed
    # again under the article; headings printed twice (over a picture captioned with them);
    # share buttons and related posts at the end.
    path = FIXTURES / "article_scraped_with_contents_twice.txt"
    article = load_article(path)
    assert article.title == "How to Leave a Partner Who Never Sees You"
    headings = [s.heading for s in article.sections if s.heading]
    assert headings == ["Why It Is So Hard to Go", "Signs You Are Being Overlooked", "How to Leave",
                        "Tell someone you trust", "Make a plan for the first week", "Where to find support",
                        "The bottom line"]
    rules = {}
    for n in article.noise:
        rules.setdefault(n.rule, []).append(n.text)
    assert rules["contents-entry"] == headings * 2
    assert rules["breadcrumb"] == ["Kinder Hearts > Blog > Relationships"]
    signs = next(s for s in article.sections if s.heading == "Signs You Are Being Overlooked")
    assert "Plans are made without asking you" in signs.paragraphs
    assert not any("Anniversary Messages" in p for s in article.sections for p in s.paragraphs)


def test_a_pages_yes_and_no_buttons_and_the_form_under_them_go():
    text = _around().replace(MORE_PROSE + "\n", MORE_PROSE + "\n\nYes\nNo\n"
                              "Tell us more. What were you looking for? (optional)\nYour email (required)\n"
                              "Please leave this field empty.\n")
    result = _clean(text)
    assert {"Yes", "No", "Tell us more. What were you looking for? (optional)", "Your email (required)"} <= _dropped(result)
    assert MORE_PROSE in _kept(result)
    # A lone answer in the text is the writer's own.
    answer = _clean(_around("Did he ever ask how my week went?", "No.", "Not once in two years."))
    assert "No." in _kept(answer)
