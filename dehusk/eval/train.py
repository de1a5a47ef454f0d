"""``make train``: rebuild the learned classifier's weights from wcxb-dev, deterministically.

Run as ``python -m dehusk.eval.train [--data DIR] [--out dehusk/models/dehusk-blocks.npz]
[--folds-dir bench-out/folds]`` in the dev venv with the ``train`` extra (scikit-learn is
used for training only; inference is NumPy, see ``dehusk.model``).

Steps:
1. Every page goes through the library's own decode → parse → segment → rules → features
   (the same single pass as extraction), giving one feature row per block.
2. Block targets come from aligning the ground truth to the blocks (``align``).
3. Five folds grouped by domain (``GroupKFold`` on metadata.json's ``domain``): for each fold a
   page-type model and a block model are trained on the other four and predict the held-out
   pages. The out-of-fold figures (word-F1 per page type, rules vs learned, and page-type
   accuracy) are printed and written to ``bench-out/train-oof.json``; the fold weights go to
   ``--folds-dir`` with ``folds.json`` (SHA-1 of the page bytes → fold) so ``make bench``
   can score every page with the model that never saw its domain.
4. The shipped weights are trained on all pages.

Deterministic: fixed seeds, no shuffling of the folds, pages in file-id order.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from dehusk.article import BODY_LABELS, Options, Page
from dehusk.decode import decode
from dehusk.features import features
from dehusk.model import Weights, block_inputs, block_probs, save, type_probs
from dehusk.parse import parse
from dehusk.rules import rules
from dehusk.segment import segment

from .datasets import PageInfo, default_data_dir, load_index, read_html
from .metrics import tokens, word_prf

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


def page_data(info: PageInfo, html: bytes) -> PageData:
    options = Options()
    text, _ = decode(html, max_bytes=options.max_bytes)
    page: Page = segment(parse(text, options), options)
    found = rules(page)
    feats = features(page, found, info.url)
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
        np.array([m for m, _ in found.decisions], dtype=bool),
        texts,
        np.array([s.kind in BODY_LABELS for s in page.segments], dtype=bool),
        hashlib.sha1(html).hexdigest(),
        found.empty,
    )


def body_f1(data: PageData, main: np.ndarray) -> float:
    """Word-F1 of the body the given main flags make (classify-level, before dedupe)."""
    keep = main & data.body
    text = "\n\n".join(t for t, k in zip(data.texts, keep, strict=True) if k)
    return word_prf(text, data.info.truth.main).f1


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and scales; a floor on the scale keeps rare one-hot columns near 1."""
    mean = x.mean(axis=0)
    scale = np.maximum(x.std(axis=0), SCALE_FLOOR)
    return mean.astype(np.float32), scale.astype(np.float32)


