"""Give every section a theme: ``costs``, ``signs``, ``letting-go`` or ``other``.

1. A front matter ``themes:`` override for the heading wins; one set on a part heading holds for
   its subsections too (unless they have their own).
2. Text before the first heading is ``other`` (an article with no heading at all takes the theme
   its text clearly speaks of).
3. Every other section's theme is weighed from evidence (``theme_features``): the theme words
   (``themes.yml``, through ``lexicon``) of its heading and of its own text, whom its text speaks
   of (a partner, or friends and family: "move on" in a text about a friend is not letting go of
   him) and the subject it names (abuse, a breakup: an article about abuse names it in its myths
   and remedies as much as in its signs), the theme of the part it belongs to, the theme its
   title names and what the whole article speaks of (a heading with no text of its own is weighed
   with the text of the section after it, which it introduces). The theme judge of
   ``reader_weights.yml`` holds one weight per feature and theme; the theme whose weights sum
   highest wins. A subsection thus keeps its part's theme where its own words give no clear
   evidence, and leaves it where they do.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple

from .evidence import Weights, load_weights
from .lexicon import LEXICON_FILE, THEMED, Lexicon, PhraseCounter, load_lexicon, phrase_pattern
from .model import Overrides, Section, Theme
from .noise import is_questions_label
from .text import loose

__all__ = ["LEXICON_FILE", "Lexicon", "PhraseCounter", "assign_themes", "load_lexicon", "phrase_pattern", "theme_features"]

MIN_BODY_SCORE = 3.0
MIN_WORDS = 20  # a density is taken over at least this many words: a one-line section is no evidence


def _best(scores: Mapping[Theme, float]) -> Theme | None:
    # Ties go to the theme listed first in THEMED; no evidence at all gives None.
    best = max(THEMED, key=scores.__getitem__)
    return best if scores[best] > 0 else None


def _clear_winner(scores: Mapping[Theme, float]) -> Theme | None:
    ranked = sorted(THEMED, key=lambda t: -scores[t])
    top, second = scores[ranked[0]], scores[ranked[1]]
    return ranked[0] if top >= MIN_BODY_SCORE and top >= 1.5 * second else None


def _override(heading: str | None, overrides: Overrides) -> Theme | None:
    if heading is None:
        return None
    wanted = loose(heading)
    for key, value in overrides.themes.items():
        if loose(key) == wanted:
            return Theme(value)
    return None


def theme_of_section(section: Section, lexicon: Lexicon) -> Theme:
    """The theme a section's own heading and text speak of most (``other`` when none)."""
    if section.heading is None:
        return Theme.OTHER
    if lexicon.is_closing(section.heading) or lexicon.is_opening(section.heading):
        return Theme.OTHER
    heading = lexicon.heading_scores(section.heading)
    body = lexicon.text_scores(section.paragraphs)
    return _best({t: heading[t] + body[t] for t in THEMED}) or Theme.OTHER


def assign_themes(
    sections: Sequence[Section],
    *,
    overrides: Overrides = Overrides(),
    title: str | None = None,
    lexicon: Lexicon | None = None,
    weights: Weights | None = None,
) -> tuple[Section, ...]:
    """``sections`` with their ``theme`` set: the editor's ``themes:`` override for a heading (or
    for the part it belongs to) wins; otherwise the theme judge of ``reader_weights.yml`` weighs
    what the heading and the section's own text say (``theme_features``), with the part's theme
    and the title's as evidence among the rest. Text before the first heading is ``other``
    (unless the article has no heading: then its text decides when it clearly speaks of one)."""
    lexicon = lexicon or load_lexicon()
    weights = weights or load_weights()
    title_theme = _best(lexicon.heading_scores(title)) if title else None
    article = ArticleThemes.of(sections, lexicon, title_theme, title)
    parts: dict[str, Theme] = {}
    set_by_editor: set[str] = set()
    out: list[Section] = []
    for section in sections:
        theme = _override(section.heading, overrides)
        if theme is not None:
            set_by_editor.add(section.anchor)
        elif section.part in set_by_editor and not _has_override(section.heading, overrides):
            theme = parts.get(section.part)  # a theme the editor set on a part holds for its subsections
        if theme is None:
            theme = _automatic_theme(section, sections, parts, lexicon, article, weights)
        if section.anchor in article.children:
            parts[section.anchor] = theme
        out.append(_with_theme(section, theme))
    return tuple(out)


