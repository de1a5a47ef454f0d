"""The benchmark's plumbing without its peers: adapters' helpers, the timed call, scoring,
the report and the chart. Runs in the main venv (no peer installed)."""

from __future__ import annotations

import contextlib
import socket
import time
from typing import Any

import pytest

from dehusk.eval import peers, report, scoring
from dehusk.eval.chart import ChartPoint, axes_for, render_svg
from dehusk.eval.datasets import PageInfo, Truth
from dehusk.eval.peers import Extraction, html_fragment_text, html_language, make_meta
from dehusk.eval.worker import block_network, call_with_timeout


def test_html_fragment_text_separates_blocks() -> None:
    html = "<div><h1>Title</h1><p>One <b>bold</b> word.</p><p>Two<br>lines</p><ul><li>a</li>" \
        "<li>b</li></ul></div>"  # fmt: skip
    assert html_fragment_text(html) == "Title\n\nOne bold word.\n\nTwo lines\n\na\n\nb"
    assert html_fragment_text("  ") == ""


def test_make_meta_normalises() -> None:
    assert make_meta() == {"title": None, "authors": [], "date": None, "page_type": None}
    import datetime as dt

    meta = make_meta("T", "A; B", dt.date(2024, 1, 2), "article")
    assert meta == {"title": "T", "authors": ["A; B"], "date": "2024-01-02", "page_type": "article"}
    assert make_meta(authors=("X", "", None, "Y"))["authors"] == ["X", "Y"]


def test_html_language() -> None:
    assert html_language(b'<!doctype html><html class="x" lang="fr-FR">') == "fr"
    assert html_language(b"<html><body>") is None


def test_every_peer_is_known_by_name() -> None:
    names = peers.peer_names()
    assert names[0] == "dehusk"
    assert {"trafilatura", "rs-trafilatura", "newspaper4k", "boilerpy3"} <= set(names)
    assert peers.get_peer("rs-trafilatura").interpreter == "rs312"
    with pytest.raises(KeyError):
        peers.get_peer("nope")


def _ok(html: bytes, url: str | None) -> Extraction:
    return Extraction(html.decode(), make_meta(title=url))


def _boom(html: bytes, url: str | None) -> Extraction:
    raise ImportError("needs nltk")


def _slow(html: bytes, url: str | None) -> Extraction:
    # a peer that swallows every Exception must still be stopped by the alarm
    with contextlib.suppress(Exception):
        time.sleep(5)
    return Extraction("late", make_meta())


def test_call_with_timeout() -> None:
    import signal

    from dehusk.eval.worker import _on_alarm

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        result, seconds, error, timed_out = call_with_timeout(_ok, b"text", "u", 5)
        assert (result.text, result.meta["title"], error, timed_out) == ("text", "u", None, False)
        assert seconds >= 0
        result, _, error, timed_out = call_with_timeout(_boom, b"x", None, 5)
        assert (result.text, error, timed_out) == ("", "ImportError: needs nltk", False)
        result, seconds, error, timed_out = call_with_timeout(_slow, b"x", None, 0.2)
        assert (result.text, error, timed_out) == ("", "timeout", True)
        assert 0.15 < seconds < 2
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_block_network_refuses_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", socket.socket.connect)
    monkeypatch.setattr(socket.socket, "connect_ex", socket.socket.connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", socket.getaddrinfo)
    refused = block_network()
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 80)
    with socket.socket() as s, pytest.raises(OSError):
        s.connect(("127.0.0.1", 9))
    assert refused() == 2


def _info(fid: str, kind: str, truth: Truth) -> PageInfo:
    return PageInfo(fid, None, kind, "", truth)


def test_score_and_summarize() -> None:
    infos = {
        "1": _info("1", "article", Truth(main="a b c d", title="T", author="X & Y", published="")),
        "2": _info("2", "forum", Truth(main="", with_snippets=("y",))),
    }
    offered = frozenset({"title", "authors", "date"})
    meta = make_meta("t!", ["Y", "X"], "2024-01-01")
    r1 = scoring.score_page(infos["1"], "a b c d e", meta, offered)
    r2 = scoring.score_page(infos["2"], "zzz", make_meta(), offered)
    assert (r1["word_p"], r1["word_r"], r1["sh_tp"], r1["sh_fp"], r1["sh_fn"]) == (
        0.8, 1.0, 1, 1, 0,
    )  # fmt: skip
    assert (r1["title_ok"], r1["author_ok"], r1["date_ok"], r1["type_ok"]) == (
        True, True, None, None,
    )  # fmt: skip
    assert (r2["word_f1"], r2["with"], r2["title_ok"]) == (0.0, 0.0, None)  # empty-truth rule
    r1.update(seconds=0.5, error=None, timeout=False)
    r2.update(seconds=1.5, error="timeout", timeout=True)
    s = scoring.summarize({"1": r1, "2": r2}, infos)
    assert s["n"] == 2
    assert s["word_f1"] == pytest.approx((8 / 9) / 2, abs=1e-4)  # records keep 5 decimals
    assert s["word_f1_article"] == pytest.approx(8 / 9, abs=1e-4)
    assert s["shingle_p"] == pytest.approx(0.25)  # (0.5 + 0) / 2
    assert s["shingle_r"] == pytest.approx(0.5)  # (1 + 0) / 2
    assert s["shingle_f1"] == pytest.approx(1 / 3)
    assert s["pages_per_s"] == pytest.approx(1.0)
    assert (s["errors"], s["timeouts"], s["empty"]) == (0, 1, 0)
    assert s["per_type"]["forum"] == {"n": 1, "word_f1": 0.0}
    assert s["meta"]["title"] == {"correct": 1, "n": 1, "acc": 1.0}
    assert s["meta"]["date"]["n"] == 0
    assert scoring.worst_pages({"1": r1, "2": r2}, 1) == [("2", 0.0)]


