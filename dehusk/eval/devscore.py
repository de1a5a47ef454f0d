"""A quick scorer for development: dehusk alone on both dev sets, both metrics, page by page.

Run as ``python -m dehusk.eval.devscore [--sets wcxb-dev dragnet] [--model rules|default|PATH]
[--folds bench-out/folds] [--every N] [--out F.json] [--compare OLD.json] [--no-url]``
(``--no-url``: each page without its URL, as a caller who has only the HTML).

In: the dev sets (``dehusk.eval.datasets``). Out: per set the mean word-F1, the macro shingle-F1
(scrapinghub's: F1 of the mean P and mean R), each with a 95% bootstrap interval, the count of
catastrophic pages (a page's word-F1 or shingle-F1 below 0.5) and, on the learned path, the
page-type accuracy per type; ``--out`` writes every page's figures, ``--compare`` prints the
paired change against such a file with its 95% bootstrap interval (a change "lowers a set beyond
its interval" when the interval lies wholly below 0). ``--folds`` scores each page with the fold
model that never saw its site (``folds.json``'s ``by_sha1``), the out-of-fold figure; without it
``--model`` decides every page. This is the whole ``extract()``, the library's real output;
``make bench`` stays the reference with the peers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dehusk.article import Options
from dehusk.pipeline import extract

from .datasets import DATASETS, PageInfo, default_data_dir, load_index, read_html
from .metrics import f1_of, macro_f1, shingle_counts, shingle_pr, word_prf

#: A page scoring below this F1 is lost (issue 11's "catastrophic" count).
CATASTROPHIC = 0.5
BOOTSTRAP = 1000
SEED = 0


def score_page(
    info: PageInfo, html: bytes, options: Options, with_url: bool = True
) -> dict[str, Any]:
    """One page's figures: word P/R/F1, shingle P/R, page type told and true (the page's
    URL handed to ``extract`` unless ``with_url`` is false: a caller without it)."""
    article = extract(html, info.url if with_url else None, options=options)
    word = word_prf(article.text, info.truth.main)
    sp, sr = shingle_pr(shingle_counts(article.text, info.truth.main))
    return {
        "key": info.key,
        "site": info.domain,
        "type": info.page_type,
        "told": article.page_type,
        "word_f1": round(word.f1, 4),
        "sh_p": round(sp, 4),
        "sh_r": round(sr, 4),
        "chars": len(article.text),
    }


def _mean(rows: Sequence[dict[str, Any]], key: str) -> float:
    return sum(float(r[key]) for r in rows) / max(1, len(rows))


def _shingle_f1(rows: Sequence[dict[str, Any]]) -> float:
    return macro_f1((r["sh_p"], r["sh_r"]) for r in rows).f1


def _interval(values: list[float]) -> list[float]:
    values.sort()
    return [round(values[int(0.025 * len(values))], 4), round(values[int(0.975 * len(values))], 4)]


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The set's figures with bootstrap intervals (pages resampled with replacement)."""
    rng = random.Random(SEED)
    word, shingle = [], []
    for _ in range(BOOTSTRAP):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        word.append(_mean(sample, "word_f1"))
        shingle.append(_shingle_f1(sample))
    lost = [r for r in rows if min(r["word_f1"], f1_of(r["sh_p"], r["sh_r"])) < CATASTROPHIC]
    types: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        types.setdefault(r["type"], []).append(r)
    return {
        "pages": len(rows),
        "word_f1": round(_mean(rows, "word_f1"), 4),
        "word_f1_ci": _interval(word),
        "shingle_f1": round(_shingle_f1(rows), 4),
        "shingle_f1_ci": _interval(shingle),
        "catastrophic": len(lost),
        "type_accuracy": round(sum(r["told"] == r["type"] for r in rows) / len(rows), 4),
        "by_type": {
            t: {
                "pages": len(rs),
                "word_f1": round(_mean(rs, "word_f1"), 4),
                "type_accuracy": round(sum(r["told"] == t for r in rs) / len(rs), 4),
            }
            for t, rs in sorted(types.items())
        },
    }


def _moved(pairs: list[tuple[dict[str, Any], dict[str, Any]]], sign: int) -> list[Any]:
    """The 8 pages whose word-F1 moved most in the direction ``sign`` (key, before, after)."""
    ranked = sorted(pairs, key=lambda p: sign * (p[1]["word_f1"] - p[0]["word_f1"]))
    return [
        (a["key"], b["word_f1"], a["word_f1"])
        for a, b in ranked[:8]
        if sign * (a["word_f1"] - b["word_f1"]) > 0
    ]


def compare(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> dict[str, Any]:
    """Paired change new − old on the pages both scored, with 95% bootstrap intervals."""
    before = {r["key"]: r for r in old}
    pairs = [(r, before[r["key"]]) for r in new if r["key"] in before]

    def delta(sample: list[tuple[dict[str, Any], dict[str, Any]]]) -> tuple[float, float]:
        a, b = [p[0] for p in sample], [p[1] for p in sample]
        return _mean(a, "word_f1") - _mean(b, "word_f1"), _shingle_f1(a) - _shingle_f1(b)

    rng = random.Random(SEED)
    draws = [delta([pairs[rng.randrange(len(pairs))] for _ in pairs]) for _ in range(BOOTSTRAP)]
    word, shingle = delta(pairs)
    return {
        "pages": len(pairs),
        "word_f1": round(word, 4),
        "word_f1_ci": _interval([d[0] for d in draws]),
        "shingle_f1": round(shingle, 4),
        "shingle_f1_ci": _interval([d[1] for d in draws]),
        "worse": _moved(pairs, -1),
        "better": _moved(pairs, 1),
    }


def fold_model(folds: Path | None, html: bytes, default: str) -> str:
    """The fold model that never saw this page's site, else ``default``."""
    if folds is None:
        return default
    index = _fold_index(folds)
    k = index.get(hashlib.sha1(html).hexdigest())
    return str(folds / f"fold{k}.npz") if k is not None else default


_INDEX: dict[Path, dict[str, int]] = {}


def _fold_index(folds: Path) -> dict[str, int]:
    if folds not in _INDEX:
        _INDEX[folds] = json.loads((folds / "folds.json").read_text())["by_sha1"]
    return _INDEX[folds]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dehusk.eval.devscore", description=__doc__)
    root = Path(__file__).resolve().parents[2]
    parser.add_argument("--sets", nargs="+", choices=DATASETS, default=list(DATASETS))
    parser.add_argument("--model", default="rules", help="rules, default or a weights path")
    parser.add_argument("--folds", type=Path, default=None, help="score out of fold")
    parser.add_argument("--every", type=int, default=1, help="every n-th page (a subset)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--compare", type=Path, default=None)
    parser.add_argument("--no-url", action="store_true", help="withhold each page's URL")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"model": args.model, "folds": str(args.folds or ""), "sets": {}}
    old = json.loads(args.compare.read_text())["sets"] if args.compare else {}
    for name in args.sets:
        data_dir = default_data_dir(root, name)
        rows = []
        for info in load_index(data_dir)[:: args.every]:
            html = read_html(data_dir, info.file_id)
            options = Options(model=fold_model(args.folds, html, args.model))
            rows.append(score_page(info, html, options, with_url=not args.no_url))
        entry: dict[str, Any] = {"summary": summary(rows), "pages": rows}
        if name in old:
            entry["change"] = compare(rows, old[name]["pages"])
        result["sets"][name] = entry
        shown = {k: v for k, v in entry.items() if k != "pages"}
        print(name, json.dumps(shown, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
