"""The timed loop: one extractor, one process, one core, fed chunks of pages.

Run by ``benchmarks/worker.py`` (``python benchmarks/worker.py --extractor NAME ...``), one
process per extractor and set, so its peak memory is that extractor's alone. Steps:

1. pin the process to one core (``os.sched_setaffinity``) and block the network (every
   ``connect``/``getaddrinfo`` raises at once and is counted);
2. import and set up the extractor (untimed), then record the baseline peak RSS;
3. warm up on the pages of ``--ids`` (results discarded, untimed), then say ``ready``;
4. for each chunk the supervisor sends on standard input (a JSON line naming a file of
   pages), run every page: ``time.perf_counter()`` around the extractor call only, under a
   per-page ``SIGALRM`` timeout (a timeout is an empty result with ``timeout: true``);
   reading the page (raw bytes, or with ``--input str`` the text the supervisor decoded once
   with dehusk's decoder, ``decoded_path``) happens before the clock starts. The supervisor
   hands the chunks to every extractor's worker in turn, so their runs interleave;
5. write one JSON line per page to ``--out`` (flushed, so a supervisor can follow progress).

Output lines: ``{"type": "header", ...}``, ``{"type": "warm", "id"}`` per warm-up page,
``{"type": "ready"}``, then per chunk ``{"type": "page", "n", "id", "text", "meta",
"seconds", "error", "timeout", "rss_kb", "stages"}`` per page (``stages``: dehusk's seconds
per pipeline stage, else absent) and ``{"type": "chunk-done", "ids"}``; at the end of the
input ``{"type": "end", ...}``. Page files: ``file_id<TAB>url<TAB>sha1`` lines (url and sha1
may be empty).
"""

from __future__ import annotations

import argparse
import errno
import gzip
import json
import os
import platform
import resource
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any, NamedTuple

from .datasets import read_html
from .peers import Adapter, Extraction, PageInput, PeerSpec, get_peer, make_meta

#: How a page reaches the extractor: the decoded text (headline) or the raw bytes.
INPUT_MODES = ("str", "bytes")


class PageTimeout(BaseException):
    """Raised by the SIGALRM handler; a BaseException so peers' ``except Exception`` miss it."""


def ru_maxrss_kb() -> int:
    """``getrusage(RUSAGE_SELF).ru_maxrss`` in KiB (Linux).

    Beware: Linux carries the parent's high-water mark across fork + exec into this figure,
    so in a worker started by a large supervisor it is at least the supervisor's size.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def rss_kb() -> int:
    """Peak resident set size of this process's own address space so far, in KiB.

    ``VmHWM`` of ``/proc/self/status``: the same high-water mark as ``ru_maxrss`` but reset
    by exec, so it is the worker's own peak. Falls back to ``ru_maxrss`` off Linux.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return ru_maxrss_kb()


def pin_to_core(core: int) -> str:
    """Pin this process to CPU ``core``; returns a note of what happened (never raises)."""
    try:
        os.sched_setaffinity(0, {core})
    except (AttributeError, OSError, ValueError) as exc:
        return f"not pinned: {exc}"
    return f"pinned to core {core}"


def block_network() -> Callable[[], int]:
    """Make every IPv4/IPv6 ``connect`` and every ``getaddrinfo`` fail at once.

    Returns a function giving the number of attempts refused so far. Meant for a worker
    process only: it patches the ``socket`` module of this interpreter.
    """
    refused = [0]

    def refuse() -> None:
        refused[0] += 1
        raise OSError(errno.ENETUNREACH, "network disabled by the dehusk benchmark")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return real_connect_ex(self, address)

    def getaddrinfo(*_args: Any, **_kwargs: Any) -> Any:
        refuse()

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = getaddrinfo
    return lambda: refused[0]


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise PageTimeout


