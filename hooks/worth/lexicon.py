"""The theme lexicon, compiled: what phrases name each theme, which headings name a part,
close an article or open it, which words say whom a text speaks of, and which name what a whole
article is about (its subject) rather than a theme.

The vocabulary is data: ``themes.yml`` beside this module, read once by ``load_lexicon``. Both the
stage that gives headings their levels (``sections``) and the one that gives sections their themes
(``themes``) read it; neither imports the other.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import add
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from . import yamltext
from .model import Theme
from .patterns import trie_pattern
from .text import loose

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
        # (A phrase written with a final WHOLE_WORD mark counts only where a word ends with it.)
        entries = [(index, *_whole_word(phrase), tag) for index, (phrase, tag) in enumerate(tagged)]
        entries = [(index, phrase, whole, tag) for index, phrase, whole, tag in entries if phrase]  # "" names nothing
        self._size = len(tagged)
        phrases = {phrase for _, phrase, _, _ in entries}
        # For each phrase, the entries whose phrase begins it (itself included): what is found
        # wherever it is the longest phrase found, besides the entries of whole words that do
        # not end a word there (which is known from the longest phrase and, for a whole word
        # as long as it, from whether a word character follows it in the text).
        # (Looked up by each phrase's beginnings rather than by comparing every pair of phrases,
        # which took longer than the rest of a small site's themes.)
        by_phrase: dict[str, list[tuple[int, int, bool, int]]] = {}
        for index, phrase, whole, tag in entries:
            by_phrase.setdefault(phrase, []).append((index, len(phrase), whole, tag))
        self._within: dict[tuple[str, bool], tuple[tuple[int, int, int], ...]] = {}
        for longest in phrases:
            found = sorted(f for end in range(1, len(longest) + 1) for f in by_phrase.get(longest[:end], ()))
            for word_goes_on in (False, True):
                self._within[longest, word_goes_on] = tuple(
                    (index, length, tag) for index, length, whole, tag in found
                    if not whole or not (word_goes_on if length == len(longest) else _WORD.match(longest, length))
                )
        self._tags_within = {key: tuple(tag for _, _, tag in found) for key, found in self._within.items()}
        # A phrase starts where no word character or apostrophe comes before it (the lookbehind
        # of ``phrase_pattern``). The pattern takes that character, from the text with a space
        # put before it (which the start of the text passes as): opening with a set of
        # characters, it lets the regex engine skip along to the next candidate, which a
        # lookbehind does not. The phrase itself is only looked ahead at, so the next search
        # starts inside it and no start is passed over. The trie tries a longer phrase before a
        # shorter one and its branches part on distinct characters: the first group is the
        # longest phrase there, the second the word character after it, if any.
        self._starts = re.compile(r"[^\w'](?=(" + trie_pattern(phrases) + r")(\w?))") if phrases else None
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
        for longest, after in self._starts.findall(padded):  # a handful: a plain loop beats a Counter
            for tag in tags_within[longest, bool(after)]:
                totals[tag] += 1
        opening = self._starts.match(padded)
        return totals, frozenset(tags_within[opening[1], bool(opening[2])]) if opening else frozenset()

    def _count_one_by_one(self, padded: str, totals: list[int]) -> tuple[list[int], frozenset[int]]:
        # Each start in turn, passing over one inside the last counted occurrence of its phrase.
        opening: set[int] = set()
        ends = [0] * self._size  # where each entry's last counted occurrence ends
        within = self._within
        for match in self._starts.finditer(padded):  # type: ignore[union-attr]
            at = match.start()
            for index, length, tag in within[match[1], bool(match[2])]:
                if at >= ends[index]:
                    totals[tag] += 1
                    ends[index] = at + length
                    if at == 0:
                        opening.add(tag)
        return totals, frozenset(opening)


# A lexicon phrase ending in this mark is a whole word (or words): "heal$" counts "heal" but not
# "health"; "your ex$" counts "your ex" and "your ex's" but not "your experience".
WHOLE_WORD = "$"
_WORD = re.compile(r"\w")


def _whole_word(phrase: str) -> tuple[str, bool]:
    """A phrase without its whole-word mark, and whether it had one."""
    return (phrase[: -len(WHOLE_WORD)], True) if phrase.endswith(WHOLE_WORD) else (phrase, False)


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


# What ``Lexicon._scores`` tells of a text: each theme's heading score and text score, whether a
# phrase of each theme opens it, and how often it names each subject.
_Scores = tuple[tuple[float, ...], tuple[float, ...], tuple[bool, ...], tuple[int, ...]]
# What ``Lexicon._reading`` tells of a loose text: its words, each theme's text score, how often it
# names each subject and how many of its words name each group of people.
_Reading = tuple[int, tuple[float, ...], tuple[int, ...], tuple[int, ...]]


class SectionWords(NamedTuple):
    """What a heading and the paragraphs under it say by their words (``Lexicon.section_words``)."""

    words: int  # how many words the heading and paragraphs hold (as ``split()`` counts them, after ``loose``)
    themes: dict[Theme, float]  # each theme's text score of the paragraphs (as ``text_scores``)
    subjects: dict[str, int]  # how often the heading and paragraphs name each subject
    people: dict[str, int]  # how many of their words name each group of people


@dataclass(frozen=True)
class Lexicon:
    """Compiled ``themes.yml``: phrases per theme, part and closing/opening headings, people and
    subjects.

    ``heading`` and ``text`` hold each theme's phrases in loose form; ``phrase_pattern`` is the
    plain definition of a match, which ``PhraseCounter`` counts fast.
    """

    heading: Mapping[Theme, tuple[str, ...]]
    text: Mapping[Theme, tuple[str, ...]]
    parts: tuple[re.Pattern[str], ...]
    closing: frozenset[str]
    opening: frozenset[str]
    # Whom a text speaks of: each group's words, matched as whole words.
    people: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # What a whole article may be about (abuse, breakups) rather than one of its themes: each
    # subject's phrases, matched as theme phrases are.
    subjects: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @functools.cached_property
    def _people(self) -> tuple[re.Pattern[str], dict[str, int]]:
        # One pattern for every group's words, whole words only ("he" is not in "help"). As in
        # ``PhraseCounter``, it opens with the character before the word (the text is given a
        # space in front), which the regex engine skips along to faster than a lookbehind, and
        # only looks ahead at the word.
        group_of = {word: k for k, words in enumerate(self.people.values()) for word in words}
        body = trie_pattern(group_of) if group_of else r"(?!)"
        return re.compile(r"[^\w'](?=(" + body + r")(?![\w']))"), group_of

    @functools.cached_property
    def _people_counts(self) -> Callable[[str], tuple[int, ...]]:
        pattern, group_of = self._people
        groups = len(self.people)

        @lru_cache(maxsize=4096)
        def counts(text: str) -> tuple[int, ...]:
            totals = [0] * groups
            for word in pattern.findall(" " + text):
                totals[group_of[word]] += 1
            return tuple(totals)

        return counts

    def people_in(self, heading: str, *texts: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The number of words of a heading and the paragraphs of one or more sections (a part's
        and its subsections'; as ``split()`` counts them, after ``loose``) and how many of them
        name each group of people (``people`` in ``themes.yml``: he, a partner, friends and
        family, the reader)."""
        said = self.section_words(heading, *texts)
        return said.words, said.people

    def section_words(self, heading: str, *texts: Sequence[str]) -> SectionWords:
        """What a heading and the paragraphs of one or more sections (a part's and its
        subsections') say by their words: each text is read once (``_reading``) and the readings
        are added up."""
        words, _, subjects, people = self._reading(loose(heading))
        themes: Iterable[float] = (0.0,) * len(THEMED)  # (a heading's words are no text score)
        for paragraphs in texts:
            count, scores, named, groups = self._reading(self._joined(tuple(paragraphs)))
            words += count
            themes = map(add, themes, scores)
            subjects = map(add, subjects, named)
            people = map(add, people, groups)
        return SectionWords(words, dict(zip(THEMED, themes)), dict(zip(self.subjects, subjects)),
                            dict(zip(self.people, people)))

    @functools.cached_property
    def _reading(self) -> Callable[[str], _Reading]:
        scores, people = self._scores, self._people_counts

        # A section's text is read by the theme stage for itself, for its part and for the
        # sections beside it: each loose text is read once.
        @lru_cache(maxsize=4096)
        def reading(text: str) -> _Reading:
            _heading, themes, _opening, subjects = scores(text)
            return _word_count(text), themes, subjects, people(text)

        return reading

    @functools.cached_property
    def _counter(self) -> PhraseCounter:
        # Tags: heading phrases of each theme (0, 1, 2 in THEMED order), then text phrases (3, 4,
        # 5), then the phrases of each subject (6, 7, ...).
        n = len(THEMED)
        tagged = [(p, kind * n + i) for kind, lists in enumerate((self.heading, self.text))
                  for i, t in enumerate(THEMED) for p in lists[t]]
        tagged += [(p, 2 * n + k) for k, phrases in enumerate(self.subjects.values()) for p in phrases]
        return PhraseCounter(tagged, tags=2 * n + len(self.subjects))

    @functools.cached_property
    def _part(self) -> re.Pattern[str]:
        # Any one of the part patterns: one search instead of one per pattern.
        return re.compile("|".join(f"(?:{p.pattern})" for p in self.parts)) if self.parts else re.compile(r"(?!)")

    @functools.cached_property
    def _scores(self) -> Callable[[str], _Scores]:
        counter, n = self._counter, len(THEMED)

        # The same headings and texts are scored again by later rules: remember recent answers.
        @lru_cache(maxsize=4096)
        def scores(text: str) -> _Scores:
            totals, opening = counter.count(text)
            heading = tuple(
                HEADING_WEIGHT * totals[i] + totals[n + i] + LEAD_WEIGHT * (i in opening) for i in range(n)
            )
            return (heading, tuple(float(totals[n + i]) for i in range(n)), tuple(i in opening for i in range(n)),
                    tuple(totals[2 * n:]))

        return scores

    @functools.cached_property
    def _joined(self) -> Callable[[tuple[str, ...]], str]:
        # A section's paragraphs as one loose text. The theme stage reads a section's text several
        # times (its theme phrases, its subjects, whom it speaks of), and its section's neighbours
        # and part read it again: joined and made loose once, the cached answers of ``_scores``
        # and ``_people_counts`` are then found by a string whose hash is known.
        @lru_cache(maxsize=4096)
        def joined(paragraphs: tuple[str, ...]) -> str:
            return loose(" ".join(paragraphs))

        return joined

    def is_part(self, heading: str) -> bool:
        return self._part.search(loose(heading)) is not None

    def is_closing(self, heading: str) -> bool:
        return _without_edit_link(heading) in self.closing

    def is_opening(self, heading: str) -> bool:
        return _without_edit_link(heading) in self.opening

    def heading_scores(self, heading: str, *, lead: bool = True) -> dict[Theme, float]:
        """Each theme's score as a heading's words name it; the theme whose phrase opens the
        heading counts ``LEAD_WEIGHT`` more, unless ``lead`` is false (words taken from inside a
        heading, where nothing they say comes first)."""
        scores, opening = self._scores(loose(heading))[0:3:2]
        if lead:
            return dict(zip(THEMED, scores))
        return dict(zip(THEMED, (score - LEAD_WEIGHT * opens for score, opens in zip(scores, opening))))

    def heading_opens_with(self, heading: str) -> Theme | None:
        """The theme whose heading phrase opens ``heading`` ("Leaving, One Step at a Time"), if any."""
        opening = self._scores(loose(heading))[2]
        return next((t for t, opens in zip(THEMED, opening) if opens), None)

    def word_count(self, paragraphs: Sequence[str]) -> int:
        """The number of words of ``paragraphs`` (as ``people_in`` counts them)."""
        return _word_count(self._joined(tuple(paragraphs)))

    def text_scores(self, *texts: Sequence[str]) -> dict[Theme, float]:
        """Each theme's text score of the paragraphs of one or more sections (a part's and its
        subsections'): the sum of each section's, which is read once and remembered."""
        rows = (self._scores(self._joined(tuple(paragraphs)))[1] for paragraphs in texts)
        return dict(zip(THEMED, _summed(rows, len(THEMED))))

    def subjects_in(self, heading: str, *texts: Sequence[str]) -> dict[str, int]:
        """How often a heading and the paragraphs under it (of one or more sections) name each
        subject (``subjects`` in ``themes.yml``: abuse, breakups)."""
        return self.section_words(heading, *texts).subjects


