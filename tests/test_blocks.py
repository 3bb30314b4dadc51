"""Headings, paragraphs, lists and quotes found in plain text and Markdown."""
from __future__ import annotations

from pathlib import Path

import pytest

from worth.blocks import block_context, build_block_detectors, detect_blocks, heading_features, ruled_out
from worth.model import BlockKind
from worth.noise import clean_lines
from worth.read import read_article

FIXTURES = Path(__file__).parent / "fixtures"
TITLE = "When Love Becomes One-Sided"  # a headline as articles write them
LONG = (
    "When a partner keeps missing what you give, the gap grows quietly until it shapes how you see "
    "yourself, your work and the people who love you."
)


def blocks_of(text: str, path: str = "a.txt"):
    raw = read_article(text.encode(), path=path)
    return detect_blocks(clean_lines(raw), format=raw.format, overrides=raw.overrides)


def fixture_blocks(name: str):
    raw = read_article((FIXTURES / name).read_bytes(), path=name)
    return detect_blocks(clean_lines(raw), format=raw.format, overrides=raw.overrides)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def context_of(text: str):
    """What the heading rules read of a plain-text article: its lines after furniture is dropped."""
    return block_context(clean_lines(read_article(text.encode(), path="a.txt")))


def shape(blocks):
    return [(b.kind.value, b.text) for b in blocks]


def headings(blocks):
    return [b.text for b in blocks if b.kind is BlockKind.HEADING]


def test_no_line_above_the_headline_heads_a_section():
    # A site's badge over its headline ("Verified by Psychology Now") is the site's, whatever it looks like.
    blocks = fixture_blocks("article_with_a_site_menu_over_the_title.txt")
    assert headings(blocks) == ["1. He no longer asks about your day", "2. Your efforts go unthanked",
                                "3. Plans are made without you", "What It Costs You", "What You Can Do", "References"]


def test_numbered_headings_are_headings_and_a_numbered_run_between_them_is_a_list():
    blocks = fixture_blocks("article_with_numbered_headings.txt")
    assert headings(blocks) == [
        "1. He Never Asks About Your Day",
        "2. He Cancels Plans at the Last Minute",
        "3. He Forgets What Matters to You",
        "4. He Makes Fun of Your Feelings",
    ]
    lists = [b for b in blocks if b.kind is BlockKind.LIST]
    assert [(b.lines, b.ordered) for b in lists] == [
        (("1. Your friends' names", "2. Your big work days", "3. Your doctor's appointments"), True)
    ]  # the numbers stay as written: the renderer shows them once


def test_questions_followed_by_answers_are_headings_in_a_question_and_answer_article():
    assert headings(fixture_blocks("article_with_question_headings.txt")) == [
        "How do I know if he really values me?",
        "Why do I keep hoping he will change?",
        "Is it my fault that he treats me this way?",
        "What happens after I leave?",
    ]


@pytest.mark.parametrize("line", ["The other?", "But from the inside?", "It felt like hope.", "And the act of leaving?"])
def test_short_one_line_paragraphs_are_text_not_headings(line):
    blocks = blocks_of(f"{TITLE}\n{LONG}\n{line}\n{LONG}\nA Real Heading Here\n{LONG}\n")
    assert ("paragraph", line) in shape(blocks)
    assert headings(blocks) == ["A Real Heading Here"]


def test_short_lines_with_different_shapes_stay_paragraphs_and_parallel_short_lines_are_a_list():
    blocks = fixture_blocks("article_with_short_lines.txt")
    assert headings(blocks) == ["What She Found When She Left"]
    for line in ("The result?", "Nothing changed.", "And the hardest part?"):
        assert ("paragraph", line) in shape(blocks)
    assert [b.lines for b in blocks if b.kind is BlockKind.LIST] == [("Time", "Friends", "Sleep", "Laughter")]


def test_two_lines_in_lower_case_over_a_paragraph_are_a_lists_items_not_one_broken_heading():
    text = (f"{TITLE}\n{LONG}\nYou may notice changes in yourself:\nan urge to say sorry all the time\n"
            f"feeling that nothing you do is right\n{LONG}\n")
    blocks = blocks_of(text)
    assert headings(blocks) == []
    assert "an urge to say sorry all the time" in [line for b in blocks for line in b.lines]


def test_a_heading_broken_over_two_lines_is_one_heading():
    assert headings(fixture_blocks("article_with_heading_over_two_lines.txt")) == [
        "The Hard Truth About Walking Away From Someone You Love",
        "What Comes After",
    ]


def test_bold_statement_is_text_and_quoted_line_is_a_quote():
    blocks = fixture_blocks("article_with_news_furniture.txt")
    assert ("paragraph", "**You deserve better.**") in shape(blocks)
    assert headings(blocks) == ["The Quiet Signs of Imbalance", "What Staying Can Cost You"]
    quoted = blocks_of(f"{TITLE}\n{LONG}\n\u201cLadies, when a man doesn\u2019t appreciate you, do this.\u201d\n{LONG}\n")
    assert ("quote", "\u201cLadies, when a man doesn\u2019t appreciate you, do this.\u201d") in shape(quoted)


def test_a_line_introduced_by_a_colon_is_not_a_heading():
    blocks = blocks_of(f"{TITLE}\n{LONG}\nHere is what I learned:\nChoosing Yourself Changes Everything\n{LONG}\n")
    assert headings(blocks) == []


def test_article_without_headings_is_all_paragraphs():
    blocks = fixture_blocks("article_without_headings.txt")
    assert {b.kind for b in blocks} == {BlockKind.PARAGRAPH} and len(blocks) == 3


