"""dehusk.collector: the cyclic collector is off inside ``extract()`` and as before after it."""

from __future__ import annotations

import gc
import gzip
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import dehusk
from dehusk import collector
from dehusk.collector import paused

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*/page.html.gz"))


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_off_inside_and_back_after_even_on_error() -> None:
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_a_caller_who_turned_it_off_keeps_it_off() -> None:
    gc.disable()
    dehusk.extract(gzip.decompress(PAGES[0].read_bytes()))
    assert not gc.isenabled()


def test_overlapping_threads_share_one_pause() -> None:
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with paused():
            inside.set()
            leave.wait(10)

    other = threading.Thread(target=hold)
    other.start()
    assert inside.wait(10)
    with paused():
        pass
    assert not gc.isenabled()  # the other thread's block has not ended
    leave.set()
    other.join(10)
    assert gc.isenabled()


def test_a_pause_that_never_ends_still_lets_a_collection_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "VALVE", 0)
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with paused():
            inside.set()
            leave.wait(10)

    other = threading.Thread(target=hold)
    other.start()
    assert inside.wait(10)
    try:
        collected = threading.Event()

        class Node:
            pass

        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        weakref.finalize(cycle, collected.set)
        del cycle
        with paused():
            pass
        assert collected.is_set()
    finally:
        leave.set()
        other.join(10)


@pytest.mark.parametrize("page", PAGES[:3], ids=lambda p: p.parent.name)
def test_extract_leaves_no_cycles_for_the_collector(page: Path) -> None:
    """Why pausing is safe: what a page allocates, reference counting frees."""
    html = gzip.decompress(page.read_bytes())
    dehusk.extract(html)  # first call: module caches fill
    gc.collect()
    dehusk.extract(html)
    assert gc.collect() == 0
    assert gc.isenabled()
