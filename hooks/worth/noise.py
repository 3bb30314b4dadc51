"""Drop the page furniture a scraped article carries, and keep every word of the article.

``clean_lines(raw)`` walks the body lines in order and asks each ``NoiseFilter`` of
``build_noise_filters()`` in turn whether the line is furniture; the first filter that says yes
names the rule in the ``NoiseLine``. The first line no filter drops is the title line (unless the
front matter gives a different title). Adding a rule is adding a class and a line in the table.

The filters are deliberately cautious: a line is furniture only when its whole shape says so
(short, made of site words, a stamp, another language, a copy of another line). When in doubt the
line is kept, because losing article text is worse than showing a stray line.

Every filter looks at the same ``LineView`` of a line (its words, lowered text, loose text...),
worked out once per line rather than once per filter, and a filter that only drops short lines
says so in ``max_size`` so that long paragraphs are not even offered to it. Each shortcut below
gives exactly the answer of the plain definition it stands for; the comments say why.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, filterfalse

from .model import NoiseLine, RawArticle, SourceLine
from .text import loose, straight_quotes as _plain_quotes, words

# -- text comparison --------------------------------------------------------------------------

_QUOTE_SWAPS = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))
# Possessive (++, *+): the same words as plain repeats, since nothing after a run can need part
# of it back, and the regex engine keeps no backtracking marks.
_WORD = re.compile(r"[^\W_]++(?:['\u2019][^\W_]++)*+", re.UNICODE)


# Characters after which words may split differently once a line is lowered or its quotes made
# straight: "‘" becomes an apostrophe, so it can join two words into one; "İ" lowers to two
# characters, one not a letter; "Σ" lowers by what stands around it.
_APOSTROPHES = "'\u2019"
_JOINING_QUOTES = "".join(curly for curly, plain in _QUOTE_SWAPS if (curly in _APOSTROPHES) != (plain in _APOSTROPHES))
_CASE_BY_CONTEXT = "\u0130\u03a3"
# The characters outside ASCII whose lower case holds an ASCII character ("İ" and the Kelvin sign
# "K", which lowers to "k"), with those of _CASE_BY_CONTEXT: a text holding none of them keeps,
# when lowered, its letters outside ASCII outside and makes no new digit. (The tests check the
# list against all of Unicode.)
_LOWERED_APART = _CASE_BY_CONTEXT + "\u212a"


def _has_any(text: str, characters: str) -> bool:
    for character in characters:  # a plain loop: cheaper than any() over a generator
        if character in text:
            return True
    return False


# -- the article's language ----------------------------------------------------------------------

# Very common short words per language: enough to tell which language a line is written in.
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the a an and or but of to in on at for with is are was were be been it its this that "
                    "you your he she his her they we i my me not no if so as by from have has had do does "
                    "what when why how who will would can could should there their them our us than then".split()),
    "vi": frozenset("của và là không có những khi người cho với một các được bạn anh em này đó thì mà "
                    "để trong như cũng rất lại đã sẽ đang hơn họ".split()),
    "es": frozenset("el la los las y de que en un una es por con para no se su al lo como más pero sus "
                    "a tu te él ya cuando cómo qué está muy sin".split()),
    "fr": frozenset("le la les et de des du que en un une est pour dans ne pas qui sur au avec ce il elle".split()),
    "de": frozenset("der die das und ist nicht zu den mit sich des auf für ein eine dem im sie er es".split()),
    "pt": frozenset("o a os as e de que em um uma não para com se por mais do da dos das ao ele ela".split()),
}


def _languages_of_words(stop_words: Mapping[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    # Each common word with the languages it belongs to, so votes come from the words found.
    found: dict[str, list[str]] = {}
    for language, stops in stop_words.items():
        for word in stops:
            found.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in found.items()}


def _words_only_in(stop_words: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    # Each language's common words that no other language of the table shares ("the", "và").
    return {
        language: stops.difference(*(other for name, other in stop_words.items() if name != language))
        for language, stops in stop_words.items()
    }


# Worked out once from the table (which nothing changes at run time).
_LANGUAGES_OF = _languages_of_words(STOP_WORDS)
_ANY_STOP_WORD = frozenset(_LANGUAGES_OF)
_ONLY_IN = _words_only_in(STOP_WORDS)


def _votes(counts: Mapping[str, int]) -> dict[str, int]:
    """``language_votes`` from lowered words already counted (word -> how often it occurs)."""
    votes = dict.fromkeys(STOP_WORDS, 0)
    for word in _ANY_STOP_WORD.intersection(counts):
        for language in _LANGUAGES_OF[word]:
            votes[language] += counts[word]
    return votes


def script_of(text: str) -> str:
    """The writing system most letters of ``text`` belong to (``LATIN``, ``CYRILLIC``, ``CJK``...)."""
    if text.isascii() or not _NON_ASCII_LETTER.search(text):  # only ASCII letters, all LATIN
        return "LATIN" if _ASCII_LETTER.search(text) else ""
    return _counted_script(text)


# A character outside ASCII that is a letter ([^\W\d_]); matching any non-ASCII character first
# lets the regex engine skip plain ASCII text quickly.
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f](?<=[^\W\d_])")
_ASCII_LETTER = re.compile(r"[a-zA-Z]")
_ASCII_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _counted_script(text: str) -> str:
    """The script with the most letters in ``text``; on a tie, the one whose first letter comes
    first (what counting letter by letter into a dict and taking its max gives).

    ASCII letters are all LATIN: they are counted at once on the UTF-8 bytes (where every other
    character is made of bytes above 127), and only the other letters one by one.
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    data = text.encode("utf-8", "surrogatepass")
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
        first["LATIN"] = _ASCII_LETTER.search(text).start()  # type: ignore[union-attr]
    for letter, count in Counter(_NON_ASCII_LETTER.findall(text)).items():
        if letter.isalpha():
            script = _script_of_letter(letter)
            counts[script] = counts.get(script, 0) + count
            first[script] = min(first.get(script, len(text)), text.find(letter))
    return max(counts, key=lambda script: (counts[script], -first[script])) if counts else ""