def test_markup_characters_in_plain_text_are_not_markdown():
    blocks = fixture_blocks("article_with_markup_characters.txt")
    assert {b.kind for b in blocks} == {BlockKind.PARAGRAPH}
    assert any(b.text.startswith("# hash at the start of a line") for b in blocks)
    assert any(b.text.startswith("1. at the start of a line") for b in blocks)


def test_markdown_headings_lists_and_quotes_are_taken_as_given():
    blocks = fixture_blocks("article_with_front_matter.md")
    assert [(b.kind.value, b.level) for b in blocks if b.kind is BlockKind.HEADING] == [
        ("heading", 2), ("heading", 2), ("heading", 3)
    ]
    assert ("list", "He remembers what you said yesterday.\nHe asks how the appointment went.\nHe makes room for your plans.") in shape(blocks)
    assert ("quote", "Attention is the most basic form of love.") in shape(blocks)
    assert ("paragraph", "You Are Not Too Much") in shape(blocks)


def test_editor_headings_and_not_headings_win():
    text = f"---\nheadings: [It felt like hope.]\nnot_headings: [The Gut Test]\n---\nWhen Love Becomes One-Sided\n{LONG}\nIt felt like hope.\n{LONG}\nThe Gut Test\n{LONG}\n"
    assert headings(blocks_of(text)) == ["It felt like hope."]


def test_every_detector_has_a_distinct_name_and_paragraph_comes_last():
    detectors = build_block_detectors()
    names = [d.name for d in detectors]
    assert len(set(names)) == len(names) and names[-1] == "paragraph"


@pytest.mark.parametrize("line", ["You deserve better", "You Deserve Better.", "It was never your fault"])
def test_short_emphatic_statements_are_text(line):
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n\n{line}\n\n{LONG}\n")
    assert headings(blocks) == []


def test_an_article_of_short_statements_between_paragraphs_has_no_headings():
    blocks = fixture_blocks("article_with_emphatic_lines.txt")
    assert headings(blocks) == []
    assert any(b.text == "They will not all understand" for b in blocks if b.kind is BlockKind.PARAGRAPH)


@pytest.mark.parametrize("line", ["Why women are taught to stay", "Sign #3: He Never Apologizes", "WHY HE NEVER CALLS BACK"])
def test_sentence_case_capitals_and_numbered_headings_between_paragraphs_are_headings(line):
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n\n{line}\n\n{LONG}\n")
    assert headings(blocks) == [line]


def test_a_run_of_short_title_case_lines_is_a_list_not_headings():
    blocks = blocks_of(f"{TITLE}\n{LONG}\nWhat He Took\n{LONG}\nEmotional Labor\nSteady Care\nQuiet Support\n{LONG}\n")
    assert headings(blocks) == ["What He Took"]
    assert [b.lines for b in blocks if b.kind is BlockKind.LIST] == [("Emotional Labor", "Steady Care", "Quiet Support")]


def test_numbered_steps_keep_their_numbers_as_written():
    lists = [b for b in fixture_blocks("article_with_numbered_steps.txt") if b.kind is BlockKind.LIST]
    assert len(lists) == 1 and lists[0].ordered
    assert [line.split(" ", 1)[0] for line in lists[0].lines] == ["1.", "2.", "3.", "4."]


def test_bulleted_items_keep_their_bullets_as_written():
    lists = [b for b in blocks_of(f"{TITLE}\n\n{LONG}\n\u2022 Your sleep\n\u2022 Your friends\n\n{LONG}\n") if b.kind is BlockKind.LIST]
    assert [b.lines for b in lists] == [("\u2022 Your sleep", "\u2022 Your friends")]


def test_a_full_question_between_paragraphs_is_a_heading_among_sentence_case_headings():
    assert headings(fixture_blocks("article_with_sentence_case_headings.txt")) == [
        "The little things go first",
        "Why does being ignored sting more than an argument?",
        "Where to go from here",
    ]


def test_a_short_question_between_paragraphs_stays_text_among_sentence_case_headings():
    text = (
        f"Title Here\n\n{LONG}\nThe little things go first\n{LONG}\nDo you answer him?\n{LONG}\n"
        f"Where to go from here\n{LONG}\n"
    )
    assert "Do you answer him?" not in headings(blocks_of(text))


def test_a_part_label_and_the_subheading_under_it_are_two_headings():
    assert headings(fixture_blocks("article_with_labelled_parts.txt")) == [
        "Part 1: The Price of Holding On", "Your Sleep", "Your Friendships",
        "Part 2: Stepping Away", "Start With One True Sentence", "Let the Quiet Be Quiet",
    ]


def test_inline_html_and_kramdown_attributes_in_markdown_never_reach_the_text():
    blocks = blocks_of(
        "# A Quiet Kind of Leaving\n\n"
        "He <em>never</em> asked, and I <!-- note to self --> stopped offering. {: .lead}\n\n"
        "## What I <span class=\"x\">Learned</span>\n\n"
        "- Rest {: style=\"color: red\"}\n- Friends <br/>\n",
        path="a.md",
    )
    texts = [line for b in blocks for line in b.lines]
    assert "He never asked, and I stopped offering." in texts
    assert "What I Learned" in texts
    assert "Rest" in texts and "Friends" in texts
    assert not [t for t in texts if "<" in t or "{:" in t]


