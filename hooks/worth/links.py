"""Cross-links: for each section on a theme page, the most related sections on the other two.

    section_vectors(articles, terms)               -> SectionVectors  (tf-idf of words + glossary terms)
    relate_sections(articles, terms, limit=3)      -> {SectionKey: CrossLink[]}  (best first)

Relatedness is computed, never hand-listed. Each section (heading and text) becomes a sparse
vector: its distinctive words (stop words removed, light stemming, tf-idf over all sections) and
the glossary terms it uses, which weigh ``TERM_WEIGHT`` times more than a word. Two sections are
as related as the cosine of their vectors; a link is kept only from ``MIN_SCORE`` up and when
the two share a glossary term or at least ``MIN_SHARED_WORDS`` words, so a section with nothing
much in common with another theme shows no links rather than weak ones.

The cost stays close to linear in the number of sections: candidates come from an inverted index,
using only each section's ``TOP_FEATURES`` heaviest features that some other section shares and,
per feature and theme, the ``POSTINGS_CAP`` sections where it weighs most; only the best
``CANDIDATES`` are scored exactly. Work that depends only on a section's words is done once for
all the sections with the same words (sites repeat sections: the same text in one theme finds
the same links), and each pair of vectors is scored once. A thousand articles (25,000 sections)
take well under a second (``benchmarks/links_scaling.py``).

An editor can add or remove a link in front matter (``Overrides.related``: heading -> {add:
[heading, ...], remove: [heading, ...]}); headings are matched loosely across all articles, and
one that matches no section is an ``ArticleError`` naming the article and the heading.
"""
from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter, mul, neg, truediv
from typing import AbstractSet, Collection, Mapping, Sequence

from .errors import ArticleError
from .glossary import GlossaryTerm
from .model import Article, Section, SectionKey, Theme
from .text import content_stem, loose_heading, stem

# Sections that are linked: one theme page to another, never within a page, never to ``more.md``.
LINKED_THEMES: tuple[Theme, ...] = (Theme.SIGNS, Theme.COSTS, Theme.LETTING_GO)

TERM_WEIGHT = 3.0  # a shared glossary term counts this many times a shared distinctive word
HEADING_WEIGHT = 2.0  # a word in the heading counts as this many in the text
MIN_SCORE = 0.05  # below this cosine, two sections have too little in common to suggest
MIN_SHARED_WORDS = 2  # ... and one shared word alone is chance, unless it is a glossary term
TOP_FEATURES = 12  # of the features the section shares with at least one other section
POSTINGS_CAP = 16  # per feature and theme
CANDIDATES = 10
EDITOR_REASON = "added by the editor"

# ---------------------------------------------------------------------------------------------
# Words

_WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")


class _Words:
    """Content words of texts with their stems, remembering the commonest form of each stem
    (to say in words why two sections are linked).

    Each distinct text is split and stemmed once, however often it is read: sites repeat
    paragraphs. ``times`` says how many reads one call stands for, so the forms are counted as
    if every read had been made."""

    def __init__(self) -> None:
        self._stems: dict[str, str | None] = {}  # word as written -> stem, None when not a content word
        self._texts: dict[str, tuple[list[str], list[str]]] = {}  # text -> its words, its stems
        self._reads: Counter[str] = Counter()  # text -> times read, in order of first reading
        self._forms: dict[str, Counter[str]] | None = None

    def stems(self, text: str, times: int = 1) -> list[str]:
        self._reads[text] += times
        found = self._texts.get(text)
        if found is None:
            words = _WORD.findall(text.lower())
            known = self._stems
            for word in set(words).difference(known):
                known[word] = content_stem(word)
            # A stem is never empty (a content word has three letters or more), so ``filter``
            # drops exactly the words that are not content words.
            found = self._texts[text] = (words, list(filter(None, map(known.__getitem__, words))))
        return found[1]

    def shown(self, stemmed: str) -> str:
        if self._forms is None:
            self._forms = self._count_forms()
        forms = self._forms.get(stemmed)
        return forms.most_common(1)[0][0] if forms else stemmed

    def _count_forms(self) -> dict[str, Counter[str]]:
        # Texts in order of first reading and words in text order: each stem's forms come in
        # the order they were first read, so ``most_common`` breaks ties as it would have.
        read: Counter[str] = Counter()
        for text, times in self._reads.items():
            words = self._texts[text][0]
            if times == 1:
                read.update(words)  # counted in C
            else:
                for word, n in Counter(words).items():
                    read[word] += n * times
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for word, n in read.items():
            stemmed = self._stems[word]
            if stemmed is not None:
                forms[stemmed][word] += n
        return forms


