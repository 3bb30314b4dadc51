"""``worth add URL``: a page downloaded from a local server the tests run on 127.0.0.1, saved
unchanged, or refused with one line saying why. Nothing here reaches the internet."""
from __future__ import annotations

import http.server
import io
import threading
import time
from pathlib import Path

import pytest

from worth.cli import main
from worth.download import USER_AGENT

PAGES = Path(__file__).parent / "fixtures" / "html"
BLOG = (PAGES / "blog_with_sidebar_and_comments.html").read_bytes()
NO_ADDRESS = BLOG.replace(b'<link rel="canonical" href="https://quietharbour.example/blog/when-he-only-calls/">', b"")
MENU_ONLY = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


class Server:
    """A local web server; ``routes`` maps a path to (status, headers, body); ``seen`` keeps the
    headers of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.seen: list[dict[str, str]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.seen.append(dict(self.headers))
                if self.path == "/slow":
                    time.sleep(3)
                status, headers, body = outer.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<p>not here</p>"))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Set-Cookie", "tracking=1")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    s = Server()
    html = {"Content-Type": "text/html; charset=utf-8"}
    s.routes.update({
        "/blog": (200, html, BLOG),
        "/no-address": (200, html, NO_ADDRESS),
        "/moved": (301, {"Location": "/blog"}, b""),
        "/to-ftp": (302, {"Location": "ftp://127.0.0.1/file.html"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/gone": (410, html, b"<p>gone</p>"),
        "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
        "/huge": (200, html, b"<html><body><p>" + b"word " * (2 * 1024 * 1024 + 1) + b"</p></body></html>"),
        "/menu": (200, html, MENU_ONLY),
        "/slow": (200, html, BLOG),
    })
    yield s
    s.httpd.shutdown()


def add(*argv: str, cwd: Path, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    code = main(["add", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_page_is_saved_unchanged_under_its_title_and_its_outline_printed(server, tmp_path, monkeypatch):
    code, out, err = add(f"{server.url}/blog", cwd=tmp_path, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    saved = tmp_path / "articles" / "when-he-only-calls-when-he-needs-something.html"
    assert saved.read_bytes() == BLOG
    assert out.startswith("Saved articles/when-he-only-calls-when-he-needs-something.html\n")
    assert "  Title: When He Only Calls When He Needs Something" in out
    assert "    Why the small things matter  [level 3" in out
    assert "Left out of the page" in out and "About me  (navigation)" in out
    # The page names its own address, so nothing is written beside it.
    assert not saved.with_suffix(".yml").exists()


def test_it_names_itself_and_sends_no_cookies_even_after_a_redirect(server, tmp_path, monkeypatch):
    code, _, err = add(f"{server.url}/moved", "--name", "calls", cwd=tmp_path, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert (tmp_path / "articles" / "calls.html").read_bytes() == BLOG
    assert [h.get("User-Agent") for h in server.seen] == [USER_AGENT, USER_AGENT]
    assert USER_AGENT.startswith("Worth/")
    assert not [h for h in server.seen if "Cookie" in h]


def test_a_page_that_does_not_name_its_address_gets_it_in_a_yml_beside_it(server, tmp_path, monkeypatch):
    code, out, _ = add(f"{server.url}/no-address", "--name", "calls", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 0
    assert (tmp_path / "articles" / "calls.html").read_bytes() == NO_ADDRESS
    assert (tmp_path / "articles" / "calls.yml").read_text(encoding="utf-8") == f'source_url: "{server.url}/no-address"\n'
    assert f"  Source: {server.url}/no-address" in out


def test_an_existing_file_is_kept_unless_forced(server, tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "calls.html").write_bytes(b"<p>mine</p>")
    code, out, err = add(f"{server.url}/blog", "--name", "calls", cwd=tmp_path, monkeypatch=monkeypatch)
    assert (code, out) == (1, "")
    assert err == "articles/calls.html already exists; give the page another name with --name, or add --force to replace it\n"
    assert (tmp_path / "articles" / "calls.html").read_bytes() == b"<p>mine</p>"
    code, _, _ = add(f"{server.url}/blog", "--name", "calls", "--force", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 0 and (tmp_path / "articles" / "calls.html").read_bytes() == BLOG


def test_a_name_another_article_has_is_refused_even_with_force(server, tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "calls.txt").write_text("Calls\n\nText.\n", encoding="utf-8")
    code, _, err = add(f"{server.url}/blog", "--name", "calls", "--force", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1 and err == "articles/calls.txt already has the name 'calls'; give the page another with --name\n"


@pytest.mark.parametrize("path, expected", [
    ("/gone", "the server answered 410 Gone; check the address, or save the page from your browser"),
    ("/pdf", "the address gives application/pdf, not a web page (text/html); add only pages of articles"),
    ("/huge", "the page is 10.0 MB, over the 10 MB limit; save the article's text instead"),
    ("/menu", None),
    ("/to-ftp", None),
    ("/to-file", None),
])
def test_what_cannot_be_added_is_refused_with_one_line_and_nothing_saved(server, tmp_path, monkeypatch, path, expected):
    code, out, err = add(f"{server.url}{path}", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{server.url}{path}: ")
    if expected:
        assert err == f"{server.url}{path}: {expected}\n"
    if path == "/menu":
        assert "no article text was found in the page, so it was not saved" in err
    if path.startswith("/to-"):
        assert "redirects to" in err and "save the page from your browser instead" in err
    assert not (tmp_path / "articles").exists() or not any((tmp_path / "articles").iterdir())


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/page.html", "javascript:alert(1)", "file:///etc/passwd", "www.example.org/page"])
def test_an_address_that_is_not_http_is_refused_before_anything_is_asked(server, tmp_path, monkeypatch, url):
    code, _, err = add(url, cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1
    assert err == f"{url}: not a web address; give one starting with http:// or https://\n"
    assert server.seen == []


def test_a_server_that_does_not_answer_in_time_is_refused_saying_how_long_it_waited(server, tmp_path, monkeypatch):
    code, _, err = add(f"{server.url}/slow", "--timeout", "0.5", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1
    assert err == f"{server.url}/slow: no answer within 0.5 seconds; try again later, or save the page from your browser\n"


def test_a_server_that_is_not_there_is_one_line(tmp_path, monkeypatch):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, _, err = add(f"http://127.0.0.1:{port}/page", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"http://127.0.0.1:{port}/page: cannot reach the server (")
