"""The ``dehusk batch`` subcommand: its arguments, and the run they ask for.

In: ``add_parser(commands, ...)`` adds ``batch`` to the ``dehusk`` parser (``dehusk.cli``
passes its argument types in, so this module never imports the CLI); ``run_batch(args)``
builds the ``Job`` and runs it here or on Dask. Out: the exit status — 0 when every record
has its row (error rows included), 1 when the run could not finish (an input missing, the
output folder unusable), 2 when OUTDIR holds another run (other inputs or options).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dehusk.article import Options
from dehusk.batch.inputs import DEFAULT_GLOBS
from dehusk.batch.parts import RunMismatch
from dehusk.batch.runner import MAX_RECORD_BYTES, RECORD_TIMEOUT, Job, Summary, run

Parse = Callable[[str], Any]


def add_parser(commands: Any, byte_size: Parse, include_list: Parse, seconds: Parse) -> None:
    cmd = commands.add_parser(
        "batch",
        help="extract a corpus (WARC, folders, JSON Lines) into parts in a folder",
        description="Extract every record of the inputs into OUTDIR: part files (one per "
        "WARC or JSON Lines file, or per 1000 pages) and _manifest.json. Run the same "
        "command again to resume after a stop; a finished run is left as it is.",
    )
    cmd.add_argument("inputs", nargs="+", metavar="INPUT", help="WARC, JSONL, page files, folders")
    cmd.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder")
    cmd.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="file names to take from folders (repeatable; default: HTML, .html.gz, "
        "WARC and JSON Lines)",
    )
    cmd.add_argument("--output-format", choices=("jsonl", "parquet"), default="jsonl")
    cmd.add_argument("--compress", action="store_true", help="gzip the JSON Lines parts")
    cmd.add_argument("--workers", type=int, default=0, help="worker processes (default: all cores)")
    cmd.add_argument(
        "--record-timeout",
        type=seconds,
        default=RECORD_TIMEOUT,
        metavar="SECONDS",
        help=f"a record taking longer is an error row (default {RECORD_TIMEOUT:g})",
    )
    cmd.add_argument(
        "--max-record-bytes",
        type=byte_size,
        default=MAX_RECORD_BYTES,
        metavar="SIZE",
        help="a larger record, before or after decompression, is an error row (default 64M)",
    )
    cmd.add_argument("--include", type=include_list, default=frozenset(), metavar="PARTS")
    cmd.add_argument("--annotate", action="store_true", help="blocks carry score and locator")
    cmd.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="run on a Dask cluster: its scheduler address, or 'local' for a LocalCluster",
    )
    cmd.add_argument("-q", "--quiet", action="store_true", help="no progress bar (for logs)")
    cmd.set_defaults(run=run_batch)


def job_from(args: argparse.Namespace) -> Job:
    options = Options.make(include=args.include, annotate=args.annotate)
    return Job(
        inputs=tuple(args.inputs),
        outdir=Path(args.output),
        options=options,
        globs=tuple(args.glob or DEFAULT_GLOBS),
        output_format=args.output_format,
        compress=args.compress,
        record_timeout=args.record_timeout,
        max_record_bytes=args.max_record_bytes,
        workers=max(0, args.workers),
        quiet=args.quiet,
    )


def report(summary: Summary, outdir: Path) -> str:
    resumed = f", {summary.resumed} resumed" if summary.resumed else ""
    return (
        f"dehusk: {outdir}: {summary.rows} rows in {summary.parts} parts{resumed} "
        f"({summary.articles} articles, {summary.skipped} skipped, {summary.errors} errors)"
    )


def run_batch(args: argparse.Namespace) -> int:
    job = job_from(args)
    try:
        if args.dask:
            from dehusk.batch.distributed import run_dask

            summary = run_dask(job, args.dask)
        else:
            summary = run(job)
    except RunMismatch as exc:
        print(f"dehusk: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"dehusk: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:  # the batch extra is not installed
        print(f"dehusk: batch needs pip install 'dehusk[batch]' ({exc})", file=sys.stderr)
        return 1
    if not job.quiet:
        print(report(summary, job.outdir), file=sys.stderr)
    return 0
