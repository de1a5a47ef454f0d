"""The ``dehusk`` command: ``dehusk extract PATH|URL|- ... --format text|markdown|json|html``.

Each input (a file, ``.gz`` or not; a URL; ``-`` for standard input) is read, extracted
and printed in turn, so one bad input never stops the others:

- ``json`` prints JSON Lines, one ``Article.to_dict()`` object per line and per input
  that worked. The other formats print each result as is; with several inputs a
  ``==> NAME <==`` line comes before each (as ``head`` does).
- A failed input (missing file, binary junk, HTTP error…) prints nothing on standard
  output and exactly one line ``dehusk: INPUT: MESSAGE`` on standard error.
- An input that is a page but has no article is *not* a failure: its (empty) result is
  printed like any other — an empty line, or a JSON object with ``"text": ""`` — and one
  line ``dehusk: INPUT: warning: no article text found`` goes to standard error. Reason:
  "this page has no article" is a correct answer about a readable page (a login form, a
  404 page), and a script extracting many pages should not treat it as a broken run.

Exit status: 0 when every input worked (empty articles included), 1 when any input
failed, 2 for a usage error (argparse's convention).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from dehusk import __version__
from dehusk.article import INCLUDE_CHOICES, Options
from dehusk.errors import DehuskError
from dehusk.pipeline import extract
from dehusk.render import render
from dehusk.sources.files import read_input

FORMATS = ("text", "markdown", "json", "html")
_SUFFIXES = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


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
    cmd.set_defaults(run=run_extract)


def build_parser() -> argparse.ArgumentParser:
    """The ``dehusk`` argument parser: global options and one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="dehusk", description="The article alone, out of a news page's husk."
    )
    parser.add_argument("--version", action="version", version=f"dehusk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(commands)
    return parser


def options_from(args: argparse.Namespace) -> Options:
    """The extraction ``Options`` the ``extract`` arguments ask for."""
    return Options.make(include=args.include, max_bytes=args.max_bytes, annotate=args.annotate)


def _message(exc: BaseException) -> str:
    """One line saying what went wrong with an input."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    elif isinstance(exc, DehuskError):
        text = str(exc)
    else:  # a bug in dehusk: say so, but keep going with the other inputs
        text = f"internal error: {type(exc).__name__}: {exc}"
    return " ".join(text.split()) or type(exc).__name__


def extract_one(spec: str, args: argparse.Namespace, options: Options) -> str:
    """The rendered result of one input; raises what reading or extraction raises."""
    source = read_input(
        spec,
        max_bytes=options.max_bytes,
        timeout=args.timeout,
        url=args.url,
        encoding=args.encoding,
    )
    article = extract(source.data, source.url, encoding=source.encoding, options=options)
    if article.empty:
        warn(spec, "warning: no article text found")
    return render(article, args.format, options)


def warn(spec: str, message: str, stream: TextIO | None = None) -> None:
    """Print ``dehusk: INPUT: MESSAGE`` on one line of standard error."""
    print(f"dehusk: {spec}: {message}", file=stream or sys.stderr, flush=True)


def run_extract(args: argparse.Namespace) -> int:
    """Extract and print each input in order; 1 if any failed, else 0."""
    options = options_from(args)
    headers = len(args.inputs) > 1 and args.format != "json"
    failed = printed = 0
    for spec in args.inputs:
        try:
            result = extract_one(spec, args, options)
        except Exception as exc:  # one bad input must not stop the others
            warn(spec, _message(exc))
            failed += 1
            continue
        if headers:
            gap = "\n" if printed else ""  # a blank line between results, as head does
            sys.stdout.write(f"{gap}==> {spec} <==\n")
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
