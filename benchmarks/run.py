"""``make bench``: dehusk and its peers on the WCXB dev set — quality, speed, memory.

Run with the bench venv's interpreter (``benchmarks/setup.sh`` makes it)::

    .venv-bench/bin/python benchmarks/run.py [--only dehusk,trafilatura] [--limit N]
        [--out bench-out/run.json] [--compare OLD.json] [--no-docs]

Each extractor runs in a fresh worker process (``benchmarks/worker.py``) pinned to one core,
one extractor after another. A supervisor here follows each worker's per-page output and, if
a page makes no progress for ``2 × timeout + 30`` seconds (a hang in native code that the
worker's own alarm cannot interrupt), kills the worker, records that page as a timeout and
starts a new worker on the rest. Then every page is scored, the run is saved page by page to
``--out``, and ``docs/benchmarks.md`` and ``docs/benchmark.svg`` are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _evalpkg import REPO_ROOT, load

datasets = load("datasets")
metrics = load("metrics")
peers = load("peers")
scoring = load("scoring")
report = load("report")
chart = load("chart")

WORKER = Path(__file__).resolve().parent / "worker.py"
BENCH_PYTHON = REPO_ROOT / ".venv-bench" / "bin" / "python"
RS312_PYTHON = REPO_ROOT / ".venv-bench312" / "bin" / "python"
RS312_SKIP_NOTE = REPO_ROOT / "bench-out" / "rs312-skipped.txt"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", default="", help="comma-separated extractors (default: all)")
    ap.add_argument("--limit", type=int, default=0, help="quick subset of N pages, by page type")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "bench-out" / "run.json")
    ap.add_argument("--compare", type=Path, help="an earlier run.json: list dehusk's drops")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    ap.add_argument("--data", type=Path, default=datasets.default_data_dir(REPO_ROOT))
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per page (default 20)")
    ap.add_argument("--warmup", type=int, default=20, help="untimed warm-up pages (default 20)")
    ap.add_argument("--core", type=int, default=0, help="CPU the workers are pinned to")
    ap.add_argument("--docs-dir", type=Path, default=REPO_ROOT / "docs")
    ap.add_argument(
        "--docs-from", type=Path, help="only rewrite the docs from this run.json (no extraction)"
    )
    return ap.parse_args(argv)


# ---- the machine --------------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def machine_info() -> dict[str, Any]:
    """nproc, CPU model, RAM (GB), OS and the 1-minute load average now."""
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in _read("/proc/cpuinfo").splitlines()
            if ln.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem_kb = next(
        (
            int(ln.split()[1])
            for ln in _read("/proc/meminfo").splitlines()
            if ln.startswith("MemTotal:")
        ),
        0,
    )
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "load_start": round(os.getloadavg()[0], 2),
    }


def git_commit() -> str:
    """Short HEAD of the repo, ``-dirty`` when ``dehusk/`` has uncommitted changes."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "no commit"
    dirty = git("status", "--porcelain", "--", "dehusk")
    return f"{head}-dirty" if dirty else head


def command_line(argv: list[str]) -> str:
    """The command that ran this benchmark, with repo-relative paths where possible."""
    exe = Path(sys.executable)
    try:
        shown = str(exe.relative_to(REPO_ROOT))
    except ValueError:
        shown = str(exe)
    return shlex.join([shown, "benchmarks/run.py", *argv])


# ---- workers -------------------------------------------------------------------------------


@dataclass
class WorkerOutput:
    """What the workers of one extractor wrote: first header, last end line, page records."""

    header: dict[str, Any] = field(default_factory=dict)
    end: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_rss_kb: int = 0
    restarts: int = 0


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


def run_worker_once(
    cmd: list[str], raw: Path, log: Path, offset: int, hard_timeout: float
) -> tuple[list[dict[str, Any]], int, str | None]:
    """Start one worker and follow its output until it exits or stalls.

    Returns (new lines, new offset, problem): problem is None when the worker finished
    normally, else a description (killed after a stall, or its exit code).
    """
    lines: list[dict[str, Any]] = []
    with log.open("ab") as log_fh:
        proc = subprocess.Popen(
            cmd,
            stdout=log_fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=REPO_ROOT,
        )
        last = time.monotonic()
        while True:
            fresh, offset = _new_lines(raw, offset)
            if fresh:
                lines += fresh
                last = time.monotonic()
                _progress(fresh)
            code = proc.poll()
            if code is not None:
                fresh, offset = _new_lines(raw, offset)
                lines += fresh
                ended = any(ln.get("type") == "end" for ln in lines)
                return lines, offset, None if ended else f"worker exited with code {code}"
            if time.monotonic() - last > hard_timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                fresh, offset = _new_lines(raw, offset)
                lines += fresh
                return lines, offset, f"worker killed: no progress for {hard_timeout:.0f} s"
            time.sleep(0.2)


