"""Page furniture is dropped by named rules; article text is kept."""
from __future__ import annotations

import pytest

from worth.noise import ArticleLines, build_noise_filters, clean_lines, find_date, noise_features
from worth.read import read_article

BODY = (
    "Many people stay for years in relationships where they give far more than they receive, "
    "and they often do not notice the imbalance until they are exhausted."
)
LATER = (
    "Counselors say the pattern usually starts small: a partner forgets plans, brushes off feelings, "
    "or only calls when he needs something."
)


def clean(text: str, path: str = "a.txt"):
    return clean_lines(read_article(text.encode(), path=path))


def dropped(text: str) -> dict[str, str]:
    return {n.text: n.rule for n in clean(text).noise}


def kept(text: str) -> list[str]:
    return [line.text for line in clean(text).lines if line.text]


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Facts 01/02/2026 22:54", "stamp"),
        ("Relationships | March 3, 2025 10:15 AM", "stamp"),
        ("Published: 2025-11-30", "stamp"),
        ("By Anna Field", "byline"),
        ("Watch: Three quiet signs your partner takes you for granted", "media-caption"),
        ("Video: A counselor explains boundaries", "media-caption"),
        ("Photo: A woman sits alone on a bench.", "media-caption"),
        ("(Getty Images)", "media-caption"),
        ("Image credit: Shutterstock", "media-caption"),
        ("Source: National Relationship Survey, 2024", "source-credit"),
        ("Via The Daily Paper", "source-credit"),
        ("Recommended: How to help a friend", "recommended-link"),
        ("You may also like", "recommended-link"),
        ("Read more: Why we stay", "recommended-link"),
        ("Related: Ten signs of respect", "recommended-link"),
        ("News in the same category", "recommended-link"),
        ("News Post", "recommended-link"),
        ("Book an appointment", "call-to-action"),
        ("Schedule a consultation with our caring team today.", "call-to-action"),
        ("Call us today at 555-0100 to speak with a counselor.", "call-to-action"),
        ("Share on Facebook", "share-subscribe"),
        ("Subscribe to our newsletter", "share-subscribe"),
        ("Advertisement", "advertisement"),
        ("Tags: relationships, self-worth, dating", "site-navigation"),
        ("Home > Relationships > Advice", "breadcrumb"),
        ("Kinder Hearts > Blog > Relationships", "breadcrumb"),
        ("5 min read", "site-navigation"),
        # A forum's stamps: its writer's handle, and the time told from now, in words or shortened.
        ("Posted by u/quietleaf 2 years ago", "byline"),
        ("by @janedoe", "byline"),
        ("2 yr. ago", "site-navigation"),
        ("Most Popular", "site-navigation"),
        ("We use cookies to improve your experience. Accept all cookies", "cookie-banner"),
        ("8 cách níu kéo người yêu khi họ muốn chia tay", "other-language"),
        ("Как понять, что он тебя не ценит", "other-language"),
        # Latin-script lines in another language: only words English lacks decide.
        ("Por qué sigues esperando a que él cambie", "other-language"),
        ("Lo que nadie te dice cuando decides irte", "other-language"),
        # Captions with only a bracketed credit at the end, and no "Photo:" prefix.
        ("A couple walks apart on a rainy street. (Stock photo)", "media-caption"),
        ("Maria, two years after she left. (Supplied)", "media-caption"),
        ("Her kitchen table, where the lists were written [Handout]", "media-caption"),
        # Category paths and bylines with credentials set apart by "|".
        ("Love | Advice", "breadcrumb"),
        ("Wellbeing \u203a Dating \u203a Breakups", "breadcrumb"),
        ("By Lena Ortiz, LCSW | Medically reviewed by Dr. Sam Reyes", "byline-with-credentials"),
        # Invitations to book or sign up anywhere in a short line.
        ("Questions about your situation? Write to hello@calmerdays.example", "sign-up-or-booking"),
        ("Phone 020 7946 0321 to book your first session.", "sign-up-or-booking"),
        ("Feeling stuck? Book a free clarity call", "sign-up-or-booking"),
        ("Over 5,000 readers get my Friday notes. Sign up here", "sign-up-or-booking"),
        ("Most read: Why he goes quiet when you need him", "recommended-link"),
        ("Medically reviewed by Dr. Ruth Okafor, PhD", "byline-with-credentials"),
        ("Listen to this article (6 min)", "media-caption"),
        ("Disclaimer: This content does not replace advice from a qualified professional.", "disclaimer"),
        ("Updated 3 hours ago", "site-navigation"),
        # A link label of the site's glued to another page's title, whatever words it uses.
        ("Recommended Story: Who Leaves First and Why", "recommended-link"),
        ("Related Reading: How to Plan a Safe Exit", "recommended-link"),
        ("Suggested Read: Seven Quiet Signs of Contempt", "recommended-link"),
        # A field of the page's template left unfilled, and a bare dateline.
        ("Last Updated: [Current Date]", "template-field"),
        ("Reviewed by: [Expert Name]", "template-field"),
        ("January 2015", "stamp"),
        ("Sept. 2019", "stamp"),
    ],
)
def test_furniture_is_dropped_with_the_rule_that_names_it(line, rule):
    text = f"A Title About Worth\n\n{BODY}\n\n{line}\n\n{LATER}\n"
    assert dropped(text) == {line: rule}


