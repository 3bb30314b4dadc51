"""How long an editor waits for the live preview: ``mkdocs serve --dirty``, as the README says.

For each N (100 and 1000 by default) this makes a copy of the project with N synthetic articles
(``synthetic.py``), starts ``mkdocs serve --dirty`` on 127.0.0.1, and waits for the first build.
Then, five times, it saves one article with a new sentence in a paragraph that a theme page shows
in full (past its first few dozen sections a theme page lists the rest in brief) and measures
the time until the served article page shows the sentence and until its theme page does (polling
every 20 ms). It then adds an article and deletes it again (its page must appear, then be gone),
and compares the served search index with the index of a clean ``mkdocs build`` of the same
articles: they must be equal, entry for entry.

    python benchmarks/preview.py            # N = 100, 1000
    python benchmarks/preview.py --n 100 --saves 3

It prints the median and every save, and the budgets (<= 1 s at 100 articles, <= 3 s at 1000).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_scaling import ENV, make_project  # noqa: E402  (scripts beside this one)

GATHERING = ("costs/", "signs/", "letting-go/", "more/")
PATIENCE = 600.0  # seconds to wait for anything before giving up (not a budget)
BUDGETS = {100: 1.0, 1000: 3.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_until(check, server: subprocess.Popen, *, what: str) -> float:
    """Poll ``check()`` every 20 ms until it is true; the moment it was (``time.perf_counter``)."""
    deadline = time.perf_counter() + PATIENCE
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped while waiting for {what}")
        if check():
            return time.perf_counter()
        time.sleep(0.02)
    raise SystemExit(f"gave up waiting for {what}")


def shown_in_full(project: Path, count: int) -> list[tuple[Path, str]]:
    """``count`` (article file, paragraph) pairs whose paragraph a theme page shows in full (a
    theme page lists its sections past the first few dozen in brief), taken from each theme page
    in turn."""
    sys.path.insert(0, str(project / "hooks"))
    from worth.pipeline import load_articles
    from worth.plan import FULL_SECTIONS, plan_site_map

    loaded = load_articles(project / "articles", display_root=project)
    by_slug = {article.slug: article for article in loaded.articles}
    site_map = plan_site_map(loaded.articles)
    picks: list[tuple[Path, str]] = []
    columns = [keys[:FULL_SECTIONS] for keys in site_map.order.values()]
    for row in range(FULL_SECTIONS):
        for keys in columns:
            if row < len(keys) and len(picks) < count:
                article = by_slug[keys[row].article]
                section = next(s for s in article.sections if s.anchor == keys[row].anchor)
                paragraphs = [p for p in section.paragraphs if len(p.split()) > 8]
                path = project / article.source
                if paragraphs and paragraphs[0] in path.read_text(encoding="utf-8").split("\n"):
                    picks.append((path, paragraphs[0]))
    return picks


def save_with_sentence(path: Path, paragraph: str, sentence: str) -> None:
    """Add ``sentence`` to the end of ``paragraph`` (a line of the article), and save."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(paragraph)
    lines[index] = lines[index].rstrip() + " " + sentence
    path.write_text("\n".join(lines), encoding="utf-8")


def measure(count: int, *, saves: int, workdir: Path, seed: int) -> dict:
    project = workdir / f"n{count}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    make_project(project, count, seed=seed)
    picks = shown_in_full(project, saves)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(project / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        started = time.perf_counter()
        wait_until(lambda: fetch(base)[0] == 200, server, what="the first build")
        first_build = time.perf_counter() - started
        pages, themes = [], []
        for number, (article, paragraph) in enumerate(picks):
            sentence = f"Preview check {number} {time.time_ns()} was saved just now."
            page_url = f"{base}articles/{article.stem}/"
            save_with_sentence(article, paragraph, sentence)
            saved = time.perf_counter()
            shown = wait_until(lambda: sentence in fetch(page_url)[1], server, what=f"save {number} on its page")
            on_theme = wait_until(lambda: any(sentence in fetch(base + page)[1] for page in GATHERING), server,
                                  what=f"save {number} on its theme page")
            pages.append(shown - saved)
            themes.append(on_theme - saved)
            time.sleep(0.5)  # let the server settle, as an editor would between saves

        added = project / "articles" / "zz-a-new-article.txt"
        added.write_text("A New Article For The Preview\n\nA first paragraph that was just written for the preview, "
                         "long enough to be read as text and not as a heading.\n", encoding="utf-8")
        wait_until(lambda: "just written for the preview" in fetch(base + "articles/zz-a-new-article/")[1], server, what="the added article")
        added.unlink()
        wait_until(lambda: fetch(base + "articles/zz-a-new-article/")[0] == 404, server, what="the deleted article to go")
        time.sleep(2)  # the rebuild after the deletion has finished writing its index
        served_index = json.loads(fetch(base + "search/search_index.json")[1])
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    clean = project / "site-clean"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(clean)], cwd=project, env=ENV, check=True)
    clean_index = json.loads((clean / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {
        "n": count,
        "first_build": first_build,
        "pages": pages,
        "themes": themes,
        "index_equal": served_index["docs"] == clean_index["docs"],
        "index_entries": (len(served_index["docs"]), len(clean_index["docs"])),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    print(f"Preview (mkdocs serve --dirty): Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.saves} saves per site")
    checks = []
    with tempfile.TemporaryDirectory(prefix="worth-preview-") as tmp:
        for count in args.n:
            r = measure(count, saves=args.saves, workdir=args.keep or Path(tmp), seed=args.seed)
            both = [max(p, t) for p, t in zip(r["pages"], r["themes"])]
            print(f"\nN = {count} articles (first build {r['first_build']:.1f} s)")
            print(f"  save -> article page  median {statistics.median(r['pages']):.2f} s   " + " ".join(f"{t:.2f}" for t in r["pages"]))
            print(f"  save -> theme page    median {statistics.median(r['themes']):.2f} s   " + " ".join(f"{t:.2f}" for t in r["themes"]))
            print(f"  search index after adding and deleting an article: {'equal to' if r['index_equal'] else 'DIFFERENT from'} "
                  f"a clean build's ({r['index_entries'][0]} and {r['index_entries'][1]} entries)")
            if count in BUDGETS:
                median = statistics.median(both)
                checks.append((f"N={count}: a save shows on both pages in <= {BUDGETS[count]:g} s", median <= BUDGETS[count], f"{median:.2f} s"))
            checks.append((f"N={count}: search index equals a clean build's", r["index_equal"], str(r["index_entries"])))
    print("\nBudgets")
    for what, ok, figure in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {what:55s} {figure}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