def test_inline_markdown_reads_as_the_words_a_reader_sees():
    blocks = blocks_of(
        "# A Quiet Kind of Leaving\n\n"
        "He **never** asked, and I _stopped_ offering. Read [the guide](https://example.org/g) and `rest`.[^1]\n\n"
        "### **He only calls when he needs something**\n\n"
        "1\\. Not a list: \\*literal stars\\*, AT&amp;T, 5 * 3 * 2 and snake_case_name.\n\n"
        "- A ~~struck~~ step, with ![a picture](p.jpg) left out\n\n"
        "[^1]: From a survey of readers.\n",
        path="a.md",
    )
    texts = [line for b in blocks for line in b.lines]
    assert "He never asked, and I stopped offering. Read the guide and rest." in texts
    assert "He only calls when he needs something" in texts
    assert "1. Not a list: *literal stars*, AT&T, 5 * 3 * 2 and snake_case_name." in texts
    assert "A struck step, with left out" in texts
    assert "From a survey of readers." in texts


def test_a_markdown_list_of_the_other_kind_starts_a_list_of_its_own():
    blocks = blocks_of("# Leaving\n\nSteps:\n\n- Pack a small bag\n- Keep copies, **all** of them,\n  in one place\n"
                       "1. Call a helpline\n2. Stay with a friend\n", path="a.md")
    lists = [(b.ordered, b.lines) for b in blocks if b.kind is BlockKind.LIST]
    assert lists == [(False, ("Pack a small bag", "Keep copies, all of them, in one place")),
                     (True, ("Call a helpline", "Stay with a friend"))]


def test_a_quote_written_as_an_alert_shows_its_title_not_its_kind():
    blocks = blocks_of("# Leaving\n\n> [!TIP] Before you start\n> Tell one person you trust.\n", path="a.md")
    [quote] = [b for b in blocks if b.kind is BlockKind.QUOTE]
    assert quote.lines == ("Before you start", "Tell one person you trust.")


def test_a_blog_s_markdown_reads_as_its_words_with_reference_links_line_breaks_and_emoji():
    blocks = blocks_of(
        "# A Quiet Kind of Leaving\n\n"
        "He forgot again. See [my earlier post][earlier] and [this one][], ![a window][pic] aside.\n\n"
        "- Birthdays forgotten<br>twice in a row\n- Messages left on read :broken_heart:\n\n"
        "Back at 10:30:45, as :not_an_emoji_name: says. :heart:\n\n"
        '[earlier]: https://example.org/earlier "Earlier"\n[this one]: </posts/this one>\n[pic]: /img/w.jpg\n\n'
        "*[HTML]: Hypertext Markup Language\n",
        path="a.md",
    )
    texts = [line for b in blocks for line in b.lines]
    assert "He forgot again. See my earlier post and this one, aside." in texts
    assert "Birthdays forgotten twice in a row" in texts  # a line break parts two words
    assert "Messages left on read \U0001f494" in texts
    assert "Back at 10:30:45, as :not_an_emoji_name: says. \u2764\ufe0f" in texts  # no emoji of that name: as written
    assert not [t for t in texts if "]:" in t or "https" in t or "HTML" in t]  # definitions show nowhere


def test_a_jekyll_or_hugo_post_s_template_tags_attributes_and_task_boxes_never_reach_the_text():
    blocks = blocks_of(
        "# Seven Signs\n\nIt rarely starts with drama. {{ site.author }} has seen it.\n\n"
        "## 1. He stops asking about your day {#asking .sign}\n\n"
        "He nods at his phone.<sup>1</sup> Then again.<sup>[2]</sup>\n\n"
        "- [ ] Does he remember what you said?\n- [x] Does he ask back?\n\n"
        '<figure><img src="c.jpg" alt="A calendar"><figcaption>A half-empty calendar.</figcaption></figure>\n\n'
        "A set {like this} and an email {#not-at-the-end} stay.\n",
        path="a.md",
    )
    texts = [line for b in blocks for line in b.lines]
    assert "It rarely starts with drama. has seen it." in texts
    assert headings(blocks) == ["1. He stops asking about your day"]
    assert "He nods at his phone. Then again." in texts
    assert "Does he remember what you said?" in texts and "Does he ask back?" in texts
    assert not [t for t in texts if "calendar" in t]  # a picture's caption, with no picture
    assert "A set {like this} and an email {#not-at-the-end} stay." in texts


def test_a_note_taking_app_s_wiki_links_highlights_and_comments_read_as_the_app_shows_them():
    blocks = blocks_of(
        "# Why I Let Go\n\nI kept a list of [[Things He Promised]] and of [[Promises Kept|the ones he kept]]. "
        "The second was ==much shorter==.\n\n%% rewrite this part %%\n\nSleep, mostly. %% and money? %%\n\n"
        "Two == signs, and 5 == 5.\n",
        path="a.md",
    )
    texts = [line for b in blocks for line in b.lines]
    assert "I kept a list of Things He Promised and of the ones he kept. The second was much shorter." in texts
    assert "Sleep, mostly." in texts and not [t for t in texts if "%" in t or "rewrite" in t]
    assert "Two == signs, and 5 == 5." in texts


def test_a_code_block_s_lines_are_kept_and_its_fences_are_not():
    blocks = blocks_of("# Leaving\n\nA note I kept:\n\n```text\nI am allowed to leave.\n```\n\n~~~\nAnd to rest.\n~~~\n", path="a.md")
    texts = [line for b in blocks for line in b.lines]
    assert "I am allowed to leave." in texts and "And to rest." in texts
    assert not [t for t in texts if "`" in t or "~~~" in t]