@pytest.mark.parametrize(
    "line",
    [
        "Watch how he reacts when you say no.",
        "Share your feelings with him honestly, even when it feels hard.",
        "Source of comfort or source of stress? Only you can say.",
        "Related issues often show up at work as well.",
        "Call it what it is: neglect.",
        "Upright. Forward-facing. Unapologetic.",
        "Emotional labor, stability, care, support.",
        "José García López",
        "On 3 March 2025 she finally packed her bags and left for good.",
        "Home is where she felt safe again.",
        "Reading time with her children became precious.",
        "Most readers of this column have been there, and most of them left in the end.",
        "If you are in danger, call the helpline on 0808 200 0247, any hour of the day.",
        "Book a weekend away with a friend who makes you laugh.",
        "It was 2019-2021 when the calls stopped and the excuses began in earnest.",
        "Posted by my sister 2 years ago, that photo still makes me cry.",
        "No one told me that leaving a man is a kind of grief.",
        "He said he loved me. (He did not.)",
        "I kept only one thing from that year (not even a photo)",
        "Two days ago I finally said it out loud.",
        "Reviewed by nobody, my choices were mine alone, and that felt strange at first.",
        "Listen to the way he talks about you when he thinks you cannot hear.",
        "Dinner | Dishes | Laundry | Kids was the order of every evening, and I never asked why.",
        "Get support from friends who knew you before him.",
        "Reach out today to one person you trust.",
        "Related reading helped me more than I expected: other women's stories of leaving.",
        "May 2015 was the month I finally left.",
        "He said the note was [not important] and threw it away.",
    ],
)
def test_article_text_that_resembles_furniture_is_kept(line):
    text = f"A Title About Worth\n\n{BODY}\n\n{line}\n\n{LATER}\n"
    assert dropped(text) == {}
    assert line in kept(text)


def test_a_services_button_written_in_capitals_and_urging_now_is_a_call_to_action():
    # "Get Support From <a clinic> Now!": a button's words, in capitals, copied among the paragraphs.
    # (Weighed as evidence: on a page that shows its furniture, a share prompt, it goes.)
    button = "Get Support From Harbor Counselling Now!"
    assert "call to action" in dropped(f"A Title About Worth\n{BODY}\n{button}\nShare this article\n{LATER}\n")[button]
    # The same verbs in the writer's advice stay: "Get help now." closes a sentence.
    assert dropped(f"A Title About Worth\n{BODY}\nGet help now.\n{LATER}\n") == {}


