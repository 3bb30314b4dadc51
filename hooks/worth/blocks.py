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
from collections import Counter
from collections.abc import Sequence
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .evidence import Weights, load_weights
from .model import Block, BlockKind, Overrides, SourceLine
from .noise import (
    CLOCK, SALUTATION, TITLE_CASE, CleanText, find_date, heading_scheme, is_part_label, is_questions_label,
    is_reference_label, loose, words,
)
from .text import markdown_text, without_html_comments

# -- line features -------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*(?:#?\d{1,2}|[ivx]{1,4})[.)]\s+\S|^\s*#\d{1,2}\s+\S|^\s*(?:step|tip|sign|reason|way|part|rule|lesson)\s+#?\d{1,2}\s*[:.\-\u2013\u2014]\s*\S", re.IGNORECASE)
_NUMBER_PREFIX = re.compile(r"^\s*(\d{1,2})[.)]\s+")
# The numbering ``core_text`` drops ("3. ", "iv) "), compiled once: it is asked of every short line.
_CORE_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4})[.)]\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043]|[-*+\u2013](?=\s))\s*")
# The heading's text is cut from its closing hashes in Python (``_heading_text``): a pattern that
# stops a lazy run before optional spaces and hashes takes cubic time on a line of spaces.
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s++(.*)$")
_MD_LIST = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,3})[.)])\s+(.*)$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
# The kind of a GitHub or Obsidian alert opening a quote ("> [!TIP] Before you start").
_ALERT_MARK = re.compile(r"^\[![A-Za-z]{1,20}\][+-]?\s*")
# An admonition's first line, as Python-Markdown and MkDocs blogs write it ("!!! warning "Money"",
# "??? note" for one that folds): its text is the lines indented under it.
_MD_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+([\w-]{1,30})(?:[ \t]+"([^"]{0,300})")?[ \t]*$')
# Small words that stay lower case in Title Case.
SMALL_WORDS = frozenset("a an the and but or nor for so yet of in on at to by up as is it its via vs "
                        "with from into onto over per than off out be are was".split())
# A sentence-case line starting with one of these is a statement ("You deserve better"), not a title.
PRONOUNS = frozenset("i you he she we they it this that there".split())
CONJUNCTIONS = frozenset("and but so or yet because then also plus nor".split())
QUESTION_STARTS = frozenset("what why how when where who which whose is are am was were do does did can could "
                            "should would will shall has have had may might must".split()) | frozenset(
    # "What's the best way ...?", "How's", "Who's": a question word and its verb in one
    f"{word}{apostrophe}s" for word in "what how who where why when".split() for apostrophe in "'\u2019")
# A heading broken over two lines often breaks after one of these words.
CONNECTING_WORDS = SMALL_WORDS | frozenset("when your his her their our my about that who what how why if".split())
CLOSING_QUOTES = ('"', "\u201d", "'", "\u2019")
MAX_HEADING_WORDS = 16
LONG_PARAGRAPH_WORDS = 12
NEXT_LONGER_BY = 4  # the paragraph after a heading is at least this many words longer than it
# No rule compares a word count with more than this many words, so a line's words are listed only
# when it has at most this many; a longer line (a paragraph) is just "long", told without listing
# its words (most of the time the rules spent here went into listing the words of paragraphs).
WORD_CAP = max(LONG_PARAGRAPH_WORDS, MAX_HEADING_WORDS + NEXT_LONGER_BY)
_ATTRIBUTION_DASHES = ("--", "\u2014", "\u2013", "\u2015")  # "-- Name", "\u2014 Sarah, reader"
# A letter's salutation: "Dear Abby: I have been...", "Dear Worried, you are not...". The name
# is its first word.
# Any letter's or post's greeting: "Hi Carolyn, ...", "Hello everyone!", "Dear Abby: ...".
_GREETING = re.compile(r"^(?:hi|hello|hey|dear)\b[^:,.!?]{0,40}[:,!]", re.IGNORECASE)
# Han, kana and hangul: writing without spaces between words, where ``words`` finds a whole
# clause as one word. The rules here count two such characters as a word (a Chinese word has one
# to three characters), so that a line of Chinese text is as long as the same text in English.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_MARKS = frozenset(".!?\u2026,;:")  # the closing punctuation ``ending`` reports
# The full-width marks of Chinese and Japanese text close a line as their Latin twins do.
_WIDE_MARKS = {"\u3002": ".", "\uff0e": ".", "\uff01": "!", "\uff1f": "?", "\uff1a": ":", "\uff0c": ",",
               "\u3001": ",", "\uff1b": ";"}


def core_text(text: str) -> str:
    """A line without numbering and wrapping emphasis (``**...**``)."""
    text = _CORE_NUMBERING.sub("", text.strip())
    return text.strip("*_ ").strip()


def title_case_share(text: str) -> float:
    """Share of the words (small words aside, except the first) that start with a capital."""
    return _capital_share(words(core_text(text)))


def _capital_share(found: Sequence[str]) -> float:
    # ``title_case_share`` of a line whose core words are ``found``.
    judged = capitals = 0
    for i, w in enumerate(found):
        if (i == 0 or w.lower() not in SMALL_WORDS) and not w.isdigit():
            judged += 1
            capitals += w[0].isupper()
    return capitals / judged if judged else 0.0


def ending(text: str) -> str:
    """The closing punctuation of a line ('' when none), ignoring emphasis and closing quotes, and
    a closing bracket after a mark ("(... to dominate her.)" closes like a sentence)."""
    last = text[-1:]
    # Most lines end in a letter, a digit or a mark, which the stripping below would keep.
    if last in _MARKS:
        return last
    if last.isalnum():
        return ""
    if last in _WIDE_MARKS:
        return _WIDE_MARKS[last]
    stripped = text.rstrip().rstrip("*_").rstrip()
    if stripped.endswith((")", "]")) and stripped[-2:-1] in _MARKS:
        return stripped[-2]
    while stripped.endswith(CLOSING_QUOTES) and len(stripped) > 1:
        if stripped[-2] in _MARKS:
            return stripped[-2]
        return "quote"
    return stripped[-1] if stripped and stripped[-1] in _MARKS else ""


def is_numbered(text: str) -> bool:
    return bool(_NUMBERED.match(text))


def number_of(text: str) -> int | None:
    """The number a line starts with ("7. ...", "7) ..."), None when it starts with none."""
    match = _NUMBER_PREFIX.match(text)
    return int(match.group(1)) if match else None


# -- the walk ------------------------------------------------------------------------------------


class Item:
    """One non-blank kept line, whether a blank line (or dropped noise) comes before it, and the
    features of its text the plain-text rules read. The rules ask for them many times per line
    (a line's own heading score, its neighbours' scores, list runs...): they are worked out once,
    here, instead of in every rule.

    - ``text``: the line without surrounding spaces; ``end``: its ``ending``; ``shape``: its
      ``line_shape``.
    - ``found``: its words, or None for a line of more than ``WORD_CAP`` words; ``count``: the
      number of words capped at ``WORD_CAP + 1``, which is exact for every comparison the rules make.
    - For a line of at most ``WORD_CAP`` words (None for a longer one, far too long to be a
      heading or a list item): ``numbered`` whether ``is_numbered``, ``core`` the words of its
      ``core_text`` and ``share`` its ``title_case_share``.
    """

    __slots__ = ("line", "blank_before", "text", "end", "numbered", "found", "count", "core", "share", "shape", "scheme")

    def __init__(self, line: SourceLine, blank_before: bool, shown_words: int = 0) -> None:
        self.line = line
        self.blank_before = blank_before
        self.text = text = line.text.strip()
        self.end = ending(text)
        # ``shown_words``: how many words the furniture stage saw in the line, where it counted
        # them. A line showing more than WORD_CAP holds more; the words of a paragraph are not
        # listed again.
        found = words(text) if shown_words <= WORD_CAP else None
        self.found = found = found if found is not None and len(found) <= WORD_CAP else None
        self.numbered: bool | None = None
        self.core: list[str] | None = None
        self.share: float | None = None
        self.shape: tuple[str, bool] | None = None
        self.scheme: str | None = None  # heading_scheme, for a line short enough to be a heading
        count = len(found) if found is not None else WORD_CAP + 1
        if found is not None and not text.isascii() and _UNSPACED.search(text):
            # A line in an unspaced script: two characters count as a word (as furniture is measured).
            count = (len(_UNSPACED.findall(text)) + 1) // 2 + sum(1 for w in found if not _UNSPACED.search(w))
            if count > WORD_CAP:
                self.found = found = None
        if found is None:
            self.count = WORD_CAP + 1
            return
        self.count = count
        self.numbered = numbered = is_numbered(text)
        # The numbering core_text drops is one whole word, the first: its other changes (emphasis
        # and spaces at the ends) take no word away.
        self.core = core = found[1:] if _CORE_NUMBERING.match(text) else found
        self.share = _capital_share(core)
        self.scheme = heading_scheme(text)
        if found and len(found) <= ShortLineList.MAX_ITEM_WORDS and not numbered:
            self.shape = (self.end, found[0][0].isupper())

    def __repr__(self) -> str:
        return f"Item(line={self.line!r}, blank_before={self.blank_before!r})"


