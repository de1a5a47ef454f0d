"""The ASGI application: ``POST /extract``, ``GET /health``, ``/openapi.json`` and the page.

In: ``Settings``. Out: ``create_app(settings)``, a Starlette app whose lifespan starts and
stops the worker pool; ``serve(settings, host, port)`` runs it under uvicorn.

Statuses (each declared in ``openapi.py``): 200; 400 invalid JSON or fields; 403 a URL the
fetcher refuses (address or scheme); 408 body too slow; 413 body too large; 415 a fetched
page that is neither HTML nor text; 422 input that is not a page; 500 a bug; 502 the
upstream server failed (its status in ``upstream_status``) or could not be reached; 503 no
worker free, or too many open connections (uvicorn's ``limit_concurrency``); 504 the fetch
or the extraction ran past its limit.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dehusk.errors import FetchError, FetchRefused, FetchTimeout, UpstreamError
from dehusk.render import XRAY_COLOURS
from dehusk.service.openapi import document
from dehusk.service.pool import Busy, Crashed, TimedOut, WorkerPool
from dehusk.service.requests import ExtractRequest, Refusal, parse_request, read_body
from dehusk.service.work import Done, Job
from dehusk.sources.url import fetch, page_kind

STATIC = files("dehusk.service") / "static"

#: The page's Content-Security-Policy: scripts, styles and requests to this origin only;
#: images only from this origin, so a remote image of the article is never loaded (the page
#: shows its caption and a link instead: reading through dehusk tells the origin nothing);
#: no plugins, frames, forms or <base> rewriting.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: The X-ray's tint of each label, from the one table the CLI's X-ray uses too.
LABELS_CSS = "".join(f".l-{label}{{background:{tint}}}\n" for label, tint in XRAY_COLOURS.items())
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """How the service runs; every limit has a documented default (docs/guide.md)."""

    allow_private: bool = False  # fetch URLs on loopback and private networks too
    workers: int = max(1, os.cpu_count() or 1)
    time_limit: float = 30.0  # seconds of extraction per request
    wait_limit: float = 30.0  # seconds a request may wait for a free worker
    max_body: int = 64 * 1024 * 1024  # bytes of request body
    body_timeout: float = 30.0  # seconds for the whole request body to arrive
    fetch_timeout: float = 10.0  # seconds for a whole URL fetch, redirects included
    fetch_max_bytes: int = 64 * 1024 * 1024  # bytes of a fetched page, decompressed
    max_connections: int = 256  # open connections past this get 503 from uvicorn


def _error(refusal: Refusal) -> JSONResponse:
    return JSONResponse(refusal.body(), status_code=refusal.status)


def _fetch_refusal(exc: FetchError) -> Refusal:
    reason = " ".join(str(exc).split())
    if isinstance(exc, FetchRefused):
        return Refusal(403, "refused", reason)
    if isinstance(exc, FetchTimeout):
        return Refusal(504, "upstream_timeout", reason)
    if isinstance(exc, UpstreamError):
        return Refusal(502, "upstream_error", reason, exc.status)
    return Refusal(502, "upstream_unreachable", reason)


async def _job(request: ExtractRequest, settings: Settings) -> Job:
    """The worker's job: the inline page, or the page fetched from ``request.url``."""
    if request.mode is not None:
        return Job(request.mode, request.data, request.url, None, request.options, request.format)
    assert request.url is not None
    try:
        page = await asyncio.to_thread(
            fetch,
            request.url,
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
            allow_private=settings.allow_private,
        )
    except FetchError as exc:
        raise _fetch_refusal(exc) from None
    mode = page_kind(page.content_type)
    if mode is None:
        raise Refusal(415, "unsupported_type", f"{page.content_type} is neither HTML nor text")
    return Job(mode, page.body, page.url, page.charset, request.options, request.format)


async def _extract(pool: WorkerPool, job: Job) -> dict[str, Any]:
    try:
        answer = await pool.run(job)
    except Busy as exc:
        raise Refusal(503, "busy", str(exc)) from None
    except TimedOut as exc:
        raise Refusal(504, "extraction_timeout", str(exc)) from None
    except Crashed as exc:
        raise Refusal(500, "internal", str(exc)) from None
    if isinstance(answer, Done):
        return answer.result
    status = 422 if answer.kind == "unprocessable" else 500
    raise Refusal(status, answer.kind, answer.message)


def create_app(settings: Settings | None = None) -> Starlette:
    """The service as an ASGI app (see the module docstring)."""
    settings = settings or Settings()
    pool = WorkerPool(settings.workers, settings.time_limit, settings.wait_limit)

    async def extract(request: Request) -> Response:
        try:
            body = await read_body(request, settings.max_body, settings.body_timeout)
            job = await _job(parse_request(body), settings)
            return JSONResponse(await _extract(pool, job))
        except Refusal as refusal:
            return _error(refusal)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "workers": pool.alive})

    async def openapi(request: Request) -> Response:
        return JSONResponse(document(settings))

    async def index(request: Request) -> Response:
        return FileResponse(str(STATIC / "index.html"))

    async def labels(request: Request) -> Response:
        return Response(LABELS_CSS, media_type="text/css")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/extract", extract, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
            Route("/labels.css", labels, methods=["GET"]),
            Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(_Headers)
    return app


class _Headers:
    """Adds ``SECURITY_HEADERS`` to every response (the page, its scripts, the JSON)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the service under uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        limit_concurrency=settings.max_connections,
    )