def call_with_timeout(
    adapter: Adapter, page: PageInput, timeout: float
) -> tuple[Extraction, float, str | None, bool]:
    """Run ``adapter(page)`` under a ``timeout``-second alarm, timing the call only.

    Returns (extraction, seconds, error, timed_out). An exception or a timeout gives an empty
    extraction and the error as ``"Type: message"`` (``"timeout"`` for a timeout).
    """
    empty = Extraction("", make_meta())
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            result = adapter(page)
        finally:
            seconds = time.perf_counter() - start
            signal.setitimer(signal.ITIMER_REAL, 0)
    except PageTimeout:
        return empty, time.perf_counter() - start, "timeout", True
    except Exception as exc:  # every failure of a peer is an empty result
        message = f"{type(exc).__name__}: {exc}"[:300]
        return empty, time.perf_counter() - start, message, False
    if not isinstance(result.text, str):
        return empty, seconds, f"text is {type(result.text).__name__}, not str", False
    return result, seconds, None, False


def failing_adapter(message: str) -> Adapter:
    """An adapter that raises ``RuntimeError(message)``: stands in for one that failed setup."""

    def run(_page: PageInput) -> Extraction:
        raise RuntimeError(message)

    return run


def build(spec: PeerSpec) -> tuple[Adapter, Adapter | None, str | None]:
    """Set up ``spec``'s adapters: (timed adapter, metadata adapter or None, setup error).

    A setup failure (e.g. the library does not import) gives failing adapters, so every page
    counts as an empty result with that error.
    """
    try:
        adapter = spec.factory()
        meta_adapter = spec.meta_factory() if spec.meta_factory else None
    except Exception as exc:
        message = f"setup failed: {type(exc).__name__}: {exc}"[:300]
        return failing_adapter(message), None, message
    return adapter, meta_adapter, None


def versions(spec: PeerSpec) -> dict[str, str]:
    """Installed versions of ``spec``'s distributions (``"?"`` when not installed)."""
    found = {}
    for dist in spec.distributions:
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "?"
    return found


class PageRef(NamedTuple):
    """One line of the ``--ids`` file: file id, URL (None if unknown), SHA-1 of the bytes."""

    file_id: str
    url: str | None
    sha1: str


def read_id_file(path: Path) -> list[PageRef]:
    """The pages of a ``file_id<TAB>url<TAB>sha1`` file (the last two may be empty)."""
    refs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        file_id, url, sha1 = [*line.split("\t"), "", ""][:3]
        refs.append(PageRef(file_id.strip(), url.strip() or None, sha1.strip()))
    return refs


def decoded_path(decoded_dir: Path, file_id: str) -> Path:
    """Where the supervisor keeps page ``file_id`` decoded once (UTF-8, gzip)."""
    return decoded_dir / f"{file_id}.txt.gz"


def write_decoded(decoded_dir: Path, file_id: str, text: str) -> None:
    """Store a decoded page for ``read_decoded`` (lone surrogates survive the round trip)."""
    with gzip.open(decoded_path(decoded_dir, file_id), "wb", compresslevel=1) as fh:
        fh.write(text.encode("utf-8", errors="surrogatepass"))


def read_decoded(decoded_dir: Path, file_id: str) -> str:
    """A page as ``write_decoded`` stored it."""
    with gzip.open(decoded_path(decoded_dir, file_id), "rb") as fh:
        return fh.read().decode("utf-8", errors="surrogatepass")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a worker reads its pages: the set's folder and name, the input mode, and the
    folder of decoded pages (``--input str``)."""

    data_dir: Path
    dataset: str
    mode: str = "bytes"
    decoded_dir: Path | None = None

    def page(self, ref: PageRef) -> PageInput:
        """The adapter's input for ``ref`` (read here, outside any timing)."""
        if self.mode == "str" and self.decoded_dir is not None:
            html: str | bytes = read_decoded(self.decoded_dir, ref.file_id)
        else:
            html = read_html(self.data_dir, ref.file_id)
        return PageInput(html, ref.url, ref.sha1, self.dataset)


