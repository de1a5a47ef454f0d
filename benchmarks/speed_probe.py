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
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench-data"
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


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def speed(every: int, repeat: int, news_only: bool) -> None:
    """Interleaved per page: trafilatura, dehusk, each given the same decoded str."""
    import trafilatura

    from dehusk.article import Options
    from dehusk.classify import classify_page
    from dehusk.decode import decode
    from dehusk.metadata import extract_metadata
    from dehusk.parse import parse
    from dehusk.pipeline import extract
    from dehusk.segment import segment

    opts = Options()
    totals = {"trafilatura": 0.0, "dehusk": 0.0, "parse": 0.0, "segment": 0.0}
    totals |= {"classify": 0.0, "metadata": 0.0}
    count = 0
    for key, raw in pages(every):
        if news_only and key.startswith("wcxb-dev") and not _is_news(key):
            continue
        text, _ = decode(raw)
        totals["trafilatura"] += _best(lambda t=text: trafilatura.extract(t), repeat)
        totals["dehusk"] += _best(lambda t=text: extract(t), repeat)
        doc = parse(text, opts)
        totals["parse"] += _best(lambda t=text: parse(t, opts), repeat)
        totals["segment"] += _best(lambda d=doc: segment(d, opts), repeat)
        page = segment(doc, opts)
        totals["classify"] += _best(lambda p=page: classify_page(p, opts, None), repeat)
        blocks, _ = classify_page(page, opts, None)
        totals["metadata"] += _best(
            lambda d=doc, b=blocks: extract_metadata(d.tree, b, None), repeat
        )
        count += 1
    print(f"{count} pages, min of {repeat}, every {every}th")
    for name, total in totals.items():
        print(f"{name:>12}: {1000 * total / count:7.2f} ms/page  {count / total:7.1f} pages/s")
    print(f"ratio dehusk/trafilatura pages/s: {totals['trafilatura'] / totals['dehusk']:.2f}x")


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
    args = ap.parse_args(argv)
    if args.command == "save":
        save(args.dir, args.every)
        return 0
    if args.command == "check":
        return check(args.dir, args.every)
    speed(args.every, args.repeat, args.news)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
