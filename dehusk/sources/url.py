"""Fetch one page over HTTP(S): bounded in time, size, redirects and schemes.

In: a URL and limits. Out: ``Fetched`` — the final URL, status, media type, the charset
of the ``Content-Type`` header (pass it to ``dehusk.extract(..., encoding=...)``) and the
body bytes, already decoded from ``gzip``/``deflate`` transfer compression. Every failure
is a ``FetchError`` with a one-line message.

The guarantees, each because a hostile or broken server would otherwise break it:

- Only ``http`` and ``https``, checked for the first URL and for every redirect target
  (a redirect to ``file:`` or ``ftp:`` is refused), at most ``max_redirects`` hops.
- One total deadline for the whole fetch — resolving, connecting, headers, body, every
  redirect. A socket timeout alone bounds each read, so a server dripping one byte every
  second would hold the caller forever; here a watchdog shuts the socket at the deadline.
- At most ``max_bytes`` read: refused up front when ``Content-Length`` says more, stopped
  when the body passes it, and the decompressed body bounded the same way (a gzip bomb).
- Unless ``allow_private``, only globally routable addresses (``dehusk.sources.addresses``):
  the host of every URL (the first and each redirect target) is resolved once, each address
  it resolves to is judged *before* any connection, and the connection goes to exactly the
  addresses judged (no second DNS lookup that could answer differently: DNS rebinding).
  One refused address refuses the host. The web service fetches this way; ``dehusk
  extract`` allows private addresses (as curl does) unless given ``--deny-private``.
- A body whose media type is neither HTML nor text is refused by ``page_kind`` callers
  (the service answers 415); the fetcher itself returns it.

Errors are typed for callers that map them to statuses: ``FetchRefused`` (scheme,
address), ``FetchTimeout`` (the deadline), ``UpstreamError`` (an error status, with
``.status``), plain ``FetchError`` for the rest (unreachable, too large, redirects).

Standard library only (``http.client``), not ``urllib`` or ``httpx``: the deadline
watchdog and the guard need the socket and the resolved address in hand, which
``urllib`` hides (it also follows redirects to any scheme it has a handler for and reads
proxies from the environment, where a guard would check the proxy, not the target), and
``httpx`` would be a dependency for what ~200 lines do. Proxies are not supported.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from typing import Literal
from urllib.parse import SplitResult, urljoin, urlsplit

from dehusk.errors import (
    DecodeError,
    FetchError,
    FetchRefused,
    FetchTimeout,
    InputTooLarge,
    UpstreamError,
)
from dehusk.sources.addresses import refusal
from dehusk.sources.inflate import deflate_format, inflate

__all__ = ["DEFAULT_MAX_BYTES", "Fetched", "default_user_agent", "fetch", "page_kind"]

#: Same default as ``Options.max_bytes``.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = frozenset({"http", "https"})
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
#: Media types read as HTML pages, and as flattened text (text mode).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})

#: An address policy: the reason an address (or host name) may not be dialled, or None.
Policy = Callable[[str], str | None]


def default_user_agent() -> str:
    """The default ``User-Agent``: ``dehusk/<version>``."""
    from dehusk import __version__  # late: the package imports its modules first

    return f"dehusk/{__version__}"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: final URL (after redirects), status, media type, charset, body.

    ``content_type`` is the media type alone, lowercase (``"text/html"``; ``""`` when the
    header is missing); ``charset`` is its ``charset`` parameter or ``None``.
    """

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


