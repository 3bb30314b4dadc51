"""Find the blocks of an article: headings, paragraphs, lists and quotes.

``detect_blocks(clean, format=..., overrides=...)`` walks the kept lines with the detectors of
``build_block_detectors()``, Python-Markdown style: the first detector whose ``test`` accepts
the line at hand ``run``s and says how many lines it used. Adding a rule is adding a class and a
line in the table.

``.md`` articles: Markdown headings (``#``), lists (``-``, ``*``, ``1.``) and quotes (``>``) are
taken as written. ``.txt`` articles (one heading or paragraph per line, as scraped) are read by
their shape: a heading is told from a short paragraph by several features added into a score
(length, Title Case, no closing full stop, numbering, a longer paragraph after it, no ``:``
before it...), never by one test alone. Runs of short parallel lines, or numbered lines, are
lists. When in doubt a line is a paragraph: it keeps its words either way.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Block, BlockKind, Overrides, SourceLine
from .noise import CleanText, loose, words

# -- line features -------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*(?:#?\d{1,2}|[ivx]{1,4})[.)]\s+\S|^\s*#\d{1,2}\s+\S|^\s*(?:step|tip|sign|reason|way|part|rule|lesson)\s+#?\d{1,2}\s*[:.\-\u2013\u2014]\s*\S", re.IGNORECASE)
# "Part One: ...", "Chapter 2 - ...": a label that opens a part of the article and is complete
# on its own line (the line after it is the first subsection, not the rest of it).
_PART_LABEL = re.compile(r"^\s*(?:part|chapter|stage|phase)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"first|second|third|fourth|final|last|[ivx]{1,4})\s*[:.\-\u2013\u2014]\s*\S", re.IGNORECASE)
_NUMBER_PREFIX = re.compile(r"^\s*(\d{1,2})[.)]\s+")
_BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043]|[-*+\u2013](?=\s))\s*")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,3})[.)])\s+(.*)$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
# Small words that stay lower case in Title Case.
SMALL_WORDS = frozenset("a an the and but or nor for so yet of in on at to by up as is it its via vs "
                        "with from into onto over per than off out be are was".split())
# A sentence-case line starting with one of these is a statement ("You deserve better"), not a title.
PRONOUNS = frozenset("i you he she we they it this that there".split())
CONJUNCTIONS = frozenset("and but so or yet because then also plus nor".split())
QUESTION_STARTS = frozenset("what why how when where who which whose is are am was were do does did can could "
                            "should would will shall has have had may might must".split())
# A heading broken over two lines often breaks after one of these words.
CONNECTING_WORDS = SMALL_WORDS | frozenset("when your his her their our my about that who what how why if".split())
SENTENCE_END = (".", "!", "?", "\u2026", ",", ";", ":")
CLOSING_QUOTES = ('"', "\u201d", "'", "\u2019")
MAX_HEADING_WORDS = 14
LONG_PARAGRAPH_WORDS = 12
HEADING_THRESHOLD = 3.0
MIN_QUESTION_HEADING_WORDS = 5  # "Do you answer?" between paragraphs stays text


def core_text(text: str) -> str:
    """A line without numbering and wrapping emphasis (``**...**``)."""
    text = re.sub(r"^\s*(?:\d{1,2}|[ivx]{1,4})[.)]\s+", "", text.strip(), flags=re.IGNORECASE)
    return text.strip("*_ ").strip()


def title_case_share(text: str) -> float:
    """Share of the words (small words aside, except the first) that start with a capital."""
    found = words(core_text(text))
    judged = [w for i, w in enumerate(found) if i == 0 or w.lower() not in SMALL_WORDS]
    judged = [w for w in judged if not w.isdigit()]
    if not judged:
        return 0.0
    return sum(1 for w in judged if w[0].isupper()) / len(judged)


def ending(text: str) -> str:
    """The closing punctuation of a line ('' when none), ignoring emphasis and closing quotes."""
    stripped = text.rstrip().rstrip("*_").rstrip()
    while stripped.endswith(CLOSING_QUOTES) and len(stripped) > 1:
        if stripped[-2] in ".!?,;:\u2026":
            return stripped[-2]
        return "quote"
    return stripped[-1] if stripped and stripped[-1] in ".!?\u2026,;:" else ""


def is_numbered(text: str) -> bool:
    return bool(_NUMBERED.match(text))


def is_part_label(text: str) -> bool:
    """Whether a line opens a labelled part: ``Part One: What Staying Costs You``."""
    return bool(_PART_LABEL.match(text))


# -- the walk ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One non-blank kept line and whether a blank line (or dropped noise) comes before it."""

    line: SourceLine
    blank_before: bool

    @property
    def text(self) -> str:
        return self.line.text.strip()


