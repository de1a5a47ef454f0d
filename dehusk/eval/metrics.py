"""Scoring functions: pure, stdlib-only, one page at a time.

Tokens are ``re.findall(r"\\w+", text.lower())`` everywhere (WCXB's tokenisation).

- ``word_prf``      — WCXB word-F1: bag-of-words precision/recall/F1 of one page.
- ``shingle_counts`` / ``shingle_pr`` / ``macro_f1`` — the scrapinghub
  article-extraction-benchmark metric: 4-token shingles, per-page P/R, macro-averaged P and R,
  F1 = harmonic mean of the two means.
- ``snippet_rates`` — share of ``with`` snippets found and of ``without`` snippets absent.
- ``title_match`` / ``authors_match`` / ``date_match`` — metadata scoring rules.
- ``bootstrap_interval`` — a percentile interval of a figure over pages resampled with
  replacement; ``CATASTROPHIC_F1``: below it a page counts as lost.

Empty sides: a page whose truth has no tokens scores 1.0 when the extraction has none either,
else 0.0 (WCXB's rule); the shingle metric does the same for P and R separately.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeVar

_TOKEN = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")
_AUTHOR_SEP = re.compile(r"[,;&]| and ")

SHINGLE_SIZE = 4
#: A page whose F1 is below this is lost (issue #11 counts them per extractor and set).
CATASTROPHIC_F1 = 0.5
#: Bootstrap resamples and the interval's coverage; a fixed seed makes reports repeatable.
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_LEVEL = 0.95

T = TypeVar("T")


class PRF(NamedTuple):
    """Precision, recall and F1 of one page, each in [0, 1]."""

    precision: float
    recall: float
    f1: float


class ShingleCounts(NamedTuple):
    """Multiset counts of one page's shingles: true positives, false positives, false negatives.

    ``pred_empty`` / ``truth_empty`` record whether each side had no shingle at all, which the
    per-page precision/recall rules need.
    """

    tp: int
    fp: int
    fn: int
    pred_empty: bool
    truth_empty: bool


def tokens(text: str) -> list[str]:
    """Lowercase ``\\w+`` tokens of ``text``, in order."""
    return _TOKEN.findall(text.lower())


def f1_of(precision: float, recall: float) -> float:
    """Harmonic mean of ``precision`` and ``recall``; 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0


def word_prf(pred: str, truth: str) -> PRF:
    """WCXB word-F1 of one page: bag (multiset) of tokens of ``pred`` against ``truth``.

    Truth without tokens: ``PRF(1, 1, 1)`` if ``pred`` has no token either, else
    ``PRF(0, 0, 0)``. Prediction without tokens (truth non-empty): ``PRF(0, 0, 0)``.
    """
    pred_bag = Counter(tokens(pred))
    truth_bag = Counter(tokens(truth))
    if not truth_bag:
        return PRF(1.0, 1.0, 1.0) if not pred_bag else PRF(0.0, 0.0, 0.0)
    if not pred_bag:
        return PRF(0.0, 0.0, 0.0)
    common = sum((pred_bag & truth_bag).values())
    precision = common / sum(pred_bag.values())
    recall = common / sum(truth_bag.values())
    return PRF(precision, recall, f1_of(precision, recall))


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles of ``text``.

    A text shorter than ``size`` tokens (but not empty) is one shingle: its whole token
    tuple. No token → empty multiset.
    """
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


def shingle_counts(pred: str, truth: str) -> ShingleCounts:
    """Shingle TP/FP/FN (multiset counts) of one page's extraction against its truth."""
    pred_sh = shingles(pred)
    truth_sh = shingles(truth)
    tp = sum((pred_sh & truth_sh).values())
    fp = sum((pred_sh - truth_sh).values())
    fn = sum((truth_sh - pred_sh).values())
    return ShingleCounts(tp, fp, fn, not pred_sh, not truth_sh)


def shingle_pr(counts: ShingleCounts) -> tuple[float, float]:
    """Per-page (precision, recall) from shingle counts.

    Both sides empty → (1, 1); exactly one side empty → (0, 0); otherwise
    tp / (tp + fp) and tp / (tp + fn).
    """
    if counts.pred_empty and counts.truth_empty:
        return 1.0, 1.0
    if counts.pred_empty or counts.truth_empty:
        return 0.0, 0.0
    return counts.tp / (counts.tp + counts.fp), counts.tp / (counts.tp + counts.fn)


