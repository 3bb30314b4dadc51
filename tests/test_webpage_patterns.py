"""Shapes of real pages that the extractor alone reads wrong, each written here as a small page:
an article laid out in a table, a gallery or a video player inside the article, a heading's
permalink sign, the heading of a box whose links were left out, a list of links nested in a list
item, a page whose metadata names one of its headings as the title, and a short page the
extractor reads with its fallback. Each test says what a reader of the built article would see.
"""
from __future__ import annotations

from pathlib import Path

from worth.pipeline import load_article
from worth.read import read_article

PARAGRAPHS = [
    "He said he would call on Sunday, and on Sunday I kept the phone in my hand until the evening was over.",
    "When I asked about it on Monday, he told me I was making a scene about nothing at all.",
    "A friend asked me what I got from the relationship, and I could not think of one thing to say.",
    "I had learned to shrink what I needed until it fitted into the few minutes he gave me.",
    "Leaving was not one decision but many small ones, each of them a little easier than the last.",
    "Now my Sundays are mine again, and the phone stays in the other room while I read.",
]


def write(tmp_path: Path, name: str, html: str) -> Path:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return page


def texts(article) -> list[str]:
    return [p for s in article.sections for p in s.paragraphs] + [s.heading for s in article.sections if s.heading]


def headings(article) -> list[str]:
    return [s.heading for s in article.sections if s.heading]


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def test_an_article_laid_out_in_a_table_keeps_every_paragraph(tmp_path):
    # An old personal site: a table, a column of links, the article in the other cell.
    page = write(tmp_path, "sundays.html", (
        "<html><head><title>Sundays</title></head><body><table><tr>"
        "<td><a href='/'>Home</a><br><a href='/essays'>Essays</a><br><a href='/about'>About</a></td>"
        "<td><p><b>Sundays</b><br>&copy; 2003 A. Writer</p>"
        f"<table><tr><td>{paragraphs_html(PARAGRAPHS)}</td></tr></table>"
        "</td></tr></table></body></html>"
    ))
    found = texts(load_article(page))
    assert [p for p in PARAGRAPHS if p not in found] == []


def test_a_gallery_inside_the_article_is_left_out_with_its_heading_and_captions(tmp_path):
    legends = "".join(
        f"<li><h2><span class='counter'>{n}/6</span> Winter in the old town</h2>"
        f"<p>A street of the old town at night, photographed for the city's winter festival, number {n} of six.</p>"
        "<p class='credits'>A. Photographer</p></li>" for n in range(1, 7)
    )
    page = write(tmp_path, "gallery.html", (
        "<html><head><title>What I Stopped Explaining</title></head><body><div class='article-body'>"
        f"<h1>What I Stopped Explaining</h1>{paragraphs_html(PARAGRAPHS[:3])}"
        "<div class='media-gallery'><div class='scroller'><h2 class='gallery-title'>City life in pictures</h2>"
        f"<ul>{legends}</ul></div></div>{paragraphs_html(PARAGRAPHS[3:])}</div></body></html>"
    ))
    raw = read_article(page.read_bytes(), path=str(page))
    article = load_article(page)
    assert [p for p in PARAGRAPHS if p not in texts(article)] == []
    assert "City life in pictures" not in headings(article)
    assert not any("old town" in t for t in texts(article))
    assert any("old town" in n.text for n in raw.left_out)  # shown to the editor under "left out"


def test_a_video_players_menus_and_dialogs_are_not_text_of_the_article(tmp_path):
    page = write(tmp_path, "player.html", (
        "<html><head><title>The Quiet Weekends</title></head><body><article>"
        f"<h1>The Quiet Weekends</h1>{paragraphs_html(PARAGRAPHS[:3])}"
        "<div class='video-js'><div role='button'><span>Play Video</span></div>"
        "<div role='menu'><ul><li role='menuitemcheckbox'>descriptions off, selected</li>"
        "<li role='menuitemcheckbox'>subtitles settings, opens subtitles settings dialog</li></ul></div>"
        "<div role='dialog'><p>This is a modal window. This modal can be closed by pressing the Escape key.</p></div>"
        f"</div>{paragraphs_html(PARAGRAPHS[3:])}</article></body></html>"
    ))
    raw = read_article(page.read_bytes(), path=str(page))
    found = " ".join(texts(load_article(page)))
    assert "modal window" not in found and "selected" not in found and "Play Video" not in found
    assert all(p in found for p in PARAGRAPHS)
    assert {"Play Video", "descriptions off, selected"} <= {n.text for n in raw.left_out}


