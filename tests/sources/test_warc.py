"""The WARC reader on archives written here from the golden pages: every page-like record
once, the rest passed over, damage reported where it starts, HTTP bodies decoded bounded."""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path

import brotli
import pytest

from dehusk.batch.warcgen import PLAIN, Mix, dev_pages, write_warc
from dehusk.errors import DecodeError, InputTooLarge
from dehusk.sources.warc import DamagedArchive, http_payload, read_warc

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
MIX = Mix(pdf=0.3, redirect=0.3, revisit=0.3, truncated=0.2, metadata=0.5, resource=0.3, seed=3)


@pytest.fixture(params=["crawl.warc.gz", "crawl.warc"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / request.param
    written = write_warc(path, dev_pages(PAGES, 10), MIX)
    assert written.types["metadata"] and written.types["request"] and written.types["revisit"]
    return path, written.rows


def test_one_entry_per_response_resource_revisit(archive: tuple[Path, int]) -> None:
    path, rows = archive
    entries = list(read_warc(path, 1 << 26))
    assert len(entries) == rows
    assert {e.kind for e in entries} == {"response", "resource", "revisit"}
    assert len({e.offset for e in entries}) == rows  # the offset is a key
    assert all(e.record_id.startswith("<urn:uuid:") and e.date for e in entries)
    offsets = [e.offset for e in entries]
    assert offsets == sorted(offsets)


def test_block_over_the_limit_is_not_read(archive: tuple[Path, int]) -> None:
    path, rows = archive
    entries = list(read_warc(path, 1000))
    assert len(entries) == rows
    assert any(e.block is None and e.size > 1000 for e in entries)


@pytest.mark.parametrize("fraction", [0.3, 0.55, 0.8])
def test_truncated_archive_reads_up_to_the_damage(
    archive: tuple[Path, int], tmp_path: Path, fraction: float
) -> None:
    path, rows = archive
    whole = list(read_warc(path, 1 << 26))
    data = path.read_bytes()
    cut = tmp_path / ("cut-" + path.name)
    cut.write_bytes(data[: int(len(data) * fraction)])
    got = []
    with pytest.raises(DamagedArchive) as damage:
        got.extend(read_warc(cut, 1 << 26))
    assert 0 < len(got) < rows
    assert [e.offset for e in got] == [e.offset for e in whole[: len(got)]]
    assert damage.value.offset <= int(len(data) * fraction)


def test_cut_exactly_inside_a_header(archive: tuple[Path, int], tmp_path: Path) -> None:
    path, _ = archive
    entries = list(read_warc(path, 1 << 26))
    data = path.read_bytes()
    for extra in (5, 30):  # a few bytes into the next record (FastWARC alone stops quietly)
        cut = tmp_path / f"{extra}-{path.name}"
        cut.write_bytes(data[: entries[3].offset + extra])
        with pytest.raises(DamagedArchive):
            list(read_warc(cut, 1 << 26))


def test_junk_in_the_middle_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, dev_pages(PAGES, 10), MIX)
    data = path.read_bytes()
    middle = len(data) // 2
    path.write_bytes(data[:middle] + bytes(range(256)) * 20 + data[middle + 5120 :])
    got = []
    with pytest.raises(DamagedArchive):
        got.extend(read_warc(path, 1 << 26))
    assert got


PAGE = (
    b"<html><body><article><p>"
    + "Caf\u00e9 cr\u00e8me. ".encode("latin-1") * 40
    + b"</p></article></body></html>"
)


def _response(headers: str, body: bytes) -> bytes:
    return f"HTTP/1.1 200 OK\r\n{headers}\r\n".encode() + body


@pytest.mark.parametrize(
    ("coding", "encoded"),
    [
        ("gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)[2:-4]),  # raw deflate, as some servers send it
        ("br", brotli.compress(PAGE)),
        ("identity", PAGE),
    ],
)
def test_content_encoding_is_decoded(coding: str, encoded: bytes) -> None:
    block = _response(
        f"Content-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: {coding}\r\n", encoded
    )
    payload = http_payload(block, 1 << 20)
    assert (payload.status, payload.media_type, payload.charset) == (200, "text/html", "ISO-8859-1")
    assert payload.body == PAGE


def test_chunked_then_gzip() -> None:
    packed = gzip.compress(PAGE)
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(packed[i : i + 100]), packed[i : i + 100])
        for i in range(0, len(packed), 100)
    )
    block = _response(
        "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunks + b"0\r\n\r\n"
    )
    assert http_payload(block, 1 << 20).body == PAGE


@pytest.mark.parametrize("coding", ["gzip", "br", "deflate"])
def test_decompression_bomb_is_refused(coding: str) -> None:
    zeros = b"\0" * (20 << 20)
    packed = {"gzip": gzip.compress, "br": brotli.compress, "deflate": zlib.compress}[coding](zeros)
    assert len(packed) < 100_000
    with pytest.raises(InputTooLarge):
        http_payload(_response(f"Content-Encoding: {coding}\r\n", packed), 1 << 20)


def test_not_http_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        http_payload(b"\x00\x01 not a response", 1 << 20)


@pytest.mark.parametrize("coding", ["gzip", "br", "deflate"])
def test_body_of_many_megabytes_decodes_whole(coding: str) -> None:
    big = PAGE * 20_000  # ~10 MB: brotli hands it over in several steps
    packed = {"gzip": gzip.compress, "br": brotli.compress, "deflate": zlib.compress}[coding](big)
    block = _response(f"Content-Encoding: {coding}\r\n", packed)
    assert http_payload(block, 64 << 20).body == big
    with pytest.raises(DecodeError):  # and cut short, it says so
        http_payload(
            _response(f"Content-Encoding: {coding}\r\n", packed[: len(packed) // 2]), 64 << 20
        )


@pytest.mark.parametrize("name", ["big.warc.gz", "big.warc"])
def test_large_last_record_is_read_whole(tmp_path: Path, name: str) -> None:
    noise = random.Random(1).randbytes(3 << 20).hex().encode()  # compresses badly: many chunks
    pages = [*dev_pages(PAGES, 2), ("https://example.org/big", b"<html><body><p>" + noise)]
    path = tmp_path / name
    written = write_warc(
        path,
        pages,
        PLAIN,
    )
    entries = list(read_warc(path, 64 << 20))
    assert len(entries) == written.rows and entries[-1].url == "https://example.org/big"
