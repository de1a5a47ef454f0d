"""htmldate against dehusk's dates on the dev set's article pages (not collected by pytest).

    .venv/bin/python tests/metadata/measure_htmldate.py [--every N]

htmldate (the library behind trafilatura's dates; ``pip install htmldate``, not a dehusk
dependency) is run the way trafilatura runs it (``original_date=True``, extensive search on)
and with extensive search off; dehusk's date is the metadata stage alone on the parsed page
(``extract_metadata`` with no blocks, rules). Scored like ``measure_dev.py``: the first 10
characters equal the truth's ``publish_date``, on pages whose truth has one; halves by domain.
Time per page: each extractor on the same page in turn, min of 3 runs; htmldate's includes its
own lxml parse, dehusk's excludes the lexbor parse (which the pipeline has done already).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure_dev import DEV, decode, half, load_pages


def best_of(fn: Callable[[], str | None], runs: int = 3) -> tuple[str | None, float]:
    best, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return value, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1)
    args = parser.parse_args()
    from htmldate import find_date
    from selectolax.lexbor import LexborHTMLParser

    from dehusk.evidence import tree_evidence
    from dehusk.metadata import extract_metadata

    pages = [p for p in load_pages() if p["ground_truth"].get("publish_date")][:: args.every]
    names = ("htmldate", "htmldate-fast", "dehusk")
    right = {n: [0, 0, 0] for n in names}
    spent = dict.fromkeys(names, 0.0)
    for page in pages:
        html = decode(gzip.decompress((DEV / "html" / f"{page['id']}.html.gz").read_bytes()))
        url = page.get("url")
        tree = LexborHTMLParser(html)
        runs: dict[str, Callable[[], str | None]] = {
            "htmldate": lambda h=html, u=url: find_date(
                h, url=u, original_date=True, extensive_search=True
            ),
            "htmldate-fast": lambda h=html, u=url: find_date(
                h, url=u, original_date=True, extensive_search=False
            ),
            "dehusk": lambda t=tree, u=url: (
                extract_metadata(tree_evidence(t), (), u, "rules").metadata.published
            ),
        }
        truth = page["ground_truth"]["publish_date"][:10]
        for name, fn in runs.items():
            try:
                value, took = best_of(fn)
            except Exception:  # htmldate raising on a page counts as no date
                value, took = None, 0.0
            spent[name] += took
            ok = (value or "")[:10] == truth
            right[name][0] += ok
            right[name][1 + half(page)] += ok
    n = len(pages)
    n_half = [sum(half(p) == h for p in pages) for h in (0, 1)]
    for name in names:
        c, h0, h1 = right[name]
        print(
            f"{name:<14} {c / n:.3f} ({c}/{n})  halves {h0 / n_half[0]:.3f} {h1 / n_half[1]:.3f}"
            f"  {spent[name] / n * 1000:.2f} ms/page"
        )


if __name__ == "__main__":
    main()
