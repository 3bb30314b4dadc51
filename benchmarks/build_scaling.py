"""How the build grows with the number of articles, against a plain mkdocs-material build.

For each N (10, 100 and 1000 by default) this makes a temporary copy of the project (mkdocs.yml,
hooks/, docs/, overrides/ and any glossary.yml / checklist.yml / help.yml) whose ``articles/`` holds N
synthetic articles recombined from the real ones (``synthetic.py``, seeded, so every run reads
the same text), then measures:

- the full ``mkdocs build`` with the hooks, cold (the project's ``.cache/`` removed first) and
  warm (the cache of the build before, nothing changed): wall time, CPU time (user and system)
  and peak memory of the process;
- the article pipeline alone (``generate_pages``: reading, planning, glossary, links, checklist;
  in a fresh process, no MkDocs, no cache);
- the peer: docs/ plus the pages ``worth export`` writes as Markdown, built by plain
  mkdocs-material (the same ``mkdocs.yml`` without ``hooks:``) and timed the same way;
- the site: size on disk, number of HTML pages, the largest HTML page, the search index, and
  what "scale by design" means on the page: navigation links on the home page and on an article
  page, the largest theme page, and the number of checklist items.

It prints one block per N, then each budget with PASS or FAIL. Timings on a shared machine are
noisy, so each site is built in rounds of three (cold, warm, plain), at least ``--repeat`` rounds
(5) and until ``--min-seconds`` (30) have been spent on the site. Each budget is the median over
the rounds of a hooks build's time over the plain build of its round: a busy spell slows the
builds of a round alike, where the fastest of each may come from spells far apart.

    python benchmarks/build_scaling.py                 # N = 10, 100, 1000
    python benchmarks/build_scaling.py --n 10 100 --repeat 1 --min-seconds 0   # a quicker look
    python benchmarks/build_scaling.py --keep /tmp/worth-scaling
"""
from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_articles  # noqa: E402  (a script beside this one, not a package)

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = ("hooks", "docs", "overrides")
PROJECT_FILES = ("mkdocs.yml", "glossary.yml", "checklist.yml", "help.yml")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

MB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    """One finished child process: wall seconds, CPU seconds (user and system), peak resident
    memory in bytes, exit status, log."""

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    returncode: int
    log: str


@dataclass(frozen=True)
class SiteStats:
    """What a built site weighs and how its pages scale."""

    bytes: int
    html_pages: int
    largest_page: str
    largest_page_bytes: int
    largest_pages: tuple[tuple[str, int], ...]
    search_index_bytes: int
    search_index_gzip_bytes: int
    nav_links_home: int
    nav_links_article: int
    largest_theme_page: str
    largest_theme_page_bytes: int
    checklist_items: int


def run_measured(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd``; return its wall time, CPU time and peak memory (``wait4`` rusage)."""
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode, log.read())


def make_project(dest: Path, count: int, *, seed: int) -> None:
    """Copy the project's build inputs into ``dest`` with ``count`` synthetic articles."""
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in PROJECT_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, dest / name)
    write_articles(ROOT / "articles", dest / "articles", count, seed=seed)
    # The hooks' modules compiled to bytecode once, as mkdocs, the theme and every installed
    # package already are: otherwise each timed build would recompile them (PYTHONDONTWRITEBYTECODE
    # keeps the child processes from writing it) and charge that to the hooks.
    compileall.compile_dir(dest / "hooks", quiet=1)


