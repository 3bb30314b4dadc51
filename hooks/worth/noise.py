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
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import NoiseLine, RawArticle, SourceLine

# -- text comparison --------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_NUMBERING = re.compile(r"^\s*(?:\d+|[ivxlc]+)[.):]\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)


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
    "es": frozenset("el la los las y de que en un una es por con para no se su al lo como más pero sus".split()),
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
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) else name.split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else ""


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


@dataclass(frozen=True)
class FurnitureKind:
    """A kind of site furniture: lines that start with one of ``starts`` (and are at most
    ``max_words`` long), or short lines made only of ``vocabulary`` words with one of ``core``."""

    rule: str
    starts: tuple[str, ...] = ()
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
                "(photo", "(image", "credit:", "shutterstock", "istock", "click to play", "play video"),
        max_words=20,
        vocabulary=frozenset("getty images image photo photos video credit shutterstock istock afp reuters ap "
                             "via illustration".split()),
        core=frozenset("getty shutterstock istock image photo video".split()),
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
                             "minute minutes read reading time most popular viewed shared editor's picks".split()),
        core=frozenset("home menu search skip login navigation min mins minute minutes popular viewed".split()),
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


class Furniture(NoiseFilter):
    """Site furniture of one ``FurnitureKind``: prompts, captions, credits, links, calls to action."""

    def __init__(self, kind: FurnitureKind) -> None:
        self.kind = kind
        self.name = kind.rule

    def test(self, index: int, context: NoiseContext) -> bool:
        text = context.lines[index].text.translate(_QUOTES).strip().strip("*_#>").strip()
        lowered = text.lower()
        found = words(lowered)
        if not found:
            return False
        if any(lowered.startswith(s) for s in self.kind.starts) and len(found) <= self.kind.max_words:
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
        # Diacritics on most words and none of the article's common words: another Latin language.
        return own == 0 and context.language == "en" and accented_share(text) >= 0.4


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
        return False


def build_noise_filters() -> list[NoiseFilter]:
    """The filters in the order they are asked; the first that matches names the rule."""
    return [
        EditorDrop(),
        Stamp(),
        Byline(),
        *(Furniture(kind) for kind in FURNITURE),
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
