"""Group blocks into sections and give headings their levels.

``build_sections(blocks, format=..., lexicon=...)`` makes one ``Section`` per heading (plus one
for any text before the first heading, anchored ``introduction``). Levels:

- ``.md`` articles: as written (the shallowest heading depth is 2, deeper ones 3).
- ``.txt`` articles: a heading is a *part* (level 2, its followers level 3 with ``part`` set) when
  it names a part in the lexicon ("Signs He Doesn't See Your Worth", "The Cost of Staying") and
  at least two subsections follow it, or when it is an unnumbered heading followed by numbered
  ones (a list of numbered subsections under it), or when it carries its own part label
  ("Part One: What Staying Costs You"). A closing heading ("Final Thoughts"), the next part or
  part label, and (under an ALL-CAPS part) the next ALL-CAPS heading end a part. Every other
  heading is level 2.

Sections come back with theme ``other``; ``themes.assign_themes`` sets the real theme.
"""
from __future__ import annotations

from collections.abc import Sequence

from .blocks import is_numbered, is_part_label
from .model import Block, BlockKind, Section, Theme
from .slugs import slugify, unique_slug
from .themes import Lexicon, load_lexicon

INTRODUCTION_ANCHOR = "introduction"
MIN_PART_CHILDREN = 2


def _split(blocks: Sequence[Block]) -> list[tuple[Block | None, list[Block]]]:
    groups: list[tuple[Block | None, list[Block]]] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING:
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


def text_levels(headings: Sequence[str], lexicon: Lexicon) -> list[tuple[int, int | None]]:
    """For plain-text headings in order: (level, index of the part heading or None)."""
    result: list[tuple[int, int | None]] = [(2, None)] * len(headings)
    i = 0
    while i < len(headings):
        heading = headings[i]
        closing = lexicon.is_closing(heading) or lexicon.is_opening(heading)
        labelled = is_part_label(heading)  # "Part One: ...": a part by its own label
        named = (lexicon.is_part(heading) or labelled) and not closing
        numbered_follow = (
            not is_numbered(heading) and not closing and i + 1 < len(headings) and is_numbered(headings[i + 1])
        )
        if named or numbered_follow:
            j = i + 1
            while j < len(headings):
                h = headings[j]
                if lexicon.is_closing(h) or is_part_label(h):
                    break
                # Headings written in the same capitals as the part ("SIGNS YOU'RE NOT VALUED",
                # "WHY YOU KEEP STAYING") are the article's one level of headings: siblings.
                if _all_capitals(heading) and _all_capitals(h):
                    break
                # Another part heading ends this part, unless it names the same theme (then
                # it is one more subsection: "The Emotional Cost of Silence" under "The Cost of Staying").
                if lexicon.is_part(h) and not is_numbered(h) and _named_theme(h, lexicon) != _named_theme(heading, lexicon):
                    break
                if numbered_follow and not named and not is_numbered(h):
                    break
                j += 1
            if j - i - 1 >= (MIN_PART_CHILDREN if not numbered_follow else 2):
                for k in range(i + 1, j):
                    result[k] = (3, i)
                i = j
                continue
        i += 1
    return result


def build_sections(
    blocks: Sequence[Block], *, format: str = "txt", lexicon: Lexicon | None = None
) -> tuple[Section, ...]:
    """Sections in article order with unique, stable anchors and levels (theme still ``other``)."""
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
        levels = text_levels(headings, lexicon)
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
        anchor = unique_slug(slugify(heading.text), taken)
        taken.add(anchor)
        anchors.append(anchor)
        part_anchor = anchors[part] if part is not None else None
        if level > 2 and part_anchor is None:
            level = 2
        sections.append(
            Section(heading.text, level, Theme.OTHER, tuple(body), heading.line, anchor, part=part_anchor)
        )
        heading_index += 1
    return tuple(sections)