def run_pages(
    adapter: Adapter,
    meta_adapter: Adapter | None,
    refs: list[PageRef],
    source: Source,
    timeout: float,
) -> Iterator[dict[str, Any]]:
    """One ``page`` record per page: text, meta, timed seconds, error, timeout flag, rss,
    and dehusk's seconds per stage when its adapter reports them.

    ``n`` counts the pages of this worker from 1.
    """
    for n, ref in enumerate(refs, start=1):
        page = source.page(ref)
        result, seconds, error, timed_out = call_with_timeout(adapter, page, timeout)
        meta = dict(result.meta)
        stages = meta.pop("stages", None)
        if meta_adapter is not None and not timed_out:
            extra, _, meta_error, _ = call_with_timeout(meta_adapter, page, timeout)
            meta = extra.meta
            if meta_error and not error:
                error = f"metadata: {meta_error}"
        yield {
            "type": "page",
            "n": n,
            "id": ref.file_id,
            "text": result.text,
            "meta": meta,
            "seconds": seconds,
            "error": error,
            "timeout": timed_out,
            "rss_kb": rss_kb(),
            **({"stages": stages} if stages else {}),
        }


def write_line(out: IO[str], record: dict[str, Any]) -> None:
    """Write ``record`` as one JSON line and flush it."""
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options of a worker."""
    ap = argparse.ArgumentParser(description="Run one extractor over pages (benchmark worker).")
    ap.add_argument("--extractor", required=True)
    ap.add_argument("--data", type=Path, required=True, help="dev set folder")
    ap.add_argument("--set", default="", help="the dev set's name (default: the folder's)")
    ap.add_argument("--input", choices=INPUT_MODES, default="bytes", help="str or raw bytes")
    ap.add_argument("--decoded", type=Path, help="folder of decoded pages (--input str)")
    ap.add_argument("--ids", type=Path, required=True, help="warm-up pages (file_id<TAB>url)")
    ap.add_argument("--out", type=Path, required=True, help="JSON-lines output")
    ap.add_argument("--warmup", type=int, default=20, help="untimed warm-up pages")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per page")
    ap.add_argument("--core", type=int, default=0, help="CPU to pin to")
    return ap.parse_args(argv)


def serve_chunks(
    out: IO[str],
    lines: Iterable[str],
    adapter: Adapter,
    meta_adapter: Adapter | None,
    source: Source,
    timeout: float,
) -> None:
    """Run each chunk the supervisor sends: a JSON line ``{"ids": PATH, "meta": bool}`` in,
    the pages' records and ``{"type": "chunk-done", "ids": PATH}`` out, until the input ends.

    ``meta`` false skips the untimed metadata call for that chunk (not scored)."""
    for line in lines:
        if not line.strip():
            continue
        order = json.loads(line)
        refs = read_id_file(Path(order["ids"]))
        meta = meta_adapter if order.get("meta", True) else None
        for record in run_pages(adapter, meta, refs, source, timeout):
            write_line(out, record)
        write_line(out, {"type": "chunk-done", "ids": order["ids"]})


def main(argv: list[str] | None = None) -> int:
    """Set up one extractor, warm it up on the pages of ``--ids``, then serve the chunks of
    pages the supervisor sends on standard input; see the module docstring."""
    args = parse_args(argv)
    spec = get_peer(args.extractor)
    pinned = pin_to_core(args.core)
    refused = block_network()
    signal.signal(signal.SIGALRM, _on_alarm)
    adapter, meta_adapter, setup_error = build(spec)
    baseline = rss_kb()
    source = Source(args.data, args.set or args.data.name, args.input, args.decoded)
    with args.out.open("a", encoding="utf-8") as out:
        write_line(
            out,
            {
                "type": "header",
                "extractor": spec.name,
                "baseline_kb": baseline,
                "versions": versions(spec),
                "python": platform.python_version(),
                "affinity": pinned,
                "setup_error": setup_error,
                "input": args.input,
                "pid": os.getpid(),
            },
        )
        for ref in read_id_file(args.ids)[: max(0, args.warmup)]:
            page = source.page(ref)
            call_with_timeout(adapter, page, args.timeout)
            if meta_adapter is not None:
                call_with_timeout(meta_adapter, page, args.timeout)
            write_line(out, {"type": "warm", "id": ref.file_id})
        write_line(out, {"type": "ready"})
        serve_chunks(out, sys.stdin, adapter, meta_adapter, source, args.timeout)
        end = {
            "type": "end",
            "max_rss_kb": rss_kb(),
            "ru_maxrss_kb": ru_maxrss_kb(),
            "refused_connections": refused(),
        }
        write_line(out, end)
    return 0


if __name__ == "__main__":
    sys.exit(main())
