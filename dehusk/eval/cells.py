"""Cells and row selections shared by the report's tables (``report``, ``speedtables``).

In: numbers, one set's entry of a run file (see ``report``). Out: formatted strings and the
extractor runs a table shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REFERENCE = "trafilatura"


def fmt(value: float | None, digits: int = 3) -> str:
    """``value`` with ``digits`` decimals, or an em dash for None."""
    return "—" if value is None else f"{value:.{digits}f}"


def ratio(value: float | None, reference: float | None) -> str:
    """``value / reference`` as ``"1.23×"``, or an em dash when either is missing."""
    if value is None or not reference:
        return "—"
    return f"{value / reference:.2f}×"


def ok_runs(run: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The extractors of ``run`` that ran, in run order."""
    return [(n, e) for n, e in run["extractors"].items() if e.get("status") == "ok"]


def mb(kb: float | None) -> float | None:
    return None if kb is None else kb / 1024


def catastrophic_cell(s: Mapping[str, Any]) -> str:
    c = s.get("catastrophic") or {}
    return f"{c.get('word', '—')} / {c.get('shingle', '—')}"


def interval_cell(s: Mapping[str, Any], key: str) -> str:
    iv = (s.get("intervals") or {}).get(key)
    return f"{fmt(s[key])} [{iv[0]:.3f}, {iv[1]:.3f}]" if iv else fmt(s[key])


def headline_runs(entry: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The extractors of one set that ran on the decoded ``str``."""
    return [(n, e) for n, e in ok_runs(entry) if e.get("input", "str") == "str"]