def test_a_headings_permalink_sign_is_not_part_of_the_heading(tmp_path):
    page = write(tmp_path, "limits.html", (
        "<html><head><title>Setting Limits</title></head><body><div class='document'>"
        "<h1>Setting Limits<a class='headerlink' href='#top'>\u00b6</a></h1>"
        f"<h2 id='first'>Saying no once<a class='headerlink' href='#first'>\u00b6</a></h2>{paragraphs_html(PARAGRAPHS[:3])}"
        f"<h2 id='again'>Saying it again <a class='anchor' href='#again'>#</a></h2>{paragraphs_html(PARAGRAPHS[3:])}"
        "</div></body></html>"
    ))
    article = load_article(page)
    assert article.title == "Setting Limits"
    assert headings(article) == ["Saying no once", "Saying it again"]


def test_the_heading_of_a_box_whose_links_were_left_out_is_left_out_too(tmp_path):
    more = [f"<li><a href='/stories/{n}'>Another story from this writer about a hard year, part {n}</a></li>" for n in range(1, 6)]
    page = write(tmp_path, "box.html", (
        "<html><head><title>When Care Goes One Way</title></head><body><div class='page'>"
        f"<h1>When Care Goes One Way</h1><h2>What it looked like</h2>{paragraphs_html(PARAGRAPHS[:3])}"
        f"<div class='box'><h2>More from this writer</h2><ul>{''.join(more)}</ul></div>"
        f"<h2>What changed</h2>{paragraphs_html(PARAGRAPHS[3:])}"
        "<div class='widget'><h3>Join the conversation</h3><div class='loader' data-src='/talk.js'></div></div>"
        "</div></body></html>"
    ))
    raw = read_article(page.read_bytes(), path=str(page))
    article = load_article(page)
    assert headings(article) == ["What it looked like", "What changed"]
    assert all(p in texts(article) for p in PARAGRAPHS)
    left_out = [n.text for n in raw.left_out]
    assert "More from this writer" in left_out and "Join the conversation" in left_out


def test_a_list_of_links_nested_in_a_list_item_stays_under_its_item(tmp_path):
    services = [
        "The national helpline, open day and night, free from any phone",
        "The text service for anyone who cannot speak safely at home",
        "The local advice centre, which can help with housing and money",
        "The online chat run by trained volunteers every evening",
        "The counselling directory, searchable by town and language",
    ]
    page = write(tmp_path, "help.html", (
        "<html><head><title>Where to Turn</title></head><body><article><h1>Where to Turn</h1>"
        f"{paragraphs_html(PARAGRAPHS[:3])}<ul><li>Talk to someone you trust before you decide anything.</li>"
        "<li>Places that can help today:<ul>"
        + "".join(f"<li><a href='https://help.example/{n}'>{s}</a></li>" for n, s in enumerate(services))
        + f"</ul></li><li>Keep a note of what happens, with dates, somewhere he cannot read it.</li></ul>"
        f"{paragraphs_html(PARAGRAPHS[3:])}</article></body></html>"
    ))
    article = load_article(page)
    found = texts(article)
    assert [s for s in services if s not in found] == []
    items = [line for s in article.sections for b in s.blocks for line in b.lines if b.kind.name == "LIST"]
    assert items.index("Places that can help today:") < items.index(services[0]) < items.index(
        "Keep a note of what happens, with dates, somewhere he cannot read it.")


