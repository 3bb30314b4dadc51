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

import functools
import html
import json
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from .checklist import Band, ChecklistItem, NextRead
from .help import HelpServices, tel_uri
from .model import Block, BlockKind, SectionKey

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
_ANYWHERE_CHARS = "[" + re.escape("".join(_ANYWHERE)) + "]"
_ANYWHERE_RE = re.compile(_ANYWHERE_CHARS + "|:(?=\\S)")
# The same, split in two: an alternation scans text much slower than a character class or a
# literal does, and most text has nothing to escape.
_ANYWHERE_CHAR_RE = re.compile(_ANYWHERE_CHARS)
_TOUCHING_COLON_RE = re.compile(r":(?=\S)")

# Characters that start a block only at the beginning of a line: lists, rules, admonitions
# (``!!!``), details (``???``), definition lists (``:``), generic blocks (``///``), snippets.
_LINE_START = {"-": "\\-", "!": "\\!", ".": "\\.", ":": "&#58;", "?": "&#63;", "/": "&#47;", "%": "&#37;"}
_ORDERED_START_RE = re.compile(r"^(\d+)([.)])")
# A list item's own marker as written in the source: a number ("3. ", "3) ") or a bullet.
_ORDERED_ITEM_RE = re.compile(r"^\s*(\d{1,9})[.)]\s+(?=\S)")
_BULLET_ITEM_RE = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043]|[-*+\u2013](?=\s))\s*(?=\S)")
# Control characters are not text (and Python-Markdown uses some of them as placeholders).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
# What ``str.splitlines`` ends a line at, besides the control characters above (``\x0b``,
# ``\x0c``, ``\x1c``-``\x1e``): see the Python documentation of ``str.splitlines``.
_LINE_BREAKS = "\n\r\x85\u2028\u2029"
# Most texts are one line with nothing to escape inside it: no character ``escape_text`` could
# change or split a line at, and no colon touching the next character. Two quick scans find
# them, so they skip the control-character pass, the line split and the escaping pass.
_MAY_CHANGE_RE = re.compile("[" + re.escape("".join(_ANYWHERE)) + _CONTROL + _LINE_BREAKS + "]")


# A backslash at the start of a word before a letter ("\\I once worked"): left by an editor or a
# converter escaping the letter in Markdown, where it means nothing. It is not shown; any other
# backslash ("C:\\Users", "a \\ b") is text and shows as written.
_LETTER_ESCAPE_RE = re.compile(r"(?<![^\s\"'(\[\u201c\u2018])\\(?=[A-Za-z])")


def shown_text(text: str) -> str:
    """``text`` as the site shows it: as written, but for a backslash that only escaped a letter."""
    return _LETTER_ESCAPE_RE.sub("", text) if "\\" in text else text


def escape_text(text: str) -> str:
    """Markdown source that renders as exactly ``text`` (as inline text of one block), but for a
    backslash that only escaped a letter (``shown_text``).

    Leading and trailing whitespace of each line is dropped (HTML would collapse it anyway) and
    blank lines are dropped so the text stays one block. Lines are kept as soft line breaks.
    """
    text = shown_text(text)
    if _MAY_CHANGE_RE.search(text) is None and not _touching_colon(text):
        line = text.strip()
        first = line[:1]
        # Only a line starting with a block character or a digit (``\d`` is ``str.isdecimal``)
        # can still change.
        return _escape_line(line, plain=True) if first in _LINE_START or first.isdecimal() else line
    lines = [line.strip() for line in _CONTROL_RE.sub("", text).splitlines()]
    return "\n".join(_escape_line(line) for line in lines if line)


def _escape_line(line: str, *, plain: bool = False) -> str:
    # ``plain``: the line has nothing to escape inside it, only perhaps at its start.
    first = line[:1]
    if first in _LINE_START:
        rest = line[1:]
        return _LINE_START[first] + (rest if plain else _escape_anywhere(rest))
    escaped = line if plain else _escape_anywhere(line)
    ordered = _ORDERED_START_RE.match(escaped)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{escaped[ordered.end():]}"
    return escaped


def _escape_anywhere(text: str) -> str:
    if _ANYWHERE_CHAR_RE.search(text) is None and not _touching_colon(text):
        return text
    return _ANYWHERE_RE.sub(lambda m: _ANYWHERE.get(m.group(0), "&#58;"), text)