def test_the_value_under_a_bare_field_label_of_the_page_is_furniture_with_its_label():
    text = f"A Title About Worth\nPost Author\nMara Quill\nCategory\nDating Advice\n{BODY}\n{LATER}\n"
    noise = dropped(text)
    assert noise["Mara Quill"] == noise["Dating Advice"] == "page-field"
    assert {"Post Author", "Category"} <= set(noise)
    # A section of the text under a line that only looks like a label stays.
    kept_text = f"A Title About Worth\n{BODY}\nDate\nHe never asked me out again.\n{LATER}\n"
    assert "He never asked me out again." in kept(kept_text)


def test_a_closing_heading_over_short_lines_at_the_end_is_the_articles_not_furniture():
    # "Final Reflection" over a few short lines of verse, at the end of a long text, looks like
    # a page's label.
    verse = "\n".join(f"It took me {n} {unit} to see it," for n in range(2, 9) for unit in ("days", "weeks"))
    text = f"A Title About Worth\n{BODY}\n{LATER}\n{verse}\nFinal Reflection\nIt happens on a Tuesday.\nYou stop waiting.\n"
    assert "Final Reflection" in kept(text)


@pytest.mark.parametrize("front", [
    'title: "Why I Stopped Waiting" date: 2019-05-14 10:20:00 layout: post categories:\nlife\ntags:\nself-worth\nbreakups',
    '+++ title = "Why I Stopped Waiting" date = 2019-05-14 draft = false +++',
    "Title: Why I Stopped Waiting Date: 2019-05-14 09:30 Category: Personal Tags: love, leaving",
])
def test_front_matter_printed_as_text_is_furniture_and_names_the_title_and_date(front):
    # A post whose engine never read its front matter: its keys run together on the first line,
    # its lists' values on the lines after it.
    result = clean(f"{front}\n{BODY}\n{LATER}\n")
    assert result.title == "Why I Stopped Waiting"
    assert result.date == "2019-05-14"
    assert {n.rule for n in result.noise} == {"front-matter"}
    assert len(result.noise) == len(front.splitlines())
    assert kept(f"{front}\n{BODY}\n{LATER}\n") == [BODY, LATER]


def test_a_line_of_the_text_with_one_key_like_word_is_no_front_matter():
    text = f"What He Never Asked\nDate: the night he forgot my birthday again\n{BODY}\n{LATER}\n"
    assert "Date: the night he forgot my birthday again" in kept(text)


def test_an_mdx_posts_module_lines_are_markup_and_its_headline_the_title():
    text = ("import TableOfContents from '../../components/blog/TableOfContents.astro'\n<TableOfContents />\n"
            f"Breaking Free: How I Left\n{BODY}\n{LATER}\n")
    result = clean(text)
    assert result.title == "Breaking Free: How I Left"
    assert {n.rule for n in result.noise} == {"markup"}
    # The same words in a sentence of the text are the text's.
    assert "Import your contacts from the old phone first." in kept(f"A Title About Worth\n{BODY}\n"
                                                                    "Import your contacts from the old phone first.\n")


def test_stamp_date_becomes_the_article_date_day_first():
    assert clean(f"Facts 01/02/2026 22:54\n\nTitle\n\n{BODY}\n").date == "2026-02-01"


def test_month_first_date_is_used_when_day_first_is_impossible():
    assert find_date("News 12/31/2025")[0] == "2025-12-31"
    assert find_date("News 31/12/2025")[0] == "2025-12-31"
    assert find_date("no date here") is None


def test_title_is_the_first_line_left_and_its_repeats_are_noise():
    text = f"Facts 01/02/2026 22:54\n\nWhen He Doesn\u2019t Appreciate You\n\n{BODY}\n\nWhen He Doesn't Appreciate You\n\n{LATER}\n"
    result = clean(text)
    assert result.title == "When He Doesn\u2019t Appreciate You"
    assert {n.text: n.rule for n in result.noise}["When He Doesn't Appreciate You"] == "repeated-title"


def test_the_first_of_an_articles_numbered_lines_is_not_its_title():
    # A page whose headline was not copied with its text opens on its list: "1." is an item or a
    # heading like "2." and "3.", and the article is named by its file instead.
    text = f"{BODY}\n1. He is moody.\n{LATER}\n2. He lies.\n{LATER}\n3. He works too much.\n{LATER}\n"
    result = clean(text)
    assert result.title != "1. He is moody."
    assert "1. He is moody." in [line.text for line in result.lines]


