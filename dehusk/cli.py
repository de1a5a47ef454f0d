"""The ``dehusk`` command: ``dehusk extract PATH|URL|- ... --format text|markdown|json|html``,
and ``dehusk serve`` (the web service and page, ``dehusk.service``).

Each input (a file, ``.gz`` or not; a URL; ``-`` for standard input) is read, extracted
and printed in turn, so one bad input never stops the others:

- ``json`` prints JSON Lines, one ``Article.to_dict()`` object per line and per input,
  with ``source``: the path or URL as given, ``{"file", "line"}`` for a JSON Lines page.
  The other formats print each result as is; with several inputs a
  ``==> NAME <==`` line comes before each (as ``head`` does).
- A failed input (missing file, binary junk, HTTP error…) prints exactly one line
  ``dehusk: INPUT: MESSAGE`` on standard error and, under ``json`` only, a row whose
  ``error`` says the same (its article fields empty), so every input has its row. A WARC
  archive is refused with a pointer to ``dehusk batch``, which gives each record its row.
- An input that is a page but has no article is *not* a failure: its (empty) result is
  printed like any other — an empty line, or a JSON object with ``"text": ""`` — and one
  line ``dehusk: INPUT: warning: no article text found`` goes to standard error. Reason:
  "this page has no article" is a correct answer about a readable page (a login form, a
  404 page), and a script extracting many pages should not treat it as a broken run.

Text mode (``--input-format text``, the default for ``.txt`` files): each input is a page
already flattened to text, extracted with ``dehusk.extract_text``. ``--input-format jsonl``
(the default for ``.jsonl``/``.ndjson``, plain or ``.gz``) reads one page per line,
``{"url": …, "text": …}`` (or ``"html"``), each printed as its own result named
``FILE:LINE``. A directory input stands for the files in it (sorted, hidden ones skipped).

``--site-templates`` (text pages): lines that recur across a host's pages (host from each
page's URL; pages without one share one pool) are learned as that site's husk
(``dehusk.templates``) and cut. Inputs that can be read twice are learned in a first pass
and extracted in a second; standard input is learned online (each page is counted, then
extracted with what is known so far).

``-v`` prints every warning of each input (not only "no article text found");
``--with-metadata`` starts text and Markdown with YAML front matter; URLs may be on any
address unless ``--deny-private`` (the service's guard, ``dehusk.sources.addresses``).

Exit status: 0 when every input worked (empty articles included), 1 when any input
failed, 2 for a usage error (argparse's convention).

``dehusk batch INPUT... -o OUTDIR`` runs over a corpus (WARC archives, folders, JSON
Lines): parts and a manifest in OUTDIR, every core, resumable; see ``dehusk.batch``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from dehusk import __version__
from dehusk.article import INCLUDE_CHOICES, Article, Options
from dehusk.batch import command as batch_command
from dehusk.batch.rows import empty_row
from dehusk.errors import DehuskError
from dehusk.pipeline import extract
from dehusk.render import render
from dehusk.sources.files import STDIN, Source, is_url, read_input
from dehusk.sources.jsonl import Record, read_jsonl
from dehusk.sources.warc import is_warc
from dehusk.templates import SiteTemplates
from dehusk.textmode import extract_text
from dehusk.textmode.lines import decode_text
from dehusk.urls import host as url_host

FORMATS = ("text", "markdown", "json", "html")
INPUT_FORMATS = ("auto", "html", "text", "jsonl")
#: File name endings that choose the input format under ``--input-format auto``.
TEXT_SUFFIXES = (".txt", ".txt.gz", ".text")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_SUFFIXES = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
NO_ARTICLE = "no article text found"


def byte_size(value: str) -> int:
    """``"65536"``, ``"64k"``, ``"64M"`` or ``"1G"`` as a positive number of bytes."""
    text = value.strip().lower().removesuffix("b")
    factor = _SUFFIXES.get(text[-1:], 1)
    try:
        size = int(float(text[:-1] if factor > 1 else text) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r}") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {value!r}")
    return size


def include_list(value: str) -> frozenset[str]:
    """A comma-separated ``--include`` value, checked against ``INCLUDE_CHOICES``."""
    names = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = names - INCLUDE_CHOICES
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown part(s) {', '.join(sorted(unknown))}; "
            f"choose from {', '.join(sorted(INCLUDE_CHOICES))}"
        )
    return names


def positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"timeout must be positive: {value!r}")
    return seconds


def limit_seconds(value: str) -> float | None:
    """A ``--time-limit`` value: positive seconds, or ``0`` for no limit (``None``)."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if seconds < 0 or seconds != seconds:
        raise argparse.ArgumentTypeError(f"time limit must be 0 or positive: {value!r}")
    return seconds or None


