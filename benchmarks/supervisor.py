"""The benchmark's worker processes, seen from ``run.py``: start, feed chunks, watch, restart.

In: a ``Job`` (an extractor and its input, ``str`` or ``bytes``), the interpreter to run it
with, a ``SetRun`` (the set's pages, digests and decoded pages) and the run's options. Out:
``WorkerOutput`` records (one per pass: header, page records, peak RSS, restarts).

A ``Worker`` is one long-lived process per job and set (``dehusk/eval/worker.py``): it is
started and warmed up before any page is timed, then ``run_chunk`` hands it one chunk of
pages at a time on its standard input while the other jobs' workers wait, so the jobs'
timings interleave chunk by chunk. The supervisor follows the worker's JSON-lines output;
if a page makes no progress for ``2 × timeout + 30`` seconds (a hang in native code that the
worker's own alarm cannot interrupt) or the process dies, it is killed, that page is
recorded as a timeout, and a fresh worker (no warm-up) takes the rest of the chunk.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from _evalpkg import REPO_ROOT

WORKER = Path(__file__).resolve().parent / "worker.py"


@dataclass
class WorkerOutput:
    """What one job's workers wrote in one pass: first header, end line, page records."""

    header: dict[str, Any] = field(default_factory=dict)
    end: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_rss_kb: int = 0
    restarts: int = 0

    def absorb(self, lines: list[dict[str, Any]]) -> None:
        """Take the header, page and end records of ``lines``."""
        for ln in lines:
            kind = ln.get("type")
            if kind == "header" and not self.header:
                self.header = ln
            elif kind == "page":
                self.pages[ln["id"]] = ln
                self.max_rss_kb = max(self.max_rss_kb, int(ln.get("rss_kb") or 0))
            elif kind == "end":
                self.end = ln
                self.max_rss_kb = max(self.max_rss_kb, int(ln.get("max_rss_kb") or 0))


@dataclass(frozen=True)
class SetRun:
    """One dev set as the workers read it: the set, its pages, and its decoded pages."""

    dev: Any
    infos: list[Any]
    sha1: dict[str, str]
    decoded_dir: Path
    #: Whether the set's truth has metadata (title, author, date) to score.
    has_meta: bool


@dataclass(frozen=True)
class Job:
    """One extractor over one set's pages with one kind of input (``str`` or ``bytes``)."""

    spec: Any
    mode: str

    @property
    def key(self) -> str:
        """The name of its results: the extractor's name, `` (bytes)`` added for bytes."""
        return self.spec.name if self.mode == "str" else f"{self.spec.name} (bytes)"


def write_ids(path: Path, pages: list[Any], sha1: dict[str, str]) -> None:
    """A worker's page file: ``file_id<TAB>url<TAB>sha1`` lines."""
    path.write_text(
        "".join(f"{p.file_id}\t{p.url or ''}\t{sha1.get(p.file_id, '')}\n" for p in pages),
        encoding="utf-8",
    )


