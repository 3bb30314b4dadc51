"""``mkdocs serve --dirty`` (the preview as the README runs it) rebuilds when an article is added,
changed or deleted or the glossary changes, keeps its search index exactly a clean build's, and
writes nothing into the folders it watches. A short real run on a free port, on a copy of the project."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, project_copy

pytestmark = pytest.mark.build

# How long to wait for the server to answer before giving up (not a measure of speed).
PATIENCE_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, want, server: subprocess.Popen) -> str:
    """Poll ``url`` until ``want(status, body)`` holds; the body then. Fails if the server stops."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        status, body = fetch(url)
        if want(status, body):
            return body
        time.sleep(0.5)
    pytest.fail(f"mkdocs serve never showed the change at {url}")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_serve_rebuilds_when_articles_or_glossary_change_and_writes_nothing_into_watched_folders(tmp_path):
    root = project_copy(tmp_path, [ROOT / "articles" / "walking-away.txt"])
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        wait_for(base, lambda status, body: status == 200, server)
        before = {"articles": snapshot(root / "articles"), "docs": snapshot(root / "docs")}

        added = root / "articles" / "a-new-article.txt"
        added.write_text("A new article\n\nA first paragraph that was just written.\n", encoding="utf-8")
        wait_for(base + "articles/a-new-article/", lambda status, body: "just written" in body, server)

        added.write_text("A new article\n\nThe paragraph, now changed.\n", encoding="utf-8")
        wait_for(base + "articles/a-new-article/", lambda status, body: "now changed" in body, server)

        # Several pages change at once (the article's, its theme page, the lists of articles): the
        # search index holds each page's entries once, as a clean build's does.
        index = json.loads(fetch(base + "search/search_index.json")[1])["docs"]
        locations = [doc["location"] for doc in index]
        assert len(locations) == len(set(locations))
        assert sum("now changed" in doc["text"] for doc in index) >= 1

        added.unlink()
        wait_for(base + "articles/a-new-article/", lambda status, body: status == 404, server)
        wait_for(base + "search/search_index.json", lambda status, body: "a-new-article" not in body, server)
        added.write_text("A new article\n\nThe paragraph, now changed.\n", encoding="utf-8")
        wait_for(base + "articles/a-new-article/", lambda status, body: "now changed" in body, server)

        # An article that cannot be read is left out of the preview; the rest stays served and
        # goes on following the editor's changes.
        broken = root / "articles" / "broken.txt"
        broken.write_bytes(b"A broken article\n\nSome text \xff\xfe here.\n")
        added.write_text("A new article\n\nWritten again while another article is broken.\n", encoding="utf-8")
        wait_for(base + "articles/a-new-article/", lambda status, body: "while another article is broken" in body, server)
        assert fetch(base + "articles/broken/")[0] == 404
        broken.unlink()
        added.unlink()
        wait_for(base + "articles/a-new-article/", lambda status, body: status == 404, server)

        # The editor's glossary is watched too: a changed definition shows without a restart.
        glossary = root / "glossary.yml"
        old_definition = "The limits you set on what you will accept from other people"
        assert old_definition in glossary.read_text(encoding="utf-8")
        glossary.write_text(
            glossary.read_text(encoding="utf-8").replace(old_definition, "Lines you draw, newly worded"), encoding="utf-8"
        )
        wait_for(base + "glossary/", lambda status, body: "Lines you draw, newly worded" in body, server)

        assert snapshot(root / "articles") == before["articles"]
        assert snapshot(root / "docs") == before["docs"]
        served = json.loads(fetch(base + "search/search_index.json")[1])["docs"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    clean = tmp_path / "clean"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(clean)],
                   cwd=root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert served == json.loads((clean / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