def test_an_admonition_reads_as_a_box_titled_as_the_renderer_titles_it():
    blocks = blocks_of(
        '# Leaving\n\nBefore.\n\n!!! warning "Money"\n    Some people lose money covering for a partner.\n\n'
        "    Keep your own account.\n\n??? tip\n    Tell one person.\n\nAfter the boxes.\n",
        path="a.md",
    )
    quotes = [b.lines for b in blocks if b.kind is BlockKind.QUOTE]
    assert quotes == [("Money", "Some people lose money covering for a partner.", "Keep your own account."),
                      ("Tip", "Tell one person.")]
    assert "After the boxes." in [line for b in blocks for line in b.lines]


def test_markup_lines_of_any_length_are_read_in_time_in_proportion():
    import time

    for size in (2_000, 8_000, 32_000):
        line = "<!--" * size + " {: " * size + "<a " * size + "<!---->" * size
        start = time.perf_counter()
        blocks_of(f"# Title Here\n\n{line}\n", path="a.md")
        assert time.perf_counter() - start < 5


def test_markdown_backslash_escapes_show_as_the_characters_they_escape():
    blocks = blocks_of("# Moving On Slowly\n\n### 1\\. Leave with dignity\n\nIt takes \\*time\\*, not a plan.\n", path="a.md")
    assert headings(blocks) == ["1. Leave with dignity"]
    assert "It takes *time*, not a plan." in [line for b in blocks for line in b.lines]


def test_post_titles_over_their_bylines_are_headings_whatever_their_shape():
    # A live chat copied as text: each reader's post title (one word, a question, "Re: ...", lower
    # case) stands over a byline with the time glued to the name, then the letter and the answer.
    # (The bylines are dropped as furniture or kept: either way the line over one is a heading.)
    found = headings(fixture_blocks("article_with_chat_posts.txt"))
    for title in ("Money", "Gardening", "Why do I always apologise first?", "Re: He never asks about my day",
                  "re: my sister thinks I should leave"):
        assert title in found
    assert not [h for h in found if "Caught in the Middle" in h or "10:" in h]  # the sign-off, the bylines


@pytest.mark.parametrize("line", ["\u2014 Dana, reader from Leeds", "-- Worn Out in Ohio", "\u2015Sam, member"])
def test_a_line_opening_with_a_dash_is_an_attribution_not_a_heading(line):
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n\n\"{LONG}\"\n\n{line}\n\n{LONG}\n\nA Real Heading Here\n\n{LONG}\n")
    assert ("paragraph", line) in shape(blocks)
    assert "A Real Heading Here" in headings(blocks)


def test_questions_asked_in_a_row_inside_a_section_stay_text():
    found = headings(fixture_blocks("article_with_steps_inside_sections.txt"))
    assert not [h for h in found if h.endswith("?")]
    assert "3. Ask Yourself the Hard Questions" in found and "Final Thoughts" in found


def test_steps_numbered_anew_inside_a_numbered_section_are_not_headings():
    found = headings(fixture_blocks("article_with_steps_inside_sections.txt"))
    assert found == [
        "1. Notice Who Starts Every Conversation", "2. Set a Limit and Keep It", "3. Ask Yourself the Hard Questions",
        "4. Lean on People Who Show Up", "5. Give Yourself Time", "Final Thoughts",
    ]


def test_a_heading_may_follow_a_long_paragraph_that_ends_in_a_colon():
    blocks = blocks_of(f"{TITLE}\n{LONG}\n{LONG} Here is the short version of it:\nHolding Back the Truth Hurts Too\n{LONG}\n")
    assert headings(blocks) == ["Holding Back the Truth Hurts Too"]


def test_letter_headlines_are_headings_and_their_sign_offs_are_text():
    blocks = fixture_blocks("article_with_advice_letters.txt")
    assert headings(blocks) == [
        "Ask Marion",
        "He Forgets Me Whenever His Friends Call",
        "A Sister Who Only Calls When She Needs Money",
    ]
    paragraphs = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH]
    assert any("Tired of Being the Bank" in p for p in paragraphs)
    assert any("Second Place in Portland" in p for p in paragraphs)


@pytest.mark.parametrize("line", ["But", "AND", "So."])
def test_a_lone_joining_word_between_sentences_is_text(line):
    blocks = blocks_of(f"{TITLE}\n\nI know how hard these months have been for you.\n{line}\n{LONG}\n")
    assert headings(blocks) == []
    assert any(line in b.text for b in blocks if b.kind is BlockKind.PARAGRAPH)


def test_a_long_title_case_line_over_a_short_lead_in_is_a_heading():
    heading = "Small Steps That Help You Walk Away Without Losing Yourself Again"
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n{heading}\nYou do not have to do it all at once, start here:\n"
                       "Tell one friend the truth.\nWrite down what you gave.\nSleep somewhere calm.\n")
    assert headings(blocks) == [heading]


def test_a_long_sentence_case_line_over_a_short_lead_in_stays_text():
    line = "And then one day I noticed how quiet the whole house had become"
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n{line}\nYou do not have to do it all at once, start here:\n{LONG}\n")
    assert headings(blocks) == []


def test_a_heading_over_a_paragraph_written_in_chinese_is_a_heading():
    paragraph = "那段时间我一直在等他改变，可是他从来没有认真听过我说话，我终于明白我值得被更好地对待。"
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n\n放手 Letting go\n\n{paragraph}\n\n{LONG}\n")
    assert headings(blocks) == ["放手 Letting go"]
    assert any(b.text == paragraph for b in blocks if b.kind is BlockKind.PARAGRAPH)