def _has_override(heading: str | None, overrides: Overrides) -> bool:
    return _override(heading, overrides) is not None


@dataclass(frozen=True)
class ArticleThemes:
    """What the whole article says about themes: each theme's phrases per hundred words of all
    its text, the theme its title names, and the subsections of each part."""

    density: Mapping[Theme, float]
    title_theme: Theme | None
    children: Mapping[str, tuple[Section, ...]]
    texts: Mapping[str, tuple[str, ...]]  # each section's paragraphs (by anchor), worked out once
    listed_under_title: bool = False  # the title names a part ("7 Signs ..."): numbered items are its
    following: Mapping[str, str] = field(default_factory=dict)  # each headed section's next one (by anchor)
    preceding: Mapping[str, str] = field(default_factory=dict)  # and the one before it
    own: Mapping[str, Theme | None] = field(default_factory=dict)  # what each names by its own words

    @classmethod
    def of(
        cls, sections: Sequence[Section], lexicon: Lexicon, title_theme: Theme | None, title: str | None = None
    ) -> ArticleThemes:
        listed = bool(title) and title_theme is not None and lexicon.is_part(title)
        # The sections' own scores added up (each is asked again for its section, and cached),
        # and what each headed section names by its own words.
        texts = {s.anchor: s.paragraphs for s in sections}
        size = max(sum(lexicon.word_count(paragraphs) for paragraphs in texts.values()), 1)
        scores = dict.fromkeys(THEMED, 0.0)
        own: dict[str, Theme | None] = {}
        for section in sections:
            body = lexicon.text_scores(texts[section.anchor])
            for t, score in body.items():
                scores[t] += score
            if section.heading is not None:
                own[section.anchor] = _own_theme(section.heading, body, lexicon)
        children: dict[str, list[Section]] = {}
        for section in sections:
            if section.part:
                children.setdefault(section.part, []).append(section)
        headed = list(own)
        return cls({t: 100 * scores[t] / size for t in THEMED}, title_theme,
                   {k: tuple(v) for k, v in children.items()}, texts, listed, dict(zip(headed, headed[1:])),
                   dict(zip(headed[1:], headed)), own)


def _own_theme(heading: str, body: Mapping[Theme, float], lexicon: Lexicon) -> Theme | None:
    """The theme a section's heading and the theme words of its text (``body``) name most, by
    their words alone (None where they name none, and for an introduction or a conclusion)."""
    if lexicon.is_closing(heading) or lexicon.is_opening(heading):
        return None
    named = lexicon.heading_scores(heading)
    return _best({t: named[t] + body[t] for t in THEMED})


class _FeatureNames(NamedTuple):
    """The names of the features that speak for one theme (``theme_features``)."""

    heading: str
    text: str
    article: str
    title: str
    opening: str
    both: str
    part: str
    part_silent: str
    advised_against: str
    beside: str


def _feature_names(theme: Theme) -> _FeatureNames:
    name = theme.value
    return _FeatureNames(
        f"heading names {name}", f"text speaks of {name}", f"article speaks of {name}", f"title names {name}",
        f"heading opens with {name}", f"heading and text name {name}", f"part is {name}",
        f"part is {name} and its own words are silent", f"heading advises against {name}",
        f"sections beside it name {name}")


# Written once: the theme stage names them for every section of every article.
_NAMES = {t: _feature_names(t) for t in Theme}


