"""The time limit of one ``extract()`` call: a deadline its stages check as they go.

In: ``Options.time_limit`` (seconds of CPU time, ``None`` for no limit), set once by the
pipeline with ``within(seconds)``. Out: nothing while there is time; ``TimeLimitExceeded``
(an ``ExtractionError`` naming the limit and the stage) at the first ``check`` past it.

Why cooperative and why CPU time:

- No signals and no watchdog thread: ``extract`` runs inside worker processes, services,
  notebooks and other people's threads, where ``SIGALRM`` belongs to someone else (and
  works in the main thread only). The pipelines (``extract``, ``extract_text``) call
  ``check`` between stages. Each stage is linear in the segments, which ``max_nodes``
  bounds, so on the largest page allowed a stage takes seconds, not minutes: a limit
  fires within that of its time. A single call into C (lexbor's parse) is not
  interrupted; its time is bounded by ``max_bytes``, ``max_nodes`` and ``max_attributes``
  (``dehusk.bounds``).
- The clock is the calling thread's CPU time (``time.thread_time``), not the wall clock:
  a page's cost does not change when the machine is loaded (on 2 busy cores the same page
  took 5× longer by the wall clock), so the limit fires on the same pages everywhere, and
  a thread's clock is not charged for other threads of the process. A hard wall-clock
  bound is the caller's: ``dehusk batch --record-timeout`` and ``dehusk serve
  --time-limit`` kill the worker.

The deadline lives in a ``ContextVar``, so nested or concurrent calls (threads, asyncio
tasks) each see their own, and a stage need not pass it down its call chain.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dehusk.errors import TimeLimitExceeded

#: (deadline on the thread's CPU clock, the limit in seconds), or None: no limit.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("dehusk_deadline", default=None)


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Run the block under a limit of ``seconds`` of CPU time (``None``: no limit)."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set((time.thread_time() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check(stage: str) -> None:
    """Raise ``TimeLimitExceeded`` if the current deadline has passed (``stage``: where)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.thread_time() > deadline[0]:
        raise TimeLimitExceeded(
            f"time limit of {deadline[1]:g} s (CPU) passed during {stage}: the page was not "
            "extracted (Options.time_limit, --time-limit)"
        )