def _touching_colon(text: str) -> bool:
    return ":" in text and _TOUCHING_COLON_RE.search(text) is not None


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
    if not links:
        return escape_text(text)  # what joining the one plain piece below would give
    plain: list[str] = []  # the text around the links
    literals: list[str] = []  # the links, Markdown already made safe
    position = 0
    for link in sorted(links, key=lambda lk: (lk.start, lk.end)):
        if link.start < position or link.end <= link.start or link.end > len(text):
            continue
        plain.append(text[position : link.start])
        label = escape_text(text[link.start : link.end])
        title = f' "{link_title(link.title)}"' if link.title else ""
        literals.append(f"[{label}](<{link.href}>{title})")
        position = link.end
    plain.append(text[position:])
    return _join_escaped([shown_text(piece) for piece in plain], literals)


def _join_escaped(plain: Sequence[str], literals: Sequence[str]) -> str:
    """The plain pieces escaped with each literal kept as it is between two of them."""
    # Escape the plain pieces line by line as one text, a marker where each literal goes, so
    # line-start rules see real line starts.
    marker = "\x00"
    if not any(_MAY_CHANGE_RE.search(piece) for piece in plain):
        # As in ``escape_text``: one line, no control character to drop, only perhaps a colon
        # (touching the next character, or a link) to escape inside it.
        line = marker.join(plain).strip()
        escaped = _escape_line(line, plain=not _touching_colon(line)) if line else ""
    else:
        joined = marker.join([_CONTROL_RE.sub("", piece) for piece in plain])
        escaped = "\n".join([_escape_line(line) for line in map(str.strip, joined.splitlines()) if line])
    parts = escaped.split(marker)
    return parts[0] + "".join([literal + rest for literal, rest in zip(literals, parts[1:])])


# What the HTML parser reads as markup in text: a tag, comment or declaration begins at "<", a
# character reference at "&" before a letter, digit or "#". Anything else is text as it stands.
_HTML_TEXT_MARKUP_RE = re.compile(r"<|&(?=[#A-Za-z0-9])")


def tooltip_text(text: str) -> str:
    """``text`` on one line as HTML source that shows exactly ``text``, for a tooltip.

    The theme (mkdocs-material with ``content.tooltips``) takes an element's ``title`` and puts
    it into the tooltip with ``innerHTML``: the attribute's text is read as HTML a second time.
    So what the attribute holds must itself be HTML that shows the text, ``<`` as ``&lt;`` and
    ``&`` before a name as ``&amp;``. Only those two are escaped (other characters read the same
    either way), so a browser showing the title itself, without the theme's script, shows the
    text as written unless it holds one of them.
    """
    one_line = " ".join(text.split())
    return _HTML_TEXT_MARKUP_RE.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", one_line)


def link_title(title: str) -> str:
    """The title of a Markdown link (between its double quotes) whose tooltip shows ``title``
    as text: ``tooltip_text`` made an attribute value, with no Markdown inside (see above)."""
    return html.escape(tooltip_text(title), quote=True)


def render_heading(text: str, *, level: int, anchor: str, classes: Sequence[str] = (), searched: bool = True) -> str:
    """A heading of ``level`` showing ``text`` literally, with the explicit id ``anchor``.

    ``searched=False`` leaves the section it opens out of the search index (the theme's
    ``data-search-exclude``): a passage shown on two pages is found on one of them only."""
    attrs = " ".join([f"#{anchor}", *(f".{c}" for c in classes)]) if classes else f"#{anchor}"
    if not searched:
        attrs += " data-search-exclude"
    return f"{'#' * level} {escape_text(' '.join(text.split()))} {{ {attrs} }}"


def render_block(block: Block, *, links: Sequence[Sequence[InlineLink]] | None = None) -> str:
    """Markdown for one block: a paragraph, a bulleted or numbered list, or a quote (one
    paragraph per quoted line). ``links`` gives, per line of the block, spans to link."""
    kind = block.kind
    if kind is BlockKind.PARAGRAPH and not links:  # most blocks: the shortest way
        return "\n".join([escape_text(line) for line in block.lines])
    if kind is BlockKind.LIST:
        return _render_list(block, links)
    rendered = _render_lines(block.lines, links)
    if kind is BlockKind.QUOTE:
        return "\n>\n".join("> " + line.replace("\n", "\n> ") for line in rendered)
    if kind is BlockKind.HEADING:
        return "**" + " ".join(rendered) + "**"
    return "\n".join(rendered)


