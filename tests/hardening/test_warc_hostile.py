"""The WARC reader and ``dehusk batch`` on archives that lie: a record's Content-Length
longer than the bytes that follow, shorter, or absurd (10 GB), and a response whose body is
a gzip bomb. Each run of ``dehusk batch`` is a child under the 2 GiB address-space limit:
the records before the lie come out as rows, and the lie is reported, never a traceback.
(The bomb alone among good records is batch's own test: tests/batch/test_pool.py.)"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import pytest
from hostile_inputs import HANG_SECONDS, _run

from dehusk.batch.warcgen import make_http, make_record
from dehusk.sources.warc import DamagedArchive, read_warc

STORY = (
    b"<html><body><article><h1>A headline</h1><p>The one paragraph of this article is long "
    b"enough to be read as the story of the page, and it says so plainly.</p></article>"
    b"</body></html>"
)


def _response(url: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    http = make_http("200 OK", {"Content-Type": "text/html", **(headers or {})}, body)
    return make_record("response", url, http, {})


def _lie(record: bytes, length: int) -> bytes:
    return re.sub(rb"Content-Length: \d+", b"Content-Length: %d" % length, record, count=1)


def _archive(tmp_path: Path, last: bytes) -> Path:
    good = [_response(f"https://example.org/{i}", STORY) for i in range(3)]
    path = tmp_path / "lie.warc"
    path.write_bytes(b"".join(good) + last)
    return path


LIES = {
    "length-too-long": lambda r: _lie(r, len(r) + 5000),
    "length-too-short": lambda r: _lie(r, 40),
    "length-10-gb": lambda r: _lie(r, 10 << 30),
}


@pytest.mark.parametrize("lie", list(LIES))
def test_reader_yields_the_good_records_then_reports_the_lie(lie: str, tmp_path: Path) -> None:
    path = _archive(tmp_path, LIES[lie](_response("https://example.org/lie", STORY)))
    got = []
    with pytest.raises(DamagedArchive) as damage:
        got.extend(read_warc(path, 1 << 26))
    good = [f"https://example.org/{i}" for i in range(3)]
    if lie == "length-too-short":  # the record as declared (40 bytes) is all it can know
        assert [e.url for e in got] == [*good, "https://example.org/lie"]
        assert got[-1].block is not None and len(got[-1].block) == 40
    else:
        assert [e.url for e in got] == good
    assert damage.value.offset >= got[-1].offset


@pytest.mark.timeout(HANG_SECONDS + 60)
@pytest.mark.parametrize("lie", [*LIES, "gzip-bomb-body"])
def test_batch_run_survives_the_lie(lie: str, tmp_path: Path) -> None:
    if lie == "gzip-bomb-body":
        bomb = gzip.compress(bytes(200 << 20), 9)
        last = _response("https://example.org/lie", bomb, {"Content-Encoding": "gzip"})
    else:
        last = LIES[lie](_response("https://example.org/lie", STORY))
    path = _archive(tmp_path, last)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "dehusk", "batch", str(path), "-o", str(out), "--quiet"]
    status, _, err, _, _ = _run([*command, "--workers", "1"], tmp_path, HANG_SECONDS)
    assert not any("Traceback" in line for line in err), err
    rows = "".join(
        gzip.decompress(p.read_bytes()).decode() if p.suffix == ".gz" else p.read_text()
        for p in sorted(out.glob("*.jsonl*"))
    )
    for i in range(3):
        assert f'"https://example.org/{i}"' in rows
    if lie == "gzip-bomb-body":
        assert status == 0, err
        assert "decompressed size exceeds the limit" in rows
    else:
        assert status in (0, 1), err
        assert len(err) <= 1, err
