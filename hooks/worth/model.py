"""The plain data that flows through Worth's pipeline.

Every stage is a function from these frozen values to new ones::

    read_article(path)      -> RawArticle
    clean_lines(raw)        -> CleanText   (kept lines + NoiseLine[] + date found in a stamp)
    detect_blocks(clean)    -> Block[]     (headings, paragraphs, lists, quotes)
    build_sections(...)     -> Section[]   (with levels)
    assign_themes(...)      -> Article     (sections with a Theme)
    plan_pages(articles)    -> PageSpec[]  (Markdown strings, rendered later by MkDocs)

Nothing here imports mkdocs; nothing here is mutated after it is made.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath
from types import MappingProxyType
from typing import Mapping

MARKDOWN_SUFFIXES = (".md", ".markdown")  # an article file read as Markdown


class Theme(str, Enum):
    """What a section is about; each theme but OTHER has a page of its own."""

    SIGNS = "signs"
    COSTS = "costs"
    LETTING_GO = "letting-go"
    OTHER = "other"


class BlockKind(str, Enum):
    """The kinds of text block the reader finds in an article."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"


@dataclass(frozen=True)
class SourceLine:
    """One line of an article's body as read: 1-based line number in the file, text cleaned of
    BOM, trailing spaces and non-breaking spaces (curly quotes are kept as written). ``literal``:
    a paragraph of a web page, in the Markdown lines made from it, whose text is shown as the page
    showed it: a "1.", "-" or "#" opening it is not read as Markdown."""

    number: int
    text: str
    literal: bool = False


@dataclass(frozen=True)
class NoiseLine:
    """A line dropped as page furniture, with the name of the rule that dropped it."""

    line: int
    text: str
    rule: str


@dataclass(frozen=True)
class Overrides:
    """What an editor can say in front matter to correct the reader.

    All keys are optional; headings and lines are matched loosely (case, quotes, numbering and
    trailing punctuation ignored).
    - ``themes``: heading -> theme value (``signs``, ``costs``, ``letting-go``, ``other``)
    - ``keep``: lines that must never be dropped as noise
    - ``drop``: lines that are noise whatever the rules say
    - ``headings``: lines that are headings; ``not_headings``: lines that are text
    - ``related``: heading -> {"add": [heading, ...], "remove": [heading, ...]}
    - ``checklist``: heading -> the one-sentence hint shown in the checklist, or ``false`` to keep
      the section out of the checklist (those headings are in ``not_in_checklist``)
    - ``levels``: heading -> its level (2, or 3 for a subsection of the part heading above it)

    ``lines`` maps each key given to its line in the file, so that a later stage that finds a
    problem with it (a ``related`` heading that matches no section) can name the line.
    ``ignored_keys`` lists, in file order, the keys a blog's front matter has that Worth does not
    use (``layout``, ``tags``, ``permalink``...): ``worth inspect`` shows them.
    """

    themes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    keep: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    not_headings: tuple[str, ...] = ()
    related: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=lambda: MappingProxyType({}))
    checklist: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    levels: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    not_in_checklist: tuple[str, ...] = ()
    ignored_keys: tuple[str, ...] = ()

    def __reduce__(self):
        # Read-only mappings cannot be pickled, and articles are kept in the build cache: store
        # plain dicts and make them read-only again when read back.
        related = {heading: dict(change) for heading, change in self.related.items()}
        return _overrides, (dict(self.themes), self.keep, self.drop, self.headings, self.not_headings,
                            related, dict(self.checklist), dict(self.lines), dict(self.levels), self.not_in_checklist,
                            self.ignored_keys)


def _overrides(themes, keep, drop, headings, not_headings, related, checklist, lines, levels=None,
               not_in_checklist=(), ignored_keys=()) -> Overrides:
    return Overrides(
        themes=MappingProxyType(themes), keep=keep, drop=drop, headings=headings, not_headings=not_headings,
        related=MappingProxyType({k: MappingProxyType(v) for k, v in related.items()}),
        checklist=MappingProxyType(checklist), lines=MappingProxyType(lines),
        levels=MappingProxyType(levels or {}), not_in_checklist=not_in_checklist, ignored_keys=ignored_keys,
    )


