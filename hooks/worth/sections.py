"""Group blocks into sections and give headings their levels.

``build_sections(blocks, format=..., lexicon=...)`` makes one ``Section`` per heading (plus one
for any text before the first heading, anchored ``introduction``). Levels:

- ``.md`` articles: as written (the shallowest heading depth is 2, deeper ones 3).
- ``.txt`` articles: a heading is a *part* (level 2, its followers level 3 with ``part`` set) when
  it names a part in the lexicon ("Signs He Doesn't See Your Worth", "The Cost of Staying") and
  at least two subsections follow it, or when it is an unnumbered heading followed by numbered
  ones (a list of numbered subsections under it), or when it carries its own part label
  ("Part One: What Staying Costs You"), or when it labels the questions the article answers
  ("Frequently Asked Questions": its questions are its subsections). A closing heading ("Final
  Thoughts"), the next part, part label or FAQ label, and (under an ALL-CAPS part) the next
  ALL-CAPS heading end a part; an FAQ's part ends at the first heading that is no question. Every
  other heading is level 2.

Sections come back with theme ``other``; ``themes.assign_themes`` sets the real theme.
"""
from __future__ import annotations

from collections.abc import Sequence

from .blocks import is_numbered, number_of
from .noise import is_part_label, is_questions_label
from .model import Block, BlockKind, Overrides, Section, Theme
from .text import loose, slugify, unique_slug
from .lexicon import Lexicon, load_lexicon

INTRODUCTION_ANCHOR = "introduction"
MIN_PART_CHILDREN = 2
MAX_PART_INTRODUCTION = 3  # blocks under a part heading before its first subsection


def _split(blocks: Sequence[Block]) -> list[tuple[Block | None, list[Block]]]:
    groups: list[tuple[Block | None, list[Block]]] = []
    heading = BlockKind.HEADING  # looked up once: an enum member lookup is slow
    for block in blocks:
        if block.kind is heading:
            groups.append((block, []))
        elif groups:
            groups[-1][1].append(block)
        else:
            groups.append((None, [block]))
    return groups


def _named_theme(heading: str, lexicon: Lexicon) -> Theme | None:
    scores = lexicon.heading_scores(heading)
    best = max(scores, key=lambda t: scores[t])
    return best if scores[best] > 0 else None


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


class _HeadingFacts:
    """What the part rules ask of each heading, worked out at most once per heading: the walk in
    ``text_levels`` asks it of a heading again for every part the heading might belong to. The
    dearer facts (the lexicon's part patterns and theme scores) are only worked out when asked."""

    def __init__(self, headings: Sequence[str], lexicon: Lexicon) -> None:
        self.headings = headings
        self.lexicon = lexicon
        self.closing = [lexicon.is_closing(h) for h in headings]
        self.opening = [lexicon.is_opening(h) for h in headings]
        self.labelled = [is_part_label(h) for h in headings]  # "Part One: ...": a part by its own label
        self.questions = [is_questions_label(h) for h in headings]  # "Frequently Asked Questions": a part of questions
        self.numbered = [is_numbered(h) for h in headings]
        self._part: dict[int, bool] = {}
        self._theme: dict[int, Theme | None] = {}
        self._capitals: dict[int, bool] = {}

    def is_part(self, k: int) -> bool:
        if k not in self._part:
            self._part[k] = self.lexicon.is_part(self.headings[k])
        return self._part[k]

    def theme(self, k: int) -> Theme | None:
        if k not in self._theme:
            self._theme[k] = _named_theme(self.headings[k], self.lexicon)
        return self._theme[k]

    def capitals(self, k: int) -> bool:
        if k not in self._capitals:
            self._capitals[k] = _all_capitals(self.headings[k])
        return self._capitals[k]