@dataclass(frozen=True)
class BlockContext:
    """What detectors know about the whole article."""

    items: tuple[Item, ...]
    format: str
    headings: frozenset[str]
    not_headings: frozenset[str]
    blank_separated: bool  # most paragraphs are separated by blank lines
    question_headings: bool  # the article uses several questions as headings (Q&A style)
    sentence_case_headings: bool = False  # its headings are sentence case ("The toll on your body")

    def word_count(self, index: int) -> int:
        return len(words(self.items[index].text)) if 0 <= index < len(self.items) else 0


class BlockDetector:
    """One rule for a kind of block: ``test`` says whether a block starts at ``index``;
    ``run`` makes the block and returns it with the number of items it used."""

    name = "block"

    def test(self, index: int, ctx: BlockContext) -> bool:
        raise NotImplementedError

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        raise NotImplementedError


# -- Markdown ------------------------------------------------------------------------------------


class MarkdownHeading(BlockDetector):
    name = "md-heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and bool(_MD_HEADING.match(ctx.items[index].text))

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        match = _MD_HEADING.match(ctx.items[index].text)
        assert match
        # The raw depth is kept for now; ``markdown_levels`` maps depths to levels 2 and 3.
        return Block(BlockKind.HEADING, (match.group(2),), ctx.items[index].line.number, level=len(match.group(1))), 1


class MarkdownList(BlockDetector):
    name = "md-list"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and bool(_MD_LIST.match(ctx.items[index].text))

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        first = _MD_LIST.match(ctx.items[index].text)
        assert first
        ordered = first.group(2) is not None
        texts, used = [], 0
        for item in ctx.items[index:]:
            match = _MD_LIST.match(item.text)
            if match and (match.group(2) is not None) == ordered:
                texts.append(match.group(3).strip())
            elif used and not item.blank_before and not _MD_HEADING.match(item.text) and not _MD_QUOTE.match(item.text):
                texts[-1] += " " + item.text  # a list item continued on the next line
            else:
                break
            used += 1
        return Block(BlockKind.LIST, tuple(texts), ctx.items[index].line.number, ordered=ordered), used


class MarkdownQuote(BlockDetector):
    name = "md-quote"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and bool(_MD_QUOTE.match(ctx.items[index].text))

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        texts = []
        for item in ctx.items[index:]:
            match = _MD_QUOTE.match(item.text)
            if not match or (texts and item.blank_before):
                break
            if match.group(1).strip():
                texts.append(match.group(1).strip())
        texts = texts or [ctx.items[index].text.lstrip("> ")]
        return Block(BlockKind.QUOTE, tuple(texts), ctx.items[index].line.number), len(texts)


class MarkdownParagraph(BlockDetector):
    """Lines up to the next blank line or block marker make one paragraph."""

    name = "md-paragraph"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md"

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        texts = [ctx.items[index].text]
        for item in ctx.items[index + 1:]:
            if item.blank_before or any(p.match(item.text) for p in (_MD_HEADING, _MD_LIST, _MD_QUOTE)):
                break
            texts.append(item.text)
        return Block(BlockKind.PARAGRAPH, (" ".join(texts),), ctx.items[index].line.number), len(texts)


# -- plain text ----------------------------------------------------------------------------------


class EditorHeading(BlockDetector):
    """A line the editor listed under ``headings`` in the front matter."""

    name = "editor-heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return loose(ctx.items[index].text) in ctx.headings

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return _heading(ctx.items[index]), 1


class EditorText(BlockDetector):
    """A line the editor listed under ``not_headings``: always a paragraph."""

    name = "editor-text"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return loose(ctx.items[index].text) in ctx.not_headings

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return _paragraph(ctx.items[index]), 1


