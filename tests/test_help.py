"""Help for a reader in danger, without a browser: ``help.yml`` read into plain values (numbers
exactly as written, one clear line for a mistake), the help box as a reader gets it through
Python-Markdown, where the theme pages and the checklist put it, the project's words around
the calls to leave, and a strict build that stops when the site would show no way to reach a
person."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import ROOT, build_site, project_copy
from worth.checklist import Band, ChecklistItem
from worth.errors import ArticleError
from worth.help import EmergencyLine, HelpService, HelpServices, load_help, tel_uri
from worth.model import Article, Block, BlockKind, Section, SectionKey, Theme
from worth.plan import LEAVING_NOTE, PageExtras, calls_to_leave, plan_pages
from worth.render import render_checklist, render_help_box

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "toc"]
HELP = HelpServices(
    emergency=(EmergencyLine("999", "United Kingdom"), EmergencyLine("000", "Australia")),
    services=(
        HelpService("Helpline One", "Support for anyone living with abuse", phone="0800 123 456", web="https://help.example.org/", hours="Every day"),
        HelpService("Text Service", "Talk by text", text="Text TALK to 12345", region="Somewhere"),
    ),
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "help.yml"
    path.write_text(text, encoding="utf-8")
    return path


class _Page(HTMLParser):
    """The links, ids and text of some HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a":
            self.links.append(attrs)

    def handle_data(self, data):
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


def read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


# --- help.yml --------------------------------------------------------------------------------


def test_the_projects_example_lists_services_of_several_countries_with_an_emergency_line_first():
    found = load_help(ROOT / "help.yml")
    assert found is not None and len(found.services) >= 3
    assert {line.phone for line in found.emergency} >= {"999", "911", "000"}
    for service in found.services:
        assert service.name and service.phone and service.web.startswith("https://") and service.region
    text = (ROOT / "help.yml").read_text(encoding="utf-8")
    assert "EXAMPLE TO REPLACE" in text
    assert text.count("# Checked:") >= len(found.services) + len(found.emergency), "every number names the page it was checked against"


def test_numbers_stay_exactly_as_written_quoted_or_not(tmp_path):
    found = load_help(write(tmp_path, "emergency:\n  - phone: 000\n    region: Australia\nservices:\n  - name: A\n    phone: 0800 123\n  - name: B\n    phone: 112\n"))
    assert found.emergency == (EmergencyLine("000", "Australia"),)
    assert [s.phone for s in found.services] == ["0800 123", "112"]


def test_no_help_file_is_none_and_an_empty_file_lists_nothing(tmp_path):
    assert load_help(tmp_path / "help.yml") is None
    assert load_help(write(tmp_path, "# nothing yet\n")).empty


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("services:\n  - name: A\n    phone: call me\n", 2, "not a phone number"),
        ("services:\n  - name: A\n    web: http://example.org\n", 2, "starting with https://"),
        ("services:\n  - name: A\n    hours: Always\n", 2, "no 'phone', 'text' or 'web'"),
        ("services:\n  - phone: 0800 1\n", 2, "no 'name'"),
        ("services:\n  - name: A\n    phone: 0800 1\n    fax: 1\n", 4, "unknown field 'fax'"),
        ("helplines:\n  - name: A\n", 1, "unknown section 'helplines'"),
        ("services: [\n", 2, "not valid YAML"),
        ("services:\n  - name: A\n    phone: [1, 2]\n", 3, "one line of text"),
    ],
)
def test_a_mistake_is_one_line_naming_the_file_line_and_what_to_do(tmp_path, text, line, words):
    with pytest.raises(ArticleError) as caught:
        load_help(write(tmp_path, text), display_path="help.yml")
    assert caught.value.path == "help.yml" and caught.value.line == line
    assert words in caught.value.message and "\n" not in str(caught.value)


def test_a_phone_number_calls_through_a_tel_link_with_its_digits():
    assert tel_uri("0808 2000 247") == "tel:08082000247"
    assert tel_uri("+44 (0)20 7946-0000") == "tel:+4402079460000"
    assert tel_uri("1-800-799-SAFE") == "tel:18007997233"


# --- The help box ----------------------------------------------------------------------------


def test_the_box_says_the_emergency_line_first_then_each_way_to_reach_each_service():
    box = read(markdown.markdown(render_help_box(HELP), extensions=EXTENSIONS))
    words = box.words
    assert words.index("If you are in danger now, call 999 (United Kingdom) or 000 (Australia).") < words.index("Helpline One")
    assert "You are not alone." in words
    assert [a["href"] for a in box.links] == ["tel:999", "tel:000", "tel:0800123456", "https://help.example.org/"]
    assert all("target" not in a for a in box.links), "services open in the same tab"
    assert "Text TALK to 12345" in words and "Every day" in words and "Text Service (Somewhere)" in words
    assert box.ids == ["help", "help-title"]


def test_the_box_keeps_an_editors_words_as_text():
    odd = HelpServices(services=(HelpService("<script>x</script> & *Co*", phone="1"),))
    html = markdown.markdown(render_help_box(odd), extensions=EXTENSIONS)
    assert "<script>" not in html and "<script>x</script> & *Co*" in read(html).words