def _run(f1s: dict[str, float], extractor: str = "dehusk") -> dict[str, Any]:
    pages = {fid: {"word_f1": v} for fid, v in f1s.items()}
    return {
        "pages": {fid: {"page_type": "article"} for fid in f1s},
        "extractors": {extractor: {"status": "ok", "pages": pages}},
    }


def test_compare_lists_drops_worst_first() -> None:
    old = _run({"1": 0.9, "2": 0.8, "3": 0.5, "4": 0.7})
    new = _run({"1": 0.5, "2": 0.79, "3": 0.9, "4": 0.6})
    drops = report.compare_runs(old, new)
    assert [d[0] for d in drops] == ["1", "4"]  # page 2 fell by 0.01 only
    text = report.format_comparison(old, new)
    assert "4 common pages" in text and "1 pages up" in text and "2 down" in text


def _summary(f1: float, pps: float) -> dict[str, Any]:
    meta = {k: {"correct": 0, "n": 0, "acc": None} for k in ("title", "author", "date")}
    meta["page_type"] = {"correct": 0, "n": 0, "acc": None}
    return {
        "word_f1": f1, "word_f1_article": f1, "word_p": f1, "word_r": f1, "shingle_f1": f1,
        "shingle_p": f1, "shingle_r": f1, "with": 1.0, "without": None, "pages_per_s": pps,
        "errors": 0, "timeouts": 0, "empty": 0, "per_type": {"article": {"n": 1, "word_f1": f1}},
        "meta": meta,
    }  # fmt: skip


def test_render_markdown_has_every_table() -> None:
    run = {
        "meta": {
            "command": ".venv-bench/bin/python benchmarks/run.py", "date": "2025-01-01 00:00 UTC",
            "machine": {"nproc": 2, "cpu_model": "CPU", "ram_gb": 24}, "pages_total": 1,
            "subset": None, "pythons": ["3.11.7"], "commit": "abc",
        },
        "pages": {"1": {"page_type": "article", "domain": "a.example", "truth_tokens": 10}},
        "extractors": {
            "dehusk": {"status": "ok", "how": "x", "versions": {"dehusk": "0.1"},
                       "max_rss_kb": 4096, "baseline_kb": 1024, "summary": _summary(0.9, 30),
                       "pages": {"1": {"word_p": 1.0, "word_r": 0.5, "word_f1": 0.667,
                                       "tokens": 5, "error": None}}},
            "trafilatura": {"status": "ok", "how": "y", "versions": {"trafilatura": "2"},
                            "max_rss_kb": 2048, "baseline_kb": 1024, "summary": _summary(0.8, 10)},
            "rs-trafilatura": {"status": "skipped", "reason": "no 3.12", "how": "z"},
        },
    }  # fmt: skip
    md = report.render_markdown(run)
    assert "| dehusk | 0.900 | 0.900 |" in md
    assert "| 30.0 | 3.00× | 4 | 3 | 2.00× |" in md  # speed and RSS ratios to trafilatura
    assert "article (n=1)" in md
    assert "**skipped**: no 3.12" in md
    assert "Empty truth" in md and "benchmark.svg" in md
    assert "| 1 | article | a.example | 1.000 | 0.500 | 0.667 | 5 / 10 |  |" in md


def test_chart_axes_and_svg() -> None:
    points = [ChartPoint("dehusk", 120, 0.83), ChartPoint("trafilatura", 14, 0.79)]
    axes = axes_for(points)
    assert (axes.x_lo, axes.x_hi, axes.y_hi) == (10, 1000, 1.0)
    assert axes.px(10) < axes.px(100) < axes.px(1000)
    assert axes.py(0.9) < axes.py(0.8)  # higher F1 is higher up
    svg = render_svg(points)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert ">dehusk</text>" in svg and "faster and more accurate than trafilatura" in svg
