"""Work shared out to forked processes when a site is large and the machine has the cores.

``fork_map(function, count)`` returns ``[function(0), ..., function(count - 1)]``, computed by
one forked process per core for a large ``count``, else here; ``start_fork_map`` starts the same
work and lets this process go on until it asks for the results. A forked child starts as a copy of
this process, so ``function`` and everything it reads (articles, the site map) reach it without
being copied; only each result is sent back (pickled). The results, their order and the first
exception raised are the same either way.
"""
from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

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


class Pending(Generic[T]):
    """Results of ``start_fork_map``: being worked out by forked processes, or (when the work
    stays in this process) worked out when asked for."""

    def __init__(self, function: Callable[[int], T], count: int, pool=None, results=None) -> None:
        self._function, self._count, self._pool, self._results = function, count, pool, results

    def result(self) -> list[T]:
        """The results in order (waiting for them); the first exception raised is raised here."""
        if self._pool is None:
            return [self._function(i) for i in range(self._count)]
        try:
            return list(self._results)
        finally:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def start_fork_map(function: Callable[[int], T], count: int, *, parallel: bool = True) -> Pending[T]:
    """``fork_map`` started now and collected later, so this process can do other work (MkDocs
    its own start-up) while the children work."""
    workers = workers_for(count) if parallel else 1
    if workers < 2:
        return Pending(function, count)
    import multiprocessing  # only for large sites: slow imports
    from concurrent.futures import ProcessPoolExecutor

    global _task
    _task = function
    try:
        # The children are forked at the first submission, with ``_task`` set; the cycle
        # collector rests in them as it does while the pages are made (see ``site``). Chunks
        # keep the messages between processes few and the cores evenly busy.
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.disable)
        results = pool.map(_run, range(count), chunksize=max(1, count // (workers * 4)))
    finally:
        _task = None
    return Pending(function, count, pool, results)


def fork_map(function: Callable[[int], T], count: int, *, parallel: bool = True) -> list[T]:
    """``[function(i) for i in range(count)]``, shared out to forked processes when it pays."""
    return start_fork_map(function, count, parallel=parallel).result()


def _run(index: int) -> object:
    assert _task is not None  # set by start_fork_map before the children are forked
    return _task(index)