@functools.lru_cache(maxsize=4096)
def _script_of_letter(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) else name.split(" ")[0]


def accented_share(text: str) -> float:
    """Share of words carrying letters outside plain ASCII (diacritics), ignoring quotes and dashes."""
    found = words(_plain_quotes(text))
    if not found:
        return 0.0
    return sum(1 for w in found if any(ord(c) > 127 and c.isalpha() for c in w)) / len(found)


# -- dates in stamps -----------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
_MONTH_NAME = r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_NAMED_DATE = re.compile(
    rf"\b(?:{_MONTH_NAME}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME.replace('?P<m>', '?P<m2>')}\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")  # both kinds of date above hold one


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, str] | None:
    """The first date written in ``text`` as (ISO date, the matched text), or None.

    Numeric dates ``a/b/yyyy`` are read day first (``01/02/2026`` is 1 February), as most of the
    sites these articles come from write them; when only the month-first reading is a valid
    date (``12/31/2025``) that reading is used. ``yyyy-mm-dd`` is read as written.
    """
    match = _NUMERIC_DATE.search(text)
    if match:
        a, b, c = (int(g) for g in match.groups())
        if len(match.group(1)) == 4:
            iso = _valid(a, b, c)
        else:
            year = c + 2000 if c < 100 else c
            iso = _valid(year, b, a) or _valid(year, a, b)
        if iso:
            return iso, match.group(0)
    match = _NAMED_DATE.search(text)
    if match:
        month = _MONTHS[(match.group("m") or match.group("m2")).lower().rstrip(".")[:3]]
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y1") or match.group("y2"))
        iso = _valid(year, month, day)
        if iso:
            return iso, match.group(0)
    return None


# -- what the filters look at --------------------------------------------------------------------


class LineView:
    """One body line as the filters see it. Every filter used to split, lower and loosen the
    line again for itself; the view does each once (the rarer parts only when first asked).

    ``lowered_words`` are ``[w.lower() for w in words(text)]``; ``furniture`` is the line as
    furniture is matched (straight quotes, no edge markup, lower case), ``furniture_words`` its
    words and ``furniture_count`` how many. ``size`` is the fewest words any filter counts in the
    line: a filter whose ``max_size`` is below it cannot drop the line.
    """

    __slots__ = ("text", "stripped", "lowered", "plain_case", "furniture_like_lowered", "lowered_words",
                 "furniture_count", "size", "_furniture", "_furniture_words", "_named_words",
                 "_loose", "_has_digit", "_has_foreign_letters", "_script")

    def __init__(self, text: str) -> None:
        ascii_only = text.isascii()  # then none of the characters looked for below is there
        # Lowering the whole line lowers each character on its own, so it splits into the same
        # words as lowering word by word, except at "İ" (whose lower case is two characters, one
        # not a letter) and "Σ" (lowered by what stands around it).
        plain_case = ascii_only or not _has_any(text, _CASE_BY_CONTEXT)
        lowered = text.lower()
        lowered_words = _WORD.findall(lowered) if plain_case else [w.lower() for w in words(text)]
        self._fill(text, lowered, lowered_words, plain_case, joining=not ascii_only and _has_any(text, _JOINING_QUOTES))

    @classmethod
    def _of(cls, text: str, lowered: str, lowered_words: list[str], joining: bool,
            has_digit: bool | None, has_foreign_letters: bool | None) -> LineView:
        """The view of a line whose case is plain, from what ``line_views`` worked out for the
        whole text at once (None: not known, worked out when asked)."""
        view = cls.__new__(cls)
        view._fill(text, lowered, lowered_words, True, joining)
        view._has_digit = has_digit
        view._has_foreign_letters = has_foreign_letters
        return view

    def _fill(self, text: str, lowered: str, lowered_words: list[str], plain_case: bool, joining: bool) -> None:
        self.text = text
        self.stripped = text.strip()
        self.lowered = lowered
        self.plain_case = plain_case
        self.lowered_words = lowered_words
        self._furniture: str | None = None
        self._furniture_words: list[str] | None = None
        self._named_words: frozenset[str] | None = None
        self._loose: str | None = None
        self._has_digit: bool | None = None
        self._has_foreign_letters: bool | None = None
        self._script: str | None = None
        # The furniture view splits into the same words (with straight apostrophes) unless a
        # quote made straight joins two words into one ("‘" inside a word) or the case is not plain.
        self.furniture_like_lowered = plain_case and not joining
        if self.furniture_like_lowered:
            self.furniture_count = self.size = len(lowered_words)
        else:
            self.furniture_count = len(self.furniture_words)
            self.size = min(len(lowered_words), self.furniture_count)

    @property
    def furniture(self) -> str:
        """``_plain_quotes(text).strip().strip("*_#>").strip().lower()``. Lowering first gives the
        same when the case is plain: lowering neither makes nor unmakes quotes, spaces or markup."""
        if self._furniture is None:
            if self.plain_case:
                self._furniture = _plain_quotes(self.lowered).strip().strip("*_#>").strip()
            else:
                self._furniture = _plain_quotes(self.text).strip().strip("*_#>").strip().lower()
        return self._furniture

    @property
    def furniture_words(self) -> list[str]:
        """``words(self.furniture)``."""
        if self._furniture_words is None:
            if not self.furniture_like_lowered:
                self._furniture_words = words(self.furniture)
            elif "\u2019" in self.text:
                self._furniture_words = [w.replace("\u2019", "'") for w in self.lowered_words]
            else:
                self._furniture_words = self.lowered_words
        return self._furniture_words

    @property
    def named_words(self) -> frozenset[str]:
        """The furniture words other than numbers ("5 min read" is named by "min" and "read")."""
        if self._named_words is None:
            self._named_words = frozenset(filterfalse(str.isdigit, self.furniture_words))
        return self._named_words

    @property
    def loose(self) -> str:
        """``loose(text)``."""
        if self._loose is None:
            self._loose = loose(self.text)
        return self._loose

    @property
    def has_digit(self) -> bool:
        """Whether the line holds a digit (``\\d``). A digit is part of a word, so the words are
        enough, and when they are all letters (apostrophes aside) there is none, without a search."""
        if self._has_digit is None:
            self._has_digit = _has_digit(self.lowered_words)
        return self._has_digit

    @property
    def has_foreign_letters(self) -> bool:
        """Whether the line holds a letter outside ASCII."""
        if self._has_foreign_letters is None:
            self._has_foreign_letters = not self.text.isascii() and _NON_ASCII_LETTER.search(self.text) is not None
        return self._has_foreign_letters

    @property
    def script(self) -> str:
        """``script_of(self.text)``."""
        if self._script is None:
            if self.has_foreign_letters:
                self._script = _counted_script(self.text)
            else:
                self._script = "LATIN" if _ASCII_LETTER.search(self.text) else ""
        return self._script