def theme_features(
    section: Section, lexicon: Lexicon, article: ArticleThemes, part_theme: Theme | None
) -> dict[str, float]:
    """What speaks for each theme of a section: the theme words of its heading (and whether they
    open it, and whether its text names the same theme most; a sign or a cost the heading advises
    against, "Don't Belittle Her", is evidence of its own, not the heading naming it); how densely its own text (for a
    part, its subsections' text too; for a heading with no text of its own, such as "Key Ideas"
    straight before the first idea, the text of the section after it) uses each theme's words;
    whom that text speaks of (he, a partner, friends, family and people in general, the reader)
    and what subject it names (abuse, breakups), which is no theme by itself;
    the part it belongs to; what the sections just before and after it name; the title; and how
    densely the whole article speaks of each theme.

    Densities (per hundred words, at least twenty words counted) rather than counts: a long
    section about a friend names "move on" more often than a short one about a partner."""
    assert section.heading is not None
    # The paragraphs it is weighed by, section by section (each section's are read once, and
    # a part's scores are its own and its subsections' added up).
    own = article.texts.get(section.anchor)
    if own is None:
        own = section.paragraphs
    texts: tuple[tuple[str, ...], ...] = (own,)
    if section.anchor in article.children:
        texts = (own, *(article.texts[c.anchor] for c in article.children[section.anchor]))
    elif not own:  # a heading with no text of its own introduces the section after it
        texts = (article.texts.get(article.following.get(section.anchor, ""), ()),)
    heading = lexicon.heading_scores(section.heading)
    advised_against = _advised_against(section.heading, lexicon)
    for t, score in advised_against.items():  # "Don't Belittle Her" names no sign of his
        heading[t] = max(heading[t] - score, 0.0)
    spoken = lexicon.section_words(section.heading, *texts)
    body, words, people = spoken.themes, spoken.words, spoken.people
    total = sum(body.values())
    per_hundred = 100 / max(words, MIN_WORDS)
    f: dict[str, float] = {"bias": 1.0}
    for t in THEMED:
        named = _NAMES[t]
        if heading[t]:
            f[named.heading] = math.log1p(heading[t])
        if body[t]:
            f[named.text] = math.log1p(body[t] * per_hundred)
        if article.density[t]:
            f[named.article] = math.log1p(article.density[t])
        if article.title_theme is t:
            f[named.title] = 1.0
    if total:
        f["text speaks of the themes"] = math.log1p(total * per_hundred)
    opens = lexicon.heading_opens_with(section.heading)
    if opens is not None:  # "Leaving, One Step at a Time": what the section does comes first
        f[_NAMES[opens].opening] = 1.0
    said = _best(heading)
    if said is not None and said is _best(body):
        f[_NAMES[said].both] = 1.0
    for group, count in people.items():
        if count:
            f[f"text speaks of {group}"] = math.log1p(count * per_hundred)
    # What the article is about (abuse, a breakup) rather than a theme: the myths about abuse
    # and the remedies for it speak of abuse as much as its signs do.
    for subject, count in spoken.subjects.items():
        if count:
            f[f"text speaks of {subject}"] = math.log1p(count * per_hundred)
    if part_theme is not None:
        f[_NAMES[part_theme].part] = 1.0
        if not any(heading.values()) and not total:
            f[_NAMES[part_theme].part_silent] = 1.0
    if lexicon.is_closing(section.heading) or lexicon.is_opening(section.heading):
        f["introduction or conclusion"] = 1.0
    for t, score in advised_against.items():
        f[_NAMES[t].advised_against] = math.log1p(score)
    # Sections side by side mostly speak of one theme (the steps of a list, the insights of a
    # book's notes): what the headed sections just before and after name by their own words.
    beside = [article.own[a] for a in (article.preceding.get(section.anchor), article.following.get(section.anchor)) if a]
    for t in THEMED:
        share = sum(n is t for n in beside)
        if share:
            f[_NAMES[t].beside] = share / len(beside)
    return f