def _render_list(block: Block, links: Sequence[Sequence[InlineLink]] | None) -> str:
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
    for i, line in enumerate(block.lines):
        marker = f"{i + 1}." if marker_of == "." else "-"
        spans = links[i] if links is not None and i < len(links) else ()
        text = _render_marker_free(line, spans, written) if own else render_inline(line, spans)
        items.append(f"{marker} " + text.replace("\n", "\n" + " " * (len(marker) + 1)))
    return "\n".join(items)


def _render_lines(lines: Sequence[str], links: Sequence[Sequence[InlineLink]] | None) -> list[str]:
    # ``render_inline`` of each line with its spans; most lines have none, and then that is
    # ``escape_text`` of the line (called directly: an article page renders thousands of lines).
    if not links:
        return [escape_text(line) for line in lines]
    return [render_inline(line, links[i]) if i < len(links) and links[i] else escape_text(line) for i, line in enumerate(lines)]


def _render_marker_free(text: str, spans: Sequence[InlineLink], marker: re.Pattern[str]) -> str:
    # The item without the marker it was written with (the list draws it), links moved along.
    match = marker.match(text)
    cut = match.end() if match else 0
    moved = [InlineLink(s.start - cut, s.end - cut, s.href, s.title) for s in spans if s.start >= cut]
    return render_inline(text[cut:], moved)


# Python-Markdown merges a list or quote into the one just before it; an HTML comment keeps two
# blocks the reader found apart.
_BLOCK_SEPARATOR = "<!-- -->"
_KEPT_APART = (BlockKind.LIST, BlockKind.QUOTE)


def render_blocks(blocks: Sequence[Block], *, links: Sequence[Sequence[Sequence[InlineLink]]] | None = None) -> list[str]:
    """Markdown for consecutive blocks, one string per block (to be joined by blank lines); a
    list or quote right after another of the same kind is kept apart by an HTML comment."""
    out: list[str] = []
    previous: BlockKind | None = None
    for index, block in enumerate(blocks):
        rendered = render_block(block, links=links[index] if links is not None else None)
        if block.kind is previous and previous in _KEPT_APART:
            rendered = f"{_BLOCK_SEPARATOR}\n\n{rendered}"
        out.append(rendered)
        previous = block.kind
    return out


def front_matter(*, title: str) -> str:
    """A YAML front matter block setting the page's title, HTML-escaped: the theme writes
    ``page.meta.title`` into ``<title>`` and the header as it is, so an article's title that
    reads ``</title><script>`` must arrive as text, not as markup."""
    escaped = html.escape(" ".join(title.split()), quote=True)
    return f"---\ntitle: {json.dumps(escaped)}\n---\n\n"


# ---------------------------------------------------------------------------------------------
# The help box

HELP_TITLE = "Talk to someone who can help"
HELP_INTRO = (
    "You are not alone. The people at these services listen, and they can help you think about "
    "what is right for you. You do not have to be sure that what is happening is abuse to call them."
)


