"""Sections, levels, parts and anchors."""
from __future__ import annotations

from pathlib import Path

from worth.checklist import collect_items
from worth.model import Theme
from worth.pipeline import load_article
from worth.text import slugify, unique_slug

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def outline(article):
    return [(s.heading, s.level, s.part) for s in article.sections]


def test_part_headings_group_the_subsections_after_them_until_a_closing_heading():
    article = load_article(ROOT / "articles" / "let-him-go.txt")
    by_heading = {s.heading: s for s in article.sections}
    signs = by_heading["Signs He Doesn\u2019t See Your Worth"]
    assert (signs.level, signs.part) == (2, None)
    for sub in ("Emotional Minimization", "Selective Presence", "The Gut Test"):
        assert (by_heading[sub].level, by_heading[sub].part) == (3, signs.anchor)
    # A heading naming the same theme inside a part is one more subsection, not a new part.
    assert by_heading["The Emotional Cost of Silence"].part == "the-cost-of-staying-where-youre-not-seen"
    assert (by_heading["Final Thoughts"].level, by_heading["Final Thoughts"].part) == (2, None)


def test_article_without_parts_has_every_heading_at_level_two():
    article = load_article(ROOT / "articles" / "walking-away.txt")
    assert {s.level for s in article.sections} == {2}
    assert all(s.part is None for s in article.sections)


def test_text_before_the_first_heading_is_the_introduction_section():
    article = load_article(FIXTURES / "article_with_numbered_headings.txt")
    first = article.sections[0]
    assert (first.heading, first.anchor, first.level) == (None, "introduction", 2)


def test_anchors_are_readable_unique_and_stable():
    path = ROOT / "articles" / "let-him-go.txt"
    anchors = [s.anchor for s in load_article(path).sections]
    assert "emotional-minimization" in anchors and "real-world-example-the-academic-couple" in anchors
    assert len(anchors) == len(set(anchors))
    assert anchors == [s.anchor for s in load_article(path).sections]


def test_repeated_headings_get_numbered_anchors(tmp_path):
    para = "A paragraph long enough to follow a heading, with more than a dozen words in it for sure."
    path = tmp_path / "repeats.txt"
    path.write_text(f"When Love Becomes One-Sided\n{para}\nIn Practice\n{para}\nAnother Thing\n{para}\nIn Practice\n{para}\n", encoding="utf-8")
    assert [s.anchor for s in load_article(path).sections] == ["introduction", "in-practice", "another-thing", "in-practice-2"]


def test_numbered_subsections_under_an_unnumbered_heading_are_its_parts(tmp_path):
    para = "A paragraph long enough to follow a heading, with more than a dozen words in it for sure."
    path = tmp_path / "steps.txt"
    path.write_text(
        f"When Love Becomes One-Sided\n{para}\nMoving Forward Slowly\n{para}\n1. Tell Someone You Trust\n{para}\n"
        f"2. Write Down What You Need\n{para}\nA Closing Word About Hope\n{para}\n",
        encoding="utf-8",
    )
    assert outline(load_article(path))[1:] == [
        ("Moving Forward Slowly", 2, None),
        ("1. Tell Someone You Trust", 3, "moving-forward-slowly"),
        ("2. Write Down What You Need", 3, "moving-forward-slowly"),
        ("A Closing Word About Hope", 2, None),
    ]


def test_slugify_makes_readable_ascii_anchors():
    assert slugify("Emotional Minimization") == "emotional-minimization"
    assert slugify("Appreciation Is Not a Luxury\u2014It\u2019s a Baseline") == "appreciation-is-not-a-luxury-its-a-baseline"
    assert slugify("4. He Forgets What Matters to You") == "he-forgets-what-matters-to-you"
    assert slugify("Café crème") == "cafe-creme"
    assert slugify("???") == "section"
    assert len(slugify("word " * 40)) <= 60


def test_unique_slug_counts_up_without_changing_what_is_taken():
    taken = {"intro", "intro-2"}
    assert unique_slug("intro", taken) == "intro-3"
    assert unique_slug("other", taken) == "other"
    assert taken == {"intro", "intro-2"}


def test_a_labelled_part_groups_the_headings_up_to_the_next_part_label():
    article = load_article(FIXTURES / "article_with_labelled_parts.txt")
    assert outline(article)[1:] == [
        ("Part 1: The Price of Holding On", 2, None),
        ("Your Sleep", 3, "part-1-the-price-of-holding-on"),
        ("Your Friendships", 3, "part-1-the-price-of-holding-on"),
        ("Part 2: Stepping Away", 2, None),
        ("Start With One True Sentence", 3, "part-2-stepping-away"),
        ("Let the Quiet Be Quiet", 3, "part-2-stepping-away"),
    ]


