"""Work shared out to forked processes gives what a plain loop gives, errors included."""
from __future__ import annotations

import os
import time

import pytest

from worth.errors import ArticleError
from worth.parallel import PARALLEL_FROM, fork_map, start_stream, workers_for

COUNT = PARALLEL_FROM * 3 + 5  # not a multiple of the chunks


@pytest.fixture
def forking(monkeypatch):
    # Other tests run servers in threads, and a process with threads never forks.
    monkeypatch.setattr("worth.parallel.threading.active_count", lambda: 1)
    if workers_for(COUNT) < 2:
        pytest.skip("one core: the work stays in this process")


def square_and_where(index: int) -> tuple[int, int]:
    return index * index, os.getpid()


def test_fork_map_gives_the_loop_s_results_in_order_from_several_processes(forking):
    results = fork_map(square_and_where, COUNT)
    assert [value for value, _ in results] == [i * i for i in range(COUNT)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == workers_for(COUNT)  # this process takes a share too


def failing_at(*bad: int):
    def work(index: int) -> int:
        if index in bad:
            raise ArticleError(f"article-{index}.txt", 3, "is broken")
        return index
    return work


@pytest.mark.parametrize("bad", [(70,), (5, 150), (150, COUNT - 1), (0,)])
def test_the_first_error_in_item_order_is_raised_as_a_loop_would(forking, bad):
    for run in (fork_map, lambda f, n: fork_map(f, n, parallel=False)):
        with pytest.raises(ArticleError) as caught:
            run(failing_at(*bad), COUNT)
        assert (caught.value.path, caught.value.line) == (f"article-{min(bad)}.txt", 3)


def test_a_small_count_stays_in_this_process(forking):
    results = fork_map(square_and_where, PARALLEL_FROM - 1)
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_process_running_threads_never_forks(monkeypatch):
    monkeypatch.setattr("worth.parallel.threading.active_count", lambda: 2)
    assert {pid for _, pid in fork_map(square_and_where, COUNT)} == {os.getpid()}
    assert {pid for _, pid in start_stream(lambda: (square_and_where(i) for i in range(3)))} == {os.getpid()}


def pages(count: int, size: int):
    """``count`` values of ``size`` characters each, and the process that made them."""
    for index in range(count):
        yield index, str(index) * size, os.getpid()


def test_a_stream_gives_every_value_in_order_from_another_process(forking):
    # Five times what a pipe holds at once: the child has to send while this process reads.
    values = list(start_stream(lambda: pages(50, 100_000)))
    assert [(index, text) for index, text, _ in values] == [(i, str(i) * 100_000) for i in range(50)]
    assert {pid for _, _, pid in values} - {os.getpid()}
    assert os.getpid() not in {pid for _, _, pid in values}


def test_the_child_makes_the_rest_while_this_process_works_on_the_first(forking, tmp_path):
    made = tmp_path / "made"

    def noting():
        for index in range(4):
            made.write_text(str(index))
            yield index

    stream = start_stream(noting)
    assert next(stream) == 0
    deadline = time.monotonic() + 30
    while made.read_text() != "3" and time.monotonic() < deadline:  # this process asks for no more...
        time.sleep(0.01)
    assert made.read_text() == "3"  # ...and the child has made the rest meanwhile
    assert list(stream) == [1, 2, 3]


def test_an_error_arrives_in_its_place_with_its_file_and_line(forking):
    def broken():
        yield "first"
        raise ArticleError("articles/a.txt", 12, "has no text")

    stream = start_stream(broken)
    assert next(stream) == "first"
    with pytest.raises(ArticleError) as caught:
        next(stream)
    assert str(caught.value) == "articles/a.txt:12: has no text"
    assert list(stream) == []


def test_a_stream_made_here_gives_the_same_values_and_error():
    def broken():
        yield 1
        yield 2
        raise ArticleError("articles/a.txt", 12, "has no text")

    stream = start_stream(broken, parallel=False)
    assert [next(stream), next(stream)] == [1, 2]
    with pytest.raises(ArticleError):
        next(stream)


def test_an_error_that_cannot_travel_arrives_as_its_text(forking):
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def broken():
        raise Unpicklable("the detail that matters")
        yield

    with pytest.raises(RuntimeError, match="the detail that matters"):
        next(start_stream(broken))


def test_a_process_that_dies_is_reported_not_waited_for_forever(forking):
    def dies():
        yield 1
        os._exit(3)

    stream = start_stream(dies)
    assert next(stream) == 1
    with pytest.raises(RuntimeError, match="stopped without sending"):
        next(stream)


def test_a_closed_stream_leaves_no_process_behind(forking):
    def endless():
        while True:
            yield "x" * 100_000

    stream = start_stream(endless)
    next(stream)
    pid = stream._child.pid
    stream.close()
    with pytest.raises(ProcessLookupError):  # stopped and reaped: no writer left, no zombie
        os.kill(pid, 0)
    assert list(stream) == []


def test_a_finished_stream_leaves_no_process_behind(forking):
    stream = start_stream(lambda: iter([1, 2]))
    child = stream._child
    pid = child.pid
    assert list(stream) == [1, 2]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
