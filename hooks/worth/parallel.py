"""Work shared out to forked processes when a site is large and the machine has the cores.

``fork_map(function, count)`` returns ``[function(0), ..., function(count - 1)]``, computed by
one forked process per core for a large ``count``, else here. A forked child starts as a copy of
this process, so ``function`` and everything it reads (articles, the site map) reach it without
being copied; only each result is sent back (pickled). The results, their order and the first
exception raised are the same either way.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Below this many items a pool costs about what it saves.
PARALLEL_FROM = 64

_task: Callable[[int], object] | None = None  # the function of the running fork_map, for its children


def workers_for(count: int) -> int:
    """How many processes should share ``count`` items: one per usable core for many items,
    else one (this process). Never from a process that runs threads (``mkdocs serve`` watches
    files in threads; forking one of them is unsafe), nor where ``fork`` is missing."""
    if count < PARALLEL_FROM or threading.active_count() > 1 or not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def fork_map(function: Callable[[int], T], count: int, *, parallel: bool = True) -> list[T]:
    """``[function(i) for i in range(count)]``, shared out to forked processes when it pays."""
    workers = workers_for(count) if parallel else 1
    if workers < 2:
        return [function(i) for i in range(count)]
    import multiprocessing  # only for large sites: slow imports
    from concurrent.futures import ProcessPoolExecutor

    global _task
    _task = function
    try:
        # Chunks keep the messages between processes few and the cores evenly busy.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(count), chunksize=max(1, count // (workers * 4))))
    finally:
        _task = None


def _run(index: int) -> object:
    assert _task is not None  # set by fork_map before the children are forked
    return _task(index)