@dataclass(frozen=True)
class BlockContext:
    """What detectors know about the whole article."""

    items: tuple[Item, ...]
    format: str
    headings: frozenset[str]
    not_headings: frozenset[str]
    question_headings: bool  # the article uses several questions as headings (Q&A style)
    sentence_case_headings: bool = False  # its headings are sentence case ("The toll on your body")
    schemes: Mapping[str | None, int] = field(default_factory=dict)  # short lines per heading scheme
    # Short lines (loose) written more than once: where the first copy is and how many there are.
    copies: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    main_sequence: frozenset[int] = frozenset()  # numbered lines counting on across paragraphs
    main_over_paragraphs: bool = False  # most of them straight over a paragraph (``_over_paragraphs``)
    main_span: tuple[int, int] = (0, 0)  # the first and last of them (none: an empty span)
    lesser_sequence: frozenset[int] = frozenset()  # the same, in a shorter sequence than the main one
    written_markdown: bool = False  # see ``CleanText.written_markdown``
    dropped: frozenset[int] = frozenset()  # numbers of the lines dropped as furniture
    stamps: frozenset[int] = frozenset()  # numbers of the dropped lines that are dated bylines (``_stamp_like``)
    asked: frozenset[int] = frozenset()  # lines of a run of questions (``_question_runs``)
    answered: frozenset[int] = frozenset()  # an FAQ's label and its questions (``_answered_questions``)
    alike: frozenset[int] = frozenset()  # lines of a run of lines alike (``_runs_alike``)
    link_lines: frozenset[int] = frozenset()  # see ``CleanText.link_lines``
    section_lines: frozenset[int] = frozenset()  # see ``CleanText.section_lines``
    under_section_names: frozenset[int] = frozenset()  # the lines of their sections (``_under_section_names``)
    heads_section_names: frozenset[int] = frozenset()  # the line over the first of them (``_heads_section_names``)
    labelled: frozenset[int] = frozenset()  # numbers of the short "Label: value" lines, kept or dropped (``_labelled_lines``)
    title_line: int | None = None  # the number of the title's line (``CleanText.title_line``)
    colon_headings: bool = False  # its headings end in a colon, each over its paragraph (``_colon_headings``)
    spaced: bool = False  # a blank line sets most of its lines apart (``_spaced``)
    # How many short sentences set apart above and straight over a paragraph open with each word
    # (``_sentences_set_over``).
    sentences_set_over: Mapping[str, int] = field(default_factory=dict)
    sentences_set_over_count: int = 0  # how many there are

    def shown(self, text: str) -> str:
        """Text as the page shows it: ``without_inline_markup`` for Markdown an author wrote."""
        return without_inline_markup(text) if self.written_markdown else text
    weights: Weights = field(default_factory=load_weights)

    def word_count(self, index: int) -> int:
        return len(words(self.items[index].text)) if 0 <= index < len(self.items) else 0

    def capped_count(self, index: int) -> int:
        """``word_count`` capped at ``WORD_CAP + 1`` (see ``Item.count``): enough for every rule."""
        return self.items[index].count if 0 <= index < len(self.items) else 0


class BlockDetector:
    """One rule for a kind of block: ``test`` says whether a block starts at ``index``;
    ``run`` makes the block and returns it with the number of items it used."""

    name = "block"

    def applies(self, ctx: BlockContext) -> bool:
        """Whether ``test`` can accept any line of this article at all. ``detect_blocks`` leaves
        out the rules that cannot (another format's, the editor's when it listed nothing)
        instead of asking each of them about every line."""
        return True

    def test(self, index: int, ctx: BlockContext) -> bool:
        raise NotImplementedError

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        raise NotImplementedError


class MarkdownDetector(BlockDetector):
    """A rule for ``.md`` articles only."""

    def applies(self, ctx: BlockContext) -> bool:
        return ctx.format == "md"


class PlainTextDetector(BlockDetector):
    """A rule for ``.txt`` articles only."""

    def applies(self, ctx: BlockContext) -> bool:
        return ctx.format == "txt"


# -- Markdown ------------------------------------------------------------------------------------


def _marked(marker: re.Pattern[str], item: Item) -> bool:
    """Whether ``item`` opens with the Markdown ``marker``: never a line whose text is literal (a
    web page's paragraph opening with "2." or "* * *" is a paragraph, shown as the page showed it)."""
    return not item.line.literal and marker.match(item.text) is not None


class MarkdownHeading(MarkdownDetector):
    name = "md-heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and _marked(_MD_HEADING, ctx.items[index])

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        match = _MD_HEADING.match(ctx.items[index].text)
        assert match
        # The raw depth is kept for now; ``markdown_levels`` maps depths to levels 2 and 3.
        text = _heading_text(match.group(2))
        heading = ctx.shown(text) or text
        return Block(BlockKind.HEADING, (heading,), ctx.items[index].line.number, level=len(match.group(1))), 1


def _heading_text(text: str) -> str:
    """An ATX heading's text without its closing run of ``#`` (set off by a space) and spaces."""
    text = text.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1].isspace()):
        text = bare.rstrip()
    return text


class MarkdownList(MarkdownDetector):
    name = "md-list"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and _marked(_MD_LIST, ctx.items[index])

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        first = _MD_LIST.match(ctx.items[index].text)
        assert first
        ordered = first.group(2) is not None
        texts, used = [], 0
        for item in ctx.items[index:]:
            match = None if item.line.literal else _MD_LIST.match(item.text)
            if match and (match.group(2) is not None) == ordered:
                # (A task list's box, "[ ] " or "[x] ", is a mark, not words.)
                texts.append(ctx.shown(_TASK_BOX.sub("", match.group(3).strip(), count=1)))
            elif match:
                break  # a list of the other kind starts ("- ..." then "1. ...")
            elif used and not item.blank_before and not _marked(_MD_HEADING, item) and not _marked(_MD_QUOTE, item):
                texts[-1] = f"{texts[-1]} {ctx.shown(item.text.strip())}"  # a list item continued on the next line
            else:
                break
            used += 1
        return Block(BlockKind.LIST, tuple(texts), ctx.items[index].line.number, ordered=ordered), used


_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")


class MarkdownQuote(MarkdownDetector):
    name = "md-quote"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and _marked(_MD_QUOTE, ctx.items[index])

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        texts, used = [], 0
        for item in ctx.items[index:]:
            match = None if item.line.literal else _MD_QUOTE.match(item.text)
            if not match or (used and item.blank_before):
                break
            used += 1  # a bare ">" line is read too, though it shows nothing
            text = match.group(1).strip()
            if used == 1:  # the first line may open with an alert's kind ("[!TIP] Before you start")
                text = _ALERT_MARK.sub("", text, count=1)
            line = ctx.shown(text)
            if line:
                texts.append(line)
        texts = texts or [ctx.items[index].text.lstrip("> ")]
        return Block(BlockKind.QUOTE, tuple(texts), ctx.items[index].line.number), used