# Advice against something: a heading opening with "Don't", "Stop" or "Avoid", or a "not",
# "without" or "instead of" before a verb in -ing ("Tips on Not Sacrificing Yourself"), or a
# remedy for it ("How to Fix a One-Sided Relationship", "Combating Gaslighting", "How to Respond
# to Gaslighting"), up to the next mark of punctuation.
_ADVICE_AGAINST = re.compile(
    r"^\W*(?:\d{1,3}[.):]?\s+)?(?:don't|do not|stop|avoid|quit)\s+([^?.!:;,]*)"
    r"|\b(?:not|without|instead of)\s+(\w+ing\b[^?.!:;,]*)"
    r"|\b(?:fix(?:ing)?|overcom(?:e|ing)|combat(?:ing)?|counter(?:ing)?|respond(?:ing)? to|deal(?:ing)? with"
    r"|cop(?:e|ing) with|handl(?:e|ing)|heal(?:ing)? from|recover(?:ing)? from|protect(?:ing)? yourself from"
    r"|break(?:ing)? free from|escap(?:e|ing))\s+([^?.!:;,]*)"
)


def _advised_against(heading: str, lexicon: Lexicon) -> dict[Theme, float]:
    """The heading scores of signs and costs that a heading advises against rather than names
    ("Don't Belittle or Criticize" is advice to the reader, not a sign of his; "Tips on Not
    Sacrificing Yourself" is not about what staying costs). Theme words of letting go are left
    as they are: "Don't Ask About Your Ex" is still about moving on."""
    found = _ADVICE_AGAINST.search(loose(heading))
    if found is None:
        return {}
    scores = lexicon.heading_scores(found[1] or found[2] or found[3], lead=False)
    return {t: scores[t] for t in (Theme.SIGNS, Theme.COSTS) if scores[t]}


# The fields Section's __init__ takes, listed once: ``dataclasses.replace`` looks them up again
# for every section of every article.
_SECTION_FIELDS = tuple(f.name for f in fields(Section) if f.init)


def _with_theme(section: Section, theme: Theme) -> Section:
    """``replace(section, theme=theme)``. A section that has the theme already (``other``, as
    built) is kept as it is: it is frozen, so a copy would only be equal to it."""
    if section.theme is theme:
        return section
    if type(section) is not Section:  # a subclass may take other fields
        return replace(section, theme=theme)
    values = {name: getattr(section, name) for name in _SECTION_FIELDS}
    values["theme"] = theme
    return Section(**values)


def _automatic_theme(
    section: Section,
    sections: Sequence[Section],
    parts: Mapping[str, Theme],
    lexicon: Lexicon,
    article: ArticleThemes,
    weights: Weights,
) -> Theme:
    if section.heading is None:
        if len(sections) == 1:  # an article without headings: its text decides
            return _clear_winner(lexicon.text_scores(section.paragraphs)) or Theme.OTHER
        return Theme.OTHER
    if is_questions_label(section.heading) and not any(lexicon.heading_scores(section.heading).values()):
        # "Frequently Asked Questions" names no theme: its questions' answers are its only text,
        # each about what it asks; the label over them is the article's frame, as its introduction is.
        return Theme.OTHER
    part = _part_theme(section, parts, article)
    features = theme_features(section, lexicon, article, part)
    own = Theme(weights.theme.choose(features)) if weights.theme.judges else theme_of_section(section, lexicon)
    if part is None or part is Theme.OTHER or own is part:
        return own
    # A subsection keeps its part's theme unless its own words clearly name the theme it was given.
    paragraphs = article.texts.get(section.anchor, section.paragraphs)
    heading = lexicon.heading_scores(section.heading)
    body = lexicon.text_scores(paragraphs)
    clear = _clear_winner({t: heading[t] + body[t] for t in THEMED})
    return own if clear is own else part


def _part_theme(section: Section, parts: Mapping[str, Theme], article: ArticleThemes) -> Theme | None:
    """The theme of the part a section belongs to: its part heading's, or, for a numbered item of
    a list article whose title names a part ("7 Signs He Doesn't Value You"), the title's."""
    if section.part:
        return parts.get(section.part)
    if article.listed_under_title and section.heading and _NUMBERED_HEADING.match(section.heading):
        return article.title_theme
    return None


_NUMBERED_HEADING = re.compile(r"\s*#?\d{1,3}[.):]?\s")
