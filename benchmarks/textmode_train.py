"""Train text mode's line network (``dehusk/textmode/model.py``) on both flattened dev sets.

Run from the repository root with the main venv::

    .venv/bin/python benchmarks/textmode_train.py [--sets wcxb-dev dragnet] [--cv]
        [--out dehusk/models/textmode-lines.npz]

Data: every page of each set flattened by ``benchmarks/flatten.py`` (the ``blocks``
flattening, cached in ``bench-out/textmode/`` by ``benchmarks/textmode.py``'s
``load_flat``); one row per line (``model.line_features``, computed on the rules' output),
target 1 when the line's words stand, in order, in the page's truth. Model: 16 ReLU units,
logistic output, full-batch Adam (lr 0.01, 400 steps, L2 1e-4, seed 0), inputs
standardised; the shipped weights are trained on every line of every set. ``--cv`` first
prints, per set, the word-F1 of ``extract_text`` with the rules alone, with a network from
5 folds grouped by site (a page's site is never in the folds its network was trained on)
and with a network trained on the other set alone.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import textmode as bench  # noqa: E402

from dehusk.eval import datasets, devsets  # noqa: E402
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


class Lines(NamedTuple):
    """One set's training rows: features, targets, each row's site and page id."""

    x: np.ndarray
    y: np.ndarray
    sites: list[str]
    ids: list[str]


def build(dev: devsets.DevSet) -> tuple[Lines, list[datasets.PageInfo], dict[str, str]]:
    """The rows of one set, its pages and their flattened text."""
    infos = devsets.load_set(dev)
    flat = bench.load_flat(dev, infos, "blocks", bench.CACHE_DIR)
    xs, ys, sites, ids = [], [], [], []
    for info in infos:
        page, _ = lines_to_page(decode_text(flat[info.file_id])[0])
        if not page.segments:
            continue
        blocks, line_infos, run = label_lines(page)
        truth = f" {_norm(info.truth.main)} "
        xs.append(line_features(page, line_infos, blocks, run))
        ys.append(
            np.array(
                [bool(_norm(s.text)) and f" {_norm(s.text)} " in truth for s in page.segments],
                dtype=float,
            )
        )
        sites += [f"{dev.name}/{info.domain}"] * len(page.segments)
        ids += [info.file_id] * len(page.segments)
    return Lines(np.vstack(xs), np.concatenate(ys), sites, ids), infos, flat


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


def _score(
    infos: list[datasets.PageInfo], flat: dict[str, str], weights: dict[str, np.ndarray] | None
) -> float:
    """Mean word-F1 of ``extract_text`` over ``infos`` with ``weights`` (None: rules alone)."""
    model.load_weights = lambda name=None, use=weights: use  # type: ignore[assignment]
    f1 = [word_prf(extract_text(flat[i.file_id], i.url).text, i.truth.main).f1 for i in infos]
    return sum(f1) / max(1, len(f1))


def cross_validate(sets: dict[str, tuple[Lines, list[datasets.PageInfo], dict[str, str]]]) -> None:
    """Per set: rules alone, out of fold (5 folds grouped by site over both sets) and from
    the other set's network alone."""
    x = np.vstack([lines.x for lines, _, _ in sets.values()])
    y = np.concatenate([lines.y for lines, _, _ in sets.values()])
    fold = np.array([_fold(s) for lines, _, _ in sets.values() for s in lines.sites])
    nets = [train(x[fold != f], y[fold != f]) for f in range(FOLDS)]
    for name, (_, infos, flat) in sets.items():
        oof = [
            _score([i for i in infos if _fold(f"{name}/{i.domain}") == f], flat, nets[f])
            * sum(1 for i in infos if _fold(f"{name}/{i.domain}") == f)
            for f in range(FOLDS)
        ]
        line = f"{name:10s} n={len(infos):5d} rules {_score(infos, flat, None):.4f}"
        line += f"  out of fold {sum(oof) / len(infos):.4f}"
        for other, (lines, _, _) in sets.items():
            if other != name:
                line += f"  from {other} {_score(infos, flat, train(lines.x, lines.y)):.4f}"
        print(line, flush=True)


def _fold(domain: str) -> int:
    return hashlib.sha1(domain.encode()).digest()[0] % FOLDS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(devsets.SET_NAMES))
    ap.add_argument("--out", type=Path, default=REPO / "dehusk" / "models" / "textmode-lines.npz")
    ap.add_argument("--cv", action="store_true", help="print the held-out figures first")
    args = ap.parse_args(argv)
    sets = {}
    for spec in args.sets:
        dev = devsets.resolve(spec, REPO)
        sets[dev.name] = build(dev)
    x = np.vstack([lines.x for lines, _, _ in sets.values()])
    y = np.concatenate([lines.y for lines, _, _ in sets.values()])
    print(f"{len(y)} lines, {y.mean():.3f} article", file=sys.stderr)
    if args.cv:
        cross_validate(sets)
    weights = train(x, y)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **weights)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
