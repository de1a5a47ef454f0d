"""Shared fixture: a real HTTP server on 127.0.0.1 (loopback only, an ephemeral port).

``local_server`` yields its base URL (``http://127.0.0.1:PORT``). Routes: see ``ROUTES``
and the special paths in ``_Handler.do_GET`` (redirect chains, slow drips).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop before the first test when a source mypyc compiled has changed since the build:
    its stale shared library, not the edited ``.py``, is what the tests would import."""
    record = ROOT / "dehusk" / "_native" / "stages.sources"
    if not record.exists():
        return
    stale = [
        path
        for digest, path in (line.split("  ", 1) for line in record.read_text().splitlines())
        if hashlib.sha256((ROOT / path).read_bytes()).hexdigest() != digest
    ]
    if stale:
        pytest.exit(f"rebuild with `make` (or pip install -e .): edited since the build: {stale}")


PAGE = (
    b"<html><head><title>Local page</title></head><body><article>"
    b"<h1>Local page</h1><p>The local server serves this paragraph, which is long enough "
    b"to count as the article of the page and to come out of the extractor whole.</p>"
    b"<p>A second paragraph follows so that the body has more than one block in it.</p>"
    b"</article></body></html>"
)
LATIN1_PAGE = (
    "<html><body><article><p>Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9: the page "
    "is Latin-1 and says so only in its Content-Type header, never in a meta tag.</p>"
    "</article></body></html>"
).encode("latin-1")
TEXT_PAGE = (
    b"Home | News | Sport\n\nA text page\n\nThe local server serves this page as plain text, "
    b"and a paragraph this long is the body of the article that text mode reads from it.\n\n"
    b"A second paragraph follows, long enough again to be read as part of that same article.\n"
)
BIG = 2 * 1024 * 1024

#: path → (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
    "/gzip": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(PAGE)),
    "/deflate": (200, {"Content-Encoding": "deflate"}, zlib.compress(PAGE)),
    "/latin1": (200, {"Content-Type": 'text/html; charset="ISO-8859-1"'}, LATIN1_PAGE),
    "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"),
    "/broken": (500, {}, b"oops"),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/to-ftp": (301, {"Location": "ftp://127.0.0.1/page.html"}, b""),
    "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * BIG),
    "/text": (200, {"Content-Type": "text/plain; charset=utf-8"}, TEXT_PAGE),
    "/junk": (200, {"Content-Type": "text/html"}, bytes(range(256)) * 40),
    "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 not a page"),
}


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=9)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean

    def _send(self, status: int, headers: dict[str, str], body: bytes, length: bool = True):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")  # the body ends when the socket does
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, chunks: Iterator[bytes]) -> None:
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up, as it should
        self.close_connection = True

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[1])
            target = "/page" if hops <= 0 else f"/redirect/{hops - 1}"
            return self._send(302, {"Location": target}, b"")
        if path.startswith("/to?"):  # a redirect to any URL: /to?http://localhost:1/page
            return self._send(302, {"Location": unquote(path[4:])}, b"")
        if path == "/big-unsized":
            return self._send(200, {"Content-Type": "text/html"}, b"x" * BIG, length=False)
        if path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            return self._drip(iter([b"x"] * 1000))
        if path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            return self._drip(iter([b"X-Slow: y\r\n"] * 1000))
        if path == "/bomb":  # 20 MiB of zeros in ~20 KiB of gzip
            return self._send(200, {"Content-Encoding": "gzip"}, _bomb())
        status, headers, body = ROUTES.get(path, ROUTES["/missing"])
        self._send(status, headers, body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (size limits, deadlines) are what the tests do


@pytest.fixture(scope="session")
def local_server() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
