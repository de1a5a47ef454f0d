"""FastWARC 2 against warcio 1.8: records/s reading a generated WARC, and what each does on damage.

In: a WARC written by ``dehusk.batch.warcgen`` from the dev pages (``--pages N``). Out: one line
per reader and case on standard output — records read, MB/s (min of ``--repeat``) and, for the
damaged copies (cut at 60 %, a gzip member overwritten with junk), how many records came out
before it stopped and what it raised. Run: ``.venv/bin/python benchmarks/warc_readers.py``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dehusk.batch.warcgen import dev_pages, write_warc

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench-data" / "wcxb-dev" / "html"


def read_fastwarc(path: str) -> int:
    from fastwarc.warc import ArchiveIterator

    count = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
            _ = record.http_headers, record.record_id, record.stream_pos
            record.reader.read()
            count += 1
    return count


def read_warcio(path: str) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with open(path, "rb") as stream:
        it = ArchiveIterator(stream)
        for record in it:
            _ = record.http_headers, record.rec_headers.get_header("WARC-Record-ID")
            _ = it.get_record_offset()
            record.raw_stream.read()
            count += 1
    return count


READERS: dict[str, Callable[[str], int]] = {"fastwarc": read_fastwarc, "warcio": read_warcio}


def damaged(path: Path, folder: Path) -> dict[str, Path]:
    data = path.read_bytes()
    cut = folder / f"cut-{path.name}"
    cut.write_bytes(data[: len(data) * 6 // 10])
    junk = folder / f"junk-{path.name}"
    middle = len(data) // 2
    junk.write_bytes(data[:middle] + os.urandom(5000) + data[middle + 5000 :])
    return {"truncated at 60%": cut, "5 kB of junk mid-file": junk}


def outcome(reader: Callable[[str], int], path: Path) -> str:
    count = 0

    def counting() -> int:
        nonlocal count
        count = reader(str(path))
        return count

    try:
        counting()
        return f"{count} records, no error"
    except Exception as exc:  # what it raises is the finding
        return f"raised {type(exc).__name__}: {str(exc)[:80]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("bench.warc.gz", "bench.warc"):
            path = folder / name
            write_warc(path, dev_pages(DEV, args.pages))
            size = path.stat().st_size / 1e6
            for reader_name, reader in READERS.items():
                best = float("inf")
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    count = reader(str(path))
                    best = min(best, time.perf_counter() - start)
                print(
                    f"{name:14} {reader_name:9} {count} records  {size / best:7.1f} MB/s  "
                    f"{count / best:8.0f} records/s"
                )
            for case, broken in damaged(path, folder).items():
                for reader_name, reader in READERS.items():
                    print(f"{name:14} {reader_name:9} {case}: {outcome(reader, broken)}")


if __name__ == "__main__":
    main()
