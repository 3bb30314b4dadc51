"""The glossary: the editor's list, defining sentences found in the articles, term matching, and
the links and page built from them. Articles are built by hand from the real articles' sentences."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.errors import ArticleError
from worth.glossary import (
    DEFINING_PATTERNS,
    USES_FOLDED,
    USES_SHOWN,
    GlossaryEntry,
    GlossaryTerm,
    build_glossary,
    case_blind,
    find_definitions,
    find_term_uses,
    spellings,
    load_glossary,
    render_glossary_page,
    section_labels,
    section_term_links,
)
from worth.model import Article, Block, BlockKind, Section, SectionKey, Theme
from worth.render import InlineLink, render_inline
from worth.text import slugify

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_TERMS = (
    "intermittent reinforcement", "relational asymmetry", "identity diffusion", "cognitive dissonance",
    "attachment theory", "emotional labour", "boundaries", "self-concept", "reciprocity",
    "emotional minimization", "selective presence",
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("\u2019", "")).strip("-")


def make_article(slug: str, sections: list[tuple[str | None, Theme, list[str]]], *, title: str = "An article") -> Article:
    """An article of paragraphs under headings, as the reader would give it."""
    built = []
    for number, (heading, theme, paragraphs) in enumerate(sections):
        blocks = tuple(Block(BlockKind.PARAGRAPH, (p,), number * 10 + i + 2) for i, p in enumerate(paragraphs))
        built.append(Section(heading, 2, theme, blocks, number * 10 + 1, _slug(heading) if heading else "start"))
    return Article(slug=slug, source=f"articles/{slug}.txt", title=title, sections=tuple(built))


LET_HIM_GO = make_article(
    "let-him-go",
    [
        (None, Theme.OTHER, [
            "We all know relationships thrive on reciprocity, but let\u2019s talk about the less obvious part\u2014recognition as a form of emotional currency.",
            "Think about attachment theory\u2014if a partner fails to mirror your value back to you, you start questioning your own perception.",
        ]),
        ("The Slow Erosion of Self-Concept", Theme.COSTS, [
            "When your partner consistently misses your value, your sense of self gradually shifts. That\u2019s cognitive dissonance at play\u2014you\u2019re trying to reconcile the reality of what you bring with the feedback you\u2019re (not) getting.",
        ]),
        ("Relational Asymmetry and Burnout", Theme.COSTS, [
            "Experts often use the term relational asymmetry to describe one-sided emotional labor. Imagine a seesaw\u2014one partner is fully seated, grounded, comfortable.",
        ]),
        ("The Hook of Intermittent Reinforcement", Theme.COSTS, [
            "Research in behavioral psychology shows intermittent reinforcement is the most powerful reinforcement schedule because it\u2019s unpredictable.",
        ]),
        ("Identity Diffusion and Role Loss", Theme.COSTS, [
            "When you\u2019re constantly unseen, your identity can blur. Psychologists call this identity diffusion\u2014a loss of clarity about who you are, what you stand for, or even what you want.",
        ]),
        ("Emotional Minimization", Theme.SIGNS, [
            "This is the classic \u201cyou\u2019re too sensitive\u201d or \u201cyou\u2019re overreacting\u201d response. When a partner consistently downplays your feelings, what they\u2019re really saying is: your inner world doesn\u2019t matter enough to me.",
        ]),
        ("Selective Presence", Theme.SIGNS, [
            "Here\u2019s one that often gets overlooked: he shows up when it benefits him.",
            "Selective presence is a form of opportunism\u2014it reveals that he values what you give but not who you are.",
        ]),
        ("Undermining Patterns", Theme.SIGNS, [
            "This is where the small jabs add up. I remember a client who told me she stopped pitching ideas at work because her partner always called her \u201cscatterbrained.\u201d",
        ]),
        ("The Neurology of Liberation", Theme.LETTING_GO, [
            "But when you break the cycle\u2014when you leave\u2014the prefrontal cortex (the part of your brain tied to reasoning and long-term planning) gets a chance to reengage.",
        ]),
        ("Boundaries as Catalysts", Theme.LETTING_GO, [
            "A lot of people think boundaries are just about protection, but they\u2019re actually about growth. When you leave someone who doesn\u2019t see your worth, you\u2019re practicing a massive boundary: \u201cI refuse to be unseen.\u201d",
        ]),
    ],
    title="Why You Should Let Him Go If He Doesn\u2019t Realize Your Worth?",
)

WALKING_AWAY = make_article(
    "walking-away",
    [
        ("Walking Away Is Not Revenge\u2014It\u2019s Self-Respect", Theme.LETTING_GO, [
            "Walking away is not about punishing someone who failed to value you. Boundaries are not ultimatums. They are decisions.",
        ]),
        ("The Shock Factor: He Notices When You\u2019re Gone", Theme.LETTING_GO, [
            "Not because you suddenly became valuable\u2014but because your absence reveals what your presence provided. Emotional labor, stability, care, support.",
        ]),
    ],
    title="When He Doesn\u2019t Appreciate You, Do This: The Hard Truth About Walking Away",
)

ENTRIES = (
    GlossaryEntry("attachment theory", (), "The idea that early bonds shape how safe we feel with the people closest to us."),
    GlossaryEntry("boundaries", ("boundary",), "The limits you set on what you will accept."),
    GlossaryEntry("emotional labour", ("emotional labor",), "The work of managing feelings so things run smoothly."),
    GlossaryEntry("emotional minimization", ("emotional minimisation",), "When your feelings are played down."),
    GlossaryEntry("identity diffusion", (), "The editor's words, which the article's own replace."),
    GlossaryEntry("intermittent reinforcement", (), "Rewards that come now and then at random."),
    GlossaryEntry("reciprocity", (), "A fair give and take."),
    GlossaryEntry("selective presence", (), None),
    GlossaryEntry("self-concept", ("self concept",), "The picture you hold of who you are."),
    GlossaryEntry("never used anywhere", (), "A term none of the articles use."),
)


def key(article: Article, heading: str | None) -> SectionKey:
    section = next(s for s in article.sections if s.heading == heading)
    return SectionKey(article.slug, section.anchor)


# ---------------------------------------------------------------------------------------------
# The editor's list


def test_the_projects_glossary_lists_every_required_term_with_a_definition():
    entries = load_glossary(ROOT / "glossary.yml")
    by_term = {e.term: e for e in entries}
    for term in REQUIRED_TERMS:
        assert term in by_term, term
        assert by_term[term].definition, term
    assert "emotional labor" in by_term["emotional labour"].variants


def test_a_missing_glossary_file_is_an_empty_list(tmp_path):
    assert load_glossary(tmp_path / "glossary.yml") == ()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- term: reciprocity\n  definition: [unclosed\n", 3, "not valid YAML"),
        ("term: reciprocity\n", 1, "list of entries"),
        ("- term: reciprocity\n- definition: no term here\n", 2, "needs 'term'"),
        ("- term: boundaries\n  variants: boundary, boundaries\n  meaning: limits\n", 1, "unknown key 'meaning'"),
        ("- term: Reciprocity\n- term: reciprocity\n", 2, "listed twice"),
    ],
)
def test_bad_glossary_data_names_the_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        load_glossary(path, display_path="glossary.yml")
    assert caught.value.path == "glossary.yml"
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"glossary.yml:{line}: ")


def test_an_editor_data_file_that_is_not_utf8_is_one_line_naming_it(tmp_path):
    from worth.checklist import load_checklist_data
    from worth.help import load_help

    for name, load in (("glossary.yml", load_glossary), ("checklist.yml", load_checklist_data), ("help.yml", load_help)):
        path = tmp_path / name
        path.write_bytes("- term: caf\u00e9\n".encode("latin-1"))
        with pytest.raises(ArticleError) as caught:
            load(path, display_path=name)
        assert str(caught.value) == f"{name}: is not UTF-8 text; save it as UTF-8"


# ---------------------------------------------------------------------------------------------
# Defining sentences


@pytest.mark.parametrize(
    ("term", "definition", "heading"),
    [
        ("identity diffusion", "a loss of clarity about who you are, what you stand for, or even what you want", "Identity Diffusion and Role Loss"),
        ("relational asymmetry", "one-sided emotional labor", "Relational Asymmetry and Burnout"),
        ("selective presence", "a form of opportunism\u2014it reveals that he values what you give but not who you are", "Selective Presence"),
        ("cognitive dissonance", "you\u2019re trying to reconcile the reality of what you bring with the feedback you\u2019re (not) getting", "The Slow Erosion of Self-Concept"),
        ("emotional minimization", "the classic \u201cyou\u2019re too sensitive\u201d or \u201cyou\u2019re overreacting\u201d response", "Emotional Minimization"),
        ("prefrontal cortex", "the part of your brain tied to reasoning and long-term planning", "The Neurology of Liberation"),
    ],
)
def test_defining_sentences_are_found_in_the_articles_words(term, definition, heading):
    found = find_definitions([LET_HIM_GO, WALKING_AWAY], ENTRIES)
    assert found[term].definition == definition
    assert found[term].key == key(LET_HIM_GO, heading)
    assert definition in found[term].sentence


def test_a_term_an_article_names_with_known_as_is_found_without_being_listed():
    article = make_article("a", [("Why It Hurts", Theme.COSTS, [
        "A bond that grows stronger because of the hurt itself is known as trauma bonding.",
    ])])
    found = find_definitions([article])
    assert found["trauma bonding"].definition == "A bond that grows stronger because of the hurt itself"


def test_sentences_that_only_mention_a_term_define_nothing():
    found = find_definitions([LET_HIM_GO, WALKING_AWAY], ENTRIES)
    # "Research ... shows intermittent reinforcement is the most powerful ..." says something
    # about the term; "Boundaries are not ultimatums" says what it is not.
    assert "intermittent reinforcement" not in found
    assert "boundaries" not in found
    # "This is where the small jabs add up" under a heading that names no term, and
    # "her partner always called her “scatterbrained.”" are not definitions.
    assert set(found) == {
        "identity diffusion", "relational asymmetry", "selective presence", "cognitive dissonance",
        "emotional minimization", "prefrontal cortex",
    }


def test_the_editors_definition_wins_and_the_articles_sentence_is_quoted_as_a_use():
    terms = {t.term: t for t in build_glossary([LET_HIM_GO, WALKING_AWAY], ENTRIES)}
    diffusion = terms["identity diffusion"]
    assert diffusion.definition == "The editor's words, which the article's own replace."
    assert diffusion.defined_in == key(LET_HIM_GO, "Identity Diffusion and Role Loss")
    assert diffusion.quote.startswith("Psychologists call this identity diffusion")
    assert not diffusion.quote_defines
    reinforcement = terms["intermittent reinforcement"]
    assert reinforcement.definition == "Rewards that come now and then at random."
    assert reinforcement.defined_in is None and reinforcement.quote is None


def test_an_articles_sentence_defines_a_term_only_where_it_really_defines_it():
    terms = {t.term: t for t in build_glossary([LET_HIM_GO, WALKING_AWAY], ENTRIES)}
    # "Selective presence is a form of ...": the term is the subject of a defining verb, and the
    # editor gives no words of their own
    presence = terms["selective presence"]
    assert presence.quote_defines and presence.definition.startswith("a form of")
    # "That's cognitive dissonance at play—you're trying to ...": a use, not a definition; with
    # no editor's words there is nothing to show as its definition, so no entry
    assert "cognitive dissonance" not in terms
    page = render_glossary_page(list(terms.values()), lambda k: f"x.md#{k.anchor}", label_for_section=lambda k: k.anchor)
    assert "The editor's words, which the article's own replace." in page
    assert "How an article uses it:" in page


def test_the_glossary_keeps_terms_that_are_used_and_defined_with_every_section_using_them():
    terms = {t.term: t for t in build_glossary([LET_HIM_GO, WALKING_AWAY], ENTRIES)}
    assert "never used anywhere" not in terms
    assert "relational asymmetry" in terms  # defined by an article only
    assert "prefrontal cortex" not in terms  # an article only explains it in passing, in brackets
    assert terms["emotional labour"].uses == (
        key(LET_HIM_GO, "Relational Asymmetry and Burnout"),
        key(WALKING_AWAY, "The Shock Factor: He Notices When You\u2019re Gone"),
    )
    assert terms["boundaries"].uses == (
        key(LET_HIM_GO, "Boundaries as Catalysts"),
        key(WALKING_AWAY, "Walking Away Is Not Revenge\u2014It\u2019s Self-Respect"),
    )
    # A heading alone counts as a use.
    assert key(LET_HIM_GO, "The Slow Erosion of Self-Concept") in terms["self-concept"].uses
    assert terms["emotional labour"].slug == "emotional-labour"
    assert list(terms) == sorted(terms)


def used(text: str, entries=ENTRIES) -> list[tuple[str, str]]:
    return [(text[u.start : u.end], u.term) for u in find_term_uses(text, entries)]


def test_terms_are_found_whatever_the_case_and_spelling():
    assert used("Emotional Minimization is common. So is emotional minimisation.") == [
        ("Emotional Minimization", "emotional minimization"),
        ("emotional minimisation", "emotional minimization"),
    ]
    assert used("one-sided emotional labor; Emotional labour, stability, care") == [
        ("emotional labor", "emotional labour"),
        ("Emotional labour", "emotional labour"),
    ]
    assert used("you\u2019re practicing a massive boundary: \u201cI refuse to be unseen.\u201d Boundaries are decisions.") == [
        ("boundary", "boundaries"),
        ("Boundaries", "boundaries"),
    ]


def test_an_unlisted_ise_spelling_is_found():
    entries = (GlossaryEntry("emotional minimization"),)
    assert used("That is emotional minimisation.", entries) == [("emotional minimisation", "emotional minimization")]


def test_terms_are_never_found_inside_other_words():
    entries = (GlossaryEntry("reciprocity"), GlossaryEntry("boundaries", ("boundary",)), GlossaryEntry("self-concept"))
    assert used("Nonreciprocity, boundaryless love and a self-conceptual gap.", entries) == []
    assert used("not reciprocity\u2014that\u2019s entitlement (reciprocity).", entries) == [
        ("reciprocity", "reciprocity"),
        ("reciprocity", "reciprocity"),
    ]


def test_the_longest_term_wins_and_uses_never_overlap():
    entries = (GlossaryEntry("presence"), GlossaryEntry("selective presence"), GlossaryEntry("self concept"), GlossaryEntry("self-concept"))
    assert used("Selective presence is a form of opportunism; your presence matters.", entries) == [
        ("Selective presence", "selective presence"),
        ("presence", "presence"),
    ]


def test_a_term_written_across_a_line_break_or_with_a_hyphen_is_found():
    assert used("your self\nconcept and your self-concept") == [("self\nconcept", "self-concept"), ("self-concept", "self-concept")]


def _links_of(*paragraphs: str) -> list[list[tuple[str, str, str]]]:
    """The glossary links of one section made of ``paragraphs``: per paragraph, (text, href, title)."""
    article = make_article("walking-away", [("A part", Theme.COSTS, list(paragraphs))])
    links = section_term_links([article], _terms())
    [section_links] = links.values()
    return [
        [(text[link.start : link.end], link.href, link.title) for link in line]
        for block, text in zip(section_links, paragraphs)
        for line in block
    ]


def _terms() -> list[GlossaryTerm]:
    return list(build_glossary([LET_HIM_GO, WALKING_AWAY], ENTRIES))


def test_only_the_first_use_of_each_term_in_a_section_is_linked():
    found = _links_of("Boundaries are not ultimatums. Boundaries are decisions.", "Some boundaries protect reciprocity.")
    assert [[text for text, _href, _title in line] for line in found] == [["Boundaries"], ["reciprocity"]]


def test_a_link_leads_to_the_entry_from_the_site_root_with_the_definition_as_its_title():
    [[(text, href, title)]] = _links_of("A massive boundary.")
    assert (text, href, title) == ("boundary", "glossary.md#boundaries", "The limits you set on what you will accept.")
    rendered = render_inline("A massive boundary.", [InlineLink(10, 18, href, title)])
    assert rendered == 'A massive [boundary](<glossary.md#boundaries> "The limits you set on what you will accept.").'


def test_every_section_links_its_own_first_uses():
    article = make_article("walking-away", [("One", Theme.COSTS, ["Boundaries matter."]), ("Two", Theme.COSTS, ["Boundaries again."])])
    links = section_term_links([article], _terms())
    assert len(links) == 2 and all(block[0][0].href == "glossary.md#boundaries" for block in (v[0] for v in links.values()))


def test_linked_text_renders_as_the_article_wrote_it_with_one_tooltip_link_per_term():
    text = "Is *this* reciprocity? <b>Reciprocity</b> again, and one-sided emotional labor & care."
    article = make_article("walking-away", [("A part", Theme.COSTS, [text])])
    [[[spans]]] = section_term_links([article], _terms()).values()
    html = markdown.markdown(render_inline(text, spans), extensions=["abbr", "attr_list", "md_in_html"])
    assert html == (
        '<p>Is *this* <a href="glossary.md#reciprocity" title="A fair give and take.">reciprocity</a>? '
        "&lt;b&gt;Reciprocity&lt;/b&gt; again, and one-sided "
        '<a href="glossary.md#emotional-labour" title="The work of managing feelings so things run smoothly.">emotional labor</a>'
        " &amp; care.</p>"
    )


def test_quotes_in_a_definition_stay_inside_the_tooltip():
    text = "That is emotional minimization."
    article = make_article("walking-away", [("A part", Theme.COSTS, [text])])
    quoted = GlossaryEntry("emotional minimization", (), "When \u201cyou\u2019re too sensitive\u201d is the \"answer\".")
    [[[spans]]] = section_term_links([article], build_glossary([article], [quoted])).values()
    html = markdown.markdown(render_inline(text, spans))
    assert 'title="When \u201cyou\u2019re too sensitive\u201d is the &quot;answer&quot;."' in html
    assert ">emotional minimization</a>." in html


# ---------------------------------------------------------------------------------------------
# The glossary page


def test_the_glossary_page_defines_each_term_and_links_back_to_every_use():
    terms = _terms()
    labels = section_labels([LET_HIM_GO, WALKING_AWAY])
    page = render_glossary_page(terms, lambda k: f"articles/{k.article}.md#{k.anchor}", label_for_section=labels.__getitem__)
    html = markdown.markdown(page, extensions=["attr_list", "abbr", "md_in_html"])
    for term in terms:
        assert f'id="{term.slug}"' in html
        for use in term.uses:
            assert f'href="articles/{use.article}.md#{use.anchor}"' in html
    # The editor's definition is given as is; an article's sentence is quoted and cited, as the
    # definition where it really defines the term, else as a use after the editor's words.
    assert "<p>The editor's words, which the article's own replace.</p>\n<p>How an article uses it:</p>\n<blockquote>\n<p>Psychologists call this identity diffusion\u2014a loss of clarity" in html
    assert 'From <a href="articles/let-him-go.md#identity-diffusion-and-role-loss">Identity Diffusion and Role Loss</a>' in html
    assert "<p>Rewards that come now and then at random.</p>" in html
    assert "<blockquote>\n<p>Selective presence is a form of opportunism" in html


def test_a_term_used_in_many_places_lists_them_all_with_the_rest_folded_away():
    many = [make_article(f"a{i:02d}", [("Giving and Receiving", Theme.SIGNS, ["There was no reciprocity."])]) for i in range(15)]
    [term] = build_glossary(many, [GlossaryEntry("reciprocity", (), "A fair give and take.")])
    page = render_glossary_page([term], lambda k: f"articles/{k.article}.md#{k.anchor}", label_for_section=lambda k: k.article)
    html = markdown.markdown(page, extensions=["attr_list", "pymdownx.details"])
    assert all(f'href="articles/a{i:02d}.md#giving-and-receiving"' in html for i in range(15))
    used_in, _, folded = html.partition("<details")
    assert used_in.count("<a ") == USES_SHOWN
    rest = 15 - USES_SHOWN
    assert f"And {rest} more places" in folded and folded.count("<a ") == rest


def test_an_empty_glossary_says_so():
    page = render_glossary_page([], lambda k: "", label_for_section=lambda k: "")
    assert "There are no words here yet." in page


def test_slugs_are_readable_anchors():
    assert slugify("Self-Concept") == "self-concept"
    assert slugify("emotional  labour") == "emotional-labour"


# Terms are found by one pattern factored into a trie; it must find what the plain alternation
# of every spelling, longest first, finds: the same places, the longest term where two could match.
_WORDS = ["blind", "spot", "blind-spot", "spots", "labour", "labor", "emotional", "Emotional", "it's", "it\u2019s", "x"]


@given(
    st.lists(st.lists(st.sampled_from(_WORDS[:-1]), min_size=1, max_size=3), min_size=1, max_size=6),
    st.lists(st.sampled_from(_WORDS), max_size=25),
    st.lists(st.sampled_from([" ", "  ", "-", " - ", ", ", "\n"]), max_size=25),
)
@settings(max_examples=300, deadline=None)
def test_terms_are_found_where_the_plain_alternation_of_their_spellings_finds_them(terms, words, gaps):
    entries = [GlossaryEntry(" ".join(t), "a definition") for t in terms]
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    by_form = {}
    for entry in entries:
        for form in spellings(entry.term, entry.variants):
            by_form.setdefault(form, entry.term)
    forms = sorted(by_form, key=lambda f: (-len(f), f))
    plain = re.compile(
        r"(?<![\w\-])(?:" + "|".join("[\\s\\-]+".join(re.escape(w).replace("'", "['\u2019]") for w in f.split()) for f in forms) + r")(?![\w\-])",
        re.IGNORECASE,
    )
    expected = [(m.start(), m.end(), by_form[" ".join(re.split(r"[\s\-]+", m.group(0).replace("\u2019", "'").lower().strip()))]) for m in plain.finditer(text)]
    assert [(u.start, u.end, u.term) for u in find_term_uses(text, entries)] == expected


def test_a_term_used_in_hundreds_of_places_lists_a_readable_number_and_counts_the_rest():
    many = [make_article(f"a{i:03d}", [("Giving and Receiving", Theme.SIGNS, ["There was no reciprocity."])]) for i in range(300)]
    [term] = build_glossary(many, [GlossaryEntry("reciprocity", (), "A fair give and take.")])
    page = render_glossary_page([term], lambda k: f"articles/{k.article}.md#{k.anchor}", label_for_section=lambda k: k.article)
    html = markdown.markdown(page, extensions=["attr_list", "pymdownx.details"])
    used_in, _, folded = html.partition("<details")
    assert used_in.count("<a ") == USES_SHOWN
    assert f"And {300 - USES_SHOWN} more places" in folded and folded.count("<a ") == USES_FOLDED
    assert f"And {300 - USES_SHOWN - USES_FOLDED} more: search the site for" in folded


def test_case_blind_text_reads_every_character_a_case_blind_pattern_reads_as_a_letter():
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch(letter, char, re.IGNORECASE):
                assert case_blind(char) == letter, (hex(code), letter)


_SENTENCE_PIECES = ["The term", "the PHRASE", "use the term", "Uses The Word", "emotional labour", "gaslighting", "refers to",
                    "REFERS TO", "is defined as", "is the name for", "call this", "CALLED IT", "known as", "is called",
                    "that's", "at play", "At Work", "\u2014", ":", "the prefrontal cortex", "(the part of the brain)", "is a",
                    "Is A", "means the", "this is", "This Is The", "\u0130s", "\u017ftuck", "\u212anown as", "x", ",", "."]


@given(st.lists(st.sampled_from(_SENTENCE_PIECES), min_size=1, max_size=12))
@settings(max_examples=1000, deadline=None)
def test_a_defining_pattern_never_matches_a_sentence_without_one_of_the_words_it_needs(pieces):
    sentence = " ".join(pieces)
    for pattern in DEFINING_PATTERNS:
        if pattern.regex.search(sentence):
            assert any(word in case_blind(sentence) for word in pattern.needs), (pattern.name, sentence)
