"""Work shared out to forked processes gives what a plain loop gives, errors included."""
from __future__ import annotations

import os
import time

import pytest

from worth.errors import ArticleError
from worth.parallel import PARALLEL_FROM, fork_map, start_fork_map, start_in_background, workers_for

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


def test_started_work_is_done_by_other_processes_while_this_one_goes_on(forking):
    pending = start_fork_map(square_and_where, COUNT)
    results = pending.result()
    assert [value for value, _ in results] == [i * i for i in range(COUNT)]
    assert os.getpid() not in {pid for _, pid in results}


def failing_at(*bad: int):
    def work(index: int) -> int:
        if index in bad:
            raise ArticleError(f"article-{index}.txt", 3, "is broken")
        return index
    return work


@pytest.mark.parametrize("bad", [(70,), (5, 150), (150, COUNT - 1), (0,)])
def test_the_first_error_in_item_order_is_raised_as_a_loop_would(forking, bad):
    for run in (fork_map, lambda f, n: start_fork_map(f, n).result(), lambda f, n: fork_map(f, n, parallel=False)):
        with pytest.raises(ArticleError) as caught:
            run(failing_at(*bad), COUNT)
        assert (caught.value.path, caught.value.line) == (f"article-{min(bad)}.txt", 3)


def test_a_small_count_stays_in_this_process(forking):
    results = fork_map(square_and_where, PARALLEL_FROM - 1)
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_process_running_threads_never_forks(monkeypatch):
    monkeypatch.setattr("worth.parallel.threading.active_count", lambda: 2)
    assert {pid for _, pid in fork_map(square_and_where, COUNT)} == {os.getpid()}
    assert start_in_background(os.getpid).result() == os.getpid()


def test_background_work_runs_elsewhere_and_keeps_the_error_s_file_and_line(forking):
    assert start_in_background(os.getpid).result() != os.getpid()

    def broken():
        raise ArticleError("articles/a.txt", 12, "has no text")

    with pytest.raises(ArticleError) as caught:
        start_in_background(broken).result()
    assert str(caught.value) == "articles/a.txt:12: has no text"


def test_an_error_that_cannot_travel_arrives_as_its_text(forking):
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def broken():
        raise Unpicklable("the detail that matters")

    with pytest.raises(RuntimeError, match="the detail that matters"):
        start_in_background(broken).result()


def test_a_process_that_dies_is_reported_not_waited_for_forever(forking):
    with pytest.raises(RuntimeError, match="stopped without sending"):
        start_in_background(lambda: os._exit(3)).result()


def test_cancelled_work_leaves_no_process_behind(forking):
    pending = start_in_background(lambda: time.sleep(60))
    (child,) = pending._children
    pid = child.pid
    pending.cancel()
    with pytest.raises(ProcessLookupError):  # stopped and reaped: no sleeper, no zombie
        os.kill(pid, 0)
