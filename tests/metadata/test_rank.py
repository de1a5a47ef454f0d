"""The learned choice among a field's candidates: where weights live, how a pick is made."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dehusk.metadata import rank
from dehusk.metadata.rank import RULES_CHOICE, Candidate, Ranker


def _ranker(names: tuple[str, ...], coef: list[float]) -> Ranker:
    n = len(names)
    return Ranker("t", names, np.zeros(n), np.ones(n), np.array(coef), 0.0)


def test_rules_model_has_no_weights_and_keeps_the_rules_choice() -> None:
    cands = [Candidate("a", {"x": 1.0}), Candidate("b", {RULES_CHOICE: 1.0})]
    assert rank.weights_path("title", rank.RULES_ONLY) is None
    assert rank.choose("title", cands, rank.RULES_ONLY, "b") == "b"


def test_block_model_path_finds_its_sibling_weights(tmp_path: Path) -> None:
    block_model = tmp_path / "fold3.npz"
    assert rank.weights_path("title", str(block_model)) is None
    rank.save(tmp_path / "fold3.meta-title.npz", _ranker(("x", "y"), [2.0, -1.0]))
    assert rank.weights_path("title", str(block_model)) == tmp_path / "fold3.meta-title.npz"


def test_saved_weights_load_and_pick_the_best_scored(tmp_path: Path) -> None:
    rank.save(tmp_path / "m.meta-title.npz", _ranker(("x", "y"), [2.0, -1.0]))
    cands = [Candidate("low", {"y": 1.0}), Candidate("high", {"x": 1.0, "unknown": 5.0})]
    rank.load.cache_clear()
    assert rank.choose("title", cands, str(tmp_path / "m.npz"), "fallback") == "high"
    assert rank.choose("title", [], str(tmp_path / "m.npz"), "fallback") == "fallback"


def test_matrix_orders_features_by_name_and_zero_fills() -> None:
    x = rank.matrix(("a", "b"), [Candidate(1, {"b": 2.0}), Candidate(2, {"a": 1.0, "z": 9.0})])
    assert x.tolist() == [[0.0, 2.0], [1.0, 0.0]]


def test_shipped_title_model_exists_and_names_its_features() -> None:
    rank.load.cache_clear()
    ranker = rank.load("title", rank.SHIPPED)
    if ranker is None:
        pytest.fail("dehusk/models/meta-title.npz is missing: run `make train`")
    assert RULES_CHOICE in ranker.names
    assert ranker.coef.shape == (len(ranker.names),)