# ---------------------------------------------------------------------------------------------
# Vectors


@dataclass(frozen=True)
class CrossLink:
    """A suggestion to read ``target`` after ``source``: how related they are (``score``, a cosine
    from 0 to 1; 1 for a link the editor added) and why, in words (shared terms, then words)."""

    source: SectionKey
    target: SectionKey
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionVectors:
    """Every section of the linked themes as a unit-length sparse vector (feature -> weight).
    A glossary term's feature is ``term:<term>``; a word's is its stem."""

    keys: tuple[SectionKey, ...]
    themes: tuple[Theme, ...]
    vectors: tuple[Mapping[str, float], ...]
    shown: Mapping[str, str]


@dataclass(frozen=True)
class _Space:
    """``SectionVectors`` with sections of the same words sharing one vector: ``rows[i]`` is the
    index in ``vectors`` of section ``i``'s vector. ``df``: how many sections have each feature;
    ``term_features``: those of glossary terms."""

    keys: tuple[SectionKey, ...]
    themes: tuple[Theme, ...]
    rows: tuple[int, ...]
    vectors: tuple[Mapping[str, float], ...]
    df: Mapping[str, int]
    shown: Mapping[str, str]
    term_features: frozenset[str]


def section_vectors(articles: Sequence[Article], terms: Sequence[GlossaryTerm] = ()) -> SectionVectors:
    """tf-idf vectors of the sections of ``LINKED_THEMES`` (heading words counted
    ``HEADING_WEIGHT`` times; tf is ``1 + log(count)``; idf over these sections) with the glossary
    terms each section uses (``GlossaryTerm.uses``) added at ``TERM_WEIGHT`` times their idf."""
    space = _section_space(articles, terms)
    return SectionVectors(space.keys, space.themes, tuple(space.vectors[row] for row in space.rows), space.shown)


# A section's words: its heading, its paragraphs and the names of the glossary terms it uses.
_Content = tuple[str | None, tuple[str, ...], tuple[str, ...]]


def _section_space(articles: Sequence[Article], terms: Sequence[GlossaryTerm]) -> _Space:
    """The vectors of ``section_vectors``, each computed once for all sections of the same words
    (the vector depends on nothing else)."""
    # By (article, anchor): a plain tuple hashes and compares in C, a SectionKey does not.
    uses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for term in terms:
        for key in term.uses:
            uses[key.article, key.anchor].append(term.term)
    keys, themes, rows = [], [], []
    row_of: dict[_Content, int] = {}
    for article in articles:
        for section in article.sections:
            if section.theme not in LINKED_THEMES:
                continue
            key = SectionKey(article.slug, section.anchor)
            content = (section.heading, section.paragraphs, tuple(uses.get((article.slug, section.anchor), ())))
            keys.append(key)
            themes.append(section.theme)
            rows.append(row_of.setdefault(content, len(row_of)))
    repeats = Counter(rows)
    words = _Words()
    # Rows in order of first appearance: the words are read in the same order as section by section.
    counts = [_count(words, content, repeats[row]) for row, content in enumerate(row_of)]
    df: Counter[str] = Counter()
    for row, count in enumerate(counts):
        if repeats[row] == 1:
            df.update(count.keys())  # counted in C
        else:
            for feature in count:
                df[feature] += repeats[row]
    total = len(keys)
    idf = {f: math.log((total + 1) / (n + 1)) + 1.0 for f, n in df.items()}
    vectors = [_unit_vector(count, idf, names) for count, (_heading, _paragraphs, names) in zip(counts, row_of)]
    shown = {f: (f[5:] if f.startswith("term:") else words.shown(f)) for f in df}
    term_features = frozenset(f for f in df if f.startswith("term:"))
    return _Space(tuple(keys), tuple(themes), tuple(rows), tuple(vectors), df, shown, term_features)


