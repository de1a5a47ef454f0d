"""``dehusk batch --dask ADDRESS|local``: the same job on a Dask cluster, one task per shard.

In: a ``Job`` and a scheduler address (``tcp://host:8786``) or ``local`` (a
``distributed.LocalCluster`` of ``--workers`` processes, one thread each). Out: the same
parts and manifest as a local run (``dehusk.batch.parts``), so a run may be stopped on one
and resumed on the other.

Each task is ``shard_task(shard, job)``: the local ``run_shard`` with a pool of one worker
process (so a record that hangs or crashes still costs one ``error`` row, not the Dask
worker), writing its part straight into OUTDIR — which must be one folder every Dask worker
sees at the same path (a shared file system). Only this client writes the manifest, as each
task's result comes back. A task that Dask runs twice (a worker lost mid-task, a retry)
writes the same part name again, by atomic rename: the part is replaced, never doubled, and
the manifest records it once.
"""

from __future__ import annotations

from typing import Any

from dehusk.batch.inputs import Shard
from dehusk.batch.parts import PartInfo, fingerprint, record
from dehusk.batch.pool import Pool, default_workers
from dehusk.batch.progress import Progress
from dehusk.batch.runner import Job, Summary, prepare, run_shard, summarise

#: Dask may run a task again this many times after its worker died (then the run fails).
RETRIES = 3


def shard_task(shard: Shard, job: Job) -> PartInfo:
    """One shard's part, written and committed into OUTDIR (the unit a cluster maps over)."""
    with Pool(job.config, 1, job.record_timeout) as pool:
        return run_shard(shard, job, pool)


def _client(address: str, workers: int) -> Any:
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster)
    return Client(address)


def run_dask(job: Job, address: str) -> Summary:
    """Submit every shard not yet committed; record each part as its task returns."""
    from distributed import as_completed

    work, ident, parts = prepare(job)
    resumed = len(parts)
    todo = [s for s in work if s.index not in parts]
    if not todo:  # finished already: no cluster needed to say so
        record(job.outdir, ident, len(work), parts)
        return summarise(parts, resumed, None)
    progress = Progress(sum(s.size for s in todo), quiet=job.quiet)
    client = _client(address, job.workers or default_workers())
    key = fingerprint(ident)
    try:
        futures = [
            client.submit(
                shard_task, shard, job, key=f"dehusk-{key}-{shard.index:05d}", retries=RETRIES
            )
            for shard in todo
        ]
        for future in as_completed(futures):
            info: PartInfo = future.result()
            parts[info.shard] = info
            record(job.outdir, ident, len(work), parts)
            progress.part_done(work[info.shard].size, info.rows, info.errors)
    finally:
        progress.close()
        cluster = client.cluster
        client.close()
        if address == "local" and cluster is not None:
            cluster.close()
    record(job.outdir, ident, len(work), parts)
    return summarise(parts, resumed, None)
