"""Training the metadata choosers (needs the ``train`` extra): a fit learns which
candidate feature marks the truth, out of fold, deterministically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from dehusk.eval import train_metadata as tm
from dehusk.metadata.rank import RULES_CHOICE, Candidate


def _examples(n: int = 40) -> list[tm.Example]:
    """Pages whose true candidate is the one with ``from_title``; the rules are right on
    every third page only."""
    out = []
    for i in range(n):
        right = Candidate("right", {"from_title": 1.0, RULES_CHOICE: float(i % 3 == 0)})
        wrong = Candidate("wrong", {"from_h1": 1.0, RULES_CHOICE: float(i % 3 != 0)})
        cands = [wrong, right] if i % 2 else [right, wrong]
        labels = np.array([c.value == "right" for c in cands])
        out.append(tm.Example(f"{i:04d}", "article", i % 5, cands, labels))
    return out


def test_fit_learns_the_feature_that_marks_the_truth() -> None:
    examples = _examples()
    ranker = tm.fit(examples)
    assert all(tm.pick(ranker, e) is not None and e.labels[tm.pick(ranker, e)] for e in examples)
    assert tm.accuracy(examples, [tm.rules_pick(e) for e in examples]) == pytest.approx(14 / 40)


def test_cross_validation_reports_out_of_fold_and_rules_figures(tmp_path: Path) -> None:
    report = tm.cross_validate("title", _examples(), tmp_path)
    assert report["oof_articles"] == 1.0
    assert report["rules_articles"] == pytest.approx(14 / 40)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"fold{k}.meta-title.npz" for k in range(5)
    ]


def test_fits_repeat() -> None:
    a, b = tm.fit(_examples()), tm.fit(_examples())
    assert np.array_equal(a.coef, b.coef) and a.names == b.names


def test_benchmark_comparison_rules() -> None:
    assert tm.FIELDS["title"].matches("Hello, World!", "hello world")
    assert tm.author_set("Ann Lee, Bo Chan & Cy Dee") == tm.author_set(
        "Bo Chan and Cy Dee; Ann Lee"
    )