class BulletList(BlockDetector):
    """Lines starting with a bullet (``•``, ``-``, ``*``...) make a list."""

    name = "bullet-list"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "txt" and bool(_BULLET.match(ctx.items[index].text)) and bool(
            words(_BULLET.sub("", ctx.items[index].text))
        )

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        texts = []
        for item in ctx.items[index:]:
            if not _BULLET.match(item.text) or not words(_BULLET.sub("", item.text)):
                break
            texts.append(item.text)  # as written, bullet included: the renderer draws the list
        return Block(BlockKind.LIST, tuple(texts), ctx.items[index].line.number), len(texts)


class NumberedList(BlockDetector):
    """Two or more numbered lines in a row (1., 2., 3.) make a numbered list; numbered
    headings have paragraphs between them."""

    name = "numbered-list"

    def _run_length(self, index: int, ctx: BlockContext) -> int:
        count, expected, spacing = 0, None, None
        for item in ctx.items[index:]:
            match = _NUMBER_PREFIX.match(item.text)
            if not match or (expected is not None and int(match.group(1)) != expected):
                break
            if count == 1:
                spacing = item.blank_before
            elif count > 1 and item.blank_before != spacing:
                break  # set apart unlike the items before it: the next numbered heading, not an item
            expected = int(match.group(1)) + 1
            count += 1
        return count

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "txt" and self._run_length(index, ctx) >= 2

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        n = self._run_length(index, ctx)
        # Items keep their numbers as written ("1. ..."): ordered steps lose meaning without them.
        texts = tuple(it.text for it in ctx.items[index:index + n])
        return Block(BlockKind.LIST, texts, ctx.items[index].line.number, ordered=True), n


class ShortLineList(BlockDetector):
    """A run of short parallel lines (same closing punctuation, same capitalisation) is a list:
    three or more, or two or more after a line ending in ``:``."""

    name = "short-line-list"
    MAX_ITEM_WORDS = 6

    def _run_length(self, index: int, ctx: BlockContext) -> int:
        shape = line_shape(ctx.items[index].text)
        if shape is None:
            return 0
        count = 0
        for item in ctx.items[index:]:
            if line_shape(item.text) != shape or loose(item.text) in ctx.headings:
                break
            count += 1
        return count

    def test(self, index: int, ctx: BlockContext) -> bool:
        if ctx.format != "txt":
            return False
        n = self._run_length(index, ctx)
        introduced = index > 0 and ending(ctx.items[index - 1].text) == ":"
        return n >= 3 or (n >= 2 and introduced)

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        n = self._run_length(index, ctx)
        texts = tuple(it.text for it in ctx.items[index:index + n])
        return Block(BlockKind.LIST, texts, ctx.items[index].line.number), n


def line_shape(text: str) -> tuple[str, bool] | None:
    """The shape that makes short lines parallel list items: closing punctuation and whether the
    first word is capitalised (None for a line too long or numbered to be such an item)."""
    found = words(text)
    if not found or len(found) > ShortLineList.MAX_ITEM_WORDS or is_numbered(text):
        return None
    return ending(text), found[0][0].isupper()


def parallel_run(index: int, ctx: BlockContext) -> int:
    """How many lines in a row around ``index`` share its short-line shape."""
    shape = line_shape(ctx.items[index].text)
    if shape is None:
        return 0
    start = index
    while start > 0 and line_shape(ctx.items[start - 1].text) == shape:
        start -= 1
    end = index
    while end + 1 < len(ctx.items) and line_shape(ctx.items[end + 1].text) == shape:
        end += 1
    return end - start + 1