def test_the_title_is_the_heading_the_pages_metadata_names_not_a_boxs_heading(tmp_path):
    page = write(tmp_path, "one-way.html", (
        "<html><head><title>When Love Goes One Way - Calm Pages</title></head>"
        "<body><div class='promo'><h2 class='promo-panel-title'>Take a break with us this summer!</h2></div>"
        "<div class='article-header'><h1 class='article-header-title-text'>When Love Goes One Way</h1></div>"
        f"<div class='article-body'>{paragraphs_html(PARAGRAPHS)}</div>"
        "<footer><h1 class='footer-banner'>See fewer adverts</h1></footer></body></html>"
    ))
    article = load_article(page)
    assert article.title == "When Love Goes One Way"
    assert "When Love Goes One Way" not in headings(article)


def test_a_short_page_read_by_the_extractors_fallback_keeps_its_headings(tmp_path):
    # A one-screen colophon: the extractor's own reading comes out short, and the reading it
    # keeps instead (its fallback's) comes inside the page's own <div> wrappers.
    page = write(tmp_path, "colophon.html", "\n".join([
        '<html><head><title>Calm Pages: Colophon</title></head><body>',
        '<div id="Sidebar"><ul>',
        '<li><a href="/" title="The front page.">Calm Pages</a></li>',
        '<li><a href="/archive/" title="Every article, by month.">Archive</a></li>',
        '<li><a href="/contact/" title="How to write to us.">Contact</a></li>',
        '<li><a href="/colophon/" title="About these pages.">Colophon</a></li>',
        '</ul></div>',
        '<div id="Main"><div class="article">',
        '<h1>About These Pages</h1>',
        '<p>Calm Pages is written and kept by one counsellor.</p>',
        '<p><a href="/graphics/portrait.jpg"><img src="/graphics/portrait-small.jpg" alt="A portrait."></a><br><em>Portrait by <a href="https://photo.example/">A. Photographer</a></em></p>',
        '<h2>Tools on the desk</h2>',
        '<ul><li><a href="https://a.example/">A text editor</a></li><li><a href="https://b.example/">A notebook</a></li><li><a href="https://c.example/">A camera</a></li></ul>',
        '<h2>Where the pages live</h2>',
        '<p>The pages are kept on a small <a href="https://host.example/">shared server</a>.</p>',
        '<p>They are written in plain text and turned into pages by a <a href="https://tool.example/">small program</a>, which keeps them fast on old phones.</p>',
        '<h2>Reading them</h2>',
        '<p>The pages should read well in any browser, old or new, and on a phone held in one hand on the bus home.</p>',
        '<p>If a page looks wrong to you, write and say which one, and on what; every letter is read, though not every letter can be answered.</p>',
        '</div>',
        '<div id="Footer"><form action="/search" method="get"><div><input name="q" type="text"><input type="submit" value="Search"></div></form>',
        '<p class="smallprint"><a href="/preferences/">Display Preferences</a><br>Copyright 2025 Calm Pages.</p></div>',
        '</div></body></html>',
    ]))
    article = load_article(page)
    assert article.title == "About These Pages"
    assert headings(article) == ["Where the pages live", "Reading them"]
    assert [s.paragraphs[0] for s in article.sections if s.heading] == [
        "The pages are kept on a small shared server.",
        "The pages should read well in any browser, old or new, and on a phone held in one hand on the bus home.",
    ]


def test_the_sites_name_in_an_h1_is_never_the_title_even_when_the_title_element_names_it(tmp_path):
    page = write(tmp_path, "logo.html", (
        "<html><head><title>Calm Pages | When Love Goes One Way</title></head><body>"
        "<header><h1 class='logo'><a href='/'>Calm Pages</a></h1></header>"
        "<div class='promo'><h2 class='promo-panel-title'>Take a break with us this summer!</h2></div>"
        "<div class='article-header'><h1 class='article-header-title-text'>When Love Goes One Way</h1></div>"
        f"<div class='article-body'>{paragraphs_html(PARAGRAPHS)}</div></body></html>"
    ))
    assert load_article(page).title == "When Love Goes One Way"


