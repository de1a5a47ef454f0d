"""The service under test: the real app under uvicorn on 127.0.0.1 (an ephemeral port).

``service`` allows private addresses (its URL cases fetch from ``local_server`` on
loopback); ``guarded_service`` runs with the defaults a public deployment has, so it
refuses them. Both are real servers with real worker processes; the limits are set low so
that the limit tests stay fast.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from dehusk.service import Settings, create_app

#: Small limits: a slow page passes TIME_LIMIT quickly, a body past MAX_BODY is cheap to send.
#: The big page (test_api._big_page) took ~1.3 s of CPU in session 12 and ~0.5 s with the
#: stages compiled (session 16: a 0.5 s limit became a coin toss); a dev page ~0.01 s.
TIME_LIMIT = 0.3
MAX_BODY = 24 * 1024 * 1024
BODY_TIMEOUT = 1.5


def start(settings: Settings) -> tuple[str, uvicorn.Server, threading.Thread]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server, thread


def stop(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(15)


@pytest.fixture(scope="session")
def service() -> Iterator[str]:
    settings = Settings(
        allow_private=True,
        workers=2,
        time_limit=TIME_LIMIT,
        max_body=MAX_BODY,
        body_timeout=BODY_TIMEOUT,
        fetch_timeout=2.0,
        fetch_max_bytes=1024 * 1024,
    )
    url, server, thread = start(settings)
    yield url
    stop(server, thread)


@pytest.fixture(scope="session")
def guarded_service() -> Iterator[str]:
    url, server, thread = start(Settings(workers=1, fetch_timeout=2.0))
    yield url
    stop(server, thread)


def call(
    base: str, path: str, body: Any = None, raw: bytes | None = None
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, JSON body, headers) of a request; a POST when ``body`` or ``raw`` is given."""
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), dict(error.headers)
