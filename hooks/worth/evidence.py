"""Judgements from evidence: named features weighed by weights kept as data.

Each decision the reader makes (is this line furniture? is it a heading? which line is the
title? which theme is a section about?) is a ``Judge``: the features of the thing judged (a
mapping of readable names to numbers, worked out by the stage that decides) are multiplied by
the weights in ``reader_weights.yml`` and added to a bias; the sum is the log-odds of "yes".
The weights are fitted on real, hand-labelled articles by ``benchmarks/reader_fit.py``, which
also prints how well they do on each article held out of the fit. The build only reads them.

A ``Choice`` is a judge per answer (the themes): the answer with the largest sum wins.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import yamltext

WEIGHTS_FILE = Path(__file__).with_name("reader_weights.yml")


@dataclass(frozen=True)
class Judge:
    """Weights for one yes/no decision; ``threshold`` is the probability from which it says yes."""

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    threshold: float = 0.5

    def logit(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(value * weights.get(name, 0.0) for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        return _sigmoid(self.logit(features))

    def says(self, features: Mapping[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def reasons(self, features: Mapping[str, float], most: int = 2) -> list[str]:
        """The names of the features that pushed most towards yes, strongest first."""
        pushes = [(value * self.weights.get(name, 0.0), name) for name, value in features.items()]
        return [name for push, name in sorted(pushes, reverse=True)[:most] if push > 0]


@dataclass(frozen=True)
class Choice:
    """One judge per answer; ``choose`` gives the answer whose judge sums highest."""

    judges: Mapping[str, Judge]

    def __post_init__(self) -> None:
        # Each feature's weights for every answer side by side: one pass over the features.
        answers = tuple(self.judges)
        names = {name for judge in self.judges.values() for name in judge.weights}
        table = {name: tuple(self.judges[a].weights.get(name, 0.0) for a in answers) for name in names}
        object.__setattr__(self, "_answers", answers)
        object.__setattr__(self, "_table", table)

    def scores(self, features: Mapping[str, float]) -> dict[str, float]:
        sums = [self.judges[a].bias for a in self._answers]
        table = self._table
        for name, value in features.items():
            row = table.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    sums[k] += weight * value
        return dict(zip(self._answers, sums))

    def choose(self, features: Mapping[str, float]) -> str:
        scores = self.scores(features)
        return max(scores, key=scores.__getitem__)


@dataclass(frozen=True)
class Weights:
    """All the reader's weights (see ``reader_weights.yml``)."""

    noise: Judge = Judge(bias=-10.0)
    title: Judge = Judge()
    heading: Judge = Judge(bias=-10.0)
    theme: Choice = Choice(MappingProxyType({}))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def judge_from(data: Mapping | None) -> Judge:
    data = data or {}
    return Judge(
        bias=float(data.get("bias", 0.0)),
        weights=MappingProxyType({str(k): float(v) for k, v in (data.get("weights") or {}).items()}),
        threshold=float(data.get("threshold", 0.5)),
    )


def weights_from(data: Mapping) -> Weights:
    """``Weights`` from the plain mapping a weights file holds."""
    themes = (data.get("theme") or {}).get("answers") or {}
    return Weights(
        noise=judge_from(data.get("noise")),
        title=judge_from(data.get("title")),
        heading=judge_from(data.get("heading")),
        theme=Choice(MappingProxyType({str(k): judge_from(v) for k, v in themes.items()})),
    )


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """Read a weights file (``reader_weights.yml`` by default)."""
    return weights_from(yamltext.safe_load(path.read_text(encoding="utf-8")) or {})