def test_a_long_search_engine_headline_is_the_title_over_the_first_entry_of_its_contents():
    headline = "7 Clear Signs You Deserve Better in Your Relationship and What to Do About Each One of Them Today"
    text = f"{headline}\nIn This Article\nWhy the Signs Matter\n{BODY}\nWhy the Signs Matter\n{LATER}\n"
    assert clean(text).title == headline


def test_teaser_near_the_top_that_repeats_a_later_sentence_is_dropped():
    text = (
        "Title Line\n\nThe action implied is even blunter: walk away.\n\n"
        f"{BODY}\n\nThe message is blunt. The action implied is even blunter: walk away.\n"
    )
    assert dropped(text) == {"The action implied is even blunter: walk away.": "teaser"}


def test_a_headline_under_a_cover_image_is_the_title_not_a_teaser_of_the_blurb_naming_it():
    # Book notes in Markdown: the cover, the book's title, its author, and a blurb that names it.
    text = ("![Cover](https://example.org/cover.jpg)\n# The Women Who Wait Too Long\n*Dana Whitfield*\n\n"
            ">The Women Who Wait Too Long (2004) follows women who shrink their lives to fit a partner who does not notice them.\n\n"
            f"# What the book is about\n\n{BODY}\n")
    result = clean(text, path="notes.md")
    assert result.title == "The Women Who Wait Too Long"
    assert "# The Women Who Wait Too Long" not in {n.text for n in result.noise}


def test_a_headline_in_title_case_whose_words_the_text_repeats_is_the_title_not_a_teaser():
    # A search-minded post: a notice and a breadcrumb over the headline, which its closing
    # paragraph repeats word for word in lower case.
    text = ("Every guide here is written and checked by our editors before it is published. Read how we check them\n"
            "Kinder Hearts > Blog > Relationships\n"
            "How to Stop Waiting for Him to Change Your Mind\n"
            f"{BODY}\n\n{LATER}\n\n"
            "That is the whole of how to stop waiting for him to change your mind: decide what you need first.\n")
    result = clean(text)
    assert result.title == "How to Stop Waiting for Him to Change Your Mind"
    assert dropped(text).get("Kinder Hearts > Blog > Relationships") == "breadcrumb"


def test_teaser_under_the_title_repeated_word_for_word_far_below_is_dropped_once():
    teaser = "The quietest sign is the one that hurts the most."
    filler = "\n\n".join([BODY, LATER] * 3)
    text = f"Title Line\n\n{teaser}\n\n{filler}\n\nSign Six\n\n{teaser}\n\n{BODY}\n"
    assert dropped(text) == {teaser: "teaser"}
    assert teaser in kept(text)  # the copy in the body is the article's text


def test_the_story_title_under_a_bare_recommended_label_is_dropped_and_what_follows_is_kept():
    text = (
        f"A Title About Worth\n\n{BODY}\nYou might also like\nWhen Love Feels Like Work\n"
        f"Part Two: Walking Away\nTell One Person First\n{LATER}\n"
    )
    assert dropped(text) == {"You might also like": "recommended-link", "When Love Feels Like Work": "recommended-story"}
    assert {"Part Two: Walking Away", "Tell One Person First"} <= set(kept(text))


def test_a_breadcrumb_above_the_title_is_not_the_title():
    result = clean(f"Life | Relationships\n\nWhen He Stops Trying\n\n{BODY}\n")
    assert result.title == "When He Stops Trying"
    assert {n.text: n.rule for n in result.noise} == {"Life | Relationships": "breadcrumb"}


def test_a_sentence_repeated_deep_in_the_body_is_not_a_teaser():
    repeated = "Walking away breaks that loop."
    text = f"Title\n\n{BODY}\n\n{LATER}\n\nThe first weeks were the hardest.\n\n{repeated}\n\nAnd so: {repeated} Really.\n"
    assert dropped(text) == {}


