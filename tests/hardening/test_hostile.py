"""Every hostile input of ``hostile_inputs.CASES`` through the ``dehusk`` command.

Each runs in a child under a 2 GiB address-space limit, with a hang guard (the child is
killed after ``HANG_SECONDS``, and pytest-timeout stops the test past that); no timing is
asserted. What is asserted is the outcome the case names and, where a bound applies, that
the documented bound is what fired (its warning or its error line). The inputs that must
exit 0 and are not big share one ``dehusk extract`` of many files (one start-up, ~1 s,
instead of one each); the errors (whose exit status is theirs alone) and the big inputs
run alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_inputs import CASES, HANG_SECONDS, Case, Run, run_cli, run_together

TOGETHER = [c for c in CASES if c.outcome != "error" and not c.alone and not c.args]
ALONE = [c for c in CASES if c not in TOGETHER]


def check(case: Case, run: Run, folder: Path) -> None:
    name = f"dehusk: {folder / (case.name + case.suffix)}: "
    if case.outcome == "error":
        assert run.status == 1, run.stderr
        if run.stdout:  # since the batch runner: the failed input's row, with its error
            row = run.result()
            assert (row["text"], row["blocks"]) == ("", [])
            assert case.fired in row["error"]
        assert len(run.stderr) == 1, run.stderr  # exactly one line, no traceback
        assert run.stderr[0].startswith(name)
        assert case.fired in run.stderr[0]
        return
    assert run.status == 0, run.stderr
    result = run.result()
    if case.fired:
        assert any(case.fired in warning for warning in result["warnings"]), result["warnings"]
    if case.outcome == "empty":
        assert result["text"] == ""
        assert run.stderr == (name + "warning: no article text found",)
        return
    assert case.expect in result["text"]
    assert run.stderr == ()
    assert "\x00" not in result["text"]
    assert "\ufffd" not in result["text"] or case.name == "invalid-utf-8"


@pytest.fixture(scope="module")
def together(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Run], Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return run_together(TOGETHER, folder), folder


@pytest.mark.timeout(HANG_SECONDS + 60)
@pytest.mark.parametrize("case", TOGETHER, ids=[case.name for case in TOGETHER])
def test_hostile_input(case: Case, together: tuple[dict[str, Run], Path]) -> None:
    runs, folder = together
    check(case, runs[case.name], folder)


@pytest.mark.timeout(HANG_SECONDS + 60)
@pytest.mark.parametrize("case", ALONE, ids=[case.name for case in ALONE])
def test_hostile_input_alone(case: Case, tmp_path: Path) -> None:
    check(case, run_cli(case, tmp_path), tmp_path)
