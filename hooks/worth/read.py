"""Read one article file: bytes in, ``RawArticle`` out.

Accepts UTF-8 with or without a BOM, CRLF, LF or CR line ends, trailing spaces and non-breaking
spaces (turned into plain spaces). A file may start with YAML front matter between ``---`` lines;
its keys give metadata (``title``, ``date``, ``author``, ``source_url``, ``summary``) and the
editor's overrides (see ``model.Overrides``). Bad input raises ``ArticleError`` naming the file
and line. Body lines keep their line numbers in the file so messages point at the right place.

Metadata here covers two layers: the file's path (the slug) and the front matter. What the text
itself says (title line, date stamp) is added later by the pipeline.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any

from . import yamltext
from .errors import ArticleError
from .model import MARKDOWN_SUFFIXES, Metadata, Overrides, RawArticle, SourceLine, Theme
from .text import NAMED_DATE, loose, named_date, slugify

METADATA_KEYS = ("title", "date", "author", "source_url", "summary", "site_name")
OVERRIDE_KEYS = ("themes", "keep", "drop", "headings", "not_headings", "related", "checklist", "levels")
FRONT_MATTER_KEYS = METADATA_KEYS + OVERRIDE_KEYS
# A post from a blog engine (Jekyll, Hugo, Hexo, Eleventy, WordPress exports) drops in as it is:
# these keys of theirs mean one of Worth's (Worth's own key wins when both are given)...
BLOG_KEYS = {"description": "summary", "excerpt": "summary", "canonical_url": "source_url", "source": "source_url",
             "authors": "author"}
# ...and these are theirs alone: read past, and listed by ``worth inspect``. Any other key is
# still an error, so that a misspelt key of Worth's is never silently ignored.
IGNORED_BLOG_KEYS = frozenset(
    "layout tags tag categories category permalink published draft slug aliases lastmod updated modified "
    "last_modified_at weight comments image images cover thumbnail featured_image feature_image lang language "
    "locale toc keywords series subtitle id uuid url type sidebar hidden sticky photos redirect_from "
    "redirect_to publishDate publishdate expiryDate expirydate private status format excerpt_separator "
    "show_date reading_time math mathjax params menu menus cascade build sitemap outputs resources linkTitle "
    "linktitle translationKey isCJKLanguage headless markup audio videos".split()
)
MISSPELT_KEY_LIKENESS = 0.8  # how like one of Worth's keys an unknown key is to be taken for it misspelt ("tittle")
WEB_PAGE_SUFFIXES = (".html", ".htm")  # read by ``webpage``, with a ``.yml`` beside them
_FENCE = "---"
_FENCE_ENDS = ("---", "...")
_TOP_KEY = re.compile(r"^([^\s#:][^:]*):(?:\s|$)")
# Hugo writes its front matter in TOML between +++ lines ("title = 'Moving on'"), read by the
# standard library's ``tomllib``.
_TOML_FENCE = "+++"
_TOML_TOP_KEY = re.compile(r"""^\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=""")
_TOML_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_-]+)")
_TOML_ERROR_LINE = re.compile(r"\((?:at line (\d+), column \d+|at end of document)\)")
# Spaces a web page may leave in text; the reader sees them as plain spaces.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\ufeff": ""})


def _keeps_line_ends(odd: str, plain: str) -> bool:
    # Putting ``plain`` for ``odd`` in a whole text leaves its lines as they were when neither is
    # or holds a line end and something is put: removing a character (the BOM) could join "\r"
    # and "\n" into one line end.
    return bool(plain) and len(f"x{odd}{plain}x".splitlines()) == 1


# str.translate looks every character up in the table one by one; str.replace makes one swap in
# C at memory speed, on the whole text when that keeps its lines, else line by line. One swap
# after another is the same as translating, as no swap puts in a character another takes out.
_TEXT_SWAPS = tuple((chr(code), plain) for code, plain in _SPACES.items() if _keeps_line_ends(chr(code), plain))
_LINE_SWAPS = tuple((chr(code), plain) for code, plain in _SPACES.items() if not _keeps_line_ends(chr(code), plain))


def read_article(data: bytes, *, path: str, file: Path | None = None) -> RawArticle:
    """Decode ``data`` (the bytes of the file shown as ``path``) into a ``RawArticle``.

    The format is ``md`` for a ``.md`` path and ``txt`` otherwise. A web page (``.html``,
    ``.htm``) is read by ``webpage.read_web_page``, with the ``.yml`` beside ``file`` (the real
    file, when known) as its front matter.
    """
    suffix = file_suffix(path)
    if suffix in WEB_PAGE_SUFFIXES:
        # Imported here: the extractor it loads costs a site without web pages nothing.
        from .webpage import read_web_page

        settings_file = Path(file).with_suffix(".yml") if file is not None else None
        settings = _read_if_there(settings_file, path=str(PurePath(path).with_suffix(".yml")))
        return read_web_page(data, path=path, settings=settings, settings_path=str(PurePath(path).with_suffix(".yml")))
    text = decode_text(data, path=path)
    lines = split_lines(text)
    fm_data, body_start = split_front_matter(lines, path=path)
    metadata = path_metadata(path)
    overrides = Overrides()
    if fm_data is not None:
        key_lines = front_matter_key_lines(lines[:body_start])
        metadata, overrides = front_matter_metadata(fm_data, metadata, path=path, key_lines=key_lines)
    body = tuple(SourceLine(n, t) for n, t in enumerate(lines[body_start:], start=body_start + 1))
    fmt = "md" if suffix in MARKDOWN_SUFFIXES else "txt"
    if fmt == "md":
        body = html_block_lines(table_rows_as_lines(atx_headings(body)))
    warnings = unmatched_overrides(overrides, body, lines[:body_start], path=path) if fm_data else ()
    return RawArticle(path=path, format=fmt, lines=body, metadata=metadata, overrides=overrides, warnings=warnings)


# Markdown's underlined ("setext") headings: a line of = (level 1) or - (level 2) straight under
# a line of text. Written by hand: the reader reads an article's lines itself (Python-Markdown
# only renders the pages made from them), and needs its headings as lines marked with #.
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:={2,}|-{3,})[ \t]*")
_NOT_A_HEADING_LINE = re.compile(r" {4}|\t| {0,3}(?:[-*+>#|<]|\d{1,9}[.)](?:\s|$)|```|~~~)")
_CODE_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def atx_headings(lines: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """``lines`` with each underlined heading ("Signs He Stopped Caring" over "-----") written
    with # instead ("## Signs He Stopped Caring"), its underline left blank so that every line
    keeps its number. As CommonMark reads them, a line of = makes a level-1 heading and a line
    of - a level-2 one; here only a one-line paragraph (a blank line or the start above it) is
    a heading, and nothing inside a fenced code block."""
    out = list(lines)
    in_code = False
    for k, line in enumerate(lines):
        if _CODE_FENCE.match(line.text):
            in_code = not in_code
            continue
        if in_code or k == 0 or not _SETEXT_UNDERLINE.fullmatch(line.text):
            continue
        above = lines[k - 1].text
        if not above.strip() or (k >= 2 and lines[k - 2].text.strip()) or _NOT_A_HEADING_LINE.match(above):
            continue
        if _SETEXT_UNDERLINE.fullmatch(above):
            continue
        marks = "#" if line.text.strip()[0] == "=" else "##"
        out[k - 1] = replace(lines[k - 1], text=f"{marks} {above.strip()}")
        out[k] = replace(line, text="")
    return tuple(out)


# A line that is one HTML heading or list item, as a post exported from a blog engine keeps them
# in its Markdown ("<h2>Signs</h2>", "<li>Sleep</li>"). Whole lines only, by two patterns rather
# than an HTML parser: the reader reads an article line by line, and any other HTML a line holds
# is taken out where its text is read (``blocks.without_inline_markup``).
_HTML_HEADING_LINE = re.compile(r"\s*<h([1-6])(?:\s[^<>]*)?>(.*?)</h\1\s*>\s*", re.IGNORECASE)
_HTML_ITEM_LINE = re.compile(r"\s*<li(?:\s[^<>]*)?>(.*?)(?:</li\s*>)?\s*", re.IGNORECASE)


def html_block_lines(lines: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """``lines`` with each line that is one HTML heading written as a Markdown heading of its
    level ("<h2>Signs</h2>" as "## Signs") and each one HTML list item as a Markdown item."""
    out = list(lines)
    for k, line in enumerate(lines):
        if "<" not in line.text:
            continue
        if heading := _HTML_HEADING_LINE.fullmatch(line.text):
            out[k] = replace(line, text=f"{'#' * int(heading.group(1))} {heading.group(2).strip()}")
        elif item := _HTML_ITEM_LINE.fullmatch(line.text):
            out[k] = replace(line, text=f"- {item.group(1).strip()}")
    return tuple(out)


# A Markdown (GFM) table: a row of cells between "|", then a delimiter row ("|---|:---:|").
_TABLE_DELIMITER = re.compile(r" {0,3}\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


def table_rows_as_lines(lines: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """``lines`` with each Markdown table written as text the reader reads as it reads the rest:
    the header row as a line of its cells ("Sign — What it costs"), each row under it as a list
    item ("- Forgetting — Feeling invisible"), the delimiter row left blank; every line keeps
    its number. (The site shows no tables: an article's table reads as a short list.)"""
    out = list(lines)
    k = 1
    while k < len(lines):
        header = lines[k - 1].text
        if "|" in header and "|" in lines[k].text and _TABLE_DELIMITER.fullmatch(lines[k].text):
            out[k - 1] = replace(lines[k - 1], text=_cells(header))
            out[k] = replace(lines[k], text="")
            k += 1
            while k < len(lines) and "|" in lines[k].text and lines[k].text.strip():
                out[k] = replace(lines[k], text=f"- {_cells(lines[k].text)}")
                k += 1
        k += 1
    return tuple(out)


def _cells(row: str) -> str:
    cells = [cell.strip().replace("\\|", "|") for cell in _CELL_BORDER.split(row.strip().strip("|"))]
    return " \u2014 ".join(cell for cell in cells if cell)


def settings_beside(file: Path) -> bytes:
    """The bytes of the ``.yml`` that goes with ``file`` when it is a web page (empty when there
    is none): with the page's own, what tells whether the article changed."""
    if file.suffix.lower() not in WEB_PAGE_SUFFIXES:
        return b""
    try:
        return b"\0" + file.with_suffix(".yml").read_bytes()
    except OSError:
        return b""


def _read_if_there(file: Path | None, *, path: str) -> bytes | None:
    if file is None or not file.is_file():
        return None
    try:
        return file.read_bytes()
    except OSError as err:
        raise ArticleError(path, None, f"cannot be read ({err.strerror or err}); check the file") from None


def decode_text(data: bytes, *, path: str) -> str:
    """UTF-8 text of ``data`` without a BOM; not UTF-8 is an ``ArticleError`` with the byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        offset = err.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data[:offset].count(b"\n") + 1
        raise ArticleError(
            path, line, f"the file is not UTF-8 text (byte {offset}); save it as UTF-8 and build again"
        ) from None


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` with any line end, trailing spaces removed and odd spaces made plain."""
    for odd, plain in _TEXT_SWAPS:
        text = text.replace(odd, plain)
    lines = text.splitlines()
    for odd, plain in _LINE_SWAPS:
        if odd in text:
            lines = [line.replace(odd, plain) for line in lines]
    return [line.rstrip() for line in lines]


def split_front_matter(lines: list[str], *, path: str) -> tuple[Any | None, int]:
    """The parsed front matter (None when there is none) and the line number it ends on (0 if
    none): YAML between ``---`` lines, or TOML between ``+++`` lines as Hugo writes it."""
    if lines and lines[0].strip() == _TOML_FENCE:
        return _toml_front_matter(lines, path=path)
    if not lines or lines[0].strip() != _FENCE:
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in _FENCE_ENDS:
            break
    else:
        raise ArticleError(path, 1, "front matter starts with --- but never ends; add a closing --- line")
    source = "\n".join(lines[1:index])
    try:
        data = yamltext.load_strict(source) if source.strip() else {}
    except yamltext.YamlProblem as err:
        # Line 1 of the YAML text is line 2 of the file, just after the opening ---.
        line = min(err.line, index) + 1
        advice = err.advice or "fix it or remove the --- block"
        raise ArticleError(path, line, f"front matter {err.problem}; {advice}") from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ArticleError(path, 1, "front matter must be a list of 'key: value' lines; fix it or remove the --- block")
    return data, index + 1


def _toml_front_matter(lines: list[str], *, path: str) -> tuple[dict[str, Any], int]:
    for index in range(1, len(lines)):
        if lines[index].strip() == _TOML_FENCE:
            break
    else:
        raise ArticleError(path, 1, "front matter starts with +++ but never ends; add a closing +++ line")
    try:
        data = tomllib.loads("".join(line + "\n" for line in lines[1:index]))
    except tomllib.TOMLDecodeError as err:
        # "Invalid value (at line 2, column 9)": line 1 of the TOML text is line 2 of the file;
        # a problem found at the end of the text is on the last line before the closing +++.
        found = _TOML_ERROR_LINE.search(str(err))
        line = min(int(found.group(1) or index - 1), index) + 1 if found else 1
        problem = _TOML_ERROR_LINE.sub("", str(err)).strip().rstrip(".")
        raise ArticleError(path, line, f"front matter is not valid TOML ({problem}); fix it or remove the +++ block") from None
    return data, index + 1


@functools.lru_cache(maxsize=4096)
def path_metadata(path: str) -> Metadata:
    """The defaults and what the file's path says: the slug comes from the file name. (Cached:
    listing, naming, reading and checking an article each ask it, and ``Metadata`` is frozen.)"""
    return Metadata(slug=slugify(PurePath(path).stem, fallback="article"))


def file_suffix(path: str) -> str:
    """The ending of a file's name in small letters (``".txt"``; ``""`` for none), as
    ``PurePath(path).suffix`` reads it but without building a path object: each file is asked
    several times."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def front_matter_key_lines(lines: list[str]) -> dict[str, int]:
    """The file line number of each top-level key in the front matter ``lines`` (fences included)."""
    found: dict[str, int] = {}
    toml = bool(lines) and lines[0].strip() == _TOML_FENCE
    in_table = False
    for number, line in enumerate(lines, start=1):
        table = _TOML_TABLE.match(line) if toml else None
        if table:  # "[params]": a top-level key; the keys under it are the table's own
            found.setdefault(table.group(1), number)
            in_table = True
            continue
        match = None if in_table else (_TOML_TOP_KEY if toml else _TOP_KEY).match(line)
        if match:
            found.setdefault(match.group(1).strip("'\""), number)
    return found


def front_matter_metadata(
    data: Mapping[Any, Any], base: Metadata, *, path: str, key_lines: Mapping[str, int] | None = None
) -> tuple[Metadata, Overrides]:
    """Layer the front matter over ``base``; check every key and value and say clearly what is wrong.

    ``key_lines`` maps keys to their line in the file, for messages (line 1 when unknown).
    """
    line_of = dict(key_lines or {})
    ignored: list[str] = []
    # A blog post (a Markdown file) carries its engine's, its theme's and its plugins' keys too,
    # more than any list holds (``header``, ``author_profile``, ``share``): any key of neither
    # Worth's nor a blog's known ones is read past and listed, unless it is so close to one of
    # Worth's that it is most likely that key misspelt. In Worth's own files (a text article, a
    # web page's settings), every key is Worth's.
    blog_post = file_suffix(path) in MARKDOWN_SUFFIXES
    if blog_post and "related" in data and not isinstance(data["related"], dict):
        ignored.append("related")  # a theme's switch for its own related posts ("related: true")
        data = {k: v for k, v in data.items() if k != "related"}
    for key in data:
        if key in IGNORED_BLOG_KEYS:
            ignored.append(str(key))
        elif key not in FRONT_MATTER_KEYS and key not in BLOG_KEYS:
            meant = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=MISSPELT_KEY_LIKENESS)
            if blog_post and not meant:
                ignored.append(str(key))
                continue
            raise ArticleError(
                path, line_of.get(key, 1),
                f"unknown front matter key '{key}'; " + (f"did you mean '{meant[0]}'? " if meant else "")
                + f"use one of: {', '.join(FRONT_MATTER_KEYS)} "
                f"(or a blog's {', '.join(BLOG_KEYS)}; its other keys such as layout and tags are ignored)",
            )
    values: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        if key in data and data[key] is not None:
            values[key] = _metadata_value(key, data[key], path=path, line=line_of.get(key, 1))
    for blog_key, key in BLOG_KEYS.items():
        if blog_key not in data:
            continue
        if key in values or data[blog_key] is None:
            ignored.append(blog_key)  # Worth's own key (or an earlier blog key) already gave it
        else:
            values[key] = _metadata_value(blog_key, data[blog_key], path=path, line=line_of.get(blog_key, 1))
            line_of.setdefault(key, line_of.get(blog_key, 1))
    date = values.get("date")
    if date is not None:
        date = iso_date(date, path=path, line=line_of.get("date", 1))
    source_url = values.get("source_url")
    if source_url is not None and _NOT_IN_A_URL.search(source_url):
        raise ArticleError(
            path, line_of.get("source_url", 1),
            f"source_url '{source_url}' is not a web address (it holds a space, a backslash or one of < > \" "
            "); write the address as the browser shows it, e.g. https://example.org/the-article",
        )
    metadata = Metadata(
        slug=base.slug,
        title=values.get("title") or base.title,
        date=date or base.date,
        author=values.get("author") or base.author,
        source_url=source_url or base.source_url,
        summary=values.get("summary") or base.summary,
        site_name=values.get("site_name") or base.site_name,
    )
    overrides = _overrides(data, path=path, line_of=line_of)
    return metadata, replace(overrides, ignored_keys=tuple(sorted(set(ignored), key=ignored.index)))


# Characters a web address never holds as written; a backslash would also end the link early.
_NOT_IN_A_URL = re.compile(r"[\s\\<>\"]")
# An ISO 8601 calendar date, with an optional time of day and offset as blogs write them
# (2026-02-01, 2026-02-01T10:00:00+01:00, 2026-02-01 10:00:00 +0100). Bounded repeats only.
_ISO_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    r" ?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
# Dates blog engines also accept, read only where they cannot be misread: the year first
# ("2019/06/12", "2019-6-2"), or the month named (``text.NAMED_DATE``: "June 12, 2019"). ("12/06/2019"
# may be June or December: it is refused, with what to write.) A time may follow, also written
# with dashes, as some blog engines stamp their posts ("2020-09-29-02-05-50").
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})")
_TIME_AFTER = re.compile(r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?"
                         r"|[-_]\d{2}-\d{2}(?:-\d{2})?)?", re.IGNORECASE)


def _written_date(written: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written year first or with its month named, a time perhaps
    after it, else None."""
    if match := _YEAR_FIRST.match(written):
        day = (int(match["year"]), int(match["month"]), int(match["day"]))
    elif match := NAMED_DATE.match(written):
        day = named_date(match)
    else:
        return None
    return day if _TIME_AFTER.fullmatch(written, match.end()) else None


def iso_date(text: str, *, path: str, line: int) -> str:
    """The ``YYYY-MM-DD`` day of a front matter date written in ISO 8601 (a time and offset may
    follow); anything else, or a day, month or hour that does not exist, is an ``ArticleError``."""
    written = text.strip()
    match = _ISO_DATE.fullmatch(written)
    if match is None:
        day = _written_date(written)
        if day is None:
            raise ArticleError(
                path, line,
                f"date '{written}' is not a date written as YYYY-MM-DD (like 2026-02-01); write it so (a time may follow)"
                + (", or name its month (June 12, 2019): day and month could be read either way" if "/" in written else ""),
            )
        try:
            return dt.date(*day).isoformat()
        except ValueError as err:
            raise ArticleError(path, line, f"date '{written}' does not exist ({err}); correct it") from None
    parts = {name: int(value) for name, value in match.groupdict().items() if value is not None}
    try:
        dt.datetime(parts["year"], parts["month"], parts["day"], parts.get("hour", 0), parts.get("minute", 0), parts.get("second", 0))
    except ValueError as err:
        raise ArticleError(path, line, f"date '{written}' does not exist ({err}); correct it") from None
    return f"{match['year']}-{match['month']}-{match['day']}"


def _metadata_value(key: str, value: Any, *, path: str, line: int) -> str:
    if key in ("author", "authors") and isinstance(value, (list, dict)):
        names = _author_names(value)
        if names:
            return names
    if key == "date" and isinstance(value, (dt.date, dt.datetime)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    if key in ("author", "authors"):
        raise ArticleError(path, line, f"front matter '{key}' must be a name, a list of names, or name: under it")
    raise ArticleError(path, line, f"front matter '{key}' must be a single line of text")


def _author_names(value: list[Any] | dict[Any, Any]) -> str | None:
    """An author as blog engines also write one: a mapping with a ``name`` (Jekyll's ``author:
    {name: ..., url: ...}``), or a list of names or of such mappings ("Ana Ruiz and Dan Lee")."""
    people = value if isinstance(value, list) else [value]
    names = [str(p.get("name")).strip() if isinstance(p, dict) else str(p).strip() for p in people
             if isinstance(p, (str, int, float)) or (isinstance(p, dict) and isinstance(p.get("name"), (str, int, float)))]
    names = [name for name in names if name]
    if len(names) != len(people) or not names:
        return None  # something else than names: the message says what is wanted
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _text_list(key: str, value: Any, *, path: str, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    raise ArticleError(path, line, f"front matter '{key}' must be a list of lines of text")


def _text_map(key: str, value: Any, *, path: str, line: int) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ArticleError(path, line, f"front matter '{key}' must be 'heading: value' pairs")
    return {str(k): v for k, v in value.items()}


def _overrides(data: Mapping[Any, Any], *, path: str, line_of: Mapping[Any, int]) -> Overrides:
    def where(key: str) -> int:
        return line_of.get(key, 1)

    themes = _text_map("themes", data.get("themes"), path=path, line=where("themes"))
    allowed = [t.value for t in Theme]
    for heading, theme in themes.items():
        if str(theme) not in allowed:
            raise ArticleError(
                path, where("themes"),
                f"theme '{theme}' for '{heading}' is not known; use one of: {', '.join(allowed)}",
            )
    related: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for heading, change in _text_map("related", data.get("related"), path=path, line=where("related")).items():
        if isinstance(change, (str, list)):
            change = {"add": change}
        if not isinstance(change, Mapping) or set(change) - {"add", "remove"}:
            raise ArticleError(
                path, where("related"), f"related '{heading}' must have 'add' and/or 'remove' lists of headings"
            )
        related[heading] = MappingProxyType(
            {k: _text_list(f"related {k}", change.get(k), path=path, line=where("related")) for k in ("add", "remove")}
        )
    checklist = _text_map("checklist", data.get("checklist"), path=path, line=where("checklist"))
    left_out = tuple(heading for heading, hint in checklist.items() if hint is False)
    checklist = {heading: hint for heading, hint in checklist.items() if hint is not False}
    for heading, hint in checklist.items():
        if not isinstance(hint, str):
            raise ArticleError(
                path, where("checklist"),
                f"checklist hint for '{heading}' must be one line of text (or false, to leave the section out)",
            )
    levels = _text_map("levels", data.get("levels"), path=path, line=where("levels"))
    for heading, level in levels.items():
        if level not in (2, 3) or isinstance(level, bool):
            raise ArticleError(path, where("levels"), f"level '{level}' for '{heading}' must be 2 or 3")
    return Overrides(
        themes=MappingProxyType({k: str(v) for k, v in themes.items()}),
        keep=_text_list("keep", data.get("keep"), path=path, line=where("keep")),
        drop=_text_list("drop", data.get("drop"), path=path, line=where("drop")),
        headings=_text_list("headings", data.get("headings"), path=path, line=where("headings")),
        not_headings=_text_list("not_headings", data.get("not_headings"), path=path, line=where("not_headings")),
        related=MappingProxyType(related),
        checklist=MappingProxyType(checklist),
        lines=MappingProxyType({str(key): where(str(key)) for key in data}),
        levels=MappingProxyType({k: int(v) for k, v in levels.items()}),
        not_in_checklist=left_out,
    )


def unmatched_overrides(
    overrides: Overrides, body: Sequence[SourceLine], front_matter: Sequence[str], *, path: str
) -> tuple[str, ...]:
    """One warning for each line or heading named in the front matter's corrections that matches
    no line of the article (compared loosely): the file, the front matter line that names it, and
    the article's nearest line, which the editor may have meant."""
    lines = {loose(line.text): line for line in body if line.text.strip()}
    lines.update({loose(_unmarked(line.text)): line for line in body if line.text.strip()})
    named: list[tuple[str, str]] = [(key, text) for key in ("keep", "drop", "headings", "not_headings")
                                    for text in getattr(overrides, key)]
    named += [(key, text) for key in ("themes", "checklist", "levels", "related")
              for text in getattr(overrides, key)]
    named += [("checklist", text) for text in overrides.not_in_checklist]
    warnings = []
    for key, text in named:
        if loose(text) in lines:
            continue
        line = _front_matter_line(front_matter, text) or overrides.lines.get(key, 1)
        near = difflib.get_close_matches(loose(text), list(lines), n=1, cutoff=0.5)
        hint = f"; did you mean '{lines[near[0]].text.strip()}' (line {lines[near[0]].number})?" if near else ""
        warnings.append(f"{path}:{line}: front matter '{key}' names '{text}', which matches no line of the article{hint}")
    return tuple(warnings)


_HEADING_MARK = re.compile(r"\s{0,3}#{1,6}\s+")


def _unmarked(text: str) -> str:
    return _HEADING_MARK.sub("", text, count=1)


def _front_matter_line(front_matter: Sequence[str], text: str) -> int | None:
    """The file line (1-based, fences counted) of the front matter line that names ``text``."""
    for number, line in enumerate(front_matter, start=1):
        if text in line:
            return number
    return None
