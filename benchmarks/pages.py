"""Lighthouse on every page type of the built site, served with gzip as GitHub Pages serves it.

Builds the site (``mkdocs build --strict``), serves it on 127.0.0.1 with ``Content-Encoding:
gzip`` and ``Cache-Control: max-age=600``, and runs Lighthouse (npm ``lighthouse``, installed
beside this file by ``npm ci --prefix benchmarks``) with Debian's Chromium, mobile and desktop
presets, on each page type: the home page, each page that is not an article page, one article
page, and the 404 page. It prints per page and preset the four category scores, LCP, TBT, CLS
and the bytes transferred on a first load, then the gzip size of the project's own JavaScript and
CSS (``docs/assets/**``), then each budget with PASS or FAIL.

    npm ci --prefix benchmarks            # once: Lighthouse into benchmarks/node_modules
    python benchmarks/pages.py            # mobile and desktop, every page type
    python benchmarks/pages.py --preset mobile --why     # and what costs points, per page
    python benchmarks/pages.py --site /tmp/site          # an already built site
    python benchmarks/pages.py --runs 3                  # the median of three runs per page

With ``--n``, it does this for sites of N articles: N = 2 is the project's own articles, any
other N that many synthetic ones (``synthetic.py``, as ``build_scaling.py`` makes them). Per page
type it prints the DOM elements (Lighthouse's ``dom-size``) beside the scores, and per site the
time from opening search to its first results with the CPU slowed 4x (Chrome DevTools'
``Emulation.setCPUThrottlingRate``, as Lighthouse's mobile preset), on the website (served with
gzip) and from the unzipped offline bundle (``file://``), typing a word the articles use:

    python benchmarks/pages.py --n 2 100 1000 --preset mobile

Lighthouse simulates a mid-range phone on a slow 4G link for "mobile", so its LCP is an estimate
from the page's requests, not a stopwatch reading; still, a shared, busy machine moves the
figures a little: ``--runs 3`` reports the median run.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import time
import urllib.request
import zipfile
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from worth.assets import minified

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}
GZIP_LEVEL = 6  # what common static hosts use
KB = 1024

LCP_BUDGET_MS = 1200
TRANSFER_BUDGET = 80 * KB
OWN_ASSETS_BUDGET = 10 * KB
DOM_BUDGET = 1500
SEARCH_BUDGET_S = 1.5
CPU_SLOWDOWN = 4


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a static host sends them: gzip when asked, a short cache, 404.html on a miss,
    and connections kept alive (HTTP/1.1) rather than one connection per file."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return None
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = _gzipped(str(path), path.stat().st_mtime_ns)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """A file's gzip, made once, as a static host keeps it: compressing a 10 MB search index on
    every request would be counted as the time search takes."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


