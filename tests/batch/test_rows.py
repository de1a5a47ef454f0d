"""One record, one row, in-process: the HTTP charset reaches decoding, skips and errors are
rows with the article fields empty, and ``extract`` is never given a WARC-Date."""

from __future__ import annotations

from dehusk.article import Options
from dehusk.batch.rows import Config, Task, process

CONFIG = Config(Options(), 1 << 20)
BODY = (
    "<html><body><article><h1>Caf\u00e9</h1>"
    + "<p>Le caf\u00e9 cr\u00e8me est servi \u00e0 la terrasse du matin.</p>" * 8
    + "</article></body></html>"
)


def _http(status: str, content_type: str, body: bytes) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body


def _task(block: bytes) -> Task:
    source = {"file": "x.warc.gz", "offset": 0, "record_id": "<urn:uuid:1>"}
    return Task(source, "https://example.org/a", "2026-11-30T12:00:00Z", "http", block)


def test_http_charset_decodes_the_page() -> None:
    row = process(
        _task(_http("200 OK", "text/html; charset=ISO-8859-1", BODY.encode("latin-1"))), CONFIG
    )
    assert "Le café crème est servi à la terrasse" in row["text"]
    # The header decides, not a guess: the same bytes declared KOI8-R read as KOI8-R.
    koi8 = process(
        _task(_http("200 OK", "text/html; charset=koi8-r", BODY.encode("latin-1"))), CONFIG
    )
    assert "Le cafИ crХme" in koi8["text"]
    assert row["fetched"] == "2026-11-30T12:00:00Z" and row["published"] is None
    assert row["source"]["record_id"] == "<urn:uuid:1>" and row["url"] == "https://example.org/a"


def test_skips_and_errors_are_rows() -> None:
    redirect = process(_task(_http("302 Found", "text/html", b"")), CONFIG)
    pdf = process(_task(_http("200 OK", "application/pdf", b"%PDF-1.4")), CONFIG)
    junk = process(_task(_http("200 OK", "text/html", bytes(range(256)) * 40)), CONFIG)
    assert redirect["skipped"] == "status: 302" and pdf["skipped"] == "type: application/pdf"
    assert junk["error"] and "skipped" not in junk
    assert all(
        r["text"] == "" and r["blocks"] == [] and r["page_type"] is None
        for r in (redirect, pdf, junk)
    )