def test_a_hard_wrapped_text_is_read_one_paragraph_at_a_time():
    blocks = fixture_blocks("article_with_wrapped_letters.txt")
    paragraphs = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH]
    # A sentence broken at the end of a typed line is one paragraph again, every word kept.
    assert any(p.startswith("Dear Nell: For nine years I have kept our home running while my partner works late, "
                            "and when he finally comes in") for p in paragraphs)
    assert not any(p.startswith(("works late", "and goes to bed", "couples", "and ask him")) for p in paragraphs)
    # A line that ends its sentence, and a sign-off, stay lines of their own.
    assert "Invisible in Ashford" in paragraphs
    assert "Crowded Out in Kent" in paragraphs


def test_a_word_broken_across_lines_with_a_hyphen_is_whole_again():
    text = ("When Love Becomes One-Sided\n\nIt is hard to see at first. The small disappoint-\n"
            "ments pile up, and you tell yourself that every re-\nlationship has its low months and that your self-\n"
            "worth can wait, that he is tired, that work is hard,\nthat things will be better by spring.\n")
    paragraphs = [b.text for b in blocks_of(text) if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == ["It is hard to see at first. The small disappointments pile up, and you tell yourself "
                          "that every relationship has its low months and that your self-worth can wait, that he "
                          "is tired, that work is hard, that things will be better by spring."]


def test_a_line_or_two_running_on_in_lower_case_is_no_hard_wrapped_text():
    text = (f"{TITLE}\n\n{LONG}\nsmall things I noticed about how he talks to me now, and to his friends\n"
            f"more than I would like to admit to anyone\n\n{LONG}\n")
    blocks = blocks_of(text)
    paragraphs = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH]
    assert "more than I would like to admit to anyone" in paragraphs


def test_the_label_over_the_references_is_a_heading_even_at_the_end_of_a_short_list():
    text = (f"{TITLE}\n\n{LONG}\n\nA few things to try:\nSay what you need\nWrite it down first\nAsk a friend to listen\n"
            "{% include widgets/newsletter.html %}\nReferences\n"
            "1. Okafor, A. (2019). Being noticed at home. Journal of Everyday Relationships, 4(2), 11-19.\n"
            "2. Lind, M. (2021). Small neglects. Family Studies Review, 9, 40-52.\n")
    blocks = blocks_of(text)
    assert headings(blocks) == ["References"]
    listed = [line for b in blocks if b.kind is BlockKind.LIST for line in b.lines]
    assert "Ask a friend to listen" in listed and "References" not in listed


def test_questions_asked_one_after_another_are_text_before_any_weighing():
    text = (f"{TITLE}\n\n{LONG}\n\nAsk yourself honestly\n"
            "When did he last ask how my day went and wait to hear the answer?\n"
            "Am I making excuses for him that I would never accept from a friend?\n"
            "What would I tell my sister if she described this relationship to me?\n"
            "How much of my week goes into guessing what kind of mood he is in?\n"
            f"{LONG}\n\nDoes he notice when you are tired?\n{LONG}\n\nDoes he ask what you think?\n{LONG}\n")
    ctx = context_of(text)
    judged = {item.text: ruled_out(i, ctx) for i, item in enumerate(ctx.items) if item.end == "?"}
    assert judged["Am I making excuses for him that I would never accept from a friend?"]
    assert judged["How much of my week goes into guessing what kind of mood he is in?"]
    # A question standing alone over its answer is weighed as a heading may be.
    assert not judged["Does he notice when you are tired?"]
    assert not judged["Does he ask what you think?"]
    blocks = blocks_of(text)
    assert not any(h.startswith(("When did he", "Am I making", "What would I", "How much of")) for h in headings(blocks))


def test_one_of_the_numbered_headings_written_like_a_sentence_is_still_a_heading():
    steps = ["1. Stop Waiting for His Call", "2. Put Your Evenings Back in Your Diary", "3. Tell One Friend the Whole Story",
             "4. Write Down What You Actually Need", "5. Let the silence answer you."]
    text = f"{TITLE}\n\n{LONG}\n\n" + "".join(f"{step}\n{LONG}\n\n" for step in steps)
    assert headings(blocks_of(text)) == steps


def test_titles_listed_under_a_related_label_are_never_headings_even_when_kept():
    # The editor keeps the links as text (keep:), so only the heading rule stands between the
    # other pages' titles and the article's table of contents.
    text = (
        "---\n"
        'keep: ["Seven Quiet Signs He Has Stopped Listening", "The Slow Work of Trusting Yourself Again"]\n'
        "---\n"
        f"{TITLE}\n{LONG}\n"
        "The Cost of Waiting\n"
        f"{LONG}\n"
        "Related reading\n"
        "Seven Quiet Signs He Has Stopped Listening\n"
        "What it looks like when every question you ask goes unanswered at home.\n"
        "The Slow Work of Trusting Yourself Again\n"
        "A short guide to hearing your own voice after years of doubting it.\n"
    )
    found = headings(blocks_of(text))
    assert found == ["The Cost of Waiting"]


def test_lines_of_a_list_written_one_a_line_are_not_headings_however_long_each_is():
    # Items of four to eleven words, no bullets, no lead-in colon; the last of each list
    # stands over a paragraph as a heading would.
    assert headings(fixture_blocks("article_with_a_list_of_longer_lines.txt")) == [
        "Small Things That Are Only Yours",
        "When He Notices the Change",
    ]
    ctx = context_of(fixture_text("article_with_a_list_of_longer_lines.txt"))
    alike = [item.text for i, item in enumerate(ctx.items)
             if "one of a run of lines alike, not all short" in (heading_features(i, ctx) or {})]
    assert alike == [
        "Keeping a friendship that does not run through him",
        "Walking somewhere new on your own, just because you want to",
        "Saying no to a plan that would only please him",
        "Writing down what you hoped for at twenty",
        "Listening to his complaints without arguing back",
        "Asking him what he will do differently this time",
        "Giving yourself a date to decide about the future",
    ]