def render_help_box(help: HelpServices, *, anchor: str = "help", level: int = 2) -> str:
    """The help box, as one block of HTML (in Markdown it stays as written; templates print it):
    the emergency lines first ("If you are in danger now, call ..."), then each service with what
    it helps with, its phone number as a ``tel:`` link, how to text it, its website (opened in the
    same tab), its hours and region. ``anchor`` is the box's id (links to ``#help`` land on it);
    ``level`` the level of its heading. Empty when ``help`` lists nothing."""
    if help.empty:
        return ""
    e = functools.partial(html.escape, quote=True)
    parts = [
        f'<aside class="worth-help" id="{e(anchor)}" aria-labelledby="{e(anchor)}-title">',
        f'<h{level} class="worth-help__title" id="{e(anchor)}-title">{e(HELP_TITLE)}</h{level}>',
    ]
    if help.emergency:
        calls = [
            f'<a href="{e(tel_uri(line.phone))}">{e(line.phone)}</a>' + (f" ({e(line.region)})" if line.region else "")
            for line in help.emergency
        ]
        listed = calls[0] if len(calls) == 1 else ", ".join(calls[:-1]) + " or " + calls[-1]
        parts.append(f'<p class="worth-help__emergency">If you are in danger now, call {listed}.</p>')
    if help.services:
        parts.append(f'<p class="worth-help__intro">{e(HELP_INTRO)}</p>')
        parts.append('<ul class="worth-help__services">')
        for service in help.services:
            # Bold by class, not <strong>: on a theme page every <strong> would be the articles'.
            region = f' <span class="worth-help__region">({e(service.region)})</span>' if service.region else ""
            lines = [f'<p class="worth-help__name">{e(service.name)}{region}</p>']
            if service.helps_with:
                lines.append(f"<p>{e(service.helps_with)}</p>")
            ways = []
            if service.phone:
                ways.append(f'Call <a href="{e(tel_uri(service.phone))}">{e(service.phone)}</a>')
            if service.text:
                ways.append(e(service.text))
            if service.web:
                shown = re.sub(r"^https://|/$", "", service.web)
                # rel as safety.mark_external_links gives it: the search's copy of the box is
                # added by a script, after the page was marked.
                ways.append(f'Website: <a href="{e(service.web)}" rel="noopener noreferrer">{e(shown)}</a>')
            lines.append(f'<p class="worth-help__ways">{" · ".join(ways)}</p>')
            if service.hours:
                lines.append(f'<p class="worth-help__hours">{e(service.hours)}</p>')
            parts.append('<li class="worth-help__service">' + "".join(lines) + "</li>")
        parts.append("</ul>")
    parts.append("</aside>")
    return "\n".join(parts)


def render_help_script(help: HelpServices) -> str:
    """``assets/javascripts/help-box.js``: the help box for a search that finds nothing, as a
    script that hands it to search-help.js (``worthHelpBox``). It is fetched only when a reader
    first opens search, so the box costs no page a byte until then; a script rather than a data
    file, because pages opened from ``file://`` (the offline bundle) may load scripts but not fetch."""
    box = render_help_box(help, anchor="search-help")
    # "</" written as "<\/" so the text can never close a script element it is pasted into.
    return "window.worthHelpBox = " + json.dumps(box, ensure_ascii=False).replace("</", "<\\/") + "\n"


# ---------------------------------------------------------------------------------------------
# The checklist: its markup is what ``checklist.js`` reads, so it is made here, in one place.


def _one_line_text(text: str) -> str:
    """Article text made safe inside HTML parsed as Markdown: no tags, no emphasis, no links."""
    return escape_text(" ".join(text.split()))


ALSO_SHOWN = 1  # links to other articles describing the same sign, per checklist item