def test_keep_and_drop_overrides_win():
    text = (
        "---\nkeep: [Share this with someone who needs it.]\ndrop: [A word from the editor.]\n---\n"
        f"Title\n\nA word from the editor.\n\n{BODY}\n\nShare this with someone who needs it.\n"
    )
    assert dropped(text) == {"A word from the editor.": "editor-drop"}
    assert "Share this with someone who needs it." in kept(text)


def test_every_filter_has_a_distinct_name():
    names = [name for f in build_noise_filters() for name in f.names]
    assert len(names) == len(set(names)) and all(names)


# -- evidence: furniture found by its features, not by one rule ---------------------------------

def test_markup_lines_never_reach_the_page():
    text = (
        "Staying Too Long\n\n<!-- more -->\n\n"
        f"{BODY}\n\n"
        '{: style="text-align: center"}\n\n<style> p { margin: 0; } </style>\n\n'
        f"{LATER}\n"
    )
    gone = dropped(text)
    assert '{: style="text-align: center"}' in gone
    assert "<!-- more -->" in gone
    assert "<style> p { margin: 0; } </style>" in gone
    assert BODY in kept(text) and LATER in kept(text)


def test_a_wordpress_export_s_shortcode_lines_never_reach_the_page():
    caption = '[caption id="attachment_12" align="aligncenter" width="300"]<img src="c.jpg" /> A candle on a table[/caption]'
    text = (
        f"Staying Too Long\n\n{caption}\n\n{BODY}\n\n"
        '[gallery ids="4,7,9" columns="3"]\n\n[embed]https://video.example.org/v/1[/embed]\n\n'
        f"[sic]\n\n[Author bio]\n\n{LATER}\n"
    )
    gone = dropped(text)
    assert caption in gone
    assert '[gallery ids="4,7,9" columns="3"]' in gone and "[embed]https://video.example.org/v/1[/embed]" in gone
    assert BODY in kept(text) and LATER in kept(text)
    rules = {n.text: n.rule for n in clean(text).noise}
    assert rules[caption] == "markup" and rules.get("[sic]") != "markup"  # a bracketed word is no shortcode


def test_text_an_author_wrapped_in_markup_is_kept_in_their_markdown():
    tip = "Write down three things you did for yourself this week."
    text = f"# Staying Too Long\n\n{BODY}\n\n{{{{% notice tip %}}}}\n{tip}\n{{{{% /notice %}}}}\n\n{LATER}\n"
    written = clean(text, path="a.md")
    assert tip in [line.text for line in written.lines]
    assert {n.text for n in written.noise} == {"{{% notice tip %}}", "{{% /notice %}}"}


def test_a_sentence_wrapped_in_html_in_an_author_s_markdown_is_judged_by_what_it_shows():
    call = "<p>If you are afraid of him, call someone you trust today.</p>"
    text = f"# Staying Too Long\n\n{BODY}\n\n<div class=\"callout\">\n{call}\n</div>\n\n{LATER}\n"
    written = clean(text, path="a.md")
    assert call in [line.text for line in written.lines]
    assert {n.text for n in written.noise} == {'<div class="callout">', "</div>"}


def test_a_markdown_image_line_and_its_photo_credit_are_noise():
    text = (f"# Staying Too Long\n\n![A woman at a window](/img/w.jpg \"Window\")\n*Photo by Sam Lee on Unsplash*\n\n"
            f"{BODY}\n\n[![Logo](/logo.png)](https://example.org)\n\n{LATER}\n")
    rules = {n.text: n.rule for n in clean(text, path="a.md").noise}
    assert rules['![A woman at a window](/img/w.jpg "Window")'] == "markup"
    assert rules["*Photo by Sam Lee on Unsplash*"] == "media-caption"
    assert rules["[![Logo](/logo.png)](https://example.org)"] == "markup"
    assert BODY in kept(text) and LATER in kept(text)