def _count(words: _Words, content: _Content, times: int) -> Counter[str]:
    """A section's features and their counts, in order of first use (the order the vector's
    norm is summed in); ``times``: how many sections have these words."""
    heading, paragraphs, names = content
    count: Counter[str] = Counter()
    if heading:
        for s in words.stems(heading, times):
            count[s] += HEADING_WEIGHT
    for text in paragraphs:
        count.update(words.stems(text, times))
    for name in names:
        count["term:" + name] = 1.0
    return count


def _unit_vector(count: Mapping[str, float], idf: Mapping[str, float], names: Sequence[str]) -> dict[str, float]:
    """``(1 + log(count)) * idf`` per feature (times ``TERM_WEIGHT`` for the features of the
    terms ``names``), divided by the norm. Worked out with ``map`` (each operation as a plain
    loop would do it, in the same order, so every weight is the same float): a site has
    hundreds of thousands of them."""
    tf = map((1.0).__add__, map(math.log, count.values()))
    vector = dict(zip(count, map(mul, tf, map(idf.__getitem__, count))))
    for feature in dict.fromkeys("term:" + name for name in names):
        vector[feature] *= TERM_WEIGHT
    values = vector.values()
    norm = math.sqrt(sum(map(mul, values, values))) or 1.0
    return dict(zip(vector, map(truediv, values, repeat(norm))))


_WEIGHT_THEN_NAME = itemgetter(1, 0)  # ties broken by name, not by set order


def _cosine(a: Mapping[str, float], b: Mapping[str, float], shared: Collection[str]) -> float:
    """The cosine of two unit vectors that have the features ``shared`` in common."""
    # fsum is exact whatever the order of the set, so ties break the same way in every build.
    return math.fsum(a[f] * b[f] for f in shared)


def _products(a: Mapping[str, float], b: Mapping[str, float], shared: Collection[str]) -> dict[str, float]:
    """Per shared feature, the product of its weights (what it adds to the cosine)."""
    return {f: a[f] * b[f] for f in shared}


def _enough_in_common(shared: Collection[str], shared_terms: Collection[str]) -> bool:
    return bool(shared_terms) or len(shared) >= MIN_SHARED_WORDS


def _reasons(products: Mapping[str, float], shared_terms: Collection[str], shown: Mapping[str, str], *, count: int = 4) -> tuple[str, ...]:
    """Why two sections are linked, in words: the glossary terms they share, then their shared
    words by weight, leaving out the words of a term already given ("emotional labour", not
    also "labor"). ``products``: as ``_products`` gives them; ``shared_terms``: the term
    features among them."""
    # The heaviest ``count * 3`` features, terms first, each kind by weight then by name. Names
    # are distinct, so sorting picks the same features as ``heapq.nsmallest`` would.
    terms = sorted(shared_terms, key=lambda f: (-products[f], f))[: count * 3]
    by_weight = [f for _weight, f in sorted(zip(map(neg, products.values()), products))]
    if shared_terms:
        term_words = {w for f in terms for w in _term_stems(f)}
        words = [f for f in by_weight if f not in shared_terms][: count * 3 - len(terms)]
        words = [f for f in words if f not in term_words]
    else:
        words = by_weight[: count * 3]
    features = (*terms, *words)
    return tuple(dict.fromkeys(map(shown.get, features, features)))[:count]


@functools.lru_cache(maxsize=1024)
def _term_stems(feature: str) -> frozenset[str]:
    """The stems of the words of a term's feature (``term:emotional labor`` -> emot, labour)."""
    return frozenset(stem(w) for w in _WORD.findall(feature[5:].lower()))


# ---------------------------------------------------------------------------------------------
# Relating sections

# Postings of one feature in one theme: (weight, section index), heaviest first.
_Postings = Mapping[str, list[tuple[float, int]]]
# What a section links to: (target, score, reasons), best first.
_Found = list[tuple[SectionKey, float, tuple[str, ...]]]


