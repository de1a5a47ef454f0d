"""``dehusk.sources.files``: plain and gzip files, bombs, truncation, directories, stdin."""

from __future__ import annotations

import gzip
import io
import time
import zlib
from pathlib import Path

import pytest

from dehusk.errors import DecodeError, FetchError, InputTooLarge
from dehusk.sources.files import Source, is_url, read_input, read_path, read_stdin
from dehusk.sources.inflate import inflate

HTML = "<html><body><p>Grüße aus der Datei, ein ganz gewöhnlicher Absatz.</p></body></html>"
MB = 1024 * 1024


def _bomb(size: int) -> bytes:
    """``size`` zero bytes, gzipped, without ever holding them all in memory."""
    engine = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * MB
    out = [engine.compress(block) for _ in range(size // MB)]
    return b"".join([*out, engine.flush()])


def test_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert read_path(path) == HTML.encode()


def test_gzip_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML.encode()))
    assert read_path(path) == HTML.encode()


def test_gzip_recognised_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(gzip.compress(HTML.encode()))
    assert read_path(path) == HTML.encode()


def test_multi_member_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>one</p>") + gzip.compress(b"<p>two</p>"))
    assert read_path(path) == b"<p>one</p><p>two</p>"


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    whole = gzip.compress(HTML.encode() * 50)
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DecodeError, match="truncated gzip"):
        read_path(path)


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(b"\x1f\x8b" + b"not really gzip at all" * 10)
    with pytest.raises(DecodeError, match="corrupt gzip"):
        read_path(path)


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(_bomb(100 * MB))  # ~100 KB on disk
    started = time.monotonic()
    with pytest.raises(InputTooLarge, match="decompressed size exceeds"):
        read_path(path, max_bytes=MB)
    # Stopping early is the behaviour under test: inflating all 100 MB takes far longer.
    assert time.monotonic() - started < 5


def test_inflate_never_holds_more_than_the_limit() -> None:
    data = _bomb(8 * MB)
    with pytest.raises(InputTooLarge):
        inflate([data], 4 * MB)
    assert len(inflate([data], 8 * MB)) == 8 * MB


def test_plain_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"x" * (MB + 1))
    with pytest.raises(InputTooLarge):
        read_path(path, max_bytes=MB)
    assert len(read_path(path, max_bytes=MB + 1)) == MB + 1


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        read_path(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_path(tmp_path / "nope.html")


def test_stdin_plain_and_gzip() -> None:
    assert read_stdin(stream=io.BytesIO(HTML.encode())) == HTML.encode()
    assert read_stdin(stream=io.BytesIO(gzip.compress(HTML.encode()))) == HTML.encode()


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    assert read_path(path) == b""


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("https://example.org/a", True),
        ("http://x", True),
        ("ftp://x/y", True),
        ("page.html", False),
        ("dir/page.html.gz", False),
        ("-", False),
        ("C:\\pages\\a.html", False),
    ],
)
def test_is_url(spec: str, expected: bool) -> None:
    assert is_url(spec) is expected


def test_read_input_path(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML.encode()))
    source = read_input(str(path), url="https://example.org/p", encoding="utf-8")
    assert source == Source(str(path), HTML.encode(), "https://example.org/p", "utf-8")


def test_read_input_url(local_server: str) -> None:
    source = read_input(f"{local_server}/redirect/1")
    assert source.url == f"{local_server}/page"  # the final URL, to resolve links against
    assert source.encoding == "utf-8"  # from the Content-Type header
    assert b"Local page" in source.data
    assert read_input(f"{local_server}/latin1", encoding="cp1252").encoding == "cp1252"


def test_read_input_refuses_other_schemes() -> None:
    with pytest.raises(FetchError, match="refused scheme file:"):
        read_input("file:///etc/passwd")