def _word_characters(found: Iterable[str]) -> str:
    """The letters and digits of words, run together: the words without their apostrophes."""
    letters = "".join(found)
    for apostrophe in _APOSTROPHES:
        letters = letters.replace(apostrophe, "")
    return letters


def _has_digit(found: Iterable[str]) -> bool:
    """Whether any of the words holds a digit (``\\d``)."""
    letters = _word_characters(found)
    return not letters.isalpha() and _DIGIT.search(letters) is not None


_WORD_OR_BREAK = re.compile(f"{_WORD.pattern}|\n")
_ASCII_DIGITS = "0123456789"


def line_views(lines: Sequence[SourceLine]) -> list[LineView]:
    """A view of each line; the empty lines between paragraphs share one."""
    return _read_lines(lines)[0]


def _read_lines(lines: Sequence[SourceLine]) -> tuple[list[LineView], Counter[str], str]:
    """``line_views(lines)``, how often each lowered word occurs in all the lines, and the lines
    joined by line breaks.

    The lines are lowered and split into words all at once, as one text, rather than one by
    one: a line break is never inside a word, and when no line holds "İ" or "Σ" (the text's case
    is plain) lowering the text lowers each character on its own, so every line gets the lowered
    text and words it would get alone. What holds for the whole text (no digit, no letter
    outside ASCII, no quote that joins words) then holds for each line without asking it. The
    words are lowered, but a letter outside ASCII stays outside when lowered and a digit stays a
    digit, except for the characters of ``_LOWERED_APART``, whose text is read line by line.
    """
    texts = [line.text for line in lines]
    text = "\n".join(texts)
    if text.count("\n") != len(texts) - 1 or _has_any(text, _LOWERED_APART):  # line breaks in lines, or odd case
        blank = LineView("")
        views = [LineView(t) if t else blank for t in texts]
        return views, Counter(chain.from_iterable(view.lowered_words for view in views)), text
    lowered = text.lower()
    tokens = _WORD_OR_BREAK.findall(lowered)
    tokens.append("\n")  # after the last line, so every line's words end at a break
    letters = _word_characters(tokens).replace("\n", "")
    # The digits are in the words: none when they are all letters; when they are all ASCII, a
    # digit is one of 0-9 and the lines holding one are found by where those stand in the text.
    digit_lines: set[int] | None = set()
    if letters and not letters.isalpha():
        digit_lines = _lines_with(text, [d for d in _ASCII_DIGITS if d in text]) if letters.isascii() else None
    foreign = None if not letters.isascii() else False  # a letter outside ASCII is in the words
    joining = not text.isascii() and _has_any(text, _JOINING_QUOTES)
    blank = LineView._of("", "", [], False, False, False)
    views: list[LineView] = []
    start = 0
    find_break = tokens.index
    for index, (line, line_lowered) in enumerate(zip(texts, lowered.split("\n"))):
        end = find_break("\n", start)
        if not line:
            views.append(blank)
        else:
            views.append(LineView._of(
                line, line_lowered, tokens[start:end],
                joining and _has_any(line, _JOINING_QUOTES),
                None if digit_lines is None else index in digit_lines, foreign,
            ))
        start = end + 1
    return views, Counter(tokens), text


def _lines_with(text: str, characters: Iterable[str]) -> set[int]:
    """The indices of the lines of ``text`` (split at "\\n") that hold any of ``characters``."""
    found: set[int] = set()
    for character in characters:
        line = counted = 0  # the line of text[counted]
        at = text.find(character)
        while at != -1:
            line += text.count("\n", counted, at)
            found.add(line)
            counted = text.find("\n", at)  # on to the next line
            if counted == -1:
                break
            at = text.find(character, counted)
    return found


# -- the filters ---------------------------------------------------------------------------------


@dataclass
class NoiseContext:
    """What a filter may look at: all body lines, the one being judged (by index), the title
    found so far, the article's language and script, and the editor's ``drop`` list.

    ``views`` holds a ``LineView`` per line (made here when not given) and ``previous`` the index
    of the nearest non-blank line above each line (None for none)."""

    lines: Sequence[SourceLine]
    title: str | None = None
    language: str = "en"
    script: str = "LATIN"
    drop: frozenset[str] = frozenset()
    content_seen: int = 0  # content lines kept before this one, the title line excluded
    date: str | None = None
    dropped: list[NoiseLine] = field(default_factory=list)
    views: Sequence[LineView] = ()
    previous: Sequence[int | None] = field(init=False, repr=False, default=())

    def __post_init__(self) -> None:
        if len(self.views) != len(self.lines):
            self.views = line_views(self.lines)
        previous: list[int | None] = []
        last: int | None = None
        for index, view in enumerate(self.views):
            previous.append(last)
            if view.stripped:
                last = index
        self.previous = previous

    def later(self, index: int) -> Sequence[SourceLine]:
        return [ln for ln in self.lines[index + 1:] if ln.text.strip()]