def test_a_table_of_data_keeps_each_row_on_one_line_even_with_lists_in_its_cells(tmp_path):
    rows = [
        ("Helpline", "Day and night", "Free from any phone; no record on the bill"),
        ("Text service", "Evenings", "For anyone who cannot speak safely at home"),
        ("Advice centre", "Weekdays", "Housing, money and legal questions"),
    ]
    cells = "".join(
        f"<tr><td>{name}</td><td>{hours}</td><td><ul><li>{note}</li></ul></td></tr>" for name, hours, note in rows
    )
    page = write(tmp_path, "services.html", (
        "<html><head><title>Where to Turn</title></head><body><article><h1>Where to Turn</h1>"
        f"{paragraphs_html(PARAGRAPHS[:3])}<table><tr><th>Service</th><th>Open</th><th>Notes</th></tr>{cells}</table>"
        f"{paragraphs_html(PARAGRAPHS[3:])}</article></body></html>"
    ))
    found = texts(load_article(page))
    assert [f"{name} | {hours} | {note}" for name, hours, note in rows if f"{name} | {hours} | {note}" not in found] == []


def test_the_title_leaves_out_the_sites_name_the_pages_metadata_puts_after_the_headline(tmp_path):
    page = write(tmp_path, "site-after.html", (
        "<html><head><title>When Love Goes One Way - Calm Pages</title>"
        "<meta property='og:title' content='When Love Goes One Way - Calm Pages'></head><body>"
        f"<article><h1>When Love Goes One Way</h1>{paragraphs_html(PARAGRAPHS)}</article></body></html>"
    ))
    assert load_article(page).title == "When Love Goes One Way"


def test_a_headline_the_metadata_gives_stands_over_the_sites_name_in_the_only_h1(tmp_path):
    page = write(tmp_path, "blog-post.html", (
        "<html><head><title>Calm Pages: When Love Goes One Way</title>"
        "<meta property='og:title' content='When Love Goes One Way'></head><body>"
        "<header><h1><a href='/'>Calm Pages</a></h1></header><div class='post'>"
        "<div class='post-header'><h3 class='post-title entry-title'>When Love Goes One Way</h3>"
        "<span class='post-date'>Sunday, 2 March 2025</span></div>"
        f"<div class='post-body entry-content'>{paragraphs_html(PARAGRAPHS)}</div></div></body></html>"
    ))
    assert load_article(page).title == "When Love Goes One Way"


def test_a_hostile_title_and_metadata_give_an_article_not_a_hang_or_a_traceback(tmp_path):
    nested = "[" * 100_000 + "]" * 100_000
    page = write(tmp_path, "hostile-title.html", (
        "<html><head><title>" + " | ".join(f"Piece {n}" for n in range(5000)) + "</title>"
        f"<script type='application/ld+json'>{nested}</script>"
        "<script type='application/ld+json'>{\"headline\": {\"headline\": [1, 2]}}</script></head>"
        f"<body><article><h1>Piece 0</h1>{paragraphs_html(PARAGRAPHS)}</article></body></html>"
    ))
    article = load_article(page)
    assert article.title == "Piece 0"
    assert all(p in texts(article) for p in PARAGRAPHS)


def test_an_article_in_a_wrapper_named_for_its_pictures_or_adverts_keeps_every_paragraph(tmp_path):
    # A blog theme whose container of the whole post is named "enable-lightbox" (pictures open
    # large), and an old news site whose article sits in a wrapper named "ad_body"; each page has as much
    # text again in its sidebar and footer.
    sidebar = "".join(f"<li><a href='/p/{n}'>An older post about a long week number {n} of many</a></li>" for n in range(12))
    footer = "<footer><p>All rights reserved. This site uses affiliate links and may earn from qualifying purchases.</p></footer>"
    for name, wrapper in (("lightbox.html", "<div class='container single-post enable-lightbox'>"), ("ads.html", "<div class='wrapper ad_body'>")):
        page = write(tmp_path, name, (
            "<html><head><title>What the Quiet Taught Me</title></head><body>"
            f"{wrapper}<h1>What the Quiet Taught Me</h1>{paragraphs_html(PARAGRAPHS)}</div>"
            f"<aside class='sidebar'><h3>Recent posts</h3><ul>{sidebar}</ul></aside>{footer}</body></html>"
        ))
        found = texts(load_article(page))
        assert [p for p in PARAGRAPHS if p not in found] == [], name
        assert not any("older post" in t for t in found)


