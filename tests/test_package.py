"""The pipeline is a pure package: it never imports MkDocs, so every stage can be used and tested
without a build. Only ``hooks/worth_hooks.py`` speaks to MkDocs."""
from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import worth

HOOKS = Path(__file__).resolve().parent.parent / "hooks"


def test_no_module_of_the_pipeline_imports_mkdocs():
    modules = sorted(m.name for m in pkgutil.iter_modules(worth.__path__, "worth."))
    assert "worth.pipeline" in modules and "worth.plan" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.') or m.startswith('material')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(HOOKS)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
