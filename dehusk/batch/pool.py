"""A pool of worker processes that turns a stream of tasks into rows, in input order.

In: an iterator whose items are ``Task`` values (records to extract) or rows already made
(a record skipped from its WARC headers alone, a damaged archive), a ``Config``, a number
of workers and a per-record timeout. Out: ``Pool.rows(items)`` yields ``(line, status)``
for every item, in the order of the items, whatever order the workers finish in.

Each worker holds at most ``DEPTH`` tasks and does them in order, so the parent always
knows which record a worker is on and since when (since the one before came back): a worker
past ``timeout`` seconds is killed (SIGKILL) and its record
becomes an ``error`` row; a worker that dies (a crash in native code, the kernel's OOM
killer) costs the same one ``error`` row; either way a new worker takes its place and the
run goes on. The parent reads ahead at most ``window`` items past the oldest unfinished
one, so memory stays bounded however long the stream is.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dehusk.batch.rows import Config, Status, Task, empty_row, encode
from dehusk.batch.worker import receive, send

Line = tuple[str, Status]
#: Seconds a new worker may take to import dehusk and load its models.
START_TIMEOUT = 300.0
#: Records sent to a worker at once: the one it is on and the next, already in its pipe, so
#: it never waits for the runner to be scheduled (on a busy machine that wait cost half the
#: throughput of one worker). Its timeout starts when it is known to start it.
DEPTH = 2


@dataclass(slots=True)
class _Worker:
    proc: subprocess.Popen[bytes]
    #: The items sent, oldest first: the worker is on the first, the rest wait in its pipe.
    queue: deque[tuple[int, Task]] = field(default_factory=deque)
    deadline: float = 0.0  # for the first in ``queue``

    @property
    def busy(self) -> bool:
        return bool(self.queue)


@dataclass(slots=True)
class PoolStats:
    """What the pool saw: workers replaced, and each stopped worker's peak RSS (bytes)."""

    restarts: int = 0
    peak_rss: list[int] = field(default_factory=list)


def _died(proc: subprocess.Popen[bytes]) -> str:
    code = proc.wait()
    if code < 0:
        return f"worker process died ({signal.Signals(-code).name})"
    return f"worker process exited with status {code}"


def _ready(proc: subprocess.Popen[bytes]) -> None:
    """Wait for a new worker's "ready" (its models loaded); ``RuntimeError`` if it dies."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(START_TIMEOUT):
            proc.kill()
    try:
        if receive(proc.stdout) == "ready":
            return
    except (EOFError, OSError):
        pass
    raise RuntimeError(f"a worker process could not start: {_died(proc)}")


class Pool:
    """``workers`` extraction processes; use as a context manager, feed with ``rows``."""

    def __init__(self, config: Config, workers: int, timeout: float, window: int = 0) -> None:
        self.config = config
        self.timeout = timeout
        self.size = max(1, workers)
        self.window = window or 16 * self.size
        self.stats = PoolStats()
        self._again: deque[tuple[int, Task]] = deque()
        self.workers = [self._spawn() for _ in range(self.size)]
        for worker in self.workers:
            _ready(worker.proc)

    def _spawn(self) -> _Worker:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dehusk.batch.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert proc.stdin is not None
        send(proc.stdin, self.config)
        return _Worker(proc)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker (politely, collecting its peak memory; else by force)."""
        for worker in self.workers:
            proc = worker.proc
            try:
                if not worker.busy:
                    assert proc.stdin is not None and proc.stdout is not None
                    send(proc.stdin, None)
                    self.stats.peak_rss.append(int(receive(proc.stdout)))
            except (OSError, EOFError):
                pass
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
        self.workers = []

    def _replace(self, worker: _Worker) -> None:
        if worker.proc.poll() is None:
            worker.proc.kill()
        worker.proc.wait()
        self.stats.restarts += 1
        fresh = self._spawn()
        _ready(fresh.proc)
        self.workers[self.workers.index(worker)] = fresh

    def _fail(self, worker: _Worker, reason: str) -> tuple[int, Line]:
        """The worker's current record as an error row; the ones queued behind it go back."""
        seq, task = worker.queue.popleft()
        self._again.extendleft(reversed(worker.queue))
        self._replace(worker)
        return seq, encode(empty_row(task.source, task.url, task.fetched, error=reason))

    def _send(self, worker: _Worker, seq: int, task: Task) -> tuple[int, Line] | None:
        if not worker.queue:
            worker.deadline = time.monotonic() + self.timeout
        worker.queue.append((seq, task))
        try:
            assert worker.proc.stdin is not None
            send(worker.proc.stdin, task)
        except OSError:  # it died between tasks
            return self._fail(worker, _died(worker.proc) + " on this record")
        return None

    def _finish(self, worker: _Worker) -> tuple[int, Line]:
        try:
            assert worker.proc.stdout is not None
            line: Line = receive(worker.proc.stdout)
        except (EOFError, OSError):
            return self._fail(worker, _died(worker.proc) + " on this record")
        seq, _ = worker.queue.popleft()
        worker.deadline = time.monotonic() + self.timeout  # the next one starts now
        return seq, line

    def _wait(self) -> list[tuple[int, Line]]:
        """Rows of the workers that finish (or die, or run out of time) next."""
        busy = [w for w in self.workers if w.busy]
        wait = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        with selectors.DefaultSelector() as selector:
            for worker in busy:
                assert worker.proc.stdout is not None
                selector.register(worker.proc.stdout, selectors.EVENT_READ, worker)
            ready = [key.data for key, _ in selector.select(wait)]
        now = time.monotonic()
        # A result already in the pipe counts, however late the parent is to read it.
        late = [w for w in busy if w not in ready and w.deadline <= now]
        out = [self._finish(w) for w in ready]
        return out + [self._fail(w, f"record took longer than {self.timeout:g} s") for w in late]

    def _next(self, stream: Iterator[Task | dict[str, Any]], taken: int) -> tuple[int, Any] | None:
        """The next item to place: one sent back by a failed worker first, else a new one."""
        if self._again:
            return self._again.popleft()
        item = next(stream, None)
        return None if item is None else (taken, item)

    def rows(self, items: Iterable[Task | dict[str, Any]]) -> Iterator[Line]:
        """Every item's row, in item order."""
        stream = iter(items)
        done: dict[int, Line] = {}
        taken = emitted = 0
        exhausted = False
        self._again.clear()
        while True:
            while not (exhausted and not self._again) and taken - emitted < self.window:
                free = min(self.workers, key=lambda w: len(w.queue))
                if len(free.queue) >= DEPTH:
                    break
                placed = self._next(stream, taken)
                if placed is None:
                    exhausted = True
                    break
                seq, item = placed
                taken += seq == taken
                if isinstance(item, Task):
                    failed = self._send(free, seq, item)
                    if failed:
                        done[failed[0]] = failed[1]
                else:
                    done[seq] = encode(item)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if any(w.busy for w in self.workers):
                done.update(self._wait())
            elif exhausted and not self._again and emitted == taken:
                return


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
