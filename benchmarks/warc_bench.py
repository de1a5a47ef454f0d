"""``dehusk batch`` on a WARC made from the dev pages: speed, scaling, overhead, memory.

In: the dev pages (../shared/bench-data/wcxb-dev/html), written into a ``.warc.gz`` by
``dehusk.batch.warcgen`` with non-HTML, redirect, 404, revisit, truncated and metadata
records mixed in (nothing downloaded). Out, on standard output and in
``bench-out/warc-bench.json``:

- pages/s (pages extracted per second of wall time, pool start-up excluded) with 1 worker
  and with all workers, median of ``--repeat`` runs interleaved (the machine is shared);
- efficiency = pps(N) / (N x pps(1));
- overhead = 1 - pps(batch, 1 worker) / pps(plain ``dehusk.extract`` over the same
  payloads already decoded in memory, in this process);
- trafilatura through the same reader and pool (``Config.extractor``), 1 and N workers;
- peak RSS per worker (and of the runner) on runs of 100, 1,000 and 10,000 records, each a
  fresh ``dehusk batch`` process, every WARC cycling over the same ``--memory-pool`` pages
  (spread over the dev set): flat means the same whatever the length of the input. (A
  worker's peak follows the largest page it has met, so WARCs drawn from different pages
  compare page sizes, not input lengths: 100 records of the first pages against 10,000
  cycling over all 1,497 measured 152 against 250 MB for that reason alone.)
- the cost of one progress-bar update, tqdm against rich (when installed).

Run by ``make bench`` under .venv-bench (which has trafilatura); alone:
``nice .venv-bench/bin/python benchmarks/warc_bench.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dehusk.article import Article, Options
from dehusk.batch.inputs import expand, shards
from dehusk.batch.pool import Pool, default_workers
from dehusk.batch.runner import Job, run, run_shard
from dehusk.batch.warcgen import Mix, dev_pages, write_warc
from dehusk.pipeline import extract
from dehusk.sources.warc import HTML_TYPES, http_payload, read_warc

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "bench-data" / "wcxb-dev" / "html"
OUT = REPO / "bench-out"


def trafilatura_article(html: bytes | str, url: str | None, encoding: str | None = None) -> Article:
    """trafilatura as a ``Config.extractor``: its text as an Article (the rest left empty)."""
    import trafilatura

    if isinstance(html, bytes):
        html = html.decode(encoding or "utf-8", errors="replace")
    return Article(text=trafilatura.extract(html, url=url) or "", url=url)


def payloads(warc: Path) -> list[tuple[bytes, str | None, str | None]]:
    """The decoded HTML bodies of the WARC's 200 responses, in memory: the plain baseline."""
    out = []
    for entry in read_warc(warc, 64 << 20):
        if entry.kind != "response" or entry.truncated or entry.block is None:
            continue
        payload = http_payload(entry.block, 64 << 20)
        if payload.status == 200 and payload.media_type in HTML_TYPES:
            out.append((payload.body, entry.url, payload.charset))
    return out


def plain_pps(bodies: list[tuple[bytes, str | None, str | None]]) -> float:
    extract(bodies[0][0], bodies[0][1])  # load the models first, as a pool's warm-up does
    start = time.perf_counter()
    for body, url, charset in bodies:
        extract(body, url, encoding=charset, options=Options())
    return len(bodies) / (time.perf_counter() - start)


def batch_pps(warc: Path, workers: int, extractor: str = "") -> tuple[float, int]:
    """Pages/s of the batch runner over ``warc`` (pool already started), and rows written."""
    with tempfile.TemporaryDirectory() as tmp:
        job = Job(inputs=(str(warc),), outdir=Path(tmp), quiet=True, extractor=extractor)
        (shard,) = shards(expand(job.inputs))
        with Pool(job.config, workers, job.record_timeout) as pool:
            start = time.perf_counter()
            info = run_shard(shard, job, pool)
            seconds = time.perf_counter() - start
    return (info.articles + info.errors) / seconds, info.rows


