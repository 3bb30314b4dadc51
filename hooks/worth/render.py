"""Turn article text into Markdown that shows exactly that text, and blocks into Markdown blocks.

Article text is text, never markup: ``escape_text`` makes any string safe for Python-Markdown
with the site's extensions (and the common pymdown ones), so ``<script>``, ``*stars*``,
``[a](b)``, ``&amp;``, ``{ #id }`` or a line starting with ``#``, ``>``, ``-``, ``1.``, ``!!!``
or ``???`` all render as the characters written. ``render_inline`` does the same around a few
spans that *should* become links (first uses of glossary terms), and the ``render_*`` block
functions build headings with explicit anchors, paragraphs, lists and quotes from ``Block``
values. Everything returns ``str``; nothing here knows about pages or MkDocs.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import Block, BlockKind

# Characters that are markup wherever they stand. Backslash escapes where Python-Markdown knows
# them (they read well in exported Markdown), numeric entities for characters that only
# extensions treat as markup (tilde, caret, mark, tables, keys), and entities for ``&`` and
# ``<``/``>`` so that HTML and entities written in an article stay literal. A colon touching the
# next character (``:smile:``, ``https:``) becomes an entity so emoji and link extensions skip it.
_ANYWHERE = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "{": "\\{",
    "}": "\\}",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "+": "\\+",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "|": "&#124;",
}
_ANYWHERE_RE = re.compile("[" + re.escape("".join(_ANYWHERE)) + "]|:(?=\\S)")

# Characters that start a block only at the beginning of a line: lists, rules, admonitions
# (``!!!``), details (``???``), definition lists (``:``), generic blocks (``///``), snippets.
_LINE_START = {"-": "\\-", "!": "\\!", ".": "\\.", ":": "&#58;", "?": "&#63;", "/": "&#47;", "%": "&#37;"}
_ORDERED_START_RE = re.compile(r"^(\d+)([.)])")
# A list item's own marker as written in the source: a number ("3. ", "3) ") or a bullet.
_ORDERED_ITEM_RE = re.compile(r"^\s*(\d{1,9})[.)]\s+(?=\S)")
_BULLET_ITEM_RE = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043]|[-*+\u2013](?=\s))\s*(?=\S)")
# Control characters are not text (and Python-Markdown uses some of them as placeholders).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_text(text: str) -> str:
    """Markdown source that renders as exactly ``text`` (as inline text of one block).

    Leading and trailing whitespace of each line is dropped (HTML would collapse it anyway) and
    blank lines are dropped so the text stays one block. Lines are kept as soft line breaks.
    """
    lines = [line.strip() for line in _CONTROL_RE.sub("", text).splitlines()]
    return "\n".join(_escape_line(line) for line in lines if line)


def _escape_line(line: str) -> str:
    first = line[:1]
    if first in _LINE_START:
        return _LINE_START[first] + _escape_anywhere(line[1:])
    escaped = _escape_anywhere(line)
    ordered = _ORDERED_START_RE.match(escaped)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{escaped[ordered.end():]}"
    return escaped


def _escape_anywhere(text: str) -> str:
    return _ANYWHERE_RE.sub(lambda m: _ANYWHERE.get(m.group(0), "&#58;"), text)


@dataclass(frozen=True)
class InlineLink:
    """A span of a text (``text[start:end]``) to show as a link to ``href`` with a ``title``
    (the tooltip), e.g. the first use of a glossary term in a section."""

    start: int
    end: int
    href: str
    title: str = ""


def render_inline(text: str, links: Sequence[InlineLink] = ()) -> str:
    """``escape_text(text)`` with the given non-overlapping spans made into Markdown links.

    Spans that overlap an earlier one, are empty or fall outside the text are ignored. The text
    of every span and its title stay literal (escaped like any other article text).
    """
    out: list[str] = []
    position = 0
    for link in sorted(links, key=lambda lk: (lk.start, lk.end)):
        if link.start < position or link.end <= link.start or link.end > len(text):
            continue
        out.append(text[position : link.start])
        label = escape_text(text[link.start : link.end])
        title = f' "{_escape_title(link.title)}"' if link.title else ""
        out.append(_Literal(f"[{label}](<{link.href}>{title})"))
        position = link.end
    out.append(text[position:])
    return _join_escaped(out)


class _Literal(str):
    """A piece of Markdown already made safe: ``_join_escaped`` keeps it as it is."""


def _join_escaped(pieces: Iterable[str]) -> str:
    # Escape the plain pieces line by line as one text, so line-start rules see real line starts.
    marker = "\x00"
    literals: list[str] = []
    plain: list[str] = []
    for piece in pieces:
        if isinstance(piece, _Literal):
            literals.append(piece)
            plain.append(marker)
        else:
            plain.append(_CONTROL_RE.sub("", piece))
    lines = [line.strip() for line in "".join(plain).splitlines()]
    escaped = "\n".join(_escape_line(line) for line in lines if line)
    parts = escaped.split(marker)
    result = parts[0]
    for literal, rest in zip(literals, parts[1:]):
        result += literal + rest
    return result


def _escape_title(title: str) -> str:
    # A link title is an attribute: no Markdown inside, but quotes and entities must stay literal.
    one_line = " ".join(title.split())
    return one_line.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def render_heading(text: str, *, level: int, anchor: str, classes: Sequence[str] = ()) -> str:
    """A heading of ``level`` showing ``text`` literally, with the explicit id ``anchor``."""
    attrs = " ".join([f"#{anchor}", *(f".{c}" for c in classes)])
    return f"{'#' * level} {escape_text(' '.join(text.split()))} {{ {attrs} }}"


def render_block(block: Block, *, links: Sequence[Sequence[InlineLink]] | None = None) -> str:
    """Markdown for one block: a paragraph, a bulleted or numbered list, or a quote (one
    paragraph per quoted line). ``links`` gives, per line of the block, spans to link."""

    def line(i: int) -> str:
        spans = links[i] if links is not None and i < len(links) else ()
        return render_inline(block.lines[i], spans)

    if block.kind is BlockKind.LIST:
        # Items that carry their own marker as written ("1. ", "• ") show it once, as the list's.
        # Python-Markdown numbers every list from 1: numbers written otherwise ("3.", "4.") stay
        # in the items' text, under plain bullets, so the reader sees the numbers of the source.
        written = _ORDERED_ITEM_RE if block.ordered else _BULLET_ITEM_RE
        matches = [written.match(text) for text in block.lines]
        own = all(matches)
        if own and block.ordered and [int(m.group(1)) for m in matches] != list(range(1, len(matches) + 1)):
            own = False
            marker_of = "-"
        else:
            marker_of = "." if block.ordered else "-"
        items = []
        for i in range(len(block.lines)):
            marker = f"{i + 1}." if marker_of == "." else "-"
            text = line(i)
            if own:
                text = _render_marker_free(block.lines[i], links[i] if links is not None and i < len(links) else (), written)
            items.append(f"{marker} " + text.replace("\n", "\n" + " " * (len(marker) + 1)))
        return "\n".join(items)
    if block.kind is BlockKind.QUOTE:
        return "\n>\n".join("> " + line(i).replace("\n", "\n> ") for i in range(len(block.lines)))
    if block.kind is BlockKind.HEADING:
        return "**" + " ".join(line(i) for i in range(len(block.lines))) + "**"
    return "\n".join(line(i) for i in range(len(block.lines)))


def _render_marker_free(text: str, spans: Sequence[InlineLink], marker: re.Pattern[str]) -> str:
    # The item without the marker it was written with (the list draws it), links moved along.
    match = marker.match(text)
    cut = match.end() if match else 0
    moved = [InlineLink(s.start - cut, s.end - cut, s.href, s.title) for s in spans if s.start >= cut]
    return render_inline(text[cut:], moved)


# Python-Markdown merges a list or quote into the one just before it; an HTML comment keeps two
# blocks the reader found apart.
_BLOCK_SEPARATOR = "<!-- -->"


def render_blocks(blocks: Sequence[Block], *, links: Sequence[Sequence[Sequence[InlineLink]]] | None = None) -> list[str]:
    """Markdown for consecutive blocks, one string per block (to be joined by blank lines); a
    list or quote right after another of the same kind is kept apart by an HTML comment."""
    out: list[str] = []
    previous: Block | None = None
    for index, block in enumerate(blocks):
        rendered = render_block(block, links=links[index] if links is not None else None)
        if previous is not None and previous.kind is block.kind and block.kind in (BlockKind.LIST, BlockKind.QUOTE):
            rendered = f"{_BLOCK_SEPARATOR}\n\n{rendered}"
        out.append(rendered)
        previous = block
    return out


def front_matter(*, title: str) -> str:
    """A YAML front matter block setting the page's title, HTML-escaped: the theme writes
    ``page.meta.title`` into ``<title>`` and the header as it is, so an article's title that
    reads ``</title><script>`` must arrive as text, not as markup."""
    escaped = html.escape(" ".join(title.split()), quote=True)
    return f"---\ntitle: {json.dumps(escaped)}\n---\n\n"