class MarkdownAdmonition(MarkdownDetector):
    """An admonition: a box, read as a quote whose first line is its title as the renderer shows
    it (the title given, or else its kind: "!!! tip" is titled "Tip"; an empty title, none)."""

    name = "md-admonition"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md" and _marked(_MD_ADMONITION, ctx.items[index])

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        match = _MD_ADMONITION.match(ctx.items[index].text)
        assert match
        kind, title = match.groups()
        texts = [ctx.shown(title if title is not None else kind.capitalize())]
        paragraph: list[str] = []
        used = 1
        for item in ctx.items[index + 1:]:
            if not item.line.text.startswith(("    ", "\t")):
                break  # the box ends where its indented lines do
            if item.blank_before and paragraph:
                texts.append(ctx.shown(" ".join(paragraph)))
                paragraph = []
            paragraph.append(item.text)
            used += 1
        if paragraph:
            texts.append(ctx.shown(" ".join(paragraph)))
        return Block(BlockKind.QUOTE, tuple(t for t in texts if t), ctx.items[index].line.number), used


# Markup a Markdown renderer would not show as text besides inline Markdown (``markdown_text``):
# kramdown attribute lists ({: .class}) and Liquid tags ({% ... %}). A bounded pattern: linear on any line.
# Also Liquid's and Hugo's inline output tags ("{{ site.author }}", "{{< ref "x" >}}"), which only
# the blog's own engine can fill in, and an attribute list closing a line as Pandoc, Hugo and
# Python-Markdown write them ("## What It Costs {#costs}", "{.lead}").
_INLINE_ATTRIBUTES = re.compile(
    r"\{:[^{}\n]{0,300}\}|\{%[^{}\n]{0,300}%\}|\{\{[^{}\n]{0,300}\}\}"
    r"|\s*\{[ \t]*[#.][\w-]{1,60}(?:[ \t]+(?:[#.][\w-]{1,60}|[\w-]{1,30}=(?:\"[^\"\n]{0,200}\"|[\w-]{1,60})))*[ \t]*\}\s*$")
# What inline Markdown is written with (and a note-taking app's highlights and comments, an emoji's code).
_INLINE_MARKS = ("*", "_", "`", "[", "\\", "&", "<", "~", "==", "%%", ":")


def without_inline_markup(text: str) -> str:
    """A ``.md`` line as a Markdown renderer shows its text: without HTML comments and tags,
    kramdown attribute lists and Liquid tags, and with its inline Markdown read
    (``text.markdown_text``: emphasis, links, images, escapes, entities)."""
    if "<!--" in text:
        text = without_html_comments(text)  # (before the kramdown and Liquid tags they may hold)
    if "{" in text:
        text = _INLINE_ATTRIBUTES.sub("", text)
    if any(mark in text for mark in _INLINE_MARKS):
        return markdown_text(text)
    return " ".join(text.split())


class MarkdownParagraph(MarkdownDetector):
    """Lines up to the next blank line or block marker make one paragraph."""

    name = "md-paragraph"

    def test(self, index: int, ctx: BlockContext) -> bool:
        return ctx.format == "md"

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        texts = [ctx.items[index].text]
        for item in ctx.items[index + 1:]:
            if item.blank_before or any(_marked(p, item) for p in (_MD_HEADING, _MD_LIST, _MD_QUOTE, _MD_ADMONITION)):
                break
            texts.append(item.text)
        text = ctx.shown(" ".join(texts))
        return Block(BlockKind.PARAGRAPH, (text,), ctx.items[index].line.number), len(texts)


# -- plain text ----------------------------------------------------------------------------------


class EditorHeading(BlockDetector):
    """A line the editor listed under ``headings`` in the front matter."""

    name = "editor-heading"

    def applies(self, ctx: BlockContext) -> bool:
        return bool(ctx.headings)

    def test(self, index: int, ctx: BlockContext) -> bool:
        return loose(ctx.items[index].text) in ctx.headings

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return _heading(ctx.items[index]), 1


class EditorText(BlockDetector):
    """A line the editor listed under ``not_headings``: always a paragraph."""

    name = "editor-text"

    def applies(self, ctx: BlockContext) -> bool:
        return bool(ctx.not_headings)

    def test(self, index: int, ctx: BlockContext) -> bool:
        return loose(ctx.items[index].text) in ctx.not_headings

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        return _paragraph(ctx.items[index]), 1


class BulletList(PlainTextDetector):
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


class NumberedList(PlainTextDetector):
    """Two or more numbered lines in a row (1., 2., 3.) make a numbered list; numbered
    headings have paragraphs between them."""

    name = "numbered-list"

    @staticmethod
    def run_length(index: int, ctx: BlockContext) -> int:
        """How many numbered lines, counting on by one, run from ``index``."""
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
        # Most lines are not numbered: one match says so before a run is counted.
        return (
            ctx.format == "txt" and bool(_NUMBER_PREFIX.match(ctx.items[index].text))
            and self.run_length(index, ctx) >= 2
        )

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        n = self.run_length(index, ctx)
        # Items keep their numbers as written ("1. ..."): ordered steps lose meaning without them.
        texts = tuple(it.text for it in ctx.items[index:index + n])
        return Block(BlockKind.LIST, texts, ctx.items[index].line.number, ordered=True), n


class ShortLineList(PlainTextDetector):
    """A run of short parallel lines (same closing punctuation, same capitalisation) is a list:
    three or more, or two or more after a line ending in ``:``."""

    name = "short-line-list"
    MAX_ITEM_WORDS = 6

    def _run_length(self, index: int, ctx: BlockContext) -> int:
        shape = ctx.items[index].shape
        if shape is None:
            return 0
        count = 0
        for item in ctx.items[index:]:
            # (loose() only when the editor listed headings: most articles list none.)
            if item.shape != shape or (ctx.headings and loose(item.text) in ctx.headings):
                break
            if count and is_reference_label(item.text):  # the list ends where the references begin
                break
            count += 1
        if count > 1:  # (a contents list ends where its first entry comes again)
            starts = _named_once_runs([item.text for item in ctx.items[index:index + count]])
            count = starts[1] if len(starts) > 1 else count
        return count

    def test(self, index: int, ctx: BlockContext) -> bool:
        if ctx.format != "txt":
            return False
        n = self._run_length(index, ctx)
        if n < 2:
            return False
        introduced = index > 0 and ctx.items[index - 1].end == ":"
        return n >= 3 or introduced

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        n = self._run_length(index, ctx)
        texts = tuple(it.text for it in ctx.items[index:index + n])
        return Block(BlockKind.LIST, texts, ctx.items[index].line.number), n


def parallel_run(index: int, ctx: BlockContext) -> int:
    """How many lines in a row around ``index`` share its short-line shape."""
    items = ctx.items
    shape = items[index].shape
    if shape is None:
        return 0
    start = index
    while start > 0 and items[start - 1].shape == shape:
        start -= 1
    end = index
    while end + 1 < len(items) and items[end + 1].shape == shape:
        end += 1
    if end - start < 2:
        return end - start + 1
    starts = _named_once_runs([items[k].text for k in range(start, end + 1)]) + [end + 1 - start]
    own = max(k for k, first in enumerate(starts) if first <= index - start)  # the run holding the line
    return starts[own + 1] - starts[own]


def _named_once_runs(texts: Sequence[str]) -> list[int]:
    """Where each run of ``texts`` starts when a list names each thing once: a line written again
    (a contents list's entry, then its own heading) starts a run of its own."""
    starts, seen = [0], set()
    for k, text in enumerate(texts):
        if text in seen:
            starts.append(k)
            seen = set()
        seen.add(text)
    return starts


def _salutation(index: int, ctx: BlockContext) -> str | None:
    """The name the line at ``index`` opens a letter to ("Dear Abby: ..." gives "abby"), or None."""
    if not 0 <= index < len(ctx.items):
        return None
    text = ctx.items[index].text
    if text[:4].lower() != "dear":  # asked of every line: most are turned away here, cheaply
        return None
    match = SALUTATION.match(text)
    return match.group(1).lower() if match else None