PIPELINE_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import yaml
    root = Path(sys.argv[1])
    sys.path.insert(0, str(root / "hooks"))

    class Loader(yaml.SafeLoader):
        pass

    def env_tag(loader, node):  # !ENV [NAME, default]: the default, as in a build with no env
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        return values[-1] if len(values) > 1 else None

    Loader.add_constructor("!ENV", env_tag)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    t0 = time.perf_counter()
    from worth.pipeline import load_articles
    from worth.settings import settings_from_config
    from worth.site import generate_pages  # the whole pure pipeline, no cache
    t1 = time.perf_counter()
    settings = settings_from_config(config_dir=root, extra=config.get("extra"))
    result = load_articles(settings.articles_dir, display_root=root)
    t2 = time.perf_counter()
    pages = generate_pages(settings, display_root=root).pages
    t3 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "load": t2 - t1, "generate": t3 - t2,
                      "articles": len(result.articles), "pages": len(pages),
                      "markdown_bytes": sum(len(p.content.encode()) for p in pages)}))
    """
)

def export_pages(project: Path, out: Path) -> None:
    """Write docs/ and the site's generated pages as Markdown into ``out`` (``worth export``)."""
    env = {**ENV, "PYTHONPATH": str(project / "hooks")}
    if (project / "docs").is_dir():  # the hand-written pages and assets, then the generated pages
        shutil.copytree(project / "docs", out, dirs_exist_ok=True)
    cli = subprocess.run(
        [sys.executable, "-c", "import sys; from worth.cli import main; sys.exit(main())", "export", str(out)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    if cli.returncode != 0:
        raise SystemExit(f"worth export failed:\n{cli.stderr[-2000:]}")


def plain_config(project: Path, docs_dir: Path) -> Path:
    """mkdocs.yml without the ``hooks:`` entry, reading ``docs_dir``: the peer's config."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^hooks:\n(?:[ \t]+-.*\n)+", "", text)
    text = re.sub(r"(?m)^docs_dir:.*\n", "", text)
    config = project / "mkdocs-plain.yml"
    config.write_text(f"docs_dir: {docs_dir}\n" + text, encoding="utf-8")
    return config


_NAV_LINK = re.compile(r'<a[^>]*class="md-nav__link')
_CHECKBOX = re.compile(r"<input\b[^>]*>")


def count_nav_links(html: str) -> int:
    """Links in material's navigation (primary nav and table of contents)."""
    return len(_NAV_LINK.findall(html))


def count_checklist_items(html: str) -> int:
    """Checkboxes on a page that are not material's own toggles (drawer, search, nav)."""
    return sum(1 for tag in _CHECKBOX.findall(html) if 'type="checkbox"' in tag and "md-toggle" not in tag and "md-nav__toggle" not in tag)


def site_stats(site: Path) -> SiteStats:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = sorted((p for p in files if p.suffix == ".html"), key=lambda p: -p.stat().st_size)
    largest = html[0]
    index = site / "search" / "search_index.json"
    home = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").exists() else ""
    articles = sorted(p for p in html if "articles" in p.relative_to(site).parts) or html
    theme_pages = [p for p in html if p.relative_to(site).parts[0] not in ("articles", "search", "assets")
                   and any(word in str(p.relative_to(site)) for word in ("signs", "cost", "letting"))]
    largest_theme = max(theme_pages, key=lambda p: p.stat().st_size) if theme_pages else None
    signs = [p for p in theme_pages if "signs" in str(p.relative_to(site))]
    return SiteStats(
        bytes=sum(p.stat().st_size for p in files),
        html_pages=len(html),
        largest_page=str(largest.relative_to(site)),
        largest_page_bytes=largest.stat().st_size,
        largest_pages=tuple((str(p.relative_to(site)), p.stat().st_size) for p in html[:4]),
        search_index_bytes=index.stat().st_size if index.exists() else 0,
        search_index_gzip_bytes=len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0,
        nav_links_home=count_nav_links(home),
        nav_links_article=count_nav_links(articles[0].read_text(encoding="utf-8")),
        largest_theme_page=str(largest_theme.relative_to(site)) if largest_theme else "-",
        largest_theme_page_bytes=largest_theme.stat().st_size if largest_theme else 0,
        checklist_items=max((count_checklist_items(p.read_text(encoding="utf-8")) for p in signs), default=0),
    )


def build(config: Path, dest: Path, project: Path, *, cold: bool = False) -> Run:
    """One ``mkdocs build`` into ``dest``; ``cold`` removes the project's build cache first."""
    shutil.rmtree(dest, ignore_errors=True)
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    run = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(dest)], cwd=project)
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build -f {config.name} failed:\n{run.log[-3000:]}")
    return run


def measure(count: int, *, repeat: int, min_seconds: float, seed: int, workdir: Path) -> dict:
    project = workdir / f"n{count}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    make_project(project, count, seed=seed)
    pipeline = subprocess.run([sys.executable, "-c", PIPELINE_SCRIPT, str(project)], env=ENV, capture_output=True, text=True)
    if pipeline.returncode != 0:
        raise SystemExit(f"pipeline failed:\n{pipeline.stderr[-3000:]}")
    export_pages(project, project / "export")
    plain_yml = plain_config(project, project / "export")
    cold_runs, warm_runs, plain_runs = [], [], []
    spent = 0.0
    # Rounds of three builds in turn (cold hooks build, warm hooks build, plain build), so a busy
    # moment on the machine hits all three alike; small sites build in a second or so and get more
    # rounds, until ``min_seconds`` have been spent building.
    while len(cold_runs) < repeat or spent < min_seconds:
        cold_runs.append(build(project / "mkdocs.yml", project / "site", project, cold=True))
        warm_runs.append(build(project / "mkdocs.yml", project / "site", project))
        plain_runs.append(build(plain_yml, project / "site-plain", project))
        spent += cold_runs[-1].seconds + warm_runs[-1].seconds + plain_runs[-1].seconds

    def ratios(runs: list[Run], attribute: str) -> list[float]:
        # Each hooks build over the plain build of its round (see the module's summary).
        return sorted(getattr(h, attribute) / getattr(p, attribute) for h, p in zip(runs, plain_runs))

    return {
        "n": count,
        "cold": min(cold_runs, key=lambda r: r.seconds),
        "warm": min(warm_runs, key=lambda r: r.seconds),
        "plain": min(plain_runs, key=lambda r: r.seconds),
        "peak_bytes": max(r.peak_bytes for r in cold_runs + warm_runs),
        "cold_wall": ratios(cold_runs, "seconds"),
        "cold_cpu": ratios(cold_runs, "cpu_seconds"),
        "warm_wall": ratios(warm_runs, "seconds"),
        "warm_cpu": ratios(warm_runs, "cpu_seconds"),
        "warnings": sum(1 for line in cold_runs[0].log.splitlines() if line.startswith("WARNING")),
        "pipeline": json.loads(pipeline.stdout.strip().splitlines()[-1]),
        "site": site_stats(project / "site"),
    }


