"""Training (needs the ``train`` extra): exported trees match scikit-learn; fits repeat."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from dehusk.classify.features import ADDRESS_FEATURES, BLOCK_FEATURES, PAGE_FEATURES
from dehusk.classify.model import block_inputs, block_probs
from dehusk.eval import train
from dehusk.eval.datasets import PageInfo, Truth


def _synthetic(n_pages: int = 24, seed: int = 1) -> list[train.PageData]:
    rng = np.random.default_rng(seed)
    pages = []
    for i in range(n_pages):
        n = 30
        blocks = rng.random((n, len(BLOCK_FEATURES))).astype(np.float32)
        target = blocks[:, 0] + 0.3 * blocks[:, 1] > 0.7
        info = PageInfo(f"{i:04d}", None, train.PAGE_TYPES[i % 3], f"d{i}.org", Truth("x"))
        pages.append(
            train.PageData(
                info,
                blocks,
                rng.random(len(PAGE_FEATURES)).astype(np.float32),
                target,
                np.ones(n),
                target,
                ["x"] * n,
                np.ones(n, dtype=bool),
                f"{i:040d}",
            )
        )
    return pages


def test_training_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(train, "TREES", 10)
    a, b = train.fit(_synthetic()), train.fit(_synthetic())
    for x, y in zip(a, b, strict=True):
        assert np.array_equal(np.asarray(x), np.asarray(y))


def test_exported_trees_match_scikit_learn(monkeypatch: pytest.MonkeyPatch) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    pages = _synthetic()
    x = np.vstack([block_inputs(p.blocks, p.page, np.zeros(7)) for p in pages])
    y = np.concatenate([p.target for p in pages])
    model = HistGradientBoostingClassifier(
        max_iter=15, max_depth=train.DEPTH, early_stopping=False, random_state=0
    ).fit(x, y)
    feature, split, leaf, base = train.export_trees(model, train.DEPTH)
    head = [np.zeros(1)] * 4
    w = train.Weights("t", (), *head, feature.astype(np.intp), split, leaf, base, 0.5, *head)
    assert np.allclose(block_probs(w, x), model.predict_proba(x)[:, 1])


def test_fitted_model_learns_the_synthetic_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(train, "TREES", 30)
    pages = _synthetic()
    w = train.fit(pages)
    hits = [np.mean(train.predict_page(w, p)[0] == p.target) for p in pages]
    assert np.mean(hits) > 0.9


def test_folds_group_sites_within_each_set_and_cross_set_scores(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(train, "TREES", 5)
    pages = _synthetic(20)
    other = [
        p._replace(info=PageInfo(f"d{i}", None, "article", f"s{i % 7}", Truth("x"), "dragnet"))
        for i, p in enumerate(_synthetic(21, seed=2))
    ]
    folds = train.assign_folds(pages + other)
    site_folds: dict[str, set[int]] = {}
    for p, k in zip(pages + other, folds, strict=True):
        site_folds.setdefault(train.group_of(p.info), set()).add(k)
    assert all(len(ks) == 1 for ks in site_folds.values())  # one site, one fold
    assert set(folds[:20]) == set(folds[20:]) == set(range(train.FOLDS))
    result = train.cross_set(pages + other, tmp_path)
    assert set(result) == {"dragnet from wcxb-dev", "wcxb-dev from dragnet"}
    assert result["dragnet from wcxb-dev"]["summary"]["pages"] == 21
    assert (tmp_path / "trained-on-dragnet.npz").is_file()
    assert set(train.headline(result)["wcxb-dev from dragnet"]) >= {"word_f1", "shingle_f1_ci"}


def test_the_reported_type_learns_half_of_the_pages_without_their_url() -> None:
    infos = [
        PageInfo(f"{i:04d}", "https://a.org/x", "article", "a.org", Truth("x")) for i in range(400)
    ]
    withheld = sum(train.withheld_url(info) for info in infos)
    assert 150 < withheld < 250
    page = _synthetic(1)[0]._replace(address=np.ones(len(ADDRESS_FEATURES), np.float32))
    assert train.reported_inputs(page)[-1] == 1.0
    assert not train.reported_inputs(page._replace(withheld=True), training=True)[-1]
    assert train.reported_inputs(page._replace(withheld=True))[-1] == 1.0  # scored with it