def _progress(lines: list[dict[str, Any]]) -> None:
    """Print a progress line every 250 pages."""
    for ln in lines:
        if ln.get("type") == "page" and ln.get("n", 0) % 250 == 0 and ln.get("n"):
            print(f"    {ln['n']} pages", flush=True)


def write_ids(path: Path, pages: list[Any]) -> None:
    """The worker's input: ``file_id<TAB>url`` lines."""
    path.write_text("".join(f"{p.file_id}\t{p.url or ''}\n" for p in pages), encoding="utf-8")


def run_extractor(
    spec: Any, python: Path, infos: list[Any], args: argparse.Namespace, work: Path
) -> WorkerOutput:
    """Run ``spec`` over ``infos`` in worker processes; restart past a page that hangs."""
    raw = work / f"{spec.name}.jsonl"
    log = work / f"{spec.name}.log"
    raw.unlink(missing_ok=True)
    log.unlink(missing_ok=True)
    out = WorkerOutput()
    remaining = list(infos)
    offset = 0
    warmup = args.warmup
    hard_timeout = 2 * args.timeout + 30
    while remaining:
        ids = work / f"{spec.name}.ids"
        write_ids(ids, remaining)
        cmd = [
            str(python),
            str(WORKER),
            "--extractor",
            spec.name,
            "--data",
            str(args.data),
            "--ids",
            str(ids),
            "--out",
            str(raw),
            "--warmup",
            str(warmup),
            "--timeout",
            str(args.timeout),
            "--core",
            str(args.core),
        ]
        lines, offset, problem = run_worker_once(cmd, raw, log, offset, hard_timeout)
        for ln in lines:
            kind = ln.get("type")
            if kind == "header" and not out.header:
                out.header = ln
            elif kind == "page":
                out.pages[ln["id"]] = ln
                out.max_rss_kb = max(out.max_rss_kb, int(ln.get("rss_kb") or 0))
            elif kind == "end":
                out.end = ln
                out.max_rss_kb = max(out.max_rss_kb, int(ln.get("max_rss_kb") or 0))
        remaining = [p for p in remaining if p.file_id not in out.pages]
        if problem is None or not remaining:
            break
        out.restarts += 1
        print(f"    {spec.name}: {problem} (page {remaining[0].file_id})", flush=True)
        if warmup and not any(ln.get("type") == "page" for ln in lines):
            warmup = 0  # stalled in the warm-up: the culprit gets its turn in the timed pass
            continue
        culprit = remaining.pop(0)
        out.pages[culprit.file_id] = {
            "type": "page",
            "id": culprit.file_id,
            "text": "",
            "meta": {},
            "seconds": hard_timeout,
            "error": problem,
            "timeout": True,
            "rss_kb": 0,
        }
        warmup = 0
    _compress(raw)
    return out


def _compress(path: Path) -> None:
    """Replace ``path`` by ``path.gz`` (the raw texts are kept for page-by-page study)."""
    if not path.exists():
        return
    with path.open("rb") as src, gzip.open(path.with_suffix(path.suffix + ".gz"), "wb") as dst:
        shutil.copyfileobj(src, dst)
    path.unlink()


# ---- scoring and the run file --------------------------------------------------------------


def score_extractor(spec: Any, output: WorkerOutput, infos: list[Any]) -> dict[str, Any]:
    """The run-file entry of one extractor: its page records and their summary."""
    by_id = {p.file_id: p for p in infos}
    pages = {}
    for info in infos:
        raw = output.pages.get(info.file_id) or {"text": "", "meta": {}, "error": "no result"}
        rec = scoring.score_page(
            info, raw.get("text") or "", raw.get("meta") or {}, spec.meta_fields
        )
        rec.update(
            seconds=round(float(raw.get("seconds") or 0.0), 6),
            error=raw.get("error"),
            timeout=bool(raw.get("timeout")),
        )
        pages[info.file_id] = rec
    header = output.header
    return {
        "status": "ok",
        "how": spec.how,
        "versions": header.get("versions", {}),
        "python": header.get("python"),
        "affinity": header.get("affinity"),
        "setup_error": header.get("setup_error"),
        "baseline_kb": header.get("baseline_kb"),
        "max_rss_kb": output.max_rss_kb or None,
        "refused_connections": output.end.get("refused_connections"),
        "restarts": output.restarts,
        "summary": scoring.summarize(pages, by_id),
        "pages": pages,
    }


