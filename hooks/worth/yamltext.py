"""YAML text read with libyaml's C parser when PyYAML was built with it (it usually is), else
with the pure-Python parser: the same documents, line numbers and errors, several times faster.
The data files and every front matter are read on each build, so this is most of a small
site's start-up cost.

``load_strict`` reads a front matter as strictly as the text is read: dates stay as written (the
caller checks them), an alias is refused before any value is built (a few hundred bytes of
nested aliases would otherwise expand to gigabytes), a key given twice is refused, and every
problem is a ``YamlProblem`` with its line in the YAML text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ArticleError

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, parsed in C where possible."""
    return yaml.load(text, Loader=SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose(text)`` with the safe loader: the node tree, with each node's line."""
    return yaml.compose(text, Loader=SafeLoader)


def compose_file(path: Path, *, shown: str, advice: str) -> yaml.Node | None:
    """The node tree of the editor's data file ``path`` (each node with its line), or
    ``ArticleError`` naming the file (as ``shown``) and the line, ending with ``advice``."""
    return _read_file(path, compose, shown=shown, advice=advice)


def load_file(path: Path, *, shown: str, advice: str) -> Any:
    """The value of the editor's data file ``path``; errors as for ``compose_file``."""
    return _read_file(path, safe_load, shown=shown, advice=advice)


def _read_file(path: Path, read: Any, *, shown: str, advice: str) -> Any:
    try:
        return read(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ArticleError(shown, None, "is not UTF-8 text; save it as UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "it cannot be read"
        raise ArticleError(shown, mark.line + 1 if mark else None, f"not valid YAML ({problem}); {advice}") from None


class YamlProblem(ValueError):
    """What is wrong with a YAML text (``problem``, to follow the text's name: "is not valid
    YAML (...)"), on which of its lines (counted from 1), and what to do if not the usual fix."""

    def __init__(self, line: int, problem: str, *, advice: str | None = None) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem
        self.advice = advice


class _DatesAsText(SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader with every timestamp kept as the text written: ``2026-02-30`` is not a
    date, and YAML's own reading of it would fail with a traceback naming no line."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def load_strict(text: str) -> Any:
    """The value of the YAML document ``text``, or ``YamlProblem``: not valid YAML, an alias
    (``*name``), a mapping key given twice, or nesting too deep to read. Timestamps stay text."""
    try:
        for event in yaml.parse(text, Loader=_DatesAsText):
            # Events come one by one and nothing is built yet: an alias is refused as it is met.
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(
                    event.start_mark.line + 1,
                    f"uses the YAML alias '*{event.anchor}' to repeat a value",
                    advice="write the value out in full (aliases are not read)",
                )
        loader = _DatesAsText(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _refuse_repeated_keys(node)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark is not None and mark.line >= len(text.splitlines()):
            # The text ended first (a bracket or quote never closed): where the open part began.
            mark = err.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, f"is not valid YAML ({err.problem or err.context or 'it cannot be read'})") from None
    except yaml.YAMLError as err:
        raise YamlProblem(1, f"is not valid YAML ({err})") from None
    except RecursionError:
        raise YamlProblem(1, "is nested too deeply to read") from None
    except (ValueError, TypeError, OverflowError) as err:
        if isinstance(err, YamlProblem):
            raise
        raise YamlProblem(1, f"holds a value that cannot be read ({err})") from None


def _refuse_repeated_keys(root: yaml.Node) -> None:
    # Every mapping of the tree (walked with a list, not recursion: any depth), each key once.
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if key.value in seen:
                        raise YamlProblem(
                            line, f"gives '{key.value}' twice (lines {seen[key.value]} and {line} of the YAML)", advice="keep one of them"
                        )
                    seen[key.value] = line
                pending += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