def text_levels(
    headings: Sequence[str], lexicon: Lexicon, own_blocks: Sequence[Sequence[Block]] | None = None
) -> list[tuple[int, int | None]]:
    """For plain-text headings in order: (level, index of the part heading or None).
    ``own_blocks``: the blocks that stand under each heading before the next one."""
    result: list[tuple[int, int | None]] = [(2, None)] * len(headings)
    facts = _HeadingFacts(headings, lexicon)
    introduces = [_introduces(blocks) for blocks in own_blocks] if own_blocks is not None else [True] * len(headings)
    i = 0
    while i < len(headings):
        closing = facts.closing[i] or facts.opening[i]
        # A heading naming a part by its words ("Signs of Codependency") that says its whole say
        # itself (its signs in a list of its own) is a section like the ones beside it.
        named = not closing and (facts.labelled[i] or facts.questions[i] or (facts.is_part(i) and introduces[i]))
        numbered_follow = (
            not facts.numbered[i] and not closing and i + 1 < len(headings) and facts.numbered[i + 1]
            and not _inside_numbering(headings, i)
        )
        if named or numbered_follow:
            j = i + 1
            while j < len(headings):
                if facts.closing[j] or facts.labelled[j] or facts.questions[j]:
                    break
                if facts.questions[i] and not headings[j].rstrip("*_ ").endswith("?"):
                    break  # an FAQ's part holds its questions
                # Headings written in the same capitals as the part ("SIGNS YOU'RE NOT VALUED",
                # "WHY YOU KEEP STAYING") are the article's one level of headings: siblings.
                if facts.capitals(i) and facts.capitals(j):
                    break
                # Another part heading ends this part, unless it names the same theme (then
                # it is one more subsection: "The Emotional Cost of Silence" under "The Cost of Staying").
                if facts.is_part(j) and not facts.numbered[j] and facts.theme(j) != facts.theme(i):
                    break
                if numbered_follow and not named and not facts.numbered[j]:
                    break
                if (named and not facts.numbered[j] and j + 1 < len(headings) and facts.numbered[j + 1]
                        and not facts.labelled[j + 1] and not any(facts.numbered[i + 1:j])):
                    break  # a heading over numbered ones is a part of its own ("Steps to Take" over "1. ...")
                j += 1
            if j - i - 1 >= (MIN_PART_CHILDREN if not numbered_follow else 2):
                for k in range(i + 1, j):
                    result[k] = (3, i)
                i = j
                continue
        i += 1
    return result


def _introduces(blocks: Sequence[Block]) -> bool:
    """Whether the text under a heading reads as a part's introduction: a few paragraphs
    (``MAX_PART_INTRODUCTION``) and no list, which would be the part's own say."""
    return len(blocks) <= MAX_PART_INTRODUCTION and all(b.kind is not BlockKind.LIST for b in blocks)


def _inside_numbering(headings: Sequence[str], i: int) -> bool:
    """Whether heading ``i`` stands between two numbered headings that count on ("7. ...",
    this one, "8. ..."): one more heading of that run, not the part of the numbers after it."""
    if i == 0 or i + 1 >= len(headings):
        return False
    before, after = number_of(headings[i - 1]), number_of(headings[i + 1])
    return before is not None and after == before + 1


def _editor_levels(
    headings: Sequence[str], levels: list[tuple[int, int | None]], overrides: Overrides
) -> list[tuple[int, int | None]]:
    wanted = {loose(h): level for h, level in overrides.levels.items()}
    out = list(levels)
    for n, heading in enumerate(headings):
        level = wanted.get(loose(heading))
        if level == 2:
            out[n] = (2, None)
        elif level == 3:
            part = next((k for k in range(n - 1, -1, -1) if out[k][0] == 2), None)
            out[n] = (3, part)
    # A heading the editor made a subsection cannot stay a part of the headings under it.
    parts = {n for n, (level, _) in enumerate(out) if level == 2}
    return [(level, part if part is None or part in parts else None) for level, part in out]


def build_sections(
    blocks: Sequence[Block], *, format: str = "txt", lexicon: Lexicon | None = None,
    overrides: Overrides = Overrides(),
) -> tuple[Section, ...]:
    """Sections in article order with unique, stable anchors and levels (theme still ``other``).
    A heading the editor gave a level (``levels:``) takes it: level 3 puts it under the nearest
    level-2 heading above it, level 2 makes it a top-level heading."""
    lexicon = lexicon or load_lexicon()
    groups = _split(blocks)
    headings = [h.text for h, _ in groups if h is not None]
    if format == "md":
        levels: list[tuple[int, int | None]] = []
        last_top: int | None = None
        for n, (h, _) in enumerate((h, b) for h, b in groups if h is not None):
            level = h.level or 2
            levels.append((level, last_top if level > 2 and last_top is not None else None))
            if level == 2:
                last_top = n
    else:
        levels = text_levels(headings, lexicon, [body for h, body in groups if h is not None])
    if overrides.levels:
        levels = _editor_levels(headings, levels, overrides)
    taken: set[str] = set()
    anchors: list[str] = []
    sections: list[Section] = []
    heading_index = 0
    for heading, body in groups:
        if heading is None:
            anchor = unique_slug(INTRODUCTION_ANCHOR, taken)
            taken.add(anchor)
            sections.append(Section(None, 2, Theme.OTHER, tuple(body), body[0].line, anchor))
            continue
        level, part = levels[heading_index]
        text = headings[heading_index]
        anchor = unique_slug(slugify(text), taken)
        taken.add(anchor)
        anchors.append(anchor)
        part_anchor = anchors[part] if part is not None else None
        if level > 2 and part_anchor is None:
            level = 2
        sections.append(
            Section(text, level, Theme.OTHER, tuple(body), heading.line, anchor, part=part_anchor)
        )
        heading_index += 1
    return tuple(sections)