def test_a_post_title_asking_a_question_is_not_one_of_a_run_of_questions_across_its_byline():
    # A live chat: each reader's post has a title, a byline under it (furniture) and the post.
    text = (
        f"{TITLE}\n{LONG}\n"
        "Is this normal?\n"
        "Guest 10:05 a.m.\n"
        "Is it normal that he never asks about my day, even when he knows it was a hard one?\n"
        f"{LONG}\n"
        "Waiting for an apology\n"
        "Guest 10:40 a.m.\n"
        f"{LONG}\n"
    )
    clean = clean_lines(read_article(text.encode(), path="a.txt"))
    assert [n.text for n in clean.noise] == ["Guest 10:05 a.m.", "Guest 10:40 a.m."]
    ctx = block_context(clean)
    title = next(i for i, item in enumerate(ctx.items) if item.text == "Is this normal?")
    assert "a question beside another question" not in heading_features(title, ctx)
    # Without the byline between them, the two questions stand together.
    ctx = context_of(text.replace("Guest 10:05 a.m.\n", ""))
    title = next(i for i, item in enumerate(ctx.items) if item.text == "Is this normal?")
    assert "a question beside another question" in heading_features(title, ctx)


def test_the_last_line_heads_no_section_but_a_references_label_still_does():
    body = f"{TITLE}\n{LONG}\nThe Cost of Waiting\n{LONG}\n"
    # A call to action, a sign-off or a counter at the end heads nothing.
    assert headings(blocks_of(body + "Begin Again With Someone on Your Side\n")) == ["The Cost of Waiting"]
    assert headings(blocks_of(body + "Sources\n")) == ["The Cost of Waiting", "Sources"]


def test_a_greeting_opens_a_letter_and_is_never_its_heading():
    text = (
        f"{TITLE}\n{LONG}\n"
        "Hi Maren, Happy Friday!\n"
        f"{LONG}\n"
        "Hello everyone:\n"
        f"{LONG}\n"
    )
    assert headings(blocks_of(text)) == []
    assert "Hi Maren, Happy Friday!" in [b.text for b in blocks_of(text) if b.kind is BlockKind.PARAGRAPH]


def test_a_heading_straight_over_a_list_is_a_heading_and_the_list_stays_a_list():
    blocks = fixture_blocks("article_with_a_heading_over_a_list.txt")
    assert headings(blocks) == [
        "The Words Were Never the Problem",
        "What Changes When You Stop",
        "Key points to take with you",
        "A Few Things to Try This Week",
    ]
    lists = [b.lines for b in blocks if b.kind is BlockKind.LIST]
    assert [len(lines) for lines in lists] == [4, 4]
    ctx = context_of(fixture_text("article_with_a_heading_over_a_list.txt"))
    over = [item.text for i, item in enumerate(ctx.items) if "over a list" in (heading_features(i, ctx) or {})]
    assert over == ["Key points to take with you", "A Few Things to Try This Week"]


def test_a_line_a_colon_introduces_is_the_first_item_of_its_list_not_a_heading_over_the_rest():
    text = (
        f"{TITLE}\n{LONG}\nHere is what helped me most:\n"
        "Walking every morning before work\n"
        "Calling my sister on Sundays\n"
        "Cooking the meals I actually like\n"
        "Going to bed before midnight\n"
        f"{LONG}\n"
    )
    ctx = context_of(text)
    assert not any("over a list" in (heading_features(i, ctx) or {}) for i in range(len(ctx.items)))
    assert headings(blocks_of(text)) == []


def _features(text: str) -> dict[str, dict[str, float]]:
    ctx = context_of(text)
    return {item.text: heading_features(i, ctx) or {} for i, item in enumerate(ctx.items)}


def test_full_width_marks_and_a_bracket_after_a_mark_close_a_line():
    from worth.blocks import ending

    assert ending("我终于明白了。") == "."
    assert ending("你为什么还在等？") == "?"
    assert ending("(She said it plainly, and he heard it.)") == "."
    assert ending("Take Tylenol for the ache (a little-known trick)") == ""


def test_section_names_the_line_over_them_and_their_titles():
    blocks = fixture_blocks("article_with_a_reading_list.txt")
    assert headings(blocks) == ["Rest Before the Next Step", "What I kept coming back to", "Podcasts", "Articles", "Films"]
    kept = [b for b in blocks if b.kind is not BlockKind.HEADING]
    # The titles each name recommends stay its text, title case or not.
    assert all(any(title in b.lines for b in kept) for title in (
        "The Long Way Home With Two Old Friends", "notes from a year of living alone", "A Small Boat on a Wide River"))


def test_labels_in_a_run_or_over_the_title_are_no_section_names():
    prose = LONG
    menu = f"Home\nArticles\nVideos\nAbout\n{TITLE}\n{prose}\n{prose}\n"
    assert not clean_lines(read_article(menu.encode(), path="a.txt")).section_lines
    spaced = (f"{TITLE}\n{prose}\nStill with me\nArticles\nA piece on quiet endings\nVideos\nA talk on rest\n"
              f"Podcasts\nTwo friends on starting over\n\n{prose}\n")
    clean = clean_lines(read_article(spaced.encode(), path="a.txt"))
    assert sorted(line.text for line in clean.lines if line.number in clean.section_lines) == [
        "Articles", "Podcasts", "Videos"]
    assert headings(blocks_of(spaced))[:1] == ["Still with me"]


