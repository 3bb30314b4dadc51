"""Read a saved web page (``.html``/``.htm``): bytes in, ``RawArticle`` out.

The article is found in the page by trafilatura (the reference in published comparisons of
main-content extraction), which also reads the page's metadata: title, author, date, canonical
address and site name from ``<meta>``, JSON-LD and the markup. Its structured output (headings
with the page's own ``<h1>``-``<h6>`` levels, paragraphs, lists, quotes; no images, captions,
links or formatting) is turned into the lines the Markdown reader reads, headings marked with
``#`` so nothing has to guess them; from there the article goes through the same pipeline as any
other. The page is never rendered: every word of it reaches the site as text.

What the extractor did not take is kept visible: every text block of the page (a paragraph, a
list item, a menu entry, a comment) that is not in the article becomes a ``NoiseLine`` whose rule
starts with ``left out`` and names where on the page it was (navigation, comments, sidebar...),
shortened to one line. An editor's ``keep`` brings such a block back in its place; ``drop``
removes a block from the article as for any article.

An optional ``<slug>.yml`` beside the page takes the keys of ``.txt``/``.md`` front matter
(``read.FRONT_MATTER_KEYS``), layered over what the page says.

Importing this module imports trafilatura (about a tenth of a second): ``read.read_article``
imports it only when it meets a web page.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import trafilatura
from lxml import etree
from lxml.etree import XPath
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.utils import load_html

from . import yamltext
from .errors import ArticleError
from .model import Metadata, NoiseLine, Overrides, RawArticle, SourceLine
from .text import ends_a_sentence, loose
from .read import decode_text, front_matter_key_lines, front_matter_metadata, path_metadata

LEFT_OUT_RULE = "left out"  # every NoiseLine.rule of a page block not taken starts with this
MAX_SHOWN_CHARACTERS = 100  # a left-out block is shown on one line, at most this long

# Elements whose content is never text of the page: code, embedded documents, form controls,
# media. Skipped whole when the page's text blocks are listed (trafilatura drops them too).
_NOT_TEXT = frozenset(
    "head title script style noscript template svg math iframe frame frameset object embed applet "
    "canvas video audio picture source img map select option datalist textarea input".split()
)
# Elements that start and end a block of text; the others (a, span, b, time...) run inside one.
_BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
# Inline elements the browser shows apart from the words around them.
_SPACED = frozenset("br button label img".split())
_HEADING_TAG = re.compile(r"^h([1-6])$")

# Where on the page a block that was left out sits, told by its containers: their element name,
# or a word of their id or class ("comment-list" has the word "comment"). Most telling first, so
# that a comment's own <footer> is still named a comment. Only names what the editor is shown.
PLACES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("comments", frozenset(), ("comment", "respond", "disqus", "reply", "replies")),
    ("related posts", frozenset(), ("related", "recommended", "read-next", "more-stories", "most-read", "popular", "trending", "yarpp")),
    ("sharing", frozenset(), ("share", "sharing", "social", "sharedaddy")),
    ("newsletter", frozenset(), ("newsletter", "subscribe", "subscription", "signup", "mailchimp")),
    ("cookie notice", frozenset(), ("cookie", "cookies", "consent", "gdpr")),
    ("call to action", frozenset(), ("cta", "call-to-action", "booking", "appointment", "promo", "banner")),
    ("advert", frozenset(), ("ad", "ads", "advert", "advertisement", "sponsored", "sponsor")),
    ("contents", frozenset(), ("toc", "table-of-contents", "contents")),
    ("navigation", frozenset({"nav"}), ("nav", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination", "skip-link")),
    ("sidebar", frozenset({"aside"}), ("sidebar", "widget", "secondary")),
    ("header", frozenset({"header"}), ("header", "masthead", "topbar", "top-bar", "byline", "meta")),
    ("about the author", frozenset(), ("author", "bio", "biography")),
    ("footer", frozenset({"footer"}), ("footer", "colophon", "copyright")),
    ("form", frozenset({"form"}), ()),
)
ELSEWHERE = "not the article"

# Parts of a page the extractor keeps inside an article's body but that are never the article,
# removed from the page before it is given to trafilatura (its own lists already cover sharing,
# comments, related posts, newsletters, adverts and navigation):
# - the calls to action of clinic and service pages ("Book an appointment today"), the galleries
#   and slideshows of news pages (pictures and their captions, which an article here leaves out),
#   and adverts' boxes (an "Advertisement" label the extractor keeps when the box is named only
#   "ad"), named by a word of their class or id (hyphens and underscores as spaces, any case);
PRUNED_NAME_WORDS = ("cta", "call to action", "booking widget", "gallery", "slideshow", "carousel", "lightbox", "ad", "ads", "advert", "advertisement")
# - the controls of the page's own interface, named by their ARIA role (a video player's menus and
#   dialogs, tabs, toolbars): a role the WAI-ARIA specification gives to widgets, never to text
#   (not "tabpanel", whose content is the page's);
WIDGET_ROLES = (
    "button", "checkbox", "combobox", "listbox", "menu", "menubar", "menuitem", "menuitemcheckbox",
    "menuitemradio", "option", "progressbar", "radio", "radiogroup", "scrollbar", "slider", "spinbutton",
    "switch", "tab", "tablist", "toolbar", "tooltip", "dialog", "alertdialog", "search", "searchbox",
)
# - the card a paragraph shows on hovering a name (a person's picture, their other stories as
#   links), which the page hides until then but the extractor reads as words of the sentence: the
#   innermost element inside a paragraph named for a popup, holding ``MIN_CARD_LINKS`` links or more
#   (a glossary's tooltip, a definition with no links, stays);
POPUP_NAME_WORDS = ("tooltip", "popover", "popup", "hovercard", "rollover")
MIN_CARD_LINKS = 2
# - the permalink sign a heading carries ("Setting up¶", "# Setting up"): a link inside a heading
#   whose text is only such signs, or nothing.
PERMALINK_SIGNS = "\u00b6#\u00a7\U0001f517\u2693\u00a4"


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _named(words: Sequence[str]) -> str:
    """An XPath test: a word of the element's class or id (hyphens and underscores as spaces, any
    case) is one of ``words``."""
    return " or ".join(
        f"contains(concat(' ', translate(@{attribute}, '-_{_UPPER}', '  {_UPPER.lower()}'), ' '), ' {word} ')"
        for word in words for attribute in ("class", "id")
    )


def _prune_xpaths(words: Sequence[str], roles: Sequence[str], signs: str, popups: Sequence[str]) -> list[str]:
    role = " or ".join(f"@role='{r}'" for r in roles)
    headings = " or ".join(f"self::h{n}" for n in range(1, 7))
    return [
        f"//body//*[not(self::main or self::article)][{_named(words)}]",
        f"//body//*[{role}]",
        f"//*[{headings}]//a[not(normalize-space(translate(., '{signs}', '')))]",
        _card_xpath(popups),
    ]


def _card_xpath(popups: Sequence[str]) -> str:
    popup = _named(popups)
    return f"//body//p//*[{popup}][not(.//*[{popup}])][count(.//a) >= {MIN_CARD_LINKS}]"


PRUNE_XPATHS = _prune_xpaths(PRUNED_NAME_WORDS, WIDGET_ROLES, PERMALINK_SIGNS, POPUP_NAME_WORDS)
# The cards are no text of the page's blocks either (nor shown as left out): words the page hides.
CARD_XPATH = XPath(_card_xpath(POPUP_NAME_WORDS))


class _NotHoldingTheArticle:
    """The elements an XPath of ``PRUNE_XPATHS`` finds, less those that hold the article: an
    ``<article>``, a ``<main>`` or the page's headline (an ``<h1>``). A name word is sometimes a
    wrapper's, not a box's: a theme's "enable-lightbox" on the container of the whole post, a
    site's "ad_body" on the wrapper of every article. trafilatura's own guard (prune nothing that
    would take six sevenths of the page's text) does not see it when the page's sidebar and footer
    hold as much text as the article. (Not "most of the page's paragraphs": a gallery of long
    captions inside an article may hold more.) Called as trafilatura calls an XPath."""

    def __init__(self, expression: str) -> None:
        self.xpath = XPath(expression)

    def __call__(self, tree: Any) -> list[Any]:
        return [e for e in self.xpath(tree) if not e.xpath(".//article|.//main|.//h1")]


@dataclass(frozen=True)
class PageBlock:
    """A block of text on the page, in page order: its text (spaces made single), the line of the
    file it starts on, the element holding it (``p``, ``h2``, ``li``...), where on the page it sits
    (a ``PLACES`` name or ``ELSEWHERE``), whether it is inside a ``<blockquote>``, and for a list
    item whether its list is numbered and, in a list nested in an item, where that item's text is
    among the page's blocks; whether it is a picture's caption or credit."""

    text: str
    line: int
    tag: str
    place: str
    quoted: bool = False
    ordered: bool = False
    item_of: int | None = None  # for a list item in a list nested in an item: that item's block
    caption: bool = False  # in a figure, or in an element named a caption, a credit or a legend


@dataclass(frozen=True)
class ArticleBlock:
    """A block of the article as the reader will see it: ``kind`` is ``heading`` (``depth`` 1-6,
    from the page's own element), ``paragraph``, ``item`` (of the list ``group``; ``ordered`` for a
    numbered list) or ``quote`` (a paragraph of the quote ``group``). ``line`` is the line of the
    file it was found on."""

    kind: str
    text: str
    line: int
    depth: int = 0
    group: int = 0
    ordered: bool = False


@dataclass(frozen=True)
class WebPage:
    """What a page holds: its metadata, the article's blocks in order (the title not among them),
    and the page's text blocks the article does not have, in page order."""

    metadata: Metadata
    blocks: tuple[ArticleBlock, ...]
    left_out: tuple[PageBlock, ...]
    title_line: int = 1
    # Where each block is in the page's list of blocks (None: not found there), and where each
    # left-out block is, so that a block the editor keeps can go back in its place.
    origins: tuple[int | None, ...] = ()
    left_out_places: tuple[int, ...] = ()


def read_web_page(data: bytes, *, path: str, settings: bytes | None = None, settings_path: str | None = None) -> RawArticle:
    """The ``RawArticle`` of the page ``data`` (shown as ``path``), in the Markdown reader's form.

    ``settings`` is the text of the ``.yml`` beside the page (shown as ``settings_path``), if any:
    its metadata wins over the page's and its overrides apply as front matter's do. Raises
    ``ArticleError`` for a page that is not HTML or a ``.yml`` that cannot be read.
    """
    base = path_metadata(path)
    overrides = Overrides()
    shown_settings = settings_path or str(Path(path).with_suffix(".yml"))
    fields, key_lines = read_settings(settings, path=shown_settings) if settings is not None else ({}, {})
    page = extract_page(data, path=path, slug=base.slug)
    metadata = page.metadata
    if fields:
        metadata, overrides = front_matter_metadata(fields, metadata, path=shown_settings, key_lines=key_lines)
    blocks, left_out = _with_kept_blocks(page, overrides.keep)
    title = metadata.title
    lines = markdown_lines(title, blocks, title_line=page.title_line)
    noise = tuple(
        NoiseLine(block.line, shorten(block.text), f"{LEFT_OUT_RULE}: {block.place}")
        for block in left_out
        if not title or loose(block.text) != loose(title)
    )
    return RawArticle(path=path, format="md", lines=lines, metadata=metadata, overrides=overrides, left_out=noise)


def read_settings(data: bytes, *, path: str) -> tuple[Mapping[Any, Any], dict[str, int]]:
    """The keys of a page's ``.yml`` and the line of each; ``ArticleError`` naming the line when it
    is not YAML or not ``key: value`` lines."""
    text = decode_text(data, path=path)
    try:
        # As strict as front matter: dates as written, no aliases, no key given twice.
        fields = yamltext.load_strict(text) if text.strip() else {}
    except yamltext.YamlProblem as err:
        raise ArticleError(path, err.line, f"{err.problem}; {err.advice or 'fix it or remove the file'}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise ArticleError(path, 1, "must be a list of 'key: value' lines, as in front matter; fix it or remove the file")
    return fields, front_matter_key_lines(text.splitlines())


def extract_page(data: bytes, *, path: str, slug: str = "article") -> WebPage:
    """The article, metadata and left-out blocks of the page ``data``; ``ArticleError`` when the
    bytes are not an HTML page."""
    tree = load_html(data)
    if tree is None or not isinstance(tree.tag, str):
        raise ArticleError(path, 1, "is not an HTML page that can be read; save the page again from the browser")
    page_blocks = list(list_page_blocks(prune_unwanted_nodes(tree, [CARD_XPATH])))
    try:
        document = _extract(data)
    except Exception as err:  # noqa: BLE001 (any page off the web goes in: no traceback for a bad one)
        raise ArticleError(
            path, 1, f"the article could not be found in this page ({type(err).__name__}); save the page again, or its text as a .txt file"
        ) from None
    metadata = page_metadata(document, slug=slug)
    extracted = list(article_blocks(document.body)) if document is not None and document.body is not None else []
    shown = headline(extracted, tree, extracted_title=metadata.title, site_name=metadata.site_name)
    if shown and loose(shown) != loose(metadata.title or ""):
        # A heading of the page that its metadata names as the title, where the extractor took
        # another line (a section's name in the page's only <h1>): that heading is the title.
        metadata = replace(metadata, title=shown)
    # The title is the page's, not a heading of the article.
    if metadata.title:
        title = loose(metadata.title)
        extracted = [b for i, b in enumerate(extracted) if not (b.kind == "heading" and loose(b.text) == title and i < 3)]
    origins, taken = align(page_blocks, extracted)
    # A heading over a part the extractor left out is left out with it (listed, and kept on ``keep``).
    dropped = set(headings_of_left_out_parts(extracted, origins, taken, page_blocks))
    taken -= {origins[i] for i in dropped}
    extracted = [b for i, b in enumerate(extracted) if i not in dropped]
    origins = [o for i, o in enumerate(origins) if i not in dropped]
    extracted, origins = _with_nested_items(extracted, origins, taken, page_blocks)
    extracted, origins = _with_enclosed_blocks(extracted, origins, taken, page_blocks)
    extracted, origins = _with_opening_blocks(extracted, origins, taken, page_blocks, title=metadata.title)
    extracted, origins = _with_blocks_after_adverts(extracted, origins, taken, page_blocks)
    blocks = []
    line = 1
    for block, origin in zip(extracted, origins):
        line = page_blocks[origin].line if origin is not None else line
        blocks.append(replace(block, line=line))
    title_line = next(
        (b.line for b in page_blocks if metadata.title and loose(b.text) == loose(metadata.title)), _title_element_line(tree)
    )
    places = tuple(i for i in range(len(page_blocks)) if i not in taken)
    return WebPage(
        metadata, tuple(blocks), tuple(page_blocks[i] for i in places), title_line,
        origins=tuple(origins), left_out_places=places,
    )


def headings_of_left_out_parts(
    extracted: Sequence[ArticleBlock], origins: Sequence[int | None], taken: set[int], page: Sequence[PageBlock]
) -> list[int]:
    """The extracted headings that stand over a part of the page the extractor left out: a box's
    "Related Videos", "Comments" or "Read more" whose links or comments were pruned while its
    heading stayed. Such a heading has no text of its own in the article (the next block is a
    heading, or there is none), and on the page the blocks between it and the article's next block
    are all left out; and the next heading is of the same or a higher level, or there is none, or
    two blocks or more were left out between them (one block between a part's heading and its
    first subheading may be a picture's credit). A heading ending the article with nothing under it
    on the page either (comments a script would load) is one too; a heading with nothing under it
    before another is the page's own (a heading that is a link to a list elsewhere).

    Written here because the extractor keeps or drops each element on its own: it has no rule
    for a heading whose section it emptied.
    """
    found = []
    for i, block in enumerate(extracted):
        if block.kind != "heading" or origins[i] is None:
            continue
        following = extracted[i + 1] if i + 1 < len(extracted) else None
        if following is not None and following.kind != "heading":
            continue
        start = origins[i] + 1
        end = next((o for o in origins[i + 1:] if o is not None), len(page)) if following is not None else len(page)
        between = [k for k in range(start, end) if page[k].tag != "figcaption"]
        if any(k in taken for k in between) or (not between and following is not None):
            continue
        if following is None or following.depth <= block.depth or len(between) >= 2:
            found.append(i)
    return found


# A paragraph the extractor left out between two blocks it took is put back when it reads as a
# sentence or more of running text: this many words at least, and a sentence's end.
MIN_ENCLOSED_WORDS = 10
MAX_ENCLOSED_HEADING_WORDS = 16
_ENCLOSED_TAGS = frozenset("p div blockquote section article td dd".split())
MAX_EMBEDDED_QUOTE_BLOCKS = 6
MIN_CONTINUED_WORDS = 4  # a paragraph after an advert inside the article: "But there are two problems."
# A subscription box's block: short, and asking the reader to subscribe ("SUBSCRIBE", "Sign up for
# our newsletter", "Get the best stories in your inbox"), when no class or id names it so.
MAX_BOX_WORDS = 25
_SUBSCRIBING = re.compile(r"\b(?:subscrib\w*|newsletters?|sign(?:ing)? up|inbox)\b", re.IGNORECASE)


def _interrupts(block: PageBlock) -> bool:
    """Whether a page block is an advert's or a subscription box's, which may stand in the middle
    of an article: in a part of the page named an advert or a newsletter, or a short call to
    subscribe (``_SUBSCRIBING``, ``MAX_BOX_WORDS`` words at most)."""
    return block.place in ("advert", "newsletter") or (
        len(block.text.split()) <= MAX_BOX_WORDS and bool(_SUBSCRIBING.search(block.text))
    )


def _running_text(block: PageBlock) -> bool:
    """Whether a page block reads as a paragraph of running text: an element that holds a
    paragraph, ``MIN_ENCLOSED_WORDS`` words or more, a sentence's end; no caption, no quote."""
    return (
        block.tag in _ENCLOSED_TAGS and not block.caption and not block.quoted
        and len(block.text.split()) >= MIN_ENCLOSED_WORDS and ends_a_sentence(block.text)
    )


def _with_opening_blocks(
    extracted: Sequence[ArticleBlock], origins: Sequence[int | None], taken: set[int], page: Sequence[PageBlock], *, title: str | None
) -> tuple[list[ArticleBlock], list[int | None]]:
    """The article's blocks with its opening paragraphs put back when the extractor began after
    them (``taken`` gets them too): between the page's headline (the first block that is the
    title, else its first ``<h1>``) and the article's first block after it, each block of running text (``_running_text``)
    in the same part of the page as that first block, or in none that is named, and not already
    in the article. A news page often writes its lead or its standfirst as a ``<div>``'s text, or
    in an element named a summary, apart from the paragraphs of the body that the extractor
    takes; the article here must not lose its first paragraph.
    """
    wanted = loose(title or "")
    head = next((i for i, b in enumerate(page) if wanted and loose(b.text) == wanted), None)
    if head is None:
        head = next((i for i, b in enumerate(page) if b.tag == "h1"), None)
    first = min((i for i in taken if head is not None and i > head), default=None)
    if head is None or first is None:
        return list(extracted), list(origins)
    joined = " ".join(_key(b.text) for b in extracted)
    places = {ELSEWHERE, page[first].place}
    restored = [
        (i, ArticleBlock("paragraph", page[i].text, page[i].line)) for i in range(head + 1, first)
        if _running_text(page[i]) and page[i].place in places and _key(page[i].text) not in joined
    ]
    taken.update(i for i, _ in restored)
    return _inserted(extracted, origins, restored)


def _with_blocks_after_adverts(
    extracted: Sequence[ArticleBlock], origins: Sequence[int | None], taken: set[int], page: Sequence[PageBlock]
) -> tuple[list[ArticleBlock], list[int | None]]:
    """The article's blocks with the paragraphs that follow an advert or a subscription box
    inside the article put back (``taken`` gets them too). Some sites cut an article's body into
    several containers with an advert or a "Subscribe" box between them; the extractor takes the
    first and stops at the box. After a block of the article followed by such a box's block
    (``_interrupts``: "Advertisement", "SUBSCRIBE"), every ``<p>`` of a sentence or more
    (``MIN_CONTINUED_WORDS`` words, a sentence's end; a quote as a quote) in the same part of the
    page as that block comes back, past further boxes, pictures' captions and blocks the article
    has (or whose text it has), up to the first block that is none of these (a heading, a list, a
    box's title, "More stories"). The boxes stay out.
    """
    joined = " ".join(_key(b.text) for b in extracted)
    restored: list[tuple[int, ArticleBlock]] = []
    done = -1
    for index in sorted(taken):
        if index <= done or index + 1 >= len(page) or index + 1 in taken or not _interrupts(page[index + 1]):
            continue
        place, k = page[index].place, index + 1
        while k < len(page):
            block = page[k]
            if k in taken or _interrupts(block) or block.caption or _key(block.text) in joined:
                pass
            elif block.tag == "p" and block.place == place and not block.caption and (
                # Here, inside the article, a short paragraph is the article's too.
                len(block.text.split()) >= MIN_CONTINUED_WORDS and ends_a_sentence(block.text)
            ):
                kind = "quote" if block.quoted else "paragraph"
                restored.append((k, ArticleBlock(kind, block.text, block.line, group=-1 - k if block.quoted else 0)))
            else:
                break
            k += 1
        done = k
    taken.update(i for i, _ in restored)
    return _inserted(extracted, origins, restored)


def _with_enclosed_blocks(
    extracted: Sequence[ArticleBlock], origins: Sequence[int | None], taken: set[int], page: Sequence[PageBlock]
) -> tuple[list[ArticleBlock], list[int | None]]:
    """The article's blocks with what the extractor left out in the middle of its text put back
    in place (``taken`` gets them too). In a run of left-out blocks whose neighbours on the page
    were both taken, these come back, none of them a caption, a credit or a quote, each in the same
    part of the page as those neighbours (or in none that is named):

    - the run's one paragraph of running text (``MIN_ENCLOSED_WORDS`` words or more, a sentence's
      end) not already in the article: one after an embedded video, or the text after a picture's
      frame rather than an element of its own;
    - the list that opens the run when the article's text announces it (the block before ends with
      a colon: "More from this series:"): the extractor drops a list of links as it drops a menu.
      A list of links under a heading of its own is not taken back: it is a related-posts box as
      often as a part of the article;
    - a heading alone (``h1`` to ``h6``, at most ``MAX_ENCLOSED_HEADING_WORDS`` words) that is not
      one of the article's blocks already: the heading of the paragraphs after it. The extractor
      may read a page through its fallback, which keeps paragraphs alone, and a page of numbered
      ``<h2>`` steps then loses every step;
    - a run that is all quoted (at most ``MAX_EMBEDDED_QUOTE_BLOCKS`` blocks), as a quote: a post
      of a social network the article embeds and quotes (its text and "— Name (@name) date"),
      which the extractor drops with the network's widget; it may sit in a part named for
      sharing. Not when all of it is in the article already (a pull quote repeats the article).

    The extractor weighs each element on its own; an article here must lose no paragraph, and
    what the page shows between two of the article's paragraphs, as the article's, is its.
    """
    joined = " ".join(_key(b.text) for b in extracted)
    blocks = {_key(b.text) for b in extracted}
    restored: list[tuple[int, ArticleBlock]] = []
    start = 1
    while start < len(page) - 1:
        if start in taken or start - 1 not in taken:
            start += 1
            continue
        end = start
        while end < len(page) and end not in taken:
            end += 1
        if end < len(page):
            before, after = page[start - 1], page[end]
            places = {ELSEWHERE} | ({before.place} if before.place == after.place else set())
            run = page[start:end]
            if len(run) <= MAX_EMBEDDED_QUOTE_BLOCKS and all(b.quoted and not b.caption for b in run):
                # An embedded post (a blockquote, from a social network's widget) quoted by the article.
                if all(b.place in places | {"sharing"} for b in run) and not all(_key(b.text) in joined for b in run):
                    restored += [(start + n, ArticleBlock("quote", b.text, b.line, group=-1 - start)) for n, b in enumerate(run)]
                start = end
                continue
            found = _enclosed(run, start, before, joined, blocks)
            if all(page[i].place in places and not page[i].caption and not page[i].quoted for i, _ in found):
                restored += found
        start = end
    taken.update(index for index, _ in restored)
    return _inserted(extracted, origins, restored)


def _enclosed(
    run: Sequence[PageBlock], start: int, before: PageBlock, joined: str, blocks: Collection[str]
) -> list[tuple[int, ArticleBlock]]:
    """The blocks of a left-out ``run`` that come back (see ``_with_enclosed_blocks``), with their
    place on the page; ``joined`` is the article's text, ``blocks`` each of its blocks (``_key``)."""
    if len(run) == 1 and _HEADING_TAG.match(run[0].tag):
        text = run[0].text
        if len(text.split()) <= MAX_ENCLOSED_HEADING_WORDS and _key(text) not in blocks:
            return [(start, _as_article_block(run[0], group=0))]
        return []
    if len(run) == 1 and run[0].tag in _ENCLOSED_TAGS:
        text = run[0].text
        if len(text.split()) >= MIN_ENCLOSED_WORDS and ends_a_sentence(text) and _key(text) not in joined:
            return [(start, ArticleBlock("paragraph", text, run[0].line))]
        return []
    if not before.text.rstrip().endswith(":"):
        return []
    items = run[: next((n for n, b in enumerate(run) if b.tag != "li"), len(run))]  # the list announced
    group = -1 - start  # negative: no group of the extractor's
    return [(start + n, ArticleBlock("item", b.text, b.line, group=group, ordered=b.ordered)) for n, b in enumerate(items)]


def _inserted(
    extracted: Sequence[ArticleBlock], origins: Sequence[int | None], restored: Sequence[tuple[int, ArticleBlock]]
) -> tuple[list[ArticleBlock], list[int | None]]:
    """``extracted`` with each ``(page index, block)`` of ``restored`` put in its place by page order.

    The extracted blocks keep their order: each stands at the furthest place on the page of those
    up to it, as a line repeated on the page (a table's header row) may be matched to an earlier
    place than the blocks before it."""
    if not restored:
        return list(extracted), list(origins)
    ordered: list[tuple[tuple[int, int], ArticleBlock, int | None]] = []
    position = -1
    for n, (block, origin) in enumerate(zip(extracted, origins)):
        position = max(origin, position) if origin is not None else position
        ordered.append(((position, n), block, origin))
    ordered += [((index, -1), item, index) for index, item in restored]
    ordered.sort(key=lambda entry: entry[0])
    return [b for _, b, _ in ordered], [o for _, _, o in ordered]


def _with_nested_items(
    extracted: Sequence[ArticleBlock], origins: Sequence[int | None], taken: set[int], page: Sequence[PageBlock]
) -> tuple[list[ArticleBlock], list[int | None]]:
    """The article's blocks with the items of a list nested in an item of the article put back
    after that item, as items of its list (``taken`` gets them too).

    A list item is part of the item it is nested in ("In progress:" over a list of links to bug
    reports), but the extractor weighs each list on its own and drops a nested list whose items
    are only links as it drops a menu. A menu's nested lists stay out: their item is not taken.
    """
    by_origin = {o: b for b, o in zip(extracted, origins) if o is not None}
    restored: list[tuple[int, ArticleBlock]] = []
    for index, block in enumerate(page):
        outer = by_origin.get(block.item_of) if block.item_of is not None else None
        if index in taken or block.tag != "li" or outer is None or outer.kind != "item":
            continue
        item = ArticleBlock("item", block.text, block.line, group=outer.group, ordered=outer.ordered)
        restored.append((index, item))
        by_origin[index] = item
        taken.add(index)
    return _inserted(extracted, origins, restored)


def _extract(data: bytes) -> Any:
    """trafilatura's reading of the page: metadata and the article's body as XML elements.

    ``favor_recall``: when unsure, the extractor keeps a block rather than drops it (on labelled
    real pages this keeps more of the article and no more furniture: an article here must lose no
    paragraph, and what is left out is shown to the editor anyway). The ``PRUNE_XPATHS`` parts are
    removed first, each kind with trafilatura's own guard, which removes nothing when it would take
    most of the page's text (a page whose article is wrapped in an element named "gallery"), and
    never an element that holds the article (``_NotHoldingTheArticle``).
    """
    tree = load_html(data)
    if tree is not None:
        for expression in PRUNE_XPATHS:
            tree = prune_unwanted_nodes(tree, [_NotHoldingTheArticle(expression)], with_backup=True)
    return trafilatura.bare_extraction(
        tree if tree is not None else data,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def page_metadata(document: Any, *, slug: str) -> Metadata:
    """Title, author, date, address and site name as trafilatura read them from the page."""
    if document is None:
        return Metadata(slug=slug)

    def text(value: Any) -> str | None:
        value = " ".join(str(value).split()) if value else ""
        return value or None

    date = text(document.date)
    try:
        date = dt.date.fromisoformat(date).isoformat() if date else None
    except ValueError:
        date = None
    url = text(document.url)
    return Metadata(
        slug=slug,
        title=text(document.title),
        date=date,
        author=text(document.author),
        source_url=url if url and url.lower().startswith(("http://", "https://")) else None,
        site_name=text(document.sitename),
    )


def list_page_blocks(tree: Any) -> Iterator[PageBlock]:
    """Every block of text in the page's body, in page order, with the line it starts on.

    Written here because the extractor gives the article only, and jusText's paragraph maker,
    which lists a page's blocks the same way, does not keep the line each block comes from.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    parts: list[str] = []
    first_line = [0]
    open_blocks: list[Any] = []
    first_block_of: dict[Any, int] = {}  # a list item -> the index of its first block
    count = [0]  # blocks yielded so far

    def add(text: str | None, element: Any) -> None:
        if text and text.strip():
            if not parts:
                first_line[0] = element.sourceline or 1
            parts.append(text)
        elif text and parts:
            parts.append(" ")  # the space between two links is a space between words

    def flush() -> Iterator[PageBlock]:
        text = " ".join("".join(parts).split())
        parts.clear()
        if text and any(ch.isalnum() for ch in text) and open_blocks:
            container = open_blocks[-1]
            outer = next((e for e in container.iterancestors("li")), None) if _tag(container) == "li" else None
            if _tag(container) == "li":
                first_block_of.setdefault(container, count[0])
            block = _page_block(text, first_line[0], container)
            yield replace(block, item_of=first_block_of.get(outer)) if outer is not None else block
            count[0] += 1

    # Iterative, not recursive: a page may nest elements deeper than Python's recursion limit.
    open_blocks.append(root)
    add(root.text, root)
    stack: list[tuple[Any, Iterator[Any]]] = [(root, iter(root))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if _tag(element) in _BLOCK_ELEMENTS or element is root:
                yield from flush()
                open_blocks.pop()
            if stack:
                add(element.tail, element)
            continue
        tag = _tag(child)
        if not tag or tag in _NOT_TEXT:  # comments, scripts, forms' controls...: only the text after them
            add(child.tail, child)
            continue
        if tag in _BLOCK_ELEMENTS:
            yield from flush()
            open_blocks.append(child)
        elif tag in _SPACED:
            parts.append(" ")
        add(child.text, child)
        stack.append((child, iter(child)))


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _page_block(text: str, line: int, container: Any) -> PageBlock:
    tag = _tag(container)
    chain = [container, *container.iterancestors()]
    quoted = any(_tag(e) == "blockquote" for e in chain)
    parent = container.getparent()
    ordered = tag == "li" and parent is not None and _tag(parent) == "ol"
    # The names of <body> and <html> describe the whole page (a site's feature switches,
    # "f_caption_muted_videos_on", "has-comments"), not a part of it: where a block sits and
    # whether it is a caption are told by the elements inside the body.
    parts = [e for e in chain if _tag(e) not in ("body", "html")]
    return PageBlock(text, line, tag, place_of(parts), quoted=quoted, ordered=ordered, caption=_is_caption(parts))


# The words of a class or id that name a picture's caption or credit: a word holding one of the
# first ("figcaption", "photocredit"), or starting with one of the second ("legend", "figure-frame").
CAPTION_PARTS = ("caption", "credit")
CAPTION_STARTS = ("legend", "figure")


def _is_caption(chain: Sequence[Any]) -> bool:
    """Whether the innermost element of ``chain`` is in a figure or an element named a caption."""
    for element in chain:
        if _tag(element) in ("figure", "figcaption"):
            return True
        name = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if any(word.startswith(CAPTION_STARTS) or any(p in word for p in CAPTION_PARTS) for word in re.findall(r"[a-z]+", name)):
            return True
    return False


_NAME_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def place_of(chain: Sequence[Any]) -> str:
    """Where on the page the innermost element of ``chain`` (it and its ancestors) sits."""
    tags = {_tag(e) for e in chain}
    words: set[str] = set()
    for element in chain:
        for name in (element.get("id") or "", element.get("class") or "", element.get("role") or ""):
            for word in _NAME_WORDS.findall(name.lower()):
                words.add(word)
                words.update(word.split("-"))
    words |= {word[:-1] for word in words if word.endswith("s")}  # "comments" is "comment"
    for place, element_names, name_words in PLACES:
        if tags & element_names or words.intersection(name_words):
            return place
    return ELSEWHERE


def article_blocks(body: Any) -> Iterator[ArticleBlock]:
    """The blocks of trafilatura's XML body (``head``, ``p``, ``list``/``item``, ``quote``,
    ``table``/``row``/``cell``, ``code``), in order. Lists nested in an item follow it as items of
    the same list; a table's rows become paragraphs, cells separated by `` | ``."""
    group = 0
    for element in _body_blocks(body):
        tag = element.tag
        group += 1
        if tag == "head":
            rend = element.get("rend") or "h2"
            depth = int(rend[1]) if _HEADING_TAG.match(rend) else 2
            text = _text(element)
            if text:
                yield ArticleBlock("heading", text, element.sourceline or 1, depth=depth)
        elif tag == "list":
            ordered = (element.get("rend") or "").lower() == "ol"
            for text in _items(element):
                yield ArticleBlock("item", text, 1, group=group, ordered=ordered)
        elif tag == "quote":
            paragraphs = [_text(p) for p in element if p.tag in ("p", "head", "item")] or [_text(element)]
            for text in paragraphs:
                if text:
                    yield ArticleBlock("quote", text, 1, group=group)
        elif tag == "table":
            for row in element.iter("row"):
                text = " | ".join(t for t in (_text(cell) for cell in row) if t)
                if text:
                    yield ArticleBlock("paragraph", text, 1)
        else:
            text = _text(element)
            if text:
                yield ArticleBlock("paragraph", text, 1)


# The elements of trafilatura's XML that make blocks of the article.
_EXTRACTED_BLOCKS = frozenset("head p list quote table code".split())


def _body_blocks(body: Any) -> Iterator[Any]:
    """The block elements of the extracted body, in order, out of the wrappers they may be in.

    When the extractor keeps the reading of its fallback (the readability algorithm, on pages it
    reads better), its blocks come inside the page's own ``<div>`` wrappers; and a table used to
    lay a page out holds the article's paragraphs in its cells. A wrapper's or a cell's own text
    outside its blocks becomes a paragraph of its own. Iterative: wrappers may nest deeply.
    """
    stack: list[Iterator[Any]] = [iter(_parts(body))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif isinstance(entry, str):
            if entry.strip():
                paragraph = etree.Element("p")
                paragraph.text = entry
                yield paragraph
        elif not isinstance(entry.tag, str):
            continue
        elif entry.tag == "table" and _lays_out(entry):
            stack.append(iter([part for cell in _cells(entry) for part in _parts(cell)]))
        elif entry.tag in _EXTRACTED_BLOCKS or not any(
            e.tag in _EXTRACTED_BLOCKS or e.tag == "div" for e in entry.iterdescendants() if isinstance(e.tag, str)
        ):
            yield entry
        else:
            stack.append(iter(_parts(entry)))


def _parts(element: Any) -> list[Any]:
    """An element's own text, then each child and the text after it."""
    parts: list[Any] = [element.text or ""]
    for child in element:
        parts += [child, child.tail or ""]
    return parts


def _cells(table: Any) -> list[Any]:
    """The cells of a table's own rows (not of a table inside a cell), row by row."""
    return [
        cell for row in table.iter("row") if next(row.iterancestors("table"), None) is table
        for cell in row if cell.tag == "cell"
    ]


def _lays_out(table: Any) -> bool:
    """Whether a table lays the page out rather than holds data: a cell holds a heading, another
    table, or three blocks or more (a data table's cell holds a value, or a list or a note)."""
    for cell in _cells(table):
        blocks = [child.tag for child in cell if isinstance(child.tag, str) and child.tag in _EXTRACTED_BLOCKS]
        if len(blocks) >= 3 or "head" in blocks or "table" in blocks:
            return True
    return False


def _items(list_element: Any) -> Iterator[str]:
    for item in list_element:
        if item.tag != "item":
            continue
        text = _text(item, skip=("list",))
        if text:
            yield text
        for nested in item.iter("list"):
            if nested is not item:
                yield from (t for t in (_text(i, skip=("list",)) for i in nested.iter("item")) if t)
                break


def _text(element: Any, *, skip: tuple[str, ...] = ()) -> str:
    """The text of an element of the extracted body, a line break (``lb``) as a space."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag in skip:
            pieces.append(" ")
        elif child.tag == "lb":
            pieces.append(" ")
        else:
            pieces.append(_text(child, skip=skip))
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def align(page: Sequence[PageBlock], extracted: Sequence[ArticleBlock]) -> tuple[list[int | None], set[int]]:
    """Which page block each extracted block came from (None when none is found), and the set of
    page blocks the article took.

    The two sequences are compared as a diff does (``difflib``, longest runs first), so a heading
    repeated in a table of contents is matched where its paragraphs follow it; between the runs,
    a page block inside an extracted one (or the other way round) is taken too.
    """
    a = [_key(b.text) for b in page]
    b = [_key(e.text) for e in extracted]
    origins: list[int | None] = [None] * len(b)
    taken: set[int] = set()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                origins[j1 + k] = i1 + k
                taken.add(i1 + k)
        elif op == "replace":
            joined = " ".join(b[j1:j2])
            for i in range(i1, i2):
                if a[i] and a[i] in joined:
                    taken.add(i)
            for j in range(j1, j2):
                origins[j] = next((i for i in range(i1, i2) if a[i] and (a[i] in b[j] or b[j] in a[i])), None)
                if origins[j] is not None:
                    taken.add(origins[j])
    return origins, taken


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _with_kept_blocks(page: WebPage, keep: Sequence[str]) -> tuple[list[ArticleBlock], list[PageBlock]]:
    """The article's blocks with the left-out blocks the editor keeps put back in their place, and
    the blocks still left out."""
    wanted = _keep_tests(keep)
    if not wanted:
        return list(page.blocks), list(page.left_out)
    ordered: list[tuple[tuple[int, int], ArticleBlock]] = []
    position = -1
    for n, (block, origin) in enumerate(zip(page.blocks, page.origins)):
        position = max(origin, position) if origin is not None else position  # as in ``_inserted``
        ordered.append(((position, n), block))
    still_left: list[PageBlock] = []
    for index, block in zip(page.left_out_places, page.left_out):
        if any(test(block.text) for test in wanted):
            ordered.append(((index, -1), _as_article_block(block, group=-1 - index)))
        else:
            still_left.append(block)
    ordered.sort(key=lambda pair: pair[0])
    return [b for _, b in ordered], still_left


def _keep_tests(keep: Sequence[str]) -> list[Any]:
    """One test per ``keep`` entry: the block's whole text, or a block starting with it when the
    entry is a shortened line as ``worth inspect`` shows it (ending in "…")."""
    tests = []
    for entry in keep:
        entry = entry.strip()
        if entry.endswith(("\u2026", "...")):
            start = loose(entry.rstrip(".\u2026"))
            if start:
                tests.append(lambda text, start=start: loose(text).startswith(start))
        else:
            whole = loose(entry)
            tests.append(lambda text, whole=whole: loose(text) == whole)
    return tests


def _as_article_block(block: PageBlock, *, group: int) -> ArticleBlock:
    heading = _HEADING_TAG.match(block.tag)
    if heading:
        return ArticleBlock("heading", block.text, block.line, depth=int(heading.group(1)))
    if block.tag == "li":
        return ArticleBlock("item", block.text, block.line, group=group, ordered=block.ordered)
    if block.quoted:
        return ArticleBlock("quote", block.text, block.line, group=group)
    return ArticleBlock("paragraph", block.text, block.line)


def markdown_lines(title: str | None, blocks: Sequence[ArticleBlock], *, title_line: int = 1) -> tuple[SourceLine, ...]:
    """The lines the Markdown reader reads: ``# title``, then each block (``#`` marks for a heading
    of the page's depth, ``- ``/``1. `` for list items, ``> `` for quotes, a paragraph as it is and
    marked ``literal``), a blank line between blocks. Each line carries the line of the page it
    came from."""
    lines: list[SourceLine] = []
    if title:
        lines += [SourceLine(title_line, "# " + " ".join(title.split())), SourceLine(title_line, "")]
    previous: ArticleBlock | None = None
    number = 0
    for block in blocks:
        same_group = previous is not None and block.group and previous.group == block.group and previous.kind == block.kind
        if previous is not None and not same_group:
            lines.append(SourceLine(lines[-1].number, ""))
        if block.kind == "heading":
            text = "#" * max(1, min(block.depth, 6)) + " " + block.text
        elif block.kind == "item":
            number = number + 1 if same_group else 1
            text = (f"{number}. " if block.ordered else "- ") + block.text
        elif block.kind == "quote":
            text = "> " + block.text
        else:
            text = block.text
        # A paragraph is shown as the page showed it, whatever it opens with ("2.", "- ", "* * *").
        lines.append(SourceLine(block.line, text, literal=block.kind == "paragraph"))
        previous = block
    return tuple(lines)


def shorten(text: str, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


_TITLE_SEPARATORS = (" - ", " | ", " \u2013 ", " \u2014 ", " \u00b7 ", ": ", " :: ")
MAX_TITLE_PIECES = 8
_SHOWN_TITLES = "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' or @property='twitter:title']/@content"


def headline(
    blocks: Sequence[ArticleBlock], tree: Any, *, extracted_title: str | None = None, site_name: str | None = None
) -> str | None:
    """The article's headline when the extractor's title (``extracted_title``) is not one the
    page's metadata gives (whole or a part of its ``<title>``), or is a heading of the page with
    the site's name after it: a heading the page shows (the one opening the extracted article, or
    an ``<h1>``) that its metadata names as the article's title: its ``og:title`` or
    ``twitter:title``, its JSON-LD ``headline`` or its whole ``<title>`` first, else a part of the
    ``<title>`` between separators ("Headline | Site", "Site: Headline"), never the site's name
    (a logo in an ``<h1>``); of several such parts, the opening heading, else the longest. None
    when the extractor's title stands or no heading is so named.

    Written here because the extractor takes one of these sources by a fixed order (a single
    ``<h1>``, a ``title`` class, the ``<title>``), and some pages have an ``<h1>`` that is a
    section's name or a box's ("Information and Resources", "Take your next trip with us!").
    """
    whole, parts = _title_names(tree)
    opening = next((" ".join(b.text.split()) for b in blocks[:3] if b.kind == "heading"), None)
    shown = [" ".join(e.text_content().split()) for e in tree.iter("h1")]
    if extracted_title and loose(extracted_title) in {loose(n) for n in whole + parts}:
        # The extractor's title is named by the metadata too: it stands, unless it is a heading
        # of the page with the site's name after it ("Headline - Site").
        title = " ".join(extracted_title.split())
        return next((h for h in [opening, *shown] if h and any(title.startswith(h + s) for s in _TITLE_SEPARATORS)), None)
    not_names = {"", loose(site_name or "")}
    for names in ({loose(n) for n in whole} - not_names, {loose(n) for n in parts} - not_names):
        if opening and loose(opening) in names:
            return opening
        found = [text for text in shown if text and loose(text) in names]
        if found:
            return max(found, key=len)
    return None


def _title_names(tree: Any) -> tuple[list[str], list[str]]:
    """The titles the page's metadata gives whole, and the parts of its ``<title>``."""
    whole: list[str] = [str(v) for v in tree.xpath(_SHOWN_TITLES)]
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            whole += _json_headlines(json.loads(script.text or ""))
        except (ValueError, RecursionError):  # not JSON, or nested past what Python reads
            continue
    parts: list[str] = []
    element = next((t for t in tree.iter("title") if t.text_content().strip() and _tag(t.getparent()) != "svg"), None)
    if element is not None:
        page_title = " ".join(element.text_content().split())
        whole.append(page_title)
        # Every run of the pieces between separators, with the separators inside it: "A: B - C"
        # gives "A", "A: B", "B", "B - C" and "C" (but not the whole); the first few pieces only,
        # a title of hundreds of pieces is not a headline and a site's name.
        pieces = re.split("(" + "|".join(re.escape(separator) for separator in _TITLE_SEPARATORS) + ")", page_title)
        count = min(len(pieces) // 2 + 1, MAX_TITLE_PIECES)
        parts = [
            "".join(pieces[2 * first : 2 * last + 1]) for first in range(count) for last in range(first, count)
            if (first, last) != (0, len(pieces) // 2)
        ]
    return whole, parts


def _json_headlines(data: Any, depth: int = 0) -> list[str]:
    """Every ``headline`` in a JSON-LD document (depth-limited: a page may nest it absurdly)."""
    if depth > 8:
        return []
    found: list[str] = []
    if isinstance(data, dict):
        if isinstance(data.get("headline"), str):
            found.append(data["headline"])
        children: Any = data.values()
    elif isinstance(data, list):
        children = data
    else:
        return []
    for child in children:
        if isinstance(child, (dict, list)):
            found += _json_headlines(child, depth + 1)
    return found


def _title_element_line(tree: Any) -> int:
    title = tree.find(".//title")
    return (title.sourceline or 1) if title is not None else 1
