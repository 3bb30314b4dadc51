"""Drop the page furniture a scraped article carries, and keep every word of the article.

``clean_lines(raw)`` reads an article in one direction, each step using only what the steps
before it found:

1. every line is read once into a ``LineView`` (its words, lowered text, loose text, script);
2. ``ArticleLines.of`` gathers what the whole article says about each line (how often it occurs,
   its neighbours, its language) and asks the certain rules of ``build_noise_filters()`` (a date
   stamp, a byline, a whole line of markup, a "Share this" prompt...) which, if any, names it;
3. ``noise_features`` turns that into named evidence, and the noise judge of
   ``reader_weights.yml`` weighs it into the chance that the line is furniture;
4. the title is the line among the first few that the title judge likes best; lines whose rule
   is certain, lines likely enough to be furniture and copies of the title are dropped.

The rules are cautious: a line is furniture for sure only when its whole shape says so. When in
doubt the line goes to the judges, and when they are in doubt it is kept, because losing article
text is worse than showing a stray line. Nothing here keeps state between lines or articles.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain

from .model import NoiseLine, RawArticle, SourceLine
from .evidence import Judge, Weights, load_weights
from .lexicon import load_lexicon
from .text import MONTH_AND_YEAR, NAMED_DATE, STOP_WORDS as ENGLISH_STOP_WORDS, loose, markdown_text, named_date, words
from .text import straight_quotes as _plain_quotes


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
    """The writing system most letters of ``text`` belong to (``LATIN``, ``CYRILLIC``, ``CJK``...);
    on a tie, the one met first."""
    if text.isascii() or not _NON_ASCII_LETTER.search(text):  # every letter is LATIN
        return "LATIN" if _ASCII_LETTER.search(text) else ""
    # The letters are found by regexes (which run in C) rather than a Python loop per character:
    # the ASCII ones are all LATIN, the others are looked up once each.
    counts = Counter({"LATIN": len(_NOT_ASCII_LETTERS.sub("", text))})
    for letter, count in Counter(_NON_ASCII_LETTER.findall(text)).items():
        counts[_script_of_letter(letter)] += count
    script, count = counts.most_common(1)[0]
    return script if count else ""


_ASCII_LETTER = re.compile(r"[a-zA-Z]")
_NOT_ASCII_LETTERS = re.compile(r"[^a-zA-Z]+")
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f](?<=[^\W\d_])")



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

_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
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
    match = NAMED_DATE.search(text)
    if match:
        iso = _valid(*named_date(match))
        if iso:
            return iso, match.group(0)
    return None


# "Recommended Story: Who Cheats More...", "Related Reading: ...", "Suggested Read: ...": a label
# of the site's, made of these words, glued to another page's title.
_LINK_LABELS_BEFORE_A_TITLE = tuple(
    f"{kind} {thing}:" for kind in ("recommended", "related", "suggested", "must", "further", "popular", "trending")
    for thing in ("story", "article", "read", "reading", "post", "content", "guide", "video"))


def _shape(view: LineView) -> str:
    """A line with its numbers blanked: the lines of one template ("Post has 3 replies and 147
    likes", "Guest 11:05 a.m.") share it."""
    return _NUMBER.sub("#", view.loose)


_NUMBER = re.compile(r"\d+")
CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)")  # a time of day, even glued to a name: "Guest11:05 a.m."
LINK_BLOCK_WORDS = 20  # a link's title or teaser is no longer than this
LINK_BLOCK_LINES = 12
_LINK_LABEL_WORDS = frozenset("related recommended trending popular".split())
# A label naming the site or its section: "More From Relationships", "Popular on The Daily Heart".
_LINK_LABEL_STARTS = ("more from ", "more in ", "more on ", "popular on ", "popular in ", "editor's picks",
                      "keep reading", "most read", "most popular")
_EDIT_LINK = "[edit]"
_BULLETS = frozenset(("- ", "* ", "+ ", "\u2022 ", "\u2013 "))


def _is_link_label(view: LineView) -> bool:
    """"Related articles", "You may also like", "[Edit]Related wikiHows": a short line that
    announces a list of links to other pages."""
    if len(view.words) > 5:  # four words and a glued "[edit]"
        return False
    label = view.furniture.removeprefix(_EDIT_LINK).strip().rstrip(":").strip()
    found = words(label)
    return 0 < len(found) <= 4 and (found[0] in _LINK_LABEL_WORDS or label in _LINK_LABELS
                                    or label.startswith(_LINK_LABEL_STARTS))


def _marked_by_its_edit_link(view: LineView) -> bool:
    """"[Edit]Steps": a wiki glues its edit link to each section's heading, so the line is a heading
    the site wrote as one, unless it labels the site's links to other pages ("[Edit]Related ...")."""
    return view.furniture.startswith(_EDIT_LINK) and not _is_link_label(view)


def _link_blocks(article: ArticleLines) -> frozenset[int]:
    """The lines under a link label (``_is_link_label``): short titles and teasers that run to
    the end of the article, to the next furniture or to the next heading written like the label.
    (Where the article's text goes on after them, they were the article's own short lines.)"""
    views, order, scheme_of = article.views, article.order, article.scheme_of
    found: set[int] = set()
    for r, index in enumerate(order):
        if not _is_link_label(views[index]):
            continue
        block: list[int] = []
        bulleted = False
        for other in order[r + 1:]:
            # (The first title, which the label announces, is furniture of its own: the block goes on.)
            if article.rules.get(other, LinkAfterLabel.name) != LinkAfterLabel.name or (
                    other in scheme_of and scheme_of[other] == scheme_of.get(index)):
                break
            bullet = views[other].stripped[:2] in _BULLETS
            if bulleted and not bullet:
                break  # a list of links ends with its last item: what follows is the article again
            bulleted = bulleted or (bullet and not block)
            if len(views[other].words) > LINK_BLOCK_WORDS or len(block) == LINK_BLOCK_LINES:
                block = []
                break
            block.append(other)
        found.update(block)
    return frozenset(found)


# What a site's contents box says over its entries ("In this article", "Jump to section"). (A bare
# "Contents" may be the author's own, over a list the article keeps as text.)
_CONTENTS_LABELS = frozenset(("table of contents", "in this article", "in this post", "in this guide",
                              "on this page", "in this story", "what's inside", "article contents", "jump to",
                              "jump to section", "skip to section", "quick links", "what we'll cover"))
CONTENTS_ENTRY_WORDS = 14
# A run of this many entries is a table of contents with no label over it (a page's contents box
# whose label was an icon or an image): four lines in a row, each the next heading of the article.
MIN_UNLABELLED_CONTENTS = 4


def _contents_entries(views: Sequence[LineView], order: Sequence[int], rank: Mapping[int, int],
                      later: frozenset[int]) -> frozenset[int]:
    """The entries of a table of contents: a run of short lines each written again further down,
    in the same order, the copies standing apart from each other as headings do (each over its
    own text), under a site's contents label, or ``MIN_UNLABELLED_CONTENTS`` or more of them
    under none. The page makes its own contents; a verse or a passage quoted twice repeats lines
    that stand together both times. (The same contents printed again under the article:
    ``_contents_again``.)"""
    runs = _consecutive(sorted(rank[i] for i in later if len(views[i].words) <= CONTENTS_ENTRY_WORDS))
    runs = [run for run in runs if len(run) >= MIN_UNLABELLED_CONTENTS
            or (run[0] > 0 and views[order[run[0] - 1]].furniture.rstrip(":").strip() in _CONTENTS_LABELS)]
    if not runs:  # (most articles: nothing below is asked)
        return frozenset()
    wanted = {views[order[q]].loose for run in runs for q in run}
    ranks: dict[str, list[int]] = {}
    for r, index in enumerate(order):
        if views[index].loose in wanted:
            ranks.setdefault(views[index].loose, []).append(r)
    return frozenset(order[q] for run in runs if _copied_apart(run, [ranks[views[order[q]].loose] for q in run])
                     for q in run)


def _contents_again(views: Sequence[LineView], order: Sequence[int], copies: Mapping[str, int]) -> frozenset[int]:
    """A table of contents a page prints again under the article: a run of
    ``MIN_UNLABELLED_CONTENTS`` or more short lines each written earlier, the earlier copies in
    the run's order and standing apart from each other as headings do (``_copied_apart`` seen
    from below). ``copies``: how many lines have each loose text."""
    seen: set[str] = set()
    again: list[int] = []
    for r, index in enumerate(order):
        key = views[index].loose
        if copies[key] < 2:  # (most lines: written once)
            continue
        if key in seen and len(views[index].words) <= CONTENTS_ENTRY_WORDS:
            again.append(r)
        seen.add(key)
    runs = [run for run in _consecutive(again) if len(run) >= MIN_UNLABELLED_CONTENTS]
    if not runs:
        return frozenset()
    ranks: dict[str, list[int]] = {}
    for r, index in enumerate(order):
        ranks.setdefault(views[index].loose, []).append(r)
    return frozenset(order[q] for run in runs
                     if _copied_apart(run, [ranks[views[order[q]].loose] for q in run], above=True) for q in run)


def _consecutive(ranks: Iterable[int]) -> list[list[int]]:
    """Ascending ``ranks`` cut into runs of consecutive ones."""
    runs: list[list[int]] = []
    for r in ranks:
        if runs and runs[-1][-1] == r - 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def _copied_apart(run: Sequence[int], ranks: Sequence[Sequence[int]], *, above: bool = False) -> bool:
    """Whether the next copy of each line of ``run`` (ranks of consecutive lines; ``ranks``: the
    sorted ranks of each one's copies) stands below the run (with ``above``: the copy before it,
    above the run), in the run's order, two or more lines from the one before: a copy inside the
    run, out of order or standing with the next is no heading. One copy may stand straight under
    the one before (a part's heading over its first subsection); a passage quoted twice stands
    together both times. (Each copy is found by bisection, and the first that fails ends the
    look: a page of one line written thousands of times is one long run.)"""
    start, end, before, together = run[0], run[-1] + 1, -1, 0
    for q, copies in zip(run, ranks):
        if above:
            found = bisect.bisect_left(copies, q) - 1
            if found < 0 or copies[found] >= start:
                return False
        else:
            found = bisect.bisect_right(copies, q)
            if found == len(copies) or copies[found] < end:
                return False
        copy = copies[found]
        if copy <= before:
            return False
        together += before >= 0 and copy - before < 2
        if together > 1:
            return False
        before = copy
    return True


# "By Jane Doe", "Written by Jane Doe, LCSW | ...": the name, of two to four capitalised words.
_BYLINE_NAME = re.compile(r"\s*+(?:by|written by|author:)\s++((?-i:[A-Z])[\w.'\u2019-]*+(?:\s++(?-i:[A-Z])[\w.'\u2019-]*+){1,3})",
                          re.IGNORECASE)


MAX_AUTHORS = 4


def _bylined_names(views: Sequence[LineView], order: Sequence[int]) -> tuple[str, ...]:
    """The names the bylines among the lines at ``order`` give, as written."""
    names: dict[str, None] = {}
    for index in order:
        if views[index].lowered.startswith(("by ", "written by ", "author:")):
            match = _BYLINE_NAME.match(views[index].stripped)
            if match:
                names[match.group(1).rstrip(".,")] = None
                if len(names) == MAX_AUTHORS:  # a page of bylines (a list of posts) names no one writer
                    break
    return tuple(names)


def _form(view: LineView) -> tuple | None:
    """The form of a short label-like line: its length (one word, two or three), its script, and
    that it opens with a capital and ends with no punctuation ("Videos", "Further reading")."""
    n = len(view.words)
    text = view.stripped
    if not 1 <= n <= 3 or view.has_digit or not text[:1].isupper() or text[-1:] in ".!?,;:":
        return None
    return (min(n, 2), view.script)


def _spaced_siblings(views: Sequence[LineView], order: Sequence[int], copies: Mapping[str, int]) -> frozenset[int]:
    """The lines of a ``_form`` that stands, in at least ``MIN_SIBLINGS`` different lines, apart
    from other lines of its form: the section names of one article ("Books", ... "Videos") are
    written in one form and spaced by their sections, while a menu's or a list's lines stand in
    one run, and a site's buttons ("Next", "Close") come back."""
    forms = [_form(views[i]) if copies[views[i].loose] == 1 else None for i in order]
    seen: dict[tuple, dict[int, str]] = {}
    for r, form in enumerate(forms):
        # A section name stands over its section: the next line is no label of its own.
        if form is None or (r > 0 and forms[r - 1] == form) or r + 1 == len(forms) or forms[r + 1] is not None:
            continue
        seen.setdefault(form, {})[order[r]] = views[order[r]].loose
    return frozenset(chain.from_iterable(
        found for found in seen.values() if len(set(found.values())) >= MIN_SIBLINGS))