def test_a_post_title_over_its_dated_byline_is_told_from_a_line_over_other_furniture():
    chat = (f"{TITLE}\n{LONG}\nMy sister thinks I should go\nReader10:20 a.m.\n{LONG}\n"
            f"He says I am too much\nShare this post\n{LONG}\n")
    features = _features(chat)
    assert "a dated byline follows" in features["My sister thinks I should go"]
    assert "furniture follows" not in features["My sister thinks I should go"]


def test_a_long_line_left_open_is_no_paragraph_before_the_line_under_it():
    features = _features(f"{TITLE}\n{LONG}\nKeep one evening that belongs to you and nobody else at all this week\n"
                         f"Stop explaining yourself to people\n{LONG}\n")
    assert "paragraph before" not in features["Stop explaining yourself to people"]
    blocks = fixture_blocks("article_with_a_recap_list.txt")
    assert "Stop explaining yourself to people who decided long ago" not in headings(blocks)


def test_a_chinese_heading_between_chinese_sentences():
    features = _features(fixture_text("article_with_two_languages.txt"))
    assert {"open between sentences", "written without capitals", "one word"} <= set(features["长大"])
    # A sentence of sixteen characters is eight words long, as its English would be, not one.
    assert "one word" not in features["我以前以为长大就是不再哭。"]
    assert "长大" in headings(fixture_blocks("article_with_two_languages.txt"))


def test_lines_written_label_and_value_under_each_other_are_page_details_not_headings():
    blocks = fixture_blocks("article_with_source_links.txt")
    assert headings(blocks) == ["What She Noticed First", "Lesson One: Small Promises Matter", "The Turning Point"]
    # Either line alone, or a part label, between paragraphs is weighed as a heading would be.
    pair = f"{TITLE}\n{LONG}\nOriginal talk: Watch It Here\nFull Transcript: Read It Online\n{LONG}\n"
    assert headings(blocks_of(pair)) == []
    alone = f"{TITLE}\n{LONG}\nLesson One: Small Promises Matter\n{LONG}\n"
    assert headings(blocks_of(alone)) == ["Lesson One: Small Promises Matter"]
    ctx = context_of(f"{TITLE}\n{LONG}\nPart One: Seeing It\nStep One: Listen to Yourself\n{LONG}\n")
    assert [ruled_out(i, ctx) for i, item in enumerate(ctx.items) if ":" in item.text] == [False, False]


def test_a_sentence_case_line_straight_under_a_title_case_heading_is_its_first_item():
    features = _features(fixture_text("article_with_items_under_headings.txt"))
    assert "sentence case under a title-case line" in features["Nobody else to call"]
    assert "sentence case under a title-case line" not in features["Fear of Being Alone"]
    assert headings(fixture_blocks("article_with_items_under_headings.txt")) == [
        "Fear of Being Alone", "Pride and Habit", "Hope That Things Will Change", "What Helps"]


def test_lines_ending_in_a_colon_head_their_paragraphs_and_a_lead_in_over_a_list_stays_text():
    blocks = fixture_blocks("article_with_colon_headings.txt")
    assert headings(blocks) == [
        "What it cost me in money:", "What it cost me in friendships:", "What it cost me in sleep:"]
    lead_in = "Here is what I would tell anyone counting the same costs:"
    kinds = shape(blocks)
    assert ("paragraph", lead_in) in kinds
    assert kinds[kinds.index(("paragraph", lead_in)) + 1][0] == "list"


def test_one_line_ending_in_a_colon_over_a_paragraph_is_a_lead_in_not_a_heading():
    text = f"{TITLE}\n\n{LONG}\n\nThis is what I finally understood:\n{LONG}\n\n{LONG}\n"
    assert "one of the article's headings ending in :" not in _features(text)["This is what I finally understood:"]
    assert headings(blocks_of(text)) == []


def test_short_sentences_set_over_their_paragraphs_are_headings_only_when_the_article_writes_several():
    blocks = fixture_blocks("article_with_full_stop_headings.txt")
    assert headings(blocks)[:3] == ["Stop waiting.", "Stop explaining.", "Stop apologising for needing things."]
    assert ("paragraph", "Take care of yourselves,") in shape(blocks)  # a sign-off is text
    # A post with two such sentences ("Then it changed." over its paragraph) reads them as its text.
    assert headings(fixture_blocks("article_with_sentences_over_their_paragraphs.txt")) == []


def test_a_contents_list_is_text_and_its_first_entry_still_heads_its_section():
    blocks = fixture_blocks("article_with_a_contents_list_and_asides.txt")
    assert headings(blocks) == ["Where it started", "What it cost", "What I do now"]
    assert ("list", "Where it started") not in shape(blocks)
    assert [b.lines for b in blocks if b.kind is BlockKind.LIST] == [("Where it started", "What it cost", "What I do now")]
    # An aside, a bold statement, a line citing a study and a call to share are text.
    for line in ("(More on this below.)", "**I was not a team. I was an audience.**",
                 "If this story helped you, share it with a friend who needs it."):
        assert ("paragraph", line) in shape(blocks)


def test_quoted_questions_over_their_answers_are_headings():
    assert headings(fixture_blocks("article_with_quoted_question_headings.txt")) == [
        "\u201cWhy does he do this?\u201d", "\u201cIs it really that bad?\u201d",
        "\u201cWhat will people think if I leave?\u201d", "\u201cAm I asking for too much?\u201d"]


def test_the_first_subheading_under_a_part_label_is_a_heading():
    text = fixture_text("article_with_two_parts_of_subheadings.txt")
    features = _features(text)
    assert "under a part label, over a paragraph" in features["Tell one person the whole story"]
    found = headings(blocks_of(text))
    assert found[found.index("Part One: The Signs") + 1] == "He only calls when he needs something"
    assert found[found.index("Part Two: Letting Go") + 1] == "Tell one person the whole story"