class _Deadline:
    """A point in time the whole fetch must end by, and a watchdog that enforces it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.fired = False

    def remaining(self) -> float:
        """Seconds left; raises ``FetchError`` when none are (or the watchdog fired)."""
        left = self.end - time.monotonic()
        if left <= 0 or self.fired:
            raise FetchTimeout(f"timed out after {self.seconds:g} s")
        return left

    def watch(self, conn: http.client.HTTPConnection) -> threading.Timer:
        """Start a timer that shuts ``conn``'s socket when the deadline passes.

        Shutting a socket wakes a thread blocked reading it, which a timeout does not do
        while bytes keep trickling in.
        """
        timer = threading.Timer(max(0.0, self.end - time.monotonic()), self._shut, (conn,))
        timer.daemon = True
        timer.start()
        return timer

    def _shut(self, conn: http.client.HTTPConnection) -> None:
        self.fired = True
        _shut(conn)


def _shut(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is None:
        return
    # socket.socket's own shutdown: SSLSocket.shutdown would also drop its TLS state under
    # the reading thread's feet. OSError: already closed, nothing left to wake.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _split(url: str) -> SplitResult:
    """``urlsplit``, with a malformed URL (a bad IPv6 literal, say) as a ``FetchError``."""
    try:
        return urlsplit(url)
    except ValueError as exc:
        raise FetchRefused(f"invalid URL: {exc}") from exc


def _check_scheme(url: str) -> None:
    scheme = _split(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "a URL without a scheme"
        raise FetchRefused(f"refused scheme {shown} (only http and https)")


def _resolve(host: str, port: int, deadline: _Deadline) -> list[tuple[int, str]]:
    """``(family, address)`` pairs of ``host``, in the resolver's order, within the deadline.

    ``getaddrinfo`` has no timeout of its own, so it runs in a daemon thread we stop
    waiting for at the deadline (the thread ends when the resolver gives up).
    """
    box: list[object] = []

    def lookup() -> None:
        try:
            box.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            box.append(exc)

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if not box:
        raise FetchTimeout(f"timed out resolving {host} after {deadline.seconds:g} s")
    result = box[0]
    if isinstance(result, OSError):
        raise FetchError(f"cannot resolve {host}: {_reason(result)}")
    assert isinstance(result, list)
    return [(info[0], str(info[4][0])) for info in result]


def _reason(exc: BaseException) -> str:
    """A short one-line reason for a low-level error."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate rejected: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):  # before OSError: its strerror is cryptic
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, http.client.IncompleteRead):
        return "connection closed before the whole body arrived"
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _connector(
    host: str, addresses: list[tuple[int, str]], port: int, deadline: _Deadline
) -> Callable[..., socket.socket]:
    """A replacement for ``socket.create_connection`` that dials the approved addresses only.

    Tries them in order (as ``create_connection`` does); raises ``FetchError`` when none
    answers, naming the last reason.
    """

    def connect(*_args: object, **_kw: object) -> socket.socket:
        reason = "no address to connect to"
        for family, address in addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(deadline.remaining())
                sock.connect((address, port))
                return sock
            except OSError as exc:
                sock.close()
                reason = _reason(exc)
        deadline.remaining()
        raise FetchError(f"cannot connect to {host} port {port}: {reason}")

    return connect


def _guard(policy: Policy, host: str, address: str | None = None) -> None:
    """Refuse (``FetchRefused``) a host or one of its addresses that ``policy`` refuses."""
    reason = policy(address or host)
    if reason is not None:
        shown = host if address is None or address == host else f"{host} ({address})"
        raise FetchRefused(f"refused address {shown}: {reason}")


def _open(url: str, deadline: _Deadline, policy: Policy | None) -> http.client.HTTPConnection:
    """A connection (not yet connected) to ``url``'s host, its addresses judged first."""
    parts = _split(url)
    host = parts.hostname
    if not host:
        raise FetchRefused("URL has no host")
    https = parts.scheme.lower() == "https"
    try:
        port = parts.port or (443 if https else 80)
    except ValueError as exc:
        raise FetchRefused(f"bad port in URL: {exc}") from exc
    if policy is not None:
        _guard(policy, host)
    addresses = _resolve(host, port, deadline)
    if policy is not None:
        for _family, address in addresses:
            _guard(policy, host, address)
    conn: http.client.HTTPConnection
    if https:
        conn = http.client.HTTPSConnection(
            host, port, timeout=deadline.remaining(), context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=deadline.remaining())
    # The TLS layer still checks the certificate against ``host``; only the dialling changes.
    conn._create_connection = _connector(host, addresses, port, deadline)  # type: ignore[attr-defined]
    return conn