def test_a_post_the_article_embeds_between_its_paragraphs_is_kept_as_a_quote(tmp_path):
    # A news page quoting posts of a social network through the network's widget.
    post = (
        "<blockquote class='twitter-tweet'><p lang='en'>Nobody tells you that leaving is mostly paperwork and quiet evenings.</p>"
        "&mdash; A. Reader (@areader) <a href='https://example.org/status/1'>March 3, 2021</a></blockquote>"
        "<script async src='https://example.org/widgets.js'></script>"
    )
    page = write(tmp_path, "posts.html", (
        "<html><head><title>What Readers Said</title></head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>What Readers Said</h1>{paragraphs_html(PARAGRAPHS[:3])}<div class='social-embed'>{post}</div>"
        f"{paragraphs_html(PARAGRAPHS[3:])}</article><footer><p>All rights reserved.</p></footer></body></html>"
    ))
    article = load_article(page)
    found = texts(article)
    assert [p for p in PARAGRAPHS if p not in found] == []
    lines = [line.text for line in read_article(page.read_bytes(), path=str(page)).lines]
    assert "> Nobody tells you that leaving is mostly paperwork and quiet evenings." in lines
    assert any(line.startswith("> \u2014 A. Reader (@areader)") for line in lines)
    assert found.index(PARAGRAPHS[2]) < next(i for i, t in enumerate(found) if "paperwork" in t) < found.index(PARAGRAPHS[3])


def test_the_opening_paragraph_written_apart_from_the_body_is_kept(tmp_path):
    # A news page whose lead is a <div>'s text under the headline and the byline, apart from the
    # body's paragraphs, with a picture and its caption between them.
    lead = "She kept a list of the promises he made, and one winter evening she finally read it back to herself."
    page = write(tmp_path, "lead.html", (
        "<html><head><title>The List She Kept</title></head><body><nav><ul><li><a href='/'>News</a></li><li><a href='/life'>Life</a></li></ul></nav>"
        "<div class='story'><h1>The List She Kept</h1><div class='byline'>By A. Writer, March 3, 2021</div>"
        f"<div class='story-lead'>{lead}</div><center><img src='a.jpg'><br>A notebook on a kitchen table</center>"
        f"<div class='article-body'>{paragraphs_html(PARAGRAPHS)}</div></div>"
        "<footer><p>Copyright 2021 The Daily Example. All rights reserved.</p></footer></body></html>"
    ))
    found = texts(load_article(page))
    assert found[0] == lead
    assert [p for p in PARAGRAPHS if p not in found] == []
    assert not any("notebook" in t or "By A. Writer" in t for t in found)


def test_an_article_cut_in_parts_by_adverts_keeps_every_part(tmp_path):
    # A magazine whose article body comes in several containers with an advert between them: the
    # extractor takes the first.
    more = [
        "The first months were the hardest, because every habit of the day still had his shape in it.",
        "But there were good days too.",
        "By the spring I could walk past our old cafe without crossing the street to avoid it.",
    ]
    advert = "<div class='ad-slot'><div class='ad-label'>Advertisement</div><div id='ad-box-1'></div></div>"
    page = write(tmp_path, "parts.html", (
        "<html><head><title>After the Winter</title></head><body><header><a href='/'>The Example Magazine</a></header>"
        f"<article><h1>After the Winter</h1><div class='article-body'>{paragraphs_html(PARAGRAPHS)}</div>{advert}"
        f"<div class='article-body'>{paragraphs_html(more[:2])}</div>{advert}<div class='article-body'>{paragraphs_html(more[2:])}</div>"
        "<div class='more-stories'><h3>More Great Stories</h3><ul><li><a href='/a'>Why we stay</a></li><li><a href='/b'>Ten small joys</a></li></ul></div>"
        "</article><footer><p>All rights reserved.</p></footer></body></html>"
    ))
    found = texts(load_article(page))
    assert [p for p in PARAGRAPHS + more if p not in found] == []
    assert [found.index(p) for p in PARAGRAPHS + more] == sorted(found.index(p) for p in PARAGRAPHS + more)
    assert not any("Advertisement" in t or "Why we stay" in t for t in found)