def test_an_interviews_speaker_labels_ending_in_a_colon_are_text():
    turns = "".join(
        f"Interviewer:\nWhat would you tell someone who feels unseen by a partner, question {n}?\n\n"
        f"Dr. Maya Lee:\n{LONG}\n\n" for n in range(3))
    blocks = blocks_of(f"{TITLE}\n\n{LONG}\n\n{turns}")
    assert headings(blocks) == []
    assert shape(blocks).count(("paragraph", "Dr. Maya Lee:")) == 3


def test_a_hard_wrapped_line_stopping_on_a_joining_word_runs_on_into_a_capital():
    blocks = fixture_blocks("article_typed_with_line_breaks.txt")
    assert headings(blocks) == []
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH] * 4
    assert blocks[0].text.startswith("When I finally packed my things, my sister asked whether I was sure.")
    # A Title Case heading capitalises its last word: it stays a heading over its paragraph.
    text = fixture_text("article_typed_with_line_breaks.txt").replace(
        "Friends helped", "What to Do When You Feel Like Giving Up\nFriends helped")
    assert "What to Do When You Feel Like Giving Up" in headings(blocks_of(text))


def test_an_faq_label_and_each_question_over_its_answer_are_headings():
    blocks = fixture_blocks("article_with_questions_answered.txt")
    found = headings(blocks)
    # The first question straight under the label, with no paragraph above it, is one of them.
    start = found.index("Frequently Asked Questions")
    assert found[start:] == ["Frequently Asked Questions", "How can I tell if he really values me?",
                             "Is it normal to feel unappreciated now and then?",
                             "What if he says I am asking for too much? Is that fair?",
                             "Should I leave if nothing changes?", "Final Thoughts"]
    listed = [line for b in blocks if b.kind is BlockKind.LIST for line in b.lines]
    assert "- say clearly what you need" in listed


def test_questions_under_an_faq_label_that_answer_nothing_are_not_headings():
    # Questions asked one after another, or a menu's "FAQ" over the article: no answered questions.
    text = (f"{TITLE}\n\n{LONG}\n\nFAQ\nWhat do I want?\nWhat am I afraid of?\nWhat would I tell a friend?\n\n{LONG}\n")
    blocks = blocks_of(text)
    assert not {"What do I want?", "What am I afraid of?", "What would I tell a friend?"} & set(headings(blocks))


def test_a_heading_mark_with_no_heading_shows_nothing():
    # A blog's Markdown with an empty heading left between two sections ("# " alone on its line).
    text = f"---\ntitle: {TITLE}\n---\n{LONG}\n\n# \n\n## What Staying Cost Me\n\n{LONG}\n"
    raw = read_article(text.encode(), path="post.md")
    result = clean_lines(raw)
    blocks = detect_blocks(result, format=raw.format, overrides=raw.overrides)
    assert [line for b in blocks for line in b.lines if line.strip("# ") == ""] == []
    assert headings(blocks) == ["What Staying Cost Me"]


def test_a_question_word_written_with_its_verb_starts_a_question():
    text = (f"{TITLE}\n\n{LONG}\n\nWhat\u2019s the best way to tell him it is over?\n\n{LONG}\n\n"
            f"What's left when the hurt goes quiet?\n\n{LONG}\n")
    ctx = context_of(text)
    for k, item in enumerate(ctx.items):
        if item.text.startswith("What"):
            assert "starts like a question" in heading_features(k, ctx), item.text


# Most pages' text is copied one block a line, with no blank line between: a heading is then
# known by where it stands among the paragraphs and by the article's other headings, not by space.

def test_numbered_sentences_over_their_paragraphs_are_headings_in_text_copied_one_block_a_line():
    blocks = fixture_blocks("article_copied_one_block_a_line_with_numbered_sentences.txt")
    assert headings(blocks) == [
        "1. He's never on time.", "2. He forgets what I tell him.", "3. He jokes about my work in front of others.",
        "4. He keeps the money talk for himself.", "5. He disappears when I need help.", "6. He never asks how I am.",
        "7. He makes promises he doesn't keep.", "8. He blames me for his moods.", "What finally changed"]
    # The short numbered list at the end stands in one run: its lines are its items.
    [recap] = [b.lines for b in blocks if b.kind is BlockKind.LIST]
    assert [line.split(". ", 1)[1] for line in recap] == [
        "Notice the pattern.", "Write it down.", "Tell one person you trust.", "Decide on a date."]


def test_headings_ending_in_a_colon_are_found_in_text_copied_one_block_a_line():
    blocks = fixture_blocks("article_copied_one_block_a_line_with_colon_headings.txt")
    assert headings(blocks) == ["Conversations Run One Way:", "Plans Depend on You:", "Affection Has Become an Effort:",
                                "Your Needs Are Treated as Demands:", "Apologies Have Disappeared:"]
    # A lead-in over a list, whose items are left open, stays the text's.
    assert "What helped me decide:" not in headings(blocks)


def test_lines_ending_in_a_colon_over_list_items_are_no_headings_however_long_the_items():
    items = "\n".join(f"Item {k} is a reason that goes on for many words without ever closing like a sentence"
                      for k in range(3))
    text = f"{TITLE}\n{LONG}\nThe first reasons were these:\n{items}\n{LONG}\nThe other reasons were these:\n{items}\n{LONG}\n"
    assert "one of the article's headings ending in :" not in _features(text)["The first reasons were these:"]
