"""``dehusk.deadline``: the CPU-time limit of one extraction, and ``Options.time_limit``.

No timing is asserted: a limit far below any page's cost must fire, one far above (or none)
must not, and the error must name the limit and where it fired.
"""

from __future__ import annotations

import threading
import time

import pytest

from dehusk import ExtractionError, Options, TimeLimitExceeded, extract, extract_text
from dehusk.deadline import check, within

STORY = (
    "The one paragraph of this article is long enough to be read as the story of the page, "
    "and it says so plainly in words a reader would recognise."
)
#: A page big enough that no extraction of it takes under a millisecond of CPU.
BIG = "<html><body><article>" + f"<p>{STORY}</p>" * 5_000 + "</article></body></html>"


def _burn(seconds: float) -> None:
    """Spend ``seconds`` of this thread's CPU time (sleeping spends none)."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def test_no_deadline_never_fires() -> None:
    check("anything")
    with within(None):
        _burn(0.01)
        check("anything")


def test_past_the_deadline_check_raises_naming_the_limit_and_stage() -> None:
    with within(0.001):
        _burn(0.01)
        with pytest.raises(TimeLimitExceeded, match=r"time limit of 0\.001 s \(CPU\).*during x"):
            check("x")
    check("x")  # the block's deadline is gone with it


def test_nested_deadlines_restore_the_outer_one() -> None:
    with within(1000.0):
        with within(0.001):
            _burn(0.01)
            with pytest.raises(TimeLimitExceeded):
                check("inner")
        check("outer")  # the outer, generous limit is back


def test_sleeping_spends_no_cpu_time() -> None:
    # The clock is CPU time: a page waiting on a loaded machine is not charged for it.
    with within(0.05):
        time.sleep(0.1)
        check("after sleep")


def test_each_thread_has_its_own_deadline() -> None:
    errors: list[BaseException] = []

    def generous() -> None:
        try:
            with within(1000.0):
                _burn(0.02)
                check("thread")
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    with within(0.001):
        worker = threading.Thread(target=generous)
        worker.start()
        worker.join()
    assert errors == []


def test_extract_past_its_time_limit_raises_an_extraction_error() -> None:
    with pytest.raises(TimeLimitExceeded, match=r"Options\.time_limit") as caught:
        extract(BIG, options=Options(time_limit=0.0005))
    assert isinstance(caught.value, ExtractionError)
    assert "plainly" in extract(BIG, options=Options(time_limit=None)).text
    assert "plainly" in extract(BIG).text  # the default limit is far above a page's cost


def test_extract_text_past_its_time_limit_raises() -> None:
    text = "A headline\n" + "".join(f"{STORY} This is line {i}.\n" for i in range(300))
    with pytest.raises(TimeLimitExceeded):
        extract_text(text, options=Options(time_limit=0.0001))
    assert "plainly" in extract_text(text).text