LETTER_REACH = 30  # how many lines back a letter's opening salutation is looked for


def _signs_a_letter(index: int, ctx: BlockContext) -> bool:
    """Whether the line is a letter's sign-off ("Worried in Leeds"): a letter opened "Dear <name>"
    a little above it, and the answer under it opens "Dear <a word of this line>" ("Dear Worried:")."""
    answer = _salutation(index + 1, ctx)
    found = ctx.items[index].found
    if answer is None or not found or found[0].lower() == "dear" or answer not in {w.lower() for w in found}:
        return False
    return any(
        (name := _salutation(k, ctx)) is not None and name != answer
        for k in range(index - 1, max(-1, index - 1 - LETTER_REACH), -1))


def heading_features(index: int, ctx: BlockContext) -> dict[str, float] | None:
    """What speaks for and against a plain-text line being a heading (None: far too long to be
    one). The heading judge of ``reader_weights.yml`` weighs them; no single trait decides."""
    item = ctx.items[index]
    found = item.core  # the words of core_text(text); None for a line far longer than a heading
    if not found or len(found) > MAX_HEADING_WORDS:
        return None
    # (In Chinese or Japanese two characters count as a word: ``Item.count``.)
    n = len(found) + item.count - len(item.found)
    text = item.text
    share = item.share
    end = item.end
    # A byline under a post's title ("Guest 11:05 a.m.") stands between the title and its text:
    # the line after it is what follows the title.
    byline = index + 1 < len(ctx.items) and _stamp_like(ctx.items[index + 1])
    next_words = ctx.capped_count(index + 1 + byline)
    prev_words = ctx.capped_count(index - 1) if index > 0 else 0
    first = found[0].lower()
    first_copy, copies = ctx.copies.get(loose(text), (index, 1)) if ctx.copies else (index, 1)
    short_run = parallel_run(index, ctx)
    over_list = _over_a_list(index, ctx, short_run)
    f: dict[str, float] = {
        "no closing mark": end == "",
        "ends with a full stop": end in (".", "\u2026"),
        "ends with !": end == "!",
        "ends with ?": end == "?",
        "ends with :": end == ":",
        "ends with , or ;": end in (",", ";"),
        "ends with a quote": end == "quote",
        "capitals": share,
        # Chinese or Japanese, with no capitals to tell a heading by: their weight is their own.
        "written without capitals": (not share and not text.isascii() and _UNSPACED.search(text) is not None
                                     and not any(c.isupper() for c in text)),
        "one word": n == 1,
        "two to four words": 2 <= n <= 4,
        "nine words or more": n >= 9 and end != "?",
        "a question of nine words or more": n >= 9 and end == "?",
        "numbered": bool(item.numbered),
        "paragraph follows": next_words >= max(LONG_PARAGRAPH_WORDS, n + NEXT_LONGER_BY),
        # (Over a list, the list's own feature below says more.)
        "short line follows": 0 < next_words <= ShortLineList.MAX_ITEM_WORDS and not over_list,
        # (A paragraph closes: a long line left open is one of a list's items, or a heading.)
        "paragraph before": index == 0 or (prev_words >= LONG_PARAGRAPH_WORDS and ctx.items[index - 1].end != ""),
        "after a line ending in :": index > 0 and ctx.items[index - 1].end == ":",
        "one of a run of short lines": short_run >= 3,
        "over a list": over_list,
        # (The run of six-word lines weighs on its own, above.)
        "one of a run of lines alike, not all short": short_run < 3 and index in ctx.alike,
        "starts with a conjunction": first in CONJUNCTIONS,
        "starts with a pronoun": first in PRONOUNS,
        "starts like a question": first in QUESTION_STARTS,
        "bold": text.startswith(("**", "__")),
        "shares a scheme": ctx.schemes.get(item.scheme, 0) >= 3,
        "numbered in the main sequence": index in ctx.main_sequence,
        # "1. He's moody." / a paragraph / "2. He lies." / a paragraph: the numbered lines head the
        # text under them, whether written as names or as sentences; a recap's numbered lines
        # stand in one run.
        "numbered in the main sequence, each over a paragraph": index in ctx.main_sequence and ctx.main_over_paragraphs,
        "numbered in a lesser sequence": index in ctx.lesser_sequence,
        "written again later": copies >= 2,
        "repeats an earlier line": first_copy < index,
        "written three times or more": copies >= 3,
        # Inside the run of the article's numbered headings, any other line (a question the text
        # asks, a list numbered anew) is most likely part of one of their sections.
        "between numbered headings": (
            ctx.main_span[0] < index < ctx.main_span[1] and index not in ctx.main_sequence),
        "short lines around": 0 < prev_words < LONG_PARAGRAPH_WORDS and 0 < next_words < LONG_PARAGRAPH_WORDS,
        # "The other?", "Do you answer him?": a few words asking the reader on, answered by the
        # paragraph after; a heading's question most often says what its section answers.
        "a question of four words or fewer": end == "?" and n <= 4,
        # One of several questions in a row: questions the text asks, not one heading. (As in
        # ``_question_runs``, a blank line or furniture between two questions parts them: a
        # post's title over its byline, and the question the post asks under it.)
        "a question beside another question": (end == "?" and (
            (index > 0 and ctx.items[index - 1].end == "?" and not item.blank_before)
            or (index + 1 < len(ctx.items) and ctx.items[index + 1].end == "?"
                and not ctx.items[index + 1].blank_before))),
        # A post's title over its byline ("Guest 11:05 a.m."), kept or dropped, or over other furniture.
        "a dated byline follows": byline or item.line.number + 1 in ctx.stamps,
        "furniture follows": item.line.number + 1 in ctx.dropped and item.line.number + 1 not in ctx.stamps,
        "article asks questions as headings": ctx.question_headings,
        "article has sentence-case headings": ctx.sentence_case_headings,
        "glued edit link": text.startswith("[Edit]"),
        "part label": is_part_label(text),
        "label before a colon": ":" in text[:-1] and end != ":",
        "starts with a symbol": not text[:1].isalnum() and text[:1] not in "\"'\u201c\u2018*_([",
        # One of the article's section names ("Books" ... "Videos", each over its own lines).
        "a section name": item.line.number in ctx.section_lines,
        # A line of a section name's own list ("A talk on rest and boundaries" under "Videos").
        "under a section name": index in ctx.under_section_names,
    }
    # Letters and their answers (an advice column): the reply opens "Dear <sign-off>:", so the
    # line over a reply that names one of its words signs the letter above; a letter opening
    # "Dear ..." to anyone else most often stands under its headline.
    dear = _salutation(index + 1, ctx)
    if dear is not None and not first == "dear":
        signs = dear in {w.lower() for w in found}
        f["signs the letter answered next"] = signs
        f["a letter opens next"] = not signs
    # Traits that speak only together (a weighted sum cannot say "and" by itself).
    # An open line between two sentences, however short ("Growing up" between lines ending "."):
    # a sentence of the text closes, a list's item stands among other items.
    f["open between sentences"] = (
        end == "" and 0 < index < len(ctx.items) - 1
        and ctx.items[index - 1].end in _SENTENCE_ENDS and ctx.items[index + 1].end in _SENTENCE_ENDS)
    alone = f["paragraph follows"] and f["paragraph before"]
    f["title case between paragraphs"] = alone and share >= TITLE_CASE and end == ""
    f["sentence case between paragraphs"] = alone and share < TITLE_CASE and end == ""
    f["question between paragraphs"] = alone and end == "?"
    f["question in a question-and-answer article"] = end == "?" and ctx.question_headings
    f["full question between paragraphs among sentence-case headings"] = (
        alone and end == "?" and n >= 5 and ctx.sentence_case_headings)
    # Sentences of nine words or more do not capitalise most of them; headlines and titles do.
    f["nine words or more in title case"] = n >= 9 and share >= TITLE_CASE and end == ""
    # ("2. He lies." is numbered as one of a list's items or headings: its numbering says more.)
    f["statement starting with a pronoun"] = first in PRONOUNS and share < TITLE_CASE and not item.numbered
    # "Part 1: ..." with its first subheading straight under it: a part heading, not a list line.
    f["part label over a short line"] = f["part label"] and f["short line follows"]
    # ... and that first subheading, straight under the part's label, over its own paragraph.
    f["under a part label, over a paragraph"] = (
        index > 0 and f["paragraph follows"] and is_part_label(ctx.items[index - 1].text))
    # "What it cost me in money:" over its paragraph, in an article writing two or more such
    # lines: the article's headings end in a colon (one such line alone is most often a lead-in).
    f["one of the article's headings ending in :"] = end == ":" and f["paragraph follows"] and ctx.colon_headings
    # Set apart from the text above by a blank line, written straight over its paragraph, in an
    # article that sets its lines apart with blank lines: a heading sits on its section. A
    # sentence so set ("Then it changed.") is as often a paragraph's first line: closed lines so
    # set are headings when the article writes three or more of them ("Stop waiting.", "Stop
    # explaining.", ...).
    # (Where nothing is set apart by blank lines, one block a line, as a page's text is copied, a
    # line stands apart below a closed paragraph: its sentences count, an open line's is the
    # "between paragraphs" of the traits above.)
    set_over = bool(f["paragraph follows"] and not byline and _set_over_paragraph(index, ctx.items, ctx.spaced))
    f["set apart above, straight over a paragraph"] = ctx.spaced and set_over and end not in _CLOSED
    closed_set_over = set_over and end in _CLOSED
    f["one of three or more sentences set over their paragraphs"] = (
        closed_set_over and ctx.sentences_set_over_count >= MIN_SENTENCES_SET_OVER)
    # ... opening alike, as a list's headings do ("Stop waiting.", "Stop explaining.", "Stop ...").
    f["one of three or more such sentences opening alike"] = (
        closed_set_over and ctx.sentences_set_over.get(first, 0) >= MIN_SENTENCES_SET_OVER)
    # A sentence-case line straight under an open title-case line ("Keeping Score in Silence" /
    # "Counting every favour"): the first line of that heading's section.
    before = ctx.items[index - 1] if index > 0 else None
    f["sentence case under a title-case line"] = (
        before is not None and share < TITLE_CASE and not item.blank_before and before.end == ""
        and before.share is not None and before.share >= TITLE_CASE and 2 <= before.count <= MAX_HEADING_WORDS)
    # (Each trait above is true or false, or a share; the judge is given those that hold, as numbers.)
    return {name: float(value) for name, value in f.items() if value}


