"""The learned second opinion of text mode: which lines are article, given the rules.

In: the page's lines, their ``LineInfo``, the rules' blocks and body run. Out: the blocks
with ``main`` corrected where a small network is confident the rules are wrong.

A one-hidden-layer network (51 inputs, 16 ReLU units, numpy inference only) reads each
line's own features, its neighbourhood (prose and rule decisions within 3 and 10 lines),
its place against the rules' body run and the rules' label. Trained by
``benchmarks/textmode_train.py`` on the flattened wcxb-dev pages, a line's target being
whether its words stand, in order, in the page's ``main_content``. Out-of-fold
(5 folds grouped by domain; ``textmode_train.py --cv``) word-F1 of ``extract_text``, rules
alone → rules + network: all pages 0.757 → 0.773, articles 0.909 → 0.911, service 0.716 →
0.760, listing 0.460 → 0.522, product 0.488 → 0.525, forum 0.538 → 0.565, collection
0.443 → 0.457, documentation 0.860 → 0.860 (threshold 0.4).

Only plain lines change side: a line the rules labelled by a pattern (player, cta, footer…),
as a caption, credit or site template keeps its label; a promoted line becomes a
paragraph (or a list item), a demoted one ``other``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from dehusk.article import Block, Label, Page
from dehusk.textmode.classify import LineInfo

#: The weights shipped with dehusk (``benchmarks/textmode_train.py`` writes them).
WEIGHTS = "textmode-lines.npz"
#: The rules' labels and husk kinds the network reads, in its input order.
LABELS = (
    Label.PARAGRAPH,
    Label.HEADING,
    Label.LIST_ITEM,
    Label.OTHER,
    Label.NAVIGATION,
    Label.CAPTION,
    Label.CREDIT,
    Label.PLAYER,
    Label.CTA,
    Label.RELATED,
    Label.COMMENT,
    Label.FOOTER,
)
HUSK = (
    None,
    Label.PLAYER,
    Label.CTA,
    Label.RELATED,
    Label.COMMENT,
    Label.FOOTER,
    Label.NAVIGATION,
)
#: Labels the network may move into or out of the body.
MOVABLE = frozenset(
    {Label.PARAGRAPH, Label.HEADING, Label.LIST_ITEM, Label.OTHER, Label.NAVIGATION}
)

_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


def _window(cum: np.ndarray, k: int, n: int, reach: int) -> float:
    lo, hi = max(0, k - reach), min(n, k + reach + 1)
    return float(cum[hi] - cum[lo]) / (hi - lo)


def line_features(
    page: Page, infos: Sequence[LineInfo], blocks: Sequence[Block], run: tuple[int, int]
) -> np.ndarray:
    """The network's input, one row per line (see the module docstring)."""
    n = len(infos)
    start, end = run
    prose = np.array([i.prose for i in infos], dtype=float)
    main = np.array([b.main for b in blocks], dtype=float)
    logc = np.log1p(np.array([i.chars for i in infos], dtype=float))
    cum_p, cum_c, cum_m = (np.concatenate([[0.0], np.cumsum(a)]) for a in (prose, logc, main))
    rows = []
    for k, (seg, info, block) in enumerate(zip(page.segments, infos, blocks, strict=True)):
        text = seg.text
        row: list[Any] = [
            1.0,
            math.log1p(info.chars),
            math.log1p(info.words),
            info.terminal,
            info.capital,
            info.title_case,
            info.clock,
            info.bullet,
            math.log1p(info.group_size),
            info.repeats > 1,
            math.log1p(info.repeats),
            info.prose,
            info.sentence,
            len(_DIGIT.findall(text)) / max(1, len(text)),
            len(_UPPER.findall(text)) / max(1, len(text)),
            "http" in text or "www." in text,
            text.endswith(":"),
            k / n,
            start <= k < end,
            (k - start) / n if k < start else 0.0,
            (k - end) / n if k >= end else 0.0,
            _window(cum_p, k, n, 3),
            _window(cum_c, k, n, 3),
            _window(cum_p, k, n, 10),
            _window(cum_m, k, n, 3),
            _window(cum_m, k, n, 10),
            main[k - 1] if k > 0 else 0.0,
            main[k + 1] if k + 1 < n else 0.0,
            prose[k - 1] if k > 0 else 0.0,
            prose[k + 1] if k + 1 < n else 0.0,
            block.main,
            math.log1p(n),
        ]
        row.extend(block.label == label for label in LABELS)
        row.extend(info.husk == kind for kind in HUSK)
        rows.append(row)
    return np.array(rows, dtype=float).reshape(n, -1)


@cache
def load_weights(name: str = WEIGHTS) -> dict[str, np.ndarray] | None:
    """The shipped weights, or None when the file is missing (the rules then decide)."""
    try:
        ref = resources.files("dehusk") / "models" / name
        with resources.as_file(ref) as path, np.load(path) as data:
            return {key: data[key] for key in data.files}
    except (FileNotFoundError, OSError):
        return None


def probabilities(x: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """P(line is article) for each row of ``x``."""
    z = (x - w["mean"]) / w["scale"]
    hidden = np.maximum(z @ w["w1"] + w["b1"], 0.0)
    return np.asarray(1.0 / (1.0 + np.exp(-(hidden @ w["w2"] + w["b2"][0]))))


def refine(
    page: Page,
    infos: Sequence[LineInfo],
    blocks: Sequence[Block],
    run: tuple[int, int],
    keep: int | None = None,
) -> tuple[Block, ...]:
    """The rules' blocks with ``main`` corrected by the network where it may move a line
    (never line ``keep``: the headline, chosen before)."""
    weights = load_weights()
    if weights is None or not blocks:
        return tuple(blocks)
    probs = probabilities(line_features(page, infos, blocks, run), weights)
    threshold = float(weights["threshold"][0])
    out = list(blocks)
    for i, (block, info, p) in enumerate(zip(blocks, infos, probs, strict=True)):
        if block.label not in MOVABLE or info.husk is not None or info.template or i == keep:
            continue
        if p >= threshold and not block.main:
            label = Label.LIST_ITEM if info.bullet else Label.PARAGRAPH
            out[i] = Block(block.text, label, True, level=1 if info.bullet else 0)
        elif p < threshold and block.main:
            out[i] = Block(block.text, Label.OTHER, False)
    return tuple(out)