def _ratio(values: list[float]) -> str:
    spread = f" (rounds {values[0]:.2f}-{values[-1]:.2f})" if len(values) > 1 else ""
    return f"{statistics.median(values):.2f}{spread}"


def report(result: dict) -> None:
    s: SiteStats = result["site"]
    p = result["pipeline"]
    cold, warm, plain = result["cold"], result["warm"], result["plain"]
    print(f"\nN = {result['n']} articles, {len(result['cold_wall'])} rounds")
    print(f"  cold build (no cache) {cold.seconds:6.2f} s wall {cold.cpu_seconds:6.2f} s CPU   peak {result['peak_bytes'] / MB:6.1f} MB   warnings {result['warnings']}")
    print(f"  warm build (cached)   {warm.seconds:6.2f} s wall {warm.cpu_seconds:6.2f} s CPU")
    print(f"  plain build (peer)    {plain.seconds:6.2f} s wall {plain.cpu_seconds:6.2f} s CPU   peak {plain.peak_bytes / MB:6.1f} MB")
    print(f"  cold / plain          wall {_ratio(result['cold_wall'])}   CPU {_ratio(result['cold_cpu'])}   (medians of the rounds)")
    print(f"  warm / plain          wall {_ratio(result['warm_wall'])}   CPU {_ratio(result['warm_cpu'])}")
    print(f"  article pipeline   {p['generate']:7.2f} s   (generate_pages, of which reading articles {p['load']:.2f} s; "
          f"{p['articles']} articles -> {p['pages']} pages, {p['markdown_bytes'] / 1024:.0f} KB Markdown)")
    print(f"  site               {s.bytes / MB:7.1f} MB   {s.html_pages} HTML pages   "
          f"search index {s.search_index_bytes / MB:.1f} MB ({s.search_index_gzip_bytes / MB:.2f} MB gzip, fetched when search opens)")
    print("  largest HTML pages " + ", ".join(f"{path} {size / 1024:.0f} KB" for path, size in s.largest_pages))
    print(f"  largest theme page {s.largest_theme_page_bytes / 1024:7.1f} KB  {s.largest_theme_page}")
    print(f"  nav links          {s.nav_links_home} on home, {s.nav_links_article} on an article page   "
          f"checklist items {s.checklist_items}")


def budgets(results: list[dict]) -> list[tuple[str, bool, str]]:
    """Each budget of the build: (what, met, the figure)."""
    checks = []
    by_n = {r["n"]: r for r in results}
    for r in results:
        n = r["n"]
        for name, key, limit in (("cold wall", "cold_wall", 1.20), ("cold CPU", "cold_cpu", 1.20),
                                 ("warm wall", "warm_wall", 1.05), ("warm CPU", "warm_cpu", 1.05)):
            if key.startswith("cold") and n < 100:
                continue  # the budget is set at 100 and 1000 articles
            ratio = statistics.median(r[key])
            checks.append((f"N={n}: {name} <= {limit:.2f}x plain", ratio <= limit, f"{ratio:.2f}x"))
    if 1000 in by_n:
        r = by_n[1000]
        checks.append(("N=1000: peak memory under 500 MB", r["peak_bytes"] < 500 * MB, f"{r['peak_bytes'] / MB:.0f} MB"))
        checks.append(("N=1000: site under 150 MB", r["site"].bytes < 150 * MB, f"{r['site'].bytes / MB:.1f} MB"))
        checks.append(("N=1000: no HTML page over 1 MB", r["site"].largest_page_bytes <= MB,
                       f"{r['site'].largest_page_bytes / 1024:.0f} KB"))
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10, 100, 1000], help="numbers of articles (default: 10 100 1000)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="build each site at least this many rounds: cold, warm and plain in turn (default: 5)")
    parser.add_argument("--min-seconds", type=float, default=30,
                        help="and go on building rounds until this long has been spent on a site (default: 30)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the synthetic articles")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    print(f"Build scaling: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"at least {args.repeat} rounds of builds and {args.min_seconds:g} s per site")
    with tempfile.TemporaryDirectory(prefix="worth-scaling-") as tmp:
        workdir = args.keep or Path(tmp)
        results = []
        for count in args.n:
            results.append(measure(count, repeat=args.repeat, min_seconds=args.min_seconds, seed=args.seed, workdir=workdir))
            report(results[-1])
    print("\nBudgets")
    checks = budgets(results)
    for what, ok, figure in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {what:45s} {figure}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
