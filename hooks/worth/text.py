"""Text helpers every stage shares: quotes, loose comparison, sentences, words, stems, slugs.

One home for each idea, so that two stages never disagree on what "the same heading" or "a
sentence" is:

- ``straight_quotes(text)``: curly quotes made straight.
- ``loose(text)``: text compared loosely (no numbering, case, curly quotes, markup or edge
  punctuation); ``loose_heading(text)`` also ignores the punctuation inside (how an editor may
  retype a heading in front matter or ``checklist.yml``).
- ``markdown_text(text)``: what a line of inline Markdown shows (``**bold**`` reads ``bold``).
- ``sentences(text)``: a paragraph split into sentences.
- ``words(text)``: the words of a text; ``stem(word)`` a light English stem; ``STOP_WORDS``.
- ``slugify(text)`` and ``unique_slug(base, taken)``: readable, stable anchors and file names;
  ``unique_slug`` never gives one of the ids the site uses itself (``RESERVED_IDS``: the
  checklist's ``checklist``, ``sign-1``...), so a heading "Checklist" or "Sign 1" never takes
  the checklist's place.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection

# ---------------------------------------------------------------------------------------------
# Quotes and loose comparison

_QUOTE_SWAPS = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))
# "1. ", "iv) ", and a contents widget's own number before a heading's ("1 1. The first sign").
_NUMBERING = re.compile(r"^\s*(?:(\d+)\s+\1[.):]|\d+[.):]|[ivxlc]+[.):])\s+", re.IGNORECASE)
_MARKUP = "*_`#>"
_EDGE_PUNCTUATION = " \t.:;,!?\"'-\u2013\u2014()[]"
_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")


def straight_quotes(text: str) -> str:
    """``text`` with curly quotes made straight (four ``str.replace`` calls run in C)."""
    for curly, plain in _QUOTE_SWAPS:
        text = text.replace(curly, plain)
    return text


@functools.lru_cache(maxsize=1 << 16)
def loose(text: str) -> str:
    """Text compared loosely: no leading numbering, case, curly quotes, markup characters or edge
    punctuation, and single spaces. Cached: sites repeat lines and headings."""
    s = _NUMBERING.sub("", straight_quotes(text).strip(), count=1)
    for mark in _MARKUP:  # a space each: the spaces are made single below
        s = s.replace(mark, " ")
    return " ".join(s.strip(_EDGE_PUNCTUATION).lower().split())


def loose_heading(text: str) -> str:
    """A heading as an editor may retype it: ``loose`` and, besides, apostrophes dropped and
    dashes and other punctuation read as spaces ("Walking Away Is Not Revenge—It's Self-Respect!"
    equals "walking away is not revenge its self respect")."""
    text = loose(text.replace("\u2014", " ").replace("\u2013", " "))
    return " ".join(_NOT_WORD_OR_SPACE.sub(" ", text.replace("'", "")).split())


# ---------------------------------------------------------------------------------------------
# Inline Markdown

# A footnote mark ("[^1]") and a footnote's own opening ("[^1]: ..."), which CommonMark without
# its footnote extension leaves as text.
_FOOTNOTE_MARK = re.compile(r"^\[\^[^\]\s]{1,40}\]:\s*|\[\^[^\]\s]{1,40}\]")


# An HTML tag. Bounded, so linear on any line: the parser's own reading of inline HTML looks for
# a comment's end from each "<!--", which takes the square of the length of a line of openers.
_HTML_TAG = re.compile(r"</?([A-Za-z][\w:-]{0,30})(?:\s[^<>]{0,300})?/?>")
# A footnote's mark written in HTML ("<sup>1</sup>", "<sup>[2]</sup>"): no word of the text.
_SUPERSCRIPT_MARK = re.compile(r"<sup>\s*\[?\d{1,3}\]?\s*</sup>", re.IGNORECASE)
# Tags that end a line or a block: the words on either side of "<br>" or "</p><p>" are apart.
_BREAKING_TAGS = frozenset(
    "br p div li ul ol dl dt dd hr tr td th table thead tbody h1 h2 h3 h4 h5 h6 blockquote pre section "
    "article aside header footer nav figure figcaption details summary".split())


def _tag_shown(tag: re.Match[str]) -> str:
    return " " if tag.group(1).lower() in _BREAKING_TAGS else ""


# A reference link ("[my earlier post][earlier]", "[this][]") or image ("![a beach][beach]"). The
# page shows a link's words and no picture, so the definition it refers to ("[earlier]: https://..."
# on a line of its own, dropped as markup) is not needed to read it.
_REFERENCE_LINK = re.compile(r"(!?)\[([^\[\]]{1,300})\]\[[^\[\]]{0,100}\]")
# What note-taking apps (Obsidian, Foam, Logseq) and wikis add to Markdown: a wiki link
# ("[[Things He Promised]]", "[[Promises Kept|the ones he kept]]": its label, or else the page's
# name), a highlight ("==much shorter==": its words) and a comment ("%% rewrite this %%": nothing).
_NOTE_MARKUP = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]|==(?=\S)([^=\n]{1,300}?)==|%%[^%\n]{0,500}%%")


def _note_markup_shown(found: re.Match[str]) -> str:
    page, label, highlighted = found.groups()
    return label or page or highlighted or ""


# An emoji's short code (":broken_heart:"), as GitHub, Jekyll and Hugo write them.
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]{1,50}:")


@functools.lru_cache(maxsize=1)
def _inline_parser():  # type: ignore[no-untyped-def]
    # markdown-it-py parses inline Markdown alone (``parseInline``): Python-Markdown, which
    # renders the site, has no such entry point, and would read a paragraph opening "1. " or "# "
    # as a list or a heading. Imported on first use: only Markdown articles need it.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def markdown_text(text: str) -> str:
    """The text a Markdown renderer shows for one line or paragraph of inline Markdown:
    emphasis, code spans and links read as their words; images (the page shows none),
    footnote marks, HTML comments and tags left out (a tag's text stays); escapes and entities
    resolved; spaces single."""
    if "<" in text:
        text = _HTML_TAG.sub(_tag_shown, _SUPERSCRIPT_MARK.sub("", without_html_comments(text)))
    text = _FOOTNOTE_MARK.sub("", text)
    if "][" in text:
        text = _REFERENCE_LINK.sub(lambda link: "" if link.group(1) else link.group(2), text)
    if "[[" in text or "==" in text or "%%" in text:
        text = _NOTE_MARKUP.sub(_note_markup_shown, text)
    shown: list[str] = []
    for token in _inline_parser().parseInline(text)[0].children or ():
        if token.type in ("text", "code_inline"):
            shown.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            shown.append(" ")
    text = " ".join("".join(shown).split())
    return _EMOJI_CODE.sub(_emoji, text) if text.count(":") >= 2 else text


def _emoji(code: re.Match[str]) -> str:
    # The emoji a short code names, from GitHub's list as pymdown-extensions keeps it; any other
    # text between two colons ("10:30:45") is left as it is.
    found = _emoji_names().get(code.group(0))
    return "".join(chr(int(point, 16)) for point in found.split("-")) if found else code.group(0)


@functools.lru_cache(maxsize=1)
def _emoji_names() -> dict[str, str]:
    """Each short code's code points ("1f494", joined by "-" where several), aliases included.
    Read on first use: only Markdown articles need it."""
    from pymdownx import gemoji_db

    # ("unicode_alt", where there is one, is the emoji drawn as a picture: "2764-fe0f", not "2764".)
    points = {name: value.get("unicode_alt", value["unicode"]) for name, value in gemoji_db.emoji.items()}
    points.update((alias, points[name]) for alias, name in gemoji_db.aliases.items() if name in points)
    return points


def without_html_comments(text: str) -> str:
    """``text`` without its complete HTML comments (``<!-- ... -->``)."""
    kept, at = [], 0
    while (start := text.find("<!--", at)) >= 0:  # str.find, not a pattern: one pass in all
        end = text.find("-->", start + 4)
        if end < 0:
            break
        kept.append(text[at:start])
        at = end + 3
    return "".join(kept) + text[at:]


# ---------------------------------------------------------------------------------------------
# Dates

# A date written with its month named ("June 12, 2019", "12 June 2019", "Sept. 3rd, 2020"), as
# pages print a stamp and blog engines take a front matter date.
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTH_NAME = r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# A month and a year alone, as a dateline prints them ("January 2015", "Sept. 2019").
MONTH_AND_YEAR = re.compile(rf"{_MONTH_NAME},?\s+(?:19|20)\d\d", re.IGNORECASE)
NAMED_DATE = re.compile(
    rf"\b(?:{_MONTH_NAME}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME.replace('?P<m>', '?P<m2>')}\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)


def named_date(match: re.Match[str]) -> tuple[int, int, int]:
    """(year, month, day) of a ``NAMED_DATE`` match, as written (the day may not exist)."""
    month = _MONTHS[(match.group("m") or match.group("m2")).lower().rstrip(".")[:3]]
    return int(match.group("y1") or match.group("y2")), month, int(match.group("d1") or match.group("d2"))


# ---------------------------------------------------------------------------------------------
# Sentences

# A full stop, ! or ? (and any closing quotes or brackets) followed by space and a capital or a
# digit, perhaps behind opening quotes. Lookarounds of fixed width only: linear on any text.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\\\"'\u201c\u2018(]*[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (a full stop, ! or ? followed by a capital), each with single
    spaces."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


# A sentence's end in any script: . ! ? … and the Chinese/Japanese, Arabic and Devanagari
# stops, with any closing quotes or brackets, then a space or the end of the text.
_ANY_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\u061f\u0964][\"'\u201d\u2019\u00bb)\u300d\u300f]*(?:\s|$)")


def ends_a_sentence(text: str) -> bool:
    """Whether ``text`` holds the end of a sentence (running text, not a label or a menu entry)."""
    return _ANY_SENTENCE_END.search(text) is not None


# ---------------------------------------------------------------------------------------------
# Words and stems

# Possessive repeats: nothing after a run can need part of it back, so no backtracking.
_WORD = re.compile(r"[^\W_]++(?:['\u2019][^\W_]++)*+")

STOP_WORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another any anyone
    anything are aren around as at away back be because been before being below between both but by can
    cannot could couldn did didn do does doesn doing don done down during each either else enough even
    ever every everyone everything far few first for from full further get gets getting give given gives
    go goes going gone got had hadn has hasn have haven having he her here hers herself him himself his how
    however i if in instead into is isn it its itself just keep kind know last least less let lets like
    ll long look made make makes many may maybe me might more most much must my myself need needs never
    new next no nor not nothing now of off often on once one only or other others otherwise our ours
    ourselves out over own part people per perhaps put quite rather re really right same say saying says
    see seem seems shall she should shouldn since so some someone something sometimes still such take
    takes than that the their theirs them themselves then there these they thing things think this those
    though through thus time times to too toward towards under until up upon us ve very want wants was
    wasn way ways we well were weren what whatever when where whether which while who whole whom whose
    why will with within without won would wouldn yet you your yours yourself yourselves
    """.split()
)
"""English words too common to say what a text is about (for links between sections)."""

