"""Bounded decompression, shared by files (``.gz``) and HTTP (``Content-Encoding``).

In: compressed bytes as an iterable of chunks, a format (``gzip``, ``zlib`` or ``raw``
deflate) and a limit. Out: the decompressed bytes. Raises ``InputTooLarge`` as soon as
the output would pass the limit — a decompression bomb (100 MB of zeros gzip to 100 KB)
costs at most ``limit`` bytes of memory and stops early — and ``DecodeError`` for a
truncated or corrupt stream.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Literal

from dehusk.errors import DecodeError, InputTooLarge

Format = Literal["gzip", "zlib", "raw"]

GZIP_MAGIC = b"\x1f\x8b"

#: zlib ``wbits`` for each format (see the zlib manual, ``inflateInit2``).
_WBITS: dict[str, int] = {
    "gzip": 16 + zlib.MAX_WBITS,
    "zlib": zlib.MAX_WBITS,
    "raw": -zlib.MAX_WBITS,
}

#: Output produced per decompress call: small enough that a bomb is caught early.
_STEP = 1 << 20


def is_gzip(head: bytes) -> bool:
    """Whether bytes start with the gzip magic number."""
    return head.startswith(GZIP_MAGIC)


def deflate_format(head: bytes) -> Format:
    """``zlib`` when ``head`` starts with a zlib header, else ``raw``.

    HTTP's ``deflate`` means zlib-wrapped data, but some servers send raw deflate; the
    two-byte zlib header (method 8, checksum divisible by 31) tells them apart.
    """
    if len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0:
        return "zlib"
    return "raw"


class _Sink:
    """Collects output and refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise InputTooLarge(f"decompressed size exceeds the limit of {self.limit} bytes")
        self.parts.append(data)


def _feed(engine: zlib._Decompress, data: bytes, sink: _Sink) -> None:
    """Decompress ``data`` into ``sink`` step by step (never more than ``_STEP`` at once)."""
    while data:
        sink.add(engine.decompress(data, _STEP))
        data = engine.unconsumed_tail


def inflate(chunks: Iterable[bytes], limit: int, fmt: Format = "gzip") -> bytes:
    """Decompress ``chunks`` (one stream; gzip may hold several members) up to ``limit``.

    Raises ``InputTooLarge`` past ``limit`` output bytes, ``DecodeError`` when the stream
    is corrupt or ends before its end marker (a truncated download or file).
    """
    sink = _Sink(limit)
    engine = zlib.decompressobj(_WBITS[fmt])
    try:
        for chunk in chunks:
            _feed(engine, chunk, sink)
            # A gzip file may be several members back to back (``cat a.gz b.gz``).
            while fmt == "gzip" and engine.eof and engine.unused_data.strip(b"\x00"):
                # Zero padding after the last member is tolerated, as gzip(1) does.
                rest = engine.unused_data
                engine = zlib.decompressobj(_WBITS[fmt])
                _feed(engine, rest, sink)
        sink.add(engine.flush())
    except zlib.error as exc:
        raise DecodeError(f"corrupt {fmt} data: {exc}") from exc
    if not engine.eof:
        raise DecodeError(f"truncated {fmt} data: the stream ends before its end marker")
    return b"".join(sink.parts)
