"""YAML text read with libyaml's C parser when PyYAML was built with it (it usually is), else
with the pure-Python parser: the same documents, line numbers and errors, several times faster.
The data files and every front matter are read on each build, so this is most of a small
site's start-up cost."""
from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, parsed in C where possible."""
    return yaml.load(text, Loader=SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose(text)`` with the safe loader: the node tree, with each node's line."""
    return yaml.compose(text, Loader=SafeLoader)