def relate_sections(
    articles: Sequence[Article],
    terms: Sequence[GlossaryTerm] = (),
    *,
    limit: int = 3,
    sources: AbstractSet[SectionKey] | None = None,
) -> Mapping[SectionKey, tuple[CrossLink, ...]]:
    """For each section of a linked theme, up to ``limit`` sections of the other linked themes
    (from any article), most related first, each at least ``MIN_SCORE`` and sharing a glossary term or
    ``MIN_SHARED_WORDS`` words; then the editors'
    front-matter changes (added links first, removed ones gone). Sections with no link are left
    out. Raises ``ArticleError`` for a front-matter heading that matches no section.

    ``sources``, when given, are the only sections whose links are wanted (the ones a page
    shows): every section is still a possible target, but only these are searched from, which
    is most of the work on a large site."""
    space = _section_space(articles, terms)
    # Sections of one theme with one vector find the same links (only the source differs):
    # each such group is related once.
    group_of = list(zip(space.themes, space.rows))
    groups: dict[tuple[Theme, int], list[int]] = defaultdict(list)
    for i, group in enumerate(group_of):
        groups[group].append(i)
    if sources is not None:
        wanted = {(key.article, key.anchor) for key in sources}
        searched = {group for key, group in zip(space.keys, group_of) if (key.article, key.anchor) in wanted}
    else:
        searched = set(groups)
    top = {row: _top_features(space.vectors[row], space.df) for _theme, row in searched}
    # Only the features some section looks for need postings.
    capped = _capped_postings(space, groups, {feature for features in top.values() for feature, _weight in features})
    pairs = _Pairs(space)
    found = {(theme, row): _links_of(space, theme, row, top[row], capped, pairs, limit) for theme, row in groups if (theme, row) in searched}

    related: dict[SectionKey, tuple[CrossLink, ...]] = {}
    for source, group in zip(space.keys, group_of):
        if sources is not None and source not in sources:
            continue
        links = found[group]
        if links:
            related[source] = tuple([CrossLink(source, target, score, reasons) for target, score, reasons in links])
    return apply_overrides(related, articles)


def _capped_postings(space: _Space, groups: Mapping[tuple[Theme, int], list[int]], features: AbstractSet[str]) -> dict[Theme, _Postings]:
    """Per theme, per feature of ``features``, the ``POSTINGS_CAP`` sections where the feature
    weighs most, as ``(weight, section)`` pairs, largest first (ties: the later section first)."""
    # The sections of a group share one weight, so only its last POSTINGS_CAP sections can be
    # among the heaviest, and only if its last section is: the groups are ranked first, as
    # (weight, last section, group number) (no two groups have the same last section).
    members = list(groups.values())
    index: dict[Theme, dict[str, list[tuple[float, int, int]]]] = {theme: defaultdict(list) for theme in LINKED_THEMES}
    for number, ((theme, row), sections) in enumerate(groups.items()):
        postings = index[theme]
        vector = space.vectors[row]
        for feature in vector.keys() & features:
            postings[feature].append((vector[feature], sections[-1], number))
    capped: dict[Theme, _Postings] = {}
    for theme, postings in index.items():
        capped[theme] = {}
        for feature, entries in postings.items():
            if len(entries) > POSTINGS_CAP:
                entries = heapq.nlargest(POSTINGS_CAP, entries)
            heaviest = [(weight, i) for weight, _last, number in entries for i in reversed(members[number][-POSTINGS_CAP:])]
            # At most POSTINGS_CAP runs, each already in order: sorting merges them at C speed,
            # and the pairs are all distinct, so it keeps what ``heapq.nlargest`` would.
            capped[theme][feature] = sorted(heaviest, reverse=True)[:POSTINGS_CAP]
    return capped


def _links_of(
    space: _Space, theme: Theme, row: int, top: list[tuple[str, float]], capped: Mapping[Theme, _Postings], pairs: _Pairs, limit: int
) -> _Found:
    """The links of the sections of ``theme`` whose vector is ``vectors[row]`` (and whose
    ``_top_features`` are ``top``)."""
    rows, keys = space.rows, space.keys
    others = [capped[t] for t in LINKED_THEMES if t is not theme]
    partial: dict[int, float] = defaultdict(float)
    for feature, weight in top:
        for postings in others:
            for other_weight, j in postings.get(feature, ()):
                partial[j] += weight * other_weight
    # The CANDIDATES best partial scores, ties to the earlier section. The pairs (score, -j) are
    # all distinct, so sorting them picks what ``heapq.nlargest`` would, without a key function.
    best = [-j for _score, j in sorted(zip(partial.values(), map(neg, partial)), reverse=True)[:CANDIDATES]]
    scored = sorted(
        ((pairs.score(row, rows[j]), keys[j], rows[j]) for j in best),
        key=lambda item: (-item[0], item[1].article, item[1].anchor),
    )
    links: _Found = []
    for score, target, other in scored:
        if score < MIN_SCORE or len(links) == limit:
            break
        reasons = pairs.reasons(row, other)
        if reasons is not None:
            links.append((target, round(score, 4), reasons))
    return links


