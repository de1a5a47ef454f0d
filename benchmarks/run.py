"""``make bench``: dehusk and its peers on the dev sets — quality, speed, memory.

Run with the bench venv's interpreter (``benchmarks/setup.sh`` makes it)::

    .venv-bench/bin/python benchmarks/run.py [--sets wcxb-dev,dragnet] [--only dehusk,...]
        [--limit N] [--repeat 2] [--bytes-row dehusk,trafilatura] [--out bench-out/run.json]
        [--compare OLD.json] [--no-docs]

For each dev set: every page is decoded once with dehusk's decoder (outside any timing) and
stored in ``bench-out/raw/decoded/<set>/``. Every extractor gets a worker process of its own
(``benchmarks/worker.py``, started and warmed up before any timing), all pinned to one core;
each is given that same ``str``, and those of ``--bytes-row`` get a second worker given the
raw bytes. The pages go in chunks of ``--chunk`` to every worker in turn, every second chunk
in the reverse order (A B C, C B A: a load that comes and goes weighs on all alike), so the
runs interleave while only one worker runs at a time. All of it is repeated ``--repeat``
times (passes); the speed reported is each extractor's best pass, the texts scored are the
first pass's. ``benchmarks/supervisor.py`` watches the workers: a page that makes no
progress for ``2 × timeout + 30`` seconds (a hang in native code that the worker's own alarm
cannot interrupt) or kills its worker is recorded as a timeout, and a fresh worker takes the
rest. Then every page is scored, the run is saved page by page to ``--out``, and
``docs/benchmarks.md`` and the charts are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _evalpkg import REPO_ROOT, load
from supervisor import Job, SetRun, Worker, WorkerOutput

datasets = load("datasets")
devsets = load("devsets")
metrics = load("metrics")
worker = load("worker")
peers = load("peers")
scoring = load("scoring")
report = load("report")
runfiles = load("runfiles")
chart = load("chart")

BENCH_PYTHON = REPO_ROOT / ".venv-bench" / "bin" / "python"
RS312_PYTHON = REPO_ROOT / ".venv-bench312" / "bin" / "python"
RS312_SKIP_NOTE = REPO_ROOT / "bench-out" / "rs312-skipped.txt"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", default="", help="comma-separated extractors (default: all)")
    ap.add_argument(
        "--sets", default=",".join(devsets.SET_NAMES), help="comma-separated dev sets, by name"
    )
    ap.add_argument("--limit", type=int, default=0, help="quick subset of N pages per set")
    ap.add_argument("--repeat", type=int, default=2, help="passes over the pages (best = speed)")
    ap.add_argument("--chunk", type=int, default=50, help="pages a job runs before the next")
    ap.add_argument(
        "--repeat-only",
        default="",
        help="extractors given the passes after the first (default: all)",
    )
    ap.add_argument(
        "--bytes-row",
        default="dehusk,trafilatura",
        help="extractors also run on raw bytes (comma-separated; empty: none)",
    )
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "bench-out" / "run.json")
    ap.add_argument("--compare", type=Path, help="an earlier run.json: list dehusk's drops")
    ap.add_argument(
        "--baseline", type=Path, help="an earlier run file whose figures the report shows as before"
    )
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    ap.add_argument("--note", default="", help="with --docs-from: a paragraph for the report")
    ap.add_argument("--data", help="one dev set (a name or a folder) instead of --sets")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per page (default 20)")
    ap.add_argument("--warmup", type=int, default=20, help="untimed warm-up pages (default 20)")
    ap.add_argument("--core", type=int, default=0, help="CPU the workers are pinned to")
    ap.add_argument("--docs-dir", type=Path, default=REPO_ROOT / "docs")
    ap.add_argument(
        "--docs-from",
        type=Path,
        nargs="+",
        help="only rewrite the docs from these run files (no extraction; their sets merged)",
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


def _git(*args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def git_commit() -> str:
    """Short HEAD of the repo, ``-dirty`` when ``dehusk/`` has uncommitted changes."""
    head = _git("rev-parse", "--short", "HEAD") or "no commit"
    dirty = _git("status", "--porcelain", "--", "dehusk")
    return f"{head}-dirty" if dirty else head


def library_commit(commit: str = "HEAD") -> str:
    """The last commit up to ``commit`` that changed the library (``dehusk/`` less
    ``dehusk/eval``): the extractor measured, whatever the harness commits after it."""
    return _git("log", "-1", "--format=%h", commit, "--", "dehusk", ":!dehusk/eval") or "?"


def command_line(argv: list[str]) -> str:
    """The command that ran this benchmark, with repo-relative paths where possible."""
    exe = Path(sys.executable)
    try:
        shown = str(exe.relative_to(REPO_ROOT))
    except ValueError:
        shown = str(exe)
    return shlex.join([shown, "benchmarks/run.py", *argv])


# ---- scoring and the run file --------------------------------------------------------------


def _pass_seconds(output: WorkerOutput) -> float:
    return sum(float(r.get("seconds") or 0.0) for r in output.pages.values())


def stage_totals(output: WorkerOutput) -> dict[str, float] | None:
    """Seconds per dehusk stage summed over the pages of one pass, ``other`` the rest of
    the timed calls; None when the extractor reports no stages."""
    totals: dict[str, float] = {}
    seconds = 0.0
    for rec in output.pages.values():
        for name, value in (rec.get("stages") or {}).items():
            totals[name] = totals.get(name, 0.0) + float(value)
        seconds += float(rec.get("seconds") or 0.0)
    if not totals:
        return None
    totals["other"] = max(0.0, seconds - sum(totals.values()))
    return {k: round(v, 6) for k, v in totals.items()}


def score_extractor(
    job: Job, outputs: list[WorkerOutput], infos: list[Any], intervals: bool
) -> dict[str, Any]:
    """The run-file entry of one job: its page records (texts from the first pass, seconds
    from the fastest pass) and their summary; bootstrap intervals when ``intervals``."""
    spec = job.spec
    by_id = {p.file_id: p for p in infos}
    first = outputs[0]
    best = min(outputs, key=_pass_seconds)
    pages = {}
    for info in infos:
        raw = first.pages.get(info.file_id) or {"text": "", "meta": {}, "error": "no result"}
        timed = best.pages.get(info.file_id) or raw
        rec = scoring.score_page(
            info, raw.get("text") or "", raw.get("meta") or {}, spec.meta_fields
        )
        rec.update(
            seconds=round(float(timed.get("seconds") or 0.0), 6),
            error=raw.get("error"),
            timeout=bool(raw.get("timeout")),
        )
        pages[info.file_id] = rec
    header = first.header
    summary = scoring.summarize(pages, by_id)
    if intervals:
        summary["intervals"] = scoring.intervals(pages)
    n = len(infos)
    return {
        "status": "ok",
        "how": spec.how,
        "input": job.mode,
        "versions": header.get("versions", {}),
        "python": header.get("python"),
        "affinity": header.get("affinity"),
        "setup_error": header.get("setup_error"),
        "baseline_kb": header.get("baseline_kb"),
        "max_rss_kb": max(o.max_rss_kb for o in outputs) or None,
        "refused_connections": first.end.get("refused_connections"),
        "restarts": sum(o.restarts for o in outputs),
        "pass_pages_per_s": [
            round(n / t, 3) if (t := _pass_seconds(o)) > 0 else None for o in outputs
        ],
        "stages": stage_totals(best),
        "summary": summary,
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
        return [p for p in peers.PEERS if p.default]
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


def decoder() -> tuple[Any, str]:
    """dehusk's decoder (``decode(bytes) -> (str, warnings)``) and how the pages were decoded.

    When ``dehusk`` does not import, UTF-8 with ``errors="replace"`` stands in (said so).
    """
    try:
        from dehusk.decode import decode
    except Exception as exc:  # the benchmark still runs when the library is broken
        note = f"UTF-8 with errors='replace' (dehusk.decode did not import: {exc})"
        return (lambda data: (data.decode("utf-8", errors="replace"), ())), note
    return decode, "dehusk.decode.decode(bytes): BOM, <meta charset>, then detection"


def prepare_set(dev: Any, limit: int, work: Path) -> tuple[SetRun, dict[str, Any]]:
    """The pages of ``dev`` (a subset when ``limit``), their digests, sizes and decoded text.

    Every page is decoded once here with dehusk's decoder (outside any timing) into
    ``work/decoded/<set>/``; the per-page table gives the run file its ``pages`` entry.
    """
    infos = devsets.load_set(dev)
    total = len(infos)
    if limit:
        infos = datasets.stratified_subset(infos, limit)
    decode, how = decoder()
    decoded_dir = work / "decoded" / dev.name
    decoded_dir.mkdir(parents=True, exist_ok=True)
    sha1: dict[str, str] = {}
    table: dict[str, Any] = {}
    for info in infos:
        html = datasets.read_html(dev.path, info.file_id)
        sha1[info.file_id] = hashlib.sha1(html).hexdigest()
        try:
            text = decode(html)[0]
        except Exception:  # a page dehusk refuses still reaches the peers, as UTF-8
            text = html.decode("utf-8", errors="replace")
        worker.write_decoded(decoded_dir, info.file_id, text)
        table[info.file_id] = {
            "page_type": info.page_type,
            "domain": info.domain,
            "url": info.url,
            "truth_tokens": len(metrics.tokens(info.truth.main)),
            "bytes": len(html),
            "chars": len(text),
        }
    meta = {
        "path": str(dev.path),
        "pages_total": total,
        "subset": f"--limit {limit}, stratified by page type" if limit else None,
        "decoded_by": how,
    }
    has_meta = any(i.truth.title or i.truth.author or i.truth.published for i in infos)
    return SetRun(dev, infos, sha1, decoded_dir, has_meta), {"meta": meta, "pages": table}


def jobs_for(specs: list[Any], bytes_row: str) -> list[Job]:
    """A ``str`` job per extractor, then a ``bytes`` job for those named in ``bytes_row``."""
    wanted = {n.strip() for n in bytes_row.split(",") if n.strip()}
    return [Job(s, "str") for s in specs] + [Job(s, "bytes") for s in specs if s.name in wanted]


def start_workers(
    sr: SetRun, jobs: list[Job], args: argparse.Namespace, work: Path
) -> tuple[dict[str, Worker], dict[str, Any]]:
    """A started, warmed-up worker per job (one after another, before any timing), and the
    jobs skipped for want of their interpreter."""
    workers: dict[str, Worker] = {}
    skipped: dict[str, Any] = {}
    for job in jobs:
        python, reason = interpreter_for(job.spec)
        if python is None:
            skipped[job.key] = {"status": "skipped", "reason": reason, "how": job.spec.how}
            continue
        workers[job.key] = Worker(job, python, sr, args, work)
        problem = workers[job.key].start()
        if problem:  # stalled or died in set-up or warm-up: the pages will say so
            print(f"    {job.key}: {problem} while warming up", flush=True)
            workers[job.key].start(warmup=False)
    return workers, skipped


def run_set(sr: SetRun, jobs: list[Job], args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Every job over one set, chunk by chunk in turn, ``args.repeat`` passes, scored.

    Within a pass each chunk of ``args.chunk`` pages goes to every job's worker in turn,
    every second chunk in the reverse order, so a load that comes and goes weighs on all
    jobs alike; passes after the first run only the jobs of ``--repeat-only`` (all if empty)
    and skip the metadata call."""
    workers, skipped = start_workers(sr, jobs, args, work)
    again = {n.strip() for n in args.repeat_only.split(",") if n.strip()}
    size = max(1, args.chunk)
    chunks = [sr.infos[i : i + size] for i in range(0, len(sr.infos), size)]
    outputs: dict[str, list[WorkerOutput]] = {}
    for n in range(max(1, args.repeat)):
        active = [
            j for j in jobs if j.key in workers and (n == 0 or not again or j.spec.name in again)
        ]
        outs = {j.key: WorkerOutput() for j in active}
        started = time.monotonic()
        for c, chunk in enumerate(chunks):
            for job in active if (n + c) % 2 == 0 else list(reversed(active)):
                workers[job.key].run_chunk(chunk, n == 0 and sr.has_meta, outs[job.key])
            done = (c + 1) * size
            if c + 1 == len(chunks) or done % (5 * size) == 0:
                print(
                    f"    {sr.dev.name} pass {n + 1}: {min(done, len(sr.infos))} pages, "
                    f"{time.monotonic() - started:.0f} s",
                    flush=True,
                )
        for key, out in outs.items():
            outputs.setdefault(key, []).append(out)
    for key, worker in workers.items():
        worker.close(outputs[key][-1])
    extractors: dict[str, Any] = {}
    for job in jobs:
        if job.key in skipped:
            print(f"  skipped {job.key}: {skipped[job.key]['reason']}", flush=True)
            extractors[job.key] = skipped[job.key]
            continue
        wants_ci = job.spec.name.startswith("dehusk") and job.mode == "str"
        extractors[job.key] = score_extractor(job, outputs[job.key], sr.infos, wants_ci)
        print_summary(f"{sr.dev.name} {job.key}", extractors[job.key])
    return extractors


