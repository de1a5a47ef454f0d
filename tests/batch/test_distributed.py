"""``dehusk batch --dask`` on a real ``distributed.LocalCluster`` (processes, 2 workers of 1
thread): the same parts and manifest; a Dask worker killed mid-task makes Dask run the task
again, and still no row is written twice; a rerun resumes (nothing left to do)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from dehusk.batch.distributed import run_dask
from dehusk.batch.runner import Job, Summary
from dehusk.cli import main
from tests.batch.corpus import MakeWarc, read_rows, source_key


def test_dask_retry_writes_no_row_twice(
    tmp_path: Path, make_warc: MakeWarc, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = 0
    for name in ("a.warc.gz", "b.warc.gz", "c.warc", "d.warc.gz"):
        expected += make_warc(f"in/{name}", count=6)[1].rows
    out = tmp_path / "out"
    job = Job(inputs=(str(tmp_path / "in"),), outdir=out, quiet=True)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = list(client.run(os.getpid).values())
        result: list[Summary] = []
        runner = threading.Thread(
            target=lambda: result.append(run_dask(job, cluster.scheduler_address))
        )
        runner.start()
        deadline = time.monotonic() + 120
        while not list(out.glob("_tmp/*.partial")) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(pids[0], signal.SIGKILL)  # a Dask worker dies holding a task: Dask reruns it
        runner.join(timeout=240)
        assert result, "the run did not finish"
        new_pids = set(client.run(os.getpid).values())
    assert pids[0] not in new_pids  # the worker really died and was replaced
    rows = read_rows(out)
    keys = [source_key(r) for r in rows]
    assert len(keys) == len(set(keys)) == expected
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["totals"]["rows"] == expected
    assert sorted(p.name for p in out.iterdir()) == [
        "_manifest.json",
        *(f"part-{i:05d}.jsonl" for i in range(4)),
    ]
    # The same command again, on a LocalCluster of its own: resumed, nothing redone.
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    assert (
        main(["batch", str(tmp_path / "in"), "-o", str(out), "--dask", "local", "--workers", "2"])
        == 0
    )
    assert "4 resumed" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")} == before