class NoiseFilter:
    """One rule for page furniture. ``test`` says whether the line at ``index`` is furniture.

    ``max_size``, when set, promises that ``test`` is False for every line whose
    ``LineView.size`` is larger, so ``clean_lines`` skips the filter for such lines."""

    name = "noise"
    max_size: int | None = None

    def test(self, index: int, context: NoiseContext) -> bool:
        raise NotImplementedError


class EditorDrop(NoiseFilter):
    """Lines the editor listed under ``drop`` in the front matter."""

    name = "editor-drop"

    def test(self, index: int, context: NoiseContext) -> bool:
        return bool(context.drop) and context.views[index].loose in context.drop


class Stamp(NoiseFilter):
    """A category and date/time stamp, e.g. ``Facts 01/02/2026 22:54`` or ``Health | May 3, 2025``.
    The date is kept as the article's date."""

    name = "stamp"
    MAX_OTHER_WORDS = 4
    LABELS = frozenset("published updated posted last modified on by at date time".split())
    CLOSING_STOP = re.compile(r"[.!?]\s*$")

    def test(self, index: int, context: NoiseContext) -> bool:
        view = context.views[index]
        if not view.has_digit:  # no date without a digit
            return False
        text = view.text
        found = find_date(text)
        if not found:
            return False
        rest = _TIME.sub(" ", text.replace(found[1], " "))
        rest_words = [w for w in words(rest) if w.lower() not in self.LABELS and not w.isdigit()]
        if len(rest_words) > self.MAX_OTHER_WORDS or self.CLOSING_STOP.search(rest.strip()):
            return False
        if context.date is None:
            context.date = found[0]
        return True


class Byline(NoiseFilter):
    """An author line such as ``By Jane Doe`` (two to four capitalised names)."""

    name = "byline"
    PATTERN = re.compile(r"^\s*(?:by|written by|author:)\s+([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*$", re.IGNORECASE)

    def test(self, index: int, context: NoiseContext) -> bool:
        match = self.PATTERN.match(context.views[index].text)
        return bool(match) and all(w[0].isupper() for w in match.group(1).split())


class PipedByline(NoiseFilter):
    """An author line with credentials or a reviewer, set apart by ``|``:
    ``By Jane Doe, LCSW | Medically reviewed by Dr. Sam Lee``."""

    name = "byline-with-credentials"
    PATTERN = re.compile(r"^\s*(?:by|written by)\s+(?-i:[A-Z])[\w.'\u2019-]*(?:\s+(?-i:[A-Z])[\w.'\u2019-]*){0,3}\s*(?:,[^|]{1,30})?\s*\|", re.IGNORECASE)
    # Clinic and health sites name the expert who checked the page on a line of its own.
    REVIEWED = re.compile(r"^\s*(?:medically |clinically |expert[- ])?(?:reviewed|fact[- ]checked)\s+by\s+(?-i:[A-Z])", re.IGNORECASE)
    MAX_WORDS = 20
    max_size = MAX_WORDS

    def test(self, index: int, context: NoiseContext) -> bool:
        view = context.views[index]
        return bool(self.PATTERN.match(view.text) or self.REVIEWED.match(view.text)) and (
            len(view.lowered_words) <= self.MAX_WORDS
        )


class Breadcrumb(NoiseFilter):
    """A category path: two or more short capitalised labels between ``|``, ``›`` or ``»``
    (``Self | Wellness``). A title or heading is one phrase, not a path of labels."""

    name = "breadcrumb"
    SEPARATORS = "|\u203a\u00bb"
    SEPARATOR = re.compile(rf"\s+[{re.escape(SEPARATORS)}]\s+")
    MAX_LABEL_WORDS = 3

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.views[index].stripped
        if not _has_any(text, self.SEPARATORS):  # one label: not a path
            return False
        labels = self.SEPARATOR.split(text)
        if len(labels) < 2:
            return False
        for label in labels:
            found = words(label)
            if not 1 <= len(found) <= self.MAX_LABEL_WORDS or not found[0][0].isupper():
                return False
            if label.rstrip()[-1:] in ".!?,;:":
                return False
        return True


class InvitationToAct(NoiseFilter):
    """A short line that sells a service or a sign-up rather than saying anything: an email
    address, a phone number beside booking words ("Ring 020 7946 0321 to book"), or a
    lead-in closed by a link-like invitation with no full stop ("Want to work with me? Book a
    free discovery call"). A helpline number without booking words is kept: it may be help."""

    name = "sign-up-or-booking"
    MAX_WORDS = 25
    max_size = MAX_WORDS
    MAX_LEAD_IN_WORDS = 16
    EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
    PHONE = re.compile(r"(?<![\d/])(?:\+?\d{1,3}[\s.-])?(?:\(\d{2,4}\)\s?)?\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{3,4})?(?![\d/])")
    YEARS = re.compile(r"(?:19|20)\d\d\s?-\s?(?:19|20)\d\d")
    SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
    BOOKING = frozenset("schedule book booking session sessions consultation appointment appointments "
                        "enquiries enquiry inquiries clinic practice".split())
    INVITATIONS = ("book ", "subscribe", "sign up", "join ", "download ", "grab ", "get my ", "get your ",
                   "register ", "enrol", "enroll", "dm ", "email ", "message me", "contact ")

    def test(self, index: int, context: NoiseContext) -> bool:
        view = context.views[index]
        lowered = view.lowered_words
        if not lowered or len(lowered) > self.MAX_WORDS:
            return False
        text = view.stripped
        if "@" in text and self.EMAIL.search(text):
            return True
        if view.has_digit:  # a phone number has digits
            phone = self.PHONE.search(text)
            if phone and not self.YEARS.fullmatch(phone.group(0).strip()):
                if not self.BOOKING.isdisjoint(lowered):
                    return True
        # "...? Book a free 20-minute discovery call": a lead-in, then a button's words. The line
        # is stripped, so its last sentence ends it (a line ending in a stop is no such thing), and
        # two sentences need a stop before that.
        if len(lowered) <= self.MAX_LEAD_IN_WORDS and text[-1:] not in ".!?" and _has_any(text, ".!?"):
            sentences = [p.strip() for p in self.SENTENCE_BREAK.split(text) if p.strip()]
            if len(sentences) >= 2:
                last = sentences[-1].lower()
                return last.startswith(self.INVITATIONS) and last[-1:] not in ".!?"
        return False