def baseline_of(path: Path) -> dict[str, Any]:
    """The digest of the earlier run at ``path`` that the report shows as before."""
    try:
        shown = str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        shown = str(path)
    return runfiles.baseline_digest(json.loads(path.read_text(encoding="utf-8")), shown)


def chosen_sets(args: argparse.Namespace) -> list[Any]:
    """The dev sets of ``--data`` (one) or ``--sets``; exits on a missing one."""
    names = [args.data] if args.data else [n.strip() for n in args.sets.split(",") if n.strip()]
    try:
        return [devsets.resolve(n, REPO_ROOT) for n in names]
    except FileNotFoundError as exc:
        sys.exit(str(exc))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.docs_from:
        runs = [json.loads(p.read_text(encoding="utf-8")) for p in args.docs_from]
        merged = runfiles.merge_runs(runs)
        if args.note:
            merged["meta"]["note"] = args.note
        if args.baseline:
            merged["meta"]["baseline"] = baseline_of(args.baseline)
        write_docs(merged, args.docs_dir)
        return 0
    specs = select_peers(args.only)
    jobs = jobs_for(specs, args.bytes_row)
    sets = chosen_sets(args)
    work = args.out.resolve().parent / "raw"
    work.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    machine = machine_info()
    commit = git_commit()  # before the run: the dehusk the workers import
    print(f"benchmark: sets {', '.join(d.name for d in sets)}; {len(jobs)} runs", flush=True)
    results: dict[str, Any] = {}
    for dev in sets:
        sr, entry = prepare_set(dev, args.limit, work)
        print(f"  {dev.name}: {len(sr.infos)} pages decoded into {sr.decoded_dir}", flush=True)
        entry["extractors"] = run_set(sr, jobs, args, work)
        results[dev.name] = entry
    machine["load_end"] = round(os.getloadavg()[0], 2)
    pythons = {
        e["python"] for st in results.values() for e in st["extractors"].values() if e.get("python")
    }
    run = {
        "meta": {
            "command": command_line(argv),
            "date": started.strftime("%Y-%m-%d %H:%M UTC"),
            "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine,
            "pythons": sorted(pythons),
            "commit": commit,
            "library_commit": library_commit(),
            "repeat": max(1, args.repeat),
            "timeout_s": args.timeout,
            "warmup_pages": args.warmup,
            "all_extractors": not args.only.strip(),
            **({"baseline": baseline_of(args.baseline)} if args.baseline else {}),
        },
        "sets": results,
    }
    out = args.out.resolve()
    if out.exists():
        shutil.copyfile(out, out.with_suffix(".prev.json"))
    out.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"per-page results: {out}")
    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        text = runfiles.format_run_comparison(old, run)
        print(text)
        out.with_name("compare.txt").write_text(text + "\n", encoding="utf-8")
    if not args.no_docs:
        write_docs(run, args.docs_dir)
    return 0


def write_docs(run: dict[str, Any], docs_dir: Path) -> None:
    """Write ``benchmarks.md`` and one chart per set (``benchmark.svg`` for the first)."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "benchmarks.md").write_text(report.render_markdown(run), encoding="utf-8")
    for name, entry in run["sets"].items():
        svg = docs_dir / report.chart_file(name)
        _, label = report.chart_metric(name)
        title = f"{label.split(' ')[0]} against speed ({name}, same str input, one core)"
        points = report.chart_points(entry, name)
        svg.write_text(chart.render_svg(points, title, label), encoding="utf-8")
        print(f"wrote {svg}")
    subset = any(e["meta"].get("subset") for e in run["sets"].values())
    if subset or not run["meta"].get("all_extractors"):
        print("note: the docs were written from a partial run (subset or --only)")
    print(f"wrote {docs_dir / 'benchmarks.md'}")


if __name__ == "__main__":
    sys.exit(main())
