"""The benchmark's plumbing without its peers: adapters' helpers, the timed call, the dev
sets' truth, scoring, the stage clock, the report and the chart. Runs in the main venv (no
peer installed)."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest

from dehusk.eval import devsets, peers, report, runfiles, scoring, speedtables, stages
from dehusk.eval.chart import ChartPoint, axes_for, render_svg
from dehusk.eval.datasets import PageInfo, Truth
from dehusk.eval.peers import (
    Extraction,
    PageInput,
    as_text,
    html_fragment_text,
    html_language,
    make_meta,
)
from dehusk.eval.worker import (
    PageRef,
    Source,
    block_network,
    call_with_timeout,
    read_id_file,
    write_decoded,
)


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


def test_html_language_of_bytes_and_str() -> None:
    assert html_language(b'<!doctype html><html class="x" lang="fr-FR">') == "fr"
    assert html_language('<html lang="de"><body>') == "de"
    assert html_language(b"<html><body>") is None
    assert as_text("é") == "é" and as_text(b"\xc3\xa9\xff") == "é\ufffd"


def test_every_peer_is_known_by_name() -> None:
    names = peers.peer_names()
    assert names[0] == "dehusk"
    assert {"dehusk-cross", "trafilatura", "rs-trafilatura", "boilerpy3"} <= set(names)
    assert not peers.get_peer("dehusk-shipped").default  # a variant, run only by --only
    assert peers.get_peer("rs-trafilatura").interpreter == "rs312"
    with pytest.raises(KeyError):
        peers.get_peer("nope")


def _ok(page: PageInput) -> Extraction:
    return Extraction(as_text(page.html), make_meta(title=page.url))


def _boom(page: PageInput) -> Extraction:
    raise ImportError("needs nltk")


def _slow(page: PageInput) -> Extraction:
    # a peer that swallows every Exception must still be stopped by the alarm
    with contextlib.suppress(Exception):
        time.sleep(5)
    return Extraction("late", make_meta())


def test_call_with_timeout() -> None:
    import signal

    from dehusk.eval.worker import _on_alarm

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        result, seconds, error, timed_out = call_with_timeout(_ok, PageInput(b"text", "u"), 5)
        assert (result.text, result.meta["title"], error, timed_out) == ("text", "u", None, False)
        assert seconds >= 0
        result, _, error, timed_out = call_with_timeout(_boom, PageInput("x", None), 5)
        assert (result.text, error, timed_out) == ("", "ImportError: needs nltk", False)
        result, seconds, error, timed_out = call_with_timeout(_slow, PageInput(b"x", None), 0.2)
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


def test_pages_reach_the_adapter_as_str_or_bytes(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    raw = "<p>caf\u00e9 \ud800</p>"  # a lone surrogate survives the decoded cache
    with gzip.open(tmp_path / "html" / "7.html.gz", "wb") as fh:
        fh.write(b"<p>caf\xc3\xa9</p>")
    write_decoded(tmp_path, "7", raw)
    ids = tmp_path / "ids"
    ids.write_text("7\thttp://a.example/x\tabc\n8\n", encoding="utf-8")
    refs = read_id_file(ids)
    assert refs == [PageRef("7", "http://a.example/x", "abc"), PageRef("8", None, "")]
    as_str = Source(tmp_path, "demo", "str", tmp_path).page(refs[0])
    as_bytes = Source(tmp_path, "demo", "bytes", tmp_path).page(refs[0])
    assert as_str == PageInput(raw, "http://a.example/x", "abc", "demo")
    assert as_bytes.html == b"<p>caf\xc3\xa9</p>"


def _write_set(root: Path, truths: dict[str, str], html: bytes = b"<p>x</p>") -> Path:
    (root / "ground-truth").mkdir(parents=True)
    (root / "html").mkdir()
    for fid, text in truths.items():
        (root / "ground-truth" / f"{fid}.txt").write_bytes(text.encode("cp1252"))
        with gzip.open(root / "html" / f"{fid}.html.gz", "wb") as fh:
            fh.write(html)
    return root


def test_dragnet_truth_is_scored_without_its_comments(tmp_path: Path) -> None:
    root = _write_set(
        tmp_path / "dragnet",
        {
            "1": "Headline\r\nBody text of the post.\r\n!@#$%^&*()  COMMENTS\r\nFirst!\r\n",
            "R2": "No comments \u2014 here.\n",
        },
    )
    dev = devsets.resolve(root, tmp_path)
    pages = {p.file_id: p for p in devsets.load_set(dev)}
    assert dev.name == "dragnet" and sorted(pages) == ["1", "R2"]
    record = scoring.score_page(pages["1"], "Headline. Body text of the post. First!", make_meta())
    assert record["word_r"] == 1.0 and record["word_p"] == pytest.approx(6 / 7, abs=1e-4)
    assert record["sh_fn"] == 0 and record["sh_fp"] > 0  # the comment is not truth
    assert scoring.score_page(pages["R2"], "no comments here", make_meta())["word_f1"] == 1.0
    with pytest.raises(FileNotFoundError):
        devsets.resolve("no-such-set", tmp_path)


def test_wcxb_truth_json_is_scored(tmp_path: Path) -> None:
    root = tmp_path / "wcxb-dev"
    (root / "ground-truth").mkdir(parents=True)
    (root / "ground-truth" / "0001.json").write_text(
        '{"url": "https://a.example/", "_internal": {"page_type": {"primary": "article"}},'
        ' "ground_truth": {"main_content": "one two three four five", "title": "T"}}',
        encoding="utf-8",
    )
    (page,) = devsets.load_set(devsets.DevSet("wcxb-dev", root))
    record = scoring.score_page(page, "one two three four", make_meta())
    assert (page.page_type, record["word_r"], record["sh_tp"], record["sh_fn"]) == (
        "article", 0.8, 1, 1,
    )  # fmt: skip
    assert record["sh_f1"] == pytest.approx(2 / 3, abs=1e-4)  # P = 1, R = 1/2


def test_catastrophic_pages_and_intervals() -> None:
    recs = {
        str(i): {"word_f1": f, "sh_p": f, "sh_r": f}
        for i, f in enumerate([1.0, 0.9, 0.45, 0.0, 0.8, 0.6])
    }
    assert scoring.catastrophic(recs) == {"word": 2, "shingle": 2}
    iv = scoring.intervals(recs)
    mean = sum(r["word_f1"] for r in recs.values()) / 6
    assert iv["word_f1"][0] < mean < iv["word_f1"][1]
    assert 0.0 <= iv["shingle_f1"][0] <= iv["shingle_f1"][1] <= 1.0
    assert scoring.intervals(recs) == iv  # seeded: the same report twice


def test_stage_clock_times_the_pipeline_functions() -> None:
    calls: list[str] = []

    def parse(text: str) -> str:
        calls.append("parse")
        time.sleep(0.01)
        return text

    fake = types.ModuleType("fake_pipeline")
    fake.parse = parse  # type: ignore[attr-defined]
    fake.dedupe = lambda blocks: blocks  # type: ignore[attr-defined]
    clock = stages.instrument(fake)
    assert stages.instrument(fake) is clock  # wrapped once
    assert clock.stages == ("parse", "dedupe")
    fake.parse("x")  # type: ignore[attr-defined]
    fake.parse("y")  # type: ignore[attr-defined]
    spent = clock.take()
    assert calls == ["parse", "parse"] and spent["parse"] >= 0.02 and spent["dedupe"] == 0.0
    assert clock.take()["parse"] == 0.0  # reset by take()


_CLOCK_THE_PIPELINE = """
import gzip, json, sys
import dehusk, dehusk.pipeline
from dehusk.eval import stages
clock = stages.instrument(dehusk.pipeline)
dehusk.extract(gzip.decompress(open(sys.argv[1], "rb").read()))
print(json.dumps(clock.take()))
"""


def test_instrument_times_every_stage_of_the_real_pipeline() -> None:
    """The build leaves ``dehusk.pipeline`` interpreted so that its calls go through the
    module globals that ``instrument`` replaces (a compiled caller would bypass them and
    every stage after ``segment`` would read 0). A subprocess: the wrappers stay there."""
    page = Path(__file__).parents[1] / "fixtures" / "pages" / "0160" / "page.html.gz"
    out = subprocess.run(
        [sys.executable, "-c", _CLOCK_THE_PIPELINE, str(page)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    spent = json.loads(out.stdout)
    assert set(spent) == {name for name, _ in stages.STAGE_FUNCTIONS}
    assert all(seconds > 0 for seconds in spent.values()), spent


def _run(f1s: dict[str, float], extractor: str = "dehusk") -> dict[str, Any]:
    pages = {fid: {"word_f1": v} for fid, v in f1s.items()}
    return {
        "pages": {fid: {"page_type": "article"} for fid in f1s},
        "extractors": {extractor: {"status": "ok", "pages": pages}},
    }


def test_compare_lists_drops_worst_first() -> None:
    old = _run({"1": 0.9, "2": 0.8, "3": 0.5, "4": 0.7})
    new = _run({"1": 0.5, "2": 0.79, "3": 0.9, "4": 0.6})
    drops = runfiles.compare_runs(old, new)
    assert [d[0] for d in drops] == ["1", "4"]  # page 2 fell by 0.01 only
    text = runfiles.format_comparison(old, new)
    assert "4 common pages" in text and "1 pages up" in text and "2 down" in text
    both = runfiles.format_run_comparison(old, {"sets": {"wcxb-dev": new, "dragnet": new}})
    assert both.startswith("[wcxb-dev] compare dehusk: 4 common pages")  # an old run file
    assert "dragnet" not in both


def _summary(f1: float, pps: float) -> dict[str, Any]:
    meta = {k: {"correct": 0, "n": 0, "acc": None} for k in ("title", "author", "date")}
    meta["page_type"] = {"correct": 0, "n": 0, "acc": None}
    return {
        "n": 2, "word_f1": f1, "word_f1_article": f1, "word_p": f1, "word_r": f1,
        "shingle_f1": f1, "shingle_p": f1, "shingle_r": f1, "with": 1.0, "without": None,
        "pages_per_s": pps, "errors": 0, "timeouts": 0, "empty": 0,
        "catastrophic": {"word": 1, "shingle": 0},
        "per_type": {"article": {"n": 1, "word_f1": f1}}, "meta": meta,
    }  # fmt: skip


def _ext(f1: float, pps: float, mode: str = "str", **extra: Any) -> dict[str, Any]:
    page = {"word_p": 1.0, "word_r": 0.5, "word_f1": 0.667, "tokens": 5, "error": None}
    return {
        "status": "ok", "how": "x", "input": mode, "versions": {"dehusk": "0.1"},
        "max_rss_kb": 4096, "pass_pages_per_s": [pps * 0.9, pps], "summary": _summary(f1, pps),
        "pages": {"1": {**page, "seconds": 0.5}, "2": {**page, "seconds": 1 / pps}}, **extra,
    }  # fmt: skip


def _set_entry(kind: str) -> dict[str, Any]:
    pages = {
        "1": {"page_type": kind, "domain": "a.example", "truth_tokens": 10, "chars": 100},
        "2": {"page_type": kind, "domain": "b.example", "truth_tokens": 10, "chars": 900},
    }
    dehusk = _ext(0.9, 30, stages={"parse": 0.01, "segment": 0.03, "other": 0.01})
    dehusk["summary"]["intervals"] = {"word_f1": [0.85, 0.93], "shingle_f1": [0.8, 0.9]}
    return {
        "meta": {"pages_total": 2, "subset": None, "decoded_by": "dehusk.decode.decode"},
        "pages": pages,
        "extractors": {
            "dehusk": dehusk,
            "dehusk-cross": _ext(0.85, 30),
            "trafilatura": _ext(0.8, 10),
            "dehusk (bytes)": _ext(0.9, 20, "bytes"),
            "trafilatura (bytes)": _ext(0.8, 8, "bytes"),
            "rs-trafilatura": {"status": "skipped", "reason": "no 3.12", "how": "z"},
        },
    }


def test_render_markdown_has_every_table() -> None:
    run = {
        "meta": {
            "command": ".venv-bench/bin/python benchmarks/run.py", "date": "2025-01-01 00:00 UTC",
            "machine": {"nproc": 2, "cpu_model": "CPU", "ram_gb": 24}, "repeat": 2,
            "pythons": ["3.11.7"], "commit": "abc",
        },
        "sets": {"wcxb-dev": _set_entry("article"), "dragnet": _set_entry("unknown")},
    }  # fmt: skip
    md = report.render_markdown(run)
    assert "| wcxb-dev | out of fold" in md and "| dragnet | across sets" in md
    assert "0.900 [0.850, 0.930]" in md  # bootstrap interval beside dehusk's figure
    assert "| dehusk | 0.900 | 0.900 | 0.900 | 0.900 | 0.900 | 0.900 | 1.000 | — | 1 / 0 |" in md
    assert "| dehusk | str | 30.0 | 3.00× | 27.0, 30.0 | 4 |" in md  # ratio on the same str
    assert "| dehusk | bytes | 20.0 | 2.50× |" in md  # bytes row against trafilatura's bytes
    assert "| segment | 15.00 (60%) |" in md  # ms per page (2 pages) and share of the stages
    assert "article (n=2)" in md and "dragnet: word-F1 per page type" not in md
    assert "**skipped**: no 3.12" in md
    assert "COMMENTS" in md and "benchmark-dragnet.svg" in md
    assert "| 1 | article | a.example | 1.000 | 0.500 | 0.667 | 5 / 10 |  |" in md
    run["meta"]["baseline"] = runfiles.baseline_digest(run, "bench-out/old.json")
    assert "| dragnet | trafilatura (bytes) | 0.800 | 0.800 | 1 / 0 | 8.0 | 1.00× |" in (
        report.render_markdown(run)
    )
    halves = [
        {"meta": {**run["meta"], "command": f"run {k}"}, "sets": {k: v}}
        for k, v in run["sets"].items()
    ]
    merged = runfiles.merge_runs(halves)
    assert list(merged["sets"]) == ["wcxb-dev", "dragnet"]
    assert "run wcxb-dev\nrun dragnet" in report.render_markdown(merged)
    early = _set_entry("article")
    early["extractors"] = {"trafilatura": _ext(0.8, 5), "resiliparse": _ext(0.7, 50)}
    parts = [{"meta": run["meta"], "sets": {"wcxb-dev": early}}, run]
    two = runfiles.merge_runs(parts)["sets"]["wcxb-dev"]["extractors"]
    assert two["trafilatura"]["summary"]["pages_per_s"] == 10  # the later run's
    assert two["resiliparse"]["reference_pages_per_s"] == 5  # its own run's trafilatura
    assert "| resiliparse | str | 50.0 | 10.00× |" in report.render_markdown(
        runfiles.merge_runs(parts)
    )
    deciles = speedtables.decile_table(run["sets"]["wcxb-dev"])
    assert deciles[2].startswith("| 5 | 0–0 | ")  # the smaller page's decile (of two pages)
    points = report.chart_points(run["sets"]["dragnet"], "dragnet")
    assert [(p.name, p.pages_per_s) for p in points][:1] == [("dehusk", 30)]


def test_chart_axes_and_svg() -> None:
    points = [ChartPoint("dehusk", 120, 0.83), ChartPoint("trafilatura", 14, 0.79)]
    axes = axes_for(points)
    assert (axes.x_lo, axes.x_hi, axes.y_hi) == (10, 1000, 1.0)
    assert axes.px(10) < axes.px(100) < axes.px(1000)
    assert axes.py(0.9) < axes.py(0.8)  # higher F1 is higher up
    svg = render_svg(points)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert ">dehusk</text>" in svg and "faster and more accurate than trafilatura" in svg


def test_serve_chunks_runs_each_chunk_it_is_sent(tmp_path: Path) -> None:
    import io
    import json

    from dehusk.eval.worker import serve_chunks

    for fid, text in (("1", "<p>one</p>"), ("2", "<p>two</p>")):
        write_decoded(tmp_path, fid, text)
    chunk = tmp_path / "chunk.ids"
    chunk.write_text("1\t\t\n2\t\t\n", encoding="utf-8")
    out = io.StringIO()
    orders = [json.dumps({"ids": str(chunk), "meta": False}) + "\n", "\n"]
    serve_chunks(out, orders, _ok, _boom, Source(tmp_path, "demo", "str", tmp_path), 5)
    lines = [json.loads(ln) for ln in out.getvalue().splitlines()]
    assert [ln["type"] for ln in lines] == ["page", "page", "chunk-done"]
    assert [ln["text"] for ln in lines[:2]] == ["<p>one</p>", "<p>two</p>"]
    assert all(ln["error"] is None for ln in lines[:2])  # meta false: no metadata call made