def render_checklist(
    items: Sequence[ChecklistItem],
    bands: Sequence[Band],
    next_reads: Mapping[SectionKey, Sequence[NextRead]],
    *,
    link_for: Callable[[SectionKey], str],
    limit: int = 3,
    help_box: str = "",
) -> str:
    """The checklist block for the signs page (Markdown with HTML, needs ``md_in_html`` and
    ``attr_list``); empty when there are no items.

    Without JavaScript it is a list of the signs, each with its hint and a link to its section,
    under a key for counting; the checkboxes, the result and the buttons carry ``hidden`` until
    ``checklist.js`` shows them. Each checkbox lists its next reads in ``data-next`` as
    ``id:score`` pairs pointing into a hidden list of links; ``limit`` is how many the result shows.
    Without items it is a short note (the ``#checklist`` anchor is always there). ``help_box``
    (``render_help_box``) comes right under the result, whatever the result says.
    """
    if not items:
        return (
            '<div class="worth-checklist" id="checklist" markdown>\n\n'
            "No article has a part about signs yet, so there is nothing to tick here.\n\n</div>\n"
        )
    targets: dict[str, str] = {}  # url -> id
    pool: list[str] = []
    rows: list[str] = []
    for number, item in enumerate(items, 1):
        pairs = []
        for read in next_reads.get(item.key, ()):
            if read.url not in targets:
                targets[read.url] = f"n{len(targets) + 1}"
                pool.append(f'<li markdown>[{_one_line_text(read.title)}](<{read.url}>){{ data-read="{targets[read.url]}" }}</li>')
            pairs.append(f"{targets[read.url]}:{read.score:.3f}")
        # A sign many articles describe links to the first few of them and counts the rest: a
        # thousand articles must not make a thousand links on the signs page.
        titles = (*item.also_titles, *([""] * len(item.also)))
        also = "".join(
            f" [Also in {_one_line_text(title) if title else 'another article'}](<{link_for(k)}>)"
            for k, title in zip(item.also[:ALSO_SHOWN], titles)
        )
        if len(item.also) > ALSO_SHOWN:
            more = len(item.also) - ALSO_SHOWN
            also += f" (and {more} more {'article' if more == 1 else 'articles'})"
        hint = f' <span class="worth-checklist__hint">{_one_line_text(item.hint)}</span>' if item.hint else ""
        rows.append(
            f'<li class="worth-checklist__item" markdown>'
            f'<input type="checkbox" id="sign-{number}" name="sign-{number}" data-next="{" ".join(pairs)}" hidden> '
            f'<label for="sign-{number}" class="worth-checklist__label">{_one_line_text(item.label)}</label>{hint} '
            f"[Read \u201c{_one_line_text(item.section_title)}\u201d](<{link_for(item.key)}>){also}</li>"
        )
    band_data = json.dumps([{"from": b.min_percent, "words": b.words} for b in bands], ensure_ascii=False)
    # An attribute, not a <script type="application/json">: the theme's instant navigation
    # re-creates script elements without their type, and the CSP then refuses them.
    band_data = html.escape(band_data, quote=True)
    first_band = bands[0].words if bands else ""
    return "\n".join(
        [
            '<div class="worth-checklist" id="checklist" data-limit="%d" data-bands="%s" markdown>' % (limit, band_data),
            "",
            "## Which signs do you recognise? { #checklist-title data-search-exclude }",
            "",
            '<p class="worth-checklist__note">This is not a diagnosis. It is a way to notice what you '
            "recognise in your own words and time.</p>",
            "",
            '<p class="worth-checklist__key" data-nojs>Count the signs you recognise. There is no score to reach '
            f"and no right answer. Each one links to the part of an article that describes it. There are {len(items)} "
            "signs in all.</p>",
            "",
            '<p class="worth-checklist__key" data-js hidden>Tick the signs you recognise. Your answers stay on this '
            "device, and are forgotten when you leave the page unless you choose to remember them.</p>",
            "",
            '<form class="worth-checklist__form" markdown>',
            '<fieldset markdown>',
            "<legend>Signs you may recognise</legend>",
            '<ul class="worth-checklist__items" markdown>',
            *rows,
            "</ul>",
            "</fieldset>",
            '<div class="worth-checklist__result" role="status" data-js hidden>',
            f'<p class="worth-checklist__count">0 of {len(items)} signs ticked.</p>',
            f'<p class="worth-checklist__band">{html.escape(first_band)}</p>',
            '<p class="worth-checklist__ticked"></p>',
            '<div class="worth-checklist__next"></div>',
            "</div>",
            *([help_box.strip()] if help_box else []),
            '<div class="worth-checklist__actions" data-js hidden>',
            '<button type="button" class="md-button" data-action="print">Print my checklist</button>',
            '<button type="button" class="md-button" data-action="clear">Clear my answers</button>',
            "</div>",
            '<p class="worth-checklist__print-note">Printers and print queues can keep a copy of what they print; '
            "on a shared or work printer, someone else may see it.</p>",
            '<p class="worth-checklist__remember" data-js hidden>',
            '<input type="checkbox" id="checklist-remember" aria-describedby="checklist-remember-note">',
            '<label for="checklist-remember">Remember my answers on this device</label>',
            '<span class="worth-checklist__remember-note" id="checklist-remember-note">If you switch this on, your '
            "ticks are kept in this browser's storage on this device. Anyone who uses this device could see "
            "them. Nothing is sent anywhere. Leaving with the quick exit forgets them.</span>",
            "</p>",
            "</form>",
            '<ul class="worth-checklist__pool" hidden markdown>',
            *pool,
            "</ul>",
            "",
            "</div>",
            "",
        ]
    )