def test_headings_in_the_same_capitals_as_a_part_are_its_siblings():
    article = load_article(FIXTURES / "article_with_capital_headings.txt")
    assert [(s.level, s.part) for s in article.sections if s.heading] == [(2, None)] * 4


SIGN = ("He plans his weekends without asking you, and when you mention it he says you are "
        "too sensitive about small things that do not matter.")


def _article(tmp_path, front: str):
    path = tmp_path / "parts.txt"
    path.write_text(
        f"---\n{front}---\n"
        f"When Love Becomes One-Sided\n\n{SIGN}\n\n"
        f"What I Noticed\n\n{SIGN}\n\n"
        f"Plans Without Me\n\n{SIGN}\n\n"
        f"A Quiet Evening\n\n{SIGN}\n",
        encoding="utf-8",
    )
    article = load_article(path)
    return article, {s.heading: s for s in article.sections if s.heading}


def test_levels_set_by_the_editor_make_subsections_of_the_heading_above(tmp_path):
    _, by_heading = _article(tmp_path, 'levels: {"Plans Without Me": 3, "A Quiet Evening": 3}\n')
    assert by_heading["What I Noticed"].level == 2
    for heading in ("Plans Without Me", "A Quiet Evening"):
        assert by_heading[heading].level == 3
        assert by_heading[heading].part == by_heading["What I Noticed"].anchor


def test_a_theme_set_on_a_part_holds_for_its_subsections(tmp_path):
    _, by_heading = _article(
        tmp_path, 'levels: {"Plans Without Me": 3, "A Quiet Evening": 3}\nthemes: {"What I Noticed": costs}\n'
    )
    assert {by_heading[h].theme.value for h in ("What I Noticed", "Plans Without Me", "A Quiet Evening")} == {"costs"}


def test_a_section_can_be_kept_out_of_the_checklist(tmp_path):
    from worth.checklist import collect_items

    signs = 'themes: {"Plans Without Me": signs, "A Quiet Evening": signs}\n'
    article, _ = _article(tmp_path, signs)
    assert "Plans Without Me" in [item.label for item in collect_items([article])]
    article, _ = _article(tmp_path, signs + 'checklist: {"Plans Without Me": false}\n')
    labels = [item.label for item in collect_items([article])]
    assert "Plans Without Me" not in labels and "A Quiet Evening" in labels


def test_a_heading_inside_a_numbered_run_does_not_take_the_numbers_after_it_as_its_parts(tmp_path):
    para = "A paragraph long enough to follow a heading, with more than a dozen words in it for sure."
    path = tmp_path / "run.txt"
    path.write_text(
        f"Eight Ways Through a Breakup\n{para}\n1. Leave With Your Head High\n{para}\n2. Tell a Friend\n{para}\n"
        f"A Word on Timing\n{para}\n3. Clear Away the Reminders\n{para}\n4. Let the Days Pass\n{para}\n",
        encoding="utf-8",
    )
    assert [(h, level) for h, level, _ in outline(load_article(path))[1:]] == [
        ("1. Leave With Your Head High", 2), ("2. Tell a Friend", 2), ("A Word on Timing", 2),
        ("3. Clear Away the Reminders", 2), ("4. Let the Days Pass", 2),
    ]


def test_two_labelled_parts_each_hold_their_own_subheadings_and_a_conclusion_closes_them():
    article = load_article(FIXTURES / "article_with_two_parts_of_subheadings.txt")
    assert outline(article)[1:] == [
        ("Part One: The Signs", 2, None),
        ("He only calls when he needs something", 3, "part-one-the-signs"),
        ("Your plans always move for his", 3, "part-one-the-signs"),
        ("He forgets what matters to you", 3, "part-one-the-signs"),
        ("Part Two: Letting Go", 2, None),
        ("Tell one person the whole story", 3, "part-two-letting-go"),
        ("Make a small plan for the first week", 3, "part-two-letting-go"),
        ("Give yourself time to grieve", 3, "part-two-letting-go"),
        ("Conclusion", 2, None),
    ]


def test_numbered_items_sit_under_their_part_and_the_headings_after_them_return_to_the_top():
    levels = {h: (level, part) for h, level, part in outline(load_article(FIXTURES / "article_with_numbered_signs_under_a_part.txt"))}
    part = "seven-signs-you-are-being-taken-for-granted"
    assert levels["Seven Signs You Are Being Taken for Granted"] == (2, None)
    assert [levels[h] for h in levels if h and h[:2] in ("1.", "2.", "3.", "4.")] == [(3, part)] * 4
    assert levels["What You Can Do About It"] == (2, None)
    assert levels["Conclusion"] == (2, None)


