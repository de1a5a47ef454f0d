"""``POST /extract`` with ``url``: the guarded fetcher behind the service, against the
loopback test server (``local_server``). ``service`` runs with ``--allow-private`` (the
fetch cases); ``guarded_service`` with the defaults, so it refuses every loopback spelling.
"""

from __future__ import annotations

import socket

import pytest

from tests.service.conftest import call


def test_fetched_page(service: str, local_server: str) -> None:
    status, body, _ = call(service, "/extract", {"url": f"{local_server}/redirect/1"})
    assert status == 200
    assert body["url"] == f"{local_server}/page" and "local server serves" in body["text"]


def test_fetched_text_page_is_read_in_text_mode(service: str, local_server: str) -> None:
    status, body, _ = call(service, "/extract", {"url": f"{local_server}/text"})
    assert status == 200 and "serves this page as plain text" in body["text"]


@pytest.mark.parametrize(("route", "upstream"), [("/missing", 404), ("/broken", 500)])
def test_upstream_error_is_502_with_its_status(
    service: str, local_server: str, route: str, upstream: int
) -> None:
    status, body, _ = call(service, "/extract", {"url": local_server + route})
    assert status == 502 and body["error"] == "upstream_error"
    assert body["upstream_status"] == upstream and f"HTTP {upstream}" in body["detail"]


def test_upstream_timeout_is_504(service: str, local_server: str) -> None:
    status, body, _ = call(service, "/extract", {"url": f"{local_server}/drip"})
    assert status == 504 and body["error"] == "upstream_timeout"


def test_unreachable_is_502(service: str) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, not listening: refused
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/"
        status, body, _ = call(service, "/extract", {"url": url})
    assert status == 502 and body["error"] == "upstream_unreachable"
    assert "upstream_status" not in body


@pytest.mark.parametrize(
    ("route", "status", "error"),
    [
        ("/pdf", 415, "unsupported_type"),
        ("/junk", 422, "unprocessable"),
        ("/big", 502, "upstream_unreachable"),  # past fetch_max_bytes
        ("/to-file", 403, "refused"),
    ],
)
def test_other_failures(service: str, local_server: str, route: str, status: int, error: str):
    got, body, _ = call(service, "/extract", {"url": local_server + route})
    assert (got, body["error"]) == (status, error), body


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "0x7f.1", "[::1]", "[::ffff:127.0.0.1]", "2130706433"]
)
def test_guarded_service_refuses_loopback(guarded_service: str, local_server: str, host: str):
    port = local_server.rsplit(":", 1)[1]
    status, body, _ = call(guarded_service, "/extract", {"url": f"http://{host}:{port}/page"})
    assert status == 403 and body["error"] == "refused"
    assert "refused address" in body["detail"] and "loopback" in body["detail"]


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "100.100.100.200", "10.0.0.1", "[fd00:ec2::254]"]
)
def test_guarded_service_refuses_private_and_metadata(guarded_service: str, address: str) -> None:
    # Refused before any packet is sent: the address is judged, then never dialled.
    status, body, _ = call(guarded_service, "/extract", {"url": f"http://{address}/latest/"})
    assert status == 403 and "refused address" in body["detail"]
