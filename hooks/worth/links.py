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
``CANDIDATES`` are scored exactly. A thousand articles (25,000 sections) take a few seconds
(``benchmarks/links_scaling.py``).

An editor can add or remove a link in front matter (``Overrides.related``: heading -> {add:
[heading, ...], remove: [heading, ...]}); headings are matched loosely across all articles, and
one that matches no section is an ``ArticleError`` naming the article and the heading.
"""
from __future__ import annotations

import heapq
from operator import itemgetter
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

from .glossary import GlossaryTerm
from .model import Article, ArticleError, Section, SectionKey, Theme

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

# Longest first; the first suffix that leaves a stem of at least four letters is cut.
_SUFFIXES = (
    "izations", "isations", "ization", "isation", "ations", "ation", "ments", "ment", "ness", "ings",
    "ing", "ities", "ity", "ized", "ised", "izes", "ises", "ize", "ise", "ies", "ied", "ed", "es",
    "ly", "s", "e", "y",
)
_WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")


def stem(word: str) -> str:
    """A light stem: the first of ``_SUFFIXES`` that leaves at least four letters is cut, and an
    American ``or`` ending is read as ``our`` (``labor`` and ``labour`` are one word)."""
    if word.endswith("or") and len(word) > 4:
        word = word[:-2] + "our"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class _Words:
    """Content words of texts with their stems, remembering the commonest form of each stem
    (to say in words why two sections are linked)."""

    def __init__(self) -> None:
        self._stems: dict[str, str | None] = {}
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)

    def stems(self, text: str) -> list[str]:
        out = []
        for word in _WORD.findall(text.lower()):
            if word not in self._stems:
                plain = word.replace("\u2019", "'")
                keep = "'" not in plain and len(plain) >= 3 and plain not in STOP_WORDS
                stemmed = stem(plain) if keep else None
                self._stems[word] = stemmed if stemmed not in STOP_WORDS else None
            stemmed = self._stems[word]
            if stemmed is not None:
                out.append(stemmed)
                self.forms[stemmed][word] += 1
        return out

    def shown(self, stemmed: str) -> str:
        forms = self.forms.get(stemmed)
        return forms.most_common(1)[0][0] if forms else stemmed


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


def section_vectors(articles: Sequence[Article], terms: Sequence[GlossaryTerm] = ()) -> SectionVectors:
    """tf-idf vectors of the sections of ``LINKED_THEMES`` (heading words counted
    ``HEADING_WEIGHT`` times; tf is ``1 + log(count)``; idf over these sections) with the glossary
    terms each section uses (``GlossaryTerm.uses``) added at ``TERM_WEIGHT`` times their idf."""
    words = _Words()
    uses: dict[SectionKey, list[str]] = defaultdict(list)
    for term in terms:
        for key in term.uses:
            uses[key].append(term.term)
    keys, themes, counts = [], [], []
    for article in articles:
        for section in article.sections:
            if section.theme not in LINKED_THEMES:
                continue
            key = SectionKey(article.slug, section.anchor)
            count: Counter[str] = Counter()
            if section.heading:
                for s in words.stems(section.heading):
                    count[s] += HEADING_WEIGHT
            for text in section.paragraphs:
                count.update(words.stems(text))
            for name in uses.get(key, ()):
                count["term:" + name] = 1.0
            keys.append(key)
            themes.append(section.theme)
            counts.append(count)
    total = len(counts)
    df: Counter[str] = Counter()
    for count in counts:
        df.update(count.keys())
    idf = {f: math.log((total + 1) / (n + 1)) + 1.0 for f, n in df.items()}
    vectors = []
    for count in counts:
        vector = {}
        for feature, n in count.items():
            weight = (1.0 + math.log(n)) * idf[feature]
            if feature.startswith("term:"):
                weight *= TERM_WEIGHT
            vector[feature] = weight
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({f: w / norm for f, w in vector.items()})
    shown = {f: (f[5:] if f.startswith("term:") else words.shown(f)) for f in df}
    return SectionVectors(tuple(keys), tuple(themes), tuple(vectors), shown)


_WEIGHT_THEN_NAME = itemgetter(1, 0)  # ties broken by name, not by set order


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    # fsum is exact whatever the order of the set, so ties break the same way in every build.
    return math.fsum(a[f] * b[f] for f in a.keys() & b.keys())


def _shared(a: Mapping[str, float], b: Mapping[str, float]) -> set[str]:
    return a.keys() & b.keys()


def _enough_in_common(shared: set[str]) -> bool:
    return any(f.startswith("term:") for f in shared) or len(shared) >= MIN_SHARED_WORDS


def _reasons(shared: set[str], a: Mapping[str, float], b: Mapping[str, float], shown: Mapping[str, str], *, count: int = 4) -> tuple[str, ...]:
    """Why two sections are linked, in words: the glossary terms they share, then their shared
    words by weight, leaving out the words of a term already given ("emotional labour", not
    also "labor")."""
    best = heapq.nsmallest(count * 3, shared, key=lambda f: (not f.startswith("term:"), -a[f] * b[f], f))
    terms = [f for f in best if f.startswith("term:")]
    term_words = {stem(w) for f in terms for w in _WORD.findall(f[5:].lower())}
    words = [f for f in best if not f.startswith("term:") and f not in term_words]
    return tuple(dict.fromkeys(shown.get(f, f) for f in (*terms, *words)))[:count]


# ---------------------------------------------------------------------------------------------
# Relating sections


def relate_sections(
    articles: Sequence[Article], terms: Sequence[GlossaryTerm] = (), *, limit: int = 3
) -> Mapping[SectionKey, tuple[CrossLink, ...]]:
    """For each section of a linked theme, up to ``limit`` sections of the other linked themes
    (from any article), most related first, each at least ``MIN_SCORE`` and sharing a glossary term or
    ``MIN_SHARED_WORDS`` words; then the editors'
    front-matter changes (added links first, removed ones gone). Sections with no link are left
    out. Raises ``ArticleError`` for a front-matter heading that matches no section."""
    space = section_vectors(articles, terms)
    # Per theme, per feature, the sections where the feature weighs most.
    index: dict[Theme, dict[str, list[tuple[float, int]]]] = {theme: defaultdict(list) for theme in LINKED_THEMES}
    for i, vector in enumerate(space.vectors):
        postings = index[space.themes[i]]
        for feature, weight in vector.items():
            postings[feature].append((weight, i))
    df = Counter(f for vector in space.vectors for f in vector)
    capped = {
        theme: {f: heapq.nlargest(POSTINGS_CAP, entries) for f, entries in postings.items()}
        for theme, postings in index.items()
    }

    related: dict[SectionKey, tuple[CrossLink, ...]] = {}
    for i, vector in enumerate(space.vectors):
        others = [capped[theme] for theme in LINKED_THEMES if theme is not space.themes[i]]
        partial: dict[int, float] = defaultdict(float)
        # A feature no other section has cannot find a candidate: look at the others only.
        shared = [(f, w) for f, w in vector.items() if df[f] > 1]
        for feature, weight in heapq.nlargest(TOP_FEATURES, shared, key=_WEIGHT_THEN_NAME):
            for postings in others:
                for other_weight, j in postings.get(feature, ()):
                    partial[j] += weight * other_weight
        best = heapq.nlargest(CANDIDATES, partial, key=lambda j: (partial[j], -j))
        scored = sorted(
            ((_cosine(vector, space.vectors[j]), space.keys[j], j) for j in best),
            key=lambda item: (-item[0], item[1].article, item[1].anchor),
        )
        links: list[CrossLink] = []
        for score, target, j in scored:
            if score < MIN_SCORE or len(links) == limit:
                break
            shared = _shared(vector, space.vectors[j])
            if _enough_in_common(shared):
                links.append(CrossLink(space.keys[i], target, round(score, 4), _reasons(shared, vector, space.vectors[j], space.shown)))
        if links:
            related[space.keys[i]] = tuple(links)
    return apply_overrides(related, articles)


def loose_heading(text: str) -> str:
    """A heading as an editor may type it: case, quotes, dashes, numbering and punctuation ignored."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2014", " ").replace("\u2013", " ")
    text = re.sub(r"^\s*(?:\d+|[ivx]+)[.)]\s+", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text.replace("'", "")).split())


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