@dataclass(frozen=True)
class FurnitureKind:
    """A kind of site furniture: lines that start with one of ``starts`` (and are at most
    ``max_words`` long), or short lines made only of ``vocabulary`` words with one of ``core``."""

    rule: str
    starts: tuple[str, ...] = ()
    ends: frozenset[str] = frozenset()  # words of a bracketed credit closing the line: "... (Supplied)"
    max_words: int = 16
    vocabulary: frozenset[str] = frozenset()
    core: frozenset[str] = frozenset()
    max_vocabulary_words: int = 7


# The furniture of news, magazine and clinic pages. Each entry is data: what such lines start
# with, and the words a short navigation line is made of.
FURNITURE: tuple[FurnitureKind, ...] = (
    FurnitureKind(
        "media-caption",
        starts=("watch:", "watch now", "watch the video", "video:", "photo:", "photos:", "image:", "image credit",
                "photo credit", "picture:", "illustration:", "pictured:", "(getty images", "getty images",
                "(photo", "(image", "credit:", "shutterstock", "istock", "click to play", "play video",
                "listen to this article", "listen to this story", "audio:"),
        max_words=20,
        vocabulary=frozenset("getty images image photo photos video credit shutterstock istock afp reuters ap "
                             "via illustration".split()),
        core=frozenset("getty shutterstock istock image photo video".split()),
        # A caption often carries no "Photo:" prefix, only a credit in brackets at its end.
        ends=frozenset("supplied stock image images photo photograph picture file handout getty istock "
                       "shutterstock pictured credit courtesy afp reuters ap".split()),
    ),
    FurnitureKind(
        "source-credit",
        starts=("source:", "sources:", "via ", "via:", "originally published", "this article was originally",
                "this story was originally", "reporting by", "additional reporting", "edited by", "(source"),
        max_words=14,
    ),
    FurnitureKind(
        "recommended-link",
        starts=("recommended:", "recommended for you", "you may also like", "you might also like", "read more",
                "read also", "also read", "read next", "related:", "related articles", "related posts",
                "related stories", "related news", "see also", "more from", "more stories", "don't miss",
                "trending:", "popular:", "most read", "next article", "previous article", "next post",
                "previous post", "continue reading"),
        max_words=18,
        vocabulary=frozenset("news in the same category post posts related latest more stories story articles "
                             "article popular trending recommended top read next previous older newer home tags "
                             "tag categories other from this section".split()),
        core=frozenset("news post posts related stories articles category trending recommended tags previous next".split()),
    ),
    FurnitureKind(
        "call-to-action",
        starts=("book an appointment", "book a consultation", "book your", "book now", "schedule a consultation",
                "schedule an appointment", "schedule your", "request an appointment", "request a consultation",
                "call us today", "call us now", "call today", "contact us today", "contact us", "get in touch",
                "click here", "tap here", "learn more about our", "make an appointment"),
        max_words=25,
        vocabulary=frozenset("book now call us today contact schedule appointment consultation free online "
                             "request click here an a your learn more".split()),
        core=frozenset("appointment consultation".split()),
    ),
    FurnitureKind(
        "share-subscribe",
        starts=("share this", "share on", "share:", "share article", "tweet this", "pin it", "subscribe",
                "sign up for our", "sign up to our", "join our newsletter", "follow us", "like us on",
                "get our newsletter", "newsletter:", "leave a comment", "comments (", "print this", "email this"),
        max_words=20,
        vocabulary=frozenset("share facebook twitter x whatsapp pinterest linkedin email print copy link "
                             "subscribe newsletter follow us on comments comment tweet save".split()),
        core=frozenset("share facebook twitter whatsapp pinterest linkedin subscribe newsletter tweet comments".split()),
        max_vocabulary_words=8,
    ),
    FurnitureKind(
        # The health site's legal small print under an article, not the article's advice.
        "disclaimer",
        starts=("disclaimer:", "medical disclaimer", "this article is for informational purposes",
                "this content is for informational purposes", "this article is for general information",
                "the information in this article is not", "this article is not a substitute",
                "this content is not a substitute", "this article does not constitute"),
        max_words=60,
    ),
    FurnitureKind(
        "advertisement",
        starts=("advertisement", "sponsored", "ad:", "promoted", "paid content", "story continues below"),
        max_words=8,
        vocabulary=frozenset("advertisement ad sponsored content promoted paid partner".split()),
        core=frozenset("advertisement sponsored ad promoted".split()),
    ),
    FurnitureKind(
        "site-navigation",
        starts=("tags:", "tagged:", "tagged with", "filed under", "categories:", "category:", "home >", "home \u00bb",
                "home /", "home \u203a", "back to top", "skip to content", "skip to main content", "table of contents",
                "jump to:", "in this article:"),
        max_words=20,
        vocabulary=frozenset("home menu search back to top skip content main navigation login log in min mins "
                             "minute minutes read reading time most popular viewed shared editor's picks "
                             # "Updated 3 hours ago": a relative time stamp with no date in it
                             "updated published posted ago hour hours day days week weeks".split()),
        core=frozenset("home menu search skip login navigation min mins minute minutes popular viewed ago".split()),
    ),
    FurnitureKind(
        "cookie-banner",
        starts=("we use cookies", "this site uses cookies", "this website uses cookies", "accept all cookies",
                "accept cookies", "cookie settings", "cookie policy", "manage cookies", "by continuing to use"),
        max_words=40,
        vocabulary=frozenset("accept all cookies cookie settings reject manage preferences ok got it".split()),
        core=frozenset("cookies cookie".split()),
    ),
)