def _is_prose(view: LineView) -> bool:
    """A line written as a sentence of the text: closed by . ! or ?, in more than one word, with
    no number in it (a stamp's "1:19 p.m." closes with a dot too)."""
    return len(view.words) >= 2 and not view.has_digit and view.stripped.rstrip("*_\"'\u201d\u2019 ")[-1:] in ".!?"


def _refrains(views: Sequence[LineView], order: Sequence[int], copies: Mapping[str, int]) -> frozenset[str]:
    """The repeated lines that are short sentences of the text ("Start small.") each copy of which
    the article's prose follows: an author's refrain, where a site's repeated prompt ("Read more",
    "Advertisement") is no sentence."""
    found: dict[str, bool] = {}
    for r, index in enumerate(order):
        view = views[index]
        if copies.get(view.loose, 1) < 2 or found.get(view.loose) is False:
            continue
        following = views[order[r + 1]] if r + 1 < len(order) else None
        found[view.loose] = _is_prose(view) and following is not None and _is_prose(following)
    return frozenset(text for text, ok in found.items() if ok)


class LineView:
    """One body line, read once for every rule and feature that looks at it.

    ``shown`` is the line as its reader sees it: the words a line of inline Markdown shows
    (``<p>Call someone today.</p>`` shows ``Call someone today.``), else the line itself; the
    furniture features read its shape (how it opens and closes) from it, and the rules its words
    (a link's address is no word of its line). ``lowered`` is the shown line with straight
    quotes, in lower case; ``words`` its words and ``furniture`` the same
    without edge markup (``**Share this**`` reads ``share this``); ``loose`` is ``text.loose``
    of the shown line (how copies of a line are recognised); ``script`` the writing system of
    its letters (``script_of``)."""

    __slots__ = ("text", "stripped", "shown", "lowered", "words", "furniture", "loose", "has_digit", "script")

    def __init__(self, text: str, *, shown: str | None = None) -> None:
        self.text = text
        self.stripped = text.strip()
        self.shown = self.stripped if shown is None else shown.strip()
        self.lowered = _plain_quotes(self.shown).lower()
        self.words = words(self.lowered)
        self.furniture = self.lowered.strip("*_#>").strip()
        self.loose = loose(text if shown is None else shown)
        self.has_digit = _DIGIT.search(text) is not None
        # (The shown line's letters, its quotes made straight: more lines are plain ASCII, told at once.)
        self.script = script_of(self.lowered)

    @property
    def named_words(self) -> frozenset[str]:
        """The words other than numbers ("5 min read" is named by "min" and "read")."""
        return frozenset(w for w in self.words if not w.isdigit())


_BLANK = LineView("")


@dataclass(frozen=True)
class ArticleLines:
    """The lines of an article and what the whole article says about each: the non-blank ones
    in order, how often each loose text occurs, the article's language and script, and the rule
    (``build_noise_filters``) that names a line furniture for sure, where one does."""

    lines: Sequence[SourceLine]
    views: Sequence[LineView]
    order: tuple[int, ...]  # indexes of the non-blank lines
    rank: Mapping[int, int]  # index -> position among the non-blank lines
    copies: Mapping[str, int]  # loose text -> how many lines have it
    later_copy: frozenset[int]  # lines whose loose text occurs again further down
    language: str = "en"  # the language most common words come from
    script: str = "LATIN"  # the script most lines are written in
    mixed_scripts: bool = False  # a fifth or more of the lines are in another script than most
    schemes: Mapping[str, int] = field(default_factory=dict)  # lines per heading scheme
    scheme_of: Mapping[int, str] = field(default_factory=dict)  # index -> heading_scheme, where one
    markup: frozenset[int] = frozenset()  # lines of markup alone (_is_markup)
    first_text: int = 0  # the rank of the first line that is not markup alone (a cover image may stand above)
    drop: frozenset[str] = frozenset()  # the loose lines the editor listed under ``drop``
    keep: frozenset[str] = frozenset()  # the loose lines the editor listed under ``keep``
    shapes: Mapping[str, int] = field(default_factory=dict)  # a line's shape (_shape) -> how many lines have it
    link_blocks: frozenset[int] = frozenset()  # the lines of a block of links under a "Related" label
    siblings: frozenset[int] = frozenset()  # short lines spaced like the article's section names
    refrains: frozenset[str] = frozenset()  # repeated short sentences each copy of which prose follows
    written_markdown: bool = False  # ``RawArticle.written_markdown``
    rules: Mapping[int, str] = field(default_factory=dict)  # index -> the first rule that names it
    sure: frozenset[int] = frozenset()  # the ranks of the lines dropped for sure (_furniture_for_sure)
    contents: frozenset[int] = frozenset()  # the entries of a table of contents (_contents_entries)
    page_parts: Mapping[int, str] = field(default_factory=dict)  # index -> its rule (PagePart.find)

    @classmethod
    def of(cls, raw: RawArticle, filters: Sequence[NoiseFilter] | None = None) -> ArticleLines:
        """Read ``raw``'s lines, then ask each rule of ``filters`` (by default
        ``build_noise_filters()``) about each non-blank line, in order; the first that says yes
        names the line."""
        # In Markdown its author wrote, a line is compared by the words it shows: a contents
        # list's "1. [Why I stayed](#why-i-stayed)" is a copy of the heading "## Why I stayed".
        authored = raw.written_markdown
        views = [(LineView(line.text, shown=markdown_text(line.text)) if authored else LineView(line.text))
                 if line.text.strip() else _BLANK for line in raw.lines]
        order = tuple(i for i, v in enumerate(views) if v.stripped)
        copies = Counter(views[i].loose for i in order)
        last_seen = {views[i].loose: i for i in order}
        later = frozenset(i for i in order if views[i].loose and last_seen[views[i].loose] != i)
        scripts = Counter(views[i].script for i in order if views[i].script)
        ranked = scripts.most_common()
        second = ranked[1][1] if len(ranked) >= 2 else 0
        votes = _votes(Counter(filter(_ANY_STOP_WORD.__contains__, chain.from_iterable(views[i].words for i in order))))
        language = max(votes, key=lambda lang: (votes[lang], lang == "en"))
        scheme_of = {i: scheme for i in order if (scheme := heading_scheme(views[i].stripped)) is not None}
        rank = {i: r for r, i in enumerate(order)}
        article = cls(
            lines=raw.lines, views=views, order=order, rank=rank, copies=copies,
            later_copy=later, language=language if votes[language] else "en",
            script=ranked[0][0] if ranked else "LATIN",
            mixed_scripts=second >= MIN_BILINGUAL_LINES and second * 5 >= len(order),
            schemes=dict(Counter(scheme_of.values())), scheme_of=scheme_of,
            markup=(markup := frozenset(i for i in order if _is_markup(views[i].stripped)
                                        or (authored and _is_markdown_markup(views[i].stripped)))),
            first_text=next((r for r, i in enumerate(order) if i not in markup), 0),
            drop=frozenset(loose(d) for d in raw.overrides.drop),
            keep=frozenset(loose(k) for k in raw.overrides.keep),
            shapes=Counter(_shape(views[i]) for i in order if views[i].has_digit),
            siblings=_spaced_siblings(views, order, copies), refrains=_refrains(views, order, copies),
            written_markdown=authored,
            contents=(contents := _contents_entries(views, order, rank, later) | _contents_again(views, order, copies)),
            page_parts=PagePart.find(views, order, contents),
        )
        asked = [f for f in (_default_filters() if filters is None else filters) if f.applies(article)]
        rules = {}
        for index in order:  # each rule sees the article as read, not the other rules' answers
            for noise_filter in asked:
                if noise_filter.test(index, article):
                    rules[index] = noise_filter.rule(index, article)
                    break
        article = replace(article, rules=rules)
        article = replace(article, link_blocks=_link_blocks(article))
        # In Markdown its author wrote, a line of markup (a shortcode wrapping a tip, an include)
        # is the author's own, no sign of the site's furniture around it as in a scraped page.
        sure = frozenset(r for r, i in enumerate(order)
                         if _furniture_for_sure(i, article) and not (authored and i in article.markup))
        return replace(article, sure=sure)

    def neighbour(self, index: int, step: int) -> int | None:
        """The non-blank line ``step`` lines below (above, when negative) the one at ``index``."""
        r = self.rank[index] + step
        return self.order[r] if 0 <= r < len(self.order) else None
class NoiseFilter:
    """One certain rule for page furniture: ``test`` says whether the line at ``index`` of the
    article is furniture, from the line and the article alone (it changes nothing), and
    ``rule`` names what it found in a line it says yes to."""

    name = "noise"

    def test(self, index: int, article: ArticleLines) -> bool:
        raise NotImplementedError

    def rule(self, index: int, article: ArticleLines) -> str:
        return self.name

    def applies(self, article: ArticleLines) -> bool:
        """Whether ``test`` may say yes to any line of the article (a rule that knows it cannot
        is not asked line by line)."""
        return True

    @property
    def names(self) -> tuple[str, ...]:
        """Every name ``rule`` may give."""
        return (self.name,)


class EditorDrop(NoiseFilter):
    """Lines the editor listed under ``drop`` in the front matter."""

    name = "editor-drop"

    def test(self, index: int, article: ArticleLines) -> bool:
        return article.views[index].loose in article.drop

    def applies(self, article: ArticleLines) -> bool:
        return bool(article.drop)


class Markup(NoiseFilter):
    """A whole line of markup no page shows as text: an HTML comment or tag line (a leaked
    ``<style>`` block), a kramdown attribute list (``{: .class}``), a Liquid tag (``{% ... %}``),
    a wiki link (``[[page|label]]``), an MDX post's ``import``/``export`` line, or a rule made of
    ``*``, ``-``, ``_`` or ``=``."""

    name = "markup"
    SEPARATOR = frozenset("*-_=~#. \t\u00b7\u2022|")
    DOTS = frozenset("\u00b7\u2022|")  # a dot alone between a byline's items: "Jane Doe", "·", "5 min read"

    def test(self, index: int, article: ArticleLines) -> bool:
        text = article.views[index].stripped
        return index in article.markup or ((len(text) >= 2 or text in self.DOTS) and self.SEPARATOR.issuperset(text))


class LeakedFrontMatter(NoiseFilter):
    """A blog post's front matter printed as text, its keys run together on one line near the top
    ("title: "How I Left" date: 2018-04-21 tags: ..."): its engine did not read it (a blank line
    or another mark came before its opening ``---``; Hugo's ``+++``). Its title is the article's
    (``front_matter_title``). The lines its lists and later keys were printed on ("tags:", "life",
    "thumbnail: https://...") go with it."""

    name = "front-matter"
    TOP_LINES = 3
    MAX_LINES = 15  # its lines, the opening one and those of its lists and later keys

    def test(self, index: int, article: ArticleLines) -> bool:
        rank = article.rank[index]
        if rank >= self.MAX_LINES:
            return False
        if rank < self.TOP_LINES and is_leaked_front_matter(article.views[index].stripped):
            return True
        for r in range(rank, -1, -1):
            view = article.views[article.order[r]]
            if r < rank and r < self.TOP_LINES and is_leaked_front_matter(view.stripped):
                return True
            if not _front_matter_item(view):
                return False
        return False

    def applies(self, article: ArticleLines) -> bool:
        return any(is_leaked_front_matter(article.views[i].stripped) for i in article.order[:self.TOP_LINES])


def _front_matter_item(view: LineView) -> bool:
    # A key's line ("tags:", "thumbnail: https://...") or a list's value ("life", "self-care").
    text = view.stripped
    return _KEY_LINE.match(text) is not None or (
        1 <= len(view.words) <= 3 and text[:1].islower() and text[-1:] not in ".!?")


_KEY_LINE = re.compile(r"[a-z][a-z0-9_]*:(?:\s|$)")


# Keys every blog engine's front matter uses, as "key:" (YAML) or "key =" (TOML).
_FRONT_MATTER_KEYS = ("title", "date", "layout", "tags", "categories", "author", "permalink", "permlink", "slug",
                      "draft", "description", "summary", "excerpt", "thumbnail", "image", "cover", "published",
                      "lastmod", "keywords", "type", "lang")
# (Pelican's and MultiMarkdown's metadata write them capitalised: "Title: ... Date: ...".)
_FRONT_MATTER_KEY = re.compile(r"(?:^|\s)(" + "|".join(_FRONT_MATTER_KEYS) + r")(?::|\s=)\s", re.IGNORECASE)
_FRONT_MATTER_TITLE = re.compile(
    r"(?:^|\s)title(?::|\s=)\s*(?:\"([^\"]+)\"|'([^']+)'|(.+?)(?=\s[A-Za-z_]+(?::|\s=)\s|$))", re.IGNORECASE)
MIN_FRONT_MATTER_KEYS = 2


