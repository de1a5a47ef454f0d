"""Dates and bylines on the dragnet dev set, against what its truth text prints (not
collected by pytest).

    .venv/bin/python tests/metadata/measure_dragnet.py [--every N] [--show date|authors]
        [--model rules|default] [--save out.json]

Dragnet has no metadata truth, but its annotators kept the byline and date lines in the main
text. So a weak truth: in the truth text's opening short lines (before the first line over
200 characters, at most ``OPENING`` lines), the first line that is a date (``parse_date``)
and the first "By …" line. Scored: the published day equals the printed date (pages with
one); every name dehusk gives stands in the printed "By" line (pages with one, the
reader-view byline rule). Junk: a date given where the truth prints none in its opening, or a
name found nowhere in the whole truth text — a sample to read, not a score (the printed line
may be missing from the truth, or be elsewhere).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DATA = Path("/work/shared/bench-data/dragnet")
#: Opening lines of the truth read for the printed byline and date.
OPENING = 8
_SPACE = re.compile(r"\s+")
_NOW = datetime(2013, 1, 1, tzinfo=UTC)  # the crawls are from 2012


def read_truth(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    return re.split(r"!@.{0,8}\)?\s*COMMENTS", text)[0]


def weak_truth(text: str) -> tuple[str | None, str | None]:
    """(printed day, printed "By" line) from the truth's opening short lines."""
    from dehusk.metadata.dates import parse_date

    day = byline = None
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    for line in [line for line in lines if line][:OPENING]:
        if len(line) > 200:
            break
        if day is None and len(line) <= 80 and (found := parse_date(line, _NOW)):
            day = found[:10]
        if byline is None and len(line) <= 100 and re.match(r"(?i)(posted |written )?by\b", line):
            byline = line
    return day, byline


def folded(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--show", choices=("date", "authors"))
    parser.add_argument("--model", default="rules")
    parser.add_argument("--save")
    args = parser.parse_args()
    import dehusk

    options = dehusk.Options(model=args.model)
    ids = sorted(p.name.removesuffix(".html.gz") for p in (DATA / "html").glob("*.html.gz"))
    counts = dict.fromkeys(("pages", "dated", "date_ok", "bylined", "by_ok"), 0)
    counts |= dict.fromkeys(("date_given_none_printed", "name_not_in_text"), 0)
    saved: dict[str, Any] = {}
    for page_id in ids[:: args.every]:
        raw = gzip.decompress((DATA / "html" / f"{page_id}.html.gz").read_bytes())
        text = read_truth(DATA / "ground-truth" / f"{page_id}.txt")
        day, byline = weak_truth(text)
        try:
            meta = dehusk.extract(raw, options=options).metadata
        except Exception as exc:  # a crash is reported, the page scored as empty
            print(f"{page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        got = (meta.published or "")[:10] or None
        saved[page_id] = {"published": meta.published, "authors": list(meta.authors)}
        counts["pages"] += 1
        if day:
            counts["dated"] += 1
            counts["date_ok"] += got == day
            if args.show == "date" and got != day:
                print(f"DATE {page_id}: got {got} printed {day}")
        elif got:
            counts["date_given_none_printed"] += 1
            if args.show == "date":
                print(f"DATE? {page_id}: got {got}, nothing printed in the opening")
        names = [folded(n) for n in meta.authors]
        if byline:
            counts["bylined"] += 1
            ok = bool(names) and all(n in folded(byline) for n in names)
            counts["by_ok"] += ok
            if args.show == "authors" and not ok:
                print(f"BY {page_id}: got {list(meta.authors)} printed {byline!r}")
        stray = [n for n in names if n not in folded(text)]
        if stray:
            counts["name_not_in_text"] += 1
            if args.show == "authors" and not byline:
                print(f"BY? {page_id}: got {list(meta.authors)}, not in the truth text")
    print(
        f"{counts['pages']} pages; date {counts['date_ok'] / max(counts['dated'], 1):.3f}"
        f" ({counts['date_ok']}/{counts['dated']} with a printed date);"
        f" byline {counts['by_ok'] / max(counts['bylined'], 1):.3f}"
        f" ({counts['by_ok']}/{counts['bylined']} with a printed 'By' line);"
        f" a date where none is printed {counts['date_given_none_printed']};"
        f" a name not in the truth text {counts['name_not_in_text']}"
    )
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=0, sort_keys=True))


if __name__ == "__main__":
    main()
