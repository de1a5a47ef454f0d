"""What the fuzzers check, one function per target, importable without atheris.

In: the fuzzer's bytes. Out: nothing, or an exception that is a finding. Each target
feeds the bytes to one entry point and asserts the contract of ``dehusk.errors``: only
``ExtractionError`` may come out, and a result's ``to_dict()`` encodes as strict UTF-8 JSON.
The first byte picks how the rest is given (bytes; a str with the undecodable bytes as
lone surrogates, ``surrogateescape``; small limits, so the bounds' code paths run too).

``fuzz/run.py`` drives these under atheris; ``tests/hardening/test_fuzz_regressions.py``
replays every input kept in ``fuzz/regressions/TARGET/`` through the same function.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from dehusk import ExtractionError, Options, extract, extract_text

#: Limits small enough for short inputs to pass them (bounds, flattening, the size check).
SMALL = Options(max_bytes=4096, max_depth=8, max_nodes=64, max_attributes=4)


def _given(data: bytes) -> tuple[bytes | str, Options]:
    mode, rest = (data[0] % 3, data[1:]) if data else (0, data)
    if mode == 1:
        return rest.decode("utf-8", "surrogateescape"), Options()
    return rest, SMALL if mode == 2 else Options()


def _encodes(to_dict: dict[str, object]) -> None:
    json.dumps(to_dict, ensure_ascii=False).encode("utf-8")


def check_extract(data: bytes) -> None:
    page, options = _given(data)
    try:
        article = extract(page, "https://example.org/a/b.html", options=options)
    except ExtractionError:
        return
    _encodes(article.to_dict(annotate=True))


def check_text(data: bytes) -> None:
    page, options = _given(data)
    try:
        article = extract_text(page, "https://example.org/a", options=options)
    except ExtractionError:
        return
    _encodes(article.to_dict(annotate=True))


TARGETS: dict[str, Callable[[bytes], None]] = {"extract": check_extract, "text": check_text}