def _request(conn: http.client.HTTPConnection, url: str, agent: str) -> http.client.HTTPResponse:
    parts = _split(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = {"User-Agent": agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
    conn.request("GET", target, headers=headers)
    return conn.getresponse()


def _declared_length(response: http.client.HTTPResponse) -> int | None:
    value = response.getheader("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None  # a broken header: the read below still stops at the limit


def _chunks(
    response: http.client.HTTPResponse, max_bytes: int, deadline: _Deadline
) -> Iterator[bytes]:
    """The body as it arrives, refusing more than ``max_bytes`` or going past the deadline."""
    length = _declared_length(response)
    if length is not None and length > max_bytes:
        raise FetchError(f"body of {length} bytes exceeds the limit of {max_bytes} bytes")
    total = 0
    while chunk := response.read1(_CHUNK):
        deadline.remaining()
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"body exceeds the limit of {max_bytes} bytes")
        yield chunk
    deadline.remaining()  # the watchdog's shutdown reads as a clean end: not a whole body


def _body(response: http.client.HTTPResponse, max_bytes: int, deadline: _Deadline) -> bytes:
    """The body, decoded from ``gzip``/``deflate`` content encoding (bounded the same way).

    Compressed bodies are inflated as they arrive, so a bomb stops the download early.
    """
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    chunks = _chunks(response, max_bytes, deadline)
    if encoding in ("identity", ""):
        return b"".join(chunks)
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding {encoding!r}")
    first = next(chunks, b"")
    fmt = "gzip" if encoding != "deflate" else deflate_format(first)
    try:
        return inflate(itertools.chain([first], chunks), max_bytes, fmt)
    except (DecodeError, InputTooLarge) as exc:
        raise FetchError(f"{encoding} body: {exc}") from exc


def _media_type(response: http.client.HTTPResponse) -> tuple[str, str | None]:
    """``(media type, charset)`` of the ``Content-Type`` header."""
    header = response.getheader("Content-Type")
    if not header:
        return "", None
    message = Message()
    message["Content-Type"] = header
    charset = message.get_content_charset()
    return message.get_content_type(), charset.strip() if charset else None


def _status_error(response: http.client.HTTPResponse) -> UpstreamError:
    reason = " ".join((response.reason or "").split())
    return UpstreamError(f"HTTP {response.status} {reason}".rstrip(), response.status)


def _hop(
    url: str, deadline: _Deadline, policy: Policy | None, agent: str, max_bytes: int
) -> Fetched | str:
    """One request: the ``Fetched`` page, or the redirect target URL to go to next."""
    conn = _open(url, deadline, policy)
    watchdog = deadline.watch(conn)
    try:
        response = _request(conn, url, agent)
        location = response.getheader("Location")
        if response.status in REDIRECT_CODES and location:
            return urljoin(url, location.strip())
        if not 200 <= response.status < 300:
            raise _status_error(response)
        body = _body(response, max_bytes, deadline)
        media, charset = _media_type(response)
        return Fetched(url, response.status, media, charset, body)
    except (OSError, http.client.HTTPException) as exc:
        deadline.remaining()  # a socket shut by the watchdog reads as a timeout
        raise FetchError(_reason(exc)) from exc
    finally:
        watchdog.cancel()
        conn.close()


def fetch(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    user_agent: str | None = None,
    allow_private: bool = False,
    policy: Policy = refusal,
) -> Fetched:
    """Fetch ``url`` within ``timeout`` seconds in total; see the module docstring.

    ``allow_private=False`` (the default) connects only to addresses ``policy`` passes
    (``addresses.refusal``: globally routable ones), judged for the first URL and again for
    every redirect target. Raises ``FetchError`` (or one of its subclasses) on any failure.
    """
    agent = user_agent or default_user_agent()
    deadline = _Deadline(timeout)
    guard = None if allow_private else policy
    for _hop_number in range(max_redirects + 1):
        _check_scheme(url)
        result = _hop(url, deadline, guard, agent, max_bytes)
        if isinstance(result, Fetched):
            return result
        url = result
    raise FetchError(f"too many redirects (more than {max_redirects})")


def page_kind(content_type: str) -> Literal["html", "text"] | None:
    """How to read a fetched body by its media type: as HTML, as text, or not at all.

    A missing type counts as HTML (old servers send none; the decoder sniffs the bytes).
    """
    if not content_type or content_type in HTML_TYPES:
        return "html"
    return "text" if content_type in TEXT_TYPES else None
