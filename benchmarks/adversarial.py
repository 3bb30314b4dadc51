"""How reading and planning grow on adversarial articles: for each shape of input in
``tests/adversarial_inputs.py`` (long runs of spaces, punctuation, repeated lines and headings,
quote runs...), the time to read the article (``load_article``) and to plan a site of it
(``generate_pages``) at sizes n, 2n, 4n and 8n characters, and the ratio t(8n) / t(n): about 8
for linear growth, 64 for the square. A size taking longer than ``--limit`` seconds is not
waited for beyond it (the case runs in a child process) and ends that case's row.

    python benchmarks/adversarial.py [--n 16000] [--limit 60] [--only NAME...]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from adversarial_inputs import CASES, run_case  # noqa: E402


def _timed(name: str, n: int, queue: multiprocessing.Queue) -> None:
    case = next(c for c in CASES if c.name == name)
    with tempfile.TemporaryDirectory() as folder:
        queue.put(run_case(case, n, Path(folder)))


def measure(name: str, n: int, limit: float) -> tuple[float, float] | None:
    """(read, plan) seconds for one size, or None when it took longer than ``limit``."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_timed, args=(name, n, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=16000, help="the smallest size, in characters")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a size is given up")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sizes = [args.n * factor for factor in (1, 2, 4, 8)]
    rows = []
    if not args.json:
        print(f"{'case':38s} {'slow in':10s} " + " ".join(f"{n:>9d}" for n in sizes) + "   t(8n)/t(n)")
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        totals: list[float | None] = []
        for n in sizes:
            result = measure(case.name, n, args.limit)
            totals.append(None if result is None else sum(result))
            if result is None:
                break
        totals += [None] * (len(sizes) - len(totals))
        first, last = totals[0], totals[-1]
        ratio = last / first if first and last else None
        rows.append({"case": case.name, "slow_in": case.slow_in, "sizes": sizes, "seconds": totals, "ratio": ratio})
        if not args.json:
            cells = " ".join(f"{t:9.3f}" if t is not None else f"{'>' + str(int(args.limit)):>9s}" for t in totals)
            print(f"{case.name:38s} {case.slow_in or '':10s} {cells}   {ratio:9.1f}" if ratio else f"{case.name:38s} {case.slow_in or '':10s} {cells}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