def heading_score(index: int, ctx: BlockContext) -> float:
    """How much a plain-text line looks like a heading; ``HEADING_THRESHOLD`` or more is one.

    Each feature adds or takes away a little, so no single trait decides.
    """
    text = ctx.items[index].text
    core = core_text(text)
    found = words(core)
    n = len(found)
    if n == 0 or n > MAX_HEADING_WORDS:
        return float("-inf")
    share = title_case_share(text)
    numbered = is_numbered(text)
    end = ending(text)
    next_words = ctx.word_count(index + 1)
    next_is_long = next_words >= max(LONG_PARAGRAPH_WORDS, n + 4)
    prev_end = ending(ctx.items[index - 1].text) if index > 0 else ""
    first = found[0].lower()

    score = 0.0
    if end == "":
        score += 1.5
    elif end in (".", "\u2026"):
        score -= 4
    elif end == "!":
        score -= 3
    elif end in (",", ";"):
        score -= 6
    elif end == ":":
        score -= 2
    elif end == "quote":
        score -= 2
    elif end == "?":
        title_like = share >= 0.75 or numbered or (ctx.question_headings and first in QUESTION_STARTS)
        # Among sentence-case headings, a full question standing alone between two paragraphs
        # is one more heading ("Why does it hurt so much more than a fight?").
        prev_long = index > 0 and ctx.word_count(index - 1) >= LONG_PARAGRAPH_WORDS
        title_like = title_like or (
            ctx.sentence_case_headings and first in QUESTION_STARTS and n >= MIN_QUESTION_HEADING_WORDS and prev_long
        )
        score += 2 if title_like and next_is_long and first not in CONJUNCTIONS else -3
    if n == 1:
        score += 1 if share == 1 else -1
    elif share >= 0.75:
        score += 2
    elif share >= 0.5:
        score += 0.5
    if numbered:
        score += 2
    if index + 1 >= len(ctx.items):
        score -= 3  # nothing follows: a closing line, not a heading
    elif next_is_long:
        score += 1
    if prev_end == ":":
        score -= 3  # introduced by the line before: part of its sentence
    if parallel_run(index, ctx) >= 3:
        score -= 4  # one of several short parallel lines: a list item
    if first in CONJUNCTIONS and share < 0.75:
        score -= 2
    if text.strip().startswith(("**", "__")) and share < 0.75:
        score -= 1  # a bold statement, not a title
    if share < 0.75 and end == "" and found[0][0].isupper() and next_is_long and first not in PRONOUNS:
        prev_long = index == 0 or ctx.word_count(index - 1) >= LONG_PARAGRAPH_WORDS
        if prev_long and not text.strip().startswith(("**", "__")):
            score += 1  # a sentence-case heading standing alone between paragraphs
    return score


class TwoLineHeading(BlockDetector):
    """A heading broken over two lines: two adjacent title-like lines with no closing
    punctuation, joined, followed by a paragraph."""

    name = "two-line-heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        if ctx.format != "txt" or index + 2 >= len(ctx.items):
            return False
        a, b = ctx.items[index], ctx.items[index + 1]
        if b.blank_before or b.line.number != a.line.number + 1 or is_numbered(b.text):
            return False
        if is_part_label(a.text) or is_part_label(b.text):
            return False  # a part label is a whole heading; the next line is its first subsection
        wa, wb = words(core_text(a.text)), words(core_text(b.text))
        if not wa or not wb or len(wa) + len(wb) > MAX_HEADING_WORDS or ending(a.text) or ending(b.text):
            return False
        if loose(a.text) in ctx.not_headings or loose(b.text) in ctx.not_headings:
            return False
        joined = f"{a.text} {b.text}"
        if title_case_share(joined) < 0.75 and not wb[0][0].islower():
            return False
        if ctx.word_count(index + 2) < LONG_PARAGRAPH_WORDS:
            return False
        # In an article that separates its blocks with blank lines, a single line break inside
        # a title-like pair is a broken heading; otherwise the break must fall mid-phrase.
        return (
            ctx.blank_separated
            or wa[-1].lower() in CONNECTING_WORDS
            or wb[0][0].islower()
            or wb[0].lower() in CONNECTING_WORDS
            or len(wa) <= 3
        )

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        a, b = ctx.items[index], ctx.items[index + 1]
        return Block(BlockKind.HEADING, (f"{a.text} {b.text}",), a.line.number, level=2), 2


class ScoredHeading(BlockDetector):
    """A line whose features add up to a heading (see ``heading_score``)."""

    name = "heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "txt" and heading_score(index, ctx) >= HEADING_THRESHOLD

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return _heading(ctx.items[index]), 1


class QuotedLine(BlockDetector):
    """A line wholly inside quotation marks is a quote."""

    name = "quote"
    PAIRS = (("\u201c", "\u201d"), ('"', '"'))

    def test(self, index: int, ctx: BlockContext) -> bool:
        text = ctx.items[index].text
        return ctx.format == "txt" and len(text) > 2 and any(
            text.startswith(o) and text.endswith(c) and o not in text[1:-1] and c not in text[1:-1]
            for o, c in self.PAIRS
        )

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return Block(BlockKind.QUOTE, (ctx.items[index].text,), ctx.items[index].line.number), 1


