"""dehusk.collector: the cyclic collector is off inside ``extract()`` and as before after it."""

from __future__ import annotations

import ast
import contextlib
import gc
import gzip
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

import dehusk
from dehusk import collector
from dehusk.article import INCLUDE_CHOICES, Options
from dehusk.collector import paused
from dehusk.render import render
from dehusk.render.xray import xray

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*/page.html.gz"))
ROOT = Path(__file__).resolve().parents[1]


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


@contextlib.contextmanager
def _held_elsewhere() -> Iterator[None]:
    """Another thread inside ``paused()`` for the duration of the block."""
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with paused():
            inside.set()
            leave.wait(10)

    other = threading.Thread(target=hold)
    other.start()
    assert inside.wait(10)
    try:
        yield
    finally:
        leave.set()
        other.join(10)


def test_overlapping_threads_share_one_pause() -> None:
    with _held_elsewhere():
        with paused():
            pass
        assert not gc.isenabled()  # the other thread's block has not ended
    assert gc.isenabled()


def test_a_pause_that_never_ends_still_lets_a_collection_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "VALVE", 0)
    with _held_elsewhere():
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


#: Default options, and every optional part with annotations (other code paths: captions,
#: comments, links, the annotated dict).
OPTIONS = (Options.make(), Options.make(include=tuple(INCLUDE_CHOICES), annotate=True))
URL = "https://example.com/news/2012/05/a-story.html"


def _extract_and_render(html: bytes, options: Options) -> None:
    article = dehusk.extract(html, URL, options=options)
    article.to_dict(annotate=options.annotate)
    for fmt in ("markdown", "html", "json", "text"):
        render(article, fmt, options, with_metadata=True)
    xray(article, options)
    dehusk.extract_text(article.text, URL, options=options)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.parent.name)
def test_extract_and_render_leave_no_cycles_for_the_collector(page: Path) -> None:
    """Why pausing is safe: what a page allocates, reference counting frees. (A closure
    compiled by mypyc refers to its environment and back: the check that found two.)"""
    html = gzip.decompress(page.read_bytes())
    for options in OPTIONS:
        _extract_and_render(html, options)  # first call: module caches fill
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for options in OPTIONS:
            _extract_and_render(html, options)
        gc.collect()
        cycles = sorted({type(o).__qualname__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert cycles == []
    assert gc.isenabled()


def test_no_closure_in_a_compiled_module() -> None:
    """The rule behind the cycles test, for every module mypyc compiled (the build's record,
    ``dehusk/_native/stages.sources``), not only the paths the golden pages reach: a
    function defined in a function, compiled, holds its environment and is held by it."""
    record = ROOT / "dehusk" / "_native" / "stages.sources"
    sources = [line.split("  ", 1)[1] for line in record.read_text().splitlines()]
    nested = [
        f"{path}:{inner.lineno} {inner.name}"
        for path in sources
        for outer in ast.walk(ast.parse((ROOT / path).read_text()))
        if isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(outer)
        if inner is not outer and isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    assert len(sources) > 30 and nested == []
