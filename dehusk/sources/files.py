"""Read one input — a file, standard input or a URL — as bytes, bounded.

In: an input spec as the user typed it (``page.html``, ``page.html.gz``, ``-``,
``https://…``) and limits. Out: ``Source`` — a display name, the bytes, the page URL
and the charset known from outside the bytes (HTTP or the user), ready for
``dehusk.extract(source.data, source.url, encoding=source.encoding)``.

Gzip is recognised by its magic number, not the file name, so ``page.html.gz``, a gzip
file without the suffix and gzip on standard input all work; it is decompressed with a
bound (``dehusk.sources.inflate``). Errors: ``InputTooLarge`` over ``max_bytes`` (before
or after decompression), ``DecodeError`` for a truncated or corrupt gzip, ``FetchError``
for URLs, and ``OSError`` subclasses for the file system (``FileNotFoundError``,
``IsADirectoryError``, ``PermissionError``) — those are the caller's to report.
"""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dehusk.errors import InputTooLarge
from dehusk.sources.inflate import GZIP_MAGIC, inflate, is_gzip
from dehusk.sources.url import DEFAULT_MAX_BYTES, fetch

#: ``scheme://`` — anything like it is a URL (``fetch`` refuses schemes other than http(s)).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CHUNK = 1 << 20
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input, read: its name as given, bytes, page URL and outside charset (or None)."""

    name: str
    data: bytes
    url: str | None = None
    encoding: str | None = None


def is_url(spec: str) -> bool:
    """Whether an input spec names a URL (``scheme://…``) rather than a path."""
    return _URL.match(spec) is not None


def _chunks(stream: BinaryIO, first: bytes) -> Iterator[bytes]:
    """``first``, then the rest of ``stream`` in chunks."""
    yield first
    while chunk := stream.read(_CHUNK):
        yield chunk


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of ``stream``, gunzipped if it is gzip, never more than ``max_bytes``."""
    head = stream.read(len(GZIP_MAGIC))
    if is_gzip(head):
        return inflate(_chunks(stream, head), max_bytes, "gzip")
    # One byte over the limit is enough to know it is too large.
    data = head + stream.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        raise InputTooLarge(f"input is larger than the limit of {max_bytes} bytes")
    return data


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at ``path`` (gunzipped when gzip), at most ``max_bytes``.

    Raises ``IsADirectoryError`` for a directory (with a message saying so),
    ``FileNotFoundError``/``PermissionError`` as the system reports them,
    ``InputTooLarge`` and ``DecodeError`` as in the module docstring.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a page", str(path))
    with path.open("rb") as stream:
        return _read_limited(stream, max_bytes)


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None) -> bytes:
    """Standard input's bytes (or ``stream``'s), gunzipped when gzip, at most ``max_bytes``."""
    return _read_limited(stream or sys.stdin.buffer, max_bytes)


def read_input(
    spec: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 10.0,
    url: str | None = None,
    encoding: str | None = None,
    allow_private: bool = True,
) -> Source:
    """Read the input ``spec`` names: ``-`` is standard input, ``scheme://…`` a URL, else a path.

    ``url`` is the page's URL for a file or stdin (to resolve its links); for a URL input
    the final URL after redirects is used instead. ``encoding`` (the user's) wins over the
    charset the server declares. ``timeout`` bounds a URL fetch in total. The user's own
    inputs may name any address (as curl's do); ``allow_private=False`` guards them.
    """
    if spec == STDIN:
        return Source(spec, read_stdin(max_bytes), url, encoding)
    if is_url(spec):
        page = fetch(spec, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
        return Source(spec, page.body, page.url, encoding or page.charset)
    return Source(spec, read_path(spec, max_bytes), url, encoding)
