"""Every input the fuzzers found a fault with, kept in ``fuzz/regressions/TARGET/``, replayed
through the same check (``fuzz/targets.py``), plus the seed corpus: none may fail again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ))

from targets import TARGETS  # noqa: E402

KEPT = sorted(
    (target, path)
    for target in TARGETS
    for folder in ("regressions", "corpus")
    for path in (FUZZ / folder / target).glob("*")
    if path.is_file() and not path.name.startswith(".")
)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("target", "path"), KEPT, ids=[f"{t}/{p.parent.parent.name}/{p.name}" for t, p in KEPT]
)
def test_kept_input(target: str, path: Path) -> None:
    TARGETS[target](path.read_bytes())