_SENTENCE_ENDS = (".", "!", "?", "\u2026")
_CLOSED = (".", "!", "\u2026")  # a statement's closing marks


def _over_a_list(index: int, ctx: BlockContext, short_run: int) -> bool:
    """Whether the line stands straight over a list it is not part of ("Key points" over a
    numbered list, or over a run of lines alike), with no closing mark: not a lead-in ending in a
    colon, nor a line a colon introduces (the first item of an announced list)."""
    items = ctx.items
    item = items[index]
    if item.end or item.numbered or index + 1 >= len(items) or items[index + 1].blank_before:
        return False
    if _BULLET.match(item.text):
        return False  # an item of the list itself
    if short_run >= 3 or index in ctx.alike or (index > 0 and items[index - 1].end == ":"):
        return False
    after = index + 1
    return (after in ctx.alike or parallel_run(after, ctx) >= 3 or bool(_BULLET.match(items[after].text))
            or NumberedList.run_length(after, ctx) >= 2)


_LABEL_VALUE = re.compile(r"^[^\W\d_][^:]{1,30}:\s+\S")  # (not "Q:" or "A:", which mark an interview's turns)
LABEL_LINE_WORDS = 8


def _labelled_lines(items: Sequence[Item], noise: Sequence) -> frozenset[int]:
    """Numbers of the short lines, kept or dropped as furniture, written "Label: value" ("Source:
    Our survey", "Reading time: 4 min"), a part's label ("Part One: ...") aside. Most lines hold
    no colon: the pattern is tried on the few that do."""
    found = [item.line.number for item in items
             if item.count <= LABEL_LINE_WORDS and ":" in item.text and _LABEL_VALUE.match(item.text)
             and not is_part_label(item.text)]  # "Part One: ..." opens a part: a heading
    found += [n.line for n in noise
              if ":" in n.text and len(n.text) <= 80 and _LABEL_VALUE.match(n.text.strip())]
    return frozenset(found)


def _stamp_like(item: Item) -> bool:
    # A short line holding a time or a date: the byline under a post's title ("Guest 11:05 a.m.").
    # (Scraped bylines often glue the time to the name, so no word boundary is asked before it.)
    return item.count <= ShortLineList.MAX_ITEM_WORDS and _dated(item.text)


def _dated(text: str) -> bool:
    return any(c.isdigit() for c in text) and bool(CLOCK.search(text) or find_date(text))


def _schemes(items: Sequence[Item]) -> dict[str | None, int]:
    # How many short lines of the article follow each scheme.
    found: dict[str | None, int] = {}
    for item in items:
        if item.core is not None and item.core and len(item.core) <= MAX_HEADING_WORDS:
            scheme = item.scheme
            if scheme is not None:
                found[scheme] = found.get(scheme, 0) + 1
    return found


def _numbered_sequences(items: Sequence[Item]) -> tuple[frozenset[int], frozenset[int]]:
    """Numbered short lines that count on across paragraphs ("1. ...", text, "2. ...", text):
    those of the article's longest such sequence (its numbered headings), and those of shorter
    ones (a numbered list inside a section, counting from 1 again). Each numbered line continues
    the most recent sequence that ended on the number before its own: one pass."""
    sequences: list[list[tuple[int, int]]] = []  # each: [(index, number), ...]
    ending_on: dict[int, list[int]] = {}  # number -> sequences (by position) ending on it, latest last
    for index, item in enumerate(items):
        match = _NUMBER_PREFIX.match(item.text)
        if not match or item.core is None or len(item.core) > MAX_HEADING_WORDS:
            continue
        number = int(match.group(1))
        waiting = ending_on.get(number - 1)
        if waiting:
            k = waiting.pop()
        else:
            k = len(sequences)
            sequences.append([])
        sequences[k].append((index, number))
        ending_on.setdefault(number, []).append(k)
    spaced = [seq for seq in sequences if len(seq) >= 2 and all(b[0] - a[0] >= 2 for a, b in zip(seq, seq[1:]))]
    if not spaced:
        return frozenset(), frozenset()
    longest = max(spaced, key=len)
    main = frozenset(i for i, _ in longest)
    lesser = frozenset(i for seq in spaced if seq is not longest for i, _ in seq)
    return main, lesser


MIN_HEADED_SEQUENCE = 3
MOST_OVER_PARAGRAPHS = 0.75


def _over_paragraphs(lines: frozenset[int], items: Sequence[Item]) -> bool:
    """Whether three or more numbered lines stand, most of them (``MOST_OVER_PARAGRAPHS``),
    straight over a paragraph."""
    if len(lines) < MIN_HEADED_SEQUENCE:
        return False
    over = sum(1 for i in lines if i + 1 < len(items) and items[i + 1].count >= LONG_PARAGRAPH_WORDS
               and not items[i + 1].numbered)
    return over >= MOST_OVER_PARAGRAPHS * len(lines)


def _copies(items: Sequence[Item]) -> dict[str, tuple[int, int]]:
    """Short lines written more than once (compared ``loose``ly): the index of the first copy and
    how many there are. A contents list or a recap repeats a heading once; furniture (a name and
    role over every answer) comes back again and again."""
    seen: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(items):
        if item.core is not None and len(item.core) <= MAX_HEADING_WORDS:
            key = loose(item.text)
            first, count = seen.get(key, (index, 0))
            seen[key] = (first, count + 1)
    return {key: value for key, value in seen.items() if value[1] >= 2}