def _starts_with(lowered: str, start: str) -> bool:
    # A whole-word start: "most read" opens "Most read: ..." but not "Most readers who write in".
    if not lowered.startswith(start):
        return False
    rest = lowered[len(start):]
    return not (start[-1:].isalnum() and rest[:1].isalnum())


def _opens_with(lowered: str, starts: tuple[str, ...]) -> bool:
    """``_starts_with`` for any of ``starts``. ``str.startswith`` takes the whole tuple at C
    speed and says no for almost every line; only a line that does start like one is checked
    for the whole-word rule. (A compiled alternation is as quick to ask but costs more to build
    than a small site's whole reading.)"""
    return lowered.startswith(starts) and any(_starts_with(lowered, start) for start in starts)


# A short bracketed remark closing a line: "(Stock image)", "(Supplied)", "(Photo: Jane Doe)".
_CLOSING_BRACKET = re.compile(r"[(\[]([^()\[\]]{1,40})[)\]]\s*$")


class Furniture(NoiseFilter):
    """Site furniture of one ``FurnitureKind``: prompts, captions, credits, links, calls to action."""

    def __init__(self, kind: FurnitureKind) -> None:
        self.kind = kind
        self.name = kind.rule
        # Every test below counts the furniture view's words against one of these limits.
        self.max_size = max(kind.max_words, kind.max_vocabulary_words if kind.vocabulary else 0)

    def test(self, index: int, context: NoiseContext) -> bool:
        view = context.views[index]
        count = view.furniture_count
        if not count:
            return False
        kind = self.kind
        if count <= kind.max_words:
            if kind.starts and _opens_with(view.furniture, kind.starts):
                return True
            if kind.ends and self._credit_closes(view.furniture):
                return True
        # Short lines made only of the site's words: "News Post", "Share on Facebook", "(Getty Images)".
        if kind.vocabulary and count <= kind.max_vocabulary_words:
            named = view.named_words  # "5 min read": numbers say nothing
            return bool(named) and kind.vocabulary.issuperset(named) and not kind.core.isdisjoint(named)
        return False

    def _credit_closes(self, lowered: str) -> bool:
        # The credit opens the brackets: "(Stock image)", "(Photo: Jane Doe)"; "(not even a
        # picture)" is the writer's aside. The view is stripped, so the bracket must close it.
        if not lowered.endswith((")", "]")):
            return False
        credit = _CLOSING_BRACKET.search(lowered)
        first = words(credit.group(1))[:1] if credit else []
        return bool(first) and first[0] in self.kind.ends


class OtherLanguage(NoiseFilter):
    """A line in another language or script than the article's (e.g. links to related stories
    in the site's own language between the sections of a translated article)."""

    name = "other-language"
    MIN_WORDS = 4

    def test(self, index: int, context: NoiseContext) -> bool:
        view = context.views[index]
        lowered = view.lowered_words
        if len(lowered) < self.MIN_WORDS:
            return False
        script = view.script
        if script and context.script and script != context.script:
            return True
        # A common word that only the article's language has ("the" in English) answers every
        # question below with no: the article's own words are there, and not shared.
        only_own = _ONLY_IN.get(context.language)
        if only_own and not only_own.isdisjoint(lowered):
            return False
        votes = _votes(Counter(lowered))
        own = votes.get(context.language, 0)
        others = max((v for lang, v in votes.items() if lang != context.language), default=0)
        if own == 0 and others >= 2:
            return True
        if self._other_words_only(lowered, context.language):
            return True
        # Diacritics on most words and none of the article's common words: another Latin language.
        return own == 0 and context.language == "en" and accented_share(view.text) >= 0.4

    @staticmethod
    def _other_words_only(lowered: Sequence[str], language: str) -> bool:
        # Words both languages share ("no", "a") prove nothing: "Cómo superar a alguien que no te
        # quiso" has two English-looking words but only Spanish ones that English lacks.
        own_stops = STOP_WORDS.get(language, frozenset())
        for lang, stops in STOP_WORDS.items():
            if lang == language:
                continue
            own_only = sum(1 for w in lowered if w in own_stops and w not in stops)
            other_only = sum(1 for w in lowered if w in stops and w not in own_stops)
            if own_only == 0 and other_only >= 2:
                return True
        return False


class LinkAfterLabel(NoiseFilter):
    """The story title right under a bare "You may also like" / "Related" / "Read next" label:
    the link the label announces. Only the one line, short and without a closing full stop;
    what follows it is the article again."""

    name = "recommended-story"
    MAX_LABEL_WORDS = 5
    MAX_WORDS = 14
    max_size = MAX_WORDS

    def test(self, index: int, context: NoiseContext) -> bool:
        view = context.views[index]
        found = view.lowered_words
        if not found or len(found) > self.MAX_WORDS or view.stripped.rstrip("*_")[-1:] in ".,;:!":
            return False
        previous = context.previous[index]
        if previous is None:
            return False
        label = context.views[previous]
        return label.furniture_count <= self.MAX_LABEL_WORDS and label.furniture.rstrip(":").strip() in _LINK_LABELS


