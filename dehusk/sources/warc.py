"""WARC archives in, one ``WarcEntry`` per response, resource and revisit record out.

In: the path of a WARC file (plain or gzip per record; FastWARC detects which). Out:
``read_warc(path, max_bytes)`` streams ``WarcEntry`` values — where the record starts in
the file (``offset``, in compressed bytes for ``.warc.gz``), its ID, type, target URI,
``WARC-Date``, ``WARC-Truncated`` and its block (the HTTP message of a ``response``, the
document of a ``resource``), read into memory one record at a time and never past
``max_bytes`` (a larger block gives ``block=None``, and the reader skips it unread).
``request``, ``metadata``, ``warcinfo``, ``conversion`` and ``continuation`` records are
passed over: they describe pages, they are not pages.

Damage is not silent: FastWARC stops quietly when a ``.warc.gz`` ends in the middle of a
gzip member or a plain WARC in the middle of a header, so the reader checks what it was
given — a block shorter than its ``Content-Length``, a record without its mandatory
headers, bytes left after the last whole record — and raises ``DamagedArchive`` (with the
offset it got to) after yielding every record before the damage.

``http_payload(block, limit)`` turns a response block into ``HttpPayload``: status, media
type, the ``Content-Type`` charset (for ``dehusk.extract(encoding=...)``) and the body with
chunked transfer coding and ``Content-Encoding`` (gzip, deflate, br) undone, bounded by
``limit`` after decoding, so a decompression bomb is refused with ``InputTooLarge``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Literal

from dehusk.errors import DecodeError, InputTooLarge
from dehusk.sources.inflate import deflate_format, inflate

__all__ = [
    "HTML_TYPES",
    "DamagedArchive",
    "HttpPayload",
    "WarcEntry",
    "http_payload",
    "is_warc",
    "read_warc",
]

Kind = Literal["response", "resource", "revisit"]
#: The record types that stand for a page; each becomes one row.
ROW_TYPES: dict[str, Kind] = {"response": "response", "resource": "resource", "revisit": "revisit"}
#: Media types that are pages; anything else (PDF, images, JSON) is skipped, not extracted.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_MANDATORY = ("WARC-Record-ID", "WARC-Date", "Content-Length")
_CHUNK = 1 << 16


class DamagedArchive(DecodeError):
    """A WARC that is truncated or corrupt; ``offset`` is how far it could be read."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class WarcEntry:
    """One page-like record: where it is, what it says about itself, and its block."""

    offset: int
    record_id: str
    kind: Kind
    url: str | None
    date: str | None
    truncated: str | None
    content_type: str
    size: int
    block: bytes | None  # None: larger than the limit, not read


@dataclass(frozen=True, slots=True)
class HttpPayload:
    """A decoded HTTP response: status, media type (lowercase), charset and body."""

    status: int
    media_type: str
    charset: str | None
    body: bytes


def is_warc(path: str | Path) -> bool:
    """Whether a file name says WARC (``.warc``, ``.warc.gz``)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def _read_block(record: object, size: int, max_bytes: int) -> tuple[bytes | None, int]:
    """The block (or None past ``max_bytes``) and how many bytes the archive really held."""
    reader = record.reader  # type: ignore[attr-defined]
    if size > max_bytes:
        return None, int(reader.consume())
    block: bytes = reader.read(size)
    return block, len(block)


def read_warc(path: str | Path, max_bytes: int) -> Iterator[WarcEntry]:
    """Each response/resource/revisit record of the WARC at ``path``, in file order.

    Raises ``DamagedArchive`` where the file stops being a WARC (after the records before),
    ``OSError`` when it cannot be opened.
    """
    from fastwarc.warc import ArchiveIterator

    offset, end = 0, 0
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream, parse_http=False)
        try:
            for record in records:
                offset = record.stream_pos
                headers = record.headers
                missing = [h for h in _MANDATORY if h not in headers]
                if missing:
                    raise DamagedArchive(f"record without {', '.join(missing)}", offset)
                size = record.content_length
                kind = ROW_TYPES.get(headers.get("WARC-Type") or "")
                if kind is None:
                    got = record.reader.consume()
                    block = None
                else:
                    block, got = _read_block(record, size, max_bytes)
                if got < size:
                    raise DamagedArchive(f"archive ends inside the record at {offset}", offset)
                end = offset
                if kind is not None:
                    yield WarcEntry(
                        offset=offset,
                        record_id=headers.get("WARC-Record-ID") or "",
                        kind=kind,
                        url=headers.get("WARC-Target-URI"),
                        date=headers.get("WARC-Date"),
                        truncated=headers.get("WARC-Truncated"),
                        content_type=headers.get("Content-Type") or "",
                        size=size,
                        block=block,
                    )
        except OSError as exc:  # FastWARC's word for a header it cannot parse
            raise DamagedArchive(f"corrupt WARC after offset {offset}: {exc}", offset) from exc
    _check_tail(Path(path), end)


def _check_tail(path: Path, last: int) -> None:
    """Raise ``DamagedArchive`` when bytes follow the last whole record (a cut-off one)."""
    with path.open("rb") as stream:
        stream.seek(last)
        head = stream.read(2)
        stream.seek(last)
        if head == b"\x1f\x8b":  # one gzip member per record: the next member must not exist
            engine = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = stream.read(_CHUNK)
            while data and not engine.eof:
                engine.decompress(data, _CHUNK)  # the output is not needed: bounded steps
                data = engine.unconsumed_tail or stream.read(_CHUNK)
            rest = engine.unused_data + stream.read(_CHUNK)
        else:
            rest = _after_plain_record(stream)
    if rest.strip(b"\r\n\x00"):
        raise DamagedArchive(f"archive is cut off after the record at {last}", last)


def _after_plain_record(stream: object) -> bytes:
    """What follows the uncompressed record that starts at the stream's position."""
    read = stream.read  # type: ignore[attr-defined]
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = read(_CHUNK)
        if not chunk:
            return head
        head += chunk
    header, _, body = head.partition(b"\r\n\r\n")
    try:
        length = int(_headers(header.partition(b"\n")[2]).get("Content-Length", "0"))
    except ValueError:  # "38llo" (found by fuzz/run.py warc): not a record, so damage
        return head
    skip = length - len(body)
    if skip > 0:
        stream.seek(skip, 1)  # type: ignore[attr-defined]
        return bytes(read(_CHUNK))
    return body[length:] + bytes(read(_CHUNK))


