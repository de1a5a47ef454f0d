"""``make train``: rebuild the learned classifier's weights from both dev sets, deterministically.

Run as ``python -m dehusk.eval.train [--data DIR ...] [--out dehusk/models/dehusk-blocks.npz]
[--folds-dir bench-out/folds]`` in the dev venv with the ``train`` extra (scikit-learn is
used for training only; inference is NumPy, see ``dehusk.classify.model``). ``--data`` defaults to
wcxb-dev and dragnet (``dehusk.eval.datasets``).

Steps:
1. Every page goes through the library's own decode → parse → segment → rules → features
   (the same single pass as extraction), giving one feature row per block.
2. Block targets come from aligning the ground truth to the blocks (``align``).
3. Five folds grouped by site within each set (``GroupKFold`` on ``PageInfo.domain``, run
   per set; fold k is the union of each set's fold k): for each fold a page-type model and a
   block model are trained on the other four and predict the held-out pages. Across sets, a
   model trained on one set alone predicts every page of the other. The four figures (each set
   out of fold, each set from the other), with 95% bootstrap intervals and per page type, are
   printed and written to ``bench-out/train-oof.json``.
4. ``--folds-dir`` (the benchmark's interface, kept stable): ``fold{k}.npz``, ``folds.json``
   (``by_sha1``: SHA-1 of the page bytes → fold, pages of both sets; ``by_key``:
   ``dataset/file_id`` → fold; ``by_id``: wcxb-dev file id → fold) and
   ``trained-on-wcxb-dev.npz`` / ``trained-on-dragnet.npz`` (each trained on that set alone).
5. The shipped weights are trained on all pages of both sets.

Deterministic: fixed seeds, no shuffling of the folds, pages in file-id order.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from dehusk.article import BODY_LABELS, Options, Page
from dehusk.classify.features import ADDRESS_FEATURES, features, url_vector
from dehusk.classify.model import (
    Weights,
    block_inputs,
    block_probs,
    save,
    told_probs,
    type_probs,
)
from dehusk.classify.rules import rules
from dehusk.decode import decode
from dehusk.evidence import evidence, page_address
from dehusk.parse import parse
from dehusk.segment import segment

from .datasets import DATASETS, PageInfo, default_data_dir, load_index, read_html
from .metrics import f1_of, macro_f1, shingle_counts, shingle_pr, tokens, word_prf

VERSION = "1"
SEED = 0
FOLDS = 5
TREES = 64
DEPTH = 6
LEARNING_RATE = 0.18
SCALE_FLOOR = 0.3
#: A block is main when at least this share of its shingles (or tokens) is in the truth.
ALIGN_SHARE = 0.5
SHINGLE = 3
PAGE_TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")


def align(texts: Sequence[str], truth: str) -> np.ndarray:
    """Block targets: True where a block's text belongs to the ground truth's main text.

    The truth is cut into lowercase ``\\w+`` tokens (the benchmark's tokens) and kept as a
    multiset of 3-token shingles plus a multiset of tokens. Blocks are visited in reading
    order; a block of three tokens or more is main when at least half of its shingles are
    still available in the truth's multiset, and those shingles are then consumed, so a
    block printed twice (a mobile copy, a teaser repeating the opening) is main once. A
    block of one or two tokens (a short heading, a list entry) is main when its tokens
    occur in that order in the truth and are still available in the token multiset (then
    consumed). An empty truth (21 pages) makes every block cut.
    """
    words = tokens(truth)
    out = np.zeros(len(texts), dtype=bool)
    if not words:
        return out
    shingles = Counter(zip(*(words[i:] for i in range(SHINGLE)), strict=False))
    pool = Counter(words)
    joined = f" {' '.join(words)} "
    for i, text in enumerate(texts):
        toks = tokens(text)
        if len(toks) >= SHINGLE:
            grams = list(zip(*(toks[k:] for k in range(SHINGLE)), strict=False))
            hits = [g for g in grams if shingles[g] > 0]
            if len(hits) >= ALIGN_SHARE * len(grams):
                out[i] = True
                shingles.subtract(hits)
                pool.subtract(toks)
        elif toks and f" {' '.join(toks)} " in joined and all(pool[t] > 0 for t in toks):
            out[i] = True
            pool.subtract(toks)
    return out


class PageData(NamedTuple):
    """One page's training material."""

    info: PageInfo
    blocks: np.ndarray  # block features
    page: np.ndarray  # page vector
    target: np.ndarray  # aligned main/cut per block
    weight: np.ndarray  # per-block training weight
    rules_main: np.ndarray  # the rules' decision per block
    texts: list[str]
    body: np.ndarray  # block is a body kind (would enter ``text`` when main)
    digest: str  # SHA-1 of the page's bytes: how the benchmark finds its fold
    empty: bool = False  # the rules found no article (the learned path keeps that verdict)
    address: np.ndarray | None = None  # the URL's features (``url_vector``), None: no URL
    withheld: bool = False  # the reported type is trained on this page without its URL


def reported_inputs(data: PageData, training: bool = False) -> np.ndarray:
    """The reported type's input row: the page vector and the URL's features, zeros where
    the page has no URL or (in training) it is withheld."""
    hidden = data.address is None or (training and data.withheld)
    address = np.zeros(len(ADDRESS_FEATURES), np.float32) if hidden else data.address
    return np.concatenate([data.page, address])


def page_data(info: PageInfo, html: bytes) -> PageData:
    options = Options()
    text, _ = decode(html, max_bytes=options.max_bytes)
    doc = parse(text, options)
    page: Page = segment(doc, options)
    found = rules(page)
    feats = features(page, found)
    address = page_address(info.url, evidence(doc))
    texts = [s.text for s in page.segments]
    # A block weighs its number of tokens: word-F1 counts tokens, not blocks. (Weighting by
    # the block's share of its page's truth, closer to per-page F1, scored lower out of fold.)
    weight = np.array([max(1, len(tokens(t))) for t in texts], dtype=np.float64)
    return PageData(
        info,
        feats.blocks,
        feats.page,
        align(texts, info.truth.main),
        weight,
        np.array(found.main, dtype=bool),
        texts,
        np.array([s.kind in BODY_LABELS for s in page.segments], dtype=bool),
        hashlib.sha1(html).hexdigest(),
        found.empty,
        url_vector(address) if address else None,
        withheld_url(info),
    )


def withheld_url(info: PageInfo) -> bool:
    """Whether the reported type learns this page without its URL: half of the pages of each
    set by a stable hash of its key, so that a URL's absence tells nothing of the set (the
    dev sets differ in it: docs/decisions.md, session 14)."""
    return zlib.crc32(info.key.encode()) % 2 == 1


def body_text(data: PageData, main: np.ndarray) -> str:
    """The body the given main flags make (classify-level, before dedupe)."""
    keep = main & data.body
    return "\n\n".join(t for t, k in zip(data.texts, keep, strict=True) if k)


def body_scores(data: PageData, main: np.ndarray) -> dict[str, float]:
    """Word-F1 and shingle precision/recall of the body the given main flags make."""
    text = body_text(data, main)
    p, r = shingle_pr(shingle_counts(text, data.info.truth.main))
    return {"f1": word_prf(text, data.info.truth.main).f1, "p": p, "r": r}


def group_of(info: PageInfo) -> str:
    """The fold group of a page: its site within its set (a page without a site alone)."""
    return f"{info.dataset}:{info.domain or info.file_id}"


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and scales; a floor on the scale keeps rare one-hot columns near 1."""
    mean = x.mean(axis=0)
    scale = np.maximum(x.std(axis=0), SCALE_FLOOR)
    return mean.astype(np.float32), scale.astype(np.float32)


def fit_page_types(pages: Sequence[PageData]) -> tuple[np.ndarray, ...]:
    """Multinomial logistic regression on page vectors: mean, scale, W, b."""
    return fit_types(np.array([p.page for p in pages], dtype=np.float64), pages)


def fit_reported_types(pages: Sequence[PageData]) -> tuple[np.ndarray, ...]:
    """The reported type's regression, on page vectors and the URL's features."""
    rows = [reported_inputs(p, training=True) for p in pages]
    return fit_types(np.array(rows, dtype=np.float64), pages)


def fit_types(x: np.ndarray, pages: Sequence[PageData]) -> tuple[np.ndarray, ...]:
    """Multinomial logistic regression of the pages' types on ``x``: mean, scale, W, b."""
    from sklearn.linear_model import LogisticRegression

    y = np.array([PAGE_TYPES.index(p.info.page_type) for p in pages])
    mean, scale = _standardise(x)
    w = np.zeros((x.shape[1], len(PAGE_TYPES)), dtype=np.float32)
    b = np.full(len(PAGE_TYPES), -30.0, dtype=np.float32)  # a type absent from training
    if len(set(y.tolist())) == 1:  # one type alone (dragnet's articles): always that type
        b[y[0]] = 0.0
        return mean, scale, w, b
    model = LogisticRegression(C=0.5, max_iter=2000, random_state=SEED)
    model.fit((x - mean) / scale, y)
    w[:, model.classes_] = model.coef_.T
    b[model.classes_] = model.intercept_
    return mean, scale, w, b


def _type_weights(params: tuple[np.ndarray, ...]) -> Weights:
    mean, scale, w, b = params
    z = np.zeros((0, 1))
    trees = (z.astype(np.intp), z, z, 0.0, 0.5)
    # only ``type_probs`` reads these weights: the reported type's slots repeat the head
    return Weights(VERSION, PAGE_TYPES, mean, scale, w, b, *trees, mean, scale, w, b)


def _inner_type_probs(pages: Sequence[PageData]) -> list[np.ndarray]:
    """Page-type probabilities for training pages, each from a model that did not see it."""
    from sklearn.model_selection import GroupKFold

    groups = [group_of(p.info) for p in pages]
    out: list[np.ndarray] = [np.zeros(len(PAGE_TYPES))] * len(pages)
    for train, test in GroupKFold(n_splits=FOLDS).split(np.zeros(len(pages)), groups=groups):
        tw = _type_weights(fit_page_types([pages[i] for i in train]))
        for i in test:
            out[i] = type_probs(tw, pages[i].page)
    return out


def export_trees(model: Any, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A fitted ``HistGradientBoostingClassifier`` as complete heap-ordered trees of ``depth``.

    Arrays: split feature and threshold per inner node, value per leaf (see
    ``dehusk.classify.model``).
    A leaf above the bottom becomes splits on +inf (always left) down to the bottom.
    """
    inner = 2**depth - 1
    trees = len(model._predictors)
    feature = np.zeros((trees, inner), dtype=np.int32)
    split = np.full((trees, inner), np.inf)
    leaf = np.zeros((trees, inner + 1), dtype=np.float64)
    for t, (predictor,) in enumerate(model._predictors):
        nodes = predictor.nodes
        stack = [(0, 0, 0)]  # (source node, heap node, level)
        while stack:
            src, dst, level = stack.pop()
            node = nodes[src]
            if level == depth:
                if not node["is_leaf"]:
                    raise ValueError("tree deeper than its max_depth")
                leaf[t, dst - inner] = node["value"]
                continue
            if node["is_leaf"]:
                stack += [(src, 2 * dst + 1, level + 1), (src, 2 * dst + 2, level + 1)]
                continue
            feature[t, dst] = node["feature_idx"]
            split[t, dst] = node["num_threshold"]
            stack += [
                (int(node["left"]), 2 * dst + 1, level + 1),
                (int(node["right"]), 2 * dst + 2, level + 1),
            ]
    # float32 thresholds rounded down: for float32 x, x > t exactly when x > floor32(t).
    split32 = split.astype(np.float32)
    above = split32.astype(np.float64) > split
    split32[above] = np.nextafter(split32[above], np.float32(-np.inf))
    return feature, split32, leaf, float(np.ravel(model._baseline_prediction)[0])


def fit(pages: Sequence[PageData]) -> Weights:
    """Both models on ``pages`` (the block model reads out-of-sample page-type probabilities)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    type_params = fit_page_types(pages)
    probs = _inner_type_probs(pages)
    x = np.vstack([block_inputs(p.blocks, p.page, q) for p, q in zip(pages, probs, strict=True)])
    y = np.concatenate([p.target for p in pages])
    sw = np.concatenate([p.weight for p in pages])
    sw = np.clip(sw / sw.mean(), 0.01, 50.0)
    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=DEPTH,
        learning_rate=LEARNING_RATE,
        max_leaf_nodes=31,
        early_stopping=False,
        random_state=SEED,
    )
    model.fit(x, y, sample_weight=sw)
    feature, split, leaf, base = export_trees(model, DEPTH)
    pm, ps, pw, pb = type_params
    told = fit_reported_types(pages)
    return Weights(VERSION, PAGE_TYPES, pm, ps, pw, pb, feature, split, leaf, base, 0.5, *told)


def predict_page(w: Weights, data: PageData) -> tuple[np.ndarray, str]:
    """Main flags and page type as ``dehusk.classify`` decides them on the learned path."""
    probs = type_probs(w, data.page)
    main = block_probs(w, block_inputs(data.blocks, data.page, probs)) >= w.threshold
    if data.empty:
        main[:] = False
    told = told_probs(w, data.page, reported_inputs(data)[len(data.page) :])
    return main, w.page_types[int(np.argmax(told))]


def load_pages(data_dir: Path, limit: int | None = None) -> list[PageData]:
    infos = load_index(data_dir)
    if limit:
        infos = infos[:: max(1, len(infos) // limit)]
    out = []
    for n, info in enumerate(infos):
        out.append(page_data(info, read_html(data_dir, info.file_id)))
        if n % 250 == 0:
            print(f"  features: {n}/{len(infos)} pages", file=sys.stderr)
    return out


BOOTSTRAP = 1000


def _interval(values: list[float]) -> list[float]:
    values.sort()
    return [round(values[int(0.025 * len(values))], 4), round(values[int(0.975 * len(values))], 4)]


def _figures(rows: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    """Mean word-F1, macro shingle-F1 (each with a 95% bootstrap interval), lost pages."""
    rng = np.random.default_rng(SEED)
    f1 = np.array([r[f"{prefix}_f1"] for r in rows])
    pr = np.array([(r[f"{prefix}_p"], r[f"{prefix}_r"]) for r in rows]).reshape(-1, 2)
    draws = rng.integers(0, len(rows), size=(BOOTSTRAP, len(rows)))
    word = f1[draws].mean(axis=1)
    means = pr[draws].mean(axis=1)
    shingle = [f1_of(p, r) for p, r in means]
    lost = [min(r[f"{prefix}_f1"], f1_of(r[f"{prefix}_p"], r[f"{prefix}_r"])) < 0.5 for r in rows]
    return {
        "word_f1": round(float(f1.mean()), 4),
        "word_f1_ci": _interval(word.tolist()),
        "shingle_f1": round(macro_f1(map(tuple, pr)).f1, 4),
        "shingle_f1_ci": _interval(shingle),
        "catastrophic": int(sum(lost)),
    }


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_type.setdefault(r["page_type"], []).append(r)

    def mean(items: list[dict[str, Any]], key: str) -> float:
        return round(sum(float(r[key]) for r in items) / max(1, len(items)), 4)

    return {
        "pages": len(rows),
        "rules": _figures(rows, "rules"),
        "learned": _figures(rows, "learned"),
        "page_type_accuracy": mean(rows, "type_ok"),
        "by_type": {
            t: {
                "pages": len(items),
                "rules_f1": mean(items, "rules_f1"),
                "learned_f1": mean(items, "learned_f1"),
                "page_type_accuracy": mean(items, "type_ok"),
            }
            for t, items in sorted(by_type.items())
        },
    }


def score_rows(w: Weights, pages: Sequence[PageData]) -> list[dict[str, Any]]:
    """Each page's figures, rules alone and learned with weights ``w``."""
    rows = []
    for data in pages:
        main, kind = predict_page(w, data)
        row: dict[str, Any] = {
            "id": data.info.key,
            "page_type": data.info.page_type,
            "predicted_type": kind,
            "type_ok": kind == data.info.page_type,
        }
        for name, flags in (("rules", data.rules_main), ("learned", main)):
            row.update({f"{name}_{k}": round(v, 4) for k, v in body_scores(data, flags).items()})
        rows.append(row)
    return rows


def assign_folds(pages: Sequence[PageData]) -> list[int]:
    """Each page's fold: ``GroupKFold`` by site, run within each set."""
    from sklearn.model_selection import GroupKFold

    fold = [0] * len(pages)
    for name in DATASETS:
        idx = [i for i, p in enumerate(pages) if p.info.dataset == name]
        if len(idx) < FOLDS:
            continue
        groups = [group_of(pages[i].info) for i in idx]
        for k, (_, test) in enumerate(GroupKFold(n_splits=FOLDS).split(idx, groups=groups)):
            for t in test:
                fold[idx[t]] = k
    return fold


def cross_validate(pages: list[PageData], folds_dir: Path | None) -> dict[str, Any]:
    """Out-of-fold figures per set (site-grouped folds); fold weights saved to ``folds_dir``."""
    fold = assign_folds(pages)
    rows: list[dict[str, Any]] = []
    for k in range(FOLDS):
        t0 = time.perf_counter()
        w = fit([p for p, f in zip(pages, fold, strict=True) if f != k])
        if folds_dir is not None:
            save(folds_dir / f"fold{k}.npz", w)
        test = [p for p, f in zip(pages, fold, strict=True) if f == k]
        rows += score_rows(w, test)
        print(f"  fold {k}: {len(test)} pages, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if folds_dir is not None:
        index = {
            "version": VERSION,
            "by_id": {
                p.info.file_id: f
                for p, f in zip(pages, fold, strict=True)
                if p.info.dataset == "wcxb-dev"
            },
            "by_key": {p.info.key: f for p, f in zip(pages, fold, strict=True)},
            "by_sha1": {p.digest: f for p, f in zip(pages, fold, strict=True)},
        }
        (folds_dir / "folds.json").write_text(json.dumps(index, sort_keys=True) + "\n")
    rows.sort(key=lambda r: r["id"])
    return {name: _per_set(rows, name) for name in DATASETS}


def _per_set(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    mine = [r for r in rows if r["id"].startswith(f"{name}/")]
    return {"summary": _summary(mine), "pages": mine} if mine else {}


def cross_set(pages: list[PageData], folds_dir: Path | None) -> dict[str, Any]:
    """Trained on one set alone, scored on the other (``trained-on-SET.npz``)."""
    out: dict[str, Any] = {}
    for source in DATASETS:
        train_on = [p for p in pages if p.info.dataset == source]
        test = [p for p in pages if p.info.dataset != source]
        if not train_on or not test:
            continue
        w = fit(train_on)
        if folds_dir is not None:
            save(folds_dir / f"trained-on-{source}.npz", w)
        for target in DATASETS:
            if target != source:
                rows = score_rows(w, [p for p in test if p.info.dataset == target])
                out[f"{target} from {source}"] = {"summary": _summary(rows), "pages": rows}
    return out


def headline(result: dict[str, Any]) -> dict[str, Any]:
    """The four figures (each set out of fold, each set from the other), learned path."""
    return {
        name: {k: v for k, v in entry["summary"]["learned"].items()}
        | {"page_type_accuracy": entry["summary"]["page_type_accuracy"]}
        for name, entry in result.items()
        if entry
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dehusk.eval.train", description=__doc__)
    root = Path(__file__).resolve().parents[2]
    parser.add_argument(
        "--data",
        type=Path,
        nargs="+",
        default=[default_data_dir(root, name) for name in DATASETS],
    )
    parser.add_argument(
        "--out", type=Path, default=root / "dehusk" / "models" / "dehusk-blocks.npz"
    )
    parser.add_argument("--folds-dir", type=Path, default=root / "bench-out" / "folds")
    parser.add_argument("--report", type=Path, default=root / "bench-out" / "train-oof.json")
    parser.add_argument("--limit", type=int, default=0, help="every n-th page (for trials)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    pages = [p for d in args.data for p in load_pages(d, args.limit or None)]
    print(f"features of {len(pages)} pages: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if not args.no_cv:
        args.folds_dir.mkdir(parents=True, exist_ok=True)
        result = cross_validate(pages, args.folds_dir) | cross_set(pages, args.folds_dir)
        result = {k: v for k, v in result.items() if v}
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps({"headline": headline(result)} | result, indent=1))
        for name, entry in result.items():
            print(name, json.dumps(entry["summary"], indent=1))
        print("headline", json.dumps(headline(result), indent=1))
    save(args.out, fit(pages))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