FUNCTION_WORDS = frozenset(
    "a an and are as at be been being but by do does for from he her him his i if in into is it its "
    "me my no not of on or our she so than that the their them they this to too up was we were what "
    "when which who will with you your yours".split()
)
"""Grammatical words only: where everyday words still tell two short texts apart ("your needs
are minimized" and "emotional minimization" are not the same sign), as checklist labels."""

# Longest first; the first suffix that leaves a stem of at least four letters is cut.
_SUFFIXES = (
    "izations", "isations", "ization", "isation", "ations", "ation", "ments", "ment", "ness", "ings",
    "ing", "ities", "ity", "ized", "ised", "izes", "ises", "ize", "ise", "ies", "ied", "ed", "es",
    "ly", "s", "e", "y",
)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits; apostrophes inside words kept)."""
    return _WORD.findall(text)


@functools.lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A light stem of a lower-case word: the first of ``_SUFFIXES`` that leaves at least four
    letters is cut, and an American ``or`` ending is read as ``our`` (``labor`` and ``labour`` are
    one word). Cached: a site's texts use a few thousand words, each stemmed many times."""
    if word.endswith("or") and len(word) > 4:
        word = word[:-2] + "our"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_stem(word: str) -> str | None:
    """The stem of a word as written, or None for a stop word, a word under three letters or a
    contraction."""
    plain = straight_quotes(word.lower())
    if "'" in plain or len(plain) < 3 or plain in STOP_WORDS:
        return None
    stemmed = stem(plain)
    return None if stemmed in STOP_WORDS else stemmed