def test_a_markdown_table_of_contents_is_noise_and_its_headings_stay():
    text = ("# Staying Too Long\n\n## Contents\n\n1. [Why I stayed](#why-i-stayed)\n"
            "2. [What **finally** changed](#what-finally-changed)\n- [Elsewhere](https://example.org/#top)\n\n"
            f"## Why I stayed\n\n{BODY}\n\n## What finally changed\n\n{LATER}\n")
    rules = {n.text: n.rule for n in clean(text, path="a.md").noise}
    assert rules["1. [Why I stayed](#why-i-stayed)"] == "contents-link"
    assert rules["2. [What **finally** changed](#what-finally-changed)"] == "contents-link"
    assert rules.get("- [Elsewhere](https://example.org/#top)") != "contents-link"  # a link to another page
    assert "## Why I stayed" not in rules and "## What finally changed" not in rules  # the headings stay


def test_a_blogger_s_opening_sentence_between_byline_and_contents_is_kept_in_their_markdown():
    opening = "It took me two years to understand that he was never going to change. This is what helped."
    text = (f"# How I Finally Let Go\n\nPosted by **Anna** on February 10, 2024 \u00b7 6 min read\n\n{opening}\n\n"
            "## Table of contents\n\n1. [Why I stayed](#why-i-stayed)\n\n"
            f"## Why I stayed\n\n{BODY}\n\n{LATER}\n")
    written = clean(text, path="a.md")
    assert opening in [line.text for line in written.lines]
    assert {n.rule for n in written.noise} >= {"stamp", "contents-link"}


def test_the_headline_is_the_line_over_its_byline_not_a_menu_entry_above_it():
    text = ("Skip to content\nOur Magazine\nFind a Counsellor\nJoin Our Newsletter Today\nRelationships\n"
            "When He Stops Asking About Your Day\nThree quiet signs, and what they cost.\n"
            f"By Ana Ruiz | May 3, 2025\n{BODY}\n\n{LATER}\n")
    assert clean(text).title == "When He Stops Asking About Your Day"
    # With no byline, the first line long enough for a headline is still the title.
    assert clean(f"Relationships\nWhen He Stops Asking About Your Day\n{BODY}\n").title == "When He Stops Asking About Your Day"


@pytest.mark.parametrize("line", [
    "\u00a9 2024 Wellness Press. All rights reserved.",
    "Copyright 2023 A Small Blog",
    "Copyright \u00a9 2019-2024 The Quiet Letter Ltd, 12 High Street, Leeds",
    "All rights reserved.",
])
def test_a_copyright_line_is_noise_however_it_is_written(line):
    assert dropped(f"Staying Too Long\n\n{BODY}\n\n{LATER}\n\n{line}\n").get(line) == "copyright"


def test_a_saved_newsletter_s_envelope_and_copyright_are_noise_and_its_name_the_title():
    text = ("View this email in your browser\n\nThe Quiet Letter\n\n"
            f"{BODY}\n\n{LATER}\n\nForward this to a friend who needs it.\n"
            "You are receiving this email because you signed up at example.org.\n"
            "Copyright \u00a9 2024 The Quiet Letter, All rights reserved.\n")
    result = clean(text)
    rules = {n.text: n.rule for n in result.noise}
    assert rules["View this email in your browser"] == "email-envelope"
    assert rules["Forward this to a friend who needs it."] == "email-envelope"
    assert rules["You are receiving this email because you signed up at example.org."] == "email-envelope"
    assert rules["Copyright \u00a9 2024 The Quiet Letter, All rights reserved."] == "copyright"
    assert dropped(f"Staying Too Long\n\n{BODY}\n\nWas this article helpful? Yes / No\n\n{LATER}\n").get(
        "Was this article helpful? Yes / No") == "feedback-prompt"
    assert result.title == "The Quiet Letter"
    assert BODY in kept(text) and LATER in kept(text)


@pytest.mark.parametrize("byline", ["By Jane Doe, LMFT", "by Dr. Sam Lee, MD, MPH", "By Jane Doe and Sam Lee"])
def test_a_byline_with_credentials_or_two_authors_is_noise(byline):
    text = f"Staying Too Long\n{byline}\n\n{BODY}\n\n{LATER}\n"
    assert dropped(text).get(byline) == "byline"


