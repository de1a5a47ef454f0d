"""The native pass's own probe: identity against saved outputs, speed and memory.

Not a timed test and not ``make bench`` (that is ``benchmarks/run.py``): a tool for the
engineer porting the walk. Three commands:

- ``save DIR``: for every dev page, the ``segment`` Page and ``extract().to_dict(True)``
  as JSON lines in DIR (run it on the commit to compare against).
- ``check DIR``: the same on this checkout, compared page by page; prints how many match.
- ``time``: dehusk ``extract`` against trafilatura on the same decoded ``str``, interleaved,
  min of N per page, with dehusk's time per stage (run it pinned: ``taskset -c 1``).

Usage: ``python benchmarks/speed_probe.py save /tmp/base`` (then ``check /tmp/base``);
``taskset -c 1 python benchmarks/speed_probe.py time --every 4 --repeat 5``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DATA = Path(
    os.environ.get(
        "DEHUSK_BENCH_DATA", Path(__file__).resolve().parents[2] / "shared" / "bench-data"
    )
)
SETS = ("wcxb-dev", "dragnet")


def pages(every: int = 1) -> Iterator[tuple[str, bytes]]:
    """(set/name, raw bytes) of every ``every``-th dev page, in name order."""
    for name in SETS:
        files = sorted((DATA / name / "html").glob("*.html.gz"))
        for path in files[::every]:
            yield f"{name}/{path.name}", gzip.decompress(path.read_bytes())


def page_record(raw: bytes) -> dict[str, Any]:
    """What must not change: the segmented Page and the whole annotated Article."""
    from dehusk.article import Options
    from dehusk.decode import decode
    from dehusk.parse import parse
    from dehusk.pipeline import extract
    from dehusk.segment import segment

    text, _ = decode(raw)
    page = segment(parse(text, Options()), Options())
    return {
        "segments": [list(s) for s in page.segments],
        "containers": [[*c[:5], sorted(c.flags), *c[6:]] for c in page.containers],
        "images": [list(i) for i in page.images],
        "article": extract(raw).to_dict(annotate=True),
    }


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, default=repr, ensure_ascii=False)


def save(out: Path, every: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "records.jsonl").open("w") as sink:
        for key, raw in pages(every):
            sink.write(json.dumps({"key": key, "record": _canonical(page_record(raw))}) + "\n")


def check(base: Path, every: int) -> int:
    saved = {}
    for line in (base / "records.jsonl").open():
        row = json.loads(line)
        saved[row["key"]] = row["record"]
    same = differ = 0
    for key, raw in pages(every):
        if key not in saved:
            continue
        if _canonical(page_record(raw)) == saved[key]:
            same += 1
        else:
            differ += 1
            print("DIFFERS", key, flush=True)
    print(f"identical {same} / {same + differ}")
    return 1 if differ else 0


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _stage_fns(text: str) -> dict[str, Callable[[], object]]:
    """dehusk's stages on one page, each fed what the one before made (computed once)."""
    from dehusk.article import Options
    from dehusk.classify import classify_page
    from dehusk.evidence import evidence
    from dehusk.metadata import extract_metadata
    from dehusk.parse import parse
    from dehusk.segment import segment

    opts = Options()
    doc = parse(text, opts)
    page = segment(doc, opts)
    blocks, _ = classify_page(page, opts, None)
    return {
        "parse": lambda: parse(text, opts),
        "segment": lambda: segment(doc, opts),
        "evidence": lambda: evidence(doc),
        "classify": lambda: classify_page(page, opts, None),
        "metadata": lambda: extract_metadata(evidence(doc), blocks, None),
    }


def speed(every: int, repeat: int, news_only: bool, stages: bool) -> None:
    """Per page, trafilatura and dehusk alternate ``repeat`` times on the same decoded str;
    each keeps its best time. Totals per dev set, pages/s = pages / summed best times."""
    import trafilatura

    from dehusk.decode import decode
    from dehusk.pipeline import extract

    totals: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for key, raw in pages(every):
        if news_only and key.startswith("wcxb-dev") and not _is_news(key):
            continue
        text, _ = decode(raw)
        fns = {"trafilatura": lambda t=text: trafilatura.extract(t)}
        fns["dehusk"] = lambda t=text: extract(t)
        if stages:
            fns |= _stage_fns(text)
        best = dict.fromkeys(fns, float("inf"))
        for _ in range(repeat):
            for name, fn in fns.items():
                best[name] = min(best[name], _time(fn))
        group = key.split("/")[0]
        row = totals.setdefault(group, dict.fromkeys(fns, 0.0))
        for name, seconds in best.items():
            row[name] += seconds
        counts[group] = counts.get(group, 0) + 1
    print(f"min of {repeat}, every {every}th page{', news only' if news_only else ''}")
    for group, row in totals.items():
        n = counts[group]
        print(f"== {group}: {n} pages")
        for name, total in row.items():
            print(f"{name:>12}: {1000 * total / n:7.2f} ms/page  {n / total:8.1f} pages/s")
        print(f"dehusk pages/s / trafilatura pages/s: {row['trafilatura'] / row['dehusk']:.2f}x")


_NEWS: set[str] | None = None


def _is_news(key: str) -> bool:
    """wcxb-dev pages its metadata calls news/article (dragnet is all news and blogs)."""
    global _NEWS
    if _NEWS is None:
        files = json.loads((DATA / "wcxb-dev" / "metadata.json").read_text())["files"]
        _NEWS = {f"wcxb-dev/{k}.html.gz" for k, v in files.items() if v["page_type"] == "article"}
    return key in _NEWS


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["save", "check", "time"])
    ap.add_argument("dir", nargs="?", type=Path)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--news", action="store_true", help="wcxb-dev: article pages only")
    ap.add_argument("--stages", action="store_true", help="time parse, segment... too")
    args = ap.parse_args(argv)
    if args.command == "save":
        save(args.dir, args.every)
        return 0
    if args.command == "check":
        return check(args.dir, args.every)
    speed(args.every, args.repeat, args.news, args.stages)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
