"""JSON Lines input: one page per line, ``{"url": …, "text": …}`` (or ``"html"``).

In: a path (plain or gzip) or standard input. Out: ``Record`` values, streamed one line at a
time (a crawl dump is larger than memory), each with its line number; a line that is not a
JSON object with a string ``text`` or ``html`` gives a ``Record`` whose ``error`` says why,
so one bad line never stops the others.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dehusk.sources.inflate import GZIP_MAGIC, is_gzip

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Record:
    """One line of a JSON Lines input: its page (``text`` or ``html``) and URL, or an error."""

    name: str
    url: str | None = None
    text: str | None = None
    html: str | None = None
    error: str | None = None


def parse_record(name: str, line: bytes | str, max_bytes: int) -> Record:
    """One JSON Lines line as a ``Record`` (an error record when it is not a page)."""
    if len(line) > max_bytes:
        return Record(name, error=f"line is larger than the limit of {max_bytes} bytes")
    try:
        value = json.loads(line)
    except ValueError as exc:
        return Record(name, error=f"not JSON: {exc}")
    if not isinstance(value, dict):
        return Record(name, error="not a JSON object")
    url = value.get("url")
    url = url if isinstance(url, str) and url else None
    text, html = value.get("text"), value.get("html")
    if isinstance(text, str):
        return Record(name, url=url, text=text)
    if isinstance(html, str):
        return Record(name, url=url, html=html)
    return Record(name, url=url, error='no "text" or "html" string')


def _open(spec: str) -> IO[bytes]:
    if spec == STDIN:
        stream: IO[bytes] = sys.stdin.buffer
        return stream
    raw = Path(spec).open("rb")  # noqa: SIM115 - closed by read_jsonl
    head = raw.read(len(GZIP_MAGIC))
    raw.seek(0)
    if is_gzip(head):
        return gzip.open(raw, "rb")  # type: ignore[return-value]
    return raw


def read_jsonl(spec: str, max_bytes: int) -> Iterator[Record]:
    """The records of a JSON Lines file (or ``-``), one at a time; blank lines skipped.

    Raises ``OSError`` when the file cannot be opened; a corrupt gzip stream ends the
    records with one error record.
    """
    stream = _open(spec)
    try:
        number = 0
        while True:
            try:
                line = stream.readline(max_bytes + 2)
            except (OSError, EOFError) as exc:
                yield Record(f"{spec}:{number + 1}", error=f"cannot read: {exc}")
                return
            if not line:
                return
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                _skip_rest(stream)
            if line.strip():
                yield parse_record(f"{spec}:{number}", line, max_bytes)
    finally:
        if spec != STDIN:
            stream.close()


def _skip_rest(stream: IO[bytes]) -> None:
    """Read past the rest of an over-long line."""
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return