def interpreter_for(spec: Any) -> tuple[Path | None, str]:
    """The Python that runs ``spec``'s worker, or (None, why it is skipped)."""
    if spec.interpreter == "rs312":
        if RS312_PYTHON.exists():
            return RS312_PYTHON, ""
        note = RS312_SKIP_NOTE.read_text().strip() if RS312_SKIP_NOTE.exists() else ""
        return None, note or "no .venv-bench312 (run benchmarks/setup.sh)"
    return (BENCH_PYTHON if BENCH_PYTHON.exists() else Path(sys.executable)), ""


def select_peers(only: str) -> list[Any]:
    """The ``PeerSpec``s named in ``only`` (comma-separated), or all; exits on a bad name."""
    if not only.strip():
        return list(peers.PEERS)
    try:
        return [peers.get_peer(n.strip()) for n in only.split(",") if n.strip()]
    except KeyError as exc:
        sys.exit(str(exc))


def print_summary(name: str, entry: dict[str, Any]) -> None:
    """One line of headline figures for an extractor."""
    s = entry["summary"]
    print(
        f"  {name}: word-F1 {report.fmt(s['word_f1'])} (article {report.fmt(s['word_f1_article'])})"
        f", shingle-F1 {report.fmt(s['shingle_f1'])}, {report.fmt(s['pages_per_s'], 1)} pages/s, "
        f"peak {report.fmt((entry['max_rss_kb'] or 0) / 1024, 0)} MB, {s['errors']} errors, "
        f"{s['timeouts']} timeouts, {s['empty']} empty",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.docs_from:
        write_docs(json.loads(args.docs_from.read_text(encoding="utf-8")), args.docs_dir)
        return 0
    args.data = args.data.resolve()
    specs = select_peers(args.only)
    infos = datasets.load_index(args.data)
    total = len(infos)
    if args.limit:
        infos = datasets.stratified_subset(infos, args.limit)
    work = args.out.resolve().parent / "raw"
    work.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    machine = machine_info()
    commit = git_commit()  # before the run: the dehusk the workers import
    print(f"benchmark: {len(infos)} pages, {len(specs)} extractors, data {args.data}", flush=True)
    extractors: dict[str, Any] = {}
    for spec in specs:
        python, reason = interpreter_for(spec)
        if python is None:
            print(f"  skipped {spec.name}: {reason}", flush=True)
            extractors[spec.name] = {"status": "skipped", "reason": reason, "how": spec.how}
            continue
        print(f"  running {spec.name} ...", flush=True)
        output = run_extractor(spec, python, infos, args, work)
        extractors[spec.name] = score_extractor(spec, output, infos)
        print_summary(spec.name, extractors[spec.name])
    machine["load_end"] = round(os.getloadavg()[0], 2)
    run = {
        "meta": {
            "command": command_line(argv),
            "date": started.strftime("%Y-%m-%d %H:%M UTC"),
            "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine,
            "pythons": sorted({e["python"] for e in extractors.values() if e.get("python")}),
            "commit": commit,
            "data_dir": str(args.data),
            "data_name": args.data.name,
            "pages_total": total,
            "subset": f"--limit {args.limit}, stratified by page type" if args.limit else None,
            "timeout_s": args.timeout,
            "warmup_pages": args.warmup,
        },
        "pages": {
            p.file_id: {
                "page_type": p.page_type,
                "domain": p.domain,
                "url": p.url,
                "truth_tokens": len(metrics.tokens(p.truth.main)),
            }
            for p in infos
        },
        "extractors": extractors,
    }
    out = args.out.resolve()
    if out.exists():
        shutil.copyfile(out, out.with_suffix(".prev.json"))
    out.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"per-page results: {out}")
    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        text = report.format_comparison(old, run)
        print(text)
        out.with_name("compare.txt").write_text(text + "\n", encoding="utf-8")
    if not args.no_docs:
        write_docs(run, args.docs_dir)
    return 0


def write_docs(run: dict[str, Any], docs_dir: Path) -> None:
    """Write ``benchmarks.md`` and ``benchmark.svg`` into ``docs_dir``."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "benchmarks.md").write_text(report.render_markdown(run), encoding="utf-8")
    points = [
        chart.ChartPoint(name, e["summary"]["pages_per_s"], e["summary"]["word_f1"])
        for name, e in run["extractors"].items()
        if e.get("status") == "ok" and e["summary"]["pages_per_s"]
    ]
    (docs_dir / "benchmark.svg").write_text(chart.render_svg(points), encoding="utf-8")
    if run["meta"].get("subset") or len(run["extractors"]) < len(peers.PEERS):
        print("note: the docs were written from a partial run (subset or --only)")
    print(f"wrote {docs_dir / 'benchmarks.md'} and {docs_dir / 'benchmark.svg'}")


if __name__ == "__main__":
    sys.exit(main())
