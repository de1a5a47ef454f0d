"""``POST /extract``, ``GET /health`` and the body limits, against the real server."""

from __future__ import annotations

import functools
import http.client
import json
import socket
import threading
import time
from urllib.parse import urlsplit

from tests.service.conftest import BODY_TIMEOUT, MAX_BODY, TIME_LIMIT, call

PARA = "The council voted on Tuesday to expand the city's bus network by four new routes."
PAGE = (
    "<html><head><title>Buses | Gazette</title></head><body><nav><a href='/'>Home</a>"
    f"<a href='/news'>News</a></nav><article><h1>Buses</h1><p>{PARA}</p>"
    "<p>Work starts in <strong>March</strong>, the <em>mayor</em> said.</p></article></body></html>"
)


def test_health(service: str) -> None:
    status, body, headers = call(service, "/health")
    assert status == 200 and body == {"status": "ok", "workers": 2}
    assert "default-src 'none'" in headers["content-security-policy"]


def test_extract_html_returns_the_data_contract(service: str) -> None:
    status, body, _ = call(service, "/extract", {"html": PAGE, "url": "https://g.example/b"})
    assert status == 200
    assert body["title"] == "Buses" and PARA in body["text"]
    assert body["url"] == "https://g.example/b" and "rendered" not in body
    assert [b["label"] for b in body["blocks"]][:2] == ["navigation", "title"]
    assert "score" not in body["blocks"][0]


def test_format_adds_rendered_and_annotate_adds_scores(service: str) -> None:
    request = {"html": PAGE, "format": "markdown", "annotate": True, "model": "rules"}
    status, body, _ = call(service, "/extract", request)
    assert status == 200
    assert body["rendered"].startswith("# Buses\n") and PARA in body["rendered"]
    assert all("locator" in b for b in body["blocks"])
    status, body, _ = call(service, "/extract", {"html": PAGE, "format": "html"})
    assert body["rendered"].startswith("<!doctype html>")


def test_text_mode(service: str) -> None:
    text = f"Home | News | Sport\n\nBuses\n\n{PARA}\n\n{PARA.replace('four', 'five')}\n"
    status, body, _ = call(service, "/extract", {"text": text, "format": "text"})
    assert status == 200 and PARA in body["text"] and body["rendered"].strip() == body["text"]


def test_include_and_exclude(service: str) -> None:
    page = PAGE.replace(
        "</article>",
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table></article>",
    )
    _, kept, _ = call(service, "/extract", {"html": page})
    _, cut, _ = call(service, "/extract", {"html": page, "exclude": ["tables"]})
    assert "a | b" in kept["text"] and "a | b" not in cut["text"]


def test_invalid_requests_are_400(service: str) -> None:
    cases = [
        b"{not json",
        b"\xff\xfe",
        json.dumps([1, 2]).encode(),
        json.dumps({}).encode(),
        json.dumps({"html": "x", "text": "y"}).encode(),
        json.dumps({"html": 3}).encode(),
        json.dumps({"html": "x", "nope": 1}).encode(),
        json.dumps({"html": "x", "include": ["everything"]}).encode(),
        json.dumps({"html": "x", "model": "/etc/passwd"}).encode(),  # no path from a client
        json.dumps({"html": "x", "format": "pdf"}).encode(),
        json.dumps({"html": "x", "annotate": "yes"}).encode(),
        json.dumps({"url": "ftp://example.org/x"}).encode(),
        json.dumps({"url": "not a url"}).encode(),
    ]
    for raw in cases:
        status, body, _ = call(service, "/extract", raw=raw)
        assert status == 400, raw
        assert body["error"] in ("invalid", "invalid_json") and body["detail"]


def test_declared_body_past_the_limit_is_413_unread(service: str) -> None:
    parts = urlsplit(service)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {MAX_BODY + 1}\r\n\r\n".encode()
        )
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413")


