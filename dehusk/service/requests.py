"""Reading and checking an ``/extract`` request: bytes as they stream in, then the JSON.

In: the ASGI ``receive`` stream and limits; then the parsed JSON object. Out: the body
bytes (or ``Refusal`` with the status to answer: 408 too slow, 413 too large), and an
``ExtractRequest`` (or ``Refusal`` 400 naming the field that is wrong).

The body is counted chunk by chunk as it arrives, whether the client declared a
``Content-Length`` or sent it chunked, and reading stops at the first byte past the limit:
a declared length alone is not trusted, and a chunked upload has none. One deadline covers
the whole body, so a client that drips a byte a second is cut off like a silent one.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, get_args
from urllib.parse import urlsplit

from starlette.requests import Request

from dehusk.article import INCLUDE_CHOICES, Options
from dehusk.service.work import FORMATS, Format, Mode

#: Classifier choices a remote client may make. ``Options.model`` also takes a path to
#: weights on disk, which a remote client must never name (it would read the server's files).
MODELS = ("default", "rules")
FIELDS = frozenset({"html", "text", "url", "include", "exclude", "annotate", "model", "format"})


@dataclass(frozen=True, slots=True)
class Refusal(Exception):
    """A request answered with an error status: ``status``, a code word and the reason."""

    status: int
    error: str
    detail: str
    upstream_status: int | None = None

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.error, "detail": self.detail}
        if self.upstream_status is not None:
            out["upstream_status"] = self.upstream_status
        return out


@dataclass(frozen=True, slots=True)
class ExtractRequest:
    """A checked ``/extract`` request: the page given inline (``mode``/``data``) or a URL."""

    mode: Mode | None  # None: fetch ``url``
    data: str
    url: str | None
    options: Options
    format: Format | None


async def read_body(request: Request, max_bytes: int, timeout: float) -> bytes:
    """The request body, counted as it streams; ``Refusal`` 413 past ``max_bytes``, 408
    when the whole body has not arrived within ``timeout`` seconds."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise Refusal(413, "too_large", f"body of {declared} bytes exceeds {max_bytes} bytes")
    chunks: list[bytes] = []
    total = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                total += len(chunk)
                if total > max_bytes:
                    raise Refusal(413, "too_large", f"body exceeds {max_bytes} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise Refusal(408, "timeout", f"request body not received within {timeout:g} s") from None
    return b"".join(chunks)


def _strings(value: object, name: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Refusal(400, "invalid", f"{name} must be a list of strings")
    unknown = set(value) - INCLUDE_CHOICES
    if unknown:
        choices = ", ".join(sorted(INCLUDE_CHOICES))
        raise Refusal(400, "invalid", f"{name}: unknown {sorted(unknown)}; choose from {choices}")
    return frozenset(value)


def _page(data: dict[str, Any]) -> tuple[Mode | None, str, str | None]:
    """(mode, inline page, url) of the request: exactly one of html, text, url is the page."""
    given = [key for key in ("html", "text") if key in data]
    if len(given) > 1:
        raise Refusal(400, "invalid", "give one of html and text, not both")
    url = data.get("url")
    if url is not None:
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refusal(400, "invalid", "url must be an absolute http or https URL")
    if not given:
        if url is None:
            raise Refusal(400, "invalid", "give the page as html, text or url")
        return None, "", url
    page = data[given[0]]
    if not isinstance(page, str):
        raise Refusal(400, "invalid", f"{given[0]} must be a string")
    return given[0], page, url


def parse_request(body: bytes) -> ExtractRequest:
    """The checked request in ``body``; ``Refusal`` 400 for JSON or fields that are wrong."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise Refusal(400, "invalid_json", f"body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refusal(400, "invalid", "body must be a JSON object")
    unknown = set(data) - FIELDS
    if unknown:
        raise Refusal(400, "invalid", f"unknown field(s): {', '.join(sorted(unknown))}")
    mode, page, url = _page(data)
    annotate = data.get("annotate", False)
    model = data.get("model", "default")
    fmt = data.get("format")
    if not isinstance(annotate, bool):
        raise Refusal(400, "invalid", "annotate must be true or false")
    if model not in MODELS:
        raise Refusal(400, "invalid", f"model must be one of {', '.join(MODELS)}")
    if fmt is not None and fmt not in get_args(Format):
        raise Refusal(400, "invalid", f"format must be one of {', '.join(FORMATS)}")
    options = Options(
        include=_strings(data.get("include", []), "include") | {"tables"},
        exclude=_strings(data.get("exclude", []), "exclude"),
        annotate=annotate,
        model=model,
    )
    return ExtractRequest(mode, page, url, options, fmt)
