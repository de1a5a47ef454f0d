"""``dehusk batch``: inputs in, parts and a manifest out, resumable, on every core.

In: a ``Job`` (inputs, OUTDIR, options, limits, workers). Out: ``run(job)`` fills OUTDIR
(see ``dehusk.batch.parts``) and returns a ``Summary``; it raises ``RunMismatch`` when OUTDIR
holds another run and ``FileNotFoundError`` for a missing input.

The same ``run_shard`` does one shard's work wherever it runs: here, shards are done one
after another, each spread over the pool's ``workers`` processes record by record (so one
large WARC uses every core); under Dask (``dehusk.batch.distributed``) each shard is one
task with a pool of one process. Output order: parts follow the inputs (shard NNNNN is
the NNNNN-th WARC/JSON Lines file or run of pages, in the order given, directories sorted);
inside a part, rows follow the records in file order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dehusk import __version__
from dehusk.article import Options
from dehusk.batch.inputs import DEFAULT_GLOBS, Shard, expand, items, shards
from dehusk.batch.parts import Format, PartInfo, PartWriter, open_outdir, record
from dehusk.batch.pool import Pool, PoolStats, default_workers
from dehusk.batch.progress import Progress
from dehusk.batch.rows import Config

#: ``--record-timeout`` default, seconds: a page takes ~30 ms; a minute is a stuck worker.
RECORD_TIMEOUT = 60.0
#: ``--max-record-bytes`` default: the same 64 MiB as ``dehusk extract --max-bytes``.
MAX_RECORD_BYTES = 64 << 20


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a batch run needs; the fields marked in ``identity`` shape its rows."""

    inputs: tuple[str, ...]
    outdir: Path
    options: Options = field(default_factory=Options)
    globs: tuple[str, ...] = DEFAULT_GLOBS
    output_format: Format = "jsonl"
    compress: bool = False
    record_timeout: float = RECORD_TIMEOUT
    max_record_bytes: int = MAX_RECORD_BYTES
    workers: int = 0  # 0: all cores
    quiet: bool = False
    extractor: str = ""  # another extractor, "module:function" (see rows.Config)

    @property
    def config(self) -> Config:
        return Config(self.options, self.max_record_bytes, self.extractor)


@dataclass(frozen=True, slots=True)
class Summary:
    """What a finished run holds (all parts, this run's and earlier ones')."""

    parts: int
    rows: int
    articles: int
    skipped: int
    errors: int
    resumed: int  # parts found committed at the start
    pool: PoolStats | None = None


def identity(job: Job, files: list[Any]) -> dict[str, Any]:
    """What a resumed run must share with the first: the files and the row-shaping options."""
    o = job.options
    return {
        "dehusk": __version__,
        "inputs": [str(Path(i).resolve()) for i in job.inputs],
        "files": [[f.path, f.size] for f in files],
        "globs": list(job.globs),
        "output_format": job.output_format,
        "compress": job.compress,
        "include": sorted(o.include),
        "annotate": o.annotate,
        "model": o.model,
        "max_record_bytes": job.max_record_bytes,
        "record_timeout": job.record_timeout,
        "extractor": job.extractor,
    }


def run_shard(shard: Shard, job: Job, pool: Pool, progress: Progress | None = None) -> PartInfo:
    """Extract every record of ``shard`` through ``pool`` into its part; commit it."""
    writer = PartWriter(job.outdir, shard.index, job.output_format, job.compress)
    records = items(shard, job.config, progress.at) if progress else items(shard, job.config)
    try:
        for line, status in pool.rows(records):
            writer.add(line, status)
            if progress is not None:
                progress.row(status)
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def summarise(parts: dict[int, PartInfo], resumed: int, pool: PoolStats | None) -> Summary:
    total = list(parts.values())
    return Summary(
        parts=len(total),
        rows=sum(p.rows for p in total),
        articles=sum(p.articles for p in total),
        skipped=sum(p.skipped for p in total),
        errors=sum(p.errors for p in total),
        resumed=resumed,
        pool=pool,
    )


def prepare(job: Job) -> tuple[list[Shard], dict[str, Any], dict[int, PartInfo]]:
    """The run's shards, identity and the parts OUTDIR already holds."""
    files = expand(job.inputs, job.globs)
    work = shards(files)
    ident = identity(job, files)
    return work, ident, open_outdir(job.outdir, ident, len(work))


def run(job: Job) -> Summary:
    """Do every shard not yet committed in OUTDIR, here, one after another."""
    work, ident, parts = prepare(job)
    resumed = len(parts)
    todo = [s for s in work if s.index not in parts]
    with Pool(job.config, job.workers or default_workers(), job.record_timeout) as pool:
        progress = Progress(sum(s.size for s in todo), quiet=job.quiet)
        try:
            for shard in todo:
                parts[shard.index] = run_shard(shard, job, pool, progress)
                record(job.outdir, ident, len(work), parts)
                progress.shard_done(shard.size)
        finally:
            progress.close()
    record(job.outdir, ident, len(work), parts)
    return summarise(parts, resumed, pool.stats)
