"""What becomes of the lines of a saved web page once the extractor has found its article: each
paragraph is shown as the page showed it, whatever it opens with, and no line the extractor took
is dropped by the line judge on its own: its doubts are shown to the editor, who may ``drop``.
Each test says what a reader of the built article, or the editor running ``worth inspect``, sees.
"""
from __future__ import annotations

import io
from pathlib import Path

import markdown
from lxml import html as lxml_html

from worth.cli import main
from worth.model import BlockKind
from worth.pipeline import load_article, load_articles
from worth.render import render_block

OPENING = [
    "He said he would call on Sunday, and on Sunday I kept the phone in my hand until the evening was over.",
    "When I asked about it on Monday, he told me I was making a scene about nothing at all.",
    "A friend asked me what I got from the relationship, and I could not think of one thing to say.",
]
# Paragraphs that open with what Markdown reads as a list item, a rule or a heading.
MARKED = [
    "1. Write down what he promised, in his words, on the day he promised it.",
    "2. Check what he promised against what he did, a week later.",
    "+ one more evening alone, and the plans I made for it anyway.",
    "- Not a list: a dash I typed before the thought, the way I talk.",
    "* * *",
    "# The morning after was quiet, and the quiet was mine.",
    "> He never answered, and I stopped asking.",
]
CLOSING = [
    "Leaving was not one decision but many small ones, each of them a little easier than the last one.",
    '"No more."',
    "Ah, Sundays! Ah, quiet!",
]


def page(tmp_path: Path, name: str, paragraphs: list[str], *, extra: str = "", settings: str | None = None) -> Path:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path = tmp_path / name
    path.write_text(
        "<html><head><title>The Last Sunday</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/essays'>Essays</a></nav>"
        f"<article><h1>The Last Sunday</h1>{body}{extra}</article>"
        "<footer><p>Copyright 2024 A Small Blog. All rights reserved.</p></footer></body></html>",
        encoding="utf-8",
    )
    if settings is not None:
        path.with_suffix(".yml").write_text(settings, encoding="utf-8")
    return path


def blocks(article) -> list:
    return [b for s in article.sections for b in s.blocks]


def shown(block) -> str:
    """The text a reader sees of a block on the built page."""
    return lxml_html.fromstring(markdown.markdown(render_block(block))).text_content().strip()


def test_a_paragraph_opening_with_a_number_a_dash_or_a_sign_is_shown_as_the_page_showed_it(tmp_path):
    article = load_article(page(tmp_path, "sunday.html", OPENING + MARKED + CLOSING))
    found = {b.lines[0]: b for b in blocks(article)}
    for text in MARKED:
        assert found[text].kind is BlockKind.PARAGRAPH, text
        assert shown(found[text]) == text
    assert [s.heading for s in article.sections if s.heading] == []


def test_a_list_of_the_page_is_still_a_list_with_its_numbers(tmp_path):
    steps = "<ol><li>Write down what he promised.</li><li>Check it a week later.</li></ol>"
    article = load_article(page(tmp_path, "steps.html", OPENING, extra=steps))
    lists = [b for b in blocks(article) if b.kind is BlockKind.LIST]
    assert [(b.lines, b.ordered) for b in lists] == [(("Write down what he promised.", "Check it a week later."), True)]


def test_short_closing_lines_and_a_line_of_code_the_extractor_took_stay_in_the_article(tmp_path):
    code = "<pre>$ git log --since=sunday</pre>"
    article = load_article(page(tmp_path, "closing.html", OPENING + MARKED + CLOSING, extra=code))
    texts = [line for b in blocks(article) for line in b.lines]
    assert [t for t in OPENING + MARKED + CLOSING if t not in texts] == []
    assert "$ git log --since=sunday" in texts
    # Only the page's furniture is left out; nothing of the article is dropped as noise.
    assert sorted(n.rule for n in article.noise) == ["left out: footer", "left out: navigation"]


def run_inspect(path: Path) -> str:
    out = io.StringIO()
    assert main(["inspect", str(path)], stdout=out, stderr=io.StringIO()) == 0
    return out.getvalue()


def test_inspect_shows_the_lines_that_look_like_furniture_and_a_drop_removes_one(tmp_path):
    path = page(tmp_path, "doubts.html", OPENING + MARKED + CLOSING)
    doubts = run_inspect(path).split("Kept, but most like furniture")[1].split("Left out of the page")[0]
    assert "Ah, Sundays! Ah, quiet!" in doubts
    # A sentence closed inside its quotation marks reads as one: no doubt is shown for it.
    assert '"No more."' not in doubts
    path.with_suffix(".yml").write_text("drop:\n  - 'Ah, Sundays! Ah, quiet!'\n", encoding="utf-8")
    article = load_article(path)
    assert "Ah, Sundays! Ah, quiet!" not in [line for b in blocks(article) for line in b.lines]
    assert '"No more."' in [line for b in blocks(article) for line in b.lines]
    noise = run_inspect(path).split("Dropped as noise")[1]
    assert "Ah, Sundays! Ah, quiet!  (editor-drop)" in noise


def test_a_page_of_links_alone_has_no_article_unless_the_editor_keeps_its_line(tmp_path):
    (tmp_path / "links.html").write_text(
        "<html><head><title>Links</title></head><body><div><a href='/a'>Home</a> <a href='/b'>About</a></div></body></html>",
        encoding="utf-8",
    )
    result = load_articles(tmp_path, display_root=tmp_path)
    assert result.articles == ()
    assert result.warnings == ("links.html: the article has no text, so it is left out of the site; add its text or remove the file",)
    # The editor who wants it anyway keeps the line.
    (tmp_path / "links.yml").write_text("keep: [Home About]\n", encoding="utf-8")
    article = load_article(tmp_path / "links.html")
    assert [line for b in blocks(article) for line in b.lines] == ["Home About"]


