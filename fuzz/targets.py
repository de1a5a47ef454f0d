"""What the fuzzers check, one function per target, importable without atheris.

In: the fuzzer's bytes. Out: nothing, or an exception that is a finding. Each target
feeds the bytes to one entry point and asserts the contract of ``dehusk.errors``: only
``ExtractionError`` may come out, and a result's ``to_dict()`` encodes as strict UTF-8 JSON.
The first byte picks how the rest is given (bytes; a str with the undecodable bytes as
lone surrogates, ``surrogateescape``; small limits, so the bounds' code paths run too).

``check_warc`` takes the bytes as a whole WARC file (no mode byte).

``fuzz/run.py`` drives these under atheris; ``tests/hardening/test_fuzz_regressions.py``
replays every input kept in ``fuzz/regressions/TARGET/`` through the same function.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from dehusk import Article, ExtractionError, Options, extract, extract_text
from dehusk.sources.warc import http_payload, read_warc  # here, so atheris instruments it

#: Limits small enough for short inputs to pass them (bounds, flattening, the size check).
SMALL = Options(max_bytes=4096, max_depth=8, max_nodes=64, max_attributes=4)


def _given(data: bytes) -> tuple[bytes | str, Options]:
    mode, rest = (data[0] % 3, data[1:]) if data else (0, data)
    if mode == 1:
        return rest.decode("utf-8", "surrogateescape"), Options()
    return rest, SMALL if mode == 2 else Options()


def _run(entry: Callable[..., Article], data: bytes) -> None:
    page, options = _given(data)
    try:
        article = entry(page, "https://example.org/a/b.html", options=options)
    except ExtractionError:
        return
    json.dumps(article.to_dict(annotate=True), ensure_ascii=False).encode("utf-8")


def check_extract(data: bytes) -> None:
    _run(extract, data)


def check_text(data: bytes) -> None:
    _run(extract_text, data)


_SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())


def check_warc(data: bytes) -> None:
    """The bytes as a WARC file: every record read (bounded), every HTTP block decoded.

    FastWARC needs a file; it is written to shared memory when there is some. Only the
    reader's ``DamagedArchive`` and the payload's ``ExtractionError``s may come out.
    """
    with tempfile.NamedTemporaryFile(dir=_SCRATCH, suffix=".warc") as file:
        file.write(data)
        file.flush()
        try:
            for entry in read_warc(file.name, 1 << 20):
                if entry.block is not None:
                    with contextlib.suppress(ExtractionError):
                        http_payload(entry.block, 1 << 20)
        except ExtractionError:  # DamagedArchive is a DecodeError
            return


TARGETS: dict[str, Callable[[bytes], None]] = {
    "extract": check_extract,
    "text": check_text,
    "warc": check_warc,
}