class RepeatedTitle(NoiseFilter):
    """The title line printed again further down the page."""

    name = "repeated-title"

    def test(self, index: int, context: NoiseContext) -> bool:
        if context.title is None:
            return False
        title, title_words = _loose_title(context.title)
        view = context.views[index]
        # Loosening a line drops one word at most (its numbering) and joins two words only at a
        # quote that becomes an apostrophe: a line with more words than that allows is not the
        # title, and its loose text need not be worked out.
        joins = 0 if view.furniture_like_lowered else sum(map(view.text.count, _JOINING_QUOTES))
        if len(view.lowered_words) - 1 - joins > title_words:
            return False
        return view.loose == title


@functools.lru_cache(maxsize=256)
def _loose_title(title: str) -> tuple[str, int]:
    loose_title = loose(title)
    return loose_title, len(words(loose_title))


class Teaser(NoiseFilter):
    """A teaser near the top that repeats a sentence found later, inside a longer paragraph."""

    name = "teaser"
    LEAD_LINES = 3  # content lines after the title where a teaser can stand
    MIN_WORDS = 4
    MAX_WORDS = 20  # a teaser is one short sentence, not a paragraph
    FAR_LINES = 10  # an exact copy this many lines below is a repeat, not a refrain

    def test(self, index: int, context: NoiseContext) -> bool:
        if context.content_seen >= self.LEAD_LINES:
            return False
        text = context.views[index].loose
        if not self.MIN_WORDS <= len(text.split()) <= self.MAX_WORDS:
            return False
        number = context.lines[index].number
        # A line whose loose text holds the teaser holds its longest run of letters and digits in
        # its lowered text: loosening removes or replaces only other characters (and a numbering
        # at the start), so runs of letters stay whole and are lowered as the whole line lowers
        # (when its case is plain). Checking that first spares working out most loose texts.
        key = max(_LETTER_RUN.findall(text), key=len, default="")
        views = context.views
        candidates = [i for i in range(index + 1, len(views)) if key in views[i].lowered or not views[i].plain_case]
        for later in candidates:
            view = views[later]
            if not view.stripped:
                continue
            other = view.loose
            if len(other) > len(text) and _inside(text, other):
                return True
            # The same line again well below the lead (a news teaser copied from its section):
            # the later copy is the article's text, this one the page's summary.
            if other == text and context.lines[later].number - number > self.FAR_LINES:
                return True
        return False


_LETTER_RUN = re.compile(r"[^\W_]+")


def _inside(text: str, other: str) -> bool:
    r"""``re.search(rf"(?:^|\W){re.escape(text)}(?:\W|$)", other)``: ``text`` stands in ``other``
    between non-word characters or the ends. Looked for with str.find, as compiling a pattern
    for every teaser costs far more than the search."""
    start = other.find(text)
    while start != -1:
        end = start + len(text)
        if (start == 0 or not _is_word_character(other[start - 1])) and (
            end == len(other) or not _is_word_character(other[end])
        ):
            return True
        start = other.find(text, start + 1)
    return False


