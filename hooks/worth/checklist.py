"""The signs checklist: items from the articles' ``signs`` sections, bands from data, one block.

    collect_items(articles, hints=...)            -> ChecklistItem[]  (de-duplicated, in reading order)
    load_checklist_data(path)                     -> ChecklistData    (bands and editor hints)
    next_reads_for(items, links, articles, ...)   -> {SectionKey: NextRead[]}

An item is one sign: a subsection of a signs part ("Emotional Minimization" under "Signs He
Doesn't See Your Worth") or a signs section with no subsections, under its own heading, when it
describes a sign (``describes_a_sign``: not advice, a cause or a story). A part heading that only
introduces its subsections is not an item.

The hint is one sentence of the section that describes the sign (see ``choose_hint``), never one
another item already shows; an editor
can replace it in the article's front matter (``checklist: {heading: hint}``) or in
``checklist.yml``. The block works without JavaScript (a plain list with a key for counting);
``checklist.js`` turns it into the interactive checklist in the reader's browser.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Mapping, Protocol, Sequence


from . import yamltext
from .errors import ArticleError
from .model import Article, SectionKey, Theme
from .noise import is_questions_label
from .text import FUNCTION_WORDS, loose_heading, sentences, stem, straight_quotes

# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class ChecklistItem:
    """One sign: its short label, a one-sentence hint, the section it comes from (``key``) and
    the sections of other articles that describe the same sign (``also``)."""

    label: str
    hint: str
    key: SectionKey
    also: tuple[SectionKey, ...] = ()
    also_titles: tuple[str, ...] = ()  # the title of the article of each of ``also``
    heading: str = ""  # the section's heading, when the label is not it (``item_title``)

    @property
    def section_title(self) -> str:
        """What the section the item links to is called: its heading."""
        return self.heading or self.label

    @property
    def keys(self) -> tuple[SectionKey, ...]:
        return (self.key, *self.also)


@dataclass(frozen=True)
class Band:
    """Words shown when at least ``min_percent`` of the signs are ticked (0 = nothing ticked)."""

    min_percent: float
    words: str


@dataclass(frozen=True)
class NextRead:
    """A section worth reading next for one sign: its title, its link and how related it is."""

    title: str
    url: str
    score: float


@dataclass(frozen=True)
class ChecklistData:
    """What an editor can change in ``checklist.yml``: the bands, and hints and titles by heading."""

    bands: tuple[Band, ...]
    hints: Mapping[str, str]
    titles: Mapping[str, str] = dataclasses.field(default_factory=dict)


class RelatedLink(Protocol):
    """What ``next_reads_for`` needs of a cross-link: the section it leads to and its score."""

    @property
    def target(self) -> SectionKey: ...

    @property
    def score(self) -> float: ...


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(0, "You have not ticked any signs yet. Take your time."),
    Band(1, "You recognise a few of these signs. Noticing them matters."),
    Band(34, "You recognise several of these signs. That can be a lot to take in. Go gently."),
    Band(67, "You recognise most of these signs. That can hurt to see. Your feelings are worth listening to."),
)

# ---------------------------------------------------------------------------------------------
# Words and matching

def _plain(text: str) -> str:
    """Lower case with straight quotes, and dashes read as spaces (a dash joins no words)."""
    return straight_quotes(text.lower()).replace("\u2014", " ").replace("\u2013", " ")


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@functools.lru_cache(maxsize=1 << 14)
def terms(text: str) -> frozenset[str]:
    """The content words of ``text``, stemmed (``Minimization`` -> ``minim``). Cached: a site
    repeats its labels and hints."""
    return frozenset(stem(w) for w in _WORD.findall(_plain(text)) if w not in FUNCTION_WORDS and "'" not in w)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True)
class _SignWords:
    """The words ``same_sign`` compares: those of the label, and of the label and hint."""

    label: frozenset[str]
    label_and_hint: frozenset[str]

    @classmethod
    def of(cls, item: ChecklistItem, terms_of: Callable[[str], frozenset[str]] = terms) -> _SignWords:
        label = terms_of(item.label)
        return cls(label, label | terms_of(item.hint))


def _same_words(a: _SignWords, b: _SignWords) -> bool:
    label_overlap = _jaccard(a.label, b.label)
    if label_overlap >= 0.5:
        return True
    return label_overlap > 0 and _jaccard(a.label_and_hint, b.label_and_hint) >= 0.3


# ---------------------------------------------------------------------------------------------
# Hints

# Openings that point at something else and make no sense alone; with a colon, what follows it
# may still be a fine hint ("Here's one that often gets overlooked: he shows up when...").
_LEAD_INS = ("here's", "here is", "this is", "that's", "that is", "let's", "and finally", "now,", "so,", "it's")
# A sentence describes the sign when it speaks of the partner or of the reader.
_PEOPLE = frozenset("he him his partner you your you're you've yourself".split())
_MIN_WORDS, _MAX_WORDS = 5, 40


def _as_hint(sentence: str) -> str | None:
    """The sentence as a hint, or None when it is a question, too short or long, or a lead-in."""
    plain = _plain(sentence).lstrip("\\\"' ")
    if plain.startswith(_LEAD_INS):
        _lead, colon, rest = sentence.partition(":")
        if not colon or not rest.strip():
            return None
        sentence = rest.strip()
        sentence = sentence[0].upper() + sentence[1:]
        plain = _plain(sentence)
    words = plain.split()
    if sentence.rstrip("\"'\u201d\u2019 ").endswith("?") or not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return None
    if not _PEOPLE & set(_WORD.findall(plain)):
        return None
    return sentence.lstrip("\\")


def choose_hint(texts: Iterable[str], *, taken: Collection[str] = ()) -> str:
    """The first sentence that describes a sign (``_as_hint``: not a question, not a lead-in
    ("Let's not forget..."), five to forty words, speaking of him, the partner or you) and that
    no other item uses yet (``taken``, compared as ``_plain``); else the first sentence not taken;
    empty when there is none. One pass over the sentences, keeping the first sentence not taken
    in case no hint is free."""
    fallback = ""
    for text in texts:
        for sentence in sentences(text):
            hint = _as_hint(sentence)
            if hint and _plain(hint) not in taken:
                return hint
            if not fallback and _plain(sentence) not in taken:
                fallback = sentence
    return fallback


# ---------------------------------------------------------------------------------------------
# Titles
#
# An item's title is what the reader ticks, so it must read as a complete short phrase that names
# one sign: a name ("Emotional Minimization", "Lack of Investment", "Feeling Unheard") or what he
# does or how she is treated ("He shows up when it benefits him."). Headings that are general
# claims ("Appreciation Is Not a Luxury—It's a Baseline", "Abusers Are Self-Centered"), two parts
# ("Myth #2: ..."), questions or fragments ("Your Boundaries Tested", "When He Ignores You") are
# not: the item then takes a short sentence of its own section that is one, as written, and
# without one it is not a checklist item (an editor can give it a title in checklist.yml). No
# part-of-speech tagger is needed for a few words of a heading: the marks below are named words.

TITLE_MAX_WORDS = 12
# A verb, or the word that comes with one: with any of these a title is a clause.
_CLAUSE_WORDS = frozenset(
    "is isn't are aren't was wasn't were weren't am be do does don't doesn't did didn't never "
    "can can't cannot could couldn't should shouldn't must will won't would wouldn't "
    "it's that's there's what's who's he's she's they're we're i'm".split()
)
# The subjects of a clause that describes a sign: him, his partner, or the reader.
_SIGN_SUBJECTS = ("he ", "he's ", "his ", "you ", "you're ", "you've ", "you'll ", "your ", "a partner ", "the partner ")
# Words a complete phrase does not end on, or (the first six) start with.
_JOINING = ("and", "but", "or", "because", "when", "while", "if", "so", "which", "that")
_NOT_LAST = frozenset(
    (*_JOINING, *"a an as at by for from in into of on than the their to with without your his her my our "
     "about after against before behind over under through toward towards across like among between "
     "during until beyond despite off up out down".split())
)
# Past participles that do not end in -ed ("Your Needs Unmet"): a phrase ending on one, with no
# verb to go with it, is a fragment.
_PARTICIPLES = frozenset("broken forgotten taken given hidden unmet unseen unheard shut ignored dismissed".split())
_TWO_PARTS = re.compile(r"[:;?!—–]| - |\.\s")


def _title_words(text: str) -> list[str]:
    return _WORD.findall(_plain(text))


def _is_participle(word: str) -> bool:
    return word in _PARTICIPLES or (len(word) >= 5 and word.endswith("ed") and not word.endswith("eed"))


def is_complete_title(text: str) -> bool:
    """Whether ``text`` reads as a complete short phrase naming a sign: at most
    ``TITLE_MAX_WORDS`` words, one part (no colon, dash, question), not a fragment (no dangling
    first or last word, no participle without its verb) and, if it is a clause, one about him or
    the reader rather than a general claim."""
    plain = _plain(text).strip().lstrip("\\\"' ").rstrip(".")
    found = _title_words(plain)
    if not found or len(found) > TITLE_MAX_WORDS or _TWO_PARTS.search(text.strip().rstrip(".")):
        return False
    if found[0] in _JOINING or found[-1] in _NOT_LAST:
        return False
    verb = bool(_CLAUSE_WORDS & set(found))
    if not verb and _is_participle(found[-1]) and not found[0].endswith("ing"):
        return False  # "Your Boundaries Tested": a participle with no verb ("Feeling Unheard" has one)
    clause = verb or _plural_subject_and_verb(found)
    return not clause or (plain + " ").startswith(_SIGN_SUBJECTS)


def _plural_subject_and_verb(found: Sequence[str]) -> bool:
    """"Abusers Behave Intentionally", "Controlling Men Act Deliberately": a plural noun first or
    second, then a word that is not a joining word (so a verb, as no noun follows a plural)."""
    for at in range(min(2, len(found) - 1)):
        word, after = found[at], found[at + 1]
        plural = (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))) or word in ("men", "women", "people")
        if plural and after not in _NOT_LAST and not after.endswith("ing"):
            return True
    return False


def title_sentence(texts: Iterable[str]) -> str | None:
    """The first sentence of ``texts`` that is a complete title about him or the reader (``He shows
    up when it benefits him.``), as written; None when there is none."""
    for text in texts:
        for sentence in sentences(text):
            plain = _plain(sentence).lstrip("\\\"' ")
            if plain.startswith(_SIGN_SUBJECTS) and sentence.rstrip("\"'\u201d\u2019").endswith(".") and is_complete_title(sentence):
                return sentence.lstrip("\\")
    return None


def item_title(heading: str, texts: Iterable[str]) -> str | None:
    """The title of a sign's item: its heading when that is a complete title
    (``is_complete_title``), else the first ``title_sentence`` of its section, else None."""
    return heading if is_complete_title(heading) else title_sentence(texts)


# ---------------------------------------------------------------------------------------------
# Items

# A signs section is a checklist item only when it describes a sign: what he does or how you are
# treated. Headings that open like these give advice ("Talk to Someone Outside"), causes ("Why
# Experts Get Stuck Too") or a turn to the reader's own next steps, not a sign; each is a word or
# phrase at the start of the heading, compared in lower case with straight quotes.
NOT_A_SIGN_OPENINGS: tuple[str, ...] = (
    "why ", "how ", "what to ", "what you can", "when to ", "where to ", "talk ", "trust ", "stop ", "choose ",
    "choosing ", "ask ", "seek ", "find ", "take ", "write ", "leave ", "leaving ", "walk ", "walking ",
    "let ", "letting ", "give ", "remember ", "start ", "begin ", "reach ", "get help", "getting help",
    "protect ", "plan ", "the bigger picture", "the neurology", "the science", "a story", "my story",
    "conclusion", "final ", "in closing",
    # stories and examples, the reader's own growth, and a heading naming the whole theme
    "real-world", "real world", "example", "for example", "case study", "story", "breaking ", "resetting ",
    "rebuilding ", "healing ", "boundaries as", "signs ",
    # advice given as a command, a definition, a myth answered, spotting the signs in general
    "don't ", "do not ", "fight ", "defining ", "myth", "recognizing ", "recognising ", "spotting ", "identifying ",
    "understanding ",
    # an overview of kinds of relationship rather than one thing he does
    "types of ", "kinds of ", "different types", "different kinds", "what is ", "what are ",
)


def describes_a_sign(heading: str | None, texts: Iterable[str]) -> bool:
    """Whether a signs section is a sign to tick: its heading does not open as advice, a cause or
    a story (``NOT_A_SIGN_OPENINGS``) and its text speaks of him, the partner or the reader."""
    if not heading:
        return False
    opening = _plain(heading).lstrip("\\\"' ") + " "
    if opening.startswith(NOT_A_SIGN_OPENINGS):
        return False
    return any(_PEOPLE & set(_WORD.findall(_plain(text))) for text in texts)


# Editor's hints by loose heading, the first of each (raw, as written in the table).
_Hints = Mapping[str, object]


def _by_loose_heading(table: Mapping[str, object]) -> _Hints:
    out: dict[str, object] = {}
    for heading, hint in table.items():
        out.setdefault(loose_heading(heading), hint)
    return out


def _hint_for(label: str, tables: Sequence[_Hints]) -> str | None:
    wanted = loose_heading(label)
    for table in tables:
        if wanted in table:
            return str(table[wanted]).strip()
    return None


def _items_of(article: Article, hints: _Hints, taken: set[str], titles: _Hints | None = None) -> list[ChecklistItem]:
    """The items of one article, with ``checklist.yml``'s hints and titles already by loose
    heading (once per site). ``taken`` holds the hints (``_plain``) items already use, and gets
    this article's."""
    parts_with_children = {s.part for s in article.sections if s.part}
    # The questions an FAQ answers ("Does he ignore your texts?") are the reader's, not signs.
    answered = {s.anchor for s in article.sections if s.heading and is_questions_label(s.heading)}
    left_out = {loose_heading(h) for h in article.overrides.not_in_checklist}  # "checklist: {h: false}"
    tables = (_by_loose_heading(article.overrides.checklist), hints)
    out = []
    for section in article.sections:
        if section.theme is not Theme.SIGNS or not section.heading or loose_heading(section.heading) in left_out:
            continue
        if section.anchor in parts_with_children or section.part in answered:
            continue  # a part heading introducing its signs, not a sign; a question an FAQ answers
        hint = _hint_for(section.heading, tables)
        title = _hint_for(section.heading, (titles or {},))
        chosen = hint is not None or title is not None  # an editor listed it: it is an item
        if not chosen and not describes_a_sign(section.heading, section.paragraphs):
            continue  # advice, a cause or a story told under the signs
        if title is None:
            title = item_title(section.heading, section.paragraphs)
            if title is None:
                continue  # no complete short phrase names the sign (checklist.yml can give one)
        if hint is None:
            hint = choose_hint(section.paragraphs, taken={*taken, _plain(title)})
        taken.add(_plain(hint))
        heading = section.heading if title != section.heading else ""
        out.append(ChecklistItem(title, hint, SectionKey(article.slug, section.anchor), heading=heading))
    return out