def _word_count(text: str) -> int:
    """The words of a loose text (single spaces between them)."""
    return text.count(" ") + 1 if text else 0


def _summed(rows: Iterable[Sequence[float]], width: int) -> Sequence[float]:
    """Rows of ``width`` numbers added up column by column."""
    totals: Sequence[float] = (0,) * width
    for k, row in enumerate(rows):
        totals = row if k == 0 else [a + b for a, b in zip(totals, row)]  # (most often one row)
    return totals


_EDIT_LINK = re.compile(r"\s*\[edit\]\s*", re.IGNORECASE)


def _without_edit_link(heading: str) -> str:
    """A heading ``loose``, without the "[Edit]" link a wiki glues to its start."""
    return loose(_EDIT_LINK.sub("", heading, count=1) if heading.lstrip()[:1] == "[" else heading)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The plain definition of where a lexicon phrase matches: at a word start, any spacing; a
    phrase marked as a whole word (``heal$``) only where no word character follows it."""
    phrase, whole = _whole_word(phrase)
    return re.compile(_LOOKBEHIND + re.escape(loose(phrase)).replace(r"\ ", r"\s+") + (r"(?!\w)" if whole else ""))


def _loose_phrase(phrase: str) -> str:
    """A lexicon phrase in loose form, its whole-word mark kept."""
    phrase, whole = _whole_word(str(phrase))
    return loose(phrase) + (WHOLE_WORD if whole else "")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Read and compile a theme lexicon file (``themes.yml`` by default)."""
    data = yamltext.safe_load(path.read_text(encoding="utf-8"))
    themes = data["themes"]
    return Lexicon(
        heading={Theme(k): tuple(_loose_phrase(p) for p in v.get("heading", ())) for k, v in themes.items()},
        text={Theme(k): tuple(_loose_phrase(p) for p in v.get("text", ())) for k, v in themes.items()},
        parts=tuple(re.compile(p) for p in data.get("parts", ())),
        closing=frozenset(loose(h) for h in data.get("closing", ())),
        opening=frozenset(loose(h) for h in data.get("opening", ())),
        people=MappingProxyType({str(k): tuple(loose(w) for w in v) for k, v in (data.get("people") or {}).items()}),
        subjects=MappingProxyType(
            {str(k): tuple(_loose_phrase(p) for p in v) for k, v in (data.get("subjects") or {}).items()}
        ),
    )