class _Pairs:
    """How related two rows' vectors are, and why, each worked out once: a pair meets again
    from its other side, and from the sections of other themes with the same words. Both are
    symmetric: each product ``a[f] * b[f]`` is the same either way round. What is kept is no
    bigger than the links themselves (a score per candidate, reasons per link)."""

    def __init__(self, space: _Space) -> None:
        self._space = space
        self._scores: dict[tuple[int, int], float] = {}
        self._reasons: dict[tuple[int, int], tuple[str, ...] | None] = {}

    def score(self, a: int, b: int) -> float:
        pair = (a, b) if a < b else (b, a)
        score = self._scores.get(pair)
        if score is None:
            va, vb = self._space.vectors[a], self._space.vectors[b]
            score = self._scores[pair] = _cosine(va, vb, va.keys() & vb.keys())
        return score

    def reasons(self, a: int, b: int) -> tuple[str, ...] | None:
        """Why, in words (``_reasons``); None when they have too little in common."""
        pair = (a, b) if a < b else (b, a)
        if pair not in self._reasons:
            va, vb = self._space.vectors[a], self._space.vectors[b]
            shared = va.keys() & vb.keys()
            shared_terms = shared & self._space.term_features
            reasons = None
            if _enough_in_common(shared, shared_terms):
                reasons = _reasons(_products(va, vb, shared), shared_terms, self._space.shown)
            self._reasons[pair] = reasons
        return self._reasons[pair]


def _top_features(vector: Mapping[str, float], df: Mapping[str, int]) -> list[tuple[str, float]]:
    """The ``TOP_FEATURES`` heaviest features of a vector that some other section has too (a
    feature no other section has cannot find a candidate), heaviest first, ties by name."""
    shared = [(f, w) for f, w in vector.items() if df[f] > 1]
    # Names are distinct: sorting gives what ``heapq.nlargest`` would.
    return sorted(shared, key=_WEIGHT_THEN_NAME, reverse=True)[:TOP_FEATURES]


def _find(articles: Sequence[Article], heading: str) -> list[tuple[Article, Section]]:
    wanted = loose_heading(heading)
    return [(a, s) for a in articles for s in a.sections if s.heading and loose_heading(s.heading) == wanted]


def apply_overrides(
    related: Mapping[SectionKey, tuple[CrossLink, ...]], articles: Sequence[Article]
) -> Mapping[SectionKey, tuple[CrossLink, ...]]:
    """``related`` with each article's ``overrides.related`` applied: for a heading of that
    article, ``add`` puts links to the named sections (of any article) first, ``remove`` takes
    links to them away. Raises ``ArticleError`` naming the article and the heading that matches
    no section."""
    out = dict(related)
    for article in articles:
        for heading, change in article.overrides.related.items():
            sources = [s for s in article.sections if s.heading and loose_heading(s.heading) == loose_heading(heading)]
            if not sources:
                raise ArticleError(
                    article.source, article.overrides.lines.get("related"),
                    f'related: this article has no section headed "{heading}"; check the heading or remove it from the front matter',
                )
            source = SectionKey(article.slug, sources[0].anchor)
            removed = {key for name in change.get("remove", ()) for key in _targets(articles, article, name, source)}
            added = [key for name in change.get("add", ()) for key in _targets(articles, article, name, source)[:1]]
            kept = [link for link in out.get(source, ()) if link.target not in removed and link.target not in added]
            new = [CrossLink(source, key, 1.0, (EDITOR_REASON,)) for key in dict.fromkeys(added) if key not in removed]
            if new or kept:
                out[source] = (*new, *kept)
            else:
                out.pop(source, None)
    return out


def _targets(articles: Sequence[Article], article: Article, heading: str, source: SectionKey) -> list[SectionKey]:
    found = [SectionKey(a.slug, s.anchor) for a, s in _find(articles, heading)]
    found = [key for key in found if key != source]
    if not found:
        raise ArticleError(
            article.source, article.overrides.lines.get("related"),
            f'related: no article has a section headed "{heading}"; check the heading or remove it from the front matter',
        )
    return found

