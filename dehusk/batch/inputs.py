"""What a batch run reads: inputs as given → files → shards → the records of a shard.

In: the ``INPUT`` arguments (WARC files, JSON Lines files, page files, directories) and a
glob list. Out: ``expand(...)`` — every file, in a fixed order (each input in the order
given; a directory walked recursively, sorted, hidden entries skipped, its files matched
against the globs); ``shards(files)`` — the units of work and of output: one per WARC or
JSON Lines file, and one per run of up to ``group`` consecutive page files (so a folder of
10,000 pages is 10 parts, not 10,000); ``items(shard, config)`` — the shard's records as
``Task`` values for the workers, or rows already made for those whose WARC headers say
enough (a revisit, a truncated or too large record) and for files that cannot be read.

A damaged WARC gives its records up to the damage, then one ``error`` row for the file
(``source.offset`` says where), and the run goes on.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dehusk.batch.rows import Config, Task, empty_row, message, resource_mode
from dehusk.sources.jsonl import read_jsonl
from dehusk.sources.warc import DamagedArchive, WarcEntry, is_warc, read_warc

Kind = Literal["warc", "jsonl", "page"]
#: ``--glob`` default: what a directory holds that is worth reading.
DEFAULT_GLOBS = (
    "*.html",
    "*.htm",
    "*.html.gz",
    "*.htm.gz",
    "*.warc",
    "*.warc.gz",
    "*.jsonl",
    "*.jsonl.gz",
    "*.ndjson",
    "*.ndjson.gz",
)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
#: Page files per shard: large enough that parts are few, small enough to resume cheaply.
GROUP = 1000


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    kind: Kind
    size: int


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work and one part file: a WARC, a JSON Lines file, or a run of pages."""

    index: int
    files: tuple[InputFile, ...]

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


def kind_of(path: str) -> Kind:
    name = path.lower()
    if is_warc(name):
        return "warc"
    return "jsonl" if name.endswith(JSONL_SUFFIXES) else "page"


def _walk(folder: Path, globs: Sequence[str]) -> Iterator[Path]:
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, globs)
        elif any(fnmatch.fnmatch(entry.name.lower(), g.lower()) for g in globs):
            yield entry


def expand(inputs: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS) -> list[InputFile]:
    """Every file the inputs stand for, in order. ``FileNotFoundError`` for a missing input."""
    files: list[InputFile] = []
    for given in inputs:
        path = Path(given)
        if not path.exists():
            raise FileNotFoundError(f"no such file or directory: {given}")
        found = _walk(path, globs) if path.is_dir() else iter([path])
        files.extend(InputFile(str(p), kind_of(str(p)), p.stat().st_size) for p in found)
    return files


def shards(files: Sequence[InputFile], group: int = GROUP) -> list[Shard]:
    """The files cut into shards: each archive alone, page files ``group`` at a time."""
    out: list[Shard] = []
    pages: list[InputFile] = []

    def flush() -> None:
        if pages:
            out.append(Shard(len(out), tuple(pages)))
            pages.clear()

    for file in files:
        if file.kind == "page":
            pages.append(file)
            if len(pages) >= group:
                flush()
            continue
        flush()
        out.append(Shard(len(out), (file,)))
    flush()
    return out


def _warc_item(entry: WarcEntry, file: str, config: Config) -> Task | dict[str, Any]:
    source = {"file": file, "offset": entry.offset, "record_id": entry.record_id}
    url, fetched = entry.url, entry.date
    if entry.kind == "revisit":
        return empty_row(source, url, fetched, skipped="revisit")
    if entry.truncated:
        return empty_row(source, url, fetched, skipped=f"truncated: {entry.truncated}")
    if entry.block is None:
        error = f"record of {entry.size} bytes is over --max-record-bytes {config.max_record_bytes}"
        return empty_row(source, url, fetched, error=error)
    if entry.kind == "response":
        return Task(source, url, fetched, "http", entry.block)
    skip, charset = resource_mode(entry.content_type)
    if skip:
        return empty_row(source, url, fetched, skipped=skip)
    return Task(source, url, fetched, "html", entry.block, charset)


Seen = Callable[[int], None]


def _warc_items(path: str, config: Config, at: Seen) -> Iterator[Task | dict[str, Any]]:
    try:
        for entry in read_warc(path, config.max_record_bytes):
            at(entry.offset)
            yield _warc_item(entry, path, config)
    except DamagedArchive as exc:
        source = {"file": path, "offset": exc.offset, "record_id": None}
        yield empty_row(source, None, None, error=f"damaged archive: {exc}")
    except OSError as exc:
        yield empty_row(
            {"file": path, "offset": 0, "record_id": None}, None, None, error=message(exc)
        )


def _jsonl_items(path: str, config: Config) -> Iterator[Task | dict[str, Any]]:
    try:
        for record in read_jsonl(path, config.max_record_bytes):
            line = int(record.name.rsplit(":", 1)[1])
            source = {"file": path, "line": line}
            if record.error is not None:
                yield empty_row(source, record.url, None, error=record.error)
            elif record.text is not None:
                yield Task(source, record.url, None, "text", record.text)
            else:
                yield Task(source, record.url, None, "html", record.html)
    except OSError as exc:
        yield empty_row({"file": path, "line": 0}, None, None, error=message(exc))


def _nowhere(position: int) -> None:
    pass


def _shifted(at: Seen, base: int) -> Seen:
    return lambda offset: at(base + offset)


def items(shard: Shard, config: Config, at: Seen = _nowhere) -> Iterator[Task | dict[str, Any]]:
    """Every record of ``shard``, in file order, as a task or a finished row.

    ``at`` hears how many bytes of the shard's files the reader has passed (for progress).
    """
    base = 0
    for file in shard.files:
        if file.kind == "warc":
            yield from _warc_items(file.path, config, _shifted(at, base))
        elif file.kind == "jsonl":
            yield from _jsonl_items(file.path, config)
        else:
            yield Task(file.path, None, None, "path")
        base += file.size
        at(base)