def _is_word_character(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


# Labels that stand alone above one recommended story's title.
_LINK_LABELS = frozenset(("you may also like", "you might also like", "recommended", "recommended for you",
                          "related", "related story", "related article", "read next", "read more", "also read",
                          "read also", "most read", "don't miss", "more from us", "see also"))


def build_noise_filters() -> list[NoiseFilter]:
    """The filters in the order they are asked; the first that matches names the rule."""
    return [
        EditorDrop(),
        Stamp(),
        Byline(),
        PipedByline(),
        Breadcrumb(),
        *(Furniture(kind) for kind in FURNITURE),
        InvitationToAct(),
        LinkAfterLabel(),
        OtherLanguage(),
        RepeatedTitle(),
        Teaser(),
    ]


class _FurnitureGate:
    """Whether any of a run of ``Furniture`` filters could drop a line, asked once instead of
    once per kind: a kind drops only a line that starts like one of its ``starts``, closes with a
    bracket (kinds with ``ends``) or is made of its vocabulary with a core word; the gate asks the
    same of all the kinds' starts as one regex, and of all their vocabularies together."""

    def __init__(self, kinds: tuple[FurnitureKind, ...]) -> None:
        # The starts by their first character: a line is matched only against those that can
        # open it, not against all hundred and fifty.
        by_first: dict[str, list[str]] = {}
        for start in (start for kind in kinds for start in kind.starts):
            by_first.setdefault(start[:1], []).append(start)
        self.starts = {first: tuple(starts) for first, starts in by_first.items()}
        self.ends = any(kind.ends for kind in kinds)
        talking = [kind for kind in kinds if kind.vocabulary]
        self.vocabulary = frozenset().union(*(kind.vocabulary for kind in talking))
        self.core = frozenset().union(*(kind.core for kind in talking))
        self.max_vocabulary_words = max((kind.max_vocabulary_words for kind in talking), default=-1)

    def admits(self, view: LineView) -> bool:
        if not view.furniture_count:
            return False
        lowered = view.furniture
        if "" in self.starts:  # an empty start opens every line
            return True
        starts = self.starts.get(lowered[:1])
        if starts is not None and _opens_with(lowered, starts):
            return True
        if self.ends and lowered.endswith((")", "]")):
            return True
        if view.furniture_count <= self.max_vocabulary_words:
            named = view.named_words
            return bool(named) and self.vocabulary.issuperset(named) and not self.core.isdisjoint(named)
        return False


@functools.lru_cache(maxsize=16)
def _furniture_gate(kinds: tuple[FurnitureKind, ...]) -> _FurnitureGate:
    return _FurnitureGate(kinds)


_Step = tuple[_FurnitureGate | None, tuple[NoiseFilter, ...]]


class _FilterPlan:
    """How ``clean_lines`` asks the filters about a line, in their order, without asking those
    that cannot say yes: a filter whose ``max_size`` is below the line's ``LineView.size`` is
    left out, and a run of ``Furniture`` filters is asked only when their shared gate admits the
    line. Worked out once per article for each of the few distinct size limits."""

    def __init__(self, filters: Sequence[NoiseFilter]) -> None:
        self.filters = list(filters)
        self.limits = sorted({limit for f in self.filters if (limit := getattr(f, "max_size", None)) is not None})
        # Steps i serve sizes above limits[i - 1] and up to limits[i]; the last, sizes above all.
        self.steps = [self._steps(bound) for bound in self.limits] + [self._steps(None)]

    def _steps(self, bound: int | None) -> tuple[_Step, ...]:
        steps: list[tuple[_FurnitureGate | None, list[NoiseFilter]]] = []
        run: list[Furniture] = []  # consecutive Furniture filters, asked behind one gate
        for f in [*self.filters, None]:
            if type(f) is Furniture:  # a subclass may drop lines the gate knows nothing of
                run.append(f)
                continue
            if run:
                asked = [furniture for furniture in run if _fits(furniture, bound)]
                if asked:
                    steps.append((_furniture_gate(tuple(furniture.kind for furniture in asked)), asked))
                run = []
            if f is not None and _fits(f, bound):
                if steps and steps[-1][0] is None:
                    steps[-1][1].append(f)
                else:
                    steps.append((None, [f]))
        return tuple((gate, tuple(group)) for gate, group in steps)

    def rule_for(self, index: int, context: NoiseContext) -> str | None:
        """The name of the first filter that drops the line at ``index``, or None."""
        view = context.views[index]
        for gate, group in self.steps[bisect_left(self.limits, view.size)]:
            if gate is not None and not gate.admits(view):
                continue
            for noise_filter in group:
                if noise_filter.test(index, context):
                    return noise_filter.name
        return None


@functools.lru_cache(maxsize=1)
def _default_plan() -> _FilterPlan:
    # The filters keep nothing between lines or articles (what they find goes in the context),
    # so one plan of the default filters serves every article.
    return _FilterPlan(build_noise_filters())


def _fits(noise_filter: NoiseFilter, bound: int | None) -> bool:
    # Whether the filter is asked about lines whose size reaches ``bound`` (None: above every limit).
    limit = getattr(noise_filter, "max_size", None)
    return limit is None or (bound is not None and limit >= bound)


# -- the stage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanText:
    """An article's body after cleaning: the kept lines (blank lines kept, for paragraph
    breaks), the dropped lines with their rule, the title line (None if the text has none that
    looks like a title) and the date found in a stamp."""

    lines: tuple[SourceLine, ...]
    noise: tuple[NoiseLine, ...]
    title: str | None
    title_line: int | None
    date: str | None


MAX_TITLE_WORDS = 25


def _article_language(views: Sequence[LineView], counts: Mapping[str, int], text: str) -> tuple[str, str]:
    # ``counts``: the lowered words of the lines, which are the words of the whole ``text``
    # (its lines joined by line breaks): a line end is never inside a word.
    votes = _votes(counts)
    language = max(votes, key=lambda lang: (votes[lang], lang == "en"))
    script = ""  # with ASCII letters only, every letter is LATIN
    if any(view.has_foreign_letters for view in views):
        script = script_of(text)
    return (language if votes[language] else "en"), (script or "LATIN")


def clean_lines(raw: RawArticle, filters: Sequence[NoiseFilter] | None = None) -> CleanText:
    """Split ``raw``'s body into kept lines and noise, and find the title line.

    The title line is the first line no filter drops, when it is short enough to be a title (or
    equals the front matter's title). Lines the editor listed under ``keep`` are never dropped.
    """
    plan = _FilterPlan(filters) if filters is not None else _default_plan()
    views, counts, text = _read_lines(raw.lines)
    language, script = _article_language(views, counts, text)
    context = NoiseContext(
        lines=raw.lines, title=raw.metadata.title, language=language, script=script,
        drop=frozenset(loose(d) for d in raw.overrides.drop), views=views,
    )
    keep = {loose(k) for k in raw.overrides.keep}
    kept: list[SourceLine] = []
    noise: list[NoiseLine] = []
    title_line: int | None = None
    title: str | None = None
    for index, line in enumerate(raw.lines):
        view = views[index]
        if not view.stripped:
            kept.append(line)
            continue
        rule = None
        if not keep or view.loose not in keep:
            rule = plan.rule_for(index, context)
        if title_line is None and raw.format == "md" and line.text.lstrip().startswith("# "):
            rule = None if rule == "repeated-title" else rule
        if rule is not None:
            noise.append(NoiseLine(line.number, line.text, rule))
            continue
        if title_line is None and context.content_seen == 0 and _is_title_line(line.text, raw):
            title_line = line.number
            title = _strip_title_markup(line.text, raw.format)
            context.title = raw.metadata.title or title
            continue
        kept.append(line)
        context.content_seen += 1
    if raw.left_out:  # a web page's blocks the extractor did not take, in line order with the rest
        noise = sorted([*raw.left_out, *noise], key=lambda n: n.line)
    return CleanText(tuple(kept), tuple(noise), title, title_line, context.date)


def _strip_title_markup(text: str, fmt: str) -> str:
    text = text.strip()
    if fmt == "md":
        text = re.sub(r"^#+\s*", "", text)
    return text.strip("*_ ").strip()


def _is_title_line(text: str, raw: RawArticle) -> bool:
    if raw.metadata.title:
        return loose(text) == loose(raw.metadata.title)
    if raw.format == "md":
        return bool(re.match(r"^#\s+\S", text))
    return 0 < len(words(text)) <= MAX_TITLE_WORDS and not text.rstrip().endswith((".", ",", ";", ":"))
