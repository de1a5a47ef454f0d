"""A learned choice among a field's candidates (title, date, authors).

In: one field's candidates — each a value and named float features, one of which is
whether the rules chose it — and ``Options.model``. Out: the value the model scores
highest, or the rules' value when no weights exist for that field and model.

The rules stay the first opinion: they build the candidates and their choice is a feature,
so the model learns when the annotated truth sides with another source (the ``<title>``
over the ``<h1>``, a visible "Updated" date over the declared one). The model is a logistic
regression over the candidate features, trained by ``dehusk.eval.train_metadata`` with
domain-grouped folds; inference is one dot product per candidate.

Weights: ``meta-<field>.npz`` with the feature names, their standardisation, the
coefficients and a version string. Where they are found, for an ``Options.model`` of
- ``"default"``: inside the package (``dehusk/models/meta-<field>.npz``);
- ``"rules"``: nowhere — the rules decide alone;
- a path ``X.npz`` (a block model): ``X.meta-<field>.npz`` beside it, so a fold of the
  benchmark brings its own metadata models; none there → the rules decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

import numpy as np

T = TypeVar("T")

#: ``Options.model`` values with a fixed meaning (as in ``dehusk.classify.model``).
SHIPPED, RULES_ONLY = "default", "rules"
#: The feature every field sets on the candidate its rules chose.
RULES_CHOICE = "rules_choice"


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One possible value of a field and what is known about it (absent feature = 0)."""

    value: T
    features: Mapping[str, float]


class Ranker(NamedTuple):
    """A field's logistic model over standardised candidate features."""

    version: str
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float


def weights_path(field: str, model: str) -> Path | None:
    """Where the weights of ``field`` for ``model`` are (see the module docstring)."""
    if model == RULES_ONLY:
        return None
    if model == SHIPPED:
        path = Path(str(resources.files("dehusk") / "models" / f"meta-{field}.npz"))
    else:
        block_model = Path(model)
        path = block_model.with_name(f"{block_model.stem}.meta-{field}.npz")
    return path if path.is_file() else None


@lru_cache(maxsize=64)
def load(field: str, model: str) -> Ranker | None:
    """The ranker of ``field`` for ``model``, or None (the rules decide); cached."""
    path = weights_path(field, model)
    if path is None:
        return None
    with np.load(path, allow_pickle=False) as data:
        return Ranker(
            version=str(data["version"]),
            names=tuple(str(n) for n in data["names"]),
            mean=data["mean"].astype(np.float64),
            scale=data["scale"].astype(np.float64),
            coef=data["coef"].astype(np.float64),
            bias=float(data["bias"]),
        )


def save(path: Path | str, ranker: Ranker) -> None:
    """Write ``ranker`` as an ``.npz`` readable by ``load``."""
    with open(path, "wb") as fh:
        np.savez_compressed(
            fh,
            version=np.array(ranker.version),
            names=np.array(ranker.names),
            mean=ranker.mean,
            scale=ranker.scale,
            coef=ranker.coef,
            bias=np.array(ranker.bias),
        )


def matrix(names: Sequence[str], candidates: Sequence[Candidate[T]]) -> np.ndarray:
    """Candidates × features, in the order of ``names`` (unknown features are dropped)."""
    index = _columns(tuple(names))
    rows = []
    for cand in candidates:
        row = [0.0] * len(names)  # filled as Python floats, made an array once (item
        for name, value in cand.features.items():  # by item, numpy's setitem cost more)
            col = index.get(name)
            if col is not None:
                row[col] = value
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(candidates), len(names))


@lru_cache(maxsize=64)
def _columns(names: tuple[str, ...]) -> dict[str, int]:
    """Each feature name's column (a ranker's names, the same on every page)."""
    return {name: i for i, name in enumerate(names)}


def scores(ranker: Ranker, candidates: Sequence[Candidate[T]]) -> np.ndarray:
    """Each candidate's log-odds of being the field's true value."""
    x = (matrix(ranker.names, candidates) - ranker.mean) / ranker.scale
    result: np.ndarray = x @ ranker.coef + ranker.bias
    return result


def choose(field: str, candidates: Sequence[Candidate[T]], model: str, fallback: T) -> T:
    """The best-scored candidate's value; ``fallback`` (the rules' value) when there are
    no candidates or no weights for ``field`` and ``model``."""
    ranker = load(field, model) if candidates else None
    if ranker is None:
        return fallback
    if len(candidates) == 1:
        return candidates[0].value  # the argmax of one score, whatever it is: not scored
    return candidates[int(np.argmax(scores(ranker, candidates)))].value


@dataclass(frozen=True, slots=True)
class Chooser:
    """Picks a field's value among its candidates with the learned chooser of ``model``;
    records the candidates in ``trace`` (training) and, when the chooser overrules the
    rules, says so in ``warnings``."""

    model: str
    trace: dict[str, list[Candidate[Any]]] | None
    warnings: list[str]

    def __call__(self, field: str, options: list[Candidate[T]], rules: T) -> T:
        if self.trace is not None:
            self.trace[field] = list(options)
        chosen = choose(field, options, self.model, rules)
        if chosen != rules:
            self.warnings.append(f"{field}: the learned chooser took {chosen!r} over {rules!r}")
        return chosen

    def record(self, field: str, options: list[Candidate[T]]) -> None:
        """Records ``options`` for training where the rules decide without the chooser."""
        if self.trace is not None:
            self.trace[field] = list(options)