def memory_run(warc: Path) -> dict[str, Any]:
    """One whole ``dehusk batch`` run in this process; its workers' and its own peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        summary = run(Job(inputs=(str(warc),), outdir=Path(tmp), quiet=True))
    assert summary.pool is not None
    return {
        "rows": summary.rows,
        "worker_peak_mb": [round(b / 2**20, 1) for b in summary.pool.peak_rss],
        "runner_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def progress_cost(updates: int = 200_000) -> dict[str, float]:
    """Microseconds per progress update: tqdm (as dehusk draws it) and rich, to /dev/null."""
    from tqdm import tqdm

    costs = {}
    with open(os.devnull, "w") as sink:
        bar = tqdm(total=updates, file=sink, mininterval=0.5)
        start = time.perf_counter()
        for _ in range(updates):
            bar.update(1)
        costs["tqdm_us"] = (time.perf_counter() - start) / updates * 1e6
        bar.close()
        try:
            from rich.console import Console
            from rich.progress import Progress
        except ImportError:
            return costs
        with Progress(console=Console(file=sink), auto_refresh=True) as progress:
            task = progress.add_task("rows", total=updates)
            start = time.perf_counter()
            for _ in range(updates):
                progress.update(task, advance=1)
            costs["rich_us"] = (time.perf_counter() - start) / updates * 1e6
    return costs


def make(path: Path, records: int, pool: int | None = None) -> Path:
    if not path.exists():
        write_warc(path, dev_pages(DEV, records, pool), Mix(seed=records))
    return path


def memory_runs(folder: Path, counts: list[int], pool: int) -> dict[int, Any]:
    """``memory_run`` in a fresh process for WARCs of ``counts`` records over ``pool`` pages."""
    memory = {}
    for count in counts:
        path = make(folder / f"dev-{count}-of-{pool}.warc.gz", count, pool)
        done = subprocess.run(
            [sys.executable, __file__, "--memory-run", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        memory[count] = json.loads(done.stdout)
        print(f"memory {count:6} records: {memory[count]}", flush=True)
    return memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600, help="pages in the speed WARC")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", default="100,1000,10000", help="record counts for memory")
    parser.add_argument("--memory-pool", type=int, default=25, help="pages the memory WARCs cycle")
    parser.add_argument("--only", choices=("speed", "memory"), help="one half of the benchmark")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--memory-run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_run:
        print(json.dumps(memory_run(args.memory_run)))
        return
    folder = OUT / "warc"
    folder.mkdir(parents=True, exist_ok=True)
    counts = [int(c) for c in args.memory.split(",")]
    if args.only == "memory":
        print(json.dumps(memory_runs(folder, counts, args.memory_pool), indent=1))
        return
    warc = make(folder / f"dev-{args.pages}.warc.gz", args.pages)
    workers = default_workers()
    bodies = payloads(warc)
    plugin = "warc_bench:trafilatura_article"
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(REPO / "benchmarks"), os.environ.get("PYTHONPATH", "")]
    )
    runs: dict[str, list[float]] = {}
    for rep in range(args.repeat):  # interleaved, so a busy spell hits every figure alike
        cases = {"plain": lambda: plain_pps(bodies)}
        cases["dehusk_1"] = lambda: batch_pps(warc, 1)[0]
        cases[f"dehusk_{workers}"] = lambda: batch_pps(warc, workers)[0]
        if not args.no_trafilatura:
            cases["trafilatura_1"] = lambda: batch_pps(warc, 1, plugin)[0]
            cases[f"trafilatura_{workers}"] = lambda: batch_pps(warc, workers, plugin)[0]
        for name, case in cases.items():
            runs.setdefault(name, []).append(case())
            print(f"run {rep + 1}: {name:16} {runs[name][-1]:7.1f} pages/s", flush=True)
    pps = {name: statistics.median(values) for name, values in runs.items()}
    report: dict[str, Any] = {
        "pages": len(bodies),
        "workers": workers,
        "pages_per_s_median": {k: round(v, 2) for k, v in pps.items()},
        "efficiency": round(pps[f"dehusk_{workers}"] / (workers * pps["dehusk_1"]), 3),
        "overhead": round(1 - pps["dehusk_1"] / pps["plain"], 3),
        "load_average": os.getloadavg(),
        "progress_update": progress_cost(),
    }
    if not args.no_trafilatura:
        report["dehusk_over_trafilatura"] = {
            n: round(pps[f"dehusk_{n}"] / pps[f"trafilatura_{n}"], 2) for n in (1, workers)
        }
    if args.only != "speed":
        report["memory"] = memory_runs(folder, counts, args.memory_pool)
    (OUT / "warc-bench.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