def collect_items(
    articles: Iterable[Article], *, hints: Mapping[str, str] | None = None, titles: Mapping[str, str] | None = None
) -> tuple[ChecklistItem, ...]:
    """Every sign of every article, in article then reading order, titled by ``item_title`` (or
    the editor's ``titles``, by heading); a sign that an earlier item already describes
    (``same_sign``) is folded into it as ``also``."""
    site_hints = _by_loose_heading(hints or {})
    site_titles = _by_loose_heading(titles or {})
    merged: list[ChecklistItem] = []
    words: list[_SignWords] = []  # of each merged item
    # ``same_sign`` needs a label word in common: only the items sharing one are compared, in
    # order, so the first that describes the same sign is found as by comparing with every item.
    having: dict[str, list[int]] = defaultdict(list)  # label word -> merged items
    taken: set[str] = set()  # hints in use: no two items share one
    # The items folded into each merged item, gathered and added once at the end: adding each to
    # the item as it comes would copy the item and its growing lists every time.
    folded: list[list[tuple[SectionKey, str]]] = []  # per merged item: (key, article title)
    for article in articles:
        for item in _items_of(article, site_hints, taken, site_titles):
            mine = _SignWords.of(item)
            for index in sorted({i for word in mine.label for i in having.get(word, ())}):
                if merged[index].key.article != item.key.article and _same_words(words[index], mine):
                    folded[index].append((item.key, article.title))
                    break
            else:
                for word in mine.label:
                    having[word].append(len(merged))
                merged.append(item)
                words.append(mine)
                folded.append([])
    return tuple(
        dataclasses.replace(
            item,
            also=(*item.also, *(key for key, _title in more)),
            also_titles=(*item.also_titles, *(title for _key, title in more)),
        )
        if more
        else item
        for item, more in zip(merged, folded)
    )


