"""The hostile inputs, each with the one outcome it must come to, and a runner for the CLI.

Shared by ``test_hostile.py`` and ``benchmarks/hostile_bench.py``. An input is bytes made
here (nothing downloaded); its outcome is one of

- ``text``: ``dehusk extract`` exits 0, prints the article (``expect`` in its text), says
  nothing on standard error; ``fired`` is in the JSON's warnings (the limit that fired);
- ``empty``: exits 0, prints an empty article, and the one standard-error line
  ``dehusk: PATH: warning: no article text found``; ``fired`` is in the JSON's warnings;
- ``error``: exits 1, prints no article (nothing, or the input's JSON row with an ``error``
  field), and exactly one standard-error line holding ``fired``.

``run_cli`` runs the command in a child process under a 2 GiB address-space limit
(``RLIMIT_AS``), so an input that needs more memory fails the test instead of the machine.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

#: The address space each run may use, as the issue asks.
MEMORY_LIMIT = 2 << 30
#: A hang guard, not a timing assertion: the slowest input (50 MB text node) takes ~25 s
#: on a quiet machine and 140 s was seen on a loaded one.
HANG_SECONDS = 400

STORY = (
    "The one paragraph of this article is long enough to be read as the story of the page, "
    "and it says so plainly in words a reader would recognise."
)
FRENCH = "Le café était très bon, et la réunion a été très longue à la mairie du village."
RUSSIAN = "Вчера в Москве прошёл большой городской праздник, и тысячи жителей вышли на улицы."


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>A page</title></head><body>{body}</body></html>"


def article(text: str = STORY, head: str = "") -> str:
    return page(f"<article><h1>A headline</h1><p>{text}</p></article>", head)


def _gzip_bomb() -> bytes:
    """200 MB of zeros, gzipped to ~200 KB: far past the 64 MB default limit."""
    out = gzip.compress(b"<html><body><p>", 1)
    return out + gzip.compress(bytes(200 << 20), 9)


def _jsonld_deep(depth: int) -> str:
    data = '{"a":' * depth + "1" + "}" * depth
    return article(head=f'<script type="application/ld+json">{data}</script>')


def _dates() -> str:
    head = (
        '<meta property="article:published_time" content="0000-00-00">'
        '<meta name="date" content="99999-01-01T00:00:00Z">'
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"A headline",'
        '"datePublished":"99999-12-31T00:00:00Z","dateModified":"0000-00-00T00:00:00"}</script>'
    )
    body = (
        '<article><h1>A headline</h1><time datetime="99999-01-01">1 January 99999</time>'
        f'<time datetime="0000-00-00">0000-00-00</time><p>{STORY}</p></article>'
    )
    return page(body, head)


Outcome = Literal["text", "empty", "error"]


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    outcome: Outcome
    fired: str = ""
    expect: str = ""
    suffix: str = ".html"
    args: tuple[str, ...] = ()
    #: Run in a child of its own (big inputs, so their memory is theirs alone).
    alone: bool = False
    #: The child's address-space limit (RLIMIT_AS, as ``ulimit -v`` sets it).
    memory: int = MEMORY_LIMIT


def _utf8(make: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: make().encode("utf-8")


_LINK = '<a href="/next">next</a> '
CASES: tuple[Case, ...] = (
    Case("empty", lambda: b"", "empty", "no article text found"),
    Case("whitespace-only", lambda: b" \n\t\r\n\x0c " * 1000, "empty", "no article text found"),
    Case(
        "nul-bytes-in-text",
        _utf8(lambda: article(STORY.replace(" ", "\0 ", 5))),
        "text",
        "",
        "plainly",
    ),
    Case("all-nul", lambda: bytes(100_000), "error", "binary"),
    Case("binary-junk", lambda: random.Random(0).randbytes(100_000), "error", "binary"),
    Case(
        "invalid-utf-8",
        lambda: article(FRENCH).encode() + b"\xff\xfe\xc3",
        "text",
        "invalid UTF-8 bytes replaced",
        "très bon",
    ),
    Case(
        "utf-16-no-bom",
        lambda: article(RUSSIAN).encode("utf-16-le"),
        "text",
        "charset detected as utf-16-le",
        "большой городской",
    ),
    Case(
        "undeclared-cp1252",
        lambda: article(FRENCH).encode("cp1252"),
        "text",
        "charset detected as cp1252",
        "très bon",
    ),
    Case(
        "lying-meta-charset",
        lambda: article(FRENCH, '<meta charset="shift_jis">').encode(),
        "text",
        "",
        "très bon",
    ),
    Case(
        "nested-divs-100k",
        _utf8(lambda: page("<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000)),
        "text",
        "nested deeper than 256 levels flattened",
        "plainly",
    ),
    Case(
        "nested-lists-10k",
        _utf8(lambda: page("<ul><li>" * 10_000 + f"<p>{STORY}</p>" + "</li></ul>" * 10_000)),
        "text",
        "nested deeper than 256 levels flattened",
        "plainly",
    ),
    Case(
        "nested-tables-5k",
        _utf8(lambda: page("<table><tr><td>" * 5_000 + STORY + "</td></tr></table>" * 5_000)),
        "text",
        "nested deeper than 256 levels flattened",
        "plainly",
    ),
    Case(
        "siblings-1m",
        _utf8(lambda: page(f"<article><p>{STORY}</p>" + "<p>x</p>" * 1_000_000 + "</article>")),
        "text",
        "more than 100000 elements",
        "plainly",
        alone=True,
    ),
    Case(
        "images-200k",
        _utf8(lambda: page(f"<article><p>{STORY}</p>" + '<img src="a.jpg">' * 200_000)),
        "text",
        "more than 100000 elements",
        "plainly",
    ),
    Case(
        "links-30k",
        _utf8(lambda: page(f"<article><p>{STORY}</p><p>" + _LINK * 30_000 + "</p></article>")),
        "text",
        "",
        "plainly",
    ),
    Case(
        "text-node-50mb",
        _utf8(lambda: page("<article><p>" + "word " * 10_000_000 + "</p></article>")),
        "text",
        "",
        "word word",
        alone=True,
    ),
    Case(
        "word-5mb",
        _utf8(lambda: article(STORY + " " + "a" * 5_000_000)),
        "text",
        "",
        "plainly",
    ),
    Case(
        "over-max-bytes",
        _utf8(lambda: article(STORY * 20_000)),
        "error",
        "larger than the limit of 1048576 bytes",
        args=("--max-bytes", "1M"),
    ),
    Case(
        "gzip-bomb",
        _gzip_bomb,
        "error",
        "decompressed size exceeds the limit of 67108864 bytes",
        suffix=".html.gz",
    ),
    Case(
        "truncated-gzip",
        lambda: gzip.compress(article().encode())[:-12],
        "error",
        "truncated",
        suffix=".html.gz",
    ),
    Case(
        "unclosed-comment",
        _utf8(lambda: "<html><body><!-- " + article()),
        "empty",
        "no article text found",
    ),
    Case(
        "unclosed-cdata", _utf8(lambda: "<html><body><![CDATA[ " + article()), "text", "", "plainly"
    ),
    Case(
        "script-holding-end-tag",
        _utf8(
            lambda: article(head='<script>var s = "</script><p>not the story</p>"; x = "</script>"')
        ),
        "text",
        "",
        "plainly",
    ),
    Case(
        "unclosed-script",
        _utf8(lambda: page(f"<p>{STORY}</p><script>var a = 1;")),
        "text",
        "",
        "plainly",
    ),
    Case(
        "unclosed-title",
        _utf8(lambda: f"<html><head><title>T</head><body><article><p>{STORY}</p></article>"),
        "text",
        "unclosed <title> closed",
        "plainly",
    ),
    Case(
        "jsonld-10k-deep",
        _utf8(lambda: _jsonld_deep(10_000)),
        "text",
        "JSON-LD block(s) could not be parsed",
        "plainly",
    ),
    Case("jsonld-900-deep", _utf8(lambda: _jsonld_deep(900)), "text", "", "plainly"),
    Case(
        "jsonld-100k-blocks",
        _utf8(
            lambda: article(
                head='<script type="application/ld+json">{"@type":"WebPage","name":"x"}</script>'
                * 60_000
            )
        ),
        "text",
        "",
        "plainly",
    ),
    Case(
        "jsonld-2mb-string",
        _utf8(
            lambda: article(
                head='<script type="application/ld+json">{"@type":"NewsArticle","headline":"'
                + "h" * 2_000_000
                + '"}</script>'
            )
        ),
        "text",
        "",
        "plainly",
    ),
    Case("impossible-dates", _utf8(_dates), "text", "", "plainly"),
    Case(
        "attributes-200k",
        _utf8(
            lambda: page(
                "<article "
                + " ".join(f"a{i}=1" for i in range(200_000))
                + f"><p>{STORY}</p></article>"
            )
        ),
        "text",
        "more than 256 attributes",
        "plainly",
    ),
    Case(  # a quoted ">" does not end a tag: the attribute bound must still see the tag
        "attributes-200k-quoted-gt",
        _utf8(
            lambda: page(
                "<article "
                + " ".join(f'a{i}="x>y"' for i in range(200_000))
                + f"><p>{STORY}</p></article>"
            )
        ),
        "text",
        "more than 256 attributes",
        "plainly",
    ),
    Case(
        "attributes-200k-quoted-lt",
        _utf8(
            lambda: page(
                "<article "
                + " ".join(f"a{i}='x<y'" for i in range(200_000))
                + f"><p>{STORY}</p></article>"
            )
        ),
        "text",
        "more than 256 attributes",
        "plainly",
    ),
    Case(  # 17 s before titles longer than MAX_DECLARED_TITLE were left unread
        "jsonld-10mb-title",
        _utf8(
            lambda: article(
                head='<script type="application/ld+json">{"@type":"NewsArticle","headline":"'
                + "word " * 2_000_000
                + '"}</script>'
            )
        ),
        "text",
        "",
        "plainly",
    ),
    Case(  # a page made slow by its size, under a tiny limit: the time limit is what fires
        "time-limit",
        _utf8(lambda: article("".join(f"{STORY} </p><p>" for _ in range(40_000)))),
        "error",
        "time limit of 0.05 s (CPU) passed",
        args=("--time-limit", "0.05"),
    ),
    Case(  # the address-space limit (``ulimit -v``) is a limit too: one line, exit 1
        "memory-limit",
        _utf8(lambda: article("".join(f"{STORY} {i}</p><p>" for i in range(300_000)))),
        "error",
        "out of memory: the input needs more than this process may use",
        alone=True,
        memory=500 << 20,
    ),
    Case(
        "attribute-10mb",
        _utf8(lambda: page(f'<article class="{"x" * 10_000_000}"><p>{STORY}</p></article>')),
        "text",
        "",
        "plainly",
    ),
    Case(
        "url-5mb",
        _utf8(
            lambda: page(
                f'<article><p><a href="http://{"a" * 5_000_000}/">{STORY}</a></p>'
                f"<p>{FRENCH}</p></article>"
            )
        ),
        "text",
        "",
        "très bon",
    ),
    Case(
        "meta-100k",  # the body lies past the element bound: cut, so no article
        _utf8(lambda: article(head='<meta name="description" content="d">' * 100_000)),
        "empty",
        "more than 100000 elements",
    ),
    Case(
        "control-characters",
        _utf8(lambda: article(STORY.replace(" ", " \x01\x07", 5))),
        "text",
        "",
        "plainly",
    ),
)

BY_NAME = {case.name: case for case in CASES}


@dataclass(frozen=True)
class Run:
    """What one ``dehusk extract`` run came to."""

    status: int
    stdout: str
    stderr: tuple[str, ...]
    seconds: float
    peak_mb: float

    def result(self) -> dict[str, Any]:
        return dict(json.loads(self.stdout))


def _limit_memory(limit: int = MEMORY_LIMIT) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(
    command: list[str], folder: Path, timeout: float, memory: int = MEMORY_LIMIT
) -> tuple[int, str, list[str], float, float]:
    """Run ``command`` under the memory limit and the hang guard: status, out, err, s, MB.

    Output goes to files (a 50 MB result through a pipe would need a reader thread) and
    the child is reaped with ``os.wait4`` for its own peak memory.
    """
    out_path, err_path = folder / "stdout", folder / "stderr"
    start = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(
            command,
            stdout=out,
            stderr=err,
            preexec_fn=_limit_memory(memory),
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    guard = threading.Timer(timeout, child.kill)  # the hang guard: a killed child fails
    guard.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        guard.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.perf_counter() - start
    lines = err_path.read_text("utf-8", "replace").splitlines()
    return child.returncode, out_path.read_text("utf-8"), lines, seconds, usage.ru_maxrss / 1024


def _command(paths: list[Path], args: tuple[str, ...] = ()) -> list[str]:
    files = [str(path) for path in paths]
    return [sys.executable, "-m", "dehusk", "extract", *files, "--format", "json", *args]


def run_cli(case: Case, folder: Path, timeout: float = HANG_SECONDS) -> Run:
    """``dehusk extract FILE --format json`` on the case's input, in a bounded child."""
    path = folder / f"{case.name}{case.suffix}"
    path.write_bytes(case.make())
    command = _command([path], case.args)
    status, out, err, seconds, peak = _run(command, folder, timeout, case.memory)
    path.unlink()
    return Run(status, out, tuple(err), seconds, peak)


def run_together(cases: list[Case], folder: Path, timeout: float = HANG_SECONDS) -> dict[str, Run]:
    """Cases that all exit 0, in one ``dehusk extract`` of many files (one start-up, not
    one each); each case gets its own JSON line and its own standard-error lines. The
    status, time and memory are the run's, shared."""
    paths = [folder / f"{case.name}{case.suffix}" for case in cases]
    for case, path in zip(cases, paths, strict=True):
        path.write_bytes(case.make())
    status, out, err, seconds, peak = _run(_command(paths), folder, timeout)
    results = out.splitlines()
    runs = {}
    for case, path in zip(cases, paths, strict=True):
        mine = tuple(line for line in err if line.startswith(f"dehusk: {path}: "))
        runs[case.name] = Run(status, results.pop(0) if results else "", mine, seconds, peak)
        path.unlink()
    return runs
