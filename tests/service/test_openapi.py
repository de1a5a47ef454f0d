"""Property tests generated from the service's own OpenAPI document (schemathesis).

Requests are generated from ``/openapi.json`` of the guarded service (the defaults of a
public deployment) and sent to it on loopback. Checks that apply, by name:

- ``not_a_server_error`` — no generated request gets a 5xx;
- ``status_code_conformance`` — every status returned is declared for the operation;
- ``content_type_conformance`` — the response's media type is the declared one;
- ``response_schema_conformance`` — the JSON matches the declared schema (data contract
  or error);
- ``response_headers_conformance`` — declared headers are present;
- ``unsupported_method`` — a method the document does not declare gets 405 with ``Allow``;
- ``negative_data_rejection`` — a request that breaks the schema gets a 4xx (negative mode).

Left out as not applying: ``positive_data_acceptance`` (a schema-valid ``url`` is refused
with 403 on purpose), the resource and auth checks (the service has neither), and
``max_response_time`` (a shared machine's timings are noise).

No generated URL leaves the machine: the document's ``url`` is narrowed to loopback
literals, which the guarded service refuses before any connection, and a case whose
``url`` names anything else (negative mode may invent one) is not sent at all.
"""

from __future__ import annotations

import copy
import json
import urllib.request
from urllib.parse import urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import BaseSchema, Case, GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

LOOPBACK_URLS = ["http://127.0.0.1:9/page", "http://[::1]:9/", "http://[::ffff:127.0.0.1]/"]
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
CHECKS = [
    unsupported_method,
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture(scope="module")
def api_schema(guarded_service: str) -> BaseSchema:
    with urllib.request.urlopen(f"{guarded_service}/openapi.json", timeout=10) as response:
        document = json.loads(response.read())
    local = copy.deepcopy(document)
    local["components"]["schemas"]["ExtractRequest"]["properties"]["url"] = {
        "type": "string",
        "enum": LOOPBACK_URLS,
    }
    return schemathesis.openapi.from_dict(local)


def _stays_local(case: Case) -> bool:
    body = case.body if isinstance(case.body, dict) else {}
    url = body.get("url")
    if not isinstance(url, str) or not url.lower().startswith(("http:", "https:")):
        return True
    try:
        return urlsplit(url).hostname in LOOPBACK_HOSTS
    except ValueError:
        return True  # not a URL the service would fetch


@pytest.mark.parametrize(
    ("path", "mode"),
    [
        ("/extract", GenerationMode.POSITIVE),
        ("/extract", GenerationMode.NEGATIVE),
        ("/health", GenerationMode.POSITIVE),  # it takes nothing: no negative case exists
    ],
)
def test_generated_requests(
    api_schema: BaseSchema, guarded_service: str, path: str, mode: GenerationMode
) -> None:
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().path == path)
    checks = [*CHECKS, negative_data_rejection] if mode is GenerationMode.NEGATIVE else CHECKS
    sent = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: Case) -> None:
        if _stays_local(case):  # never send a case that names a host off the machine
            case.call_and_validate(base_url=guarded_service, checks=checks)
            sent.append(case)

    run()
    assert sent