def is_leaked_front_matter(text: str) -> bool:
    """Whether a line is front matter printed as text: it opens with a key (perhaps after the
    ``---`` or ``+++`` that opened it) and names two or more of the keys engines use."""
    body = text.lstrip("-+ ")
    opening = _FRONT_MATTER_KEY.match(body)
    return opening is not None and len({m.group(1).lower() for m in _FRONT_MATTER_KEY.finditer(body)}) >= MIN_FRONT_MATTER_KEYS


def front_matter_title(text: str) -> str | None:
    """The title a leaked front matter line names (``LeakedFrontMatter``), without its quotes."""
    found = _FRONT_MATTER_TITLE.search(text.lstrip("-+ "))
    if found is None:
        return None
    return " ".join((found.group(1) or found.group(2) or found.group(3) or "").split()) or None


class TemplateField(NoiseFilter):
    """A field of a page's template left unfilled: a label and a bracketed note of what goes
    there ("Last Updated: [Current Date]", "Reviewed by: [Expert Name]"). (A placeholder alone,
    "[Author bio]", is a kind of ``FURNITURE``.)"""

    name = "template-field"
    FIELD = re.compile(r"[^\[\]:]{1,30}:\s*\[[A-Za-z][A-Za-z .'-]{2,40}\]")

    def test(self, index: int, article: ArticleLines) -> bool:
        text = article.views[index].stripped
        return text.endswith("]") and self.FIELD.fullmatch(text) is not None

    def applies(self, article: ArticleLines) -> bool:
        return any(article.views[i].stripped.endswith("]") for i in article.order)


class Stamp(NoiseFilter):
    """A category and date/time stamp, e.g. ``Facts 01/02/2026 22:54`` or ``Health | May 3, 2025``.
    The date is kept as the article's date."""

    name = "stamp"
    MAX_OTHER_WORDS = 4
    LABELS = frozenset("published updated posted last modified on by at date time".split())
    CLOSING_STOP = re.compile(r"[.!?]\s*$")

    def test(self, index: int, article: ArticleLines) -> bool:
        view = article.views[index]
        if not view.has_digit:  # no date without a digit
            return False
        text = view.text
        found = find_date(text)
        if not found:
            return MONTH_AND_YEAR.fullmatch(view.stripped) is not None  # a dateline: "January 2015"
        rest = _TIME.sub(" ", text.replace(found[1], " "))
        rest_words = [w for w in words(rest) if w.lower() not in self.LABELS and not w.isdigit()]
        if len(rest_words) > self.MAX_OTHER_WORDS or self.CLOSING_STOP.search(rest.strip()):
            return False
        return True


class Byline(NoiseFilter):
    """An author line such as ``By Jane Doe`` (two to four capitalised names), perhaps with
    credentials or a second author (``By Jane Doe, LMFT``, ``By Jane Doe and Sam Lee``), or the
    time the article takes to read (``By Jane Doe \u00b7 6 min read``)."""

    name = "byline"
    # Possessive runs: spaces after the name cannot be given back, so a line of them costs one scan.
    _NAME = r"[A-Z][\w.'\u2019-]*+(?:\s++[A-Z][\w.'\u2019-]*+){0,3}"
    # (A reading time may follow the name: "By Jane Doe \u00b7 6 min read"; a blog prints its own
    # byline with the time of the post: "Posted by Jane Doe at 9:12 PM".)
    _READING_TIME = r"(?:\s*+[\u00b7\u2022|,\u2013\u2014-]\s*+\d{1,2}\s*+-?\s*+min(?:ute)?s?\.?\s++read)?"
    _POSTED_AT = r"(?:\s++at\s++\d{1,2}:\d\d\s*+(?:[ap]\.?m\.?)?)?"
    # A forum or a social site names its writer by a handle and tells the time from now:
    # "Posted by u/quietleaf 2 years ago", "by @janedoe".
    _HANDLE = r"(?:u/|@)[\w-]{2,40}"
    _AGO = r"(?:\s++\d{1,3}\s*+(?:years?|yrs?\.?|months?|mos?\.?|weeks?|wks?\.?|days?|hours?|hrs?\.?|minutes?|mins?\.?)\s++ago)?"
    PATTERN = re.compile(rf"^\s*+(?:by|written by|posted by|author:)\s++((?:{_NAME}|{_HANDLE})(?:\s*+(?:,|and|&)\s*+{_NAME}){{0,3}})"
                         rf"{_READING_TIME}{_POSTED_AT}{_AGO}\s*+$", re.IGNORECASE)
    JOINING = frozenset({"and", "&"})

    def test(self, index: int, article: ArticleLines) -> bool:
        match = self.PATTERN.match(article.views[index].text)
        return bool(match) and all(w[0].isupper() or w.startswith(("u/", "@"))
                                   for w in match.group(1).replace(",", " ").split() if w.lower() not in self.JOINING)


class PipedByline(NoiseFilter):
    """An author line with credentials or a reviewer, set apart by ``|``:
    ``By Jane Doe, LCSW | Medically reviewed by Dr. Sam Lee``."""

    name = "byline-with-credentials"
    PATTERN = re.compile(r"^\s*+(?:by|written by)\s++(?-i:[A-Z])[\w.'\u2019-]*+(?:\s++(?-i:[A-Z])[\w.'\u2019-]*+){0,3}\s*+(?:,[^|]{1,30})?\s*+\|", re.IGNORECASE)
    # Clinic and health sites name the expert who checked the page on a line of its own.
    REVIEWED = re.compile(r"^\s*(?:medically |clinically |expert[- ])?(?:reviewed|fact[- ]checked)\s+by\s+(?-i:[A-Z])", re.IGNORECASE)
    MAX_WORDS = 20

    def test(self, index: int, article: ArticleLines) -> bool:
        view = article.views[index]
        if "by" not in view.lowered:
            return False  # (both patterns need it: most lines are turned away by this plain look)
        return bool(self.PATTERN.match(view.text) or self.REVIEWED.match(view.text)) and (
            len(view.words) <= self.MAX_WORDS
        )


class ContentsLink(NoiseFilter):
    """An entry of a table of contents: a line that is only a link to a place on the same page
    ("1. [Why I stayed](#why-i-stayed)", "- [Signs](#signs)"), as Markdown writes one. The page
    makes its own contents from its headings."""

    name = "contents-link"
    LINK = re.compile(r"(?:[-*+]\s+|\d{1,3}[.)]\s+)?\[[^\]]{1,200}\]\(#[^()\s]{0,200}\)")

    def test(self, index: int, article: ArticleLines) -> bool:
        text = article.views[index].stripped
        return "](#" in text and self.LINK.fullmatch(text) is not None

    def applies(self, article: ArticleLines) -> bool:
        return any("](#" in article.views[i].stripped for i in article.order)


class Breadcrumb(NoiseFilter):
    """A category path: two or more short capitalised labels between ``|``, ``>``, ``›`` or ``»``
    (``Self | Wellness``, ``Home > Blog > Relationships``). A title or heading is one phrase, not a
    path of labels."""

    name = "breadcrumb"
    SEPARATORS = "|>\u203a\u00bb"
    SEPARATOR = re.compile(rf"\s+[{re.escape(SEPARATORS)}]\s+")
    MAX_LABEL_WORDS = 3

    def test(self, index: int, article: ArticleLines) -> bool:
        text = article.views[index].stripped
        if "|" not in text and ">" not in text and "\u203a" not in text and "\u00bb" not in text:
            return False  # one label: not a path (asked of every line: four plain looks)
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
    MAX_LEAD_IN_WORDS = 16
    # Bounded parts (an address's local part is at most 64 characters): linear on any line.
    EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
    PHONE = re.compile(r"(?<![\d/])(?:\+?\d{1,3}[\s.-])?(?:\(\d{2,4}\)\s?)?\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{3,4})?(?![\d/])")
    YEARS = re.compile(r"(?:19|20)\d\d\s?-\s?(?:19|20)\d\d")
    SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
    BOOKING = frozenset("schedule book booking session sessions consultation appointment appointments "
                        "enquiries enquiry inquiries clinic practice".split())
    INVITATIONS = ("book ", "subscribe", "sign up", "join ", "download ", "grab ", "get my ", "get your ",
                   "register ", "enrol", "enroll", "dm ", "email ", "message me", "contact ")

    def test(self, index: int, article: ArticleLines) -> bool:
        view = article.views[index]
        lowered = view.words
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
        if len(lowered) <= self.MAX_LEAD_IN_WORDS and text[-1:] not in ".!?" and ("." in text or "!" in text or "?" in text):
            sentences = [p.strip() for p in self.SENTENCE_BREAK.split(text) if p.strip()]
            if len(sentences) >= 2:
                last = sentences[-1].lower()
                return last.startswith(self.INVITATIONS) and last[-1:] not in ".!?"
        return False


@dataclass(frozen=True)
class FurnitureKind:
    """A kind of site furniture: lines that start with one of ``starts`` (and are at most
    ``max_words`` long), lines that are one of ``lines`` whole (a button: "Sign in", "Post Comment";
    as the line is written, so a sentence of the article, "Keep reading.", is not one), or short
    lines made only of ``vocabulary`` words with one of ``core``."""

    rule: str
    starts: tuple[str, ...] = ()
    ends: frozenset[str] = frozenset()  # words of a bracketed credit closing the line: "... (Supplied)"
    max_words: int = 16
    vocabulary: frozenset[str] = frozenset()
    core: frozenset[str] = frozenset()
    max_vocabulary_words: int = 7
    lines: frozenset[str] = frozenset()


