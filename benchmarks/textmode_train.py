"""Train text mode's line network (``dehusk/textmode/model.py``) on the flattened dev set.

Run from the repository root with the main venv::

    .venv/bin/python benchmarks/textmode_train.py [--cv] [--out dehusk/models/textmode-lines.npz]

Data: every wcxb-dev page flattened by ``benchmarks/flatten.py`` (cached by
``benchmarks/textmode.py``); one row per line (``model.line_features``, computed on the
rules' output), target 1 when the line's words stand, in order, in the page's
``main_content``. Model: 16 ReLU units, logistic output, full-batch Adam (lr 0.01,
400 steps, L2 1e-4, seed 0), inputs standardised. ``--cv`` first prints the out-of-fold
word-F1 of ``extract_text`` per page type (5 folds grouped by domain: a page's site is never
in the folds its network was trained on), rules alone beside rules + network (~20 min).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import textmode as bench  # noqa: E402

from dehusk.eval import datasets  # noqa: E402
from dehusk.eval.metrics import tokens, word_prf  # noqa: E402
from dehusk.textmode import extract_text, model  # noqa: E402
from dehusk.textmode.classify import label_lines  # noqa: E402
from dehusk.textmode.lines import decode_text, lines_to_page  # noqa: E402
from dehusk.textmode.model import line_features  # noqa: E402

HIDDEN = 16
STEPS = 400
RATE = 0.01
L2 = 1e-4
THRESHOLD = 0.4
FOLDS = 5


def _norm(text: str) -> str:
    return " ".join(tokens(text))


def build(data_dir: Path) -> tuple[np.ndarray, np.ndarray, list[str], list[str], dict]:
    """Rows, targets, each row's domain and page id, and each page's lines and rules' mains."""
    infos = datasets.load_index(data_dir)
    flat = bench.load_flat(data_dir, bench.CACHE)
    xs, ys, domains, ids = [], [], [], []
    pages: dict[str, tuple[list[str], list[bool]]] = {}
    for info in infos:
        page, _ = lines_to_page(decode_text(flat[info.file_id])[0])
        if not page.segments:
            continue
        blocks, line_infos, run = label_lines(page)
        truth = f" {_norm(info.truth.main)} "
        x = line_features(page, line_infos, blocks, run)
        y = [bool(_norm(s.text)) and f" {_norm(s.text)} " in truth for s in page.segments]
        xs.append(x)
        ys.append(np.array(y, dtype=float))
        domains += [info.domain] * len(y)
        ids += [info.file_id] * len(y)
        pages[info.file_id] = ([s.text for s in page.segments], [b.main for b in blocks])
    return np.vstack(xs), np.concatenate(ys), domains, ids, pages


def train(x: np.ndarray, y: np.ndarray, seed: int = 0) -> dict[str, np.ndarray]:
    """Fit the network; returns its weights with the standardisation folded in."""
    mean = x.mean(0)
    scale = x.std(0) + 1e-6
    mean[0], scale[0] = 0.0, 1.0
    z = (x - mean) / scale
    rng = np.random.default_rng(seed)
    d = z.shape[1]
    params = [
        rng.normal(0, 1 / np.sqrt(d), (d, HIDDEN)),
        np.zeros(HIDDEN),
        rng.normal(0, 1 / np.sqrt(HIDDEN), HIDDEN),
        np.zeros(1),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t in range(1, STEPS + 1):
        w1, b1, w2, b2 = params
        a = z @ w1 + b1
        h = np.maximum(a, 0)
        p = 1 / (1 + np.exp(-(h @ w2 + b2[0])))
        g = (p - y) / len(y)
        gh = np.outer(g, w2) * (a > 0)
        grads = [z.T @ gh + L2 * w1, gh.sum(0), h.T @ g + L2 * w2, np.array([g.sum()])]
        for i, (param, grad) in enumerate(zip(params, grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * grad
            v[i] = 0.999 * v[i] + 0.001 * grad * grad
            param -= RATE * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
    w1, b1, w2, b2 = params
    return {
        "mean": mean,
        "scale": scale,
        "w1": w1,
        "b1": b1,
        "w2": w2,
        "b2": b2,
        "threshold": np.array([THRESHOLD]),
    }


def predict(w: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    z = (x - w["mean"]) / w["scale"]
    return np.asarray(
        1 / (1 + np.exp(-(np.maximum(z @ w["w1"] + w["b1"], 0) @ w["w2"] + w["b2"][0])))
    )


def cross_validate(data_dir: Path, x: np.ndarray, y: np.ndarray, domains: list[str]) -> None:
    """Out-of-fold word-F1 of ``extract_text`` per page type, rules alone and with the
    network trained on the other folds (5 folds grouped by domain)."""
    fold = np.array([_fold(d) for d in domains])
    flat = bench.load_flat(data_dir, bench.CACHE)
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for f in range(FOLDS):
        weights = train(x[fold != f], y[fold != f])
        for info in datasets.load_index(data_dir):
            if _fold(info.domain) != f:
                continue
            scores = []
            for use in (None, weights):
                model.load_weights = lambda name=None, use=use: use  # type: ignore[assignment]
                text = extract_text(flat[info.file_id], info.url).text
                scores.append(word_prf(text, info.truth.main).f1)
            for key in ("all", info.page_type):
                totals[key][0] += scores[0]
                totals[key][1] += scores[1]
                totals[key][2] += 1
    for kind, (rules_f1, model_f1, n) in sorted(totals.items()):
        print(
            f"{kind:14s} n={int(n):4d} rules {rules_f1 / n:.4f}  rules+network {model_f1 / n:.4f}"
        )


def _fold(domain: str) -> int:
    return hashlib.sha1(domain.encode()).digest()[0] % FOLDS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=datasets.default_data_dir(REPO))
    ap.add_argument("--out", type=Path, default=REPO / "dehusk" / "models" / "textmode-lines.npz")
    ap.add_argument("--cv", action="store_true", help="print out-of-fold figures first")
    args = ap.parse_args(argv)
    x, y, domains, _, _ = build(args.data)
    print(f"{len(y)} lines, {y.mean():.3f} article", file=sys.stderr)
    if args.cv:
        cross_validate(args.data, x, y, domains)
    weights = train(x, y)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **weights)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
