"""Work shared out to forked processes when the machine has the cores.

    fork_map(function, count)  -> [function(0), ..., function(count - 1)]
    start_stream(produce)      -> Stream: the values ``produce()`` yields, made by another
                                  process while this one goes on, read here as they come

``fork_map`` shares a large ``count`` between this process and one forked child per other core.
A forked child starts as a copy of this process, so ``function`` and everything it reads
(articles, the site map) reach it without being copied; only the results come back, pickled,
through a pipe. The results, their order and the first exception raised (by item) are the same as
``[function(i) for i in range(count)]`` gives; where forking is not possible, that is what runs.

``start_stream`` hands a whole job (making the site's pages) to one forked child, which sends each
value as soon as it is made: the caller can begin on the first while the child makes the rest.
Where forking is not possible, the values are made here, one at a time as they are asked for.

Plain ``os.fork`` and pipes rather than ``multiprocessing``: a pool costs an import, a manager
thread, queues and a message per chunk, which on a site of a hundred articles was as much as the
work it shared, and it keeps this process waiting instead of working; nor does it stream.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
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


def fork_map(function: Callable[[int], T], count: int, *, parallel: bool = True) -> list[T]:
    """``[function(i) for i in range(count)]``, shared with forked children when it pays."""
    workers = workers_for(count) if parallel else 1
    if workers < 2:
        return [function(i) for i in range(count)]
    chunk = _chunk_size(count, workers)
    children = [_Child.fork(lambda share=share: [_run_share(function, count, chunk, share, workers)])
                for share in range(1, workers)]
    try:
        outcomes = [_run_share(function, count, chunk, 0, workers)]  # this process's share
        outcomes += [child.next() for child in children]
    finally:
        for child in children:
            child.stop()
    return _merge(outcomes, count, chunk, workers)


class Stream(Generic[T]):
    """The values of a ``produce()`` in order (see ``start_stream``); an exception raised making
    them is raised here, in its place. ``close()`` stops the making when the rest is not wanted."""

    def __init__(self, values: Iterator[T] | None = None, child: _Child | None = None) -> None:
        self._values, self._child = values, child

    def __iter__(self) -> Stream[T]:
        return self

    def __next__(self) -> T:
        if self._child is not None:
            try:
                return self._child.next()
            except BaseException:  # the end, or what stopped it: the child is gone either way
                self._child = None
                raise
        if self._values is None:
            raise StopIteration
        return next(self._values)

    def close(self) -> None:
        """Stop the child making the values, if any; the values not read yet are dropped."""
        child, self._child, self._values = self._child, None, None
        if child is not None:
            child.stop()


def start_stream(produce: Callable[[], Iterable[T]], *, parallel: bool = True) -> Stream[T]:
    """The values of ``produce()``, made by one forked child while this process goes on and read
    as they come; made here, as they are asked for, when this process may not fork."""
    if not parallel or not can_fork():
        return Stream(values=iter(produce()))
    return Stream(child=_Child.fork(produce))


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

_HEADER = struct.Struct("<Q")  # each message: its length, then the pickled (kind, value)
_READ_SIZE = 1 << 20
_PIPE_SIZE = 1 << 20  # asked for, so that the child seldom waits for this process to read


class _Child:
    """A forked process sending the values of a ``produce()`` through a pipe, each as soon as it
    is made, then the end (or the exception that stopped it)."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe
        self._received = bytearray()
        self._ended = False  # the pipe is at its end: everything sent is in ``_received``

    @classmethod
    def fork(cls, produce: Callable[[], Iterable[object]]) -> _Child:
        read_end, write_end = os.pipe()
        _widen(write_end)
        pid = os.fork()
        if pid == 0:  # the child: make, send, and leave without running the parent's exit code
            os.close(read_end)
            status = 1
            try:
                _send_all(write_end, produce)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid, read_end)

    def next(self) -> object:
        """The next value, waiting for it; ``StopIteration`` at the end; the exception that
        stopped the child; a ``RuntimeError`` when the child died without saying why."""
        message = self._message()
        while message is None:
            if self._ended:
                self.stop()
                raise RuntimeError("a process sharing the work stopped without sending its results")
            self._receive(wait=True)
            message = self._message()
        # Take in what else has come meanwhile, so that the child is not held up by a full pipe
        # while this process works on the value.
        self._receive(wait=False)
        kind, value = pickle.loads(message)
        if kind == "value":
            return value
        self.stop()
        if kind == "end":
            raise StopIteration
        raise value

    def stop(self) -> None:
        """Close the pipe and end the child if it still runs, without waiting for what it was
        making; reap it either way, so no process is left behind."""
        if self.pipe != -1:
            os.close(self.pipe)
            self.pipe = -1
            self._ended = True
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0

    def _receive(self, *, wait: bool) -> None:
        """Move what the child has sent into ``_received``: all there is, after waiting for
        something when ``wait``."""
        if self.pipe == -1:
            return
        if wait:  # poll rather than select, which cannot watch a descriptor numbered past 1023
            waiting = select.poll()
            waiting.register(self.pipe, select.POLLIN)
            waiting.poll()
        while True:
            try:
                data = os.read(self.pipe, _READ_SIZE)
            except BlockingIOError:
                return
            if not data:
                self._ended = True
                return
            self._received += data

    def _message(self) -> bytes | None:
        """The first whole message received, taken out of ``_received``; None when none is whole."""
        received = self._received
        if len(received) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(received)
        end = _HEADER.size + size
        if len(received) < end:
            return None
        message = bytes(received[_HEADER.size:end])
        del received[:end]
        return message


def _widen(pipe: int) -> None:
    """Ask for a larger pipe (Linux; elsewhere, or when refused, the default stays)."""
    try:
        import fcntl

        fcntl.fcntl(pipe, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_SIZE)
    except (ImportError, OSError):
        pass


def _send_all(pipe: int, produce: Callable[[], Iterable[object]]) -> None:
    """In the child: each value of ``produce()`` as it is made, then the end; or the exception
    that stopped it (an exception that cannot be pickled is sent as a RuntimeError carrying its
    text, the traceback included)."""
    try:
        for value in produce():
            _send(pipe, pickle.dumps(("value", value), protocol=pickle.HIGHEST_PROTOCOL))
        _send(pipe, pickle.dumps(("end", None)))
    except Exception as error:
        error.add_note("(in a forked process) " + "".join(traceback.format_exception(error)).rstrip())
        try:
            message = pickle.dumps(("error", error), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            message = pickle.dumps(("error", RuntimeError("".join(traceback.format_exception(error)))))
        _send(pipe, message)


def _send(pipe: int, message: bytes) -> None:
    for part in (_HEADER.pack(len(message)), message):
        data = memoryview(part)
        while data:
            data = data[os.write(pipe, data):]