def _add_extract(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "extract",
        help="print the article of each page",
        description="Print the article of each input: a file (plain or .gz), a URL, or - "
        "for standard input.",
    )
    cmd.add_argument("inputs", nargs="+", metavar="PATH|URL|-", help="pages to extract")
    cmd.add_argument("-f", "--format", choices=FORMATS, default="text", help="default: text")
    cmd.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="html pages, flattened text (text mode) or JSON Lines of {url, text}; "
        "auto (default): .txt is text, .jsonl is jsonl, the rest html",
    )
    cmd.add_argument(
        "--site-templates",
        action="store_true",
        help="text mode over many pages: learn each site's recurring lines and cut them",
    )
    cmd.add_argument(
        "--include",
        type=include_list,
        default=frozenset(),
        metavar="PARTS",
        help=f"comma-separated optional parts to keep: {','.join(sorted(INCLUDE_CHOICES))}",
    )
    cmd.add_argument(
        "--annotate", action="store_true", help="JSON blocks carry their score and locator"
    )
    cmd.add_argument("--encoding", help="the pages' charset (overrides HTTP and <meta>)")
    cmd.add_argument("--url", help="the page's URL for a file or stdin input (resolves links)")
    cmd.add_argument(
        "--timeout", type=positive_seconds, default=10.0, help="total seconds per URL (10)"
    )
    cmd.add_argument(
        "--max-bytes",
        type=byte_size,
        default=Options().max_bytes,
        metavar="SIZE",
        help="largest input, after decompression, e.g. 64M (default 64M)",
    )
    cmd.add_argument(
        "--time-limit",
        type=limit_seconds,
        default=Options().time_limit,
        metavar="SECONDS",
        help="CPU seconds one page may take, 0 for no limit "
        f"(default {Options().time_limit:g}; dehusk.deadline)",
    )
    cmd.add_argument(
        "--deny-private",
        action="store_true",
        help="fetch URLs on globally routable addresses only (as the service does)",
    )
    cmd.add_argument(
        "--with-metadata",
        action="store_true",
        help="text and markdown start with YAML front matter (title, authors, dates…)",
    )
    cmd.add_argument("-v", "--verbose", action="store_true", help="print each input's warnings")
    cmd.set_defaults(run=run_extract)


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "serve",
        help="run the web service and page",
        description="Serve POST /extract, GET /health, /openapi.json and the web page at /.",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    cmd.add_argument("--port", type=int, default=8080, help="default: 8080")
    cmd.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch URLs on loopback, private and link-local addresses",
    )
    cmd.add_argument("--workers", type=int, help="extraction processes (default: all cores)")
    cmd.add_argument(
        "--time-limit", type=positive_seconds, default=30.0, help="seconds per extraction (30)"
    )
    cmd.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Run ``dehusk serve`` until interrupted (needs the ``service`` extra)."""
    try:
        from dehusk.service import Settings, serve
    except ImportError as exc:
        print(f"dehusk serve: {exc}; install dehusk[service]", file=sys.stderr)
        return 1
    settings = Settings(allow_private=args.allow_private, time_limit=args.time_limit)
    if args.workers:
        settings = replace(settings, workers=args.workers)
    serve(settings, args.host, args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``dehusk`` argument parser: global options and one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="dehusk", description="The article alone, out of a news page's husk."
    )
    parser.add_argument("--version", action="version", version=f"dehusk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(commands)
    _add_serve(commands)
    batch_command.add_parser(commands, byte_size, include_list, positive_seconds)
    return parser


def options_from(args: argparse.Namespace) -> Options:
    """The extraction ``Options`` the ``extract`` arguments ask for."""
    return Options.make(
        include=args.include,
        max_bytes=args.max_bytes,
        time_limit=args.time_limit,
        annotate=args.annotate,
    )


def _message(exc: BaseException) -> str:
    """One line saying what went wrong with an input."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    elif isinstance(exc, DehuskError):
        text = str(exc)
    elif isinstance(exc, MemoryError):  # an input past the memory limit (ulimit -v, RLIMIT_AS)
        text = "out of memory: the input needs more than this process may use"
    else:  # a bug in dehusk: say so, but keep going with the other inputs
        text = f"internal error: {type(exc).__name__}: {exc}"
    return " ".join(text.split()) or type(exc).__name__


def input_format(spec: str, chosen: str) -> str:
    """The format of one input: the one chosen, else by its name's ending."""
    if chosen != "auto":
        return chosen
    name = spec.lower()
    if is_url(spec) or spec == STDIN:
        return "html"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "text" if name.endswith(TEXT_SUFFIXES) else "html"


@dataclass(frozen=True, slots=True)
class Job:
    """One page to extract: its name, mode (``html``/``text``) and how to read it."""

    name: str
    mode: str
    load: Callable[[], Source]
    source: Any = None  # the ``source`` of its JSON row; None: the name


USE_BATCH = "is a WARC archive: use `dehusk batch` to give each of its records a row"


def _failing(message: str) -> Callable[[], Source]:
    def load() -> Source:
        raise DehuskError(message)

    return load


def _record_job(record: Record) -> Job:
    file, _, line = record.name.rpartition(":")
    source = {"file": file, "line": int(line)}
    if record.error is not None:
        return Job(record.name, "text", _failing(record.error), source)
    mode = "text" if record.text is not None else "html"
    data = (record.text if record.text is not None else record.html or "").encode()
    return Job(record.name, mode, lambda: Source(record.name, data, record.url), source)