class _Body:
    """What ``send_head`` returns: a readable file-like object for ``copyfile``."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        pass


def serve_gzip(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` with gzip on 127.0.0.1 on a free port; return (base URL, server)."""
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def build_site(dest: Path, *, project: Path = ROOT, offline_zip: Path | None = None) -> None:
    """``mkdocs build --strict`` of ``project`` into ``dest``; the offline bundle, written to
    ``offline_zip``, when that is given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if offline_zip is not None:
        env.update(OFFLINE="true", OFFLINE_ZIP=str(offline_zip))
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{run.stderr[-3000:]}")


def project_of(count: int, workdir: Path) -> Path:
    """The project itself for N = 2 (its own two articles), else a copy with ``count`` synthetic
    articles (``build_scaling.make_project``)."""
    if count == len(list((ROOT / "articles").glob("*.txt"))) + len(list((ROOT / "articles").glob("*.md"))):
        return ROOT
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build_scaling import make_project  # a script beside this one

    project = workdir / f"project-{count}"
    if not project.exists():
        project.mkdir(parents=True)
        make_project(project, count, seed=1)
    return project


def unzipped_bundle(project: Path, workdir: Path) -> Path:
    """Build the offline bundle of ``project``, unzip it as a reader does, return its index.html."""
    zip_path = workdir / f"{project.name}-offline.zip"
    build_site(workdir / f"{project.name}-offline-site", project=project, offline_zip=zip_path)
    out = workdir / f"{project.name}-offline"
    shutil.rmtree(out, ignore_errors=True)
    with zipfile.ZipFile(zip_path) as bundle:
        bundle.extractall(out)
    return next(out.glob("*/index.html"))


# Installed in the page before search opens: the time the search box gets focus, and the time
# the first result is added to the list, both on the page's own clock.
_SEARCH_PROBE = """() => {
  const box = document.querySelector("input.md-search__input")
  const list = document.querySelector(".md-search-result__list")
  box.addEventListener("focus", () => { window.__opened = window.__opened || performance.now() })
  new MutationObserver(() => {
    if (list.querySelector(".md-search-result__item") && window.__opened && !window.__first)
      window.__first = performance.now()
  }).observe(list, { childList: true })
}"""


def search_seconds(url: str, word: str, *, slowdown: int = CPU_SLOWDOWN) -> float:
    """Seconds from opening search on ``url`` (a click in the search box) to its first result
    for ``word``, in Debian's Chromium with the CPU slowed ``slowdown`` times. From ``file://``
    the search runs in the page's own thread (the bundle's worker stand-in), so all of it is
    slowed; online the theme's worker runs beside it."""
    from playwright.sync_api import sync_playwright

    if url.startswith("http"):
        # The index compressed once before timing, as a static host serves it ready (the page
        # fetches setup.json, the search worker passages.txt; search_index.json if that fails).
        for name in ("search_index.json", "setup.json", "passages.txt"):
            request = urllib.request.Request(url.rsplit("/", 1)[0] + "/search/" + name, headers={"Accept-Encoding": "gzip"})
            try:
                urllib.request.urlopen(request).read()
            except OSError:
                pass  # a site built before the worker read passages.txt
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), headless=True,
                                     args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="load")
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            page.evaluate(_SEARCH_PROBE)
            box = page.locator("input.md-search__input")
            box.click()
            page.keyboard.insert_text(word)
            page.keyboard.press("End")  # a key released: the theme reads the query on keyup
            page.wait_for_function("() => window.__first", timeout=120_000)
            return page.evaluate("() => (window.__first - window.__opened) / 1000")
        finally:
            browser.close()


_LIST_PAGE = re.compile(r"^(?:articles/pages|sources)/(\d+)/$")


def page_types(site: Path) -> list[str]:
    """One URL path per page type: every page but the article pages and the further pages of a
    long list (the second of each is kept), one article page, the 404 page."""
    pages = sorted(str(p.relative_to(site).parent).replace(".", "") for p in site.rglob("index.html"))
    paths = [f"{p}/" if p else "" for p in pages]
    paths = [p for p in paths if not (_LIST_PAGE.match(p) and _LIST_PAGE.match(p).group(1) != "2")]
    articles = [p for p in paths if p.startswith("articles/") and p != "articles/" and not _LIST_PAGE.match(p)]
    chosen = [p for p in paths if p not in articles] + articles[:1]
    if (site / "404.html").exists():
        chosen.append("404.html")
    return chosen


@dataclass(frozen=True)
class Result:
    """One Lighthouse run: scores 0-100, timings in ms, bytes transferred, and what lost points."""

    path: str
    preset: str
    scores: dict[str, int]
    lcp_ms: float
    tbt_ms: float
    cls: float
    fcp_ms: float
    transfer_bytes: int
    requests: list[tuple[str, int]]
    failed: list[str]
    dom_elements: int = 0