@dataclass(frozen=True)
class Metadata:
    """An article's metadata, layered: defaults, then the file's path, then front matter, then
    what the text says (a date stamp). ``date`` is ISO ``YYYY-MM-DD`` or None."""

    slug: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source_url: str | None = None
    summary: str | None = None
    site_name: str | None = None


@dataclass(frozen=True)
class RawArticle:
    """A source file as read: its path (as given, for messages), its format (``txt`` or ``md``;
    a web page is read into ``md`` lines), the body lines after any front matter, the parsed
    front matter metadata and overrides. ``left_out`` holds, for a web page, the page's text
    blocks that are not in the article (see ``webpage``); the cleaning stage lists them with the
    lines it drops as noise."""

    path: str
    format: str
    lines: tuple[SourceLine, ...]
    metadata: Metadata
    overrides: Overrides = Overrides()
    left_out: tuple[NoiseLine, ...] = ()
    warnings: tuple[str, ...] = ()  # one line each: front matter corrections that match no line

    @property
    def written_markdown(self) -> bool:
        """Whether the lines are Markdown as its author wrote it (a ``.md`` file), not Markdown
        made from a web page's text."""
        return self.format == "md" and PurePath(self.path).suffix.lower() in MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class Block:
    """A block of article text.

    ``lines`` holds the text: one element for a heading or paragraph, one per item for a list,
    one per line for a quote. ``line`` is the 1-based source line of its first line. ``level``
    is set for headings only (2 = part heading, 3 = subsection; the title is level 1 and is not
    a block). ``ordered`` tells a numbered list from a bulleted one.
    """

    kind: BlockKind
    lines: tuple[str, ...]
    line: int
    level: int | None = None
    ordered: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Section:
    """A heading and the blocks under it, up to the next heading.

    ``heading`` is None for text before the first heading. ``level`` is 2 for a part heading or
    a heading at the top level, 3 for a subsection of a part. ``anchor`` is a readable slug,
    unique within the article and stable across builds. ``part`` is the anchor of the part
    heading this section belongs to (None for part headings and top-level sections).
    """

    heading: str | None
    level: int
    theme: Theme
    blocks: tuple[Block, ...]
    line: int
    anchor: str
    part: str | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Every text block in order as plain text (list items and quote lines one by one)."""
        out: list[str] = []
        for block in self.blocks:
            if block.kind is BlockKind.PARAGRAPH:
                out.append(block.text)
            else:
                out.extend(block.lines)
        return tuple(out)


@dataclass(frozen=True)
class Article:
    """A cleaned, structured, themed article: what every page is built from."""

    slug: str
    source: str
    title: str
    sections: tuple[Section, ...]
    noise: tuple[NoiseLine, ...] = ()
    date: str | None = None
    author: str | None = None
    source_url: str | None = None
    summary: str | None = None
    overrides: Overrides = Overrides()
    site_name: str | None = None
    suspects: tuple[NoiseLine, ...] = ()  # kept lines that look most like furniture, with why
    warnings: tuple[str, ...] = ()  # for the editor, one line each (see ``read.unmatched_overrides``)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for s in self.sections for p in s.paragraphs) + sum(
            len(s.heading.split()) for s in self.sections if s.heading
        )


@dataclass(frozen=True)
class SectionKey:
    """Names one section of one article across the whole site: the article's slug and the
    section's anchor on its article page (``Section.anchor``). ``plan.SiteMap.locate(key)`` gives
    the URLs where the section appears (its article page and its theme page)."""

    article: str
    anchor: str


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: its path under docs (``themes/signs.md``), title and Markdown."""

    src_uri: str
    title: str
    content: str
