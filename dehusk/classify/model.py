"""The learned classifier: a page-type model and a block model, inference in NumPy only.

In: a ``Page``, the ``Rules`` the heuristic cascade made of it, and where the weights are.
Out: ``Prediction`` — each block's probability of being article content (``main``), the
page's type and the type probabilities.

Two small models, trained by ``dehusk.eval.train`` (``make train``) on wcxb-dev:
1. page type: multinomial logistic regression on the page vector (``features.PAGE_FEATURES``)
   → article, collection, documentation, forum, listing, product, service;
2. block: gradient-boosted decision trees on the block features, the page vector and the
   page-type probabilities → P(main). The rules' own decisions are among its inputs, so it
   learns when to override them, and the page type tells it that a forum's posts or a
   listing's cards are content there. The trees are stored as complete binary trees of a
   fixed depth in heap order (node ``k``'s children are ``2k+1`` and ``2k+2``; a leaf above
   the bottom is padded with splits that always go left), so inference is ``depth``
   gather-and-compare steps per block and tree, in C (``dehusk._native``);
3. the reported type: a second logistic regression, on the page vector and the URL's
   features (``features.ADDRESS_FEATURES``), trained with the URL withheld on half of the
   pages so that it reads a page with or without one. It gives ``Prediction.reported``
   and nothing else: no block decision reads the URL (docs/decisions.md, session 14).

Weights are one ``.npz`` (``models/dehusk-blocks.npz``, a few hundred KB, with a ``version``
string and the feature names it was trained on, checked at load); loaded lazily, once per
path (a read-only cache), never from the network.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from dehusk._native.walk import tree_sums
from dehusk.article import Page
from dehusk.classify.features import (
    ADDRESS_FEATURES,
    BLOCK_FEATURES,
    PAGE_FEATURES,
    features,
    url_vector,
)
from dehusk.classify.rules import Rules

#: The shipped weights, inside the package.
DEFAULT_MODEL = "dehusk-blocks.npz"
#: ``Options.model`` values: the shipped weights, or the rules alone.
SHIPPED, RULES_ONLY = "default", "rules"


class Weights(NamedTuple):
    """The arrays of a trained model (see the module docstring)."""

    version: str
    page_types: tuple[str, ...]
    page_mean: np.ndarray
    page_scale: np.ndarray
    page_w: np.ndarray
    page_b: np.ndarray
    feature: np.ndarray  # trees × (2**depth - 1) split features
    split: np.ndarray  # trees × (2**depth - 1) float32 thresholds: go right when x > split
    leaf: np.ndarray  # trees × 2**depth leaf values (log-odds)
    base: float  # log-odds before the first tree
    threshold: float  # P(main) at or above this keeps the block
    # the reported type's regression over the page vector and the URL's features
    told_mean: np.ndarray
    told_scale: np.ndarray
    told_w: np.ndarray
    told_b: np.ndarray


class Prediction(NamedTuple):
    """P(main) per block, the page type the block model reads and its probabilities (in
    ``Weights.page_types``), and the type reported for the page (``reported``)."""

    main: np.ndarray
    page_type: str
    type_probs: np.ndarray
    reported: str


def save(path: Path | str, weights: Weights) -> None:
    """Write ``weights`` as an ``.npz`` with the feature names they expect."""
    arrays = weights._asdict()
    arrays["page_types"] = np.array(weights.page_types)
    arrays["version"] = np.array(weights.version)
    arrays["block_features"] = np.array(BLOCK_FEATURES)
    arrays["page_features"] = np.array(PAGE_FEATURES)
    arrays["address_features"] = np.array(ADDRESS_FEATURES)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, **arrays)


@lru_cache(maxsize=16)
def load(name: str = SHIPPED) -> Weights:
    """The weights at ``name`` (``"default"``: the shipped file); cached per name.

    Raises ``ValueError`` when the file was trained on other features than this code makes.
    """
    if name == SHIPPED:
        ref = resources.files("dehusk") / "models" / DEFAULT_MODEL
        with resources.as_file(ref) as path:
            return _read(path)
    return _read(Path(name))


def _read(path: Path) -> Weights:
    with np.load(path, allow_pickle=False) as data:
        if (
            tuple(data["block_features"]) != BLOCK_FEATURES
            or tuple(data["page_features"]) != PAGE_FEATURES
            or "address_features" not in data.files
            or tuple(data["address_features"]) != ADDRESS_FEATURES
        ):
            raise ValueError(f"{path}: weights were trained on other features")
        return Weights(
            version=str(data["version"]),
            page_types=tuple(str(t) for t in data["page_types"]),
            page_mean=data["page_mean"],
            page_scale=data["page_scale"],
            page_w=data["page_w"],
            page_b=data["page_b"],
            feature=data["feature"].astype(np.intp),
            split=data["split"].astype(np.float32),
            leaf=data["leaf"],
            base=float(data["base"]),
            threshold=float(data["threshold"]),
            told_mean=data["told_mean"],
            told_scale=data["told_scale"],
            told_w=data["told_w"],
            told_b=data["told_b"],
        )


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def type_probs(w: Weights, page_vec: np.ndarray) -> np.ndarray:
    return softmax((page_vec - w.page_mean) / w.page_scale @ w.page_w + w.page_b)


def told_probs(w: Weights, page_vec: np.ndarray, address_vec: np.ndarray) -> np.ndarray:
    """The reported type's probabilities, from the page vector and the URL's features."""
    x = np.concatenate([page_vec, address_vec])
    return softmax((x - w.told_mean) / w.told_scale @ w.told_w + w.told_b)


def block_inputs(blocks: np.ndarray, page_vec: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """The block model's input rows: block features, page vector, page-type probabilities."""
    n = len(blocks)
    tail = np.concatenate([page_vec, probs]).astype(np.float32)
    return np.hstack([blocks, np.broadcast_to(tail, (n, len(tail)))])


def block_probs(w: Weights, x: np.ndarray) -> np.ndarray:
    """P(main) per row of ``x`` (float32, as ``block_inputs`` makes them): the sum of every
    tree's leaf, through the logistic. The trees are walked in C (``tree_sums``: per row and
    tree ``depth`` gather-and-compare steps, the leaves summed in NumPy's order)."""
    trees, _ = w.feature.shape
    if trees == 0 or len(x) == 0:
        return np.full(len(x), 1.0 / (1.0 + np.exp(-w.base)))
    raw = tree_sums(
        np.ascontiguousarray(x, dtype=np.float32),
        np.ascontiguousarray(w.feature, dtype=np.intp),
        np.ascontiguousarray(w.split, dtype=np.float32),
        np.ascontiguousarray(w.leaf, dtype=np.float64),
    )
    return 1.0 / (1.0 + np.exp(-(w.base + np.frombuffer(raw, dtype=np.float64))))


def predict(page: Page, rules: Rules, name: str = SHIPPED, url: str | None = None) -> Prediction:
    """Run the models on one page (see the module docstring); ``url`` reaches only the
    reported type."""
    w = load(name)
    feats = features(page, rules)
    probs = type_probs(w, feats.page)
    main = block_probs(w, block_inputs(feats.blocks, feats.page, probs))
    told = told_probs(w, feats.page, url_vector(url))
    types = w.page_types
    return Prediction(main, types[int(np.argmax(probs))], probs, types[int(np.argmax(told))])