def _new_lines(path: Path, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Complete JSON lines of ``path`` after byte ``offset``, and the new offset."""
    if not path.exists():
        return [], offset
    with path.open("rb") as fh:
        fh.seek(offset)
        chunk = fh.read()
    cut = chunk.rfind(b"\n") + 1
    lines = [json.loads(ln) for ln in chunk[:cut].splitlines() if ln.strip()]
    return lines, offset + cut


class Worker:
    """One job's worker process over one set (restarted when it hangs or dies)."""

    def __init__(
        self, job: Job, python: Path, sr: SetRun, args: argparse.Namespace, work: Path
    ) -> None:
        self.job, self.python, self.sr, self.args = job, python, sr, args
        stem = f"{sr.dev.name}.{job.key.replace(' ', '_')}"
        self.raw = work / f"{stem}.jsonl"
        self.log = work / f"{stem}.log"
        self.ids = work / f"{stem}.ids"
        self.warm_ids = work / f"{stem}.warm.ids"
        self.raw.unlink(missing_ok=True)
        self.log.unlink(missing_ok=True)
        self.offset = 0
        self.hard_timeout = 2 * args.timeout + 30
        self.proc: subprocess.Popen[str] | None = None
        self.pending: list[dict[str, Any]] = []

    def command(self) -> list[str]:
        """The worker's command line."""
        a, sr = self.args, self.sr
        return [
            str(self.python), str(WORKER), "--extractor", self.job.spec.name,
            "--data", str(sr.dev.path), "--set", sr.dev.name, "--input", self.job.mode,
            "--decoded", str(sr.decoded_dir), "--ids", str(self.warm_ids), "--out",
            str(self.raw), "--warmup", str(a.warmup), "--timeout", str(a.timeout),
            "--core", str(a.core),
        ]  # fmt: skip

    def start(self, warmup: bool = True) -> str | None:
        """Start the process, set up and (``warmup``) warm up; the problem, or None."""
        write_ids(self.warm_ids, self.sr.infos[: self.args.warmup] if warmup else [], {})
        with self.log.open("ab") as log_fh:
            self.proc = subprocess.Popen(
                self.command(),
                stdin=subprocess.PIPE,
                stdout=log_fh,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=REPO_ROOT,
                text=True,
            )
        return self._follow("ready")

    def _follow(self, until: str) -> str | None:
        """Collect output lines into ``pending`` until one of type ``until``; on a stall
        or an exit the process is killed and the problem returned."""
        assert self.proc is not None
        last = time.monotonic()
        while True:
            fresh, self.offset = _new_lines(self.raw, self.offset)
            if fresh:
                self.pending += fresh
                last = time.monotonic()
                if any(ln.get("type") == until for ln in fresh):
                    return None
            code = self.proc.poll()
            if code is not None:
                fresh, self.offset = _new_lines(self.raw, self.offset)
                self.pending += fresh
                if any(ln.get("type") == until for ln in fresh):
                    return None
                return f"worker exited with code {code}"
            if time.monotonic() - last > self.hard_timeout:
                self.kill()
                return f"worker killed: no progress for {self.hard_timeout:.0f} s"
            time.sleep(0.05)

    def kill(self) -> None:
        """End the process (its whole session) now."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def _send(self, order: dict[str, Any]) -> bool:
        stdin: IO[str] | None = self.proc.stdin if self.proc else None
        try:
            assert stdin is not None
            stdin.write(json.dumps(order) + "\n")
            stdin.flush()
        except (AssertionError, BrokenPipeError, OSError):
            return False
        return True

    def run_chunk(self, pages: list[Any], meta: bool, out: WorkerOutput) -> None:
        """Run ``pages`` into ``out``; past a page that hangs or kills the worker, a fresh
        worker takes the rest. ``meta``: make the extractor's untimed metadata call."""
        remaining = list(pages)
        while remaining:
            write_ids(self.ids, remaining, self.sr.sha1)
            sent = self._send({"ids": str(self.ids), "meta": meta})
            problem = self._follow("chunk-done") if sent else "worker gone"
            out.absorb(self.pending)
            self.pending = []
            remaining = [p for p in remaining if p.file_id not in out.pages]
            if problem is None or not remaining:
                return
            self.kill()
            out.restarts += 1
            culprit = remaining.pop(0)
            print(f"    {self.job.key}: {problem} (page {culprit.file_id})", flush=True)
            out.pages[culprit.file_id] = {
                "type": "page",
                "id": culprit.file_id,
                "text": "",
                "meta": {},
                "seconds": self.hard_timeout,
                "error": problem,
                "timeout": True,
                "rss_kb": 0,
            }
            self.start(warmup=False)
            self.pending = []

    def close(self, out: WorkerOutput) -> None:
        """End the input, take the worker's end record into ``out``, compress its output."""
        if self.proc is not None and self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
            if self.proc.poll() is None or self.pending:
                self._follow("end")
            out.absorb(self.pending)
            self.pending = []
            self.kill()
        _compress(self.raw)


def _compress(path: Path) -> None:
    """Replace ``path`` by ``path.gz`` (the raw texts are kept for page-by-page study)."""
    if not path.exists():
        return
    with path.open("rb") as src, gzip.open(path.with_suffix(path.suffix + ".gz"), "wb") as dst:
        shutil.copyfileobj(src, dst)
    path.unlink()
