"""The report's speed tables: pages/s per set and input, per size decile, time per stage.

In: a run file (see ``report``) or one set's entry of it. Out: Markdown table lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .cells import REFERENCE, fmt, headline_runs, mb, ok_runs, ratio


def speed_table(run: Mapping[str, Any]) -> list[str]:
    """Pages/s on the same decoded ``str`` per set, ratio to trafilatura, every pass, RSS;
    then the bytes rows, each with its ratio to trafilatura on bytes."""
    names = run["sets"]
    head = "| extractor | input |"
    for set_name in names:
        head += f" {set_name} pages/s | vs {REFERENCE} | passes | peak RSS MB |"
    lines = [head, "|---|---|" + "---:|---:|---|---:|" * len(names)]
    keys: list[str] = []
    for entry in names.values():
        keys += [k for k, _ in ok_runs(entry) if k not in keys]
    keys.sort(key=lambda k: k.endswith("(bytes)"))
    for key in keys:
        row = f"| {key.removesuffix(' (bytes)')} |"
        mode = "bytes" if key.endswith("(bytes)") else "str"
        row += f" {mode} |"
        for entry in names.values():
            ext = entry["extractors"].get(key) or {}
            if ext.get("status") != "ok":
                row += " — | — | — | — |"
                continue
            ref_key = REFERENCE if mode == "str" else f"{REFERENCE} (bytes)"
            ref = (entry["extractors"].get(ref_key) or {}).get("summary") or {}
            ref_pps = ext.get("reference_pages_per_s", ref.get("pages_per_s"))
            pps = ext["summary"]["pages_per_s"]
            passes = ", ".join(fmt(v, 1) for v in ext.get("pass_pages_per_s") or [])
            row += (
                f" {fmt(pps, 1)} | {ratio(pps, ref_pps)} | {passes} | "
                f"{fmt(mb(ext.get('max_rss_kb')), 0)} |"
            )
        lines.append(row)
    return lines


#: Which dehusk the speed ratios and the stage table show: the first of these that ran.
DEHUSK_RUNS = ("dehusk", "dehusk-shipped", "dehusk-rules")


def _dehusk_of(names: set[str]) -> str:
    return next((k for k in DEHUSK_RUNS if k in names), DEHUSK_RUNS[0])


DECILES = 10


def decile_table(entry: Mapping[str, Any]) -> list[str]:
    """Pages/s per decile of page size (decoded characters) for the ``str`` runs of a set."""
    sizes = sorted(entry["pages"], key=lambda f: (entry["pages"][f].get("chars") or 0, f))
    runs = headline_runs(entry)
    if not sizes or not runs:
        return []
    ref = next((e for n, e in runs if n == REFERENCE), None)
    ours = _dehusk_of({n for n, _ in runs})
    lines = [
        "| decile | KB of text | "
        + " | ".join(n for n, _ in runs)
        + (f" | {ours} vs {REFERENCE} |" if ref else " |"),
        "|---|---|" + "---:|" * (len(runs) + (1 if ref else 0)),
    ]
    for d in range(DECILES):
        ids = sizes[d * len(sizes) // DECILES : (d + 1) * len(sizes) // DECILES]
        if not ids:
            continue
        lo = (entry["pages"][ids[0]].get("chars") or 0) / 1000
        hi = (entry["pages"][ids[-1]].get("chars") or 0) / 1000
        speeds = {n: _pages_per_s(e, ids) for n, e in runs}
        cells = " | ".join(fmt(speeds[n], 1) for n, _ in runs)
        tail = f" | {ratio(speeds.get(ours), speeds.get(REFERENCE))} |" if ref else " |"
        lines.append(f"| {d + 1} | {lo:.0f}–{hi:.0f} | {cells}{tail}")
    return lines


def _pages_per_s(ext: Mapping[str, Any], ids: list[str]) -> float | None:
    seconds = sum(float((ext["pages"].get(f) or {}).get("seconds") or 0.0) for f in ids)
    return len(ids) / seconds if seconds > 0 else None


def stage_table(run: Mapping[str, Any]) -> list[str]:
    """dehusk's milliseconds per page in each pipeline stage, per set and input."""
    key = _dehusk_of({k for entry in run["sets"].values() for k, _ in ok_runs(entry)})
    columns = []
    for set_name, entry in run["sets"].items():
        for k in (key, f"{key} (bytes)"):
            ext = entry["extractors"].get(k) or {}
            if ext.get("status") == "ok" and ext.get("stages"):
                columns.append((f"{k}, {set_name}, {ext.get('input', 'str')}", ext))
    if not columns:
        return []
    stages: list[str] = []
    for _, ext in columns:
        stages += [st for st in ext["stages"] if st not in stages]
    lines = [
        "| stage | " + " | ".join(f"{c} ms/page (share)" for c, _ in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for st in stages:
        cells = []
        for _, ext in columns:
            total = sum(ext["stages"].values()) or 1.0
            value = ext["stages"].get(st, 0.0)
            cells.append(f"{1000 * value / ext['summary']['n']:.2f} ({value / total:.0%})")
        lines.append(f"| {st} | " + " | ".join(cells) + " |")
    totals = [f"{1000 * sum(e['stages'].values()) / e['summary']['n']:.2f}" for _, e in columns]
    lines.append("| **all of extract()** | " + " | ".join(totals) + " |")
    return lines