# The furniture of news, magazine and clinic pages. Each entry is data: what such lines start
# with, and the words a short navigation line is made of.
FURNITURE: tuple[FurnitureKind, ...] = (
    FurnitureKind(
        "media-caption",
        starts=("watch:", "watch now", "watch the video", "video:", "photo:", "photos:", "image:", "image credit",
                "photo credit", "photo by", "photograph by", "image by", "picture by", "picture:", "illustration:",
                "pictured:", "(getty images", "getty images", "illustration by", "photo illustration",
                "stock photo", "stock image", "posed by model", "(posed by model", "photo courtesy", "image courtesy",
                "(photo", "(image", "credit:", "shutterstock", "istock", "click to play", "play video",
                "listen to this article", "listen to this story", "audio:"),
        max_words=20,
        vocabulary=frozenset("getty images image photo photos video credit shutterstock istock afp reuters ap "
                             "via illustration unsplash pexels pixabay".split()),
        core=frozenset("getty shutterstock istock image photo video".split()),
        # A caption often carries no "Photo:" prefix, only a credit in brackets at its end.
        ends=frozenset("supplied stock image images photo photograph picture file handout getty istock "
                       "shutterstock pictured credit courtesy afp reuters ap".split()),
    ),
    FurnitureKind(
        "source-credit",
        starts=("source:", "sources:", "via ", "via:", "originally published", "this article was originally",
                "this story was originally", "reporting by", "additional reporting", "edited by", "(source",
                "from wikipedia, the free encyclopedia"),
        max_words=14,
    ),
    FurnitureKind(
        "recommended-link",
        starts=("recommended:", "recommended for you", "you may also like", "you might also like", "read more",
                "read also", "also read", "read next", "related:", "related articles", "related posts",
                "related stories", "related news", "see also", "more from", "more stories", "don't miss",
                "trending:", "popular:", "most read", "next article", "previous article", "next post",
                "previous post", "continue reading", *_LINK_LABELS_BEFORE_A_TITLE),
        lines=frozenset(("keep reading", "load more", "show more", "see more", "view all", "see all", "more stories",
                         "editor's picks", "similar threads", "similar posts", "similar articles", "ready for more?",
                         "newer post older post home")),
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
                "sign up for our", "sign up to our", "join our newsletter", "thanks for reading! subscribe",
                "subscribe for free to receive new posts", "not the answer you're looking for", "follow us", "like us on",
                "get our newsletter", "newsletter:", "leave a comment", "comments (", "print this", "email this"),
        max_words=20,
        vocabulary=frozenset("share facebook twitter x whatsapp pinterest linkedin email print copy link "
                             "subscribe newsletter follow us on comments comment tweet save".split()),
        core=frozenset("share facebook twitter whatsapp pinterest linkedin subscribe newsletter tweet comments".split()),
        max_vocabulary_words=8,
        # A sign-up box and a post's buttons, line by line. (A verb alone, "Listen" or "Share",
        # may be a step of the article: the judge weighs those.)
        lines=frozenset(("pin", "pin it", "clap", "bookmark", "sign up", "sign in", "log in", "enter your email",
                         "enter your email address", "your email address", "email address", "type your email",
                         "type your email...", "type your email\u2026", "thanks for subscribing", "thanks for subscribing!",
                         "get the app", "open in app", "subscribe now", "already a subscriber? sign in",
                         "already have an account? sign in", "already have an account? log in", "restacks",
                         "discussion about this post", "member-only story", "improve this question",
                         "improve this answer", "sorted by:", "highest score (default)")),
    ),
    FurnitureKind(
        # The health site's legal small print under an article, not the article's advice.
        "disclaimer",
        starts=("disclaimer:", "medical disclaimer", "this article is for informational purposes",
                "this content is for informational purposes", "this article is for general information",
                "the information in this article is not", "this article is not a substitute",
                "this content is not a substitute", "this article does not constitute",
                "the content on this site is not", "the content on this website is not", "the content of this site",
                "the information on this site", "the information on this website", "the information provided on this",
                "the information contained in this", "always seek the advice of", "this site is not intended",
                # an affiliate note: the page earns from its links
                "this post contains affiliate", "this post may contain affiliate", "this article contains affiliate",
                "this article may contain affiliate", "this page contains affiliate", "this page may contain affiliate",
                "we may earn a commission", "we may receive a commission", "as an amazon associate",
                # how a health site says it checks its pages
                "how we reviewed this article", "our editorial process", "our experts continually monitor",
                "this article has been written and researched", "this article was written and researched",
                "this article has been reviewed", "this article was reviewed", "this article has been fact-checked",
                "this article was fact-checked", "this article has been medically reviewed",
                "this article was medically reviewed"),
        max_words=60,
    ),
    FurnitureKind(
        "advertisement",
        starts=("advertisement", "sponsored", "ad:", "promoted", "paid content", "story continues below",
                "paid partnership", "scroll to continue", "article continues below"),
        max_words=8,
        vocabulary=frozenset("advertisement ad sponsored content promoted paid partner".split()),
        core=frozenset("advertisement sponsored ad promoted".split()),
    ),
    FurnitureKind(
        "site-navigation",
        starts=("tags:", "tagged:", "tagged with", "filed under", "categories:", "category:", "home >", "home \u00bb",
                "home /", "home \u203a", "back to top", "skip to content", "skip to main content", "table of contents",
                # a news page's pointer to the video or gallery further down it
                "scroll down for", "scroll down to see", "scroll down to watch",
                "jump to:", "in this article:", "jump to navigation", "jump to search", "jump to section",
                "this page was last edited", "this page was last modified", "retrieved from \"http",
                # a wiki's note pointing to another page, over a section
                "main article:", "further information:",
                # a newspaper's note on its printed edition
                "a version of this article appears in print"),
        max_words=20,
        vocabulary=frozenset("home menu search back to top skip content main navigation login log in min mins "
                             "minute minutes read reading time most popular viewed shared editor's picks "
                             # "Updated 3 hours ago": a relative time stamp with no date in it
                             "updated published posted ago hour hours day days week weeks "
                             # ... and as forums shorten it ("2 yr. ago", "5 hr. ago")
                             "yr yrs hr hrs mo mos wk wks mins "
                # "Asked 2 years ago", "Modified 1 year ago": a question site's stamps
                "asked modified answered edited month months year years".split()),
        lines=frozenset(("sitemap", "site map", "terms of service", "terms of use", "terms and conditions",
                         "privacy policy", "cookie policy", "about us", "contact us", "advertise with us")),
        core=frozenset("home menu search skip login navigation min mins minute minutes popular viewed ago".split()),
    ),
    FurnitureKind(
        # A newsletter's envelope, kept when an email is saved or pasted as an article.
        "email-envelope",
        starts=("view this email in your browser", "view this email in a browser", "view this email online",
                "view in browser", "view it in your browser", "view online version", "having trouble viewing this",
                "trouble viewing this email", "forward this email", "forward this to a friend", "forward to a friend",
                "was this email forwarded to you", "you are receiving this", "you're receiving this",
                "you received this email", "you are subscribed to", "unsubscribe", "update your preferences",
                "update preferences", "manage your preferences", "manage preferences", "manage your subscription",
                "no longer want to receive"),
        max_words=30,
    ),
    FurnitureKind(
        # A page's question about itself, with its buttons.
        "feedback-prompt",
        starts=("was this article helpful", "was this helpful", "was this page helpful", "was this post helpful",
                "did you find this article helpful", "did you find this helpful", "did you find this page helpful",
                "rate this article", "rate this post", "how helpful was this"),
        max_words=14,
    ),
    FurnitureKind(
        # (A start is a whole word: "copyright" opens "Copyright 2024 ..." and "Copyright \u00a9 ...".)
        "copyright",
        starts=("copyright", "\u00a9", "all rights reserved"),
        max_words=30,
    ),
    FurnitureKind(
        "cookie-banner",
        starts=("we use cookies", "this site uses cookies", "we value your privacy", "we care about your privacy",
                "your privacy matters", "this website stores cookies", "this website uses cookies", "accept all cookies",
                "accept cookies", "cookie settings", "cookie policy", "manage cookies", "by continuing to use"),
        max_words=40,
        vocabulary=frozenset("accept all cookies cookie settings reject manage preferences ok got it".split()),
        core=frozenset("cookies cookie".split()),
        lines=frozenset(("reject all", "accept all", "ok, got it", "got it!", "i agree")),
    ),
    FurnitureKind(
        # A template's placeholder left in the page: "[Insert image here]", "[Author bio]".
        "placeholder",
        starts=("[insert ", "[image", "[photo", "[picture", "[video", "[embed", "[caption", "[author bio",
                "[placeholder", "[ad]", "[advertisement", "[tk]", "[todo", "[add "),
        max_words=8,
    ),
    FurnitureKind(
        # A blog's comment form and the replies under it (WordPress prints these words).
        "comment-form",
        starts=("leave a reply", "your email address will not be published", "your email will not be published",
                "required fields are marked", "save my name, email", "notify me of follow-up comments",
                "notify me of new posts", "notify me of new comments", "you must be logged in to post a comment",
                "comments are closed", "join the discussion", "join the conversation", "add a comment",
                "post a comment", "cancel reply", "log in to reply", "this site uses akismet", "load more comments",
                "view comments", "show comments", "you must log in or register", "subscribe to: post comments"),
        max_words=30,
        lines=frozenset(("post comment", "submit comment", "name *", "email *", "comment *", "website *",
                         "name (required)", "email (required)", "mail (will not be published)", "reply \u2193")),
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
    """Site furniture of the kinds of ``FURNITURE`` (prompts, captions, credits, links, calls to
    action), named by the first kind that matches the line."""

    def __init__(self, kinds: Sequence[FurnitureKind] = FURNITURE) -> None:
        self.kinds = tuple(kinds)
        # The kinds' openings grouped by their first character: a line is compared with the few
        # that open as it does, not with all of them (every line of every article is asked).
        self.starts: dict[str, tuple[str, ...]] = {}
        for start in (start for kind in self.kinds for start in kind.starts):
            self.starts[start[:1]] = (*self.starts.get(start[:1], ()), start)
        self.vocabulary_words = max((kind.max_vocabulary_words for kind in self.kinds if kind.vocabulary), default=0)
        self.vocabulary = frozenset().union(*(kind.vocabulary for kind in self.kinds))
        self.lines = frozenset().union(*(kind.lines for kind in self.kinds))
        self.line_words = max((len(words(line)) for line in self.lines), default=0)

    def test(self, index: int, article: ArticleLines) -> bool:
        return self._kind(article.views[index]) is not None

    def rule(self, index: int, article: ArticleLines) -> str:
        return self._kind(article.views[index]).rule  # type: ignore[union-attr]

    def _kind(self, view: LineView) -> FurnitureKind | None:
        count = len(view.words)
        if not count:
            return None
        # Most lines neither start like a kind, nor close with a credit, nor are made of site
        # words alone: no kind takes them.
        lowered = view.furniture
        named = view.named_words if count <= self.vocabulary_words else frozenset()
        if not (lowered.startswith(self.starts.get(lowered[:1], ())) or lowered.endswith((")", "]")) or (named and self.vocabulary.issuperset(named))
                or (count <= self.line_words and (lowered in self.lines or view.lowered in self.lines))):
            return None
        if count <= 3 and is_reference_label(view.stripped):
            return None  # "Sources:" alone labels the works the article cites; "Source: Reuters" credits a photo
        return next((kind for kind in self.kinds if _is_kind(view, named, kind)), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(kind.rule for kind in self.kinds)


def _is_kind(view: LineView, named: frozenset[str], kind: FurnitureKind) -> bool:
    if view.furniture in kind.lines or view.lowered in kind.lines:
        return True  # ("Name *": the form's mark of a field it needs is part of the line)
    count = len(view.words)
    if count <= kind.max_words:
        if kind.starts and _opens_with(view.furniture, kind.starts):
            return True
        if kind.ends and _credit_closes(view.furniture, kind.ends):
            return True
    # Short lines made only of the site's words: "News Post", "Share on Facebook", "(Getty Images)".
    # (One such word alone may be a section's name, "Stories": the judge weighs it.)
    if kind.vocabulary and 2 <= count <= kind.max_vocabulary_words:
        # ``named``: the words but numbers ("5 min read": numbers say nothing)
        return bool(named) and kind.vocabulary.issuperset(named) and not kind.core.isdisjoint(named)
    return False


def _credit_closes(lowered: str, credits: frozenset[str]) -> bool:
    # The credit opens the brackets: "(Stock image)", "(Photo: Jane Doe)"; "(not even a
    # picture)" is the writer's aside. The view is stripped, so the bracket must close it.
    if not lowered.endswith((")", "]")):
        return False
    credit = _CLOSING_BRACKET.search(lowered)
    first = words(credit.group(1))[:1] if credit else []
    return bool(first) and first[0] in credits


class PagePart(NoiseFilter):
    """The page's parts around the article, each known by what the article holds elsewhere or by
    a shape of its own: an entry of a table of contents written as plain lines
    (``_contents_entries``), the writer's bio (``is_author_bio``), the heading of the comments
    ("14 thoughts on \"...\"", "One response to ..."), the two buttons that answer a page's
    question about itself ("Yes" and "No") and the fields of the form under them ("How could this
    page be more helpful? (optional)")."""

    name = "contents-entry"
    BIO = "author-bio"
    COMMENTS = "comments-heading"
    BUTTONS = "answer-buttons"
    FORM_FIELDS = 3  # fields of the form under the buttons looked at
    MAX_WORDS = 80
    AFTER_NAME = (" is ", " has ", " writes ", " lives ", ", ", " (", " covers ", " was ")
    AFTER_FIRST_NAME = (" is a ", " is an ", " is the ", " has written ", " writes about ", " has been writing ")
    COUNTED = frozenset("thought thoughts response responses comment comments reply replies reaction reactions".split())
    COMMENTS_HEADING = re.compile(r"(?:\d+|one|no)\s+\w+\s+(?:on|to)\s+[\"']")  # the post's title in quotes

    # What a byline or the comments' heading opens with: only such lines are looked at twice.
    OPENINGS = ("by ", "written by ", "author:", "one ", "no ", *"0123456789")
    FIRST_LETTERS = "".join({start[0] for start in OPENINGS})  # (one look rules out most lines)

    def test(self, index: int, article: ArticleLines) -> bool:
        return index in article.page_parts  # (found once for the article, by ``find``)

    def applies(self, article: ArticleLines) -> bool:
        return bool(article.page_parts)

    def rule(self, index: int, article: ArticleLines) -> str:
        return article.page_parts[index]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.BIO, self.COMMENTS, self.BUTTONS)

    @classmethod
    def find(cls, views: Sequence[LineView], order: Sequence[int], contents: frozenset[int]) -> dict[int, str]:
        """The page's parts of the article's lines, by line, with the rule that names each."""
        parts = dict.fromkeys(contents, cls.name)
        for r in range(len(order) - 1):
            if views[order[r]].furniture in ("yes", "no") and {views[order[r]].furniture, views[order[r + 1]].furniture} == {"yes", "no"}:
                parts.update(dict.fromkeys(order[r:r + 2], cls.BUTTONS))
                for field in order[r + 2:r + 2 + cls.FORM_FIELDS]:
                    if not views[field].furniture.endswith(("(optional)", "(required)")):
                        break
                    parts[field] = cls.BUTTONS
        first = cls.FIRST_LETTERS
        opening = [i for i in order if views[i].lowered[:1] in first and views[i].lowered.startswith(cls.OPENINGS)]
        for i in opening:
            found = views[i].words
            if len(found) >= 3 and found[1] in cls.COUNTED and cls.COMMENTS_HEADING.match(views[i].furniture):
                parts.setdefault(i, cls.COMMENTS)
        authors = _bylined_names(views, opening)
        if authors:
            firsts = tuple(name.split()[0] for name in authors)
            starts = (*authors, *firsts, "About ", "about ", "ABOUT ")
            for i in order:
                if views[i].stripped.lstrip("*_ ").startswith(starts) and cls.is_author_bio(views[i], authors):
                    parts.setdefault(i, cls.BIO)
        return parts

    @classmethod
    def is_author_bio(cls, view: LineView, authors: Sequence[str]) -> bool:
        """The note about the writer a site prints under (or over) the article: a line opening
        with the name its byline gives ("Jane Doe is a writer...", "About Jane Doe") or with her
        first name and what she is ("Jane is a counsellor..."). The article speaks of its writer
        as "I"."""
        if len(view.words) > cls.MAX_WORDS:
            return False
        text = view.stripped.strip("*_ ")
        if text.lower().startswith("about "):
            text = text[6:]
            return any(text.rstrip(":") == name for name in authors)
        for name in authors:
            if text.startswith(name) and text[len(name):].startswith(cls.AFTER_NAME):
                return True
            first = name.split()[0]
            if text.startswith(first) and text[len(first):].startswith(cls.AFTER_FIRST_NAME):
                return True
        return False


class OtherLanguage(NoiseFilter):
    """A line in another language or script than the article's (e.g. links to related stories
    in the site's own language between the sections of a translated article)."""

    name = "other-language"
    MIN_WORDS = 4

    def test(self, index: int, article: ArticleLines) -> bool:
        view = article.views[index]
        lowered = view.words
        if len(lowered) < self.MIN_WORDS:
            return False
        script = view.script
        if script and article.script and script != article.script:
            return True
        # A common word that only the article's language has ("the" in English) answers every
        # question below with no: the article's own words are there, and not shared.
        only_own = _ONLY_IN.get(article.language)
        if only_own and not only_own.isdisjoint(lowered):
            return False
        votes = _votes(Counter(lowered))
        own = votes.get(article.language, 0)
        others = max((v for lang, v in votes.items() if lang != article.language), default=0)
        if own == 0 and others >= 2:
            return True
        if self._other_words_only(lowered, article.language):
            return True
        # Diacritics on most words and none of the article's common words: another Latin language.
        return own == 0 and article.language == "en" and accented_share(view.text) >= 0.4

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

    def test(self, index: int, article: ArticleLines) -> bool:
        view = article.views[index]
        found = view.words
        if not found or len(found) > self.MAX_WORDS or view.stripped.rstrip("*_")[-1:] in ".,;:!":
            return False
        previous = article.neighbour(index, -1)
        if previous is None:
            return False
        label = article.views[previous]
        return len(label.words) <= self.MAX_LABEL_WORDS and label.furniture.rstrip(":").strip() in _LINK_LABELS

    def applies(self, article: ArticleLines) -> bool:
        return any(len(article.views[i].words) <= self.MAX_LABEL_WORDS
                   and article.views[i].furniture.rstrip(":").strip() in _LINK_LABELS for i in article.order)


class FieldValue(NoiseFilter):
    """The value under a field's bare label in a page's header or a post card ("Category" over
    "Dating Advice", "Post Author" over a name, "Tags" over the tags): printed on a line of its
    own, it is the page's, as its label is."""

    name = "page-field"
    MAX_WORDS = 6
    LABELS = frozenset(("author", "post author", "authors", "written by", "date", "published", "published on",
                        "posted on", "updated", "last updated", "category", "categories", "tags", "tagged",
                        "filed under", "posted in", "reading time", "read time"))

    def test(self, index: int, article: ArticleLines) -> bool:
        view = article.views[index]
        if not view.words or len(view.words) > self.MAX_WORDS or view.stripped[-1:] in ".!?":
            return False
        previous = article.neighbour(index, -1)
        return previous is not None and article.views[previous].furniture.rstrip(":").strip() in self.LABELS

    def applies(self, article: ArticleLines) -> bool:
        # (A page with no bare field label, most, is not asked line by line.)
        return any(len(article.views[i].words) <= 3 and article.views[i].furniture.rstrip(":").strip() in self.LABELS
                   for i in article.order)


class Teaser(NoiseFilter):
    """A teaser near the top that repeats a sentence found later, inside a longer paragraph. A
    line in title case is no teaser: a headline under a site's menu or breadcrumb, whose words
    a search-minded text repeats ("... how to leave and not look back ...")."""

    name = "teaser"
    LEAD_LINES = 3  # content lines after the title where a teaser can stand
    MIN_WORDS = 4
    MAX_WORDS = 20  # a teaser is one short sentence, not a paragraph
    FAR_LINES = 10  # an exact copy this many lines below is a repeat, not a refrain

    def test(self, index: int, article: ArticleLines) -> bool:
        # The lines just under the first: the first line is the headline, which a summary
        # further down may well repeat. (Markup above it, a cover image, is no line of the text.)
        if not 1 <= article.rank[index] - article.first_text <= self.LEAD_LINES:
            return False
        text = article.views[index].loose
        if not self.MIN_WORDS <= len(text.split()) <= self.MAX_WORDS:
            return False
        if _capital_share(words(article.views[index].shown)) >= TITLE_CASE:
            return False
        number = article.lines[index].number
        for later in article.order[article.rank[index] + 1:]:
            other = article.views[later].loose
            if len(other) > len(text) and _inside(text, other) and f'"{text}' not in other:
                return True  # (a headline in quotes is named, as over a post's comments: no teaser)
            # The same line again well below the lead (a news teaser copied from its section):
            # the later copy is the article's text, this one the page's summary.
            if other == text and article.lines[later].number - number > self.FAR_LINES:
                return True
        return False



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
                          "read also", "most read", "don't miss", "more from us", "see also", "see more",
                          "more like this", "you may also enjoy", "you might also enjoy"))


