"""One regular expression for many phrases, factored by their common beginnings.

``re`` tries the branches of a plain alternation (``signs|sign he|sign that|...``) one after the
other at every position of the text, so a pattern of a few hundred phrases reads each character
hundreds of times. Factored into a trie (``sign(?:s| he| that)?``) it reads each character about
once. The lexicon's phrases and the glossary's terms (which articles can add to) are matched
this way.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence


def trie_pattern(phrases: Iterable[Sequence[str]], unit: Callable[[str], str] = re.escape) -> str:
    """A pattern matching exactly the ``phrases``, each a sequence of units (characters, or any
    tokens) that ``unit`` turns into a pattern. Where one phrase continues another, the longer
    is tried first, as in an alternation sorted longest first. Units of two phrases that part
    ways must not match the same text (distinct letters, or a letter and a separator)."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for item in phrase:
            node = node.setdefault(item, {})
        node[""] = {}  # a phrase ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [unit(item) + pattern(child) for item, child in sorted(node.items()) if item]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)