# ---------------------------------------------------------------------------------------------
# Slugs

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 60

# Ids the site's own markup uses on its pages (render.py, plan.py, the templates under
# overrides/): no heading may take one. ``tests/test_slugs.py`` checks the list against them.
RESERVED_IDS = frozenset({
    "checklist", "checklist-title", "checklist-remember", "checklist-remember-note",  # the checklist
    "articles", "in-brief",  # home page's list of articles, the theme pages' "More, in brief"
    "page-not-found", "worth-404-pages", "worth-exit-hint",  # the 404 page, the quick exit
    # the help box (render.render_help_box) on the theme pages, under the checklist, in search
    "help", "help-title", "checklist-help", "checklist-help-title", "search-help", "search-help-title",
})
# The checklist's items: sign-1, sign-2...
_RESERVED_ID_PATTERN = re.compile(r"sign-\d{1,9}")


def is_reserved_id(slug: str) -> bool:
    """Whether the site uses ``slug`` as an id of its own on some page."""
    return slug in RESERVED_IDS or _RESERVED_ID_PATTERN.fullmatch(slug) is not None



def slugify(text: str, *, fallback: str = "section") -> str:
    """A readable, stable URL fragment or file name for a heading or a file name: lower case ASCII
    words joined by hyphens, accents folded, apostrophes dropped (``doesn't`` -> ``doesnt``),
    leading numbering dropped (renumbering a list does not break links), cut at a word boundary
    to at most ``MAX_SLUG_LENGTH`` characters; ``fallback`` when nothing is left."""
    text = _APOSTROPHES.sub("", _NUMBERING.sub("", text, count=1))
    if text.isascii():  # most headings: nothing to fold, and every other mark is a separator below
        folded = text
    else:
        # Dashes and other marks separate words ("Luxury—It's"); accents are folded away.
        spaced = "".join(ch if ch.isalnum() else " " for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        folded = spaced.encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[: MAX_SLUG_LENGTH + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:MAX_SLUG_LENGTH]
    return slug.strip("-") or fallback


def unique_slug(base: str, taken: Collection[str]) -> str:
    """``base`` if it is neither in ``taken`` nor reserved (``is_reserved_id``), else ``base-N``
    for a free N: the smallest (``base-2``, ``base-3``...) when the numbers taken run without a
    gap, as this function gives them (``taken`` is not changed).

    The free number is found by doubling, then halving: a page with thousands of identical
    headings costs a few look-ups per heading, not one per heading before it.
    """
    def free(candidate: str) -> bool:
        return candidate not in taken and not is_reserved_id(candidate)

    if free(base):
        return base
    if free(f"{base}-2"):
        return f"{base}-2"
    low, high = 2, 4  # base-low is taken; look for a free base-high
    while not free(f"{base}-{high}"):
        low, high = high, high * 2
    while high - low > 1:  # base-low taken, base-high free: narrow down to neighbours
        middle = (low + high) // 2
        if free(f"{base}-{middle}"):
            high = middle
        else:
            low = middle
    return f"{base}-{high}"
