"""How long the reader takes to read the benchmark's articles, as a build reads them: once each,
in a fresh process, with nothing remembered from an earlier reading.

It writes N synthetic articles (``synthetic.py``, seeded: the same ones as ``build_scaling.py``)
and times, in a new Python process per run, the CPU seconds of ``load_articles`` on them (the
files' bytes, front matter, furniture, headings, sections and themes; no cache). The reader's
own caches start empty in each run: a reading timed again in the same process would find the
lexicon's answers for the texts it saw (the synthetic articles share their paragraphs) and look
a fifth faster than any build.

    python benchmarks/reader_speed.py                       # 1,000 articles, five runs
    python benchmarks/reader_speed.py --against ../other    # and another checkout, run in turn

With ``--against``, each round runs both checkouts one after the other (in alternating order),
and the ratio of each round is printed: on a shared machine the ratio of runs made side by side
is steadier than either figure. The budget is under 3 s for 1,000 articles.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_articles  # noqa: E402  (a script beside this one)

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 3.0  # seconds of CPU for 1,000 articles

_TIMED = """
import sys, time
sys.path.insert(0, sys.argv[1])
from worth.pipeline import load_articles
start = time.process_time()
result = load_articles(__import__("pathlib").Path(sys.argv[2]))
print(time.process_time() - start, len(result.articles))
"""


def read_once(checkout: Path, folder: Path) -> float:
    """CPU seconds for ``checkout``'s reader to read every article of ``folder``, in a new process."""
    done = subprocess.run([sys.executable, "-c", _TIMED, str(checkout / "hooks"), str(folder)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: the reader failed:\n{done.stderr[-2000:]}")
    seconds, _count = done.stdout.split()
    return float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="how many synthetic articles (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per checkout (default 5)")
    parser.add_argument("--against", type=Path, help="another checkout of the project, timed in turn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_articles(ROOT / "articles", folder, args.n)
        checkouts = [ROOT] + ([args.against.resolve()] if args.against else [])
        times: dict[Path, list[float]] = {c: [] for c in checkouts}
        for run in range(args.runs):
            for checkout in checkouts if run % 2 == 0 else checkouts[::-1]:
                times[checkout].append(read_once(checkout, folder))
            if args.against:
                print(f"round {run + 1}: {times[ROOT][-1]:.2f} s against {times[checkouts[1]][-1]:.2f} s "
                      f"({times[ROOT][-1] / times[checkouts[1]][-1]:.2f}x)")
    for checkout, values in times.items():
        print(f"{checkout}: {args.n} articles read in {statistics.median(values):.2f} s of CPU "
              f"(median of {len(values)}; {min(values):.2f}-{max(values):.2f})")
    if args.against:
        ratios = [a / b for a, b in zip(times[ROOT], times[checkouts[1]])]
        print(f"ratio {statistics.median(ratios):.3f} (median of {len(ratios)} rounds; "
              f"{min(ratios):.3f}-{max(ratios):.3f})")
    if args.n == 1000:
        print(f"budget: under {BUDGET:.1f} s")


if __name__ == "__main__":
    main()
