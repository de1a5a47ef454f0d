"""Golden pages: real pages in ``tests/fixtures/pages/<id>/`` must keep their quality.

Each folder holds ``page.html.gz``, ``truth.json`` (WCXB ground truth) and
``expected.json`` (pinned by ``regen.py``). A page passes when its word F1 is at least the
pinned floor and every ``with`` snippet found when it was pinned is still found.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _regen() -> ModuleType:
    """``tests/fixtures/pages/regen.py``, loaded by path (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("dehusk_golden_regen", PAGES / "regen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


regen = _regen()


@pytest.mark.parametrize("folder", regen.folders(), ids=lambda p: p.name)
def test_golden_page(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    f1, found = regen.score(folder)
    assert f1 >= expected["word_f1_floor"], f"word F1 {f1:.3f} fell below the pinned floor"
    lost = [s for s in expected["with_found"] if s not in found]
    assert not lost, f"snippets no longer found: {lost}"


def test_there_are_golden_pages() -> None:
    assert len(regen.folders()) >= 5