@pytest.mark.parametrize("line", ["By then, Anna knew the answer.", "By Jane Doe, a therapist who listens"])
def test_a_line_opening_with_by_that_names_no_author_is_no_byline(line):
    text = f"Staying Too Long\n\n{BODY}\n\n{line}\n\n{LATER}\n"
    assert dropped(text).get(line) != "byline"


def test_a_paragraph_an_author_wrote_over_two_lines_is_kept_whole_beside_furniture():
    text = (f"# Staying Too Long\n\n{BODY}\n\nSee also: Related posts\n\nA short line first  \n"
            f"then the rest of it, under a hard break.\n\n{LATER}\n")
    written = clean(text, path="a.md")
    lines = [line.text for line in written.lines]
    assert "A short line first" in lines and "then the rest of it, under a hard break." in lines


def test_a_headline_after_menu_lines_is_the_title_and_the_menu_is_noise():
    menu = "Home\n\nTopics\n\nMy account\n\nSearch\n\n"
    text = f"{menu}What Staying Costs You\n\n{BODY}\n\n{LATER}\n"
    result = clean(text)
    assert result.title == "What Staying Costs You"
    assert BODY in kept(text) and LATER in kept(text)


@pytest.mark.parametrize("size", [1_000, 4_000, 16_000])
def test_reading_adversarial_lines_takes_time_in_proportion(size):
    # Long runs that make a backtracking pattern take quadratic time or worse: a quick answer for
    # each shape at every size is the tripwire (the per-case limit is generous on purpose).
    import time
    shapes = [
        "## a" + " " * size + "b",
        "By Jane Doe" + " " * size,
        "_._" * size + "@",
        "\n".join(["Share this"] * (size // 10)),
        '"' * size,
        "[" * size + "]" * size,
        "{:" + " " * size,
    ]
    for shape in shapes:
        start = time.perf_counter()
        clean(f"Title\n\n{shape}\n\n{BODY}\n")
        assert time.perf_counter() - start < 5


# -- furniture that comes in runs: the fixtures written for each pattern ----------------------

def _fixture(name: str):
    path = f"{__file__.rsplit('/', 1)[0]}/fixtures/{name}.txt"
    with open(path, "rb") as handle:
        return clean_lines(read_article(handle.read(), path=path))


def test_a_live_chat_loses_its_bylines_avatars_and_like_counters_and_keeps_every_post():
    result = _fixture("article_with_live_chat")
    dropped_lines = {n.text for n in result.noise}
    assert {"Guest1:04 p.m.", "avatar", "Mara Quill", "Relationship Columnist", "212",
            "Post has 0 replies and 97 LikesPress Enter to expand", "Mara QuillRelationship Columnist1:58 p.m."} <= dropped_lines
    kept_lines = [line.text for line in result.lines]
    assert "Staying for the Good Weeks" in kept_lines
    assert any(text.startswith("A relationship you stay in for one week out of four") for text in kept_lines)
    assert result.title == "Ask Mara Live: When He Stops Noticing You"


def test_tip_boxes_and_a_related_articles_block_go_and_testimonials_stay():
    result = _fixture("article_with_product_boxes")
    dropped_lines = {n.text for n in result.noise}
    assert sum(text.startswith("App tip:") for text in dropped_lines) == 3
    assert {"Related Articles", "The First Two Weeks After a Breakup", "Why your mind loops, and three ways to quiet it."} <= dropped_lines
    kept_lines = [line.text for line in result.lines]
    assert "\u2014 Priya, Steady Days member" in kept_lines and "\u2014 Tom, 60 days without checking" in kept_lines


def test_the_guides_under_a_links_label_no_rule_knows_go_and_the_wiki_headings_stay():
    result = _fixture("article_with_a_wiki_links_block")
    dropped_lines = {n.text for n in result.noise}
    assert {"[Edit]Related guides", "Set a Boundary Without Starting a Fight",
            "Rebuild Confidence After a One Sided Relationship", "Talk to a Partner Who Changes the Subject"} <= dropped_lines
    kept_lines = [line.text for line in result.lines]
    for heading in ("[Edit]Steps", "[Edit]Looking at the Pattern", "[Edit]Tips", "[Edit]References"):
        assert heading in kept_lines
    assert sum(line.text.startswith(("1. \u2191", "2. \u2191")) for line in result.lines) == 2


def test_a_label_over_links_counts_as_furniture_beside_them_even_where_no_rule_drops_it():
    path = f"{__file__.rsplit('/', 1)[0]}/fixtures/article_with_a_wiki_links_block.txt"
    article = ArticleLines.of(read_article(open(path, "rb").read(), path=path))
    features = {article.views[i].stripped: noise_features(i, article) for i in article.order}
    assert "[Edit]Related guides" not in {article.views[i].stripped for i in article.rules}  # no rule names it
    first = features["Set a Boundary Without Starting a Fight"]
    assert "beside furniture" in first and "far from furniture" not in first
    assert "beside furniture" not in features["[Edit]Tips"]  # the article's own heading, two lines above


def test_boxes_that_sell_the_sites_tools_go_and_the_authors_own_labelled_lines_stay():
    result = _fixture("article_with_member_boxes")
    dropped_lines = {n.text for n in result.noise}
    assert sum(text.startswith("Member tip:") for text in dropped_lines) == 3
    kept_lines = [line.text for line in result.lines]
    assert any(text.startswith("Try this:") for text in kept_lines)
    assert any(text.startswith("Example:") for text in kept_lines)


def test_an_app_tour_around_the_text_goes_and_the_text_stays():
    result = _fixture("article_with_app_tour")
    dropped_lines = {n.text for n in result.noise}
    assert {"If you ever want to see this tour again, click here.", "Close", "Next"} <= dropped_lines
    assert any(line.text.startswith("If nothing changes after you have asked clearly") for line in result.lines)


def test_the_lines_of_an_article_written_in_two_scripts_are_all_kept():
    result = _fixture("article_with_two_languages")

    def chinese(text: str) -> bool:
        return any("\u4e00" <= ch <= "\u9fff" for ch in text)

    with open(f"{__file__.rsplit('/', 1)[0]}/fixtures/article_with_two_languages.txt", encoding="utf-8") as handle:
        written = [text for text in handle.read().splitlines() if chinese(text)]
    assert len(written) == 6 and [line.text for line in result.lines if chinese(line.text)] == written
    assert not any(chinese(n.text) for n in result.noise)


def test_a_markdown_article_without_a_title_line_keeps_its_first_section_and_is_named_by_its_file():
    text = f"## Signs He Stopped Caring\n\n{BODY}\n\n## What Staying Costs You\n\n{LATER}\n"
    result = clean(text, path="a.md")
    assert result.title is None  # the page's title then comes from the file's name
    assert "## Signs He Stopped Caring" in [line.text for line in result.lines]


def test_a_forum_posts_title_under_its_forums_name_and_stamp_is_the_title():
    text = ("r/relationship_advice\nPosted by u/quietleaf 2 years ago\n"
            "My boyfriend never notices anything I do for him. Am I asking too much?\n"
            f"{BODY}\n{LATER}\n412 comments\nShare\n")
    result = clean(text)
    assert result.title == "My boyfriend never notices anything I do for him. Am I asking too much?"
    assert dropped(text)["Posted by u/quietleaf 2 years ago"] == "byline"


def test_in_markdown_the_furniture_rules_read_the_words_a_line_shows_not_its_link_addresses():
    # "Source: [title](address)": eight words shown, many more with the address's own.
    source = "Source: [The Women Who Wait Too Long by Dana Whitfield](https://books.example.org/the-women-who-wait-too-long-2004-en)"
    text = f"---\ntitle: Notes on Waiting\n---\n{BODY}\n\n{LATER}\n\n{source}\n"
    result = clean(text, path="notes.md")
    assert {n.text: n.rule for n in result.noise}.get(source) == "source-credit"
    assert BODY in {line.text for line in result.lines}
