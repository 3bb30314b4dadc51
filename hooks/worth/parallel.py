"""Work shared out to forked processes when the machine has the cores.

    fork_map(function, count)        -> [function(0), ..., function(count - 1)]
    start_fork_map(function, count)  -> Pending: the same list, worked out by other processes
                                        while this one goes on; ``result()`` collects it
    start_in_background(function)    -> Pending: ``function()`` worked out by one other process

``fork_map`` shares a large ``count`` between this process and one forked child per other core;
``start_fork_map`` leaves it all to children, so that this process can do other work meanwhile.
A forked child starts as a copy of this process, so ``function`` and everything it reads
(articles, the site map) reach it without being copied; only the results come back, pickled,
through a pipe. The results, their order and the first exception raised (by item) are the same as
``[function(i) for i in range(count)]`` gives; where forking is not possible, that is what runs.

Plain ``os.fork`` and pipes rather than ``multiprocessing``: a pool costs an import, a manager
thread, queues and a message per chunk, which on a site of a hundred articles was as much as the
work it shared, and it keeps this process waiting instead of working.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

# Below this many items sharing the work costs about what it saves.
PARALLEL_FROM = 64
# Each process takes every n-th run of this many items, so that slower stretches of the list
# (long articles side by side) are shared out too.
_CHUNKS_PER_PROCESS = 8


def can_fork() -> bool:
    """Whether this process may fork: never from a process that runs threads (``mkdocs serve``
    watches files in threads; a forked copy of one of them can hang on a lock another thread
    held), nor where ``fork`` is missing."""
    return hasattr(os, "fork") and threading.active_count() == 1


def workers_for(count: int) -> int:
    """How many processes should share ``count`` items: one per usable core for many items,
    else one (this process)."""
    if count < PARALLEL_FROM or not can_fork():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


class Pending(Generic[T]):
    """A result being worked out by forked children (see ``start_fork_map``), or, where none was
    forked, worked out here when asked for."""

    def __init__(self, compute: Callable[[], T], children: list[_Child] | None = None,
                 combine: Callable[[list[object]], T] | None = None) -> None:
        self._compute, self._children, self._combine = compute, children, combine

    def result(self) -> T:
        """The result (waiting for it); an exception raised working it out is raised here."""
        if self._children is None:
            return self._compute()
        children, self._children = self._children, None
        try:
            outcomes = [child.outcome() for child in children]
        finally:
            for child in children:
                child.stop()
        assert self._combine is not None
        return self._combine(outcomes)

    def cancel(self) -> None:
        """Stop the children, if any, without waiting for their result."""
        children, self._children = self._children or [], None
        for child in children:
            child.stop()


def fork_map(function: Callable[[int], T], count: int, *, parallel: bool = True) -> list[T]:
    """``[function(i) for i in range(count)]``, shared with forked children when it pays."""
    workers = workers_for(count) if parallel else 1
    if workers < 2:
        return [function(i) for i in range(count)]
    chunk = _chunk_size(count, workers)
    children = [_Child.fork(lambda share=share: _run_share(function, count, chunk, share, workers))
                for share in range(1, workers)]
    try:
        outcomes = [_run_share(function, count, chunk, 0, workers)]  # this process's share
        outcomes += [child.outcome() for child in children]
    finally:
        for child in children:
            child.stop()
    return _merge(outcomes, count, chunk, workers)


def start_fork_map(function: Callable[[int], T], count: int, *, parallel: bool = True) -> Pending[list[T]]:
    """``fork_map`` worked out by forked children alone, so that this process goes on with other
    work until it asks for ``result()``. A small ``count``, or a process that may not fork, is
    worked out here when the result is asked for."""
    workers = workers_for(count) - 1 if parallel else 0
    if workers < 1:
        return Pending(lambda: [function(i) for i in range(count)])
    chunk = _chunk_size(count, workers)
    children = [_Child.fork(lambda share=share: _run_share(function, count, chunk, share, workers))
                for share in range(workers)]
    return Pending(list, children, lambda outcomes: _merge(outcomes, count, chunk, workers))


def start_in_background(function: Callable[[], T], *, parallel: bool = True) -> Pending[T]:
    """``function()`` worked out by one forked child while this process goes on; worked out here
    at ``result()`` when this process may not fork."""
    if not parallel or not can_fork():
        return Pending(function)
    return Pending(function, [_Child.fork(function)], lambda outcomes: outcomes[0])  # type: ignore[return-value]


# -- how the work is shared -------------------------------------------------------------------------


def _chunk_size(count: int, workers: int) -> int:
    return max(1, count // (workers * _CHUNKS_PER_PROCESS))


def _share(count: int, chunk: int, share: int, workers: int) -> Iterator[int]:
    """The items of one process: chunks ``share``, ``share + workers``, ... in order."""
    for start in range(share * chunk, count, workers * chunk):
        yield from range(start, min(start + chunk, count))


class _Failure:
    """The first exception one process met, and at which item."""

    def __init__(self, index: int, error: BaseException) -> None:
        self.index, self.error = index, error


def _run_share(function: Callable[[int], T], count: int, chunk: int, share: int, workers: int) -> list[T] | _Failure:
    """One process's results in item order, or its first failure. Items are taken in increasing
    order and a process stops at its first failure, so every item before the earliest failure of
    all processes was worked out without one: that failure is the one a loop would have met."""
    results = []
    for index in _share(count, chunk, share, workers):
        try:
            results.append(function(index))
        except Exception as error:
            return _Failure(index, error)
    return results


def _merge(outcomes: list[object], count: int, chunk: int, workers: int) -> list:
    """The shares (in share order) put back in item order; the earliest failure, if any, is
    raised instead."""
    failures = [outcome for outcome in outcomes if isinstance(outcome, _Failure)]
    if failures:
        raise min(failures, key=lambda failure: failure.index).error
    merged: list = [None] * count
    for share, results in enumerate(outcomes):
        assert isinstance(results, list)
        for index, value in zip(_share(count, chunk, share, workers), results):
            merged[index] = value
    return merged


# -- one forked child -------------------------------------------------------------------------------


class _Child:
    """A forked process working out one value and sending it back pickled through a pipe."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    @classmethod
    def fork(cls, work: Callable[[], object]) -> _Child:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, send, and leave without running the parent's exit code
            os.close(read_end)
            status = 1
            try:
                data = _pickled(work)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(pid, read_end)

    def outcome(self) -> object:
        """The child's value, or its failure (raised as a ``_Failure``'s error by ``_merge``, or
        here when the child sent an exception of its own)."""
        with os.fdopen(self.pipe, "rb") as pipe:
            self.pipe = -1
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        if not data:
            raise RuntimeError("a process sharing the work stopped without sending its results")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """End the child if it still runs (an error elsewhere made its result useless)."""
        if self.pipe != -1:
            os.close(self.pipe)
            self.pipe = -1
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0


def _pickled(work: Callable[[], object]) -> bytes:
    """``work()``'s value, or the exception it raised, ready to send; an exception that cannot be
    pickled is sent as a RuntimeError carrying its text, the traceback included."""
    try:
        return pickle.dumps(("value", work()), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        error.add_note("(in a forked process) " + "".join(traceback.format_exception(error)).rstrip())
        try:
            return pickle.dumps(("error", error), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return pickle.dumps(("error", RuntimeError("".join(traceback.format_exception(error)))))