def lighthouse(url: str, preset: str, out: Path) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
    if run.returncode != 0 or not out.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(path: str, preset: str, report: dict) -> Result:
    audits = report["audits"]
    failed = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{name}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".rstrip())
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    requests = sorted(((i["url"], int(i.get("transferSize", 0))) for i in items), key=lambda r: -r[1])
    return Result(
        path=path or "/",
        preset=preset,
        scores={name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        transfer_bytes=int(audits["total-byte-weight"]["numericValue"]),
        requests=requests,
        failed=failed,
        dom_elements=_dom_elements(audits),
    )


def _dom_elements(audits: dict) -> int:
    """The page's element count from Lighthouse (``dom-size-insight`` since Lighthouse 12, the
    older ``dom-size`` before); 0 when the report has neither."""
    insight = audits.get("dom-size-insight", {}).get("details", {}).get("items") or []
    for item in insight:
        value = item.get("value")
        if isinstance(value, dict) and value.get("value"):
            return int(value["value"])
    return int(audits.get("dom-size", {}).get("numericValue") or 0)


def count_elements(url: str) -> int:
    """Elements in the page at ``url`` once loaded (``document.getElementsByTagName('*')``),
    in Debian's Chromium at a phone's width."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 412, "height": 823})
            page.goto(url, wait_until="load")
            return page.evaluate("() => document.getElementsByTagName('*').length")
        finally:
            browser.close()


# Loaded only when the reader opens search, or only in the offline bundle: not part of a first load.
ON_DEMAND = {"search-worker.js", "offline-worker.js"}


def own_assets(docs: Path) -> list[tuple[str, int, int]]:
    """The project's own JS and CSS under docs/assets that pages load, as the site serves them
    (minified, ``worth.assets``): (path, bytes, gzip bytes). The scripts in ``ON_DEMAND`` are left
    out: the figures print them apart."""
    files = sorted(p for p in (docs / "assets").rglob("*") if p.suffix in (".js", ".css") and p.is_file() and p.name not in ON_DEMAND)
    served = [(p, minified(p.name, p.read_text(encoding="utf-8")).encode()) for p in files]
    return [(str(p.relative_to(docs)), len(data), len(gzip.compress(data, GZIP_LEVEL, mtime=0))) for p, data in served]


def print_results(results: list[Result], *, why: bool) -> None:
    print(f"\n{'page':28s} {'preset':7s} {'perf':>4s} {'a11y':>4s} {'b.p.':>4s} {'seo':>4s} {'FCP':>6s} {'LCP':>6s} {'TBT':>5s} {'CLS':>6s} {'transfer':>9s} {'DOM':>5s}")
    for r in results:
        s = r.scores
        print(f"{r.path:28.28s} {r.preset:7s} {s['performance']:4d} {s['accessibility']:4d} {s['best-practices']:4d} {s['seo']:4d} "
              f"{r.fcp_ms / 1000:5.2f}s {r.lcp_ms / 1000:5.2f}s {r.tbt_ms:4.0f}ms {r.cls:6.3f} {r.transfer_bytes / KB:7.1f}KB {r.dom_elements:5d}")
        if why:
            for line in r.failed:
                print(f"    - {line}")
            for url, size in r.requests[:8]:
                print(f"    {size / KB:6.1f} KB  {url.split('/', 3)[-1]}")


def budgets(results: list[Result], assets: list[tuple[str, int, int]]) -> list[tuple[str, bool, str]]:
    checks = []
    mobile = [r for r in results if r.preset == "mobile"]
    for r in mobile:
        low = {k: v for k, v in r.scores.items() if v < 100}
        checks.append((f"{r.path}: mobile scores all 100", not low, ", ".join(f"{k} {v}" for k, v in low.items()) or "100 x4"))
        checks.append((f"{r.path}: mobile LCP <= 1.2 s", r.lcp_ms <= LCP_BUDGET_MS, f"{r.lcp_ms / 1000:.2f} s"))
    for r in results:
        checks.append((f"{r.path}: {r.preset} first load <= 80 KB", r.transfer_bytes <= TRANSFER_BUDGET, f"{r.transfer_bytes / KB:.1f} KB"))
        if r.dom_elements:
            checks.append((f"{r.path}: {r.preset} DOM < 1,500 elements", r.dom_elements < DOM_BUDGET, f"{r.dom_elements}"))
    total = sum(g for _, _, g in assets)
    checks.append(("own JS + CSS <= 10 KB gzip", total <= OWN_ASSETS_BUDGET, f"{total / KB:.1f} KB"))
    return checks


def measure_sizes(counts: list[int], args: argparse.Namespace, tmp: Path) -> int:
    """The figures per N (``--n``): Lighthouse per page type with the DOM size, and search."""
    ok = True
    summary = []
    for count in counts:
        project = project_of(count, tmp)
        site = tmp / f"site-{count}"
        print(f"N = {count}: building", file=sys.stderr)
        build_site(site, project=project)
        url, server = serve_gzip(site)
        results = []
        try:
            for path in page_types(site):
                elements = count_elements(url + path)
                for preset in args.preset:
                    runs = sorted(
                        (summarise(path, preset, lighthouse(url + path, preset, tmp / "report.json")) for _ in range(args.runs)),
                        key=lambda r: r.lcp_ms,
                    )
                    median = runs[len(runs) // 2]
                    results.append(dataclasses.replace(median, dom_elements=median.dom_elements or elements))
                    print(f"  N = {count}: measured {path or '/'} ({preset})", file=sys.stderr)
            online = search_seconds(url, args.word)
        finally:
            server.shutdown()
        offline = search_seconds(unzipped_bundle(project, tmp).as_uri(), args.word)
        print(f"\n=== N = {count} articles ===")
        print_results(results, why=args.why)
        print(f"\nSearch, opening to first results for {args.word!r}, CPU slowed {CPU_SLOWDOWN}x: "
              f"website {online:.2f} s, offline bundle (file://) {offline:.2f} s")
        index = site / "search" / "search_index.json"
        raw = index.read_bytes()
        print(f"Search index: {len(raw) / KB:,.0f} KB, {len(gzip.compress(raw, GZIP_LEVEL)) / KB:,.0f} KB gzip")
        checks = budgets(results, own_assets(ROOT / "docs"))
        checks += [(f"search within {SEARCH_BUDGET_S} s (website)", online <= SEARCH_BUDGET_S, f"{online:.2f} s"),
                   (f"search within {SEARCH_BUDGET_S} s (offline)", offline <= SEARCH_BUDGET_S, f"{offline:.2f} s")]
        failed = [c for c in checks if not c[1]]
        print(f"Budgets: {len(checks) - len(failed)} of {len(checks)} pass")
        for what, _, figure in failed:
            print(f"  FAIL  {what:48s} {figure}")
        ok = ok and not failed
        summary.append((count, results, online, offline))
    print("\n=== Summary (mobile) ===")
    print(f"{'N':>5s} {'page':24s} {'DOM':>5s} {'KB':>6s} {'scores':>15s} {'LCP':>6s}")
    for count, results, online, offline in summary:
        for r in results:
            if r.preset != "mobile":
                continue
            s = r.scores
            scores = "/".join(str(s[c]) for c in CATEGORIES)
            print(f"{count:5d} {r.path:24.24s} {r.dom_elements:5d} {r.transfer_bytes / KB:6.1f} {scores:>15s} {r.lcp_ms / 1000:5.2f}s")
        print(f"{count:5d} {'search (4x CPU)':24s} website {online:.2f} s, offline {offline:.2f} s")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=("mobile", "desktop"), nargs="+", default=["mobile", "desktop"])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--page", nargs="+", help="only these URL paths (e.g. '' glossary/)")
    parser.add_argument("--why", action="store_true", help="print the audits that lost points and the largest requests")
    parser.add_argument("--runs", type=int, default=1, help="run Lighthouse this many times per page; report the median run (by LCP)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--n", type=int, nargs="+", help="sites of these many articles (2: the project's own), with search timed")
    parser.add_argument("--word", default="worth", help="the word typed into search (default: worth)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} not found: run `npm ci --prefix benchmarks` first")
    if args.n:
        with tempfile.TemporaryDirectory(prefix="worth-pages-") as tmp:
            return measure_sizes(args.n, args, Path(tmp))
    with tempfile.TemporaryDirectory(prefix="worth-pages-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        url, server = serve_gzip(site)
        paths = args.page if args.page is not None else page_types(site)
        results = []
        try:
            for path in paths:
                for preset in args.preset:
                    runs = sorted(
                        (summarise(path, preset, lighthouse(url + path, preset, Path(tmp) / f"report{i}.json")) for i in range(args.runs)),
                        key=lambda r: r.lcp_ms,
                    )
                    results.append(runs[len(runs) // 2])
                    print(f"  measured {path or '/'} ({preset})", file=sys.stderr)
        finally:
            server.shutdown()
    print_results(results, why=args.why)
    assets = own_assets(ROOT / "docs")
    print("\nThe project's own JS and CSS (gzip)")
    for name, size, gz in assets:
        print(f"  {gz / KB:6.1f} KB  ({size / KB:5.1f} KB raw)  {name}")
    print(f"  {sum(g for _, _, g in assets) / KB:6.1f} KB  in all")
    for name in sorted(ON_DEMAND):
        for path in (ROOT / "docs" / "assets").rglob(name):
            data = minified(name, path.read_text(encoding="utf-8")).encode()
            print(f"  and, loaded only on demand: {name} {len(gzip.compress(data, GZIP_LEVEL, mtime=0)) / KB:.1f} KB gzip")
    checks = budgets(results, assets)
    print("\nBudgets")
    for what, ok, figure in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {what:48s} {figure}")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1), encoding="utf-8")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
