"""Give every section a theme: ``costs``, ``signs``, ``letting-go`` or ``other``.

The vocabulary is data: ``themes.yml`` beside this module (read once by ``load_lexicon``). The
rules that use it, in order of precedence:

1. A front matter ``themes:`` override for the heading wins.
2. Text before the first heading, and introduction or conclusion headings, are ``other``
   (an article with no heading at all takes the theme its text clearly speaks of).
3. A part heading takes the theme its heading names (else what its text speaks of most).
4. A subsection takes its part's theme, unless its own heading and text clearly name another.
5. Any other heading takes the theme its heading and text name most; when none (or only a
   weak tie in the text), the theme the article's title names if the title reads like a part
   heading ("7 Signs...", "How to Let Go..."), else ``other``. A phrase that opens a heading
   counts twice.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

from . import yamltext
from .evidence import Weights, load_weights
from .model import Overrides, Section, Theme
from .text import loose
from .patterns import trie_pattern

LEXICON_FILE = Path(__file__).with_name("themes.yml")
THEMED = (Theme.SIGNS, Theme.COSTS, Theme.LETTING_GO)
HEADING_WEIGHT = 3.0
MIN_BODY_SCORE = 3.0
# A heading's opening words say what the section does: "What to Do If You Recognise These Signs"
# is about acting on the signs, so a phrase that opens the heading counts twice.
LEAD_WEIGHT = HEADING_WEIGHT  # the opening phrase counts twice


# Where a phrase may start: at a word's first letter ("minimi" matches "minimize" but not
# "reminimize"), as the lookbehind of every phrase pattern says.
_LOOKBEHIND = r"(?<![\w'])"


class PhraseCounter:
    """Counts, in one pass over a loose text, the phrases of a lexicon, summed per tag.

    The lexicon has some two hundred phrases and every section's text is scored against all of
    them, so a regular expression per phrase (one scan of the text each) dominated the build.
    Here one compiled pattern finds each place where some phrase starts and captures the
    longest phrase there; the phrases found at that place are exactly the entries whose phrase
    begins that longest one (``_within``). Each phrase is counted exactly as
    ``len(phrase_pattern(phrase).findall(text))`` counts it on its own (non-overlapping
    occurrences, even where it overlaps another phrase), and that count is added to its tag.

    Texts must be ``loose()`` (lower case, single spaces), as every caller's are.
    """

    def __init__(self, tagged: Sequence[tuple[str, int]], tags: int) -> None:
        self.tags = tags
        entries = [(index, phrase, tag) for index, (phrase, tag) in enumerate(tagged) if phrase]  # "" names nothing
        self._size = len(tagged)
        phrases = {phrase for _, phrase, _ in entries}
        # For each phrase, the entries whose phrase begins it (itself included): what is found
        # wherever it is the longest phrase found.
        # (Looked up by each phrase's beginnings rather than by comparing every pair of phrases,
        # which took longer than the rest of a small site's themes.)
        by_phrase: dict[str, list[tuple[int, int, int]]] = {}
        for index, phrase, tag in entries:
            by_phrase.setdefault(phrase, []).append((index, len(phrase), tag))
        self._within = {
            longest: tuple(sorted(found for end in range(1, len(longest) + 1) for found in by_phrase.get(longest[:end], ())))
            for longest in phrases
        }
        self._tags_within = {longest: tuple(tag for _, _, tag in found) for longest, found in self._within.items()}
        # A phrase starts where no word character or apostrophe comes before it (the lookbehind
        # of ``phrase_pattern``). The pattern takes that character, from the text with a space
        # put before it (which the start of the text passes as): opening with a set of
        # characters, it lets the regex engine skip along to the next candidate, which a
        # lookbehind does not. The phrase itself is only looked ahead at, so the next search
        # starts inside it and no start is passed over. The trie tries a longer phrase before a
        # shorter one and its branches part on distinct characters: the group is the longest
        # phrase there.
        self._starts = re.compile(r"[^\w'](?=(" + trie_pattern(phrases) + "))") if phrases else None
        # Counting non-overlapping occurrences passes over one only inside an earlier one of
        # the same phrase. When no phrase can overlap itself, every start found counts.
        self._overlapping = any(_overlaps_itself(phrase) for phrase in phrases)

    def count(self, text: str) -> tuple[list[int], frozenset[int]]:
        """The number of phrase occurrences per tag, and the tags of phrases opening ``text``."""
        totals = [0] * self.tags
        if self._starts is None:
            return totals, frozenset()
        padded = " " + text  # a match at padded[i] is a phrase starting at text[i]
        if self._overlapping:
            return self._count_one_by_one(padded, totals)
        tags_within = self._tags_within
        for longest in self._starts.findall(padded):  # a handful: a plain loop beats a Counter
            for tag in tags_within[longest]:
                totals[tag] += 1
        opening = self._starts.match(padded)
        return totals, frozenset(tags_within[opening[1]]) if opening else frozenset()

    def _count_one_by_one(self, padded: str, totals: list[int]) -> tuple[list[int], frozenset[int]]:
        # Each start in turn, passing over one inside the last counted occurrence of its phrase.
        opening: set[int] = set()
        ends = [0] * self._size  # where each entry's last counted occurrence ends
        within = self._within
        for match in self._starts.finditer(padded):  # type: ignore[union-attr]
            at = match.start()
            for index, length, tag in within[match[1]]:
                if at >= ends[index]:
                    totals[tag] += 1
                    ends[index] = at + length
                    if at == 0:
                        opening.add(tag)
        return totals, frozenset(opening)


_WORD_OR_APOSTROPHE = re.compile(r"[\w']")


def _overlaps_itself(phrase: str) -> bool:
    """Whether two occurrences of ``phrase`` can overlap in a text: its end repeats its beginning
    (``never never``, shifted by ``shift``), and that later start is a word start, which the
    lookbehind allows only after a character that is neither a word character nor an apostrophe
    (here a character of the first occurrence: ``phrase[shift - 1]``)."""
    return any(
        phrase.startswith(phrase[shift:]) and not _WORD_OR_APOSTROPHE.fullmatch(phrase[shift - 1])
        for shift in range(1, len(phrase))
    )


@dataclass(frozen=True)
class Lexicon:
    """Compiled ``themes.yml``: phrases per theme, part and closing/opening headings.

    ``heading`` and ``text`` hold each theme's phrases in loose form; ``phrase_pattern`` is the
    plain definition of a match, which ``PhraseCounter`` counts fast.
    """

    heading: Mapping[Theme, tuple[str, ...]]
    text: Mapping[Theme, tuple[str, ...]]
    parts: tuple[re.Pattern[str], ...]
    closing: frozenset[str]
    opening: frozenset[str]

    @functools.cached_property
    def _counter(self) -> PhraseCounter:
        # Tags: heading phrases of each theme (0, 1, 2 in THEMED order), then text phrases (3, 4, 5).
        tagged = [(p, kind * len(THEMED) + i) for kind, lists in enumerate((self.heading, self.text))
                  for i, t in enumerate(THEMED) for p in lists[t]]
        return PhraseCounter(tagged, tags=2 * len(THEMED))

    @functools.cached_property
    def _part(self) -> re.Pattern[str]:
        # Any one of the part patterns: one search instead of one per pattern.
        return re.compile("|".join(f"(?:{p.pattern})" for p in self.parts)) if self.parts else re.compile(r"(?!)")

    @functools.cached_property
    def _scores(self) -> Callable[[str], tuple[tuple[float, ...], tuple[float, ...]]]:
        counter, n = self._counter, len(THEMED)

        # The same headings and texts are scored again by later rules: remember recent answers.
        @lru_cache(maxsize=4096)
        def scores(text: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
            totals, opening = counter.count(text)
            heading = tuple(
                HEADING_WEIGHT * totals[i] + totals[n + i] + LEAD_WEIGHT * (i in opening) for i in range(n)
            )
            return heading, tuple(float(totals[n + i]) for i in range(n))

        return scores

    def is_part(self, heading: str) -> bool:
        return self._part.search(loose(heading)) is not None

    def is_closing(self, heading: str) -> bool:
        return loose(heading) in self.closing

    def is_opening(self, heading: str) -> bool:
        return loose(heading) in self.opening

    def heading_scores(self, heading: str) -> dict[Theme, float]:
        return dict(zip(THEMED, self._scores(loose(heading))[0]))

    def text_scores(self, paragraphs: Iterable[str]) -> dict[Theme, float]:
        return dict(zip(THEMED, self._scores(loose(" ".join(paragraphs)))[1]))


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The plain definition of where a lexicon phrase matches: at a word start, any spacing."""
    return re.compile(_LOOKBEHIND + re.escape(loose(phrase)).replace(r"\ ", r"\s+"))


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Read and compile a theme lexicon file (``themes.yml`` by default)."""
    data = yamltext.safe_load(path.read_text(encoding="utf-8"))
    themes = data["themes"]
    return Lexicon(
        heading={Theme(k): tuple(loose(p) for p in v.get("heading", ())) for k, v in themes.items()},
        text={Theme(k): tuple(loose(p) for p in v.get("text", ())) for k, v in themes.items()},
        parts=tuple(re.compile(p) for p in data.get("parts", ())),
        closing=frozenset(loose(h) for h in data.get("closing", ())),
        opening=frozenset(loose(h) for h in data.get("opening", ())),
    )


def _best(scores: Mapping[Theme, float]) -> Theme | None:
    # Ties go to the theme listed first in THEMED; no evidence at all gives None.
    best = max(THEMED, key=lambda t: scores[t])
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
    article = ArticleThemes.of(sections, lexicon, title_theme)
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

    @classmethod
    def of(cls, sections: Sequence[Section], lexicon: Lexicon, title_theme: Theme | None) -> ArticleThemes:
        # The sections' own scores added up (each is asked again for its section, and cached).
        texts = {s.anchor: s.paragraphs for s in sections}
        size = max(sum(len(p.split()) for paragraphs in texts.values() for p in paragraphs), 1)
        scores = dict.fromkeys(THEMED, 0.0)
        for paragraphs in texts.values():
            for t, score in lexicon.text_scores(paragraphs).items():
                scores[t] += score
        children: dict[str, list[Section]] = {}
        for section in sections:
            if section.part:
                children.setdefault(section.part, []).append(section)
        return cls({t: 100 * scores[t] / size for t in THEMED}, title_theme,
                   {k: tuple(v) for k, v in children.items()}, texts)


# Who a section speaks of: signs describe what he does, advice speaks to "you", an essay says "I".
PERSONS = ("he", "you", "i")
_PERSON_OF = {
    **dict.fromkeys("he him his himself he's he'd he'll he\u2019s".split(), "he"),
    **dict.fromkeys("you your yours yourself you're you've you\u2019re you\u2019ve".split(), "you"),
    **dict.fromkeys("i me my myself i'm i've i\u2019m i\u2019ve".split(), "i"),
}


# Punctuation around words read as space (apostrophes stay: "he's" is one word).
_PUNCTUATION_TO_SPACE = str.maketrans({c: " " for c in ".,;:!?\"()[]{}*_/\u201c\u201d\u2018\u2014\u2013-"})


@lru_cache(maxsize=1024)
def _persons(paragraphs: tuple[str, ...]) -> dict[str, float]:
    """How often each person is spoken of, per hundred words (capped at twenty), scaled to 0-1."""
    found = Counter(" ".join(paragraphs).lower().translate(_PUNCTUATION_TO_SPACE).split())
    size = max(sum(found.values()), 1)
    counts = dict.fromkeys(PERSONS, 0)
    for word in _PERSON_OF.keys() & found.keys():
        counts[_PERSON_OF[word]] += found[word]
    return {person: min(100 * count / size, 20.0) / 20 for person, count in counts.items() if count}


def theme_features(
    section: Section, lexicon: Lexicon, article: ArticleThemes, part_theme: Theme | None
) -> dict[str, float]:
    """What speaks for each theme of a section: its heading's words, its own text's words (for
    a part, its subsections' text too), the part it belongs to, the title and the whole article."""
    assert section.heading is not None
    paragraphs = article.texts.get(section.anchor)
    if paragraphs is None:
        paragraphs = section.paragraphs
    if section.anchor in article.children:
        paragraphs = (*paragraphs, *(p for c in article.children[section.anchor] for p in article.texts[c.anchor]))
    heading = lexicon.heading_scores(section.heading)
    body = lexicon.text_scores(paragraphs)
    total = sum(body.values())
    f: dict[str, float] = {"bias": 1.0}
    for t in THEMED:
        name = t.value
        if heading[t]:
            f[f"heading names {name}"] = math.log1p(heading[t])
        if body[t]:
            f[f"text names {name}"] = math.log1p(body[t])
            f[f"share of text for {name}"] = body[t] / total
        if article.density[t]:
            f[f"article speaks of {name}"] = min(article.density[t], 10.0) / 10
        if article.title_theme is t:
            f[f"title names {name}"] = 1.0
    for person, share in _persons(paragraphs).items():
        f[f"{person} words per hundred"] = share
    named = _best({t: heading[t] + body[t] for t in THEMED})
    f[f"most named: {named.value if named else 'none'}"] = 1.0
    if part_theme is not None:
        f[f"part is {part_theme.value}"] = 1.0
        if not any(heading.values()) and not total:
            f[f"part is {part_theme.value} and its own words are silent"] = 1.0
    if lexicon.is_closing(section.heading) or lexicon.is_opening(section.heading):
        f["introduction or conclusion"] = 1.0
    if not any(heading.values()) and not total:
        f["no theme words"] = 1.0
    return f


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
    features = theme_features(section, lexicon, article, parts.get(section.part) if section.part else None)
    if not weights.theme.judges:
        return theme_of_section(section, lexicon)
    return Theme(weights.theme.choose(features))
