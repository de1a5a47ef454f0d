"""Measure the metadata stage on the dev set's article pages (not collected by pytest).

    .venv/bin/python tests/metadata/measure_dev.py [--direct] [--split] [--errors title]
        [--title-order jsonld,og,...] [--published-order ...] [--authors-order ...] [--no-url]

Scores, on pages whose truth field is non-empty (the benchmark's rules): title —
lowercase, runs of non-word characters folded to one space, equal; authors — truth and
prediction (joined ", ") split on , ; & " and ", normalised like titles, equal as sets;
date — first 10 characters equal to the truth's ``publish_date``.

By default each page goes through ``dehusk.extract`` (the whole pipeline, so bylines and
datelines come from real blocks) with the fold models that never saw its site (``--model
oof``; ``make train`` writes them); ``--model rules`` scores the rules alone, ``--model
default`` the shipped models (which saw every page: not a figure to report); ``--direct``
calls ``extract_metadata`` on the parsed page with no blocks. ``--split`` also scores two
halves of the pages split by domain (a stable hash), to check that a change helps on both.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEV = Path(__file__).resolve().parents[3] / "shared" / "bench-data" / "wcxb-dev"
if not DEV.exists():
    DEV = Path("/work/shared/bench-data/wcxb-dev")

_NONWORD = re.compile(r"\W+")
_AUTHOR_SPLIT = re.compile(r",|;|&| and ")


def norm(text: str) -> str:
    return _NONWORD.sub(" ", (text or "").lower()).strip()


def author_set(text: str) -> frozenset[str]:
    return frozenset(n for p in _AUTHOR_SPLIT.split(text or "") if (n := norm(p)))


def load_pages() -> list[dict[str, Any]]:
    pages = []
    for path in sorted((DEV / "ground-truth").glob("*.json")):
        truth = json.loads(path.read_text())
        if truth["_internal"]["page_type"]["primary"] != "article":
            continue
        truth["id"] = path.stem
        pages.append(truth)
    return pages


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("utf-8", "replace")


FOLDS = Path(__file__).resolve().parents[2] / "bench-out" / "folds"


def extractor(direct: bool, model: str) -> Callable[[bytes, str | None, str], Any]:
    """A function (page bytes, URL, file id) → Metadata: the whole pipeline with the
    learned choosers of ``model`` ("default", "rules" or "oof": each page with the fold
    models that never saw its site), or the metadata stage alone (rules)."""
    from selectolax.lexbor import LexborHTMLParser

    if not direct:
        import dehusk

        if model != "oof":
            options = dehusk.Options(model=model)
            return lambda raw, url, _id: dehusk.extract(raw, url=url, options=options).metadata
        fold_of = json.loads((FOLDS / "folds.json").read_text())["by_id"]
        by_fold = {
            k: dehusk.Options(model=str(FOLDS / f"fold{k}.npz")) for k in set(fold_of.values())
        }
        return lambda raw, url, file_id: (
            dehusk.extract(raw, url=url, options=by_fold[fold_of[file_id]]).metadata
        )
    from dehusk.evidence import tree_evidence
    from dehusk.metadata import extract_metadata

    return lambda raw, url, _id: (
        extract_metadata(tree_evidence(LexborHTMLParser(decode(raw))), (), url, "rules").metadata
    )


def score(pages: list[dict[str, Any]], results: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Per field: (correct, n) over pages whose truth field is non-empty."""
    out = {"title": [0, 0], "authors": [0, 0], "date": [0, 0]}
    for page in pages:
        meta, gt = results[page["id"]], page["ground_truth"]
        for field, ok in checks(meta, gt).items():
            if ok is not None:
                out[field][0] += ok
                out[field][1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def checks(meta: Any, gt: dict[str, Any]) -> dict[str, bool | None]:
    """Whether each field is right; ``None`` where the truth is empty (not scored)."""
    return {
        "title": norm(meta.title) == norm(gt["title"]) if gt.get("title") else None,
        "authors": author_set(", ".join(meta.authors)) == author_set(gt["author"])
        if gt.get("author")
        else None,
        "date": (meta.published or "")[:10] == gt["publish_date"][:10]
        if gt.get("publish_date")
        else None,
    }


def half(page: dict[str, Any]) -> int:
    host = (urlsplit(page.get("url") or "").hostname or "").removeprefix("www.")
    return zlib.crc32(host.encode()) % 2


def report(name: str, scores: dict[str, tuple[int, int]]) -> None:
    cells = "  ".join(f"{f} {c / max(n, 1):.3f} ({c}/{n})" for f, (c, n) in scores.items())
    print(f"{name:<8} {cells}")


def apply_orders(args: argparse.Namespace) -> None:
    """Reorders a field's rules for one run (``--published-order url,meta,...``): the named
    rules in that order, their reasons kept; names not given are dropped."""
    import dehusk.metadata.authorship as authorship
    import dehusk.metadata.published as published
    import dehusk.metadata.title as title

    if args.title_order:
        title.TITLE_ORDER = tuple(args.title_order.split(","))
    for module, table, value in (
        (published, "PUBLISHED", args.published_order),
        (authorship, "AUTHORS", args.authors_order),
    ):
        if value:
            rules = {rule.source: rule for rule in getattr(module, table)}
            setattr(module, table, tuple(rules[name] for name in value.split(",")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direct", action="store_true")
    parser.add_argument("--split", action="store_true")
    parser.add_argument(
        "--model",
        default="oof",
        help='"oof" (default: fold models, out of fold), "default" (shipped) or "rules"',
    )
    parser.add_argument(
        "--no-url", action="store_true", help="withhold each page's URL (a caller without it)"
    )
    parser.add_argument("--errors", choices=("title", "authors", "date"))
    parser.add_argument("--title-order")
    parser.add_argument("--published-order")
    parser.add_argument("--authors-order")
    args = parser.parse_args()
    from dehusk.article import Metadata

    apply_orders(args)
    run = extractor(args.direct, args.model)
    pages = load_pages()
    results: dict[str, Any] = {}
    started = time.perf_counter()
    failed = 0
    for page in pages:
        raw = gzip.decompress((DEV / "html" / f"{page['id']}.html.gz").read_bytes())
        try:
            results[page["id"]] = run(raw, None if args.no_url else page.get("url"), page["id"])
        except Exception as exc:  # a crash elsewhere in the pipeline scores as empty
            failed += 1
            print(f"{page['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            results[page["id"]] = Metadata()
    if failed:
        print(f"{failed} page(s) raised; scored as empty", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"{len(pages)} article pages, {elapsed / len(pages) * 1000:.1f} ms/page")
    report("all", score(pages, results))
    if args.split:
        for h in (0, 1):
            report(f"half {h}", score([p for p in pages if half(p) == h], results))
    if args.errors:
        for page in pages:
            meta, gt = results[page["id"]], page["ground_truth"]
            if checks(meta, gt)[args.errors] is False:
                got = {"title": meta.title, "authors": meta.authors, "date": meta.published}
                want = {"title": gt["title"], "authors": gt["author"], "date": gt["publish_date"]}
                print(
                    page["id"],
                    repr(got[args.errors]),
                    "| want",
                    repr(want[args.errors]),
                    page.get("url"),
                    file=sys.stdout,
                )


if __name__ == "__main__":
    main()
