"""engine.isolation: work in worker processes; a crash loses one item, is named, and the run goes on."""

from __future__ import annotations

import os
import time

import pytest

from engine import isolation
from engine.isolation import CRASH_ENV, Outcome, run


# Worker functions are module-level so that they also work where workers are spawned, not forked.

def square(n: int) -> int:
    time.sleep(0.002 * (n % 3))  # finish out of order when there are several workers
    return n * n


def pid_of(_item: object) -> int:
    return os.getpid()


def fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three is bad")
    return n


def crashes(item: tuple[str, str]) -> str:
    name, how = item
    isolation.note(f"label-{name}")
    if how == "abort":
        isolation.crash_point(name)  # aborts only when IHL_TEST_CRASH_ON names it
    elif how == "exit":
        os._exit(3)
    return name


def keyed(values):
    return [(f"k{v}", v) for v in values]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_outcomes_come_back_in_item_order(jobs):
    outcomes = list(run(square, keyed(range(12)), jobs=jobs))
    assert [o.index for o in outcomes] == list(range(12))
    assert [o.key for o in outcomes] == [f"k{i}" for i in range(12)]
    assert [o.value for o in outcomes] == [i * i for i in range(12)]
    assert all(o.ok for o in outcomes)


def test_work_runs_in_other_processes_and_several_with_jobs():
    pids = {o.value for o in run(pid_of, keyed(range(20)), jobs=2)}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def test_an_exception_is_an_error_not_a_crash_and_the_worker_lives():
    outcomes = list(run(fails_on_three, keyed(range(6)), jobs=1))
    bad = outcomes[3]
    assert bad.error == "ValueError: three is bad" and bad.crash is None and not bad.ok
    assert [o.value for o in outcomes if o.ok] == [0, 1, 2, 4, 5]


def test_a_crash_loses_only_its_item_is_named_and_the_worker_is_replaced(monkeypatch):
    monkeypatch.setenv(CRASH_ENV, "b")
    items = [(n, (n, "abort")) for n in ["a", "b", "c", "d"]]
    for jobs in (1, 2):
        outcomes = list(run(crashes, items, jobs=jobs))
        assert [o.key for o in outcomes] == ["a", "b", "c", "d"]
        crashed = outcomes[1]
        assert crashed.crash == "worker killed by SIGABRT"
        assert crashed.label == "label-b"  # what the worker said about the item before dying
        assert crashed.value is None and not crashed.ok
        assert [o.value for o in outcomes if o.ok] == ["a", "c", "d"]


def test_every_item_crashing_still_ends_with_every_item_reported():
    items = [(n, (n, "exit")) for n in ["x", "y", "z"]]
    outcomes = list(run(crashes, items, jobs=2))
    assert [(o.key, o.crash) for o in outcomes] == [(n, "worker exited with code 3") for n in ["x", "y", "z"]]


def test_the_crash_hook_does_nothing_outside_a_worker(monkeypatch):
    monkeypatch.setenv(CRASH_ENV, "here")
    assert isolation.crash_point("here") is None  # returns: the test process survives
    assert isolation.note("ignored outside a worker") is None


def test_on_done_sees_every_outcome():
    seen: list[Outcome] = []
    list(run(square, keyed(range(7)), jobs=2, on_done=seen.append))
    assert sorted(o.index for o in seen) == list(range(7))


def test_max_tasks_replaces_workers():
    pids = [o.value for o in run(pid_of, keyed(range(6)), jobs=1, max_tasks=2)]
    assert len(set(pids)) == 3 and pids[0] == pids[1] != pids[2]


def test_items_are_read_lazily():
    taken: list[int] = []

    def source():
        for i in range(1000):
            taken.append(i)
            yield f"k{i}", i

    outcomes = run(square, source(), jobs=2)
    first = next(outcomes)
    assert first.value == 0
    assert len(taken) < 20  # a few ahead of the workers, not all 1000
    outcomes.close()  # stopping early stops the workers


def test_jobs_must_be_positive():
    with pytest.raises(ValueError):
        list(run(square, keyed([1]), jobs=0))


def slow_pid(_item: object) -> int:
    time.sleep(0.3)
    return os.getpid()


def test_a_worker_killed_from_outside_loses_its_item_and_is_replaced():
    import signal

    outcomes = run(slow_pid, keyed(range(3)), jobs=1)
    first = next(outcomes)  # by now the worker holds item 1
    os.kill(first.value, signal.SIGKILL)
    second, third = list(outcomes)
    assert second.crash == "worker killed by SIGKILL" and second.key == "k1"
    assert third.ok and third.value != first.value
