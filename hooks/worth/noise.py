"""Drop the page furniture a scraped article carries, and keep every word of the article.

``clean_lines(raw)`` walks the body lines in order and asks each ``NoiseFilter`` of
``build_noise_filters()`` in turn whether the line is furniture; the first filter that says yes
names the rule in the ``NoiseLine``. The first line no filter drops is the title line (unless the
front matter gives a different title). Adding a rule is adding a class and a line in the table.

The filters are deliberately cautious: a line is furniture only when its whole shape says so
(short, made of site words, a stamp, another language, a copy of another line). When in doubt the
line is kept, because losing article text is worse than showing a stray line.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import NoiseLine, RawArticle, SourceLine

# -- text comparison --------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_NUMBERING = re.compile(r"^\s*(?:\d+|[ivxlc]+)[.):]\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)


@functools.lru_cache(maxsize=1 << 16)
def loose(text: str) -> str:
    """Text compared loosely: no numbering, case, curly quotes, markup or edge punctuation."""
    s = _NUMBERING.sub("", text.translate(_QUOTES).strip())
    s = re.sub(r"[*_`#>]+", " ", s)
    s = s.strip(" \t.:;,!?\"'-\u2013\u2014()[]").lower()
    return re.sub(r"\s+", " ", s)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, apostrophes inside words kept)."""
    return _WORD.findall(text)


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


def language_votes(text: str) -> dict[str, int]:
    """How many words of ``text`` are common words of each known language."""
    found = [w.lower() for w in words(text)]
    return {lang: sum(1 for w in found if w in stops) for lang, stops in STOP_WORDS.items()}


def script_of(text: str) -> str:
    """The writing system most letters of ``text`` belong to (``LATIN``, ``CYRILLIC``, ``CJK``...)."""
    if not _NON_ASCII_LETTER.search(text):  # only ASCII letters, all LATIN: no per-letter lookup
        return "LATIN" if _ASCII_LETTER.search(text) else ""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _script_of_letter(ch)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else ""


_NON_ASCII_LETTER = re.compile(r"(?![a-zA-Z])[^\W\d_]")
_ASCII_LETTER = re.compile(r"[a-zA-Z]")


@functools.lru_cache(maxsize=4096)
def _script_of_letter(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) else name.split(" ")[0]


def accented_share(text: str) -> float:
    """Share of words carrying letters outside plain ASCII (diacritics), ignoring quotes and dashes."""
    found = words(text.translate(_QUOTES))
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


# -- the filters ---------------------------------------------------------------------------------


@dataclass
class NoiseContext:
    """What a filter may look at: all body lines, the one being judged (by index), the title
    found so far, the article's language and script, and the editor's ``drop`` list."""

    lines: Sequence[SourceLine]
    title: str | None = None
    language: str = "en"
    script: str = "LATIN"
    drop: frozenset[str] = frozenset()
    content_seen: int = 0  # content lines kept before this one, the title line excluded
    date: str | None = None
    dropped: list[NoiseLine] = field(default_factory=list)

    def later(self, index: int) -> Sequence[SourceLine]:
        return [ln for ln in self.lines[index + 1:] if ln.text.strip()]


class NoiseFilter:
    """One rule for page furniture. ``test`` says whether the line at ``index`` is furniture."""

    name = "noise"

    def test(self, index: int, context: NoiseContext) -> bool:
        raise NotImplementedError


class EditorDrop(NoiseFilter):
    """Lines the editor listed under ``drop`` in the front matter."""

    name = "editor-drop"

    def test(self, index: int, context: NoiseContext) -> bool:
        return loose(context.lines[index].text) in context.drop


class Stamp(NoiseFilter):
    """A category and date/time stamp, e.g. ``Facts 01/02/2026 22:54`` or ``Health | May 3, 2025``.
    The date is kept as the article's date."""

    name = "stamp"
    MAX_OTHER_WORDS = 4
    LABELS = frozenset("published updated posted last modified on by at date time".split())

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.lines[index].text
        found = find_date(text)
        if not found:
            return False
        rest = _TIME.sub(" ", text.replace(found[1], " "))
        rest_words = [w for w in words(rest) if w.lower() not in self.LABELS and not w.isdigit()]
        if len(rest_words) > self.MAX_OTHER_WORDS or re.search(r"[.!?]\s*$", rest.strip()):
            return False
        if context.date is None:
            context.date = found[0]
        return True