def _expand(spec: str, args: argparse.Namespace) -> list[str]:
    """A directory input as its files (sorted, hidden skipped); anything else as is."""
    if spec == STDIN or is_url(spec) or not Path(spec).is_dir():
        return [spec]
    files = sorted(p for p in Path(spec).iterdir() if p.is_file() and not p.name.startswith("."))
    return [str(p) for p in files] or [spec]


def jobs(args: argparse.Namespace, options: Options) -> Iterator[Job]:
    """Every page the inputs hold, in order (JSON Lines records streamed one by one)."""

    def reader(spec: str) -> Callable[[], Source]:
        return lambda: read_input(
            spec,
            max_bytes=options.max_bytes,
            timeout=args.timeout,
            url=args.url,
            encoding=args.encoding,
            allow_private=not args.deny_private,
        )

    for given in args.inputs:
        for spec in _expand(given, args):
            fmt = input_format(spec, args.input_format)
            if is_warc(spec) and not is_url(spec):
                yield Job(spec, fmt, _failing(USE_BATCH))
                continue
            if fmt != "jsonl":
                yield Job(spec, fmt, reader(spec))
                continue
            try:
                records = read_jsonl(spec, options.max_bytes)
                yield from (_record_job(r) for r in records)
            except OSError as exc:
                yield Job(spec, "text", _failing(_message(exc)))


def extract_job(
    job: Job, args: argparse.Namespace, options: Options, templates: SiteTemplates | None
) -> Article:
    """The article of one page; raises what reading or extraction raises."""
    source = job.load()
    if job.mode != "text":
        return extract(source.data, source.url, encoding=source.encoding, options=options)
    if templates is None:
        return extract_text(source.data, source.url, encoding=source.encoding, options=options)
    text, warnings = decode_text(source.data, encoding=source.encoding, max_bytes=options.max_bytes)
    if STDIN in args.inputs:  # online: count this page, then use what is known so far
        templates.observe(url_host(source.url), text)
    husk = templates.template_lines(url_host(source.url), text)
    article = extract_text(text, source.url, options=options, husk=husk)
    for warning in warnings:
        article = article.with_warning(warning)
    return article


def learn_templates(args: argparse.Namespace, options: Options) -> SiteTemplates:
    """First pass of ``--site-templates``: count every text page's lines per host.

    Standard input cannot be read twice, so with ``-`` among the inputs nothing is read
    here and pages are counted as they are extracted (online).
    """
    templates = SiteTemplates()
    if STDIN in args.inputs:
        return templates
    for job in jobs(args, options):
        if job.mode != "text":
            continue
        try:
            source = job.load()
            text, _ = decode_text(source.data, encoding=source.encoding)
        except Exception:  # reported in the second pass
            continue
        templates.observe(url_host(source.url), text)
    return templates


def warn(spec: str, message: str, stream: TextIO | None = None) -> None:
    """Print ``dehusk: INPUT: MESSAGE`` on one line of standard error."""
    print(f"dehusk: {spec}: {message}", file=stream or sys.stderr, flush=True)


def json_row(row: dict[str, Any], source: Any) -> str:
    """One JSON Lines row of ``extract``: the article's fields and its ``source``."""
    row.pop("fetched", None)  # a batch field: the WARC-Date, unknown here
    return json.dumps({**row, "source": source}, ensure_ascii=False) + "\n"


def run_extract(args: argparse.Namespace) -> int:
    """Extract and print each input in order; 1 if any failed, else 0."""
    options = options_from(args)
    templates = learn_templates(args, options) if args.site_templates else None
    several = (
        len(args.inputs) > 1
        or args.input_format == "jsonl"
        or any(
            input_format(s, args.input_format) == "jsonl" or Path(s).is_dir() for s in args.inputs
        )
    )
    headers = several and args.format != "json"
    failed = printed = 0
    for job in jobs(args, options):
        source = job.name if job.source is None else job.source
        try:
            article = extract_job(job, args, options, templates)
            result = (
                json_row(article.to_dict(options.annotate), source)
                if args.format == "json"
                else render(article, args.format, options, with_metadata=args.with_metadata)
            )
        except Exception as exc:  # one bad input must not stop the others
            warn(job.name, _message(exc))
            failed += 1
            if args.format == "json":
                sys.stdout.write(
                    json_row(empty_row(source, None, None, error=_message(exc)), source)
                )
            continue
        shown = article.warnings if args.verbose else ()
        for message in shown:
            warn(job.name, f"warning: {message}")
        if article.empty and NO_ARTICLE not in shown:
            warn(job.name, f"warning: {NO_ARTICLE}")
        if headers:
            gap = "\n" if printed else ""  # a blank line between results, as head does
            sys.stdout.write(f"{gap}==> {job.name} <==\n")
        sys.stdout.write(result)
        sys.stdout.flush()
        printed += 1
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``dehusk`` command with ``argv`` (default: ``sys.argv[1:]``); return the status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