def test_chunked_body_is_counted_as_it_streams(service: str) -> None:
    parts = urlsplit(service)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    chunk = b" " * (1024 * 1024)
    sent = []

    def body():
        yield b'{"html": "'
        for _ in range(MAX_BODY // len(chunk) + 8):
            sent.append(len(chunk))
            yield chunk

    try:
        conn.request("POST", "/extract", body=body(), encode_chunked=True)
        response = conn.getresponse()
        status, data = response.status, json.loads(response.read())
    except (BrokenPipeError, ConnectionResetError):  # the server may hang up first
        status, data = 413, {"error": "too_large"}
    assert status == 413 and data["error"] == "too_large"
    assert sum(sent) <= MAX_BODY + 8 * len(chunk)


def test_slow_client_is_408(service: str) -> None:
    parts = urlsplit(service)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b'POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"ht')
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 408")
    assert BODY_TIMEOUT <= time.monotonic() - started < BODY_TIMEOUT + 5


@functools.cache
def _big_page() -> str:
    """~16 MB of distinct paragraphs, read up to the 100,000-element cap: ~1.3 s of
    extraction on a quiet machine in session 12 (several seconds before the native passes),
    ~0.5 s with the stages compiled in session 16; past TIME_LIMIT."""
    paras = (
        f"<div class='c{i % 97}'><p>Paragraph {i} says {PARA} {i * 7}</p></div>"
        for i in range(150_000)
    )
    return "<html><body><article>" + "".join(paras) + "</article></body></html>"


def test_slow_extraction_blocks_neither_health_nor_the_next_request(service: str) -> None:
    answer: list[tuple[int, dict]] = []
    big = json.dumps({"html": _big_page()}).encode()
    assert len(big) < MAX_BODY
    slow = threading.Thread(target=lambda: answer.append(call(service, "/extract", raw=big)[:2]))
    slow.start()
    time.sleep(0.1)
    waits = []
    while slow.is_alive() and len(waits) < 50:
        started = time.monotonic()
        assert call(service, "/health")[0] == 200
        waits.append(time.monotonic() - started)
        time.sleep(0.1)
    # The other worker answers at once while the big page is still running.
    status, body, _ = call(service, "/extract", {"html": PAGE})
    assert status == 200 and PARA in body["text"]
    slow.join(60)
    assert len(waits) >= 3 and max(waits) < 1.0
    status, body = answer[0]
    assert status == 504 and body["error"] == "extraction_timeout"
    assert f"{TIME_LIMIT:g} s" in body["detail"]
    # The killed worker is replaced: the pool is whole again.
    deadline = time.monotonic() + 30
    while call(service, "/health")[1]["workers"] < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert call(service, "/health")[1]["workers"] == 2


def test_no_free_worker_is_503() -> None:
    from dehusk.service import Settings
    from tests.service.conftest import start, stop

    base, server, thread = start(Settings(workers=1, time_limit=1.5, wait_limit=0.3))
    try:
        big = json.dumps({"html": _big_page()}).encode()
        slow = threading.Thread(target=lambda: call(base, "/extract", raw=big))
        slow.start()
        # Probe while the one worker reads the big page: how soon it is busy, and for how
        # long, depends on the machine and the build, so the probes go on until one finds it
        # busy or the big page is done.
        busy: list[dict] = []
        while slow.is_alive() and not busy:
            status, body, _ = call(base, "/extract", {"html": PAGE})
            if status == 503:
                busy.append(body)
            time.sleep(0.05)
        slow.join(30)
        assert busy, "the big page never kept the one worker busy"
        assert busy[0]["error"] == "busy" and "0.3 s" in busy[0]["detail"]
    finally:
        stop(server, thread)


def test_chunked_body_under_the_limit_is_read_whole(service: str) -> None:
    parts = urlsplit(service)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    payload = json.dumps({"html": PAGE, "format": "text"}).encode()
    pieces = (payload[i : i + 50] for i in range(0, len(payload), 50))
    conn.request("POST", "/extract", body=pieces, encode_chunked=True)
    response = conn.getresponse()
    assert response.status == 200 and PARA in json.loads(response.read())["rendered"]