# ---------------------------------------------------------------------------------------------
# Editor data


def load_checklist_data(path: Path, *, display_path: str | None = None) -> ChecklistData:
    """Read ``checklist.yml`` (``bands``: list of {from: percent, words}; ``hints``: {heading:
    hint}; ``titles``: {heading: title}). A missing file gives the default bands and no hints or
    titles; bad content raises ``ArticleError`` naming the file and line."""
    shown = display_path or str(path)
    if not path.exists():
        return ChecklistData(DEFAULT_BANDS, {})
    data: Any = yamltext.load_file(path, shown=shown, advice="fix it or delete the file") or {}
    if not isinstance(data, dict):
        raise ArticleError(shown, 1, "expected 'bands' and 'hints' at the top; see the example in the README")
    return ChecklistData(
        _bands(data.get("bands"), path, shown),
        _hints(data.get("hints"), path, shown),
        _hints(data.get("titles"), path, shown, name="titles", what="a short title"),
    )


def _line_of(path: Path, needle: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if needle in line:
            return number
    return None


def _bands(raw: Any, path: Path, shown: str) -> tuple[Band, ...]:
    if raw is None:
        return DEFAULT_BANDS
    where = _line_of(path, "bands")
    if not isinstance(raw, list) or not raw:
        raise ArticleError(shown, where, "'bands' must be a list of entries with 'from' (a percent) and 'words'")
    bands = []
    for entry in raw:
        ok = isinstance(entry, dict) and isinstance(entry.get("words"), str) and entry["words"].strip()
        start = entry.get("from") if isinstance(entry, dict) else None
        if not ok or isinstance(start, bool) or not isinstance(start, (int, float)) or not 0 <= start <= 100:
            line = _line_of(path, str(entry.get("words", "")).strip()[:30]) if isinstance(entry, dict) else where
            raise ArticleError(shown, line or where, "each band needs 'from' (a percent from 0 to 100) and 'words'")
        bands.append(Band(float(start), " ".join(entry["words"].split())))
    bands.sort(key=lambda b: b.min_percent)
    if bands[0].min_percent != 0:
        raise ArticleError(shown, where, "the first band must start 'from: 0' (nothing ticked yet)")
    return tuple(bands)


def _hints(raw: Any, path: Path, shown: str, *, name: str = "hints", what: str = "one sentence") -> Mapping[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise ArticleError(shown, _line_of(path, name), f"'{name}' must map a sign's heading to {what}")
    return {str(k): " ".join(v.split()) for k, v in raw.items()}


# ---------------------------------------------------------------------------------------------
# What to read next

NEXT_THEMES = (Theme.COSTS, Theme.LETTING_GO)


# A sign that many articles describe gathers what to read next from its first few sections
# (its own and those merged into it first), not from hundreds: the suggestions are as good, and
# the links are only searched for from these.
NEXT_READ_SOURCES = 8


def next_read_sources(item: ChecklistItem) -> tuple[SectionKey, ...]:
    """The sections of ``item`` whose links make its "what to read next"."""
    return item.keys[:NEXT_READ_SOURCES]


def next_reads_for(
    items: Iterable[ChecklistItem],
    links: Mapping[SectionKey, Sequence[RelatedLink]],
    articles: Iterable[Article],
    *,
    link_for: Callable[[SectionKey], str],
) -> dict[SectionKey, tuple[NextRead, ...]]:
    """For each item, the costs and letting-go sections its sections are linked to (an item with
    ``also`` sections gathers theirs, from its first ``NEXT_READ_SOURCES``, keeping each
    target's best score), best first."""
    # By (article, anchor): a plain tuple hashes in C, a SectionKey in Python.
    sections = {(a.slug, s.anchor): s for a in articles for s in a.sections}
    out: dict[SectionKey, tuple[NextRead, ...]] = {}
    for item in items:
        best: dict[SectionKey, float] = {}
        headings: dict[SectionKey, str] = {}
        for key in next_read_sources(item):
            for link in links.get(key, ()):
                target = sections.get((link.target.article, link.target.anchor))
                if target is None or target.theme not in NEXT_THEMES or not target.heading:
                    continue
                best[link.target] = max(best.get(link.target, 0.0), float(link.score))
                headings[link.target] = target.heading
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0].article, kv[0].anchor))
        out[item.key] = tuple(NextRead(headings[k], link_for(k), s) for k, s in ranked)
    return out
