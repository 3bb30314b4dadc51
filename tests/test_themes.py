"""Themes from the lexicon, inherited from parts, overridden by the editor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worth.model import Section, Theme
from worth.noise import loose
from worth.pipeline import load_article
from worth.themes import LEXICON_FILE, ArticleThemes, PhraseCounter, load_lexicon, phrase_pattern, theme_features

FIXTURES = Path(__file__).parent / "fixtures"
# Sections in other authors' voices, labelled, kept out of the fit: what the reader makes of them
# measures how well it reads articles it has never seen.
VOICES = FIXTURES / "voices"
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
        f"When Love Becomes One-Sided\n{sign}\nSigns He Doesn't See Your Worth\n{sign}\nHe Ignores Your Feelings\n{sign}\n"
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


def test_subsections_of_a_labelled_part_take_the_theme_its_label_names():
    got = themes(load_article(FIXTURES / "article_with_labelled_parts.txt"))
    assert got["Your Sleep"] is got["Your Friendships"] is Theme.COSTS
    assert got["Part 2: Stepping Away"] is Theme.LETTING_GO
    assert got["Start With One True Sentence"] is got["Let the Quiet Be Quiet"] is Theme.LETTING_GO


def test_sibling_capital_headings_take_their_own_themes_and_a_last_word_is_other():
    got = themes(load_article(FIXTURES / "article_with_capital_headings.txt"))
    assert got["HOW YOU KNOW HE DOESN'T VALUE YOU"] is Theme.SIGNS
    assert got["WHAT STAYING DOES TO YOU"] is Theme.COSTS
    assert got["LEAVING, ONE SMALL STEP AT A TIME"] is Theme.LETTING_GO
    assert got["A FINAL WORD"] is Theme.OTHER


def test_the_words_that_open_a_heading_say_what_the_section_does():
    lexicon = load_lexicon()
    scores = lexicon.heading_scores("What to Do When You See the Signs")
    assert max(scores, key=scores.get) is Theme.LETTING_GO


@pytest.mark.parametrize("heading", ["Walking Out", "The Night I Walked Out"])
def test_walking_out_in_a_heading_names_letting_go_as_walk_out_does(heading):
    lexicon = load_lexicon()
    scores = lexicon.heading_scores(heading)
    assert max(scores, key=scores.get) is Theme.LETTING_GO and scores[Theme.LETTING_GO] > 0


def test_a_heading_with_only_a_tie_in_its_text_takes_the_theme_the_title_names(tmp_path):
    body = "He may write after you go. It will sting, and that is normal when staying felt safer."
    path = tmp_path / "steps.txt"
    path.write_text(
        "How to Let Go of Someone Who Won't Choose You\n\n"
        "Letting go is a process, and you are allowed to take it one step at a time, in any order.\n\n"
        f"Expect the Quiet to Feel Loud\n\n{body}\n",
        encoding="utf-8",
    )
    assert themes(load_article(path))["Expect the Quiet to Feel Loud"] is Theme.LETTING_GO



def test_an_article_about_a_friends_breakup_is_other_though_it_speaks_of_moving_on():
    got = themes(load_article(FIXTURES / "article_about_a_friends_breakup.txt"))
    assert got["Listen Before You Fix"] is Theme.OTHER
    assert got["When She Keeps Checking His Profile"] is Theme.OTHER
    assert got["Look After Yourself Too"] is Theme.OTHER


def test_sections_whose_headings_name_no_theme_take_the_theme_their_own_text_speaks_of():
    got = themes(load_article(FIXTURES / "article_with_a_partner_story.txt"))
    assert got["Everything Was Fine, Until It Wasn't"] is Theme.SIGNS
    assert got["What It Took From Me"] is Theme.COSTS
    assert got["The Night I Packed a Bag"] is Theme.LETTING_GO


def test_who_a_text_speaks_of_is_counted_in_whole_words():
    words, people = load_lexicon().people_in("He said his sister would help; the helper is here.", ["I know you're right."])
    assert words == 14
    assert people["he"] == 2  # not in "help", "the", "helper" or "here"
    assert people["others"] == 1 and people["you"] == 1 and people["partner"] == 0


def test_a_long_text_about_a_friend_does_not_outweigh_a_short_one_about_leaving(tmp_path):
    from worth.themes import ArticleThemes, theme_features

    friend = "We talked about her week and about how her friend might move on. " * 12
    leaving = "Leaving him and letting go was how I began to heal and move on."
    path = tmp_path / "two.txt"
    path.write_text(f"Two Evenings With My Friends\n\nA Long Talk\n\n{friend}\n\nA Short Note\n\n{leaving}\n", encoding="utf-8")
    sections = [s for s in load_article(path).sections if s.heading]
    lexicon = load_lexicon()
    article = ArticleThemes.of(sections, lexicon, None)
    long_talk, short_note = (theme_features(s, lexicon, article, None) for s in sections)
    assert short_note["text speaks of letting-go"] > long_talk["text speaks of letting-go"]
    assert long_talk["text speaks of others"] > 0 and "text speaks of others" not in short_note

# The counter finds every phrase in one pass; it must count exactly what each phrase's own
# pattern finds, including where phrases overlap ("he never" in "she never") or repeat.
_PIECES = ["sign", "signs", "he never", "he doesn't", "she never", "let go", "letting go", "cost", "costs",
           "staying", "stay", "'", "-", "x", "a", "un", "re", "lonel", "self-esteem", "  ", "never never", "never", "he",
           "heal", "health", "ex", "ex's", "expense"]


# With a phrase that can overlap itself ("never never never") each occurrence is weighed against
# the last one counted; without one, every start counts.
# A phrase marked as a whole word ("heal$") counts only where the word ends with it, also where a
# longer phrase ("health care") or the same phrase as a stem begins there.
_PHRASE_SETS = {
    "overlapping": ["sign", "signs", "he never", "never never", "let go", "cost", "stay", "staying", "self-esteem", "lonel"],
    "apart": ["sign", "signs", "he never", "let go", "letting go", "cost", "costs", "stay", "staying", "self-esteem", "lonel"],
    "whole words": ["sign", "he$", "he never", "heal$", "healing", "health care", "a ex$", "ex$", "ex", "cost$", "costs",
                    "never never$", "lonel"],
}


@pytest.mark.parametrize("phrases", _PHRASE_SETS.values(), ids=_PHRASE_SETS.keys())
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.lists(st.sampled_from([" ", "", "-", "'"]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_phrase_counter_agrees_with_each_phrase_pattern(phrases, pieces, joins):
    text = loose("".join(p + (joins[i] if i < len(joins) else " ") for i, p in enumerate(pieces)))
    counter = PhraseCounter([(p, i) for i, p in enumerate(phrases)], tags=len(phrases))
    totals, opening = counter.count(text)
    assert totals == [len(phrase_pattern(p).findall(text)) for p in phrases]
    assert opening == {i for i, p in enumerate(phrases) if phrase_pattern(p).match(text)}


def test_the_theme_fit_teaches_a_second_reading_the_label_accepts_at_a_lower_weight():
    # A section a labeller may read two ways (helping a friend move on: other, or letting-go) is
    # taught both ways, the second at a lower weight; a section with one reading is taught once.
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import reader_fit
    from worth.evidence import load_weights

    def norm(text):
        return " ".join(text.lower().split())

    [article] = [a for a in reader_fit.load_corpus(FIXTURES) if a.slug == "article_about_a_friends_breakup"]
    sections, title = reader_fit._sections(article.raw, load_weights())
    rows, ys, ws = reader_fit.theme_rows(article, sections, title, norm)
    taught = list(zip(ys, ws))
    assert taught.count(("other", 1.0)) == 4
    assert taught.count(("letting-go", reader_fit.ALT_WEIGHT)) == 1
    assert 0 < reader_fit.ALT_WEIGHT < 1
    assert len(rows) == 5


@pytest.mark.parametrize("heading", ["References", "[Edit]References", "Sources"])
def test_the_references_close_the_article_and_belong_to_no_theme(heading):
    lexicon = load_lexicon()
    assert lexicon.is_closing(heading)


_BARE_HEADINGS = """What His Silence Was Telling Me
I kept a notebook during the last year of my marriage. Reading it now, the entries sort themselves into a few plain lessons.
What I Noticed
He Never Asked About My Day
He never asked how the interview went and he forgot the name of my new manager. He dismissed my news and ignored my questions, and he took my effort for granted. These were signs he did not value me, and I kept explaining them away.
He Made Every Plan Mine to Carry
He made me arrange every weekend and every visit, then belittled the plans I made. He ignored my hints, dismissed my tiredness and never once said thank you. It was a pattern, not a bad month: he did not see my worth.
Where I Went From There
Letting Go, One Box at a Time
I moved out slowly, one box each week, so that leaving felt possible. Letting go of him was quieter than I feared; walking away gave me room to heal and to move on.
Moving On Without His Permission
A counsellor helped me say that I could let go and move on without his agreement. Leaving was my decision, and I stopped waiting for him to change before I walked away.
"""


def test_a_heading_with_no_text_of_its_own_takes_the_theme_of_the_section_it_introduces(tmp_path):
    path = tmp_path / "bare.txt"
    path.write_text(_BARE_HEADINGS, encoding="utf-8")
    article = load_article(path)
    got = themes(article)
    bare = {s.heading for s in article.sections if s.heading and not s.paragraphs}
    assert bare == {"What I Noticed", "Where I Went From There"}  # neither names a theme in its words
    assert got["What I Noticed"] is got["He Never Asked About My Day"] is Theme.SIGNS
    assert got["Where I Went From There"] is got["Letting Go, One Box at a Time"] is Theme.LETTING_GO


_STEPS = """What Worked for Me
Leaving is rarely one decision. These steps helped me, and they may help you.
1. Decide That You Are Leaving
Letting go starts with a decision. Say it out loud: you are walking away, and you will move on whether or not he agrees.
2. Soothe the Ache
The first weeks after leaving hurt, and the pain is real and lonely. Rest, eat well, sleep early and call a friend when the evenings feel long.
3. Move Out One Box at a Time
Leaving him feels possible when it is small. Pack one box a week, let go of what you do not need and walk away when the last box is done.
"""


def test_a_step_among_steps_about_leaving_keeps_their_theme_though_its_words_lean_elsewhere(tmp_path):
    path = tmp_path / "steps.txt"
    path.write_text(_STEPS, encoding="utf-8")
    got = themes(load_article(path))
    assert got["1. Decide That You Are Leaving"] is got["3. Move Out One Box at a Time"] is Theme.LETTING_GO
    # Its own words lean to what it costs (hurt, pain, lonely); the steps either side say it is a step of leaving.
    assert got["2. Soothe the Ache"] is Theme.LETTING_GO


def test_a_word_that_only_begins_like_a_theme_word_is_not_counted():
    # "heal$" is a whole word in the lexicon: "healthy" and "health" are not healing, "paint"
    # is not pain, "your experience" is not your ex; the words themselves still count.
    lexicon = load_lexicon()
    look_alike = lexicon.text_scores(["We painted the hall, kept healthy habits and spoke of your experience."])
    assert look_alike == dict.fromkeys(look_alike, 0.0)
    meant = lexicon.text_scores(["It takes time to heal after your ex's silence; the pain fades."])
    assert meant[Theme.LETTING_GO] == 2 and meant[Theme.COSTS] == 1
    got = themes(load_article(FIXTURES / "article_with_look_alike_words.txt"))
    assert set(got.values()) == {Theme.OTHER}


def test_the_subject_of_an_article_is_evidence_of_its_own_not_a_sign():
    # "Abuse" names what the whole article is about: its myths and its remedies speak of abuse
    # as much as its signs do, so the word alone votes for no theme; what he does does.
    lexicon = load_lexicon()
    assert not any(lexicon.heading_scores("Three Myths About Abuse").values())
    assert lexicon.subjects_in("Three Myths About Abuse", ["Abusers come from every kind of family."])["abuse"] == 2
    got = themes(load_article(FIXTURES / "article_about_abuse_myths_and_signs.txt"))
    assert got["Three Myths About Abuse"] is Theme.OTHER
    assert got["What Schools, Employers and Courts Can Do"] is Theme.OTHER
    assert got["What It Looks Like Day to Day"] is Theme.SIGNS


def test_an_article_written_for_themes_alone_teaches_no_furniture_title_or_headings():
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import reader_fit

    def norm(text):
        return " ".join(text.lower().split())

    corpus = {a.slug: a for a in reader_fit.load_corpus(FIXTURES)}
    themes_only = corpus["article_about_abuse_myths_and_signs"]
    assert themes_only.label["themes_only"]
    # (Three articles, so the headings fit on them alone has lines of both kinds to learn from.)
    others = [corpus[slug] for slug in ("article_with_a_partner_story", "article_with_page_furniture",
                                        "article_with_short_lines")]
    without, with_it = reader_fit.fit(others, norm), reader_fit.fit([*others, themes_only], norm)
    for decision in ("noise", "title", "heading"):
        assert with_it[decision] == without[decision]
    assert with_it["theme"] != without["theme"]


def test_plain_words_for_how_he_treats_her_and_for_healing_name_their_themes():
    # Articles say "he treats you badly", "the bare minimum", "the silent treatment" where the
    # lexicon's older words ("dismiss", "ignore") are missing, and give healing advice as tips
    # ("lean on a support system", "forgive yourself", "take care of yourself") under a heading that names
    # nothing ("A Few Things That Helped").
    lexicon = load_lexicon()
    harm = lexicon.text_scores(["When he treats you badly, gives you the bare minimum and the silent treatment."])
    assert harm[Theme.SIGNS] == 3
    heal = lexicon.text_scores(["Lean on your support system, forgive yourself and take care of yourself."])
    assert heal[Theme.LETTING_GO] == 4  # lean on, support system, forgive, take care of yourself
    for heading in ("He's Rarely Sorry", "He Won't Admit He Was Wrong", "Unwilling to Apologize"):
        assert lexicon.heading_scores(heading)[Theme.SIGNS] > 0, heading
    # Acknowledging your own feelings is no sign; his never acknowledging you is.
    assert lexicon.text_scores(["Acknowledge your feelings."])[Theme.SIGNS] == 0
    assert lexicon.text_scores(["He didn't acknowledge my work."])[Theme.SIGNS] == 2  # he didn't, didn't acknowledge
    got = themes(load_article(FIXTURES / "article_with_plain_harm_and_healing_words.txt"))
    assert got["What I Kept Telling Myself"] is Theme.SIGNS
    assert got["A Few Things That Helped"] is Theme.LETTING_GO
    assert got["About This Series"] is Theme.OTHER


@pytest.mark.parametrize(
    ("heading", "theme"),
    [("Don't Dismiss Her Day", Theme.SIGNS), ("Avoid Criticizing in Front of Friends", Theme.SIGNS),
     ("Tips on Not Sacrificing Your Sleep", Theme.COSTS), ("Stop Belittling His Plans", Theme.SIGNS)],
)
def test_a_heading_advising_against_a_sign_or_a_cost_does_not_name_it(heading, theme):
    # "Don't Dismiss Her Day" tells the reader what not to do: it is advice, not a sign of his.
    lexicon = load_lexicon()
    assert lexicon.heading_scores(heading)[theme] > 0  # the words alone would name it
    section = Section(heading=heading, level=2, theme=Theme.OTHER, blocks=(), line=1, anchor="a")
    features = theme_features(section, lexicon, ArticleThemes.of([section], lexicon, None), None)
    assert f"heading names {theme.value}" not in features
    assert f"heading advises against {theme.value}" in features
    got = themes(load_article(FIXTURES / "article_with_advice_against.txt"))
    assert set(got.values()) == {Theme.OTHER}


@pytest.mark.parametrize("heading", ["5. Put Downs", "Love Bombing", "Guilt Trips", "Name-Calling",
                                     "Coercion", "He Is Possessive", "Devaluing You"])
def test_what_an_abusive_partner_does_names_the_signs(heading):
    scores = load_lexicon().heading_scores(heading)
    assert max(scores, key=scores.get) is Theme.SIGNS and scores[Theme.SIGNS] > 0, heading


@pytest.mark.parametrize("heading", ["How to Fix a One-Sided Relationship", "Combating Gaslighting",
                                     "How to Respond to Gaslighting", "Dealing With Manipulation"])
def test_a_heading_naming_a_remedy_for_a_sign_does_not_name_the_sign(heading):
    # "How to Fix a One-Sided Relationship" is about what to do, not one more sign of his.
    lexicon = load_lexicon()
    assert lexicon.heading_scores(heading)[Theme.SIGNS] > 0  # the words alone would name it
    section = Section(heading=heading, level=2, theme=Theme.OTHER, blocks=(), line=1, anchor="a")
    features = theme_features(section, lexicon, ArticleThemes.of([section], lexicon, None), None)
    assert "heading names signs" not in features
    assert "heading advises against signs" in features


def test_a_negation_inside_a_theme_phrase_or_before_letting_go_still_names_the_theme():
    lexicon = load_lexicon()
    for heading, theme in [("He Doesn't Value Your Time", Theme.SIGNS), ("Don't Ask About Your Ex", Theme.LETTING_GO),
                           ("He's Not Calling? He's Not That Into You", Theme.SIGNS)]:
        section = Section(heading=heading, level=2, theme=Theme.OTHER, blocks=(), line=1, anchor="a")
        features = theme_features(section, lexicon, ArticleThemes.of([section], lexicon, None), None)
        assert f"heading names {theme.value}" in features, heading
        assert not any(k.startswith("heading advises against") for k in features), heading


def test_a_part_is_read_as_its_own_text_and_its_subsections_added_up():
    lexicon = load_lexicon()
    own = ("He ignores your needs and belittles you in front of friends.",)
    under = ("Moving on takes time.", "Let go of him, and lean on your support system.")
    together = lexicon.text_scores(own, under)
    assert together[Theme.SIGNS] > 0 and together[Theme.LETTING_GO] > 0
    assert together == lexicon.text_scores(own + under)  # as if read as one text
    assert lexicon.people_in("When He Ignores You", own, under) == lexicon.people_in("When He Ignores You", own + under)
    assert lexicon.subjects_in("Abuse", own, under) == lexicon.subjects_in("Abuse", own + under)


def test_words_from_inside_a_heading_are_scored_without_the_weight_of_coming_first():
    lexicon = load_lexicon()
    first = lexicon.heading_scores("Leaving, One Step at a Time")
    inside = lexicon.heading_scores("Leaving, One Step at a Time", lead=False)
    assert first[Theme.LETTING_GO] > inside[Theme.LETTING_GO] > 0
    assert inside == lexicon.heading_scores("Why leaving, one step at a time")  # as if it stood later


def test_plain_words_for_getting_out_and_rebuilding_name_letting_go():
    # A story of leaving names none of the older words ("let go", "move on"): the writer tells
    # someone, makes a plan, moves out and starts again.
    lexicon = load_lexicon()
    story = ["I told my sister everything. I made a plan, moved out on a Sunday and changed my number.",
             "A year later I trust my own judgment and feel like myself again."]
    assert lexicon.text_scores(story)[Theme.LETTING_GO] >= 6
    assert lexicon.text_scores(story)[Theme.SIGNS] == 0
    # What staying does to her body, her days and her friends, in plain words.
    worn = ["I couldn't sleep, I was anxious and worn down, and I had stopped seeing my friends."]
    assert lexicon.text_scores(worn)[Theme.COSTS] >= 3
    # What he does, told as events.
    him = ["He rolled his eyes, changed the subject and made plans without telling me."]
    assert lexicon.text_scores(him)[Theme.SIGNS] >= 3


def test_help_she_or_anyone_turns_to_is_a_subject_not_a_vote_for_letting_go():
    # A counsellor, a helpline, a lawyer: her way out, or a friend's, or the abuser's counselling
    # in an article about abuse; how often a section names them is weighed on its own.
    lexicon = load_lexicon()
    text = ["She found a counsellor, rang a helpline and saw a lawyer."]
    assert lexicon.text_scores(text)[Theme.LETTING_GO] == 0
    assert lexicon.subjects_in("", text)["help"] == 3


def test_signing_a_lease_is_no_sign_of_his():
    lexicon = load_lexicon()
    assert lexicon.text_scores(["I signed a lease. It made a significant difference."])[Theme.SIGNS] == 0
    assert lexicon.text_scores(["The first sign was small; the signs grew."])[Theme.SIGNS] == 2
    assert lexicon.heading_scores("Recognising a Controlling Partner")[Theme.SIGNS] > 0


def test_sections_in_other_voices_are_read_by_what_their_text_tells():
    # Headings that name no theme ("Tuesday Nights", "how i got out", "The Quiet Part"): the text
    # decides. These articles are kept out of the fit, so they stand for authors it has not seen.
    got = themes(load_article(VOICES / "article_with_a_story_of_leaving.txt"))
    assert got["Tuesday Nights"] is Theme.SIGNS
    assert got["The Sunday I Packed"] is Theme.LETTING_GO  # "I called my sister", "I packed on a Sunday"
    assert got["About Me"] is Theme.OTHER
    got = themes(load_article(VOICES / "article_with_an_advice_answer.txt"))
    assert got["This Week's Letter"] is Theme.SIGNS
    assert got["Where to Start"] is Theme.LETTING_GO
    got = themes(load_article(VOICES / "article_with_a_forum_update.txt"))
    assert got["the last straw"] is Theme.SIGNS
    assert got["how i got out"] is Theme.LETTING_GO  # "told my best friend", "moved out", "blocked him"
    got = themes(load_article(VOICES / "article_with_a_magazine_story.txt"))
    assert got["The Quiet Part"] is Theme.COSTS
    assert got["Small Things, Often"] is Theme.SIGNS
    got = themes(load_article(VOICES / "article_with_plain_self_help.txt"))
    assert got["Making a Plan"] is Theme.LETTING_GO


def test_most_sections_in_other_voices_are_read_as_their_labels_say():
    right = total = 0
    for label_path in sorted((VOICES / "labels").glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        got = themes(load_article(VOICES / f"{label_path.stem}.txt"))
        for heading, theme in label["themes"].items():
            total += 1
            right += got.get(heading) is Theme(theme)
    assert total >= 35
    assert right / total >= 0.45, f"{right} of {total}"  # 23 of 36 as fitted now; 11 before these words
