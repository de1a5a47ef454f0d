"""CPython's cyclic garbage collector, paused while ``extract()`` runs.

In: nothing. Out: ``paused()``, a context manager; inside it the collector does not run,
and once the last overlapping ``paused()`` block of the process ends it runs again as
before (or stays off, if the caller had turned it off).

Why: one page's work allocates tens of thousands of container objects (block rows, tuples,
lists, candidates) that reference counting frees as soon as the page is done. The
collector still walks the young ones every 700 net allocations, and on the dev pages those
walks took ~10% of ``extract()`` (perf over the compiled stages, dragnet; measured in
docs/decisions.md, "Session 16: the collector paused during extract()"). The pipeline makes
no reference cycles a page's end must reclaim; what a caller's own code leaves is collected
when the collector runs again.

The collector is the process's, not the thread's: overlapping calls from threads share one
pause (a count under a lock), and the first that starts remembers whether it was on. Threads
that extract without a break would keep it off for good, so each call that ends while others
still run lets a collection through once the objects tracked since the last one pass
``VALVE`` (a leak elsewhere in the process is still bounded).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Net tracked allocations (``gc.get_count()[0]``) past which a call that ends inside
#: another's pause runs a full collection: ~1,400 of CPython's default gen-0 threshold (700).
VALVE = 1_000_000

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (see the module docstring)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
            overdue = _depth > 0 and _was_enabled and gc.get_count()[0] > VALVE
        if overdue:  # outside the lock: a finalizer the collection runs may extract a page
            gc.collect()
