"""The glossary: terms the articles use, defined in the articles' own words where they can be.

    load_glossary(path)                      -> GlossaryEntry[]   (the editor's ``glossary.yml``)
    find_definitions(articles, entries)      -> {term: Definition} (defining sentences in the text)
    build_glossary(articles, entries)        -> GlossaryTerm[]    (definition + every section using it)
    find_term_uses(text, terms)              -> TermUse[]         (where terms occur in plain text)
    section_term_links(articles, terms)      -> {SectionKey: links} (the first use of each term in a section)
    term_linker(terms, glossary_page=...)    -> per section, spans for ``render.render_inline``
    render_glossary_page(terms, ...)         -> str               (the glossary page's Markdown)

A defining sentence is found by the patterns in ``DEFINING_PATTERNS`` (data, in order of trust):
"Psychologists call this identity diffusion—a loss of clarity about who you are",
"Experts often use the term relational asymmetry to describe one-sided emotional labor",
"Selective presence is a form of opportunism", "That's cognitive dissonance at play—you're trying
to reconcile ...", "the prefrontal cortex (the part of your brain tied to reasoning ...)". Some
patterns are sure enough to bring in a term the editor did not list; the others only define
listed terms. The editor's definition in ``glossary.yml`` wins where there is one; an article's
sentence is the definition only where it really defines the term (``DefiningPattern.defines``),
else the entry quotes it as a use.

Matching is on plain text (never Markdown): whole words only, any case, every spelling the entry
lists plus the -ize/-ise forms, the longest term first and never two uses overlapping.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import yaml

from . import yamltext
from .errors import ArticleError
from .model import Article, Section, SectionKey
from .patterns import trie_pattern
from .render import InlineLink, escape_text, render_heading
from .text import sentences, slugify, straight_quotes

GLOSSARY_PAGE = "glossary.md"

# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class GlossaryEntry:
    """One entry of the editor's ``glossary.yml``: the term as shown, other spellings and forms
    to find (``variants``) and an optional plain definition (used when no article gives one)."""

    term: str
    variants: tuple[str, ...] = ()
    definition: str | None = None


@dataclass(frozen=True)
class Definition:
    """A term defined in an article: the defining words (``definition``), the whole sentence
    they come from (``sentence``), the section it is in and the name of the pattern that found it."""

    term: str
    definition: str
    sentence: str
    key: SectionKey
    pattern: str


@dataclass(frozen=True)
class GlossaryTerm:
    """A term on the glossary page.

    ``definition`` is the editor's when ``glossary.yml`` gives one, else the defining words of an
    article's sentence that really defines the term (``quote_defines``). ``quote`` is that
    article's whole sentence and ``defined_in`` its section; when the sentence only uses the term
    (or the editor's words are shown), ``quote_defines`` is False and the entry quotes it as a
    use. ``uses`` lists every section whose heading or text uses the term, in article order.
    """

    term: str
    slug: str
    variants: tuple[str, ...]
    definition: str
    defined_in: SectionKey | None
    uses: tuple[SectionKey, ...]
    quote: str | None = None
    quote_defines: bool = False


@dataclass(frozen=True)
class TermUse:
    """A use of a term in a text: ``text[start:end]`` is the word as written, ``term`` the
    glossary term it stands for."""

    start: int
    end: int
    term: str


# ---------------------------------------------------------------------------------------------
# The editor's list


def load_glossary(path: Path, *, display_path: str | None = None) -> tuple[GlossaryEntry, ...]:
    """Read ``glossary.yml``: a list of entries with ``term``, optional ``variants`` (a list) and
    ``definition``. A missing file is an empty list; bad content raises ``ArticleError`` naming
    the file and line."""
    shown = display_path or str(path)
    if not path.exists():
        return ()
    root = yamltext.compose_file(path, shown=shown, advice="fix it or delete the file")
    if root is None:
        return ()
    if not isinstance(root, yaml.SequenceNode):
        raise ArticleError(shown, root.start_mark.line + 1, "expected a list of entries, each starting with '- term:'")
    entries = []
    seen: dict[str, int] = {}
    for node in root.value:
        line = node.start_mark.line + 1
        value: Any = yaml.SafeLoader("").construct_document(node)
        entry = _entry(value, shown, line)
        if _norm(entry.term) in seen:
            raise ArticleError(shown, line, f'"{entry.term}" is listed twice (first on line {seen[_norm(entry.term)]}); keep one entry')
        seen[_norm(entry.term)] = line
        entries.append(entry)
    return tuple(entries)


def _entry(value: Any, shown: str, line: int) -> GlossaryEntry:
    if not isinstance(value, dict) or not isinstance(value.get("term"), str) or not value["term"].strip():
        raise ArticleError(shown, line, "each entry needs 'term' (the word or phrase), and may have 'variants' and 'definition'")
    unknown = sorted(set(value) - {"term", "variants", "definition"})
    if unknown:
        raise ArticleError(shown, line, f"unknown key '{unknown[0]}'; use 'term', 'variants' or 'definition'")
    variants = value.get("variants") or []
    if isinstance(variants, str):
        variants = [variants]
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        raise ArticleError(shown, line, "'variants' must be a list of words, like [labor, labour]")
    definition = value.get("definition")
    if definition is not None and not isinstance(definition, str):
        raise ArticleError(shown, line, "'definition' must be text")
    return GlossaryEntry(
        term=" ".join(value["term"].split()),
        variants=tuple(" ".join(v.split()) for v in variants),
        definition=" ".join(definition.split()) if definition and definition.strip() else None,
    )


# ---------------------------------------------------------------------------------------------
# Words


_SPACES_OR_HYPHENS = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=4096)
def _norm(term: str) -> str:
    """A term compared loosely: lower case, straight quotes, hyphens and spaces alike."""
    # Cached: every use of a term found in the text is looked up by this form.
    return " ".join(_SPACES_OR_HYPHENS.split(straight_quotes(term).lower().strip()))


# Spellings found without being listed: American and British -ize/-ise.
_SPELLINGS = (("ization", "isation"), ("isation", "ization"), ("izing", "ising"), ("ising", "izing"),
              ("ized", "ised"), ("ised", "ized"), ("ize", "ise"), ("ise", "ize"))


def spellings(term: str, variants: Iterable[str] = ()) -> tuple[str, ...]:
    """Every form of a term to look for, normalised: the term, its variants, and each one's
    -ize/-ise spelling; longest first."""
    forms = {_norm(term), *(_norm(v) for v in variants)}
    for form in list(forms):
        for a, b in _SPELLINGS:
            if a in form:
                forms.add(form.replace(a, b))
    return tuple(sorted((f for f in forms if f), key=lambda f: (-len(f), f)))


# ---------------------------------------------------------------------------------------------
# Finding terms in text


_SEPARATOR = "\0"  # between a form's words; never in a normalised form


def _form_unit(char: str) -> str:
    # Words are joined by any run of spaces or hyphens, and an apostrophe may be curly.
    if char == _SEPARATOR:
        return "[\\s\\-]+"
    return "['\u2019]" if char == "'" else re.escape(char)


class _Matcher:
    """One regular expression for all terms: each form's words joined by any space or hyphen,
    the longest form preferred where one continues another, bounded by non-word characters."""

    def __init__(self, spelled: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        self.by_form: dict[str, str] = {}
        for term, variants in spelled:
            for form in spellings(term, variants):
                self.by_form.setdefault(form, term)
        # A form is its letters with one separator unit between words; factored into a trie, the
        # pattern stays fast however many terms the articles define.
        forms = [tuple(_SEPARATOR.join(f.split())) for f in self.by_form]
        self.regex = (
            re.compile(r"(?<![\w\-])(?:" + trie_pattern(forms, _form_unit) + r")(?![\w\-])", re.IGNORECASE)
            if forms else None
        )

    def uses(self, text: str) -> list[TermUse]:
        if self.regex is None:
            return []
        return [TermUse(m.start(), m.end(), self.by_form[_norm(m.group(0))]) for m in self.regex.finditer(text)]


@functools.lru_cache(maxsize=16)
def _matcher(spelled: tuple[tuple[str, tuple[str, ...]], ...]) -> _Matcher:
    return _Matcher(spelled)


def _matcher_for(terms: Sequence[GlossaryEntry | GlossaryTerm]) -> _Matcher:
    # Keyed by spellings only: a GlossaryTerm's ``uses`` can be long and is no part of matching.
    return _matcher(tuple((t.term, tuple(t.variants)) for t in terms))


def find_term_uses(text: str, terms: Sequence[GlossaryEntry | GlossaryTerm]) -> list[TermUse]:
    """Every use of a term in plain ``text``, in order: whole words only (never inside another
    word), any case, any listed spelling, the longest term where two could match, no overlaps."""
    return _matcher_for(terms).uses(text)


SectionTermLinks = tuple[tuple[tuple[InlineLink, ...], ...], ...]
"""For one section, per block and per line of the block, the links its text gets: the first use
of each glossary term in the section (not already used in an earlier line), as an ``InlineLink``
whose ``href`` is the term's entry from the site's root (``glossary.md#identity-diffusion``) and
whose ``title`` is its definition (the tooltip)."""


def section_term_links(
    articles: Sequence[Article], terms: Sequence[GlossaryTerm], *, glossary_page: str = GLOSSARY_PAGE
) -> dict[SectionKey, SectionTermLinks]:
    """The glossary links of every section that uses a term (``SectionTermLinks``), by section.
    A page that shows a section links its terms the same way, wherever the page is."""
    by_term = {t.term: t for t in terms}
    matcher = _matcher_for(terms)
    uses_in: dict[str, list[TermUse]] = {}  # per distinct text: sites repeat paragraphs
    out: dict[SectionKey, SectionTermLinks] = {}
    for article in articles:
        for section in article.sections:
            seen: set[str] = set()
            blocks = []
            for block in section.blocks:
                lines = []
                for text in block.lines:
                    uses = uses_in.get(text)
                    if uses is None:
                        uses = uses_in[text] = matcher.uses(text)
                    links = []
                    for use in uses:
                        if use.term not in seen:
                            seen.add(use.term)
                            term = by_term[use.term]
                            links.append(InlineLink(use.start, use.end, f"{glossary_page}#{term.slug}", term.definition))
                    lines.append(tuple(links))
                blocks.append(tuple(lines))
            if seen:
                out[SectionKey(article.slug, section.anchor)] = tuple(blocks)
    return out


# ---------------------------------------------------------------------------------------------
# Defining sentences

# A term as it can stand in running text: one to four words of letters (hyphens inside).
_TERM = r"(?P<term>[a-z][a-z\-]*(?: [a-z][a-z\-]*){0,3}?)"
_DASH = r"\s*(?:\u2014|\u2013|--|:)\s*"
# The longest aside in brackets read as a definition. Bounded, so that a bracket never closed
# is looked for a fixed distance from each "the X (" and not to the end of the paragraph every
# time (time growing with the square of the paragraph); no tooltip is that long anyway.
_MAX_ASIDE = 300


@dataclass(frozen=True)
class DefiningPattern:
    """A way articles define a term. ``regex`` is tried on each sentence (plain quotes, any case)
    and names the groups ``term`` and ``definition``; with ``from_heading`` the term is the
    section's heading and only the section's first sentence is tried. ``discovers``: the pattern
    is sure enough to bring in a term that is not in ``glossary.yml``. ``defines``: the sentence
    really defines the term (the term is its subject, or named by a defining verb: "X refers to",
    "X is a", "known as X"); otherwise it only uses the term in passing ("that's X at play—..."),
    and is quoted as a use, never shown as the definition."""

    name: str
    regex: re.Pattern[str]
    discovers: bool = False
    from_heading: bool = False
    # Words the regex cannot match without, in small letters: a sentence holding none of them
    # (``case_blind``) is not tried. Most sentences define nothing, and a substring test is far
    # cheaper than a search; ``tests/test_glossary.py`` checks each list against its pattern.
    needs: tuple[str, ...] = ()
    defines: bool = True


def _pattern(name: str, regex: str, *, needs: tuple[str, ...], discovers: bool = False, from_heading: bool = False, defines: bool = True) -> DefiningPattern:
    return DefiningPattern(name, re.compile(regex, re.IGNORECASE), discovers, from_heading, needs, defines)


# The characters a case-blind pattern also reads as i, k and s (dotted and dotless i, the Kelvin
# sign, the long s): made plain before lower-casing, so that ``needs`` can be found by ``in``.
_CASE_BLIND = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def case_blind(text: str) -> str:
    """``text`` in small letters as a case-blind regular expression reads it."""
    return text.translate(_CASE_BLIND).lower() if not text.isascii() else text.lower()


# In order of trust: the first pattern that defines a term in an article wins.
DEFINING_PATTERNS: tuple[DefiningPattern, ...] = (
    # "Experts often use the term relational asymmetry to describe one-sided emotional labor."
    _pattern("the term X to describe", needs=("the term ", "the phrase ", "the word ", "the label "), regex=rf"\b(?:use|uses|used|using) the (?:term|phrase|word|label) {_TERM} to (?:describe|mean|name|refer to) (?P<definition>.+)", discovers=True),
    # "The term gaslighting refers to ..." / "Gaslighting refers to ..."
    _pattern("X refers to", needs=(" refers to ", " is defined as ", " is the name for "), regex=rf"^(?:the (?:term|phrase|word) )?{_TERM},? (?:refers to|is defined as|is the name for) (?P<definition>.+)", discovers=True),
    # "Psychologists call this identity diffusion—a loss of clarity about who you are ..."
    _pattern("call this X", needs=("call",), regex=rf"\b(?:call|calls|called) (?:this|it|that) {_TERM}{_DASH}(?P<definition>.+)", discovers=True),
    # "A loss of clarity about who you are is known as identity diffusion."
    _pattern("known as X", needs=(" known as ", " called ", " termed "), regex=rf"^(?!(?:this|that|it|which)\b)(?P<definition>[^,]+?) (?:is|are) (?:known as|called|termed) {_TERM}[.!]?$", discovers=True),
    # "That's cognitive dissonance at play—you're trying to reconcile ..."
    _pattern("X at play", needs=(" at play", " at work"), regex=rf"\bthat(?:'s| is) {_TERM} at (?:play|work){_DASH}(?P<definition>.+)", discovers=True, defines=False),
    # "... the prefrontal cortex (the part of your brain tied to reasoning and long-term planning) ..."
    _pattern("X (the ...)", needs=(" (",), regex=rf"\bthe {_TERM} \((?P<definition>(?:the|a|an) [^)]{{1,{_MAX_ASIDE}}}+)\)", discovers=True, defines=False),
    # "Selective presence is a form of opportunism—it reveals that he values what you give ..."
    _pattern("X is a", needs=(" is ", " are ", " means "), regex=rf"^{_TERM} (?:is|are|means) (?P<definition>(?:a|an|the|when|what) .+)"),
    # Under the heading "Emotional Minimization": "This is the classic “you're too sensitive” ... response."
    _pattern("heading: this is a", needs=("this is ",), regex=r"^this is (?P<definition>(?:a|an|the) .+)", from_heading=True, defines=False),
)
_DEFINES = frozenset(p.name for p in DEFINING_PATTERNS if p.defines)

# Words a discovered term may not start or end with: it would be a piece of a sentence.
_NOT_TERM_EDGE = frozenset(
    "a an and are as at be but by for from he her him his i if in into is it its me my no not of on or our "
    "she so than that the their them they this to up was we what when which who with you your yours "
    "one some all any more most very just much many".split()
)


def _sane_term(term: str) -> bool:
    words = term.split()
    return 1 <= len(words) <= 4 and len(term) >= 4 and words[0] not in _NOT_TERM_EDGE and words[-1] not in _NOT_TERM_EDGE


def _clean_definition(text: str) -> str:
    text = text.strip().rstrip(".;:,!").strip()
    return text


def find_definitions(articles: Sequence[Article], entries: Sequence[GlossaryEntry] = ()) -> dict[str, Definition]:
    """The first defining sentence of each term in the articles (articles as given, sections and
    sentences in order, patterns in ``DEFINING_PATTERNS`` order within a sentence), by term.

    A listed term is named as in ``glossary.yml`` (any of its spellings is recognised); a term
    only the articles define is named as written, in lower case.
    """
    known: dict[str, str] = {}
    for entry in entries:
        for form in spellings(entry.term, entry.variants):
            known.setdefault(form, entry.term)
    matches = _DefiningMatches()
    found: dict[str, Definition] = {}
    for article in articles:
        for definition in _definitions_in(article, known, matches):
            kept = found.get(definition.term)
            # A sentence that really defines the term wins over an earlier one that only uses it.
            if kept is None or (kept.pattern not in _DEFINES and definition.pattern in _DEFINES):
                found[definition.term] = definition
    return found


def _definitions_in(article: Article, known: Mapping[str, str], matches: _DefiningMatches) -> list[Definition]:
    """Every defining sentence of one article, in order (a term may come more than once)."""
    found: list[Definition] = []
    for section in article.sections:
        first = True
        for text in section.paragraphs:
            count, matched = matches.of_text(text)
            for index, sentence, hits in matched:
                for pattern, match in hits:
                    if pattern.from_heading and not (first and index == 0 and section.heading):
                        continue
                    raw = section.heading if pattern.from_heading else match.group("term")
                    name = known.get(_norm(raw or ""))
                    if name is None:
                        if not pattern.discovers or not _sane_term(_norm(raw or "")):
                            continue
                        name = _norm(raw or "")
                    # Quote the article as written (curly quotes and all): same offsets.
                    start, end = match.span("definition")
                    definition = _clean_definition(sentence[start:end])
                    if definition.lower().startswith("not ") or len(definition.split()) < 2:
                        continue
                    found.append(Definition(name, definition, sentence, SectionKey(article.slug, section.anchor), pattern.name))
            if count:
                first = False  # only a section's first sentence can define its heading
    return found


# A sentence's matches of ``DEFINING_PATTERNS``, in pattern order.
_Hits = tuple[tuple[DefiningPattern, re.Match[str]], ...]


class _DefiningMatches:
    """What ``DEFINING_PATTERNS`` match in texts, worked out once per distinct text and per
    distinct sentence (sites repeat paragraphs and sentences; most sentences match nothing)."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[int, list[tuple[int, str, _Hits]]]] = {}
        self._sentences: dict[str, _Hits] = {}

    def of_text(self, text: str) -> tuple[int, list[tuple[int, str, _Hits]]]:
        """How many sentences ``text`` has, and (index, sentence, hits) for those with hits."""
        found = self._texts.get(text)
        if found is None:
            split = sentences(text)
            matched = [(index, sentence, hits) for index, sentence in enumerate(split) if (hits := self._of_sentence(sentence))]
            found = self._texts[text] = (len(split), matched)
        return found

    def _of_sentence(self, sentence: str) -> _Hits:
        hits = self._sentences.get(sentence)
        if hits is None:
            plain = straight_quotes(sentence)
            small = case_blind(plain)
            hits = self._sentences[sentence] = tuple(
                (pattern, match)
                for pattern in DEFINING_PATTERNS
                if any(word in small for word in pattern.needs) and (match := pattern.regex.search(plain))
            )
        return hits


# ---------------------------------------------------------------------------------------------
# The glossary


def section_texts(section: Section) -> tuple[str, ...]:
    """What of a section counts as using a term: its heading and every paragraph."""
    return ((section.heading,) if section.heading else ()) + section.paragraphs


def build_glossary(articles: Sequence[Article], entries: Sequence[GlossaryEntry] = ()) -> tuple[GlossaryTerm, ...]:
    """The glossary's terms, alphabetical: every listed or article-defined term that some
    section uses and that has a definition (the article's first, else the editor's), with every
    section using it."""
    definitions = find_definitions(articles, entries)
    candidates: dict[str, GlossaryEntry] = {e.term: e for e in entries}
    for name in definitions:
        candidates.setdefault(name, GlossaryEntry(name))
    matcher = _matcher_for(tuple(candidates.values()))
    names_in: dict[str, frozenset[str]] = {}  # per distinct text (sites repeat paragraphs)
    uses: dict[str, list[SectionKey]] = {name: [] for name in candidates}
    for article in articles:
        for key, named in _names_used(article, matcher, names_in):
            for name in named:
                uses[name].append(key)
    terms = []
    for name, entry in candidates.items():
        found = definitions.get(name)
        defines = found is not None and found.pattern in _DEFINES
        # The editor's words win; an article's only where its sentence really defines the term.
        definition = entry.definition or (found.definition if found is not None and defines else None)
        if not definition or not uses[name]:
            continue
        terms.append(
            GlossaryTerm(
                term=entry.term,
                slug=slugify(_norm(entry.term), fallback="term"),
                variants=entry.variants,
                definition=definition,
                defined_in=found.key if found else None,
                uses=tuple(uses[name]),
                quote=found.sentence if found else None,
                quote_defines=defines and not entry.definition,
            )
        )
    return tuple(sorted(terms, key=lambda t: _norm(t.term)))


def _names_used(article: Article, matcher: _Matcher, names_in: dict[str, frozenset[str]]) -> list[tuple[SectionKey, frozenset[str]]]:
    """The sections of one article that use some term, in order, each with the terms it uses."""
    used = []
    for section in article.sections:
        named: frozenset[str] = frozenset()
        for text in section_texts(section):
            names = names_in.get(text)
            if names is None:
                names = names_in[text] = frozenset(use.term for use in matcher.uses(text))
            named |= names
        if named:
            used.append((SectionKey(article.slug, section.anchor), named))
    return used


GLOSSARY_TITLE = "Glossary"
USES_SHOWN = 8  # places listed under a term; the others are in a collapsed list below them
USES_FOLDED = 8  # places in that list at most; the rest are counted
GLOSSARY_INTRO = (
    "Words the articles use, in plain language. "
    "Where an article explains a word itself, its own words are quoted. "
    "Each word links to the places that use it."
)


def render_glossary_page(
    terms: Sequence[GlossaryTerm],
    url_for_section: Callable[[SectionKey], str],
    *,
    label_for_section: Callable[[SectionKey], str],
) -> str:
    """The glossary page's Markdown: each term as a heading with its slug as anchor, its
    definition (the article's sentence quoted, with a link to where it says it, or the editor's
    words), then links to every section that uses it (the first ``USES_SHOWN``, then the others
    in a collapsed block). ``url_for_section`` gives a link target
    from the glossary page; ``label_for_section`` the words to show for it."""
    # A section that uses several terms is listed under each, and many sections share a
    # heading: each link and each label is made once (the caches go with the call).
    escape_label = functools.lru_cache(maxsize=None)(escape_text)

    @functools.lru_cache(maxsize=None)
    def link_to(key: SectionKey) -> str:
        return f"[{escape_label(label_for_section(key))}](<{url_for_section(key)}>)"

    lines = [f"# {GLOSSARY_TITLE}", "", GLOSSARY_INTRO]
    if not terms:
        lines += ["", "There are no words here yet."]
    for term in terms:
        lines += ["", render_heading(term.term[:1].upper() + term.term[1:], level=2, anchor=term.slug), ""]
        if term.defined_in is not None and term.quote and term.quote_defines:
            lines += [f"> {escape_text(term.quote)}", ""]
            source = link_to(term.defined_in)
            lines += [f"From {source}", "{ .worth-source }"]
        else:
            lines.append(escape_text(term.definition[:1].upper() + term.definition[1:]))
            if term.defined_in is not None and term.quote:
                lines += ["", "How an article uses it:", "", f"> {escape_text(term.quote)}", ""]
                lines += [f"From {link_to(term.defined_in)}", "{ .worth-source }"]
        links = [link_to(k) for k in term.uses]
        lines += ["", f"Used in: {', '.join(links[:USES_SHOWN])}", "{ .worth-used-in }"]
        rest = links[USES_SHOWN:]
        if rest:
            # With many articles a common term is used in hundreds of places: the rest fold away,
            # and past USES_FOLDED the page names how many more there are rather than growing by
            # a line per section (search finds them all).
            noun = "place" if len(rest) == 1 else "places"
            lines += ["", f'??? note "And {len(rest)} more {noun}"', "", *(f"    - {link}" for link in rest[:USES_FOLDED])]
            if len(rest) > USES_FOLDED:
                unlisted = len(rest) - USES_FOLDED
                lines += ["", f"    And {unlisted} more: search the site for \"{escape_text(term.term)}\" to find them."]
    return "\n".join(lines) + "\n"


def section_labels(articles: Iterable[Article]) -> Mapping[SectionKey, str]:
    """Words to show for each section in a list of links: its heading, or its article's title
    for text before the first heading."""
    return {SectionKey(a.slug, s.anchor): s.heading or a.title for a in articles for s in a.sections}
