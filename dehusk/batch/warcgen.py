"""Write small WARC files from pages on disk, for tests and the benchmark (never downloaded).

In: pages as ``(url, html bytes)`` and a mix. Out: a ``.warc.gz`` (one gzip member per
record, as crawlers write them) or a plain ``.warc``, holding for each page a ``request``
and its ``response``, and mixed in at the rates of ``Mix``: responses compressed with
``Content-Encoding`` gzip, br or deflate, chunked transfer, the charset in the HTTP
header, PDF responses, 301 redirects, 404s, ``revisit`` records, ``WARC-Truncated``
responses, ``resource`` records of the page itself, ``metadata`` records, and a
``warcinfo`` first. Standard library only (brotli when installed), so the writer is
independent of the readers it tests.

``Written`` says how many records of each kind went in, so tests can check that every
``response``/``resource``/``revisit`` record comes out as exactly one row.
"""

from __future__ import annotations

import gzip
import random
import uuid
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

_DATE = "2026-11-30T12:00:00Z"
_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True, slots=True)
class Mix:
    """How often (0..1, per page) each kind of odd record is mixed in; seeded."""

    encoded: float = 0.3  # Content-Encoding gzip / br / deflate, in turn
    chunked: float = 0.15
    pdf: float = 0.05
    redirect: float = 0.05
    not_found: float = 0.03
    revisit: float = 0.05
    truncated: float = 0.03
    metadata: float = 0.1
    resource: float = 0.03  # the page again as a resource record (no HTTP message)
    seed: int = 0


#: Nothing odd: one request and one plain 200 response per page.
PLAIN = Mix(0, 0, 0, 0, 0, 0, 0, 0, 0)


@dataclass(slots=True)
class Written:
    """What a generated WARC holds: record counts by WARC-Type and the rows it should give."""

    types: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return self.types["response"] + self.types["resource"] + self.types["revisit"]


def make_record(kind: str, url: str | None, block: bytes, extra: dict[str, str]) -> bytes:
    headers = {
        "WARC-Type": kind,
        "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
        "WARC-Date": _DATE,
        **({"WARC-Target-URI": url} if url else {}),
        **extra,
        "Content-Length": str(len(block)),
    }
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode() + block + b"\r\n\r\n"


def make_http(status: str, headers: dict[str, str], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return head.encode("latin-1") + b"\r\n" + body


def _chunk(body: bytes, size: int = 4000) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
        for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def _encode(body: bytes, turn: int) -> tuple[str, bytes]:
    names = ["gzip", "deflate", "br"]
    name = names[turn % 3]
    if name == "br":
        try:
            import brotli
        except ImportError:
            name = "gzip"
        else:
            return name, brotli.compress(body, quality=4)
    return name, gzip.compress(body) if name == "gzip" else zlib.compress(body)


def response(url: str, html: bytes, rng: random.Random, mix: Mix, turn: int) -> tuple[bytes, str]:
    """One ``response`` record of ``html``, encoded as ``mix`` draws; and its skip reason."""
    headers = {"Content-Type": "text/html; charset=utf-8"}
    body, extra, reason = html, {}, ""
    if rng.random() < mix.encoded:
        name, body = _encode(body, turn)
        headers["Content-Encoding"] = name
    if rng.random() < mix.chunked:
        headers["Transfer-Encoding"] = "chunked"
        body = _chunk(body)
    else:
        headers["Content-Length"] = str(len(body))
    status = "200 OK"
    if rng.random() < mix.truncated:
        body, extra, reason = body[: len(body) // 2], {"WARC-Truncated": "length"}, "truncated"
    elif rng.random() < mix.not_found:
        status, reason = "404 Not Found", "status"
    http = make_http(status, headers, body)
    return make_record(
        "response", url, http, {"Content-Type": "application/http; msgtype=response", **extra}
    ), reason


def _records(pages: Iterable[tuple[str, bytes]], mix: Mix, written: Written) -> Iterator[bytes]:
    rng = random.Random(mix.seed)
    info = b"software: dehusk warcgen\r\nformat: WARC File Format 1.1\r\n"
    yield make_record("warcinfo", None, info, {"Content-Type": "application/warc-fields"})
    written.types["warcinfo"] += 1
    for turn, (url, html) in enumerate(pages):
        request = f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()
        yield make_record(
            "request", url, request, {"Content-Type": "application/http; msgtype=request"}
        )
        written.types["request"] += 1
        record, reason = response(url, html, rng, mix, turn)
        yield record
        written.types["response"] += 1
        if reason:
            written.skipped[reason] += 1
        for kind, rate in (("pdf", mix.pdf), ("redirect", mix.redirect), ("revisit", mix.revisit)):
            if rng.random() < rate:
                yield _extra(kind, url, turn)
                written.types["revisit" if kind == "revisit" else "response"] += 1
                written.skipped[
                    {"pdf": "type", "redirect": "status", "revisit": "revisit"}[kind]
                ] += 1
        if rng.random() < mix.resource:
            headers = {"Content-Type": "text/html; charset=utf-8"}
            yield make_record("resource", f"{url}/resource", html, headers)
            written.types["resource"] += 1
        if rng.random() < mix.metadata:
            yield make_record(
                "metadata",
                url,
                b"fetchTimeMs: 120\r\n",
                {"Content-Type": "application/warc-fields"},
            )
            written.types["metadata"] += 1


def _extra(kind: str, url: str, turn: int) -> bytes:
    other = f"{url}/extra-{turn}"
    if kind == "pdf":
        http = make_http("200 OK", {"Content-Type": "application/pdf"}, _PDF)
        return make_record(
            "response", other + ".pdf", http, {"Content-Type": "application/http; msgtype=response"}
        )
    if kind == "redirect":
        http = make_http("301 Moved Permanently", {"Location": url, "Content-Length": "0"}, b"")
        return make_record(
            "response", other, http, {"Content-Type": "application/http; msgtype=response"}
        )
    http = make_http("200 OK", {"Content-Type": "text/html"}, b"")
    profile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    return make_record(
        "revisit", url, http, {"WARC-Profile": profile, "WARC-Refers-To-Target-URI": url}
    )


def write_warc(path: str | Path, pages: Iterable[tuple[str, bytes]], mix: Mix = Mix()) -> Written:
    """Write ``pages`` as a WARC at ``path`` (gzip per record when it ends in ``.gz``)."""
    written = Written()
    compress = str(path).endswith(".gz")
    with open(path, "wb") as out:
        for record in _records(pages, mix, written):
            out.write(gzip.compress(record, compresslevel=6) if compress else record)
    return written


def dev_pages(
    folder: str | Path, limit: int | None = None, pool: int | None = None
) -> Iterator[tuple[str, bytes]]:
    """``(url, html)`` of the ``*.html(.gz)`` pages under ``folder``, sorted, cycled to
    ``limit``; with ``pool``, only every ``n/pool``-th page is cycled (``pool`` pages spread
    over the folder), so WARCs of any length hold the same pages."""
    files = sorted(p for p in Path(folder).rglob("*") if p.name.endswith((".html", ".html.gz")))
    if pool and len(files) > pool:
        files = files[:: len(files) // pool][:pool]
    if not files:
        return
    count = limit if limit is not None else len(files)
    for i in range(count):
        page = files[i % len(files)]
        data = page.read_bytes()
        html = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        stem = page.name.split(".")[0] if page.parent == Path(folder) else page.parent.name
        yield f"https://example.org/{stem}/{i}", html
