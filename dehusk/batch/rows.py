"""One record in, one row out: the data contract plus where the record came from.

In: a ``Task`` — one record to extract (a WARC response block, a resource document, a page
file, a JSON Lines page), with its ``source`` key, URL and fetch date. Out: the row, a dict
that is ``Article.to_dict()`` plus

- ``source``: ``{"file", "offset", "record_id"}`` for a WARC record, the path for a page
  file, ``{"file", "line"}`` for a JSON Lines line (a WARC can hold one URL many times, so
  the URL is no key);
- ``url`` (the record's target URI), ``fetched`` (its ``WARC-Date``; never ``published``);
- ``skipped: "<reason>"`` for a record that is no page to extract (``SKIP_REASONS``), or
  ``error: "<message>"`` when extraction failed; either way the article fields are empty.

``process(task, config)`` is what a worker runs; it never raises for a bad record.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from dehusk.article import Article, Options
from dehusk.errors import DehuskError
from dehusk.pipeline import extract
from dehusk.sources.files import read_path
from dehusk.sources.warc import HTML_TYPES, http_payload, media_type
from dehusk.textmode import extract_text

Mode = Literal["http", "html", "text", "path"]
#: Why a record gives a row without an article (the reason's first word; details follow).
SKIP_REASONS = {
    "revisit": "a revisit record points at a payload stored elsewhere",
    "status": "the HTTP status is not 200 (a redirect, a 404, a server error)",
    "type": "the media type is not text/html or application/xhtml+xml (a PDF, an image)",
    "truncated": "the crawler cut the record short (WARC-Truncated)",
}
#: Page files read in text mode (flattened text, ``dehusk.extract_text``), by name.
TEXT_SUFFIXES = (".txt", ".txt.gz", ".text")


@dataclass(frozen=True, slots=True)
class Config:
    """What every record of a run is extracted with.

    ``extractor``, when set, names another HTML extractor as ``"module:function"``, called
    as ``function(html, url, encoding=...) -> Article`` instead of ``dehusk.extract`` (the
    benchmark runs trafilatura through the same reader and pool this way).
    """

    options: Options
    max_record_bytes: int
    extractor: str = ""


@functools.cache
def _plugin(name: str) -> Callable[..., Article]:
    module, _, function = name.partition(":")
    found: Callable[..., Article] = getattr(importlib.import_module(module), function)
    return found


@dataclass(frozen=True, slots=True)
class Task:
    """One record to extract: how to read ``data`` (``Mode``), its key, URL and date."""

    source: Any
    url: str | None
    fetched: str | None
    mode: Mode
    data: bytes | str | None = None
    encoding: str | None = None


def empty_row(
    source: Any,
    url: str | None,
    fetched: str | None,
    *,
    error: str | None = None,
    skipped: str | None = None,
) -> dict[str, Any]:
    """A row with no article: the contract's fields empty, and why (``error``/``skipped``)."""
    row = Article(text="", url=url).to_dict()
    row["page_type"] = None
    row.update(source=source, fetched=fetched)
    if error is not None:
        row["error"] = error
    if skipped is not None:
        row["skipped"] = skipped
    return row


def article_row(article: Article, task: Task, options: Options) -> dict[str, Any]:
    row = article.to_dict(options.annotate)
    row.update(url=task.url, source=task.source, fetched=task.fetched)
    return row


def message(exc: BaseException) -> str:
    """One line saying what went wrong (a bug in dehusk says so)."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    elif isinstance(exc, DehuskError | MemoryError | RecursionError):
        text = str(exc) or type(exc).__name__
    else:
        text = f"internal error: {type(exc).__name__}: {exc}"
    return " ".join(text.split()) or type(exc).__name__


def _article(task: Task, config: Config) -> Article | str:
    """The article of a task, or the skip reason of a record that is no page."""
    options = config.options
    data, encoding = task.data, task.encoding
    if task.mode == "http":
        assert isinstance(data, bytes)
        payload = http_payload(data, config.max_record_bytes)
        if payload.status != 200:
            return f"status: {payload.status}"
        if payload.media_type not in HTML_TYPES:
            return f"type: {payload.media_type}"
        data, encoding = payload.body, payload.charset
    elif task.mode == "path":
        path = str(task.source)
        data = read_path(path, config.max_record_bytes)
        if path.lower().endswith(TEXT_SUFFIXES):
            return extract_text(data, task.url, options=options)
    elif task.mode == "text":
        assert data is not None
        return extract_text(data, task.url, options=options)
    assert data is not None
    if config.extractor:
        return _plugin(config.extractor)(data, task.url, encoding=encoding)
    return extract(data, task.url, encoding=encoding, options=options)


def process(task: Task, config: Config) -> dict[str, Any]:
    """The row of one task; a failure is an ``error`` row, never an exception."""
    try:
        result = _article(task, config)
    except Exception as exc:  # one bad record must not stop the run
        return empty_row(task.source, task.url, task.fetched, error=message(exc))
    if isinstance(result, str):
        return empty_row(task.source, task.url, task.fetched, skipped=result)
    return article_row(result, task, config.options)


def resource_mode(content_type: str) -> tuple[str | None, str | None]:
    """A resource record's skip reason (None when it is a page) and its charset."""
    media, charset = media_type(content_type)
    return (None if media in HTML_TYPES else f"type: {media}"), charset


Status = Literal["ok", "error", "skipped"]


def encode(row: dict[str, Any]) -> tuple[str, Status]:
    """A row as one JSON Lines line (UTF-8 as is, no escapes) and whether it is an article."""
    status: Status = "error" if "error" in row else "skipped" if "skipped" in row else "ok"
    return json.dumps(row, ensure_ascii=False) + "\n", status
