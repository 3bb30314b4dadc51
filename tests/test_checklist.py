"""The signs checklist, without a browser: which signs become items, their hints, the editor's
words, what to read next, and the block that goes on the signs page."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import markdown
import pytest

from worth.checklist import (
    DEFAULT_BANDS,
    Band,
    NextRead,
    choose_hint,
    collect_items,
    is_complete_title,
    load_checklist_data,
    NEXT_READ_SOURCES,
    next_reads_for,
)
from worth.errors import ArticleError
from worth.render import render_checklist
from worth.model import Article, Block, BlockKind, Overrides, Section, SectionKey, Theme

SIGNS_INTRO = (
    "Let's get practical for a moment. Sometimes the hardest part isn't admitting you're undervalued. "
    "Here's where I want to break it down, list style."
)


def section(heading, text="", *, theme=Theme.SIGNS, level=3, anchor=None, part="signs"):
    anchor = anchor or re.sub(r"[^a-z]+", "-", (heading or "start").lower()).strip("-")
    paragraphs = tuple(Block(BlockKind.PARAGRAPH, (p,), 1) for p in text.split("\n\n") if p)
    return Section(heading, level, theme, paragraphs, 1, anchor, part if level == 3 else None)


def signs_part(*subsections, heading="Signs He Doesn't See Your Worth"):
    return (section(heading, SIGNS_INTRO, level=2, anchor="signs"), *subsections)


def article(slug, *sections, overrides=Overrides()):
    return Article(slug=slug, source=f"articles/{slug}.txt", title=slug.title(), sections=tuple(sections), overrides=overrides)


LET_HIM_GO = article(
    "let-him-go",
    section("The Cost of Staying", "Staying with someone who doesn't see you reshapes you.", theme=Theme.COSTS, level=2, anchor="cost"),
    *signs_part(
        section(
            "Emotional Minimization",
            "This is the classic \u201cyou\u2019re too sensitive\u201d response. When a partner consistently downplays "
            "your feelings, what they\u2019re really saying is: your inner world doesn\u2019t matter enough to me.",
        ),
        section(
            "Lack of Investment",
            "Pay attention to the long game. Does he include you in his vision of the future?\n\n"
            "A partner who values you invests\u2014not just money, but energy, time, and thought.",
        ),
        section("Selective Presence", "Here\u2019s one that often gets overlooked: he shows up when it benefits him. But when you\u2019re in need? He\u2019s busy."),
        section("The Gut Test", "And finally, let\u2019s not forget intuition. If you constantly feel smaller, muted, or invisible around him, that\u2019s the biggest sign of all."),
    ),
    section("Boundaries as Catalysts", "A lot of people think boundaries are just about protection.", theme=Theme.LETTING_GO, level=2, anchor="boundaries"),
)


def labels(items):
    return [i.label for i in items]


# --- Which signs become items ----------------------------------------------------------------


def test_each_sign_under_a_signs_part_is_an_item_in_reading_order_and_the_part_heading_is_not():
    items = collect_items([LET_HIM_GO])
    assert labels(items) == ["Emotional Minimization", "Lack of Investment", "Selective Presence", "The Gut Test"]
    assert items[0].key == SectionKey("let-him-go", "emotional-minimization")


def test_a_signs_section_without_subsections_is_one_item():
    alone = article("alone", section("Effort That Only Goes One Way", "You plan every weekend and he forgets to ask how yours was.", level=2))
    assert labels(collect_items([alone])) == ["Effort That Only Goes One Way"]


# --- Item titles: complete short phrases, as written ----------------------------------------

COMPLETE = [
    "Emotional Minimization", "Lack of Investment", "Selective Presence", "Broken Promises", "Silent Treatment",
    "Jokes at Your Expense", "Apologies Without Change", "Feeling Unheard", "Being Ignored", "Gaslighting",
    "He Never Asks About Your Day", "He\u2019s Rarely Kind in Front of Others", "Your Needs Come Last",
    "He shows up when it benefits him.",
]
NOT_COMPLETE = [
    # general claims, not a sign about him or the reader
    "Appreciation Is Not a Luxury", "Love Should Feel Safe", "Controlling Men Behave Deliberately",
    "Selfish Behaviour Never Means Love", "It\u2019s Not Your Fault",
    # two parts, or a question
    "Appreciation Is Not a Luxury\u2014It\u2019s a Baseline", "The Core Rule: Mixed Messages Mean No",
    "Is He Listening?", "He Calls Late? He Is Busy",
    # fragments: a participle with no verb, a dangling word, a clause that depends on another
    "Your Boundaries Tested", "Your Presence Taken for Granted", "Plans Cancelled", "Your Needs Unmet",
    "When He Ignores You", "And Then the Silence", "Always Waiting For",
    # too long to be a short phrase
    "He Makes Every Decision About Money and the House and Then Says You Agreed Long Ago",
]


@pytest.mark.parametrize("title", COMPLETE)
def test_a_complete_short_phrase_is_a_title(title):
    assert is_complete_title(title)


@pytest.mark.parametrize("title", NOT_COMPLETE)
def test_statements_fragments_questions_and_long_headings_are_not_titles(title):
    assert not is_complete_title(title)


def test_every_item_title_is_a_complete_phrase_from_its_own_section_never_a_statement_or_fragment():
    # Each heading of NOT_COMPLETE over a section that has one short sentence about him: the item
    # takes that sentence as written; the hint is another sentence of the section.
    sections = [
        section(heading, f"Most days it is hard to say. He leaves the room when you talk about sign {n}. "
                         f"You notice it more every week, and sign {n} stays with you.", anchor=f"s{n}")
        for n, heading in enumerate(NOT_COMPLETE)
    ]
    items = collect_items([article("claims", *signs_part(*sections))])
    assert len(items) == len(NOT_COMPLETE)
    for item, heading in zip(items, NOT_COMPLETE):
        assert item.label.startswith("He leaves the room when you talk about sign") and is_complete_title(item.label)
        assert item.heading == heading and item.section_title == heading
        assert item.hint and item.hint != item.label
    complete = collect_items([article("names", *signs_part(*(section(h, "He forgets what you said.", anchor=f"c{n}") for n, h in enumerate(COMPLETE))))])
    assert [i.label for i in complete] == COMPLETE and not any(i.heading for i in complete)


def test_the_link_of_an_item_titled_by_a_sentence_names_its_section():
    sign = section("Your Boundaries Tested", "He calls your limits a joke. He pushes past them again the next day.", anchor="tested")
    items = collect_items([article("tested", *signs_part(sign))])
    block = render_checklist(items, DEFAULT_BANDS, {}, link_for=lambda key: f"articles/{key.article}.md#{key.anchor}")
    assert ">He calls your limits a joke.</label>" in block
    assert "[Read \u201cYour Boundaries Tested\u201d](<articles/tested.md#tested>)" in block


def test_a_sign_with_no_complete_title_is_left_out_unless_the_editor_gives_one():
    walking = article(
        "walking-away",
        section(
            "Appreciation Is Not a Luxury",
            "Appreciation is not grand gestures. When appreciation is missing, the signs are usually subtle at first: "
            "your needs are minimized, your boundaries tested, your presence taken for granted. Over time, those "
            "small dismissals accumulate.",
            level=2,
        ),
    )
    assert collect_items([walking]) == ()  # never the heading's claim, never a cut-out "your boundaries tested"
    items = collect_items([walking], titles={"Appreciation is not a luxury": "Your needs are minimized"})
    assert labels(items) == ["Your needs are minimized"] and items[0].section_title == "Appreciation Is Not a Luxury"
    assert items[0].hint.startswith("When appreciation is missing")


def test_the_project_s_own_signs_all_have_complete_titles(tmp_path):
    from conftest import ROOT
    from worth.pipeline import load_articles

    data = load_checklist_data(ROOT / "checklist.yml")
    items = collect_items(load_articles(ROOT / "articles").articles, hints=data.hints, titles=data.titles)
    assert len(items) >= 7
    for item in items:
        assert is_complete_title(item.label), item.label


def test_advice_causes_and_stories_under_the_signs_are_not_items():
    mixed = article(
        "mixed",
        *signs_part(
            section("Broken Promises", "He says he will call, and you wait all evening."),
            section("Talk to Someone Outside", "A friend can help you see what is happening to you."),
            section("Why Experts Get Stuck Too", "Even people who know the signs stay, because you hope he changes."),
            section("Types of One-Sided Relationships", "Some partners withdraw, others take; you give in both."),
            section("Identifying the Signs of Neglect", "He may not mean it, but you feel it in what he leaves out."),
            section("What Is Emotional Neglect?", "It is when your partner does not respond to what you feel."),
        ),
    )
    assert labels(collect_items([mixed])) == ["Broken Promises"]


def test_no_two_items_share_a_hint():
    first = article("first", *signs_part(
        section("Cold Silence", "He goes quiet for days when you speak up. He goes quiet for days when you speak up, again and again."),
    ))
    second = article("second", *signs_part(
        section("Broken Plans", "He goes quiet for days when you speak up. Then he cancels the plans you made together."),
    ))
    items = collect_items([first, second])
    assert len(items) == 2
    assert len({i.hint for i in items}) == 2
    assert items[1].hint == "Then he cancels the plans you made together."


def test_a_new_article_with_a_signs_part_adds_its_signs_by_itself():
    new = article("new-one", *signs_part(section("Broken Promises", "He says he will call, and you wait all evening.")))
    assert labels(collect_items([LET_HIM_GO, new]))[-1] == "Broken Promises"
    assert labels(collect_items([new])) == ["Broken Promises"]


def test_costs_letting_go_and_untitled_text_are_not_items():
    other = article("other", section(None, "You may find yourself waiting for him.", level=2), section("Costs", "It costs you sleep.", theme=Theme.COSTS, level=2))
    assert collect_items([other]) == ()


# --- De-duplication ----------------------------------------------------------------------------


def test_the_same_sign_in_two_articles_is_one_item_that_links_to_both():
    first = article("first", *signs_part(section("Dismissing Achievements", "He brushes off your wins.")))
    second = article("second", *signs_part(section("Dismissed Achievements", "When you win, he shrugs it off.")))
    items = collect_items([first, second])
    assert labels(items) == ["Dismissing Achievements"]
    assert items[0].also == (SectionKey("second", "dismissed-achievements"),)


def test_different_signs_that_share_a_word_stay_apart():
    first = article("first", *signs_part(section("Selective Presence", "He shows up when it benefits him.")))
    second = article("second", section("Selective Hearing", "He hears what suits him and nothing you say about your day.", level=2))
    assert labels(collect_items([first, second])) == ["Selective Presence", "Selective Hearing"]


# --- Hints -------------------------------------------------------------------------------------


def test_the_hint_is_the_first_sentence_that_describes_the_sign():
    hints = {i.label: i.hint for i in collect_items([LET_HIM_GO])}
    assert hints["Emotional Minimization"].startswith("When a partner consistently downplays your feelings")
    assert hints["Lack of Investment"] == "A partner who values you invests\u2014not just money, but energy, time, and thought."
    assert hints["Selective Presence"] == "He shows up when it benefits him."
    assert hints["The Gut Test"].startswith("If you constantly feel smaller")


def test_a_hint_falls_back_to_the_first_sentence_and_is_empty_without_text():
    assert choose_hint(["Is this love? Or is it habit?"]) == "Is this love?"
    assert choose_hint([]) == ""


def test_the_editor_can_replace_a_hint_in_front_matter_or_in_the_checklist_file():
    edited = article(
        "let-him-go",
        *LET_HIM_GO.sections,
        overrides=Overrides(checklist=MappingProxyType({"selective presence.": "He is there when it suits him."})),
    )
    items = collect_items([edited], hints={"THE GUT TEST": "You feel smaller around him."})
    hints = {i.label: i.hint for i in items}
    assert hints["Selective Presence"] == "He is there when it suits him."
    assert hints["The Gut Test"] == "You feel smaller around him."
    # Front matter speaks for its own article, so it wins over the shared file.
    both = collect_items([edited], hints={"Selective Presence": "From the file."})
    assert {i.label: i.hint for i in both}["Selective Presence"] == "He is there when it suits him."


# --- The editor's file -------------------------------------------------------------------------


def test_without_a_checklist_file_the_default_bands_apply(tmp_path):
    data = load_checklist_data(tmp_path / "checklist.yml")
    assert data.bands == DEFAULT_BANDS and data.hints == {}


def test_the_projects_checklist_file_is_valid_and_its_words_never_diagnose():
    data = load_checklist_data(Path(__file__).resolve().parent.parent / "checklist.yml")
    assert data.bands[0].min_percent == 0 and len(data.bands) >= 3
    for band in data.bands:
        assert not re.search(r"\byou are (in|being)\b|\babus|\bdiagnos|\bnarcissis|\bmust\b", band.words, re.IGNORECASE)


def test_the_editor_changes_the_bands_and_hints(tmp_path):
    path = tmp_path / "checklist.yml"
    path.write_text(
        "bands:\n  - from: 50\n    words: Half or more.\n  - from: 0\n    words: Take your time.\nhints:\n  The Gut Test: You know.\n"
        "titles:\n  Appreciation Is Not a Luxury: Your needs come last\n"
    )
    data = load_checklist_data(path)
    assert data.bands == (Band(0, "Take your time."), Band(50, "Half or more."))
    assert data.hints == {"The Gut Test": "You know."}
    assert data.titles == {"Appreciation Is Not a Luxury": "Your needs come last"}


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("bands:\n  - from: 0\n    words: [unclosed\n", 4, "not valid YAML"),
        ("bands:\n  - from: 0\n    words: Fine.\n  - words: No start.\n", 4, "'from'"),
        ("bands:\n  - from: 10\n    words: Some.\n", 1, "from: 0"),
        ("hints:\n  - a list\n", 1, "'hints'"),
        ("bands:\n  - from: 0\n    words: Fine.\ntitles:\n  The Gut Test:\n", 4, "'titles'"),
    ],
)
def test_a_mistake_in_the_checklist_file_is_one_line_naming_file_and_line(tmp_path, text, line, says):
    path = tmp_path / "checklist.yml"
    path.write_text(text)
    with pytest.raises(ArticleError) as err:
        load_checklist_data(path, display_path="checklist.yml")
    message = str(err.value)
    assert message.startswith(f"checklist.yml:{line}: ") and says in message and "\n" not in message


# --- What to read next -------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    source: SectionKey
    target: SectionKey
    score: float


def key(slug, anchor):
    return SectionKey(slug, anchor)


def test_next_reads_are_the_related_costs_and_letting_go_sections_best_first():
    items = collect_items([LET_HIM_GO])
    minimization = key("let-him-go", "emotional-minimization")
    links = {
        minimization: [
            Link(minimization, key("let-him-go", "boundaries"), 0.2),
            Link(minimization, key("let-him-go", "cost"), 0.6),
            Link(minimization, key("let-him-go", "selective-presence"), 0.9),  # another sign: not a next read
        ]
    }
    reads = next_reads_for(items, links, [LET_HIM_GO], link_for=lambda k: f"page.md#{k.anchor}")
    assert reads[minimization] == (NextRead("The Cost of Staying", "page.md#cost", 0.6), NextRead("Boundaries as Catalysts", "page.md#boundaries", 0.2))
    assert reads[key("let-him-go", "the-gut-test")] == ()


def test_a_sign_found_in_two_articles_gathers_the_next_reads_of_both():
    first = article("first", *signs_part(section("Dismissing Achievements", "He brushes off your wins.")), section("Cost", "It costs you.", theme=Theme.COSTS, level=2))
    second = article("second", *signs_part(section("Dismissed Achievements", "He shrugs off your wins.")), section("Leaving", "You leave.", theme=Theme.LETTING_GO, level=2))
    items = collect_items([first, second])
    links = {
        key("first", "dismissing-achievements"): [Link(key("first", "dismissing-achievements"), key("first", "cost"), 0.3)],
        key("second", "dismissed-achievements"): [Link(key("second", "dismissed-achievements"), key("second", "leaving"), 0.5)],
    }
    reads = next_reads_for(items, links, [first, second], link_for=lambda k: k.anchor)
    assert [r.title for r in reads[items[0].key]] == ["Leaving", "Cost"]


def test_a_sign_many_articles_describe_reads_next_from_its_first_sections_only():
    many = [
        article(f"a{i:02d}", *signs_part(section("Dismissing Achievements", "He brushes off your wins.")),
                section(f"Cost {i}", "It costs you.", theme=Theme.COSTS, level=2))
        for i in range(NEXT_READ_SOURCES + 4)
    ]
    [item] = [i for i in collect_items(many) if len(i.keys) > 1]
    assert len(item.keys) == NEXT_READ_SOURCES + 4
    links = {k: [Link(k, key(k.article, "cost"), 0.5)] for k in item.keys}
    reads = next_reads_for([item], links, many, link_for=lambda k: k.article)
    assert [r.url for r in reads[item.key]] == [k.article for k in item.keys[:NEXT_READ_SOURCES]]


# --- The block on the signs page ---------------------------------------------------------------


def to_html(block: str) -> str:
    return markdown.markdown(block, extensions=["abbr", "admonition", "attr_list", "md_in_html", "toc"])


def render(items, reads=None, bands=DEFAULT_BANDS):
    return to_html(render_checklist(items, bands, reads or {}, link_for=lambda k: f"{k.article}.md#{k.anchor}"))


def test_every_sign_has_an_unticked_labelled_checkbox_and_a_link_to_its_section():
    items = collect_items([LET_HIM_GO])
    page = render(items)
    boxes = re.findall(r"<input [^>]*id=\"(sign-\d+)\"[^>]*>", page)
    assert len(boxes) == len(items) == 4
    for box_id, item in zip(boxes, items):
        assert f'<label for="{box_id}" class="worth-checklist__label">{item.label}</label>' in page
    assert "checked" not in page
    # each link names the section it opens
    assert '<a href="let-him-go.md#selective-presence">Read \u201cSelective Presence\u201d</a>' in page
    assert "Read the full section" not in page
    assert re.search(r"<fieldset>\s*<legend>", page)


def test_without_javascript_the_block_is_a_plain_list_with_a_key_and_no_visible_controls():
    page = render(collect_items([LET_HIM_GO]))
    for control in re.findall(r"<input [^>]*>", page):
        assert " hidden" in control or control.startswith('<input type="checkbox" id="checklist-remember"')
    for part in ("worth-checklist__result", "worth-checklist__actions", "worth-checklist__remember"):
        assert re.search(rf'class="{part}"[^>]*hidden', page), part
    assert "Count the signs you recognise" in page
    assert "This is not a diagnosis" in page


def test_the_result_region_is_a_status_present_from_the_start():
    page = render(collect_items([LET_HIM_GO]))
    assert re.search(r'<div class="worth-checklist__result"[^>]*role="status"', page)
    assert "0 of 4 signs ticked." in page
    assert DEFAULT_BANDS[0].words in page


def test_the_block_needs_no_inline_code_and_carries_bands_as_data():
    items = collect_items([LET_HIM_GO])
    page = render(items, bands=(Band(0, "None yet </script><b>"), Band(50, "Half.")))
    assert not re.search(r"\son\w+=|\sstyle=|javascript:", page)
    # No script element at all: instant navigation would re-create it as code the CSP refuses.
    assert "<script" not in page
    found = re.search(r'data-bands="([^"]*)"', page)
    assert found and "<b>" not in found.group(1)
    assert json.loads(html.unescape(found.group(1)))[0] == {"from": 0, "words": "None yet </script><b>"}


def test_next_reads_are_embedded_per_sign_as_links_the_browser_can_rank():
    items = collect_items([LET_HIM_GO])
    reads = {
        items[0].key: (NextRead("The Cost of Staying", "costs.md#cost", 0.6), NextRead("Boundaries", "letting-go.md#b", 0.2)),
        items[1].key: (NextRead("Boundaries", "letting-go.md#b", 0.9),),
    }
    page = render(items, reads)
    assert 'data-next="n1:0.600 n2:0.200"' in page and 'data-next="n2:0.900"' in page
    assert '<a data-read="n1" href="costs.md#cost">The Cost of Staying</a>' in page
    assert '<a data-read="n2" href="letting-go.md#b">Boundaries</a>' in page


def test_article_text_in_labels_and_hints_stays_text():
    odd = article("odd", *signs_part(section("<script>alert(1)</script> *Stars*", "You hear [a link](http://x) and **shouting** from him.")))
    page = render(collect_items([odd]))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; *Stars*" in page
    hint = re.search(r'class="worth-checklist__hint">(.*?)</span>', page)[1]
    assert "<a " not in hint and html.unescape(hint) == "You hear [a link](http://x) and **shouting** from him."


def test_with_no_signs_yet_the_page_says_so_and_keeps_its_anchor():
    items = collect_items([article("costs-only", section("Costs", "It costs.", theme=Theme.COSTS, level=2))])
    page = to_html(render_checklist(items, load_checklist_data(Path("/nonexistent/checklist.yml")).bands, {}, link_for=str))
    assert 'id="checklist"' in page and "nothing to tick" in page and "<input" not in page


def test_a_merged_sign_links_to_the_other_article_too():
    first = article("first", *signs_part(section("Dismissing Achievements", "He brushes off your wins.")))
    second = article("second", *signs_part(section("Dismissed Achievements", "He shrugs off your wins.")))
    page = render(collect_items([first, second]))
    assert '<a href="second.md#dismissed-achievements">Also in Second</a>' in page


def test_a_question_an_faq_answers_is_no_sign_even_when_its_answer_names_one():
    faq = section("Frequently Asked Questions", theme=Theme.OTHER, level=2, anchor="frequently-asked-questions", part=None)
    asked = section("Does he ignore my texts on purpose?",
                    "He ignores your texts.\n\nHe reads them and answers days later, only when he needs something.",
                    part="frequently-asked-questions")
    told = article("faq", *signs_part(section("He Answers Days Later", "He reads your messages and replies a week later.")),
                   faq, asked)
    assert labels(collect_items([told])) == ["He Answers Days Later"]