def build_noise_filters() -> list[NoiseFilter]:
    """The filters in the order they are asked; the first that matches names the rule."""
    return [
        EditorDrop(),
        Markup(),
        Stamp(),
        LeakedFrontMatter(),
        TemplateField(),
        Byline(),
        PipedByline(),
        ContentsLink(),
        Breadcrumb(),
        Furniture(),
        PagePart(),
        InvitationToAct(),
        LinkAfterLabel(),
        FieldValue(),
        OtherLanguage(),
        Teaser(),
    ]


@functools.cache
def _default_filters() -> tuple[NoiseFilter, ...]:
    # The filters hold no state of an article (each ``test`` only reads the article it is
    # given), so one set serves every article; building it (the furniture vocabulary) for each
    # article took 2% of the reading.
    return tuple(build_noise_filters())


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
    suspects: tuple[NoiseLine, ...] = ()  # kept lines most like furniture, with why
    written_markdown: bool = False  # the lines are Markdown as an author wrote it (a .md file), not
    # Markdown made from a web page's text, whose "<b>" or "\\" are characters the page showed
    # Numbers of the lines under a link label ("Related articles", "You may also like"): titles of
    # other pages, whether or not the furniture judge dropped them; never the article's headings.
    link_lines: frozenset[int] = frozenset()
    # Numbers of the lines that are the article's section names (``_is_section_name``).
    section_lines: frozenset[int] = frozenset()
    # How many words each kept line shows, as this stage counted them (``LineView.words``), by
    # line number: the block stage lists the words of a line only when it is short enough to be
    # a heading, and a line cannot hold fewer words than it shows.
    word_counts: Mapping[int, int] = field(default_factory=dict)


MAX_TITLE_WORDS = 25


def clean_lines(
    raw: RawArticle, filters: Sequence[NoiseFilter] | None = None, *, weights: Weights | None = None
) -> CleanText:
    """Split ``raw``'s body into kept lines and noise, and find the title line.

    Every non-blank line gets its ``noise_features`` (what the rules of ``filters`` say of it
    among them) and the noise judge of ``weights`` (``reader_weights.yml``) weighs them. The
    title is the line among the first few that the title judge likes best (``title_features``;
    the front matter's title, when given, is looked for instead); copies of the title further
    down are noise. Lines the editor listed under ``keep`` are never dropped, lines listed under
    ``drop`` always are.
    """
    weights = weights or load_weights()
    article = ArticleLines.of(raw, filters)
    decided = decided_lines(article)
    features = {index: noise_features(index, article) for index in weighed_lines(article, decided)}
    chances = {index: weights.noise.probability(f) for index, f in features.items()}
    title_index = _find_title(raw, article, chances, weights, decided)
    title = _strip_title_markup(raw.lines[title_index].text, raw.format) if title_index is not None else None
    leaked = next((i for i, rule in article.rules.items() if rule == LeakedFrontMatter.name), None)
    named = front_matter_title(article.views[leaked].stripped) if leaked is not None else None
    if named and not raw.metadata.title:
        # The title its front matter names, printed as text (the line itself is furniture).
        title_index, title = None, named
    loose_title = loose(raw.metadata.title or title or "")
    keep = article.keep
    with_their_list = _kept_with_their_list(article, chances, weights.noise.threshold, decided)
    kept: list[SourceLine] = []
    noise: list[NoiseLine] = []
    suspects: list[tuple[float, NoiseLine]] = []
    for index, line in enumerate(raw.lines):
        view = article.views[index]
        if not view.stripped:
            kept.append(line)
            continue
        if index == title_index:
            continue
        chance = chances.get(index, 0.0)
        # A heading its author wrote as one (in Markdown, or marked by a wiki's glued "[Edit]"), a
        # part's label, the label over the article's references, a closing heading ("Final
        # Reflection", the lexicon's) or one of its section names is dropped only by a rule.
        # (Asked only of a line likely to be furniture.)
        written = chance >= SUSPECT_CHANCE and (
            written_heading(line.text, raw.format) or is_part_label(line.text) or is_reference_label(line.text)
            or load_lexicon().is_closing(line.text)
            or _marked_by_its_edit_link(view) or _is_section_name(index, article, title_index)
            or under_section_name(index, article, title_index))
        rule = None
        if view.loose in keep:
            rule = None
        elif index in decided:
            rule = article.rules[index]
        elif article.link_blocks and _labels_link_block(index, article):
            rule = "link-label"  # furniture for sure beside its links, and so itself
        elif loose_title and view.loose == loose_title:
            rule = "repeated-title"
        elif chance >= weights.noise.threshold and not written and index not in with_their_list:
            rule = article.rules.get(index) or _why(weights.noise, features[index])
        if rule is not None:
            noise.append(NoiseLine(line.number, line.text, rule))
            continue
        kept.append(line)
        if chance >= SUSPECT_CHANCE and view.loose not in keep and not written:
            # Shown with what speaks for furniture; a line with nothing that does (a plain
            # sentence of a short article, as likely as the judge's starting guess) is no suspect.
            reasons = weights.noise.reasons(features[index])
            if reasons:
                suspects.append((chance, NoiseLine(line.number, line.text, ", ".join(reasons))))
    date = _first_date(raw.lines, article.rules)
    if raw.left_out:  # a web page's blocks the extractor did not take, in line order with the rest
        noise = sorted([*raw.left_out, *noise], key=lambda n: n.line)
    suspects.sort(key=lambda pair: -pair[0])
    return CleanText(tuple(kept), tuple(noise), title, raw.lines[title_index].number if title_index is not None else None,
                     date, tuple(n for _, n in suspects[:MAX_SUSPECTS]),
                     article.written_markdown,
                     frozenset(raw.lines[index].number for index in article.link_blocks),
                     frozenset(raw.lines[index].number for index in article.siblings
                               if _is_section_name(index, article, title_index)),
                     {raw.lines[index].number: len(article.views[index].words) for index in article.order})


def _kept_with_their_list(
    article: ArticleLines, chances: Mapping[int, float], threshold: float, decided: frozenset[int]
) -> frozenset[int]:
    """The items of a bulleted list that only the judge would drop while most of the list stays:
    a list's items share one fate. A "Key takeaways" box's last item, beside the site's contents
    box under it, is as much the author's as the two over it; a menu's items go together.

    A list here is three or more lines in a row opening with the same bullet ("- ", "* ", "• "),
    none of them named by a rule."""
    found: list[int] = []
    views, order = article.views, article.order
    r = 0
    while r < len(order):
        bullet = views[order[r]].stripped[:2]
        if bullet not in _BULLETS:
            r += 1
            continue
        end = r + 1
        while end < len(order) and views[order[end]].stripped[:2] == bullet:
            end += 1
        items = order[r:end]
        if len(items) >= 3 and not any(i in decided or i in article.rules for i in items):
            dropping = [i for i in items if chances.get(i, 0.0) >= threshold]
            if len(dropping) * 2 < len(items):
                found.extend(dropping)
        r = end
    return frozenset(found)


def _is_section_name(index: int, article: ArticleLines, title_index: int | None) -> bool:
    """Whether the line is one of the article's section names: one-word labels spaced by their
    sections ("Books" ... "Music" ... "Videos", each over its own lines; ``_spaced_siblings``),
    below the title, with no furniture near. (Longer labels of one form are as often a list's
    items as headings: the judges weigh them.) Its word names what its section holds, whatever it
    is ("Videos" over the videos the author chose): a site's menu stands in one run of labels
    above the title, and the columns of its footer beside its other furniture."""
    return (index in article.siblings and len(article.views[index].words) == 1
            and (title_index is None or index > title_index)
            and not _furniture_within(index, article, -3) and not _furniture_within(index, article, 3))