def macro_f1(pairs: Iterable[tuple[float, float]]) -> PRF:
    """Macro-average per-page (precision, recall) pairs; F1 = harmonic mean of the means.

    No page at all gives ``PRF(0, 0, 0)``.
    """
    pair_list = list(pairs)
    if not pair_list:
        return PRF(0.0, 0.0, 0.0)
    precision = sum(p for p, _ in pair_list) / len(pair_list)
    recall = sum(r for _, r in pair_list) / len(pair_list)
    return PRF(precision, recall, f1_of(precision, recall))


def normalize_snippet(text: str) -> str:
    """Lowercase ``text`` and fold every whitespace run to one space (stripped)."""
    return " ".join(text.lower().split())


def snippet_rates(
    pred: str, with_snippets: Sequence[str], without_snippets: Sequence[str]
) -> tuple[float | None, float | None]:
    """(with rate, without rate) of one page; higher is better for both.

    with rate = share of non-blank ``with`` snippets found in ``pred``; without rate = share of
    non-blank ``without`` snippets *not* found in ``pred``. Matching is substring search after
    ``normalize_snippet`` on both sides. A side with no snippet gives ``None``.
    """
    text = normalize_snippet(pred)
    wanted = [s for s in map(normalize_snippet, with_snippets) if s]
    unwanted = [s for s in map(normalize_snippet, without_snippets) if s]
    with_rate = sum(s in text for s in wanted) / len(wanted) if wanted else None
    without_rate = sum(s not in text for s in unwanted) / len(unwanted) if unwanted else None
    return with_rate, without_rate


def normalize_title(text: str) -> str:
    """Lowercase, fold every run of non-word characters to one space, strip."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def author_set(text: str) -> frozenset[str]:
    """Names in an author string: split on ``,`` ``;`` ``&`` and `` and ``, titles-normalised.

    Empty parts are dropped. ``"A. Smith & B. Jones"`` → ``{"a smith", "b jones"}``.
    """
    parts = (normalize_title(p) for p in _AUTHOR_SEP.split(text.lower()))
    return frozenset(p for p in parts if p)


def title_match(pred: str | None, truth: str) -> bool:
    """Whether ``pred`` equals ``truth`` after ``normalize_title``; an empty ``pred`` is wrong."""
    want = normalize_title(truth)
    got = normalize_title(pred or "")
    return bool(got) and got == want


def authors_match(pred: Sequence[str] | None, truth: str) -> bool:
    """Whether the predicted names, joined with ``", "``, give the same ``author_set`` as truth.

    An empty prediction is wrong.
    """
    got = author_set(", ".join(pred or ()))
    return bool(got) and got == author_set(truth)


def date_match(pred: str | None, truth: str) -> bool:
    """Whether the first 10 characters (``YYYY-MM-DD``) of ``pred`` and ``truth`` are equal.

    An empty prediction is wrong.
    """
    got = (pred or "").strip()[:10]
    return bool(got) and got == truth.strip()[:10]


def bootstrap_interval(
    items: Sequence[T],
    statistic: Callable[[Sequence[T]], float],
    resamples: int = BOOTSTRAP_RESAMPLES,
    level: float = BOOTSTRAP_LEVEL,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``statistic`` over ``items`` (pages) resampled with
    replacement ``resamples`` times: the ``(1 - level) / 2`` and ``(1 + level) / 2``
    quantiles. Deterministic for a given ``seed``; no item gives ``(0.0, 0.0)``.
    """
    if not items:
        return 0.0, 0.0
    rng = random.Random(seed)
    n = len(items)
    values = sorted(statistic(rng.choices(items, k=n)) for _ in range(max(1, resamples)))
    low = values[int((1 - level) / 2 * (len(values) - 1))]
    high = values[round((1 + level) / 2 * (len(values) - 1))]
    return low, high


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean; 0.0 for no value."""
    return sum(values) / len(values) if values else 0.0