class TwoLineHeading(PlainTextDetector):
    """A heading broken over two lines: two adjacent title-like lines with no closing
    punctuation, joined, followed by a paragraph."""

    name = "two-line-heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        if ctx.format != "txt" or index + 2 >= len(ctx.items):
            return False
        a, b = ctx.items[index], ctx.items[index + 1]
        # The words of core_text, None for a line far too long to be half a heading. (The
        # cheapest tests come first: this is asked of every line, and most lines are paragraphs.)
        wa, wb = a.core, b.core
        if not wa or not wb or len(wa) + len(wb) > MAX_HEADING_WORDS or a.end or b.end:
            return False
        if wa[0][0].islower():
            return False  # a heading opens with a capital: lines in lower case are a list's items
        if b.blank_before or b.line.number != a.line.number + 1 or b.numbered:
            return False
        if is_part_label(a.text) or is_part_label(b.text):
            return False  # a part label is a whole heading; the next line is its first subsection
        if a.scheme is not None and a.scheme == b.scheme:
            return False  # two headings written to one scheme ("[Edit]Steps", "[Edit]Being There")
        if loose(a.text) in ctx.not_headings or loose(b.text) in ctx.not_headings:
            return False
        joined = f"{a.text} {b.text}"
        if title_case_share(joined) < TITLE_CASE and not wb[0][0].islower():
            return False
        if ctx.capped_count(index + 2) < LONG_PARAGRAPH_WORDS:
            return False
        # The break falls mid-phrase: after a connecting word ("The Hard Truth About" / "Walking
        # Away...") or before a word in lower case. Two whole title-like lines are two headings.
        return wa[-1].lower() in CONNECTING_WORDS or wb[0][0].islower()

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        a, b = ctx.items[index], ctx.items[index + 1]
        return Block(BlockKind.HEADING, (f"{a.text} {b.text}",), a.line.number, level=2), 2


def ruled_out(index: int, ctx: BlockContext) -> bool:
    """Whether the article's structure says the line is no heading before the judge weighs it."""
    item = ctx.items[index]
    before = ctx.items[index - 1] if index > 0 else None
    if before is not None and before.end == ":" and before.count < LONG_PARAGRAPH_WORDS and not item.blank_before:
        # A short line ending in a colon ("Here is what I learned:") runs on into this one. (After
        # a long paragraph ending in a colon, the judge weighs it: a heading often comes next.)
        return True
    if item.text.startswith(_ATTRIBUTION_DASHES) or (before is not None and before.text.endswith(_ATTRIBUTION_DASHES)):
        # "\u2014 Dana, reader", "--Worn Out in Ohio": who said or signed the text above; a line
        # after one ending in a dash goes on with it ("... the whole winter? --" / "Tired in Leeds").
        return True
    if item.end == ":" and ctx.copies and ctx.copies.get(loose(item.text), (index, 1))[1] >= 2:
        return True  # a label written again and again ("Interviewer:", "Dr. Lee:"): whose turn it is
    if _signs_a_letter(index, ctx):
        return True
    if _GREETING.match(item.text):
        return True  # a greeting opens a letter or a post: it is its first line, not its title
    if len(item.found or ()) == 1 and item.found[0].lower() in CONJUNCTIONS:
        return True  # "But", "And": a lone word that joins the sentences around it
    if index in ctx.asked:
        return True  # one of a list of questions the text asks, not a section's heading
    if index in ctx.under_section_names:
        return True  # a title a section name lists ("A talk on rest" under "Videos")
    if ((index in ctx.alike or (item.shape is not None and parallel_run(index, ctx) >= 3))
            and not item.text.startswith("[Edit]")
            and item.line.number not in ctx.section_lines and index not in ctx.heads_section_names):
        # One of three or more lines alike in a row ("Time", "Friends", "Sleep"; ``_runs_alike``):
        # a list, its first and last items too. (A wiki's headings, glued to their edit links,
        # stand in such runs, and section names among their titles.)
        return True
    if item.line.number in ctx.link_lines:
        return True  # the title of another page, listed under "Related articles"
    number = item.line.number
    if number in ctx.labelled and (number - 1 in ctx.labelled or number + 1 in ctx.labelled):
        # "Original talk: Watch it here" over "Show notes: Read them online" (kept or dropped as
        # furniture): a block of details about the page (where it came from, its reading time),
        # written "Label: value" a line each; a heading so written ("Lesson One: Small Promises
        # Matter") stands alone between paragraphs.
        return True
    if index + 1 == len(ctx.items):
        return True  # the article's last line heads nothing: a sign-off, a call to action, a counter
    if ctx.title_line is not None and item.line.number < ctx.title_line:
        return True  # above the headline: the site's (a badge, a section's name), kept in case it is not
    # Steps numbered anew inside a section of the numbered headings belong to that section.
    return index in ctx.lesser_sequence and ctx.main_span[0] < index < ctx.main_span[1]


class ScoredHeading(PlainTextDetector):
    """A line the heading judge takes for a heading (see ``heading_features``); the label over
    the works an article cites ("References", "Sources:"), a heading whatever stands around it;
    and an FAQ's label and its questions (``_answered_questions``)."""

    name = "heading"

    def test(self, index: int, ctx: BlockContext) -> bool:
        if ctx.format != "txt":
            return False
        item = ctx.items[index]
        if item.count <= 4 and is_reference_label(item.text):
            return True
        if index in ctx.heads_section_names or index in ctx.answered:
            return True
        if not item.core or len(item.core) > MAX_HEADING_WORDS:
            return False  # far too long for a heading: no judge, no sequence of headings weighs it
        if ruled_out(index, ctx):
            return False
        if self._says(index, ctx):
            return True
        # The article's numbered headings ("1. ...", text, "2. ...", text) are one kind of
        # heading: one of them written unlike the rest ("15. Ditch the timeline.") is still one
        # of them when most of the others are headings.
        return index in ctx.main_sequence and _most_are_headings(ctx.main_sequence - {index}, ctx, self._says)

    @staticmethod
    def _says(index: int, ctx: BlockContext) -> bool:
        features = heading_features(index, ctx)
        return features is not None and ctx.weights.heading.says(features)

    def run(self, index: int, ctx: BlockContext) -> tuple[Block, int]:
        # A heading written twice in a row (a page's heading, then a picture captioned with it) is
        # one heading.
        twice = index + 1 < len(ctx.items) and ctx.items[index + 1].text == ctx.items[index].text
        return _heading(ctx.items[index]), 1 + twice


MOST_OF_A_SEQUENCE = 2 / 3


def _most_are_headings(others: frozenset[int], ctx: BlockContext, says) -> bool:
    """Whether at least two thirds (and three or more) of the lines ``others`` are headings by the judge."""
    if len(others) < 3:
        return False
    judged = sum(1 for k in others if not ruled_out(k, ctx) and says(k, ctx))
    return judged >= MOST_OF_A_SEQUENCE * len(others)