def under_section_name(index: int, article: ArticleLines, title_index: int | None) -> bool:
    """Whether the line is one of the short lines under one of the article's section names
    (``_is_section_name``): the items its author gathered there ("Videos" over the titles of the
    videos chosen), whatever they look like (a link's title, a lower-case handle)."""
    rank = article.rank[index]
    for r in range(rank - 1, max(rank - LINK_BLOCK_LINES, 0) - 1, -1):
        above = article.order[r]
        if r in article.sure or len(article.views[above].words) > SHORT_LINE_WORDS:
            return False
        if above in article.siblings:
            return _is_section_name(above, article, title_index) and _holds_a_list(above, article)
    return False


def _holds_a_list(name: int, article: ArticleLines) -> bool:
    """Whether only short lines stand under a section name, up to the next one or the end (a
    list of picks); under a chat's post titles come posts, the site's stamps among them."""
    for r in range(article.rank[name] + 1, min(article.rank[name] + LINK_BLOCK_LINES, len(article.order))):
        below = article.order[r]
        if below in article.siblings:
            return True
        if r in article.sure or len(article.views[below].words) > SHORT_LINE_WORDS:
            return False
    return True


def decided_lines(article: ArticleLines) -> frozenset[int]:
    """The lines a rule drops outright (see ``WEIGHED_RULES``)."""
    return frozenset(i for i, rule in article.rules.items() if _decisive(rule, article))


TEXT_WORDS = 30  # a line longer than this that no rule names is the article's own text


def weighed_lines(article: ArticleLines, decided: frozenset[int]) -> list[int]:
    """The lines the noise judge weighs: those no rule drops outright, but for paragraphs of
    more than ``TEXT_WORDS`` words no rule names, which are kept as the article's text, and in
    Markdown its author wrote, for its sentences of ``AUTHORED_SENTENCE_WORDS`` words or more and
    its paragraphs written over several lines (``_authored_text``): the judge learnt furniture from
    scraped pages, where a tooltip's sentence stands among the site's
    lines; a blogger's own file holds the post's sentences, and its furniture (a byline, sharing
    links, tags) is what the rules drop."""
    # A heading a table of contents lists (``_contents_entries``) is the article's own, and so
    # are a quotation's attribution, a letter's sign-off over its answer and a sentence among
    # interruptions alone. (Each is asked only of the few lines it may hold for: the reading of
    # every article passes here.)
    views, order = article.views, article.order
    text = {i for i in _near_interruptions(article) if _between_interruptions(i, article)}
    if article.contents:
        listed = frozenset(views[i].loose for i in article.contents)
        text.update(i for i in order if views[i].loose in listed and i not in article.contents)
    return [i for i in order
            if i not in decided and (i in article.rules or (
                len(views[i].words) <= TEXT_WORDS and not _authored_text(article, i) and i not in text
                and (views[i].stripped[:1] not in _DASHES or not _signs_a_quotation(i, article))
                and not _signs_the_letter_answered(i, article)))]


def _near_interruptions(article: ArticleLines) -> frozenset[int]:
    """The lines two or fewer lines from an interruption (``INTERRUPTIONS``)."""
    order, rules, sure = article.order, article.rules, article.sure
    return frozenset(order[r + step] for r in sure if rules.get(order[r]) in INTERRUPTIONS
                     for step in (-2, -1, 1, 2) if 0 <= r + step < len(order))


AUTHORED_SENTENCE_WORDS = 12
# What opens a Markdown block other than a paragraph: a list item, a quote, a heading, a table
# row, HTML, a fence, a link line.
_MD_BLOCK_START = re.compile(r"(?:[-*+>#|<\[]|\d{1,3}[.)]\s|```|~~~)")


def _authored_text(article: ArticleLines, index: int) -> bool:
    """In Markdown its author wrote: a sentence of ``AUTHORED_SENTENCE_WORDS`` or more, or a
    line of a paragraph written over several lines (the lines around it, with no blank line
    between, are the same paragraph's)."""
    if not article.written_markdown:
        return False
    view = article.views[index]
    if len(view.words) >= AUTHORED_SENTENCE_WORDS and _is_prose(view):
        return True
    if _MD_BLOCK_START.match(view.stripped):
        return False
    return any(0 <= k < len(article.views) and article.views[k].stripped
               and not _MD_BLOCK_START.match(article.views[k].stripped) for k in (index - 1, index + 1))


# The rules whose word is one piece of evidence among others where the article is written in two
# scripts: a line in the other one may be furniture, or half of a bilingual text.
WEIGHED_RULES = frozenset({"other-language"})
MIN_BILINGUAL_LINES = 3
SUSPECT_CHANCE = 0.2  # a kept line this likely to be furniture is shown to the editor
MAX_SUSPECTS = 8


# "Part One: ...", "Chapter 2 - ...": a label that opens a part of the article and is complete
# on its own line (the line after it is the first subsection, not the rest of it).
_PART_LABEL = re.compile(r"^\s*(?:part|chapter|stage|phase)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|"
                         r"first|second|third|fourth|final|last|[ivx]{1,4})\s*[:.\-\u2013\u2014]\s*\S", re.IGNORECASE)
@functools.lru_cache(maxsize=4096)
def is_part_label(text: str) -> bool:
    """Whether a line opens a labelled part: ``Part One: What Staying Costs You``. (Cached: the
    furniture, heading and section stages each ask it of the same lines.)"""
    return bool(_PART_LABEL.match(text))


# "References", "Sources:", "[Edit]Footnotes": the label over the works an article cites, its own
# end matter wherever it stands (beside a site's footer, after a widget, as the last short line).
_REFERENCE_LABEL = re.compile(r"\s*(?:\[edit\]\s*)?(?:references|sources|footnotes|bibliography|citations|works cited|"
                              r"notes and references|references and notes|sources and references)\s*:?\s*", re.IGNORECASE)


def is_reference_label(text: str) -> bool:
    """Whether a line is the label over the article's references (``References``, ``Sources:``)."""
    return len(text) <= 40 and _REFERENCE_LABEL.fullmatch(text) is not None


# "Frequently Asked Questions", "FAQs", "Common Questions About Moving On": the label over the
# questions an article answers, each over its answer (the block a web page marks up as its FAQ).
_QUESTIONS_LABEL = re.compile(r"\s*(?:frequently asked questions|faqs?|common questions|questions and answers|"
                              r"q\s?&\s?a|your questions,? answered)(?:\s+(?:about|on)\s.{1,60})?\s*:?\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 12)
def is_questions_label(text: str) -> bool:
    """Whether a line is the label over the questions the article answers (``Frequently Asked
    Questions``, ``FAQ``). (Cached: the heading and section stages ask it of the same lines.)"""
    return len(text) <= 80 and _QUESTIONS_LABEL.fullmatch(text.strip("*_#: ")) is not None


_MARKDOWN_HEADING = re.compile(r" {0,3}#{1,6}[ \t]")


def written_heading(text: str, fmt: str) -> bool:
    """A Markdown heading in a ``.md`` article: its author wrote it as a heading, so only a rule
    (not the weighing of evidence) may call it furniture."""
    return fmt == "md" and _MARKDOWN_HEADING.match(text) is not None


def _decisive(rule: str, article: ArticleLines) -> bool:
    """Whether a rule's word drops a line outright: the rules of ``WEIGHED_RULES`` are weighed
    with the other evidence in an article written in two scripts, and decide alone elsewhere."""
    return rule not in WEIGHED_RULES or not article.mixed_scripts


# The scheme a heading shares with its siblings: its numbering style ("1.", "#1", "Step 2:"), a
# label word before a number ("Myth #3:"), a glued "[Edit]", or a leading emoji or symbol.
# Headings of one level in an article are written to one scheme; one line's scheme proves nothing.
_SCHEME = re.compile(r"\s*+(?:(\d{1,2})([.)])\s|#(\d{1,2})\s|([A-Za-z]{1,20})\s++#?\d{1,2}\s*+[:.\-\u2013\u2014]|(\[Edit\]))")
_NOT_SCHEME_SYMBOLS = "\"'\u201c\u2018*_([-\u2022<{"


@functools.lru_cache(maxsize=4096)
def heading_scheme(text: str) -> str | None:
    """The scheme of a short line ("number.", "#number", "myth number", "[Edit]", "symbol") or None.
    (Cached: the furniture and heading stages each ask it of the same lines.)"""
    match = _SCHEME.match(text)
    if match:
        if match.group(1):
            return "number" + match.group(2)
        if match.group(3):
            return "#number"
        if match.group(4):
            return match.group(4).lower() + " number"
        return "[Edit]"
    first = text[:1]
    if first and not first.isalnum() and not first.isspace() and first not in _NOT_SCHEME_SYMBOLS:
        return "symbol"
    return None


def _why(judge: Judge, features: Mapping[str, float]) -> str:
    reasons = judge.reasons(features)
    return ", ".join(reasons) if reasons else "furniture"


def _first_date(lines: Sequence[SourceLine], rules: Mapping[int, str]) -> str | None:
    """The date of the first stamp line dropped (``Stamp``), or of the front matter printed as
    text (``LeakedFrontMatter``): the article's date."""
    for index in sorted(rules):
        if rules[index] in (Stamp.name, LeakedFrontMatter.name):
            found = find_date(lines[index].text)
            if found:
                return found[0]
    return None


# A line of markup alone: an HTML comment, tags with no text (or a picture's, "<figure><img ...>
# <figcaption>...", whose caption describes a picture the page does not have), a kramdown
# attribute list or Liquid tag, a wiki link. Plain string tests: linear on any input.
def _is_markup(text: str) -> bool:
    t = text.strip()
    if t[:1] not in "<{[!":
        # (Most lines: asked of every one.) An MDX post's module lines are markup as well:
        # "import TableOfContents from '../components/Toc.astro'".
        return t[:7] in ("import ", "export ") and _MDX_MODULE_LINE.fullmatch(t) is not None
    if t.startswith("<!--") or t[:8].lower().startswith(("<style", "<script", "</", "<figure", "<img")):  # (not a paragraph lowered)
        return True
    if t.startswith("<") and t.endswith(">"):
        return not _TAG.sub("", t).strip()  # tags and nothing else (a block of HTML with text is text)
    if t.startswith("{:") or t.startswith("{%") or t.startswith("{{"):
        return t.endswith("}")
    if t.startswith("[[") and t.endswith("]]"):
        return True
    if t.startswith(("![", "[![")) and _MARKDOWN_IMAGE_LINE.fullmatch(t):
        return True
    return t.startswith("[") and t.endswith("]") and _is_shortcode_line(t)


def _is_markdown_markup(text: str) -> bool:
    """Whether a line of Markdown its author wrote is markup no page shows as text: a code
    block's fence (its lines are kept), a link reference definition or an abbreviation's, a
    note-taking app's comment, a heading mark with no heading ("#", "## "). (In a scraped text
    such a line is what the page showed.)"""
    t = text.strip()
    if t.startswith("#"):
        return len(t) <= 6 and t == "#" * len(t)  # (CommonMark: an empty heading, which shows nothing)
    if t.startswith(("```", "~~~")):
        return _CODE_FENCE.fullmatch(t) is not None
    if t.startswith("[") and "]:" in t:
        return _LINK_DEFINITION.fullmatch(t) is not None
    if t.startswith("%%"):
        return t.endswith("%%") and len(t) >= 4  # a note-taking app's comment ("%% rewrite this %%")
    return t.startswith("*[") and _ABBREVIATION.fullmatch(t) is not None


# A Markdown code fence, opening (perhaps naming the code's language) or closing.
_CODE_FENCE = re.compile(r"(?:`{3,}|~{3,})[ \t]*[\w+#.-]{0,30}[ \t]*")
# A Markdown link reference definition ("[earlier]: https://example.com/post "Earlier""): where a
# reference link of the text leads, which no page shows. (A footnote's own line, "[^1]: ...", is
# the footnote's text.) The address must look like one: "[Note]: call first" is a label and text.
_LINK_DEFINITION = re.compile(
    r"""\[[^\]^][^\]]{0,100}\]:[ \t]*(?:<[^<>\n]{1,500}>|(?:https?://|www\.|/|\./|\.\./|\#|mailto:)\S{0,500})"""
    r"""(?:[ \t]+(?:"[^"]{0,300}"|'[^']{0,300}'|\([^()]{0,300}\)))?[ \t]*""")


# An abbreviation's definition ("*[HTML]: Hypertext Markup Language"), as kramdown and
# Python-Markdown write them: the page shows it only as a tooltip over the word.
_ABBREVIATION = re.compile(r"\*\[[^\[\]]{1,60}\]:[ \t]*\S.{0,300}")


def _is_shortcode_line(text: str) -> bool:
    """A WordPress shortcode line, as blog exports keep them: an image's caption block
    (``[caption id="attachment_12" ...]<img ...> A candle[/caption]``, the caption of a picture
    the page no longer has) or a line of shortcode tags alone (``[gallery ids="4,7"]``,
    ``[/embed]``), each with attributes or closing, so a bracketed word of the text ("[sic]", a
    placeholder "[Author bio]") is not one."""
    if _MEDIA_SHORTCODE.fullmatch(text):
        return True
    tags = _SHORTCODE_TAG.findall(text)
    return bool(tags) and not _SHORTCODE_TAG.sub("", text).strip() and all(
        tag.startswith("[/") or "=" in tag for tag in tags)


# A Markdown image alone on its line ("![A beach at dawn](beach.jpg)"), perhaps linked, titled or
# given attributes: the page shows no picture of it.
_MARKDOWN_IMAGE_LINE = re.compile(
    r"""\[?!\[[^\]]{0,300}\]\([^()\s]{0,500}(?:\s+["'][^"']{0,300}["'])?\)(?:\]\([^()\s]{0,500}\))?\s*(?:\{[^{}]{0,200}\})?""")
_SHORTCODE_TAG = re.compile(r"""\[/?[a-z][a-z0-9_]*+(?:\s++[a-z_]++=(?:"[^"\]]*+"|'[^'\]]*+'|[^\s\]]++))*+\s*+/?\]""")
_MEDIA_SHORTCODE = re.compile(r"\[(caption|embed|video|audio|gallery|playlist)\b[^\]]*+\].*\[/\1\]")
_TAG = re.compile(r"<[^<>]*+>")
_MDX_MODULE_LINE = re.compile(
    r"import\s+(?:[\w*{}, ]{1,200}\s+from\s+)?['\"][^'\"\s]{1,300}['\"];?"
    r"|export\s+(?:const|let|default|function)\s+\w[^\n]{0,300}")
_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,60}\]")
_GLUED_STAMP = re.compile(r"[^\W\d_]\d{1,2}:\d\d")
_URL = re.compile(r"https?://|www\.|\.com\b")
_LABEL_COLON = re.compile(r"^[^\W\d_][\w'\u2019-]*+(?: [\w'\u2019-]++){0,2}:\s+\S")
SITE_WORDS = frozenset(
    "share shares likes liked comment comments reply replies subscribe subscribed newsletter app "
    "download login menu search related read more click tap press enter expand follow tip tips "
    "platform quiz video videos watch view article articles books library discover avatar image images "
    "photo photos credit credits advertisement sponsored via posted updated min author bio print "
    "email copy link links home back next previous contents table full column columnist "
    "guest post posts account feature features tool tools join free premium upgrade member "
    "members save saved favorites favourites highlight highlights notes tweet facebook instagram "
    "twitter pinterest whatsapp linkedin reddit youtube tiktok podcast episode original "
    "reference source sources".split()
)
CALLS_TO_ACTION = ("download ", "join ", "sign up", "subscribe", "take our", "click", "tap ", "check out",
                   "want to ", "ready to ", "read more", "learn more",
                   # a clinic's or a coach's own: "Contact us today", "Book an appointment"
                   "contact us", "call us", "book an appointment",
                   "book your appointment", "book a consultation", "book your consultation",
                   "schedule a consultation", "schedule an appointment", "schedule your", "request a consultation")
