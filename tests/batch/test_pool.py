"""Records that hang, kill their worker or are too large cost one ``error`` row each; the
worker is replaced and the rest of the run goes on. Real processes, real signals."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from dehusk.batch.warcgen import PLAIN, dev_pages, make_http, make_record, write_warc
from dehusk.batch.worker import CRASH_MARKER_ENV
from tests.batch.corpus import PAGES, batch, read_rows

MARKER = "dehusk-test-crash-8f3a"


def _slow_page() -> bytes:
    """A genuinely slow page: ~5.6 MB of 50,000 boxed paragraphs, cut at the 100,000-element
    cap (~3.3 s to extract on a quiet machine before session 12, ~1.9 s then, 0.6-1.0 s
    with the stages compiled in session 16, which made the 0.75 s timeout a coin toss). The
    cap bounds it: longer text, more paragraphs or other markup were no slower."""
    boxes = "".join(
        f"<div class=c{i % 50}><p>Paragraph {i} of words words words words words words.</p>"
        f"<a href=/x{i}>link {i}</a></div>"
        for i in range(50_000)
    )
    return f"<html><body>{boxes}</body></html>".encode()


def test_hang_crash_and_bomb_each_cost_one_row(tmp_path: Path) -> None:
    pages = list(dev_pages(PAGES, 4))
    crash = pages[0][1].replace(b"<body", f"<body data-x='{MARKER}'".encode(), 1)
    bomb = gzip.compress(b"<p>" + b" " * (8 << 20))
    odd = [
        ("https://example.org/slow", _slow_page()),
        ("https://example.org/crash", crash),
        *pages[1:],
    ]
    warc = tmp_path / "odd.warc.gz"
    written = write_warc(warc, odd, PLAIN)
    http = make_http("200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
    with warc.open("ab") as out:  # a response whose Content-Encoding is a gzip bomb
        out.write(gzip.compress(make_record("response", "https://example.org/bomb", http, {})))
    env = {**os.environ, CRASH_MARKER_ENV: MARKER}
    out_dir = tmp_path / "out"
    done = batch(
        str(warc),
        "-o",
        str(out_dir),
        "--workers",
        "2",
        "--quiet",
        "--record-timeout",
        "0.25",  # the slow page takes 0.6-1.0 s on a quiet machine, a dev page ~0.01 s
        "--max-record-bytes",
        "6M",  # above the slow page, below the 8 MB bomb
        env=env,
    )
    assert done.returncode == 0, done.stderr
    rows = {r["url"]: r for r in read_rows(out_dir)}
    assert len(rows) == written.rows + 1
    assert "took longer than 0.25 s" in rows["https://example.org/slow"]["error"]
    assert "SIGKILL" in rows["https://example.org/crash"]["error"]
    assert "limit of 6291456 bytes" in rows["https://example.org/bomb"]["error"]
    fine = [r for url, r in rows.items() if url.startswith("https://example.org/0")]
    assert len(fine) == 3 and all(r["text"] and "error" not in r for r in fine), [
        r.get("error") for r in fine
    ]
    manifest = json.loads((out_dir / "_manifest.json").read_text())
    assert manifest["totals"]["errors"] == 3


def test_record_over_max_record_bytes_is_not_read(tmp_path: Path) -> None:
    warc = tmp_path / "big.warc"
    written = write_warc(warc, dev_pages(PAGES, 3), PLAIN)
    done = batch(
        str(warc), "-o", str(tmp_path / "o"), "--max-record-bytes", "30k", "-q", "--workers", "1"
    )
    assert done.returncode == 0, done.stderr
    rows = read_rows(tmp_path / "o")
    assert len(rows) == written.rows
    assert any("over --max-record-bytes 30720" in r.get("error", "") for r in rows)
