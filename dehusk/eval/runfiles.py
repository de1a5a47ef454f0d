"""Run files as a whole: merging runs, comparing two runs page by page, digests of a run.

In: run files (see ``report``); a run file from before the second dev set (no ``sets``)
counts as wcxb-dev alone. Out: merged runs, comparison text, a baseline digest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .cells import ok_runs


def baseline_digest(run: Mapping[str, Any], file: str) -> dict[str, Any]:
    """What a report keeps of an earlier run: its commit, date, file and the summaries
    (without the per-type and metadata parts) of every extractor that ran, per set."""
    keep = ("word_f1", "shingle_f1", "catastrophic", "pages_per_s", "n")
    return {
        "file": file,
        "commit": run["meta"].get("library_commit") or run["meta"].get("commit"),
        "date": run["meta"].get("date"),
        "sets": {
            name: {k: {f: e["summary"].get(f) for f in keep} for k, e in ok_runs(entry)}
            for name, entry in run_sets(run).items()
        },
    }


def compare_runs(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    extractor: str = "dehusk",
    threshold: float = 0.02,
) -> list[tuple[str, str, float, float]]:
    """Pages whose word-F1 for ``extractor`` dropped by more than ``threshold``, worst first.

    In: two runs (see the module docstring). Out: (file id, page type, old F1, new F1) for
    pages present in both runs.
    """
    old_pages = ((old["extractors"].get(extractor) or {}).get("pages")) or {}
    new_pages = ((new["extractors"].get(extractor) or {}).get("pages")) or {}
    drops = []
    for fid, rec in new_pages.items():
        if fid not in old_pages:
            continue
        before, after = float(old_pages[fid]["word_f1"]), float(rec["word_f1"])
        if before - after > threshold:
            kind = (new["pages"].get(fid) or {}).get("page_type", "?")
            drops.append((fid, kind, before, after))
    drops.sort(key=lambda d: (d[3] - d[2], d[0]))
    return drops


def format_comparison(
    old: Mapping[str, Any], new: Mapping[str, Any], extractor: str = "dehusk"
) -> str:
    """A plain-text report of ``compare_runs`` plus the change of the mean on common pages."""
    old_pages = ((old["extractors"].get(extractor) or {}).get("pages")) or {}
    new_pages = ((new["extractors"].get(extractor) or {}).get("pages")) or {}
    common = sorted(set(old_pages) & set(new_pages))
    if not common:
        return f"compare: no page of {extractor} in both runs"
    mean_old = sum(float(old_pages[f]["word_f1"]) for f in common) / len(common)
    mean_new = sum(float(new_pages[f]["word_f1"]) for f in common) / len(common)
    gains = sum(
        1 for f in common if float(new_pages[f]["word_f1"]) - float(old_pages[f]["word_f1"]) > 0.02
    )
    drops = compare_runs(old, new, extractor)
    lines = [
        f"compare {extractor}: {len(common)} common pages, mean word-F1 "
        f"{mean_old:.4f} -> {mean_new:.4f} ({mean_new - mean_old:+.4f}); "
        f"{gains} pages up by > 0.02, {len(drops)} down by > 0.02",
    ]
    if drops:
        lines.append("  file  type           old    new    change")
        lines += [
            f"  {fid}  {kind:<13} {a:.3f}  {b:.3f}  {b - a:+.3f}" for fid, kind, a, b in drops
        ]
    return "\n".join(lines)


def run_sets(run: Mapping[str, Any]) -> Mapping[str, Any]:
    """A run's sets; a run file from before the second set counts as ``wcxb-dev`` alone."""
    sets: Mapping[str, Any] = run.get("sets", {"wcxb-dev": run})
    return sets


def format_run_comparison(
    old: Mapping[str, Any], new: Mapping[str, Any], extractor: str = "dehusk"
) -> str:
    """``format_comparison`` for every set present in both runs."""
    old_sets, new_sets = run_sets(old), run_sets(new)
    parts = [
        f"[{name}] " + format_comparison(old_sets[name], entry, extractor)
        for name, entry in new_sets.items()
        if name in old_sets
    ]
    return "\n".join(parts) or "compare: no set in both runs"


#: The extractor every speed ratio is taken against (``cells.REFERENCE``).
REFERENCE = "trafilatura"


def _stamp_reference(entry: Mapping[str, Any], part: int) -> dict[str, Any]:
    """``entry``'s extractors, each stamped with its run part and the pages/s of the
    reference extractor of the same input in that run, so a ratio never spans two runs."""
    out = {}
    for key, ext in entry["extractors"].items():
        ref_key = REFERENCE if not key.endswith("(bytes)") else f"{REFERENCE} (bytes)"
        ref = ((entry["extractors"].get(ref_key) or {}).get("summary") or {}).get("pages_per_s")
        out[key] = {**ext, "part": part, "reference_pages_per_s": ref}
    return out


def merge_runs(runs: list[Mapping[str, Any]]) -> dict[str, Any]:
    """One run of the sets of ``runs``: sets run side by side (one per core), or one set's
        extractors run in several runs. The last run's meta (the commit it names is the one whose
    dehusk the report is about), every run's under ``meta["parts"]``
        when there are several; an extractor in two runs keeps the later run's results; each
        keeps the reference's pages/s of its own run (``_stamp_reference``)."""
    merged: dict[str, Any] = {"meta": dict(runs[-1]["meta"]), "sets": {}}
    if len(runs) > 1:
        merged["meta"]["parts"] = [r["meta"] for r in runs]
    for part, run in enumerate(runs):
        for name, entry in run_sets(run).items():
            extractors = _stamp_reference(entry, part) if len(runs) > 1 else entry["extractors"]
            if name in merged["sets"]:
                extractors = {**merged["sets"][name]["extractors"], **extractors}
            merged["sets"][name] = {**entry, "extractors": extractors}
    return merged
