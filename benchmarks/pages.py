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

Lighthouse simulates a mid-range phone on a slow 4G link for "mobile", so its LCP is an estimate
from the page's requests, not a stopwatch reading; still, a shared, busy machine moves the
figures a little: ``--runs 3`` reports the median run.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

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


def build_site(dest: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{run.stderr[-3000:]}")


def page_types(site: Path) -> list[str]:
    """One URL path per page type: every page but the article pages, one article page, the 404 page."""
    pages = sorted(str(p.relative_to(site).parent).replace(".", "") for p in site.rglob("index.html"))
    paths = [f"{p}/" if p else "" for p in pages]
    articles = [p for p in paths if p.startswith("articles/") and p != "articles/"]
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
    )


def own_assets(docs: Path) -> list[tuple[str, int, int]]:
    """The project's own JS and CSS under docs/assets: (path, bytes, gzip bytes)."""
    files = sorted(p for p in (docs / "assets").rglob("*") if p.suffix in (".js", ".css") and p.is_file())
    return [(str(p.relative_to(docs)), p.stat().st_size, len(gzip.compress(p.read_bytes(), GZIP_LEVEL, mtime=0))) for p in files]


def print_results(results: list[Result], *, why: bool) -> None:
    print(f"\n{'page':28s} {'preset':7s} {'perf':>4s} {'a11y':>4s} {'b.p.':>4s} {'seo':>4s} {'FCP':>6s} {'LCP':>6s} {'TBT':>5s} {'CLS':>6s} {'transfer':>9s}")
    for r in results:
        s = r.scores
        print(f"{r.path:28.28s} {r.preset:7s} {s['performance']:4d} {s['accessibility']:4d} {s['best-practices']:4d} {s['seo']:4d} "
              f"{r.fcp_ms / 1000:5.2f}s {r.lcp_ms / 1000:5.2f}s {r.tbt_ms:4.0f}ms {r.cls:6.3f} {r.transfer_bytes / KB:7.1f}KB")
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
    total = sum(g for _, _, g in assets)
    checks.append(("own JS + CSS <= 10 KB gzip", total <= OWN_ASSETS_BUDGET, f"{total / KB:.1f} KB"))
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=("mobile", "desktop"), nargs="+", default=["mobile", "desktop"])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--page", nargs="+", help="only these URL paths (e.g. '' glossary/)")
    parser.add_argument("--why", action="store_true", help="print the audits that lost points and the largest requests")
    parser.add_argument("--runs", type=int, default=1, help="run Lighthouse this many times per page; report the median run (by LCP)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} not found: run `npm ci --prefix benchmarks` first")
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
    checks = budgets(results, assets)
    print("\nBudgets")
    for what, ok, figure in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {what:48s} {figure}")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1), encoding="utf-8")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
