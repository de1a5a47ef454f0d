"""Rows as Parquet (``--output-format parquet``), with one fixed schema for every part.

In: row lines (JSON, as the workers make them), a batch at a time. Out: one Parquet file
per part, written with ``pyarrow`` row group by row group (never the whole part in memory).

The schema is fixed, not inferred: inferred per part, a part whose rows all lack a date
would type ``published`` as null and the parts would not read as one dataset. Nested
values keep their shape (``blocks`` and ``images`` are lists of structs); ``source``, whose
keys differ by input kind (``{file, offset, record_id}``, a path, ``{file, line}``), is one
struct ``{file, offset, record_id, line}`` with the unused fields null (a page file's path
is ``file``). Parquet needs ``pip install 'dehusk[batch]'`` (pyarrow).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dehusk.article import NULLABLE_FACTS

_STR, _INT = pa.string(), pa.int64()
_LIST = pa.list_(_STR)
BLOCK = pa.struct(
    [
        ("label", _STR),
        ("text", _STR),
        ("main", pa.bool_()),
        ("level", _INT),
        ("ordered", pa.bool_()),
        ("rows", pa.list_(_LIST)),
        ("duplicate_of", _INT),
        ("score", pa.float64()),
        ("locator", _STR),
        ("links", pa.list_(pa.struct([("start", _INT), ("end", _INT), ("href", _STR)]))),
    ]
)
IMAGE = pa.struct(
    [("src", _STR), ("alt", _STR), ("caption", _STR), ("credit", _STR), ("position", _INT)]
)
SOURCE = pa.struct([("file", _STR), ("offset", _INT), ("record_id", _STR), ("line", _INT)])
SCHEMA = pa.schema(
    [
        ("url", _STR),
        ("canonical_url", _STR),
        ("title", _STR),
        ("authors", _LIST),
        ("author_bios", _LIST),
        *((name, _STR) for name in NULLABLE_FACTS),
        ("tags", _LIST),
        ("page_type", _STR),
        ("images", pa.list_(IMAGE)),
        ("text", _STR),
        ("blocks", pa.list_(BLOCK)),
        ("warnings", _LIST),
        ("source", SOURCE),
        ("fetched", _STR),
        ("skipped", _STR),
        ("error", _STR),
    ]
)


def _row(line: str) -> dict[str, Any]:
    row: dict[str, Any] = json.loads(line)
    if isinstance(row["source"], str):
        row["source"] = {"file": row["source"]}
    return row


def append(writer: pq.ParquetWriter | None, path: Path, lines: list[str]) -> pq.ParquetWriter:
    """Write ``lines`` as one row group to ``path`` (opening the writer the first time)."""
    if writer is None:
        writer = pq.ParquetWriter(path, SCHEMA, compression="zstd")
    if lines:
        writer.write_table(pa.Table.from_pylist([_row(line) for line in lines], schema=SCHEMA))
    return writer


def close(writer: pq.ParquetWriter | None, path: Path) -> None:
    (writer or append(None, path, [])).close()