def fit_page_types(pages: Sequence[PageData]) -> tuple[np.ndarray, ...]:
    """Multinomial logistic regression on page vectors: mean, scale, W, b."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([p.page for p in pages], dtype=np.float64)
    y = np.array([PAGE_TYPES.index(p.info.page_type) for p in pages])
    mean, scale = _standardise(x)
    model = LogisticRegression(C=0.5, max_iter=2000, random_state=SEED)
    model.fit((x - mean) / scale, y)
    w = np.zeros((x.shape[1], len(PAGE_TYPES)), dtype=np.float32)
    b = np.full(len(PAGE_TYPES), -30.0, dtype=np.float32)  # a type absent from training
    w[:, model.classes_] = model.coef_.T
    b[model.classes_] = model.intercept_
    return mean, scale, w, b


def _type_weights(params: tuple[np.ndarray, ...]) -> Weights:
    mean, scale, w, b = params
    z = np.zeros((0, 1))
    return Weights(VERSION, PAGE_TYPES, mean, scale, w, b, z.astype(np.intp), z, z, 0.0, 0.5)


def _inner_type_probs(pages: Sequence[PageData]) -> list[np.ndarray]:
    """Page-type probabilities for training pages, each from a model that did not see it."""
    from sklearn.model_selection import GroupKFold

    groups = [p.info.domain or p.info.file_id for p in pages]
    out: list[np.ndarray] = [np.zeros(len(PAGE_TYPES))] * len(pages)
    for train, test in GroupKFold(n_splits=FOLDS).split(np.zeros(len(pages)), groups=groups):
        tw = _type_weights(fit_page_types([pages[i] for i in train]))
        for i in test:
            out[i] = type_probs(tw, pages[i].page)
    return out


def export_trees(model: Any, depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A fitted ``HistGradientBoostingClassifier`` as complete heap-ordered trees of ``depth``.

    Arrays: split feature and threshold per inner node, value per leaf (see ``dehusk.model``).
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
    return Weights(VERSION, PAGE_TYPES, pm, ps, pw, pb, feature, split, leaf, base, 0.5)


def predict_page(w: Weights, data: PageData) -> tuple[np.ndarray, str]:
    """Main flags and page type as ``dehusk.classify`` decides them on the learned path."""
    probs = type_probs(w, data.page)
    main = block_probs(w, block_inputs(data.blocks, data.page, probs)) >= w.threshold
    if data.empty:
        main[:] = False
    return main, w.page_types[int(np.argmax(probs))]


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


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_type.setdefault(r["page_type"], []).append(r)

    def mean(items: list[dict[str, Any]], key: str) -> float:
        return round(sum(float(r[key]) for r in items) / max(1, len(items)), 4)

    return {
        "pages": len(rows),
        "rules_f1": mean(rows, "rules_f1"),
        "learned_f1": mean(rows, "learned_f1"),
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


def cross_validate(pages: list[PageData], folds_dir: Path | None) -> dict[str, Any]:
    """Out-of-fold figures with domain-grouped folds; fold weights saved to ``folds_dir``."""
    from sklearn.model_selection import GroupKFold

    groups = [p.info.domain or p.info.file_id for p in pages]
    rows: list[dict[str, Any]] = []
    fold_of: dict[str, int] = {}
    fold_of_digest: dict[str, int] = {}
    split = GroupKFold(n_splits=FOLDS).split(np.zeros(len(pages)), groups=groups)
    for k, (train, test) in enumerate(split):
        t0 = time.perf_counter()
        w = fit([pages[i] for i in train])
        if folds_dir is not None:
            save(folds_dir / f"fold{k}.npz", w)
        for i in test:
            data = pages[i]
            main, kind = predict_page(w, data)
            fold_of[data.info.file_id] = k
            fold_of_digest[data.digest] = k
            rows.append(
                {
                    "id": data.info.file_id,
                    "page_type": data.info.page_type,
                    "predicted_type": kind,
                    "type_ok": kind == data.info.page_type,
                    "rules_f1": round(body_f1(data, data.rules_main), 4),
                    "learned_f1": round(body_f1(data, main), 4),
                }
            )
        print(f"  fold {k}: {len(test)} pages, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if folds_dir is not None:
        index = {"version": VERSION, "by_id": fold_of, "by_sha1": fold_of_digest}
        (folds_dir / "folds.json").write_text(json.dumps(index, sort_keys=True) + "\n")
    rows.sort(key=lambda r: r["id"])
    return {"summary": _summary(rows), "pages": rows}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dehusk.eval.train", description=__doc__)
    root = Path(__file__).resolve().parents[2]
    parser.add_argument("--data", type=Path, default=default_data_dir(root))
    parser.add_argument(
        "--out", type=Path, default=root / "dehusk" / "models" / "dehusk-blocks.npz"
    )
    parser.add_argument("--folds-dir", type=Path, default=root / "bench-out" / "folds")
    parser.add_argument("--report", type=Path, default=root / "bench-out" / "train-oof.json")
    parser.add_argument("--limit", type=int, default=0, help="every n-th page (for trials)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    pages = load_pages(args.data, args.limit or None)
    print(f"features of {len(pages)} pages: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if not args.no_cv:
        args.folds_dir.mkdir(parents=True, exist_ok=True)
        result = cross_validate(pages, args.folds_dir)
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(result, indent=1) + "\n")
        print(json.dumps(result["summary"], indent=1))
    save(args.out, fit(pages))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