class Paragraph(BlockDetector):
    """Anything else: one line, one paragraph."""

    name = "paragraph"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return True

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return _paragraph(ctx.items[index]), 1


def _heading(item: Item) -> Block:
    return Block(BlockKind.HEADING, (item.text,), item.line.number, level=2)


def _paragraph(item: Item) -> Block:
    return Block(BlockKind.PARAGRAPH, (item.text,), item.line.number)


def build_block_detectors() -> list[BlockDetector]:
    """The detectors in the order they are tried; ``Paragraph`` catches the rest."""
    return [
        MarkdownHeading(),
        MarkdownList(),
        MarkdownQuote(),
        MarkdownParagraph(),
        EditorHeading(),
        EditorText(),
        BulletList(),
        NumberedList(),
        TwoLineHeading(),
        ScoredHeading(),
        ShortLineList(),
        QuotedLine(),
        Paragraph(),
    ]


# -- the stage -----------------------------------------------------------------------------------


def _items(lines: Sequence[SourceLine]) -> tuple[Item, ...]:
    items, blank, last_number = [], True, None
    for line in lines:
        if not line.text.strip():
            blank = True
            continue
        # A gap in line numbers is a dropped noise line: it separates blocks like a blank line.
        gap = last_number is not None and line.number != last_number + 1
        items.append(Item(line, blank or gap))
        blank, last_number = False, line.number
    return tuple(items)


def _question_headings(items: Sequence[Item]) -> bool:
    count = 0
    for i, item in enumerate(items[:-1]):
        found = words(item.text)
        if (
            ending(item.text) == "?" and 2 <= len(found) <= MAX_HEADING_WORDS
            and found[0].lower() in QUESTION_STARTS
            and len(words(items[i + 1].text)) >= LONG_PARAGRAPH_WORDS
        ):
            count += 1
    return count >= 2


def _sentence_case_headings(items: Sequence[Item]) -> bool:
    # Two or more sentence-case lines standing alone between long paragraphs, with no closing
    # punctuation: the article writes its headings in sentence case.
    count = 0
    for i in range(1, len(items) - 1):
        found = words(items[i].text)
        if (
            2 <= len(found) <= MAX_HEADING_WORDS and ending(items[i].text) == ""
            and found[0][0].isupper() and found[0].lower() not in PRONOUNS
            and title_case_share(items[i].text) < 0.75
            and len(words(items[i - 1].text)) >= LONG_PARAGRAPH_WORDS
            and len(words(items[i + 1].text)) >= LONG_PARAGRAPH_WORDS
        ):
            count += 1
    return count >= 2


def markdown_levels(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Map Markdown heading depths to levels: the shallowest depth used is 2, deeper ones 3."""
    depths = sorted({b.level for b in blocks if b.kind is BlockKind.HEADING and b.level})
    if not depths:
        return tuple(blocks)
    top = depths[0]
    return tuple(
        Block(b.kind, b.lines, b.line, level=2 if b.level == top else 3, ordered=b.ordered)
        if b.kind is BlockKind.HEADING else b
        for b in blocks
    )


def detect_blocks(
    clean: CleanText,
    *,
    format: str = "txt",
    overrides: Overrides = Overrides(),
    detectors: Sequence[BlockDetector] | None = None,
) -> tuple[Block, ...]:
    """The blocks of the kept lines in order. Headings of ``.txt`` articles all get level 2
    here; ``sections.build_sections`` decides which are parts and which subsections."""
    items = _items(clean.lines)
    gaps = sum(1 for it in items[1:] if it.blank_before)
    ctx = BlockContext(
        items=items,
        format=format,
        headings=frozenset(loose(h) for h in overrides.headings),
        not_headings=frozenset(loose(h) for h in overrides.not_headings),
        blank_separated=len(items) > 1 and gaps / (len(items) - 1) >= 0.5,
        question_headings=_question_headings(items),
        sentence_case_headings=_sentence_case_headings(items),
    )
    detectors = list(detectors) if detectors is not None else build_block_detectors()
    blocks: list[Block] = []
    index = 0
    while index < len(items):
        for detector in detectors:
            if detector.test(index, ctx):
                block, used = detector.run(index, ctx)
                blocks.append(block)
                index += max(used, 1)
                break
    return markdown_levels(blocks) if format == "md" else tuple(blocks)