# Verbs that open advice as often as a sales button: a call to action only beside the site's words.
IMPERATIVES = ("try ", "start ", "get ", "watch ", "view ", "follow ", "share ", "discover ", "explore ", "contact ",
               "reach out ", "book ", "schedule ")
_URGED = re.compile(r"\b(?:now|today)\W*$")
_SELLING = frozenset("our free premium trial app consultation appointment".split())
_BUTTON = re.compile(r"\b(?:tap|click|press)\s+(?:on\s+)?(?:the\s+)?(?:\"|here\b|below\b)")
# The site's own things, as a label names them ("Platform tip:", "Sponsored:"); not its verbs.
_SITE_THINGS = frozenset("platform app feature features tool tools premium member members newsletter quiz "
                         "video videos photo photos image images advertisement sponsored related podcast "
                         "episode account library".split())
_FIELD = re.compile(r"(?:^|\s)[A-Z][a-z]+:\s")
# A button or a link's label: a verb the page offers and where it takes the reader ("Add to
# Favorites", "Removing from Favorites", "View on Vimeo", "Listen on Spotify"), alone or after a
# label ("Full episode: Watch on YouTube"). No library names these; the words are the page's own.
_BUTTON_LABEL = re.compile(
    r"(?:[^:]{1,40}:\s*)?(?:add|adding|added|remove|removing|removed|save|saving|saved|view|open|read|watch|listen|"
    r"share|follow|download|play|print)\s+(?:to|from|on|in|at|via)\s+(?!to\s)"  # ("Read on to discover": go on reading)
    r"(?P<before>(?:the|your|my)\s+)?(?P<also>\w[\w'.-]*\s+)?(?P<place>\w[\w'.-]*)",
    re.IGNORECASE)
_BUTTON_PLACES = SITE_WORDS | frozenset("favorite favourite cart basket wishlist list homepage playlist profile feed "
                                        "shelf bookmarks web browser".split())


def _names_a_place_on_the_web(button: re.Match, article: ArticleLines) -> bool:
    """Whether a button's label ends on a page's own thing ("to your Favorites", "on the app") or
    on a name alone: one capitalised word never written in lower case anywhere in the article (a
    site, a service), unlike a heading's words ("Listen to Your Gut", "Open to Change")."""
    place = button.group("place")
    lowered = place.lower()
    if lowered in _BUTTON_PLACES:
        return True
    if button.group("before") or button.group("also") or not place[:1].isupper() or lowered in ENGLISH_STOP_WORDS:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(lowered)}(?!\w)")
    return not any(pattern.search(article.views[i].text) for i in article.order)


BETWEEN_FURNITURE_WORDS = 25


def _furniture_within(index: int, article: ArticleLines, steps: int) -> bool:
    """Whether one of the ``steps`` non-blank lines below (above, when negative) is dropped for sure."""
    r = article.rank[index]
    return not article.sure.isdisjoint(range(r + 1, r + steps + 1) if steps > 0 else range(r + steps, r))


def _labels_link_block(index: int, article: ArticleLines) -> bool:
    """Whether the line is a link label (``_is_link_label``) straight over a block of links."""
    # (Most articles have no such block: asked first, that answers for every line at once.)
    return bool(article.link_blocks) and article.neighbour(index, 1) in article.link_blocks and _is_link_label(
        article.views[index])


def _furniture_for_sure(index: int, article: ArticleLines) -> bool:
    """Whether a rule drops the line outright (markup, a stamp...): what a line beside it may be
    judged by. (The editor's own drops and keeps do not change how the lines around them are judged.)"""
    if article.views[index].loose in article.keep:
        return False
    if index in article.markup:
        return True
    if article.link_blocks and _labels_link_block(index, article):
        return True  # a label over the site's links ("Related guides") however the judge weighs it
    rule = article.rules.get(index)
    return rule is not None and rule != EditorDrop.name and _decisive(rule, article)


