"""A worker process: ``Task`` values in on standard input, row lines out, until told to stop.

Run as ``python -m dehusk.batch.worker`` by ``dehusk.batch.pool`` (a fresh interpreter, not a
``multiprocessing`` fork: a Dask worker is a daemon process, and daemons may not have
``multiprocessing`` children, while any process may start a subprocess). The protocol is
framed pickles (``send``/``receive``): first a ``Config`` (answered ``"ready"`` once the
models are loaded, so a fresh worker's first record is timed like any other), then one
``Task`` at a time, each answered with the row as a JSON line and its status
(``rows.encode``); ``None`` ends the loop, answered with the process's peak resident memory
in bytes. File descriptor 1 is kept for the protocol and the interpreter's own
``sys.stdout`` is pointed at standard error, so a stray ``print`` cannot corrupt a frame.

Test hook (honoured only when the environment names it): when ``DEHUSK_BATCH_CRASH_MARKER``
is set, a task whose data holds that marker kills its own process with SIGKILL, as a
segfault in a native parser would. No input of ours crashes dehusk for real (every limit
is checked), so the tests need this to prove a dying worker costs one ``error`` row.
"""

from __future__ import annotations

import os
import pickle
import queue
import resource
import signal
import struct
import sys
import threading
from typing import IO, Any

from dehusk.batch.rows import Config, Task, encode, process

CRASH_MARKER_ENV = "DEHUSK_BATCH_CRASH_MARKER"
_EOF = object()
_HEADER = struct.Struct("<Q")
_PARAGRAPH = (
    "<p>The council voted on Tuesday to rebuild the old harbour wall, which storms have "
    "broken twice in ten years, and to open the works to public tender.</p>"
)
#: A whole news page, so that every lazily loaded model and table is loaded by it.
WARM_UP = Task(
    None,
    "https://example.org/news/harbour",
    None,
    "html",
    (
        "<html lang=en><head><title>Harbour wall to be rebuilt | The Gazette</title>"
        "<meta name=author content='Jane Smith'><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "Harbour wall to be rebuilt", "datePublished": '
        '"2024-03-05T10:00:00Z", "author": {"@type": "Person", "name": "Jane Smith"}}</script>'
        "</head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article>"
        "<h1>Harbour wall to be rebuilt</h1><p class=byline>By Jane Smith</p>"
        f"<time datetime=2024-03-05>5 March 2024</time>{_PARAGRAPH * 6}<figure><img src=/a.jpg>"
        "<figcaption>The wall in 2023. Photo: J. Doe</figcaption></figure></article>"
        "<footer>Copyright 2024 The Gazette</footer></body></html>"
    ).encode(),
)


def send(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_exact(stream: IO[bytes], size: int) -> bytes:
    """``size`` bytes from ``stream``; ``EOFError`` if it ends first."""
    parts, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("stream ended inside a frame")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def receive(stream: IO[bytes]) -> Any:
    (size,) = _HEADER.unpack(read_exact(stream, _HEADER.size))
    return pickle.loads(read_exact(stream, size))


def _crash_if_marked(task: Task, marker: bytes | None) -> None:
    data = task.data.encode() if isinstance(task.data, str) else task.data
    if marker and data and marker in data:
        os.kill(os.getpid(), signal.SIGKILL)


def _read_tasks(inbox: IO[bytes], tasks: queue.Queue[Any]) -> None:
    """Drain standard input into ``tasks`` as frames arrive (``_EOF`` when it closes).

    A thread of its own, so the runner's write of the next task never waits for the current
    one to finish: with both pipes full, runner and worker would wait for each other.
    """
    while True:
        try:
            task = receive(inbox)
        except (EOFError, OSError):
            tasks.put(_EOF)
            return
        tasks.put(task)
        if task is None:
            return


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """Answer tasks until ``None`` (or the parent goes away)."""
    config: Config = receive(inbox)
    process(WARM_UP, config)  # load the models now, so no record's timeout pays for it
    send(outbox, "ready")
    marker = os.environ.get(CRASH_MARKER_ENV, "").encode() or None
    tasks: queue.Queue[Any] = queue.Queue()
    threading.Thread(target=_read_tasks, args=(inbox, tasks), daemon=True).start()
    while (task := tasks.get()) is not _EOF:
        if task is None:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            send(outbox, peak)
            return
        _crash_if_marked(task, marker)
        send(outbox, encode(process(task, config)))


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    outbox = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    inbox = os.fdopen(os.dup(0), "rb", buffering=0)
    serve(inbox, outbox)


if __name__ == "__main__":
    main()
    sys.exit(0)