class Byline(NoiseFilter):
    """An author line such as ``By Jane Doe`` (two to four capitalised names)."""

    name = "byline"
    PATTERN = re.compile(r"^\s*(?:by|written by|author:)\s+([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*$", re.IGNORECASE)

    def test(self, index: int, context: NoiseContext) -> bool:
        match = self.PATTERN.match(context.lines[index].text)
        return bool(match) and all(w[0].isupper() for w in match.group(1).split())


class PipedByline(NoiseFilter):
    """An author line with credentials or a reviewer, set apart by ``|``:
    ``By Jane Doe, LCSW | Medically reviewed by Dr. Sam Lee``."""

    name = "byline-with-credentials"
    PATTERN = re.compile(r"^\s*(?:by|written by)\s+(?-i:[A-Z])[\w.'\u2019-]*(?:\s+(?-i:[A-Z])[\w.'\u2019-]*){0,3}\s*(?:,[^|]{1,30})?\s*\|", re.IGNORECASE)
    # Clinic and health sites name the expert who checked the page on a line of its own.
    REVIEWED = re.compile(r"^\s*(?:medically |clinically |expert[- ])?(?:reviewed|fact[- ]checked)\s+by\s+(?-i:[A-Z])", re.IGNORECASE)
    MAX_WORDS = 20

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.lines[index].text
        return len(words(text)) <= self.MAX_WORDS and bool(self.PATTERN.match(text) or self.REVIEWED.match(text))


class Breadcrumb(NoiseFilter):
    """A category path: two or more short capitalised labels between ``|``, ``›`` or ``»``
    (``Self | Wellness``). A title or heading is one phrase, not a path of labels."""

    name = "breadcrumb"
    SEPARATOR = re.compile(r"\s+[|\u203a\u00bb]\s+")
    MAX_LABEL_WORDS = 3

    def test(self, index: int, context: NoiseContext) -> bool:
        labels = self.SEPARATOR.split(context.lines[index].text.strip())
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
    EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
    PHONE = re.compile(r"(?<![\d/])(?:\+?\d{1,3}[\s.-])?(?:\(\d{2,4}\)\s?)?\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{3,4})?(?![\d/])")
    BOOKING = frozenset("schedule book booking session sessions consultation appointment appointments "
                        "enquiries enquiry inquiries clinic practice".split())
    INVITATIONS = ("book ", "subscribe", "sign up", "join ", "download ", "grab ", "get my ", "get your ",
                   "register ", "enrol", "enroll", "dm ", "email ", "message me", "contact ")

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.lines[index].text.strip()
        found = words(text)
        if not found or len(found) > self.MAX_WORDS:
            return False
        if self.EMAIL.search(text):
            return True
        lowered = [w.lower() for w in found]
        phone = self.PHONE.search(text)
        if phone and not re.fullmatch(r"(?:19|20)\d\d\s?-\s?(?:19|20)\d\d", phone.group(0).strip()):
            if any(w in self.BOOKING for w in lowered):
                return True
        # "...? Book a free 20-minute discovery call": a lead-in, then a button's words.
        sentences = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
        if len(sentences) >= 2 and len(found) <= 16:
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


# A short bracketed remark closing a line: "(Stock image)", "(Supplied)", "(Photo: Jane Doe)".
_CLOSING_BRACKET = re.compile(r"[(\[]([^()\[\]]{1,40})[)\]]\s*$")


@functools.lru_cache(maxsize=1024)
def _furniture_view(line: str) -> tuple[str, tuple[str, ...]]:
    # Every kind of furniture looks at the same view of a line: work it out once per line.
    lowered = line.translate(_QUOTES).strip().strip("*_#>").strip().lower()
    return lowered, tuple(words(lowered))


class Furniture(NoiseFilter):
    """Site furniture of one ``FurnitureKind``: prompts, captions, credits, links, calls to action."""

    def __init__(self, kind: FurnitureKind) -> None:
        self.kind = kind
        self.name = kind.rule

    def test(self, index: int, context: NoiseContext) -> bool:
        lowered, found = _furniture_view(context.lines[index].text)
        if not found:
            return False
        if len(found) <= self.kind.max_words and any(_starts_with(lowered, s) for s in self.kind.starts):
            return True
        if self.kind.ends and len(found) <= self.kind.max_words:
            credit = _CLOSING_BRACKET.search(lowered)
            # The credit opens the brackets: "(Stock image)", "(Photo: Jane Doe)"; "(not even a
            # picture)" is the writer's aside.
            if credit and words(credit.group(1))[:1] and words(credit.group(1))[0] in self.kind.ends:
                return True
        # Short lines made only of the site's words: "News Post", "Share on Facebook", "(Getty Images)".
        if self.kind.vocabulary and len(found) <= self.kind.max_vocabulary_words:
            named = [w for w in found if not w.isdigit()]  # "5 min read": numbers say nothing
            return bool(named) and all(w in self.kind.vocabulary for w in named) and any(
                w in self.kind.core for w in named
            )
        return False