AFTER_THE_BOX = [
    "The first months were the hardest, because every habit of the day still had his shape in it.",
    "But there were good days too.",
    "By the spring I could walk past our old cafe without crossing the street to avoid it.",
]


def test_an_article_cut_in_parts_by_subscription_boxes_keeps_every_part(tmp_path):
    # As with adverts: a magazine's article body in several containers, a "Subscribe" box named
    # for nothing but its look between the first two, a sign-up box named as a newsletter between
    # the next two; the extractor takes the first container.
    callout = (
        "<div class='callout callout--inset'><div class='heading-h4'>SUBSCRIBE</div><figure><img src='cover.png'></figure>"
        "<div class='heading-h5'><a href='/subscribe'>Subscribe</a> to The Example Magazine and read more of our writers.</div></div>"
    )
    signup = (
        "<div class='newsletter-signup'><p>Get our best stories in your inbox every Sunday.</p>"
        "<form><input type='email'><button>Sign up</button></form></div>"
    )
    page = write(tmp_path, "box.html", (
        "<html><head><title>After the Winter</title></head><body><header><a href='/'>The Example Magazine</a></header>"
        f"<article><h1>After the Winter</h1><div class='article-body'>{paragraphs_html(PARAGRAPHS)}</div>{callout}"
        f"<div class='article-body'>{paragraphs_html(AFTER_THE_BOX[:2])}</div>{signup}<div class='article-body'>{paragraphs_html(AFTER_THE_BOX[2:])}</div>"
        "<div class='more-stories'><h3>More Great Stories</h3><ul><li><a href='/a'>Why we stay</a></li><li><a href='/b'>Ten small joys</a></li></ul></div>"
        "</article><footer><p>All rights reserved.</p></footer></body></html>"
    ))
    article = load_article(page)
    found = texts(article)
    assert [p for p in PARAGRAPHS + AFTER_THE_BOX if p not in found] == []
    assert [found.index(p) for p in PARAGRAPHS + AFTER_THE_BOX] == sorted(found.index(p) for p in PARAGRAPHS + AFTER_THE_BOX)
    # The boxes themselves stay out, listed for the editor.
    assert not any("ubscribe" in t or "inbox" in t or "Why we stay" in t for t in found)
    left_out = [n.text for n in article.noise]
    assert "SUBSCRIBE" in left_out and "Get our best stories in your inbox every Sunday." in left_out


def test_a_card_shown_on_hovering_a_name_is_not_read_into_the_sentence(tmp_path):
    # A news site's person card: hidden inside the paragraph until the name is hovered, with a
    # picture and the person's other stories as links. A glossary's tooltip (a definition, no
    # links) is the page's text and stays.
    card = (
        "<span class='rollover-people'><a href='/people/a-counsellor'>Ana Counsellor</a>"
        "<span class='rollover-people-block'><span class='rollover-block'><img src='ana.jpg'>"
        "<a href='/people/a-counsellor'>Ana B. Counsellor</a><a href='/a'>Counsellor opens a second clinic downtown</a> "
        "<a href='/b'>Why couples stop talking</a> <a class='more' href='/people/a-counsellor'>MORE</a></span></span></span>"
    )
    first = f"<p>The family counsellor {card} says the first sign is often silence rather than anger.</p>"
    term = "<p>She calls it <span class='tooltip'>stonewalling <span class='tooltip-text'>(refusing to talk or answer)</span></span> and says it wears people down.</p>"
    page = write(tmp_path, "card.html", (
        "<html><head><title>When Silence Is the Answer</title></head><body><header><a href='/'>The Daily Example</a></header>"
        f"<article><h1>When Silence Is the Answer</h1>{first}{paragraphs_html(PARAGRAPHS[:3])}{term}{paragraphs_html(PARAGRAPHS[3:])}</article>"
        "<footer><p>All rights reserved.</p></footer></body></html>"
    ))
    found = texts(load_article(page))
    assert "The family counsellor Ana Counsellor says the first sign is often silence rather than anger." in found
    assert "She calls it stonewalling (refusing to talk or answer) and says it wears people down." in found
    assert [p for p in PARAGRAPHS if p not in found] == []
    assert not any("second clinic" in t for t in found)