class QuotedLine(PlainTextDetector):
    """A line wholly inside quotation marks is a quote."""

    name = "quote"
    PAIRS = (("\u201c", "\u201d"), ('"', '"'))
    OPENINGS = tuple(o for o, _ in PAIRS)  # one startswith() turns away most lines at once

    def test(self, index: int, ctx: BlockContext) -> bool:
        text = ctx.items[index].text
        return ctx.format == "txt" and len(text) > 2 and text.startswith(self.OPENINGS) and any(
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
        MarkdownAdmonition(),
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


# A line broken where a typed line ends is at least this long: the last line of a paragraph, or
# a short line of a list, is not taken for half a sentence.
WRAPPED_LINE_CHARS = 40
MIN_WRAPPED_LINES = 3  # an article is read as hard-wrapped text from this many lines running on


def goes_on(line: SourceLine, after: SourceLine) -> bool:
    """Whether ``line`` is hard-wrapped into ``after``: a long line that stops mid-sentence (on a
    word, a comma or a semicolon) with the next line straight under it going on in lower case
    ("... ask your partner whether he would try" / "a few appointments with a counsellor ..."), as text typed
    or copied with a line break every seventy characters or so reads."""
    first = after.text[:1]  # most lines start with a capital: the cheapest test first
    if not (first.islower() or (first.isspace() and after.text.lstrip()[:1].islower())):
        return False
    text = line.text.strip()
    return (after.number == line.number + 1 and len(text) >= WRAPPED_LINE_CHARS
            and (text[-1].isalnum() or text[-1] in ",;" or _HYPHENATED.search(text) is not None))


JOINING_WORDS = CONNECTING_WORDS | frozenset(
    "whether which than with from into onto upon unless until while although though since whose whom".split())


def _stops_on_a_joining_word(line: SourceLine, after: SourceLine) -> bool:
    """Whether a long line stops on a joining word written in lower case (a Title Case heading
    capitalises its last word: "... Feel Like Giving Up") with a line straight under it."""
    text = line.text.rstrip()
    return (after.number == line.number + 1 and len(text) >= WRAPPED_LINE_CHARS and text[-1:].islower()
            and after.text.strip() != "" and text[text.rfind(" ") + 1:] in JOINING_WORDS)


# A word broken across two lines with a hyphen ("disappoint-" / "ments"), as text copied from a
# typeset page (a PDF) reads; joined again without it, unless the part before it is one that
# makes compounds ("self-" / "worth" is "self-worth").
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_COMPOUND_STARTS = frozenset("self well ex non half all so co anti long short full".split())


def _joined(parts: Sequence[str]) -> str:
    """Hard-wrapped lines as one paragraph (see ``_HYPHENATED``)."""
    out = parts[0]
    for part in parts[1:]:
        word = out[out.rfind(" ") + 1:-1].lower()
        if _HYPHENATED.search(out) and part[:1].islower() and word not in _COMPOUND_STARTS:
            out = out[:-1] + part
        elif _HYPHENATED.search(out) and part[:1].islower():
            out += part
        else:
            out += " " + part
    return out


def _unwrapped(lines: Sequence[SourceLine]) -> list[tuple[SourceLine, int]]:
    """``lines`` with each hard-wrapped paragraph (``goes_on``) joined into its first line, each
    with the number of the last line it holds: one paragraph a line, as a plain-text article is
    read, so a paragraph's lines are neither taken for short lines (a heading, a list) nor shown
    as paragraphs of their own. Unchanged unless ``MIN_WRAPPED_LINES`` lines run on."""
    # (Most lines start with a capital or are blank: only the others are tested.)
    going = [k for k in range(len(lines) - 1) if lines[k + 1].text[:1].islower() or lines[k + 1].text[:1].isspace()]
    wrapped = {k for k in going if goes_on(lines[k], lines[k + 1])}
    if len(wrapped) < MIN_WRAPPED_LINES:  # a line or two running on is no hard-wrapped text
        return [(line, line.number) for line in lines]
    # In hard-wrapped text a long line that stops on a joining word ("... my sister asked whether" /
    # "I was sure.") runs on whatever the next line opens with: no sentence or heading ends so.
    wrapped.update(k for k in range(len(lines) - 1) if k not in wrapped and _stops_on_a_joining_word(lines[k], lines[k + 1]))
    breaks = [k in wrapped for k in range(len(lines))]
    out: list[tuple[SourceLine, int]] = []
    k = 0
    while k < len(lines):
        j = k
        while breaks[j]:
            j += 1
        line = lines[k]
        if j > k:
            line = replace(line, text=_joined([part.text.strip() for part in lines[k:j + 1]]))
        out.append((line, lines[j].number))
        k = j + 1
    return out


def _items(lines: Sequence[SourceLine], format: str = "txt", word_counts: Mapping[int, int] | None = None) -> tuple[Item, ...]:
    """The non-blank lines as ``Item``\ s (a ``.txt`` paragraph written over several lines as one);
    ``word_counts``: ``CleanText.word_counts``."""
    counts = word_counts or {}
    items, blank, last_number = [], True, None
    read = _unwrapped(lines) if format == "txt" else [(line, line.number) for line in lines]
    for line, last in read:
        if not line.text.strip():
            blank = True
            continue
        # A gap in line numbers is a dropped noise line: it separates blocks like a blank line.
        # (A paragraph joined from hard-wrapped lines ends at the last of them.)
        gap = last_number is not None and line.number != last_number + 1
        items.append(Item(line, blank or gap, counts.get(line.number, 0)))
        blank, last_number = False, last
    return tuple(items)


DATED_BYLINE_CHARS = 60  # a dropped byline ("Guest11:05 a.m.", "Mara QuillRelationship Columnist11:06 a.m.") is short
MIN_ALIKE_RUN = 3


def _runs_alike(items: Sequence[Item]) -> frozenset[int]:
    """The lines of each run of three or more lines in a row, each shorter than a paragraph and
    neither numbered nor bulleted, that close alike and open alike (a capital, or not): the items of a list
    written one a line ("Having friends of your own", "Knowing what you want", ...), however long
    each is. A blank line or furniture dropped between two lines ends a run. Looser than the
    six-word lines of ``ShortLineList``, so it only weighs as evidence. A line written twice in a
    row counts once (a page's heading copied under itself, from a picture's caption, is one
    heading, not two items of a list)."""
    def form(item: Item) -> tuple[str, bool] | None:
        if (item.found is None or not item.found or item.count >= LONG_PARAGRAPH_WORDS or item.numbered
                or _BULLET.match(item.text)):
            return None  # (numbered and bulleted lists are lists by their marks)
        # (A title-case line after sentence-case items is the next heading: "How to Leave" under
        # "Alienate you from your family".)
        return (item.end, item.found[0][0].isupper(), (item.share or 0.0) >= TITLE_CASE)

    forms = [form(item) for item in items]
    found: list[int] = []
    start = 0
    for k in range(1, len(items) + 1):
        if k == len(items) or forms[k] is None or forms[k] != forms[start] or items[k].blank_before:
            if (forms[start] is not None and k - start >= MIN_ALIKE_RUN
                    and len({items[j].text for j in range(start, k)}) >= MIN_ALIKE_RUN):
                found.extend(range(start, k))
            start = k
    return frozenset(found)


MIN_QUESTION_RUN = 3


def _question_runs(items: Sequence[Item]) -> frozenset[int]:
    """The lines of each run of three or more questions in a row ("What do I want?", "What
    would I tell a friend?", "What am I afraid of?"): a list of questions the text asks, where
    a question heading has its answer under it. A run goes on over lines straight under each
    other: a blank line, or furniture dropped between them (a live chat's posts), ends it."""
    asked = [i for i, item in enumerate(items) if item.end == "?"]  # most lines ask nothing
    found: list[int] = []
    run: list[int] = []
    for index in asked:
        if run and (index != run[-1] + 1 or items[index].blank_before):
            if len(run) >= MIN_QUESTION_RUN:
                found.extend(run)
            run = []
        run.append(index)
    if len(run) >= MIN_QUESTION_RUN:
        found.extend(run)
    return frozenset(found)


def _answered_questions(items: Sequence[Item]) -> frozenset[int]:
    """The label over the questions an article answers ("Frequently Asked Questions"; see
    ``is_questions_label``) and the questions under it, each straight over its answer: the
    headings of the FAQ block a web page sets at its end. The block runs on over questions and
    the lines of their answers (sentences, paragraphs, a list's items) up to a short line with no
    closing mark (the next heading, "Final Thoughts"); a question straight over another question
    is one the text asks, not one it answers."""
    found: list[int] = []
    label = 0
    while label < len(items):
        if items[label].count > MAX_HEADING_WORDS or not is_questions_label(items[label].text):
            label += 1
            continue
        questions = []
        k = label + 1
        while k < len(items):
            line = items[k]
            if line.end == "?" and line.count <= MAX_HEADING_WORDS:
                if k + 1 < len(items) and items[k + 1].end != "?":
                    questions.append(k)
            elif not (line.end or line.count > MAX_HEADING_WORDS or line.numbered or _BULLET.match(line.text)):
                break
            k += 1
        if questions:
            found += [label, *questions]
        label = max(k, label + 1)  # (the block's lines are no labels of their own: one pass)
    return frozenset(found)


def _under_section_names(items: Sequence[Item], names: frozenset[int]) -> frozenset[int]:
    """The lines of each section name's section (``CleanText.section_lines``): the short lines
    straight under it, up to the next name, a blank line or a paragraph."""
    if not names:
        return frozenset()
    found: list[int] = []
    for index, item in enumerate(items):
        if item.line.number not in names:
            continue
        for k in range(index + 1, len(items)):
            after = items[k]
            if after.blank_before or after.line.number in names or after.count >= LONG_PARAGRAPH_WORDS:
                break
            found.append(k)
    return frozenset(found)


HEADS_NAMES_WORDS = 8


def _heads_section_names(items: Sequence[Item], names: frozenset[int], under: frozenset[int]) -> frozenset[int]:
    """The line straight over the first of a run of section names, open, short and no sentence
    ("Things I read this week" over "Books" ... "Videos"): the heading of the part they divide."""
    if not names:
        return frozenset()
    for index in range(len(items) - 1):
        if items[index + 1].line.number in names:
            item = items[index]
            if (index in under or item.line.number in names or item.end or item.found is None
                    or not 0 < item.count <= HEADS_NAMES_WORDS or any(m in item.text for m in (". ", "! ", "? "))):
                return frozenset()
            return frozenset((index,))
    return frozenset()


def _question_headings(items: Sequence[Item]) -> bool:
    count = 0
    for i, item in enumerate(items[:-1]):
        found = item.found  # None for a line of more than WORD_CAP words
        if (
            item.end == "?" and found is not None and 2 <= len(found) <= MAX_HEADING_WORDS
            and found[0].lower() in QUESTION_STARTS
            and items[i + 1].count >= LONG_PARAGRAPH_WORDS
        ):
            count += 1
    return count >= 2


MIN_COLON_HEADINGS = 2


def _colon_headings(items: Sequence[Item], spaced: bool) -> bool:
    """Whether the article writes its headings ending in a colon: two or more lines of two words
    or more ending ":", each set apart above and straight over a paragraph closed as a sentence
    ("What it cost me in money:" / "I covered the rent..."), not over a list (whose long items
    are left open). One such line alone is a lead-in."""
    count = 0
    for i in range(len(items) - 1):
        item = items[i]
        if item.end != ":" or item.found is None or not 2 <= len(item.found) <= MAX_HEADING_WORDS:
            continue
        after = items[i + 1]
        if _apart_above(i, items, spaced) and after.count >= LONG_PARAGRAPH_WORDS and after.end in _SENTENCE_ENDS \
                and not after.numbered and not _BULLET.match(after.text) and not _GREETING.match(item.text):
            count += 1
            if count >= MIN_COLON_HEADINGS:
                return True
    return False


SPACED_SHARE = 0.6


def _spaced(items: Sequence[Item]) -> bool:
    """Whether a blank line stands after most of the article's paragraphs (they are set apart), so
    a line written straight over the next one is joined to it on purpose."""
    after = [item.blank_before for before, item in zip(items, items[1:]) if before.count >= LONG_PARAGRAPH_WORDS]
    return len(after) >= 3 and sum(after) >= SPACED_SHARE * len(after)


def _apart_above(index: int, items: Sequence[Item], spaced: bool) -> bool:
    """Whether the line stands apart from the text above it: it opens the text, or a blank line
    (or furniture) stands above it; in an article that sets nothing apart with blank lines (one
    block a line, as most pages' text is copied), a closed paragraph does too."""
    if index == 0 or items[index].blank_before:
        return True
    above = items[index - 1]
    return not spaced and above.count >= LONG_PARAGRAPH_WORDS and above.end != ""


def _set_over_paragraph(index: int, items: Sequence[Item], spaced: bool) -> bool:
    """Whether the line stands apart above (``_apart_above``) with its paragraph straight under it."""
    return (index + 1 < len(items) and not items[index + 1].blank_before
            and items[index + 1].count >= LONG_PARAGRAPH_WORDS and _apart_above(index, items, spaced))


MIN_SENTENCES_SET_OVER = 3


def _sentences_set_over(items: Sequence[Item], spaced: bool) -> Counter[str]:
    """The short lines closed like a sentence that stand set apart above and straight over a
    paragraph ("Stop waiting." / "I spent years waiting..."), counted by their first word after
    any numbering ("2. He lies." opens with "he"), in lower case."""
    return Counter(item.core[0].lower() for index, item in enumerate(items)
                   if item.end in _CLOSED and item.core and len(item.core) <= MAX_HEADING_WORDS
                   and _set_over_paragraph(index, items, spaced))


def _sentence_case_headings(items: Sequence[Item]) -> bool:
    # Two or more sentence-case lines standing alone between long paragraphs, with no closing
    # punctuation: the article writes its headings in sentence case.
    count = 0
    for i in range(1, len(items) - 1):
        item = items[i]
        found = item.found  # None for a line of more than WORD_CAP words
        if (
            found is not None and 2 <= len(found) <= MAX_HEADING_WORDS and item.end == ""
            and found[0][0].isupper() and found[0].lower() not in PRONOUNS
            and item.share < TITLE_CASE
            and items[i - 1].count >= LONG_PARAGRAPH_WORDS
            and items[i + 1].count >= LONG_PARAGRAPH_WORDS
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


def block_context(
    clean: CleanText, *, format: str = "txt", overrides: Overrides = Overrides(), weights: Weights | None = None
) -> BlockContext:
    """What the detectors know of the whole article whose kept lines are ``clean``."""
    items = _items(clean.lines, format, clean.word_counts)
    main, lesser = _numbered_sequences(items)
    spaced = _spaced(items)
    return BlockContext(
        items=items,
        format=format,
        headings=frozenset(loose(h) for h in overrides.headings),
        not_headings=frozenset(loose(h) for h in overrides.not_headings),
        question_headings=_question_headings(items),
        sentence_case_headings=_sentence_case_headings(items),
        schemes=_schemes(items),
        copies=_copies(items),
        main_sequence=main,
        main_over_paragraphs=_over_paragraphs(main, items),
        main_span=(min(main), max(main)) if main else (0, 0),
        lesser_sequence=lesser,
        written_markdown=clean.written_markdown,
        dropped=frozenset(n.line for n in clean.noise),
        stamps=frozenset(n.line for n in clean.noise if len(n.text) <= DATED_BYLINE_CHARS and _dated(n.text)),
        asked=_question_runs(items),
        answered=_answered_questions(items),
        alike=_runs_alike(items),
        link_lines=clean.link_lines,
        section_lines=clean.section_lines,
        under_section_names=(under := _under_section_names(items, clean.section_lines)),
        heads_section_names=_heads_section_names(items, clean.section_lines, under),
        labelled=_labelled_lines(items, clean.noise),
        title_line=clean.title_line,
        colon_headings=_colon_headings(items, spaced),
        spaced=spaced,
        sentences_set_over=(set_over := _sentences_set_over(items, spaced)),
        sentences_set_over_count=set_over.total(),
        weights=weights or load_weights(),
    )


def detect_blocks(
    clean: CleanText,
    *,
    format: str = "txt",
    overrides: Overrides = Overrides(),
    detectors: Sequence[BlockDetector] | None = None,
    weights: Weights | None = None,
) -> tuple[Block, ...]:
    """The blocks of the kept lines in order. Headings of ``.txt`` articles all get level 2
    here; ``sections.build_sections`` decides which are parts and which subsections."""
    ctx = block_context(clean, format=format, overrides=overrides, weights=weights)
    items = ctx.items
    detectors = list(detectors) if detectors is not None else build_block_detectors()
    # The rules that can apply to this article, their methods looked up once for all lines.
    rules = [(d.test, d.run) for d in detectors if d.applies(ctx)]
    blocks: list[Block] = []
    index = 0
    while index < len(items):
        for test, run in rules:
            if test(index, ctx):
                block, used = run(index, ctx)
                blocks.append(block)
                index += max(used, 1)
                break
    return markdown_levels(blocks) if format == "md" else tuple(blocks)
