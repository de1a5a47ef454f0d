"""The service's OpenAPI 3.0 document, written out by hand.

In: the service ``Settings`` (their limits appear in the descriptions). Out: ``document``,
the dict served at ``/openapi.json``. It declares every status each operation can return
(``app.py`` lists why each happens); the property tests generate requests from it.

By hand rather than generated: the service has three operations and its request is one
JSON object checked by ``requests.parse_request``; a generator (FastAPI) would bring a
model layer (pydantic) to describe what this dict says directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dehusk.article import INCLUDE_CHOICES, NULLABLE_FACTS, Label
from dehusk.service.requests import MODELS
from dehusk.service.work import FORMATS

if TYPE_CHECKING:
    from dehusk.service.app import Settings

_PARTS = {"type": "array", "items": {"type": "string", "enum": sorted(INCLUDE_CHOICES)}}
_NULLABLE_STRING = {"type": "string", "nullable": True}

REQUEST: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "description": "The page inline (`html` or `text`; `url` is then only its address) or "
    "a `url` to fetch, and the extraction options.",
    "properties": {
        "html": {"type": "string", "description": "the page's HTML"},
        "text": {"type": "string", "description": "a page flattened to text (text mode)"},
        "url": {"type": "string", "format": "uri", "description": "absolute http(s) URL"},
        "include": {**_PARTS, "description": "optional parts to put in `text`"},
        "exclude": {**_PARTS, "description": "parts to take out"},
        "annotate": {"type": "boolean", "description": "blocks carry score and locator"},
        "model": {"type": "string", "enum": list(MODELS)},
        "format": {"type": "string", "enum": list(FORMATS), "description": "adds `rendered`"},
    },
    "anyOf": [{"required": ["html"]}, {"required": ["text"]}, {"required": ["url"]}],
    "not": {"required": ["html", "text"]},
}

_SPAN = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "href": {"type": "string"},
        "kind": {"type": "string", "enum": ["strong", "em", "code"]},
    },
}
_BLOCK = {
    "type": "object",
    "required": ["label", "text", "main"],
    "properties": {
        "label": {"type": "string", "enum": [str(label) for label in Label]},
        "text": {"type": "string"},
        "main": {"type": "boolean"},
        "level": {"type": "integer"},
        "ordered": {"type": "boolean"},
        "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
        "duplicate_of": {"type": "integer"},
        "score": {"type": "number", "nullable": True},
        "locator": _NULLABLE_STRING,
        "links": {"type": "array", "items": _SPAN},
        "marks": {"type": "array", "items": _SPAN},
    },
}
_IMAGE = {
    "type": "object",
    "required": ["src", "alt", "caption", "credit", "position"],
    "properties": {
        "src": {"type": "string"},
        "alt": {"type": "string"},
        "caption": {"type": "string"},
        "credit": {"type": "string"},
        "position": {"type": "integer", "nullable": True},
    },
}
_STRINGS = {"type": "array", "items": {"type": "string"}}
ARTICLE: dict[str, Any] = {
    "type": "object",
    "description": "The data contract (`Article.to_dict`), plus `rendered` when asked for.",
    "required": ["url", "title", "authors", "published", "text", "blocks", "warnings"],
    "properties": {
        **{name: _NULLABLE_STRING for name in ("url", "canonical_url", *NULLABLE_FACTS)},
        "title": {"type": "string"},
        "authors": _STRINGS,
        "author_bios": _STRINGS,
        "tags": _STRINGS,
        "page_type": {"type": "string"},
        "images": {"type": "array", "items": _IMAGE},
        "text": {"type": "string"},
        "blocks": {"type": "array", "items": _BLOCK},
        "warnings": _STRINGS,
        "rendered": {"type": "string"},
    },
}
ERROR: dict[str, Any] = {
    "type": "object",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string", "description": "a code word: invalid_json, refused, …"},
        "detail": {"type": "string", "description": "the reason, one line"},
        "upstream_status": {"type": "integer", "description": "the fetched server's status"},
    },
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def document(settings: Settings) -> dict[str, Any]:
    """The OpenAPI document of a service run with ``settings``."""
    mib = settings.max_body // (1024 * 1024)
    extract_responses = {
        "200": {
            "description": "the article",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}},
        },
        "400": _error("the body is not JSON, or a field is missing or wrong"),
        "403": _error("the URL (or a redirect) names an address or scheme the fetcher refuses"),
        "408": _error(f"the body did not arrive within {settings.body_timeout:g} s"),
        "413": _error(f"the body is larger than {mib} MiB"),
        "415": _error("the fetched page is neither HTML nor text"),
        "422": _error("the input is not a page (binary, too large once decoded)"),
        "500": _error("a bug in dehusk, or a worker that died"),
        "502": _error("the page's server failed (`upstream_status`) or could not be reached"),
        "503": _error(
            f"every worker stayed busy for {settings.wait_limit:g} s, or more than "
            f"{settings.max_connections} connections are open"
        ),
        "504": _error(
            f"the fetch ({settings.fetch_timeout:g} s) or the extraction "
            f"({settings.time_limit:g} s) ran past its limit"
        ),
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "dehusk",
            "version": _version(),
            "description": "The article alone. Besides the statuses of each operation, any "
            "path answers 404 when unknown and 405 (with `Allow`) for a method it does not "
            "take; `/` is the web page (HTML).",
        },
        "paths": {
            "/extract": {
                "post": {
                    "summary": "Extract the article of a page",
                    "operationId": "extract",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ExtractRequest"}
                            }
                        },
                    },
                    "responses": extract_responses,
                }
            },
            "/health": {
                "get": {
                    "summary": "Whether the service runs, and its live workers",
                    "operationId": "health",
                    "responses": {
                        "200": {"description": "running", "content": _HEALTH},
                        "503": {"description": "too many open connections"},
                    },
                }
            },
        },
        "components": {"schemas": {"ExtractRequest": REQUEST, "Article": ARTICLE, "Error": ERROR}},
    }


_HEALTH = {
    "application/json": {
        "schema": {
            "type": "object",
            "required": ["status", "workers"],
            "properties": {"status": {"type": "string"}, "workers": {"type": "integer"}},
        }
    }
}


def _version() -> str:
    from dehusk import __version__

    return __version__
