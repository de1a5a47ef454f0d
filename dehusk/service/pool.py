"""A pool of worker processes with a time limit per job, for an asyncio server.

In: ``size`` processes, a ``time_limit`` in seconds, jobs (``work.Job``). Out: ``await
pool.run(job)`` gives the worker's ``Done``/``Failed``, or raises ``Busy`` (no worker free
within ``wait_limit``), ``TimedOut`` (the job ran past its limit) or ``Crashed`` (the worker
died under it).

Why processes and why our own pool: extraction is CPU-bound Python, so a thread would hold
the event loop's GIL and ``/health`` would wait behind a 50 MB page. The standard
``ProcessPoolExecutor`` cannot stop one running job — a timed-out future keeps its worker
busy until the page is done, and a killed worker breaks the whole executor. Here each worker
is one process on one pipe: a job past its limit has its process killed and a fresh one
started in the background, and the other workers never notice.

Each job is sent and received on a thread of the pool's own executor (one per worker), so
pickling a 50 MB page never blocks the event loop either.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from dehusk.service.work import WARM_UP, Done, Failed, Job, run

#: ``spawn``, not ``fork``: the server process runs threads (uvicorn, the executor), and a
#: forked child of a threaded process can inherit a lock held by another thread.
_CONTEXT = multiprocessing.get_context("spawn")


class Busy(Exception):
    """No worker became free in time."""


class TimedOut(Exception):
    """The job ran past the time limit; its worker was killed and replaced."""


class Crashed(Exception):
    """The worker died while running the job (it was replaced)."""


def _serve(conn: Connection) -> None:
    """A worker's life: warm up, then answer jobs one by one until the pipe closes."""
    run(WARM_UP)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run(job))


@dataclass(slots=True, eq=False)  # eq=False: hashed by identity, kept in a set
class _Worker:
    process: BaseProcess
    conn: Connection


def _start() -> _Worker:
    """A new worker process, returned once it has warmed up."""
    ours, theirs = _CONTEXT.Pipe()
    process = _CONTEXT.Process(target=_serve, args=(theirs,), daemon=True, name="dehusk-worker")
    process.start()
    theirs.close()
    if ours.recv() != "ready":  # EOFError if it died starting: the caller sees it
        raise RuntimeError("worker did not start")
    return _Worker(process, ours)


def _exchange(worker: _Worker, job: Job) -> Done | Failed:
    worker.conn.send(job)
    answer: Done | Failed = worker.conn.recv()
    return answer


def _stop(worker: _Worker) -> None:
    worker.process.kill()
    worker.process.join(5)
    worker.conn.close()


class WorkerPool:
    """``size`` warm worker processes; see the module docstring."""

    def __init__(self, size: int, time_limit: float, wait_limit: float) -> None:
        self.size = size
        self.time_limit = time_limit
        self.wait_limit = wait_limit
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="pool")
        self._all: set[_Worker] = set()
        self._closed = False

    async def start(self) -> None:
        """Start every worker (in parallel) and wait until all have warmed up."""
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(
            *(loop.run_in_executor(self._threads, _start) for _ in range(self.size))
        )
        for worker in started:
            self._all.add(worker)
            self._idle.put_nowait(worker)

    async def run(self, job: Job) -> Done | Failed:
        """Run ``job`` on a free worker within the time limit (see the module docstring)."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.wait_limit)
        except TimeoutError:
            raise Busy(f"all {self.size} workers busy for {self.wait_limit:g} s") from None
        loop = asyncio.get_running_loop()
        exchange = loop.run_in_executor(self._threads, _exchange, worker, job)
        try:
            answer = await asyncio.wait_for(exchange, self.time_limit)
        except TimeoutError:
            self._replace(worker)
            raise TimedOut(f"extraction ran past the {self.time_limit:g} s limit") from None
        except (EOFError, OSError):
            self._replace(worker)
            raise Crashed("the worker process died during extraction") from None
        except BaseException:  # the request was cancelled (client gone): the job may still run
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return answer

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background."""
        self._all.discard(worker)
        _stop(worker)  # its exchange thread then ends on EOFError
        if self._closed:
            return
        future = asyncio.get_running_loop().run_in_executor(self._threads, _start)
        future.add_done_callback(self._started)

    def _started(self, future: asyncio.Future[_Worker]) -> None:
        if future.cancelled() or future.exception() is not None:
            return  # the pool shrinks by one; /health reports the count
        worker = future.result()
        if self._closed:
            _stop(worker)
            return
        self._all.add(worker)
        self._idle.put_nowait(worker)

    @property
    def alive(self) -> int:
        """How many workers are running (busy or idle)."""
        return sum(w.process.is_alive() for w in self._all)

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for worker in list(self._all):
            with contextlib.suppress(OSError):
                _stop(worker)
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
