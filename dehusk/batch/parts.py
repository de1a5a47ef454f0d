"""The output folder: part files committed by atomic rename, and ``_manifest.json``.

In: an OUTDIR path (any name, ``x.jsonl`` included: it is a folder), the run's identity
(inputs and the options that shape rows) and, shard by shard, rows. Out, in OUTDIR:

- ``part-NNNNN.jsonl`` (``.jsonl.gz`` with ``compress``, ``.parquet`` for Parquet), one
  per shard, NNNNN the shard's index — the name is fixed by the work, not by who does it,
  so a task done twice (a Dask retry, a resumed run) writes the same file again, never a
  second one;
- ``_manifest.json``: the run's identity and fingerprint, and each committed part with its
  counts (rows, articles, skipped, errors); ``complete`` once every shard is in.

A part is written to ``_tmp/`` under a name without ``jsonl`` in it, flushed to disk, then
renamed into place (atomic on one file system); only after that is it recorded in the
manifest, itself replaced atomically. A kill at any moment leaves either a recorded part
or nothing that counts: ``open_outdir`` drops ``_tmp/`` and every part file the manifest
does not record, so a restarted run redoes exactly the shards that were not committed.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Literal

from dehusk.batch.rows import Status

Format = Literal["jsonl", "parquet"]
MANIFEST = "_manifest.json"
TMP = "_tmp"
VERSION = 1


class RunMismatch(Exception):
    """OUTDIR holds another run (other inputs or options): resuming it would mix them."""


@dataclass(frozen=True, slots=True)
class PartInfo:
    """A committed part: its file name, shard and counts."""

    name: str
    shard: int
    rows: int
    articles: int
    skipped: int
    errors: int


def part_name(shard: int, fmt: Format, compress: bool) -> str:
    suffix = ".parquet" if fmt == "parquet" else ".jsonl.gz" if compress else ".jsonl"
    return f"part-{shard:05d}{suffix}"


def fingerprint(identity: dict[str, Any]) -> str:
    text = json.dumps(identity, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _write_json(path: Path, value: Any) -> None:
    tmp = path.with_name(path.name + ".new")
    with tmp.open("w", encoding="utf-8") as out:
        json.dump(value, out, indent=1, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_manifest(outdir: Path) -> dict[str, Any] | None:
    path = outdir / MANIFEST
    if not path.exists():
        return None
    value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return value


def _differences(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return ", ".join(keys) or "the dehusk version"


def open_outdir(outdir: Path, identity: dict[str, Any], shards: int) -> dict[int, PartInfo]:
    """Make or reopen OUTDIR for the run ``identity``; the parts already committed.

    Raises ``RunMismatch`` when OUTDIR holds a run of other inputs or options, or is a
    non-empty folder that is no run's output (never overwrite what is not ours).
    """
    if outdir.exists() and not outdir.is_dir():
        raise RunMismatch(f"{outdir} is a file, not an output folder")
    outdir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(outdir)
    key = fingerprint(identity)
    if manifest is None:
        # Ours even so: a first run killed before its manifest was in place.
        if any(p.name not in (TMP, MANIFEST + ".new") for p in outdir.iterdir()):
            raise RunMismatch(f"{outdir} is not empty and holds no {MANIFEST}; choose a new folder")
        _write_json(outdir / MANIFEST, _manifest(identity, key, shards, {}, False))
        return {}
    if manifest.get("fingerprint") != key:
        changed = _differences(manifest.get("identity", {}), identity)
        raise RunMismatch(
            f"{outdir} holds a run with other inputs or options (differs in: {changed}); "
            "rerun the same command to resume it, or choose a new output folder"
        )
    parts = {int(k): PartInfo(**v) for k, v in manifest.get("parts", {}).items()}
    _drop_uncommitted(outdir, {p.name for p in parts.values()})
    return parts


def _drop_uncommitted(outdir: Path, committed: set[str]) -> None:
    shutil.rmtree(outdir / TMP, ignore_errors=True)
    for path in outdir.glob("part-*"):
        if path.name not in committed:
            path.unlink()


def _manifest(
    identity: dict[str, Any], key: str, shards: int, parts: dict[int, PartInfo], complete: bool
) -> dict[str, Any]:
    totals = {
        f: sum(getattr(p, f) for p in parts.values())
        for f in ("rows", "articles", "skipped", "errors")
    }
    return {
        "version": VERSION,
        "fingerprint": key,
        "identity": identity,
        "shards": shards,
        "complete": complete,
        "totals": totals,
        "parts": {str(k): asdict(v) for k, v in sorted(parts.items())},
    }


def record(outdir: Path, identity: dict[str, Any], shards: int, parts: dict[int, PartInfo]) -> None:
    """Write the manifest with ``parts`` committed (``complete`` when all shards are)."""
    complete = len(parts) == shards
    _write_json(
        outdir / MANIFEST, _manifest(identity, fingerprint(identity), shards, parts, complete)
    )
    if complete:
        shutil.rmtree(outdir / TMP, ignore_errors=True)


class PartWriter:
    """Rows of one shard into ``_tmp/``, then ``commit`` renames the file into OUTDIR."""

    def __init__(self, outdir: Path, shard: int, fmt: Format, compress: bool) -> None:
        self.outdir, self.shard, self.fmt = outdir, shard, fmt
        self.name = part_name(shard, fmt, compress)
        (outdir / TMP).mkdir(exist_ok=True)
        # Unique per attempt: two attempts at one shard (a Dask retry) never share a file.
        self.tmp = outdir / TMP / f"{shard:05d}-{uuid.uuid4().hex}.partial"
        self.counts = {"ok": 0, "skipped": 0, "error": 0}
        self._rows: list[str] = []  # Parquet: rows waiting for their row group
        self._parquet: Any = None  # Parquet: the pyarrow writer, once opened
        self._file: IO[bytes] | None = None
        if fmt == "jsonl":
            self._raw: IO[bytes] = self.tmp.open("wb")
            packed = gzip.GzipFile(fileobj=self._raw, mode="wb", mtime=0) if compress else None
            self._file = packed or self._raw  # type: ignore[assignment]

    def add(self, line: str, status: Status) -> None:
        self.counts[status] += 1
        if self._file is not None:
            self._file.write(line.encode())
        else:
            self._rows.append(line)
            if len(self._rows) >= 1000:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        from dehusk.batch.parquet import append

        self._parquet = append(self._parquet, self.tmp, self._rows)
        self._rows = []

    def commit(self) -> PartInfo:
        """Flush, fsync and rename the part into OUTDIR; its ``PartInfo`` for the manifest."""
        if self._file is not None:
            self._file.close()
            if self._raw is not self._file:
                self._raw.close()
        else:
            self._flush_parquet()
            from dehusk.batch.parquet import close

            close(self._parquet, self.tmp)
        with self.tmp.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(self.tmp, self.outdir / self.name)
        _sync_dir(self.outdir)
        c = self.counts
        rows = c["ok"] + c["skipped"] + c["error"]
        return PartInfo(self.name, self.shard, rows, c["ok"], c["skipped"], c["error"])

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            if self._file is not None:
                self._file.close()
            self.tmp.unlink()