def test_the_names_of_the_pages_body_do_not_make_every_block_a_comment_or_a_caption(tmp_path):
    # A site whose <body> carries its feature switches as classes: they name the whole page, not
    # its comments or its captions. What is left out is still named by where it sits.
    page = write(tmp_path, "switches.html", (
        "<html class='has-comments'><head><title>After the Winter</title></head>"
        "<body class='site f_caption_muted_videos_on f_avoid_index_replies_on'>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/essays'>Essays</a></li></ul></nav>"
        f"<article><h1>After the Winter</h1>{paragraphs_html(PARAGRAPHS)}</article>"
        "<footer><p>Copyright 2024 The Example Magazine. All rights reserved.</p></footer></body></html>"
    ))
    article = load_article(page)
    assert [p for p in PARAGRAPHS if p not in texts(article)] == []
    assert sorted(n.rule for n in article.noise) == ["left out: footer", "left out: navigation", "left out: navigation"]


def test_a_post_coming_back_between_tables_with_the_same_header_row_leaves_their_rows_in_order(tmp_path):
    # A sports-style page: a table per part, each with the same header row, and an embedded post
    # between two paragraphs that comes back into the article.
    def table(rows):
        body = "".join(f"<tr><td>{day}</td><td>{calls}</td><td>{note}</td></tr>" for day, calls, note in rows)
        return f"<table><thead><tr><th>Day</th><th>Calls</th><th>What he said</th></tr></thead><tbody>{body}</tbody></table>"
    first = [("Monday", "0", "Nothing at all that week."), ("Tuesday", "1", "He was busy, he said.")]
    second = [("Saturday", "2", "He asked where I had been."), ("Sunday", "0", "Silence again, all day.")]
    post = ("<blockquote class='twitter-tweet'><p>Counting the calls was the first honest thing I did that year.</p>"
            "&mdash; A. Reader (@areader) March 3, 2021</blockquote>"
            "<script async src='https://example.org/widgets.js'></script>")
    post = f"<div class='social-embed'>{post}</div>"
    page = write(tmp_path, "weeks.html", (
        "<html><head><title>Two Weeks in Numbers</title></head><body><article><h1>Two Weeks in Numbers</h1>"
        f"<h2>The first week</h2>{table(first)}{paragraphs_html(PARAGRAPHS[:2])}{post}{paragraphs_html(PARAGRAPHS[2:4])}"
        f"<h2>The second week</h2>{table(second)}{paragraphs_html(PARAGRAPHS[4:])}</article></body></html>"
    ))
    found = texts(load_article(page))
    rows = [t for t in found if " | " in t]
    assert [r.split(" | ")[0] for r in rows] == ["Day", "Monday", "Tuesday", "Day", "Saturday", "Sunday"]
    assert any("Counting the calls" in t for t in found)


def test_a_step_heading_the_extractor_leaves_out_between_two_of_its_paragraphs_comes_back():
    # A student magazine's list: each step an <h2> between paragraphs, in a container the
    # extractor reads as paragraphs alone.
    article = load_article(Path(__file__).parent / "fixtures" / "html" / "magazine_list_with_step_headings.html")
    assert headings(article) == [
        "1. Stop checking his profile", "2. Tell one friend the whole story", "3. Keep a small routine",
        "4. Write down what you gave up", "5. Let yourself be sad", "6. Plan one thing to look forward to",
        "7. Stand by your decision", "Conclusions"]
    routine = next(s for s in article.sections if s.heading == "3. Keep a small routine")
    assert routine.paragraphs[0].startswith("Breakfast at the same time")
    # The sidebar's box and its heading stay out.
    assert "Top picks for you" not in texts(article)
    assert "Top picks for you" in {n.text for n in article.noise}
