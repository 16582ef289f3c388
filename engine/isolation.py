"""Running work in worker processes, so that a crash loses one item and not the batch.

durable_rules is a C extension that is not thread-safe and has crashed the process on some inputs
(DESIGN.md traps 6 and 10). :func:`run` therefore calls a function on each item in separate worker
processes, one item at a time per worker:

* a worker that dies (segfault, abort, ``os._exit``) loses only the item it was working on; that item
  comes back as a :class:`Outcome` with ``crash`` set (naming the signal or exit code), the worker is
  replaced, and the run goes on with the other items;
* an exception raised by the function is not a crash: it comes back as ``error`` and the worker lives;
* outcomes come back in the order of the items, whatever the number of workers.

Workers are forked where the platform allows it (they inherit the modules already imported, so a
worker starts in milliseconds) and spawned elsewhere. The parent's objects are frozen out of the
garbage collector across each fork (``gc.freeze``), so a worker's collector does not walk — and so copy
page by page — everything it inherited: that cut worker CPU per incident by about a quarter. Each worker is a plain loop over a pipe: the
parent sends one ``(index, item)`` at a time and always knows which item each worker holds, so a crash
is attributed exactly, with no re-runs and no guessing.

Inside a worker, :func:`note` attaches a label to the current item (such as the incident id once the
file is read), so that a crash report can say more than the item's key.

Test hook (test-only, never set in production): if the environment variable ``IHL_TEST_CRASH_ON``
names an item (see :func:`crash_point`), the worker calls ``os.abort()`` there, which is what a crash
inside the C extension looks like from outside.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Hashable, Iterable, Iterator

CRASH_ENV = "IHL_TEST_CRASH_ON"  # test-only: see crash_point()

_conn: Connection | None = None  # set inside a worker: the pipe to the parent


@dataclass(frozen=True)
class Outcome:
    """What became of one item: exactly one of ``value``, ``error`` or ``crash`` is meaningful.

    ``key`` is the item's name as given to :func:`run`; ``label`` is what the worker said about the item
    through :func:`note` before finishing or dying (``None`` if nothing); ``error`` is
    ``"ExceptionType: message"`` for an exception raised by the function; ``crash`` describes how the
    worker died (``"worker killed by SIGABRT"``).
    """

    index: int
    key: Hashable
    value: Any = None
    error: str | None = None
    crash: str | None = None
    label: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.crash is None


def note(label: str) -> None:
    """Inside a worker: label the current item (reported with it if the worker crashes). No-op outside."""
    if _conn is not None:
        _conn.send(("note", label))


def crash_point(*names: str) -> None:
    """Test-only hook: abort the worker if ``IHL_TEST_CRASH_ON`` equals one of ``names``.

    Only ever aborts inside a worker process (never the parent, e.g. a test runner).
    """
    target = os.environ.get(CRASH_ENV)
    if target and _conn is not None and target in names:
        faulthandler.disable()  # a real crash keeps its dump; the simulated one stays quiet
        os.abort()


FDS_PER_WORKER = 4  # the parent holds 2 per worker (its pipe end and the process sentinel); 2 to spare
FDS_RESERVED = 64  # for the parent itself: standard streams, inputs, outputs, the libraries it loads


def max_jobs() -> tuple[int, str]:
    """How many worker processes this machine allows, and why: ``(count, reason)``, at least 1.

    The count is the number of CPUs this process may run on (more workers than CPUs only compete for
    them) and what the open-file limit (``ulimit -n``) leaves after :data:`FDS_RESERVED`, at
    :data:`FDS_PER_WORKER` per worker (past it, starting a worker fails with ``EMFILE``).
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    limits = [(max(1, cpus), f"{cpus} CPU(s)")]
    files = _open_file_limit()
    if files is not None:
        limits.append((max(1, (files - FDS_RESERVED) // FDS_PER_WORKER), f"open-file limit {files}"))
    count = min(n for n, _ in limits)
    return count, " and ".join(why for n, why in limits if n == count)


def _open_file_limit() -> int | None:
    """The soft limit on open files of this process (``ulimit -n``); ``None`` where there is none."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return None if soft == resource.RLIM_INFINITY else soft


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _worker(conn: Connection, parent_end: Connection, func: Callable[[Any], Any]) -> None:
    global _conn
    # The parent alone answers Ctrl-C, SIGTERM and SIGHUP (and stops its workers): a worker never prints
    # a traceback for them. Killed directly, a worker dies quietly and its item is reported as a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    parent_end.close()  # so that the parent's death reads as end-of-file here
    _conn = conn
    while True:
        try:
            msg = conn.recv()
        except EOFError:  # the parent went away
            return
        if msg is None:
            return
        index, item = msg
        try:
            reply = ("done", index, func(item), None)
        except Exception as exc:  # the function's own failure: a result, not a crash
            reply = ("done", index, None, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except Exception as exc:  # e.g. an unpicklable value
            conn.send(("done", index, None, f"cannot return the result: {type(exc).__name__}: {exc}"))


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"worker killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"worker killed by signal {-exitcode}"
    return f"worker exited with code {exitcode}"


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext, func: Callable[[Any], Any]):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker, args=(child, self.conn, func), daemon=True)
        gc.freeze()  # a forked worker's garbage collector then skips (and does not copy) inherited objects
        try:
            self.proc.start()
        finally:
            gc.unfreeze()
        child.close()  # the parent keeps only its own end
        self.task: tuple[int, Hashable] | None = None  # (index, key) being worked on
        self.label: str | None = None
        self.done = 0

    def give(self, index: int, key: Hashable, item: Any) -> None:
        self.task, self.label = (index, key), None
        self.conn.send((index, item))

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run(
    func: Callable[[Any], Any],
    items: Iterable[tuple[Hashable, Any]],
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
    max_tasks: int | None = None,
) -> Iterator[Outcome]:
    """Call ``func(item)`` for each ``(key, item)`` in ``jobs`` worker processes; yield outcomes in order.

    ``func`` must be a module-level function (it is pickled where workers are spawned); items and
    values must pickle. ``items`` is consumed lazily, a few ahead of the workers. ``on_done`` is called
    in the parent as each item finishes, in completion order (for a progress bar). ``max_tasks``
    replaces each worker after that many items (a bound on any memory a worker accumulates).
    Outcomes are yielded in item order as soon as all earlier items are done.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    ctx = _context()
    source = enumerate(items)
    exhausted = False
    workers: list[_Worker] = []
    ready: dict[int, Outcome] = {}
    next_out = 0

    def finish(outcome: Outcome) -> None:
        ready[outcome.index] = outcome
        if on_done is not None:
            on_done(outcome)

    try:
        while True:
            # Hand an item to every idle worker, starting workers as needed.
            while not exhausted:
                idle = next((w for w in workers if w.task is None), None)
                if idle is None and len(workers) < jobs:
                    idle = _Worker(ctx, func)
                    workers.append(idle)
                if idle is None:
                    break
                try:
                    index, (key, item) = next(source)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    idle.give(index, key, item)
                except OSError:  # the idle worker died (e.g. killed from outside): use a fresh one
                    idle.proc.join()
                    idle.conn.close()
                    workers.remove(idle)
                    idle = _Worker(ctx, func)
                    workers.append(idle)
                    idle.give(index, key, item)
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.task is not None]
            if not busy:
                break
            waitables: dict[Any, _Worker] = {}
            for w in busy:
                waitables[w.conn] = w
                waitables[w.proc.sentinel] = w
            for obj in wait(list(waitables)):
                w = waitables[obj]
                if w.task is None:
                    continue  # already handled through its other waitable
                _service(w, finish)
                if w.task is not None and not w.proc.is_alive():
                    w.proc.join()
                    index, key = w.task
                    finish(Outcome(index, key, crash=_death(w.proc.exitcode), label=w.label))
                    w.task = None
                    w.conn.close()
                    workers.remove(w)  # replaced on the next hand-out
                elif w.task is None and max_tasks is not None and w.done >= max_tasks:
                    w.stop()
                    workers.remove(w)
    finally:
        for w in workers:
            if w.task is None:
                w.stop()
            else:  # interrupted mid-run: do not wait for work nobody will read
                w.proc.kill()
                w.proc.join()
                w.conn.close()


def _service(w: _Worker, finish: Callable[[Outcome], None]) -> None:
    """Read every message the worker has sent so far (a dead worker's last result is still valid)."""
    while w.task is not None:
        try:
            if not w.conn.poll():
                return
            msg = w.conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] == "note":
            w.label = msg[1]
        else:
            _, index, value, error = msg
            finish(Outcome(index, w.task[1], value=value, error=error, label=w.label))
            w.task = None
            w.done += 1


class Busy(Exception):
    """Every worker of a :class:`Pool` stayed busy for as long as a caller may wait, or too many callers
    already wait: the item was not started."""


class Pool:
    """Long-lived worker processes for a server: many threads each :meth:`call` one item at a time.

    ``size`` workers run ``func`` (a module-level function), one item each at a time, as :func:`run`'s
    workers do: an exception raised by ``func`` comes back as ``error``; a worker that dies comes back
    as ``crash`` and is replaced before the next item; an item still running after ``timeout`` seconds
    is stopped by killing its worker (also replaced) and comes back as a ``crash`` that says so. At most
    ``waiting`` callers wait for a free worker beyond the ``size`` being served, each at most
    ``timeout`` seconds; past either bound :meth:`call` raises :class:`Busy` at once. Thread-safe.
    """

    def __init__(self, func: Callable[[Any], Any], size: int, timeout: float, waiting: int):
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self._ctx = _context()
        self._func = func
        self.size, self.timeout = size, timeout
        self._idle: "queue.Queue[_Worker]" = queue.Queue()
        self._admitted = threading.BoundedSemaphore(size + waiting)
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        with self._lock:
            worker = _Worker(self._ctx, self._func)
            self._all.append(worker)
            return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` (after a crash or a timeout) and start its replacement."""
        with self._lock:
            self._all.remove(worker)
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join()
        worker.conn.close()
        if not self._closed:
            self._idle.put(self._start())

    def pids(self) -> list[int]:
        """The process ids of the live workers (to see that a worker was replaced, or that none is left)."""
        with self._lock:
            return [w.proc.pid for w in self._all if w.proc.pid is not None]

    def call(self, key: Hashable, item: Any) -> Outcome:
        """Run ``func(item)`` in a free worker and return its :class:`Outcome` (``key`` names the item in
        it). Raises :class:`Busy` when the item could not be started within the bounds."""
        if self._closed or not self._admitted.acquire(blocking=False):
            raise Busy(f"{self.size} worker(s) busy and the waiting line full")
        try:
            try:
                worker = self._idle.get(timeout=self.timeout)
            except queue.Empty:
                raise Busy(f"no worker became free within {self.timeout:g} s") from None
            outcomes: list[Outcome] = []
            try:
                worker.give(0, key, item)
            except OSError:  # died while idle (killed from outside)
                self._retire(worker)
                return Outcome(0, key, crash=_death(worker.proc.exitcode))
            deadline = time.monotonic() + self.timeout
            while worker.task is not None:  # a note may come before the result
                if not wait([worker.conn, worker.proc.sentinel], timeout=max(0.0, deadline - time.monotonic())):
                    _service(worker, outcomes.append)
                    if worker.task is not None:
                        label = worker.label
                        self._retire(worker)
                        return Outcome(0, key, crash=f"stopped after {self.timeout:g} s (the time limit)", label=label)
                    break
                _service(worker, outcomes.append)
                if worker.task is not None and not worker.proc.is_alive():
                    worker.proc.join()
                    crash = Outcome(0, key, crash=_death(worker.proc.exitcode), label=worker.label)
                    worker.task = None
                    self._retire(worker)
                    return crash
            self._idle.put(worker)
            return outcomes[0]
        finally:
            self._admitted.release()

    def close(self) -> None:
        """Stop every worker (a busy one is killed); :meth:`call` raises :class:`Busy` afterwards."""
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            if w.task is None:
                w.stop()
            else:
                w.proc.kill()
                w.proc.join()
                w.conn.close()