def test_numbered_steps_then_final_thoughts_are_all_top_level_and_a_signature_is_text():
    article = load_article(FIXTURES / "article_with_steps_and_a_sign_off.txt")
    assert [(h, level) for h, level, _ in outline(article)[1:]] == [
        ("Step 1: Admit what is happening", 2), ("Step 2: Find one safe person", 2),
        ("Step 3: Sort out the practical things", 2), ("Step 4: Tell him, or do not", 2),
        ("Step 5: Expect to wobble", 2), ("Final Thoughts", 2)]
    assert article.sections[-1].paragraphs[-1] == "— Dr. Lee, couples therapist"


def test_a_title_under_a_breadcrumb_and_site_name_or_written_in_capitals_is_the_title():
    article = load_article(FIXTURES / "article_with_a_breadcrumb_over_the_title.txt")
    assert article.title == "Why Letting Go Helps You Heal"
    dropped = {n.text for n in article.noise}
    assert {"Home > Relationships > Advice", "Relationships | Kinder Hearts", "By Sam Rivera"} <= dropped
    assert [s.heading for s in article.sections][1] == "Letting Go Is Not Giving Up"  # the title's copy heads nothing
    capitals = load_article(FIXTURES / "article_with_a_title_in_capitals.txt")
    assert capitals.title == "THE COST OF STAYING WITH SOMEONE WHO DOESN'T VALUE YOU"
    assert "Posted on 12 January 2024 by Priya" in {n.text for n in capitals.noise}


def test_a_byline_with_its_reading_time_over_the_title_is_furniture_not_the_title():
    article = load_article(FIXTURES / "article_with_a_byline_over_the_title.txt")
    assert article.title == "6 Reasons You Keep Going Back to Him"
    assert "By Leila Grant \u00b7 6 min read" in {n.text for n in article.noise}
    assert [s.heading for s in article.sections][1:3] == [
        "#1 The good days were really good", "#2 You feel responsible for his feelings"]


def test_chapters_hold_their_subheadings_and_capital_headings_are_siblings():
    article = load_article(FIXTURES / "article_with_chapters.txt")
    assert [(h, level) for h, level, _ in outline(article)[1:]] == [
        ("Chapter 1: The First Months", 2), ("The silence", 3), ("The lists", 3),
        ("Chapter 2: The Turn", 2), ("The day I forgot", 3), ("The new friends", 3), ("Chapter 3: Now", 2)]
    capitals = load_article(FIXTURES / "article_with_headings_in_capitals_and_a_dateline.txt")
    assert capitals.title == "Signs You Are Giving More Than You Get"
    assert [(h, level) for h, level, _ in outline(capitals)[1:]] == [
        ("WHY HE NEVER NOTICES", 2), ("WHAT IT DOES TO YOU OVER TIME", 2), ("WHAT YOU CAN DO TODAY", 2)]


def test_a_site_name_after_a_bar_is_left_out_of_the_title(tmp_path):
    body = ("Ten years is a long time to spend waiting for someone to notice you, and this is how I "
            "finally stopped waiting.\n")
    source = tmp_path / "left.txt"
    source.write_text(f"Why I Left Him After Ten Years | Kinder Hearts Magazine\n\n{body}", encoding="utf-8")
    assert load_article(source).title == "Why I Left Him After Ten Years"
    # A bar after a label too short to be a headline stays: both halves are the title.
    source.write_text(f"Part Two | What Staying Cost Me\n\n{body}", encoding="utf-8")
    assert load_article(source).title == "Part Two | What Staying Cost Me"


