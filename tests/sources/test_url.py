"""``dehusk.sources.url.fetch`` against a real HTTP server on 127.0.0.1 (``local_server``).

The guard's refusals are in ``test_guard.py``; here the fetcher runs with private addresses
allowed, as ``dehusk extract`` runs it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from dehusk import extract
from dehusk.errors import FetchError
from dehusk.sources.url import Fetched, default_user_agent, page_kind
from dehusk.sources.url import fetch as guarded_fetch


def fetch(url: str, **kw: object) -> Fetched:
    """The fetcher as ``dehusk extract`` runs it: any address (the server is on loopback)."""
    return guarded_fetch(url, allow_private=True, **kw)  # type: ignore[arg-type]


def test_page(local_server: str) -> None:
    page = fetch(f"{local_server}/page")
    assert isinstance(page, Fetched)
    assert page.status == 200
    assert page.url == f"{local_server}/page"
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.body.startswith(b"<html>")


@pytest.mark.parametrize("route", ["/gzip", "/deflate"])
def test_compressed_body_is_decoded(local_server: str, route: str) -> None:
    page = fetch(local_server + route)
    assert page.body == fetch(f"{local_server}/page").body


def test_charset_from_content_type_decodes_the_page(local_server: str) -> None:
    page = fetch(f"{local_server}/latin1")
    assert page.charset == "iso-8859-1"
    article = extract(page.body, page.url, encoding=page.charset)
    assert "Café crème, naïve résumé" in article.text


def test_two_redirects_are_followed(local_server: str) -> None:
    page = fetch(f"{local_server}/redirect/2")
    assert page.url == f"{local_server}/page"
    assert b"Local page" in page.body


def test_too_many_redirects(local_server: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{local_server}/redirect/10", max_redirects=5)


@pytest.mark.parametrize(("route", "scheme"), [("/to-file", "file"), ("/to-ftp", "ftp")])
def test_redirect_to_other_scheme_is_refused(local_server: str, route: str, scheme: str) -> None:
    with pytest.raises(FetchError, match=f"refused scheme {scheme}:"):
        fetch(local_server + route)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "127.0.0.1/page"])
def test_other_schemes_are_refused_up_front(url: str) -> None:
    with pytest.raises(FetchError, match="refused scheme"):
        fetch(url)


@pytest.mark.parametrize(("route", "status"), [("/missing", "404"), ("/broken", "500")])
def test_http_error_carries_the_status(local_server: str, route: str, status: str) -> None:
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetch(local_server + route)


def test_content_length_over_the_limit_is_refused(local_server: str) -> None:
    with pytest.raises(FetchError, match="exceeds the limit"):
        fetch(f"{local_server}/big", max_bytes=1024 * 1024)


def test_unsized_body_over_the_limit_is_cut(local_server: str) -> None:
    with pytest.raises(FetchError, match="exceeds the limit"):
        fetch(f"{local_server}/big-unsized", max_bytes=1024 * 1024)
    assert len(fetch(f"{local_server}/big-unsized").body) == 2 * 1024 * 1024


def test_gzip_bomb_is_bounded(local_server: str) -> None:
    with pytest.raises(FetchError, match="decompressed size exceeds"):
        fetch(f"{local_server}/bomb", max_bytes=1024 * 1024)


@pytest.mark.parametrize("route", ["/drip", "/drip-headers"])
def test_slow_drip_hits_the_total_deadline(local_server: str, route: str) -> None:
    # The server sends a byte (or a header line) every 0.2 s: each read is fast, only a
    # total deadline stops it.
    with pytest.raises(FetchError, match="timed out"):
        fetch(local_server + route, timeout=1)


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port bound but not listening: connecting to it is refused, reliably."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


def test_refused_connection(closed_port: int) -> None:
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1") as caught:
        fetch(f"http://127.0.0.1:{closed_port}/", timeout=2)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("url", ["http://[::1/page", "http:///no-host", "http://127.0.0.1:99999/"])
def test_malformed_urls(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, timeout=2)


def test_user_agent_default() -> None:
    assert default_user_agent().startswith("dehusk/")


def test_tls_failure_is_a_fetch_error(local_server: str) -> None:
    # The local server speaks plain HTTP: the TLS handshake fails, cleanly and on one line.
    with pytest.raises(FetchError, match="TLS error") as caught:
        fetch(local_server.replace("http://", "https://") + "/page", timeout=3)
    assert "\n" not in str(caught.value)


def test_content_types_tell_how_to_read() -> None:
    assert page_kind("text/html") == page_kind("application/xhtml+xml") == "html"
    assert page_kind("") == "html"  # no header: the decoder sniffs the bytes
    assert page_kind("text/plain") == "text"
    assert page_kind("application/pdf") is None
