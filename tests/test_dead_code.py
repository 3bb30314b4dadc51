"""No dead code in the pipeline or the hook: vulture finds nothing that nothing uses (the tests and
benchmarks count as users; ``vulture_allowlist.py`` names what only MkDocs and the standard library
call)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_vulture_finds_no_unused_code_in_the_hooks():
    found = subprocess.run(
        [sys.executable, "-m", "vulture", "hooks", "tests", "benchmarks", "--min-confidence", "60",
         "--exclude", "node_modules,.venv"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert "No module named vulture" not in found.stderr, "install the test extras: pip install -e '.[test]'"
    unused = [line for line in found.stdout.splitlines() if line.startswith("hooks/")]
    assert unused == [], "\n".join(unused)