def _length(view: LineView) -> int:
    """How many words a line holds; in a script written without spaces (Chinese, Japanese), two
    characters count as one word."""
    if view.script == "CJK":
        return max(len(view.words), len(view.stripped) // 2)
    return len(view.words)


# A letter's salutation, naming whom it is to ("Dear Abby: ...", "Dear Worried in Leeds,").
SALUTATION = re.compile(r"^dear\s+([^\W\d_][\w'\u2019-]*)[^:,.!?]{0,40}[:,]", re.IGNORECASE)


def _signs_the_letter_answered(index: int, article: ArticleLines) -> bool:
    """Whether the line signs a letter that the line under it answers: the answer opens "Dear
    <one of its words>" ("— Worried Brother" over "Dear Worried: ..."), as an advice column prints
    its letters."""
    following = article.neighbour(index, 1)
    if following is None or not article.views[following].lowered.startswith("dear"):
        return False  # (most lines: one look)
    answer = SALUTATION.match(article.views[following].stripped)
    return answer is not None and answer.group(1).lower() in article.views[index].words


def _signs_a_quotation(index: int, article: ArticleLines) -> bool:
    """Whether the line opens with a dash under a line closed by a quotation mark: "— Dana,
    reader" under the words she is quoted saying."""
    if article.views[index].stripped[:1] not in _DASHES:
        return False
    preceding = article.neighbour(index, -1)
    return preceding is not None and article.views[preceding].stripped.rstrip("*_ ")[-1:] in _CLOSING_QUOTES


def _plain_sentence(view: LineView) -> bool:
    """A sentence written as the article's prose: six words or more closed by . ! or ?, in its
    common words, with no number and hardly a word of the site's (one in six)."""
    found = view.words
    return (len(found) >= 6 and view.stripped.rstrip("*_ ")[-1:] in ".!?" and not view.has_digit
            and sum(map(SITE_WORDS.__contains__, found)) * 6 <= len(found)
            and sum(map(_ENGLISH_STOP.__contains__, found)) >= 2)


# Furniture that stands alone in the run of the text, one line where the page put a box: an
# advertisement's label, a picture's caption or credit, a link to another story ("Related: ..."), a
# template's placeholder.
# What stands between two of them is text.
INTERRUPTIONS = frozenset({"advertisement", "media-caption", "recommended-link", "recommended-story", "placeholder"})


def _between_interruptions(index: int, article: ArticleLines) -> bool:
    """Whether a plain sentence stands among interruptions alone (``INTERRUPTIONS``): the lines
    two either side dropped for sure are all such, and there is one on each side, or the
    article's first or last line on that side (a closing sentence under an advertisement). A
    site's sentences (a tour of its app, a sign-up box) stand among its buttons and prompts."""
    r = article.rank[index]
    sides = [r == 0, r == len(article.order) - 1]
    for step in (-2, -1, 1, 2):
        if r + step in article.sure:
            other = article.order[r + step]
            if article.rules.get(other) not in INTERRUPTIONS and not (step > 0 and _is_link_label(article.views[other])):
                return False  # (a label over a block of links below the line is one too)
            sides[step > 0] = True
    return all(sides) and index not in article.link_blocks and _plain_sentence(article.views[index])


def noise_features(index: int, article: ArticleLines) -> dict[str, float]:
    """What speaks for and against the line at ``index`` being page furniture."""
    view = article.views[index]
    rules = article.rules
    text = view.shown
    found = view.words
    n = _length(view)
    f: dict[str, float] = {}
    if index in rules:
        f[rules[index]] = 1.0
        if rules[index] in WEIGHED_RULES and article.mixed_scripts:
            f["article written in two scripts"] = 1.0
    if index in article.markup:
        f["markup"] = 1.0
    elif _PLACEHOLDER.fullmatch(text):
        f["placeholder"] = 1.0
    if not found:
        f["no words"] = 1.0
        return f
    if n == 1:
        f["one word"] = 1.0
    elif n <= 3:
        f["two or three words"] = 1.0
    elif n > 20:
        f["long"] = 1.0
    if view.has_digit:
        if _TIME.search(text):
            f["clock time"] = 1.0
        if _GLUED_STAMP.search(text):
            f["name glued to a time"] = 1.0
        counted = found[1:] if _LEADING_NUMBER.match(text) else found
        digits = sum(w.isdigit() for w in counted)
        if digits and digits * 2 >= len(counted):
            f["mostly numbers"] = 1.0
    site = sum(map(SITE_WORDS.__contains__, found))
    if site:
        f["site words"] = site / n
    if n <= 8 and view.script == "LATIN" and _ENGLISH_STOP.isdisjoint(found):
        f["no function words"] = 1.0
    lowered = view.furniture
    if lowered.startswith(CALLS_TO_ACTION):
        f["call to action"] = 1.0
    elif lowered.startswith(IMPERATIVES) and (site > 1 or not _SELLING.isdisjoint(found) or (
            len(found) >= 4 and _URGED.search(lowered) and _capital_share(words(view.shown)) >= TITLE_CASE)):
        # "Start your free trial", "Get Support From Harbor Clinic Now!" (a button's words, in
        # capitals, urging now), not "Start small." or "Leave now."
        f["call to action"] = 1.0
    # (Most lines name none of its verbs: they are looked for as plain text first, far quicker.)
    if ("tap" in lowered or "click" in lowered or "press" in lowered) and _BUTTON.search(lowered):
        f["tells to tap or click"] = 1.0
    if n <= 8 and (button := _BUTTON_LABEL.fullmatch(text.strip("*_#> ").rstrip(".!"))) and _names_a_place_on_the_web(
            button, article):
        f["a button's label"] = 1.0
    if is_part_label(text):
        f["part label"] = 1.0
    elif (label := _LABEL_COLON.match(text)) and n <= 25:
        f["label and colon"] = 1.0
        if not _SITE_THINGS.isdisjoint(words(label.group(0).lower())):
            f["label names the site"] = 1.0  # "Pro tip:", "Related:", "Platform tip:"
    if text.count(":") >= 2 and len(_FIELD.findall(text)) >= 2:
        f["labelled fields"] = 1.0  # "Author: ... | Year: 2009 Category: ..."
    if index in article.link_blocks:
        f["under a link label"] = 1.0
    following = article.neighbour(index, 1)
    over_paragraph = following is not None and len(article.views[following].words) >= PARAGRAPH_WORDS
    if (view.has_digit and n <= 15 and article.shapes.get(_shape(view), 0) > article.copies.get(view.loose, 1)
            and (CLOCK.search(text) or not (text.endswith(".") or over_paragraph))):
        # A counter or a stamp repeated with other numbers ("Post has 3 replies and 147 likes",
        # "Guest 11:05 a.m."); a sentence, or a heading over its paragraph ("Step 3 of the
        # plan"), that differs from others in a number is text.
        f["one of a template but for numbers"] = 1.0
    # (Looked for as plain text first, as the verbs above: most lines hold no address.)
    if ("http" in lowered or "www." in lowered or ".com" in lowered) and _URL.search(lowered):
        f["web address"] = 1.0
    end = text.rstrip("*_ " + _CLOSING_QUOTES)[-1:]  # (the mark inside a closing quote: "Which was?")
    if end in ".!?" and n >= 6:
        f["sentence"] = 1.0
    elif end in ".?:" and n < 6:
        f["short line closed like a sentence"] = 1.0  # "Pause.", "Ask gently:", not a menu's "Next"
    copies = article.copies.get(view.loose, 1)
    numbered = _LEADING_NUMBER.match(text) is not None  # an item of a sequence, not a copy
    if view.loose in article.refrains:
        f["repeated sentence within prose"] = 1.0  # the author says it again; a site repeats prompts
    elif copies >= 2 and n <= 12 and not numbered:
        f["repeated line"] = min(copies - 1, 4) / 4
    if index in article.later_copy and n <= 14 and not numbered and view.loose not in article.refrains:
        f["copy of a later line"] = 1.0
    if n <= SHORT_LINE_WORDS:
        # Where a short line stands: furniture gathers at the top and the end of a page and
        # around other furniture. (A paragraph is text wherever it stands.)
        rank = article.rank[index]
        total = len(article.order)
        if total >= MIN_LINES_FOR_PLACE:
            if rank < max(3, total // 12):
                f["near the top"] = 1.0
            if total - rank <= max(3, total // 12):
                f["near the end"] = 1.0
        beside = (rank - 1 in article.sure) + (rank + 1 in article.sure)
        if beside:  # (an interruption is a box of one line: the article goes on around it)
            beside -= sum(article.rules.get(article.order[r]) in INTERRUPTIONS for r in (rank - 1, rank + 1)
                          if r in article.sure)
        if beside:
            f["beside furniture"] = beside / 2
    if (n <= BETWEEN_FURNITURE_WORDS and not over_paragraph and _furniture_within(index, article, -2)
            and _furniture_within(index, article, 2)):
        f["between furniture"] = 1.0  # one of a run: a tour, a box of tips, a byline and its counters
    elif n <= SHORT_LINE_WORDS and not _furniture_within(index, article, -3) and not _furniture_within(index, article, 3):
        f["far from furniture"] = 1.0  # a short line among the article's own lines: a list item, a heading
    if numbered:
        f["numbered"] = 1.0
    if index in article.siblings and "far from furniture" in f:
        f["spaced like section names"] = 1.0  # each over its own section, none beside the site's furniture
    if n <= SHORT_LINE_WORDS and not _is_prose(view) and _under_lead_in(index, article):
        f["in a list under a lead-in"] = 1.0
    preceding = article.neighbour(index, -1)
    if preceding is not None and len(article.views[preceding].words) >= PARAGRAPH_WORDS:
        f["paragraph before"] = 1.0
    if text[:1] in _DASHES and n <= SHORT_LINE_WORDS and _signs_a_quotation(index, article):
        f["signs a quotation"] = 1.0  # "— Dana, reader" under the words she is quoted saying
    if over_paragraph:
        f["paragraph follows"] = 1.0
        if 2 <= n <= SHORT_LINE_WORDS and end not in ".!?,;:" and _capital_share(words(text)) >= TITLE_CASE:
            f["title case over a paragraph"] = 1.0  # how headings stand
    scheme = article.scheme_of.get(index)
    if scheme is not None and article.schemes.get(scheme, 0) >= 3:
        f["shares a heading scheme"] = 1.0
    if view.script and view.script != "LATIN" and n >= 2:
        f["other script"] = 1.0
    if text[:1] and not text[:1].isalnum() and text[:1] not in "\"'\u201c\u2018([*_#-":
        f["starts with a symbol"] = 1.0
    return f


_ENGLISH_STOP = ENGLISH_STOP_WORDS
_DASHES = "-\u2012\u2013\u2014\u2015~"
_CLOSING_QUOTES = "\"\u201d\u2019'\u00bb"
MIN_SIBLINGS = 3


def _under_lead_in(index: int, article: ArticleLines) -> bool:
    """Whether the line is one of a run of short lines under a line of the text that ends with a
    colon ("Here is how:", "...a few signs:"), the article announcing its own list. The lead-in
    is a paragraph or follows the text's prose, and is no link label ("Related:")."""
    views, rank = article.views, article.rank[index]
    for step in range(1, LINK_BLOCK_LINES + 1):
        r = rank - step
        if r < 0 or r in article.sure:
            return False
        above = views[article.order[r]]
        if above.stripped.rstrip("*_ ").endswith(":"):
            if _is_link_label(above) or _ENGLISH_STOP.isdisjoint(above.words):
                return False
            before = article.order[r - 1] if r > 0 else None
            return len(above.words) >= PARAGRAPH_WORDS or (
                before is not None and r - 1 not in article.sure
                and (len(views[before].words) >= PARAGRAPH_WORDS or _is_prose(views[before])))
        if len(above.words) > SHORT_LINE_WORDS or _is_prose(above):  # a list's items are no sentences
            return False
    return False
_LEADING_NUMBER = re.compile(r"\s*\d+[.)]\s")
PARAGRAPH_WORDS = 12
SHORT_LINE_WORDS = 12
MIN_LINES_FOR_PLACE = 20  # in a shorter text every line is near the top or the end
TITLE_WINDOW = 12  # the title is looked for among this many first non-blank lines


def title_candidates(article: ArticleLines, decided: frozenset[int]) -> tuple[int, ...]:
    """The lines the title is looked for among: the first few that are not furniture. A copy of
    an earlier line is no candidate: a headline printed twice is one headline and a copy. Nor is
    a line numbered as others of the article are ("1. He's moody." over "2. He lies."): it is one
    of a list's items or headings, where a page's headline was not copied with its text."""
    seen: set[str] = set()
    found: list[int] = []
    schemes, scheme_of = article.schemes, article.scheme_of
    # The last line is no candidate: a title over nothing would leave the article without text.
    for i in article.order[:-1]:
        key = article.views[i].loose
        numbered = scheme_of.get(i) not in (None, "symbol", "[Edit]") and schemes[scheme_of[i]] >= 2
        if i not in decided and key not in seen and not numbered:
            found.append(i)
        seen.add(key)
        if len(found) == TITLE_WINDOW:
            break
    return tuple(found)


def _headline_length(view: LineView) -> bool:
    # (A line of one token, a forum's "r/relationship_advice" or a web address, is no headline,
    # however many words its marks part.)
    # (A headline of more than ONE_SENTENCE_HEADLINE words is one sentence: two are a notice,
    # "Every guide here is checked by our editors before it is published. Read how we check them".)
    n = len(view.words)
    return (HEADLINE_WORDS[0] <= n <= HEADLINE_WORDS[1] and " " in view.stripped
            and (n <= ONE_SENTENCE_HEADLINE or _SENTENCE_BREAK.search(view.stripped) is None))


# A headline is three words or more; one written for search engines runs to twenty ("7 Clear Signs
# You Deserve Better in Your Relationship and What to Do About...").
HEADLINE_WORDS = (3, 20)
ONE_SENTENCE_HEADLINE = 16
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?] +[A-Z]")


def title_features(
    index: int, article: ArticleLines, chance: float, fmt: str, candidates: Sequence[int] = ()
) -> dict[str, float]:
    """What speaks for the line at ``index`` (one of ``candidates``) being the article's headline."""
    view = article.views[index]
    text = view.stripped
    n = len(view.words)
    rank = article.rank[index]
    odds = math.log(max(chance, 1e-6) / max(1 - chance, 1e-6))
    f: dict[str, float] = {"looks like furniture": max(min(odds, 6.0), -6.0) / 6, "position": rank / TITLE_WINDOW}
    if rank == 0:
        f["first line"] = 1.0
    if fmt == "md" and text.startswith("# "):
        f["markdown title"] = 1.0
    if _headline_length(view):
        f["headline length"] = 1.0
        # Where a headline stands: over the byline where the page prints one under it, after
        # its menu and section name; else the first line long enough for one.
        placed = _over_the_byline(article, candidates)
        if placed is None:
            placed = next((i for i in candidates if _headline_length(article.views[i])), None)
        if placed == index:
            f["where a headline stands"] = 1.0
    elif n > MAX_TITLE_WORDS:
        f["too long"] = 1.0
    elif n <= 2:
        f["very short"] = 1.0
    if text.rstrip("*_ \"'")[-1:] in ".,;:":
        f["ends like a sentence"] = 1.0
    if article.copies.get(view.loose, 1) >= 2:
        f["repeated"] = 1.0
    f["capitals"] = _capital_share(words(text))
    if n == 1:
        f["one word"] = 1.0
    site = sum(w in SITE_WORDS for w in view.words)
    if site:
        f["site words"] = site / max(n, 1)
    nxt = article.neighbour(index, 1)
    if nxt is not None and len(article.views[nxt].words) >= 12:
        f["paragraph follows"] = 1.0
    return f


_BYLINE_RULES = frozenset({"stamp", "byline", "byline-with-credentials"})
BYLINE_REACH = 2  # a headline stands this many lines at most over its byline (a standfirst between)


def _over_the_byline(article: ArticleLines, candidates: Sequence[int]) -> int | None:
    """The higher line of headline length of the two over the first byline or date among the
    first lines ("Posted March 3, 2024 | Reviewed by ..."): where a news or magazine page sets
    its headline, after its menu and section name, and perhaps a standfirst under it."""
    byline = next((r for r in range(min(TITLE_WINDOW, len(article.order)))
                   if article.rules.get(article.order[r]) in _BYLINE_RULES), None)
    if byline is None:
        return None
    above = [i for i in candidates if byline - BYLINE_REACH <= article.rank[i] < byline
             and _headline_length(article.views[i])]
    return above[0] if above else None


# A line with this share of its words capitalised is written in title case (counted here by
# ``_capital_share``, and by ``blocks.title_case_share``, which passes over small words instead).
TITLE_CASE = 0.75


def _capital_share(found: Sequence[str]) -> float:
    judged = [w for i, w in enumerate(found) if i == 0 or len(w) > 3]
    return sum(w[0].isupper() for w in judged) / len(judged) if judged else 0.0


def _find_title(
    raw: RawArticle, article: ArticleLines, chances: Mapping[int, float], weights: Weights, decided: frozenset[int]
) -> int | None:
    candidates = title_candidates(article, decided)
    if raw.metadata.title:
        wanted = loose(raw.metadata.title)
        return next((i for i in candidates if article.views[i].loose == wanted), None)
    if raw.format == "md":
        heading = next((i for i in candidates if re.match(r"#\s+\S", article.views[i].stripped)), None)
        if heading is not None:
            return heading
        if article.written_markdown:
            # With no "# " title, an author's "##" heading heads a section, not the article, and
            # a sentence (closed by a full stop) is its text: the title is then the file's name.
            candidates = [i for i in candidates if not re.match(r"#{2,6}\s+\S", article.views[i].stripped)
                          and article.views[i].stripped.rstrip("*_")[-1:] != "."]
    best, best_score = None, float("-inf")
    for index in candidates:
        if not 0 < len(article.views[index].words) <= MAX_TITLE_WORDS:
            continue
        score = weights.title.logit(title_features(index, article, chances.get(index, 0.0), raw.format, candidates))
        if score > best_score:
            best, best_score = index, score
    return best


# "Why I Left Him | Kinder Hearts Magazine": a page's title names its site after a bar, which
# no headline holds; the site's name (a few words) is no part of the article's title.
_SITE_AFTER_A_BAR = re.compile(r"\s+\|\s+[^|]{1,40}$")
MIN_TITLE_WORDS_BEFORE_A_BAR = 3


def _strip_title_markup(text: str, fmt: str) -> str:
    text = text.strip()
    if fmt == "md":
        text = re.sub(r"^#+\s*", "", text)
    text = text.strip("*_ ").strip()
    if " | " in text:
        headline = _SITE_AFTER_A_BAR.sub("", text)
        if headline != text and "|" not in headline and len(words(headline)) >= MIN_TITLE_WORDS_BEFORE_A_BAR:
            return headline
    return text

