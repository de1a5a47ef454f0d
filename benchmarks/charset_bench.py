"""Charset detection measured: undeclared pages in 12 encodings, decoded exactly or not.

Run from the repository root::

    .venv/bin/python benchmarks/charset_bench.py            # dehusk and charset-normalizer
    .venv-bench/bin/python benchmarks/charset_bench.py --only trafilatura

(any venv with ``trafilatura==2.3.1`` does for the second line; ``bash benchmarks/setup.sh``
makes ``.venv-bench``). The pages are made here, without dehusk, so each decoder sees the
same bytes: real prose in the encoding's languages (``tests/fixtures/charsets/*.txt``: lines
of the Debian translations of GNU coreutils, tar, wget, grep, sed, bash, apt, dpkg… — see
that folder's README), laid out as a plain article page (title, headline, paragraphs) with
no ``<meta charset>``, no BOM and no HTTP charset, encoded strictly (a line the encoding
cannot hold is left out). Each (encoding, language) gives tiny pages (~80 characters of
prose: a headline and a sentence), short ones (~300) and long ones (~1 500); the small ones
are the hard case for any detector. Then the dev pages (``../shared/bench-data``) that
declare a legacy charset and are not UTF-8, their declaration cut out (5 pages).

A page counts as *exact* when the decoder's text equals the page as it was written; anything
else is mojibake or lost bytes. Printed: one row per encoding, the share exact for each
decoder (dehusk's ``decode``; ``charset_normalizer.from_bytes(...).best()`` alone;
trafilatura's ``utils.decode_file``), and the pages each got wrong with what came out.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import html
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "charsets"

#: Encoding label -> (Python codec, fixture languages written in it on the web).
ENCODINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "cp1252": ("cp1252", ("fr", "de", "es")),
    "latin-1": ("latin-1", ("fr", "de", "es")),
    "latin-2": ("iso-8859-2", ("cs", "pl", "hu")),
    "cp1251": ("cp1251", ("ru", "uk", "bg")),
    "koi8-r": ("koi8-r", ("ru",)),
    "iso-8859-7": ("iso-8859-7", ("el",)),
    "shift_jis": ("shift_jis", ("ja",)),
    "euc-jp": ("euc-jp", ("ja",)),
    "gbk": ("gbk", ("zh-hans",)),
    "big5": ("big5", ("zh-hant",)),
    "euc-kr": ("euc-kr", ("ko",)),
    "utf-16-le": ("utf-16-le", ("fr", "ru", "ja")),
    "utf-16-be": ("utf-16-be", ("fr", "ru", "ja")),
}

#: Characters of prose per page (short, long) and pages of each size per language.
SIZES = (80, 300, 1500)
PAGES_PER_SIZE = 3


@dataclass(frozen=True)
class Page:
    encoding: str
    language: str
    size: int
    html: str
    data: bytes


def lines_in(language: str, codec: str) -> list[str]:
    """The fixture's lines that ``codec`` can hold exactly."""
    kept = []
    for line in (FIXTURES / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        try:
            line.encode(codec)
        except UnicodeEncodeError:
            continue
        kept.append(line)
    return kept


def article_page(lines: list[str]) -> str:
    """A plain article page: the first line as title and headline, the rest as paragraphs."""
    paras = "".join(f"<p>{html.escape(line, quote=False)}</p>\n" for line in lines[1:])
    title = html.escape(lines[0], quote=False)
    return (
        "<!doctype html>\n<html><head><title>"
        f"{title}</title></head>\n<body><article><h1>{title}</h1>\n{paras}</article>"
        "</body></html>\n"
    )


def pages() -> Iterator[Page]:
    """Every page of the benchmark, in a fixed order (seeded)."""
    rng = random.Random(16)
    for label, (codec, languages) in ENCODINGS.items():
        for language in languages:
            lines = lines_in(language, codec)
            for size in SIZES:
                for _ in range(PAGES_PER_SIZE):
                    start, taken, chars = rng.randrange(len(lines)), [], 0
                    while chars < size:
                        line = lines[(start + len(taken)) % len(lines)]
                        taken.append(line)
                        chars += len(line)
                    text = article_page(taken)
                    yield Page(label, language, size, text, text.encode(codec))


#: The development pages (shared read-only data), for a second check on real pages.
DEV_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench-data"
_DECLARATION = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)[^>]*>""", re.IGNORECASE
)
#: Labels browsers read as a superset (WHATWG), as dehusk.decode does.
_SUPERSET = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}


def dev_pages(root: Path = DEV_DATA) -> Iterator[Page]:
    """Dev pages that declare a legacy charset and are not UTF-8, with the declaration cut.

    The page as its own declaration decodes it is what a decoder should give back.
    """
    for path in sorted(root.glob("*/html/*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        match = _DECLARATION.search(data[:4096])
        if match is None or match[1].lower() in (b"utf-8", b"utf8"):
            continue
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        codec = codecs.lookup(match[1].decode()).name
        codec = _SUPERSET.get(codec, codec)
        cut = data[: match.start()] + data[match.end() :]
        text = cut.decode(codec, "replace")
        yield Page(f"dev:{codec}", path.parent.parent.name, len(cut), text, cut)


def dehusk_decoder() -> Callable[[bytes], str]:
    from dehusk.decode import decode

    return lambda data: decode(data)[0]


def normalizer_decoder() -> Callable[[bytes], str]:
    from charset_normalizer import from_bytes

    def run(data: bytes) -> str:
        best = from_bytes(data).best()
        return "" if best is None else str(best)

    return run


def trafilatura_decoder() -> Callable[[bytes], str]:
    from trafilatura.utils import decode_file

    return lambda data: str(decode_file(data))


DECODERS = {
    "dehusk": dehusk_decoder,
    "charset-normalizer": normalizer_decoder,
    "trafilatura": trafilatura_decoder,
}


def first_difference(got: str, want: str) -> str:
    """A few characters around where ``got`` leaves ``want``, to show the mojibake."""
    at = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), 0)
    return f"{got[max(0, at - 8) : at + 12]!r} for {want[max(0, at - 8) : at + 12]!r}"


def measure(names: list[str]) -> dict[str, dict[str, list[bool]]]:
    """Per decoder, per encoding: whether each page came out exact (misses printed)."""
    decoders = {name: DECODERS[name]() for name in names}
    results: dict[str, dict[str, list[bool]]] = {name: {} for name in names}
    for page in (*pages(), *dev_pages()):
        for name, run in decoders.items():
            try:
                got = run(page.data)
            except Exception as exc:  # a refusal is a miss too (UTF-16 called binary)
                got = f"<{type(exc).__name__}: {exc}>"
            exact = got == page.html
            results[name].setdefault(page.encoding, []).append(exact)
            if not exact:
                where = first_difference(got, page.html)
                print(f"  miss {name:<18} {page.encoding:<10} {page.language} {page.size}: {where}")
    return results


def table(results: dict[str, dict[str, list[bool]]]) -> str:
    names = list(results)
    rows = ["| encoding | pages | " + " | ".join(names) + " |"]
    rows.append("| --- | ---: |" + " ---: |" * len(names))
    totals = {name: [0, 0] for name in names}
    for label in results[names[0]]:
        cells = []
        for name in names:
            marks = results[name][label]
            totals[name][0] += sum(marks)
            totals[name][1] += len(marks)
            cells.append(f"{sum(marks)}/{len(marks)}")
        rows.append(f"| {label} | {len(marks)} | " + " | ".join(cells) + " |")
    share = [f"**{good / count:.1%}**" for good, count in totals.values()]
    rows.append(f"| all | {next(iter(totals.values()))[1]} | " + " | ".join(share) + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(DECODERS), action="append")
    parser.add_argument("--json", type=Path, help="also write the per-page marks here")
    args = parser.parse_args()
    names = args.only or ["dehusk", "charset-normalizer"]
    results = measure(names)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results))


if __name__ == "__main__":
    main()
