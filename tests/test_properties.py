"""Property tests: any text in, no crash, and no word of the article lost."""
from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worth.blocks import detect_blocks
from worth.errors import ArticleError
from worth.noise import clean_lines
from worth.pipeline import article_from_raw
from worth.read import read_article

WORD = re.compile(r"[^\W_]+", re.UNICODE)
LIST_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")
# In Markdown a character reference ("&#0;", "&amp;") is one character of the text, not words.
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

lines = st.one_of(
    st.text(max_size=80),
    st.sampled_from([
        "", "The Cost of Staying", "Signs He Doesn't See Your Worth", "1. He Never Asks", "2. He Forgets",
        "The other?", "It felt like hope.", "News Post", "Share on Facebook", "Facts 01/02/2026 22:54",
        "**You deserve better.**", "- a bullet", "> a quote", "# a hash", "---", "Time", "Friends",
        "How do I know if he values me?", "Cách níu kéo tình yêu", "Final Thoughts",
        "A longer paragraph of text that goes on for quite a few words, enough to follow a heading.",
    ]),
)


def words_of(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(lines, max_size=25), suffix=st.sampled_from([".txt", ".md"]))
def test_any_text_reads_without_crashing_and_every_word_survives(body, suffix):
    text = "\n".join(body)
    try:
        raw = read_article(text.encode("utf-8", "surrogatepass"), path=f"a{suffix}")
        article = article_from_raw(raw)
    except ArticleError:
        return  # bad input is reported as one clear error, never a crash
    out = " ".join(
        [article.title]
        + [s.heading or "" for s in article.sections]
        + [p for s in article.sections for p in s.paragraphs]
        + [n.text for n in article.noise]
    )
    for line in raw.lines:
        # List numbering is structure (an ordered list), not words of the text.
        text = LIST_NUMBER.sub("", line.text)
        if suffix == ".md":
            text = ENTITY.sub(" ", text)
        assert words_of(text) <= words_of(out), line.text
    anchors = [s.anchor for s in article.sections]
    assert len(anchors) == len(set(anchors))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_any_bytes_either_read_or_give_one_clear_error(data):
    try:
        read_article(data, path="a.txt")
    except ArticleError as err:
        assert str(err).startswith("a.txt") and "\n" not in str(err)


long_lines = st.one_of(lines, st.lists(st.sampled_from(["word", "Word", "it's", "self-esteem", "—", "_", "İstanbul", "3"]),
                                       min_size=15, max_size=30).map(" ".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(long_lines, max_size=25), suffix=st.sampled_from([".txt", ".md"]))
def test_blocks_are_the_same_whether_or_not_the_furniture_stage_counted_the_words(body, suffix):
    # The block stage skips listing the words of lines the furniture stage saw as long: the
    # headings and paragraphs it finds must be those it finds counting every word itself.
    try:
        raw = read_article("\n".join(body).encode("utf-8", "surrogatepass"), path=f"a{suffix}")
    except ArticleError:
        return  # (bad front matter: told as such)
    clean = clean_lines(raw)
    counted = detect_blocks(clean, format=raw.format, overrides=raw.overrides)
    uncounted = detect_blocks(replace(clean, word_counts={}), format=raw.format, overrides=raw.overrides)
    assert counted == uncounted