def test_an_article_heading_named_help_never_takes_the_boxs_anchor():
    from worth.text import unique_slug

    for anchor in ("help", "help-title", "checklist-help", "search-help"):
        assert unique_slug(anchor, set()) != anchor
    assert read(render_help_box(HELP, anchor="checklist-help")).ids == ["checklist-help", "checklist-help-title"]


def test_nothing_to_list_gives_no_box():
    assert render_help_box(HelpServices()) == ""


# --- Where it goes, and the words around the calls to leave ----------------------------------


def para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, (text,), 1)


def section(heading, theme, text, anchor) -> Section:
    return Section(heading, 2, theme, (para(text),), 1, anchor, None)


ARTICLE = Article(
    slug="story",
    source="articles/story.txt",
    title="A story",
    sections=(
        section("Costs", Theme.COSTS, "Staying costs a great deal of energy.", "costs"),
        section("Signs", Theme.SIGNS, "He forgets what matters to you.", "signs"),
        section("Freedom", Theme.LETTING_GO, "Leaving felt like losing something, at first.", "freedom"),
        section("The end", Theme.LETTING_GO, "Stop explaining. Stop waiting. And walk.", "the-end"),
    ),
)


def built(help_box: str) -> dict[str, _Page]:
    pages = plan_pages((ARTICLE,), extras=PageExtras(help_box=help_box))
    return {p.src_uri: read(markdown.markdown(p.content, extensions=EXTENSIONS)) for p in pages}


def test_every_theme_page_opens_with_a_content_note_and_ends_with_the_help_box():
    pages = built(render_help_box(HELP))
    for src in ("costs.md", "signs.md", "letting-go.md"):
        words = pages[src].words
        assert words.index("Before you read") < words.index("Talk to someone who can help"), src
        hrefs = [a["href"] for a in pages[src].links]
        assert "#help" in hrefs and "staying-safe.md" in hrefs and "help" in pages[src].ids, src
    assert "Before you read" not in pages["more.md"].words and "index.md" in pages


def test_the_sentence_on_leaving_stands_beside_the_call_to_leave_and_nowhere_else():
    words = built(render_help_box(HELP))["letting-go.md"].words
    end = words.index("And walk.")
    assert words.count(LEAVING_NOTE) == 2  # in the note at the top, and beside the call
    assert words.find(LEAVING_NOTE, end) > end and words.find(LEAVING_NOTE, end) < words.find("From A story", end)
    assert LEAVING_NOTE not in built(render_help_box(HELP))["costs.md"].words


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("Stop waiting. And walk.", True),
        ("Walk away.", True),
        ("So let him go, and breathe.", True),
        ("Leaving felt like losing something.", False),
        ("Walking away is not revenge.", False),
        ("Should you leave him?", False),
        ("When you leave, the quiet is strange.", False),
    ],
)
def test_a_call_to_leave_is_a_sentence_telling_the_reader_to_go(text, calls):
    assert calls_to_leave(section("x", Theme.LETTING_GO, text, "x")) is calls


def test_without_a_help_box_the_notes_link_only_to_staying_safe():
    pages = built("")
    hrefs = [a["href"] for a in pages["letting-go.md"].links]
    assert "#help" not in hrefs and "staying-safe.md" in hrefs
    assert "help" not in pages["letting-go.md"].ids


def test_the_checklist_shows_the_help_box_right_under_its_result():
    item = ChecklistItem("Forgets", "He forgets.", SectionKey("story", "signs"))
    block = render_checklist([item], [Band(0, "None yet.")], {}, link_for=lambda k: "signs.md#signs",
                             help_box=render_help_box(HELP, anchor="checklist-help", level=3))
    html = markdown.markdown(block, extensions=EXTENSIONS)
    assert html.index("worth-checklist__result") < html.index('id="checklist-help"') < html.index("worth-checklist__actions")
    assert "Leaving with the quick exit forgets them." in read(html).words


# --- The build -------------------------------------------------------------------------------


@pytest.mark.build
def test_a_strict_build_without_a_help_file_stops_with_one_line_saying_what_to_do(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "help.yml").unlink()
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0
    warnings = [line for line in run.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "help.yml: there is no help file" in warnings[0], run.stderr[-2000:]
    assert "Traceback" not in run.stderr


@pytest.mark.build
def test_a_help_file_with_a_mistake_stops_the_build_naming_its_line(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    (root / "help.yml").write_text("services:\n  - name: A\n    web: www.example.org\n", encoding="utf-8")
    run = build_site(tmp_path / "site", config=root / "mkdocs.yml")
    assert run.returncode != 0 and "help.yml:2:" in run.stderr and "https://" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.build
def test_the_built_pages_carry_the_help_box_where_a_reader_needs_it(built_site):
    def page(path):
        return (built_site / path).read_text(encoding="utf-8")

    for path in ("costs/index.html", "signs/index.html", "letting-go/index.html", "staying-safe/index.html", "404.html"):
        assert 'id="help"' in page(path), path
    assert 'id="checklist-help"' in page("signs/index.html")
    assert "data-worth-search-help" in page("index.html")
    # Services open in the same tab, and tell the site at the other end nothing.
    assert 'href="https://www.nationaldahelpline.org.uk/" rel="noopener noreferrer"' in page("costs/index.html")
    assert 'target="_blank"' not in page("costs/index.html").split('id="help"', 1)[1].split("</aside>", 1)[0]