# --- HTTP messages inside response records ----------------------------------------------


def _headers(head: bytes) -> Message:
    """Header lines (CRLF or bare LF) as a case-insensitive ``Message``; others ignored."""
    message = Message()
    for line in head.split(b"\n"):
        name, sep, value = line.decode("latin-1").partition(":")
        if sep:
            message[name.strip()] = value.strip()
    return message


def _dechunk(body: bytes, limit: int) -> bytes:
    """``Transfer-Encoding: chunked`` undone; a cut-off last chunk keeps what arrived."""
    out, pos, size = [], 0, 0
    while pos < len(body):
        line_end = body.find(b"\r\n", pos)
        if line_end < 0:
            break
        try:
            length = int(body[pos:line_end].split(b";")[0].strip() or b"0", 16)
        except ValueError:
            raise DecodeError("corrupt chunked transfer coding") from None
        if length == 0:
            break
        size += length
        if size > limit:
            raise InputTooLarge(f"body is larger than the limit of {limit} bytes")
        out.append(body[line_end + 2 : line_end + 2 + length])
        pos = line_end + 2 + length + 2
    return b"".join(out)


def _unbrotli(body: bytes, limit: int) -> bytes:
    try:
        import brotli
    except ImportError:
        raise DecodeError("br content encoding needs the brotli package") from None
    engine = brotli.Decompressor()
    out, size, step = [], 0, 1 << 20
    try:
        chunk = engine.process(body, output_buffer_limit=step)
        while True:
            size += len(chunk)
            if size > limit:
                raise InputTooLarge(f"decompressed size exceeds the limit of {limit} bytes")
            out.append(chunk)
            if engine.is_finished():
                break
            chunk = engine.process(b"", output_buffer_limit=step)
            if not chunk and not engine.is_finished():  # wants input that never came
                raise DecodeError("truncated br data: the stream ends before its end")
    except brotli.error as exc:
        raise DecodeError(f"corrupt br data: {exc}") from exc
    return b"".join(out)


def _decode_content(body: bytes, coding: str, limit: int) -> bytes:
    for name in reversed([c.strip().lower() for c in coding.split(",") if c.strip()]):
        if name in ("gzip", "x-gzip"):
            body = inflate([body], limit, "gzip")
        elif name == "deflate":
            body = inflate([body], limit, deflate_format(body[:2]))
        elif name == "br":
            body = _unbrotli(body, limit)
        elif name != "identity":
            raise DecodeError(f"unknown content encoding {name!r}")
    return body


def http_payload(block: bytes, limit: int) -> HttpPayload:
    """The HTTP response in a ``response`` block, its body decoded and at most ``limit`` bytes."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    status_line, _, rest = head.partition(b"\n")
    parts = status_line.split()
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
        raise DecodeError("response record without an HTTP status line")
    headers = _headers(rest)
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        body = _dechunk(body, limit)
    body = _decode_content(body, headers.get("Content-Encoding", ""), limit)
    if len(body) > limit:
        raise InputTooLarge(f"body is larger than the limit of {limit} bytes")
    media, charset = media_type(headers.get("Content-Type", ""))
    return HttpPayload(int(parts[1]), media, charset, body)


def media_type(value: str) -> tuple[str, str | None]:
    """``"text/html; charset=UTF-8"`` as ``("text/html", "UTF-8")``."""
    message = Message()
    message["Content-Type"] = value or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None