# An article written in Russian: the line judge, which learnt its lines from English articles,
# takes every one of them, and the title, for furniture.
RUSSIAN = [
    "Три года я ждала, что он заметит, сколько я делаю для нас обоих, но он так и не заметил.",
    "Когда я говорила о своих чувствах, он менял тему и говорил, что я опять преувеличиваю.",
    "Однажды подруга спросила меня, что я получаю от этих отношений, и я не знала, что ответить.",
    "Тогда я начала записывать в тетрадь всё, что он обещал, и всё, что он действительно сделал.",
]


def test_an_article_in_another_language_is_kept_whole_with_its_title(tmp_path):
    (tmp_path / "tetrad.html").write_text(
        "<html lang='ru'><head><meta charset='utf-8'><title>Тетрадь в две колонки</title></head><body>"
        "<nav><ul><li><a href='/'>Главная</a></li><li><a href='/stati'>Статьи</a></li></ul></nav>"
        "<article><h1>Тетрадь в две колонки</h1>" + "".join(f"<p>{p}</p>" for p in RUSSIAN) + "</article>"
        "<footer><p>Все права защищены.</p></footer></body></html>",
        encoding="utf-8",
    )
    result = load_articles(tmp_path, display_root=tmp_path)
    assert result.warnings == ()
    [article] = result.articles
    assert article.title == "Тетрадь в две колонки"
    assert [line for b in blocks(article) for line in b.lines] == RUSSIAN
    assert [s.heading for s in article.sections if s.heading] == []
    # The judge's doubts are shown to the editor, not acted on; the menu and footer stay out.
    assert sorted(n.rule for n in article.noise) == ["left out: footer", "left out: navigation", "left out: navigation"]
    assert RUSSIAN[0] in [n.text for n in article.suspects]


def test_a_page_whose_article_is_only_short_link_lines_has_no_article_unless_kept(tmp_path):
    (tmp_path / "razdely.html").write_text(
        "<html><head><meta charset='utf-8'><title>Разделы</title></head><body><main><h1>Разделы</h1>"
        "<ul><li><a href='/a'>Новости</a></li><li><a href='/b'>Отношения</a></li><li><a href='/c'>Психология</a></li></ul>"
        "<p><a href='/d'>Все статьи</a></p></main></body></html>",
        encoding="utf-8",
    )
    result = load_articles(tmp_path, display_root=tmp_path)
    assert result.articles == ()
    assert result.warnings == ("razdely.html: the article has no text, so it is left out of the site; add its text or remove the file",)
    # The editor who wants it anyway keeps the line (the extractor ran the links together).
    line = "Разделы Новости Отношения Психология Все статьи"
    (tmp_path / "razdely.yml").write_text(f"keep: ['{line}']\n", encoding="utf-8")
    article = load_article(tmp_path / "razdely.html")
    assert [line for b in blocks(article) for line in b.lines] == [line]


def article_page(tmp_path: Path, name: str, middle: str) -> Path:
    """A page whose article holds ``OPENING``, then ``middle``, then ``CLOSING[0]``."""
    path = tmp_path / name
    path.write_text(
        "<html><head><title>The Last Sunday</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/essays'>Essays</a></li></ul></nav>"
        "<article><h1>The Last Sunday</h1>" + "".join(f"<p>{p}</p>" for p in OPENING[:2]) + middle
        + f"<p>{OPENING[2]}</p><p>{CLOSING[0]}</p></article>"
        "<footer><p>Copyright 2024 A Small Blog. All rights reserved.</p></footer></body></html>",
        encoding="utf-8",
    )
    return path


AFTER_PICTURE = "After the talk I watched it again at home, and this time I noticed how often she said enough."


def test_a_paragraph_written_after_a_pictures_frame_is_kept_in_its_place_without_the_picture(tmp_path):
    # A news site's picture frame, its text the page's next words rather than a <p> of their own.
    frame = (
        "<div class='fig-frame'><span><div class='fig'><figure class='cover go-to-slideshow-lightbox'>"
        "<a href='/slides'><div><p class='cta-text'>View photo</p></div><img alt='A drawer' src='a.jpg'></a></figure>"
        "<p class='legend'>A. Person</p></div></span></div>" + AFTER_PICTURE + " <a href='/court'>The court</a> said so.<p></p>"
    )
    article = load_article(article_page(tmp_path, "frame.html", frame))
    texts = [line for b in blocks(article) for line in b.lines]
    paragraph = AFTER_PICTURE + " The court said so."
    assert paragraph in texts
    assert texts.index(OPENING[1]) < texts.index(paragraph) < texts.index(OPENING[2])
    assert not any("View photo" in t for t in texts)


def test_a_list_of_links_the_article_announces_is_kept_as_a_list_and_a_box_of_links_is_not(tmp_path):
    series = (
        "<p>More from this series:</p><ul><li><a href='/one'>Part one: the calls that never came</a></li>"
        "<li><a href='/two'>Part two: the money I lent him</a></li><li><a href='/three'>Part three: the friends I lost</a></li></ul>"
        "<div class='share'><a href='/f'>Share on Facebook</a> <a href='/t'>Share on Twitter</a></div>"
        "<div class='ad-slot'>Advertisement</div>"
    )
    article = load_article(article_page(tmp_path, "series.html", series))
    lists = [b.lines for b in blocks(article) if b.kind is BlockKind.LIST]
    assert lists == [("Part one: the calls that never came", "Part two: the money I lent him", "Part three: the friends I lost")]
    texts = [line for b in blocks(article) for line in b.lines]
    assert not [t for t in texts if "Share on" in t or t == "Advertisement" or t in ("Home", "Essays")]