class OtherLanguage(NoiseFilter):
    """A line in another language or script than the article's (e.g. links to related stories
    in the site's own language between the sections of a translated article)."""

    name = "other-language"
    MIN_WORDS = 4

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.lines[index].text
        found = words(text)
        if len(found) < self.MIN_WORDS:
            return False
        script = script_of(text)
        if script and context.script and script != context.script:
            return True
        votes = language_votes(text)
        own = votes.get(context.language, 0)
        others = max((v for lang, v in votes.items() if lang != context.language), default=0)
        if own == 0 and others >= 2:
            return True
        if self._other_words_only(found, context.language):
            return True
        # Diacritics on most words and none of the article's common words: another Latin language.
        return own == 0 and context.language == "en" and accented_share(text) >= 0.4


    @staticmethod
    def _other_words_only(found: Sequence[str], language: str) -> bool:
        # Words both languages share ("no", "a") prove nothing: "Cómo superar a alguien que no te
        # quiso" has two English-looking words but only Spanish ones that English lacks.
        own_stops = STOP_WORDS.get(language, frozenset())
        lowered = [w.lower() for w in found]
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

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.lines[index].text.strip()
        found = words(text)
        if not found or len(found) > self.MAX_WORDS or text.rstrip("*_")[-1:] in ".,;:!":
            return False
        previous = next((ln for ln in reversed(context.lines[:index]) if ln.text.strip()), None)
        if previous is None:
            return False
        lowered, label_words = _furniture_view(previous.text)
        return len(label_words) <= self.MAX_LABEL_WORDS and lowered.rstrip(":").strip() in _LINK_LABELS


class RepeatedTitle(NoiseFilter):
    """The title line printed again further down the page."""

    name = "repeated-title"

    def test(self, index: int, context: NoiseContext) -> bool:
        return context.title is not None and loose(context.lines[index].text) == loose(context.title)


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
        text = loose(context.lines[index].text)
        if not self.MIN_WORDS <= len(text.split()) <= self.MAX_WORDS:
            return False
        for later in context.later(index):
            other = loose(later.text)
            if len(other) > len(text) and re.search(rf"(?:^|\W){re.escape(text)}(?:\W|$)", other):
                return True
            # The same line again well below the lead (a news teaser copied from its section):
            # the later copy is the article's text, this one the page's summary.
            if other == text and later.number - context.lines[index].number > self.FAR_LINES:
                return True
        return False


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


def article_language(lines: Sequence[SourceLine]) -> tuple[str, str]:
    """The language (by common words) and the script most of the article is written in."""
    text = "\n".join(ln.text for ln in lines)
    votes = language_votes(text)
    language = max(votes, key=lambda lang: (votes[lang], lang == "en"))
    return (language if votes[language] else "en"), (script_of(text) or "LATIN")


def clean_lines(raw: RawArticle, filters: Sequence[NoiseFilter] | None = None) -> CleanText:
    """Split ``raw``'s body into kept lines and noise, and find the title line.

    The title line is the first line no filter drops, when it is short enough to be a title (or
    equals the front matter's title). Lines the editor listed under ``keep`` are never dropped.
    """
    filters = list(filters) if filters is not None else build_noise_filters()
    language, script = article_language(raw.lines)
    context = NoiseContext(
        lines=raw.lines, title=raw.metadata.title, language=language, script=script,
        drop=frozenset(loose(d) for d in raw.overrides.drop),
    )
    keep = {loose(k) for k in raw.overrides.keep}
    kept: list[SourceLine] = []
    noise: list[NoiseLine] = []
    title_line: int | None = None
    title: str | None = None
    for index, line in enumerate(raw.lines):
        if not line.text.strip():
            kept.append(line)
            continue
        rule = None
        if loose(line.text) not in keep:
            rule = next((f.name for f in filters if f.test(index, context)), None)
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