def test_an_faq_holds_its_questions_and_ends_the_part_before_it():
    # Written in the pattern of search-minded blog posts: an FAQ block under the last section,
    # then a closing heading.
    article = load_article(FIXTURES / "article_with_questions_answered.txt")
    by_heading = {s.heading: s for s in article.sections}
    faq = by_heading["Frequently Asked Questions"]
    assert (faq.level, faq.part, faq.theme) == (2, None, Theme.OTHER)
    questions = ["How can I tell if he really values me?", "Is it normal to feel unappreciated now and then?",
                 "What if he says I am asking for too much? Is that fair?", "Should I leave if nothing changes?"]
    assert [s.heading for s in article.sections if s.part == faq.anchor] == questions
    # The section named like a part ("What Staying Costs You") is one of the headings before the
    # FAQ, not a part holding it; the closing heading after the questions is back at the top.
    for heading in ("What Staying Costs You", "Final Thoughts"):
        assert (by_heading[heading].level, by_heading[heading].part) == (2, None)
    # An answer keeps its lead-in and its list; the site's menu entry "FAQ" is furniture.
    leave = by_heading["Should I leave if nothing changes?"]
    assert leave.paragraphs[0] == "Only you can decide that, but it helps to:"
    assert "FAQ" in {n.text for n in article.noise}
    # A question is no sign of the checklist, whatever page its answer goes to.
    asked = {s.anchor for s in article.sections if s.part == faq.anchor}
    items = collect_items([article])
    assert items and [item.key for item in items if item.key.anchor in asked] == []
    assert by_heading["How can I tell if he really values me?"].theme is Theme.SIGNS


def test_a_part_named_by_its_signs_ends_where_a_heading_over_numbered_steps_begins(tmp_path):
    para = ("He rarely asks how your day went, and when you tell him anyway he answers with his own news. "
            "Over months the silence teaches you to stop offering anything at all.")
    text = "\n".join([
        "Seeing It Clearly and Acting On It", para,
        "Identifying the Signs of a Lopsided Relationship", para,
        "He Never Asks", para, "Plans Move for Him", para, "Your News Gets a Nod", para,
        "Moving Forward: Steps to Take", para,
        "1. Name What You Need", para, "2. Say It Once, Plainly", para, "3. Decide What You Will Do", para,
        "Final Thoughts", para,
    ]) + "\n"
    path = tmp_path / "lopsided.txt"
    path.write_text(text, encoding="utf-8")
    got = {s.heading: (s.level, s.part) for s in load_article(path).sections}
    signs = slugify("Identifying the Signs of a Lopsided Relationship")
    steps = slugify("Moving Forward: Steps to Take")
    assert got["Identifying the Signs of a Lopsided Relationship"] == (2, None)
    assert [h for h, (_, part) in got.items() if part == signs] == ["He Never Asks", "Plans Move for Him",
                                                                      "Your News Gets a Nod"]
    assert got["Moving Forward: Steps to Take"] == (2, None)
    assert [h for h, (_, part) in got.items() if part == steps] == [
        "1. Name What You Need", "2. Say It Once, Plainly", "3. Decide What You Will Do"]
    assert got["Final Thoughts"] == (2, None)


def test_a_heading_naming_a_part_with_a_long_text_of_its_own_is_a_section_beside_the_next_ones(tmp_path):
    # "Signs of Codependency" over its own list of signs: the headings after it are its
    # neighbours ("How to Overcome Codependency" is no sign), not its subsections.
    says = iter(f"{opening} and most people inside it do not see it for a long time, {closing}." for opening, closing in (
        ("It grows out of a childhood spent keeping the peace,", "because it feels like kindness"),
        ("Often one partner was praised for being easy,", "and learnt to want very little"),
        ("The signs are small on their own,", "which is why they are easy to miss"),
        ("Each one can be explained away in a busy week,", "but together they make a life"),
        ("Friends usually notice before you do,", "and say so gently if they say it at all"),
        ("Living this way is tiring in a way sleep does not fix,", "since the work never stops"),
        ("Your own wishes fade from view,", "until you cannot name what you would choose"),
        ("Change starts with noticing one habit at a time,", "not with a grand decision"),
        ("Support from people who know the pattern helps,", "as does time spent on your own interests")))
    signs = "\n".join(f"- {s}" for s in ("Putting his needs first every time", "Feeling responsible for his moods",
                                          "Losing touch with your own friends", "Fearing what happens if you say no"))
    text = (f"Living for Someone Else\n{next(says)}\nCauses of Codependency\n{next(says)}\n{next(says)}\n"
            f"Signs of Codependency\n{next(says)}\n{signs}\n{next(says)}\n"
            f"Why It Wears You Down\n{next(says)}\n{next(says)}\nHow to Overcome Codependency\n{next(says)}\n{next(says)}\n")
    path = tmp_path / "codependency.txt"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    assert [(h, level) for h, level, _ in outline(article) if h] == [
        ("Causes of Codependency", 2), ("Signs of Codependency", 2), ("Why It Wears You Down", 2),
        ("How to Overcome Codependency", 2)]
    by_heading = {s.heading: s for s in article.sections}
    assert by_heading["How to Overcome Codependency"].theme is not Theme.SIGNS
