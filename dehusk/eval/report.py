"""``docs/benchmarks.md`` from a run, and the page-by-page comparison of two runs.

A run is the JSON that ``benchmarks/run.py`` writes (``bench-out/run.json``)::

    {"meta": {"command", "date", "machine": {...}, "commit", "repeat", ...},
     "sets": {set name: {"meta": {"path", "pages_total", "subset", "decoded_by"},
                         "pages": {file_id: {"page_type", "domain", "url", "bytes", "chars"}},
                         "extractors": {key: {"status": "ok" | "skipped", "reason", "how",
                                              "input", "versions", "python", "max_rss_kb",
                                              "pass_pages_per_s", "stages", "summary",
                                              "pages": {file_id: page record}}}}}}

An extractor's key is its name for the headline runs on the decoded ``str`` and
``"<name> (bytes)"`` for the bytes rows. Most tables here take one set's entry.
Tables of speed live in ``speedtables``, cells shared by both in ``cells``, whole-run
operations (merge, compare, baseline digest) in ``runfiles``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import scoring
from .cells import (
    REFERENCE,
    catastrophic_cell,
    fmt,
    headline_runs,
    interval_cell,
    ok_runs,
    ratio,
)
from .speedtables import decile_table, speed_table, stage_table

PAGE_TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")


def quality_table(entry: Mapping[str, Any]) -> list[str]:
    """Markdown lines of one set's quality table: word and shingle P/R/F1, snippets,
    catastrophic pages (word / shingle F1 < 0.5), errors."""
    snippets = any(e["summary"].get("with") is not None for _, e in headline_runs(entry))
    extra = " with ↑ | without ↑ |" if snippets else ""
    lines = [
        "| extractor | word-F1 | word P | word R | shingle-F1 | shingle P | shingle R |"
        + extra
        + " catastrophic (word / shingle) | errors | timeouts | empty |",
        "|---|" + "---:|" * (10 + (2 if snippets else 0)),
    ]
    for name, ext in headline_runs(entry):
        s = ext["summary"]
        cells = f" {fmt(s['with'])} | {fmt(s['without'])} |" if snippets else ""
        lines.append(
            f"| {name} | {fmt(s['word_f1'])} | {fmt(s['word_p'])} | {fmt(s['word_r'])} | "
            f"{fmt(s['shingle_f1'])} | {fmt(s['shingle_p'])} | {fmt(s['shingle_r'])} |{cells} "
            f"{catastrophic_cell(s)} | {s['errors']} | {s['timeouts']} | {s['empty']} |"
        )
    return lines


#: dehusk's figures: (extractor key, what model scored the set).
DEHUSK_FIGURES = (
    ("dehusk", "out of fold (folds grouped by site, both sets in the folds)"),
    ("dehusk-cross", "across sets (model trained on the other set alone)"),
    ("dehusk-rules", "rules only (no learned block model)"),
    ("dehusk-shipped", "shipped weights (`dehusk/models`, whatever they were trained on)"),
)


def dehusk_table(run: Mapping[str, Any]) -> list[str]:
    """dehusk's figures on every set with bootstrap intervals and catastrophic pages."""
    lines = [
        "| set | dehusk | word-F1 [95% CI] | shingle-F1 [95% CI] | catastrophic (word / "
        "shingle) | pages |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for set_name, entry in run["sets"].items():
        for key, what in DEHUSK_FIGURES:
            ext = entry["extractors"].get(key) or {}
            if ext.get("status") != "ok":
                continue
            s = ext["summary"]
            lines.append(
                f"| {set_name} | {what} | {interval_cell(s, 'word_f1')} | "
                f"{interval_cell(s, 'shingle_f1')} | {catastrophic_cell(s)} | {s['n']} |"
            )
    return lines


def baseline_table(run: Mapping[str, Any]) -> list[str]:
    """The summaries of an earlier run (``meta["baseline"]``, see ``baseline_digest``)."""
    base = run["meta"].get("baseline")
    if not base:
        return []
    lines = [
        "| set | extractor | word-F1 | shingle-F1 | catastrophic (word / shingle) | pages/s | "
        f"vs {REFERENCE} |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for set_name, summaries in base["sets"].items():
        for key, s in summaries.items():
            ref_key = REFERENCE if not key.endswith("(bytes)") else f"{REFERENCE} (bytes)"
            ref = (summaries.get(ref_key) or {}).get("pages_per_s")
            pps = s["pages_per_s"]
            lines.append(
                f"| {set_name} | {key} | {fmt(s['word_f1'])} | {fmt(s['shingle_f1'])} | "
                f"{catastrophic_cell(s)} | {fmt(pps, 1)} | {ratio(pps, ref)} |"
            )
    return lines


#: The metric each set's chart plots: its own benchmark's headline metric.
CHART_METRIC = {"wcxb-dev": ("word_f1", "word-F1 (mean over pages)")}
DEFAULT_CHART_METRIC = ("shingle_f1", "shingle-F1 (macro P and R)")


def chart_file(set_name: str) -> str:
    """The chart's file name in ``docs/``: ``benchmark.svg`` for wcxb-dev (the name the
    README links), ``benchmark-<set>.svg`` for the others."""
    return "benchmark.svg" if set_name == "wcxb-dev" else f"benchmark-{set_name}.svg"


def chart_metric(set_name: str) -> tuple[str, str]:
    """(summary key, axis label) of the F1 plotted for ``set_name``."""
    return CHART_METRIC.get(set_name, DEFAULT_CHART_METRIC)


def chart_points(entry: Mapping[str, Any], set_name: str) -> list[Any]:
    """The chart's points of one set: each ``str`` run's pages/s and F1."""
    from .chart import ChartPoint

    key, _ = chart_metric(set_name)
    return [
        ChartPoint(n, e["summary"]["pages_per_s"], e["summary"][key])
        for n, e in headline_runs(entry)
        if e["summary"]["pages_per_s"]
    ]


def type_table(run: Mapping[str, Any]) -> list[str]:
    """Markdown lines of word-F1 per page type (columns) per extractor (rows)."""
    counts: dict[str, int] = {}
    for page in run["pages"].values():
        counts[page["page_type"]] = counts.get(page["page_type"], 0) + 1
    kinds = [k for k in PAGE_TYPES if k in counts] + sorted(set(counts) - set(PAGE_TYPES))
    lines = [
        "| extractor | " + " | ".join(f"{k} (n={counts[k]})" for k in kinds) + " | all |",
        "|---|" + "---:|" * (len(kinds) + 1),
    ]
    for name, ext in headline_runs(run):
        per = ext["summary"]["per_type"]
        cells = [fmt((per.get(k) or {}).get("word_f1")) for k in kinds]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {fmt(ext['summary']['word_f1'])} |")
    return lines


def _acc_cell(entry: Mapping[str, Any] | None) -> str:
    if not entry or not entry.get("n"):
        return "—"
    return f"{entry['acc']:.3f} ({entry['correct']}/{entry['n']})"


def metadata_table(run: Mapping[str, Any]) -> list[str]:
    """Markdown lines of metadata accuracy for the extractors that offer any metadata."""
    lines = [
        "| extractor | title | author | date | page type (all pages) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, ext in headline_runs(run):
        meta = ext["summary"]["meta"]
        if not any((meta.get(k) or {}).get("n") for k in ("title", "author", "date", "page_type")):
            continue
        label = f"{name} (bare_extraction)" if name == REFERENCE else name
        lines.append(
            f"| {label} | {_acc_cell(meta.get('title'))} | {_acc_cell(meta.get('author'))} | "
            f"{_acc_cell(meta.get('date'))} | {_acc_cell(meta.get('page_type'))} |"
        )
    return lines


#: Above this 1-minute load, something besides the benchmark's one pinned worker ran.
BUSY_LOAD = 1.5


def _load_note(machine: Mapping[str, Any]) -> str:
    loads = [v for v in (machine.get("load_start"), machine.get("load_end")) if v is not None]
    if loads and max(loads) <= BUSY_LOAD:
        return "the benchmark's own worker accounts for about 1.0: the machine was quiet"
    return "other work shared the machine, so absolute speeds are noisy"


def machine_lines(run: Mapping[str, Any]) -> list[str]:
    """Markdown bullet lines describing the machine and the software versions."""
    meta = run["meta"]
    m = meta["machine"]
    lines = [
        f"- CPU: {m.get('cpu_model', '?')}; `nproc` = {m.get('nproc', '?')}; "
        f"RAM {m.get('ram_gb', '?')} GB; {m.get('os', '?')}",
        *[
            f"- Load average (1 min) at start / end: {pm.get('load_start', '?')} / "
            f"{pm.get('load_end', '?')} ({_load_note(pm)}); ratios between extractors run back "
            "to back are the robust figure."
            for pm in [part["machine"] for part in meta.get("parts", [meta])]
        ],
        f"- Python: {', '.join(sorted(set(meta.get('pythons', []))))}",
        f"- dehusk commit: `{meta.get('commit', '?')}` (last change to the library: "
        f"`{meta.get('library_commit', '?')}`)",
    ]
    versions: dict[str, str] = {}
    for entry in run["sets"].values():
        for _, ext in ok_runs(entry):
            versions.update(ext.get("versions") or {})
    if versions:
        lines.append("- Packages: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())))
    return lines


def worst_table(run: Mapping[str, Any], extractor: str = "dehusk", count: int = 10) -> list[str]:
    """Markdown lines listing ``extractor``'s ``count`` pages of lowest word-F1."""
    ext = run["extractors"].get(extractor) or {}
    if ext.get("status") != "ok":
        return []
    lines = [
        "| file | type | domain | word P | word R | word-F1 | tokens out / truth | error |",
        "|---|---|---|---:|---:|---:|---:|---|",
    ]
    for fid, _ in scoring.worst_pages(ext["pages"], count):
        rec, page = ext["pages"][fid], run["pages"].get(fid, {})
        lines.append(
            f"| {fid} | {page.get('page_type', '?')} | {page.get('domain', '')} | "
            f"{fmt(rec['word_p'])} | {fmt(rec['word_r'])} | {fmt(rec['word_f1'])} | "
            f"{rec['tokens']} / {page.get('truth_tokens', '?')} | {rec.get('error') or ''} |"
        )
    return lines


def calls_table(run: Mapping[str, Any]) -> list[str]:
    """Markdown lines saying how each extractor was called (and which were skipped, why)."""
    lines = ["| extractor | version | Python | how it is called |", "|---|---|---|---|"]
    for name, ext in run["extractors"].items():
        version = ", ".join(f"{v}" for v in (ext.get("versions") or {}).values()) or "—"
        how = ext.get("how", "").replace("<", "&lt;").replace(">", "&gt;")
        if ext.get("status") != "ok":
            how = f"**skipped**: {ext.get('reason', '?')}"
        lines.append(f"| {name} | {version} | {ext.get('python') or '—'} | {how} |")
    return lines


METRICS_TEXT = """\
All text metrics tokenise with Python's `re.findall(r"\\w+", text.lower())`.

- **Truth.** wcxb-dev: the ground truth's `main_content`. dragnet: the text of
  `ground-truth/ID.txt` (UTF-8, else cp1252) up to the `!@#$%^&*()  COMMENTS` separator line
  (matched as `!@.{0,8}\\)?\\s*COMMENTS`; 412 files have one): the article, not the reader
  comments after it. The sets differ in convention (dragnet's truth usually includes the
  headline, the byline line and captions); both are scored as they come.
- **word-F1** (WCXB's metric). Per page, the extraction and the truth are bags (multisets) of
  tokens; precision = shared tokens / extracted tokens, recall = shared tokens / truth tokens,
  F1 their harmonic mean; the tables show the mean over pages. **Empty truth** (21 wcxb-dev
  pages): 1.0 when the extraction is empty too, else 0.0 (WCXB's rule). An empty extraction of
  a page with truth text scores 0.
- **shingle-F1** (the scrapinghub article-extraction-benchmark metric). Per page, the multisets
  of 4-token shingles (a text of 1–3 tokens is one shingle); precision = TP/(TP+FP) and
  recall = TP/(TP+FN) per page (both sides empty → P = R = 1; one side empty → P = R = 0). P
  and R are averaged over pages, and shingle-F1 is the harmonic mean of the two averages.
- **Catastrophic pages**: pages whose word-F1, and pages whose own shingle-F1 (harmonic mean
  of that page's P and R), is below 0.5 — a page lost.
- **Intervals** (dehusk's figures): percentile bootstrap, 1,000 resamples of the set's pages
  with replacement (seed 0), the 2.5% and 97.5% quantiles of the figure.
- **dehusk's models**: *out of fold* — `make train` splits the pages of both sets into
  folds grouped by site and writes `bench-out/folds/folds.json` (SHA-1 of the page bytes →
  fold) and a model per fold trained on the other folds; each page is extracted with the
  model that never saw its site. *Across sets* — the model trained on the other set alone
  (`trained-on-<set>.npz`). *Rules only* — `Options(model="rules")`.
- **with ↑ / without ↑** (wcxb-dev): share of the page's `with` snippets found in the
  extraction / of its `without` (boilerplate) snippets absent; substring search after
  lowercasing and folding whitespace.
- **Metadata** (wcxb-dev article pages, each field where its truth is non-empty, only for
  extractors that offer it; an empty prediction is wrong): *title* equal after lowercasing and
  folding non-word runs to one space; *author* equal as sets of names split on `,` `;` `&`
  and ` and `; *date* the first 10 characters equal. *Page type* on every page.
- **Input**: every page is decoded once, before any timing, with dehusk's decoder
  (`dehusk.decode.decode`: BOM, `<meta charset>`, then detection) and every extractor of the
  headline rows gets that same `str` (`extract(str)`, `Document(str)`, `HTMLTree.parse(str)`,
  rs-trafilatura's `extract(str)`...). The *bytes* rows give the raw bytes instead, and each
  extractor decodes them its own way inside the timed call.
- **Speed**: each run is a fresh worker process pinned to one core (`os.sched_setaffinity`),
  runs one after another, never two at once. The first 20 pages are run once untimed as a
  warm-up; then every page is timed with `time.perf_counter()` around the extractor call
  alone (reading the page, scoring and trafilatura's separate metadata call are outside).
  pages/s = pages / timed seconds. The sequence of runs is repeated (*passes*), every second
  pass in the reverse order, and the fastest pass is the figure shown (all passes are listed).
  Per decile: the set's pages sorted by decoded size, cut into ten equal groups, pages/s of
  each group from the same timings. A timeout (SIGALRM) is an empty result whose time
  counts; an exception is an empty result, in *errors*.
- **Time per stage**: the harness wraps the stage functions that `dehusk.pipeline.extract`
  calls (decode, parse, segment, classify_page, extract_metadata, article_images, dedupe,
  body_text) with timers in the worker process; *other* is the rest of the timed call.
- **Memory**: peak RSS is the worker process's own high-water mark (`VmHWM` of
  `/proc/self/status`, read after every page): interpreter, libraries and working set.
- **Offline**: the worker makes every socket connection and DNS look-up fail at once.
"""


def _set_scope(name: str, entry: Mapping[str, Any]) -> str:
    meta = entry["meta"]
    subset = meta.get("subset")
    if not subset:
        return f"`{name}`: all {meta['pages_total']} pages"
    return f"`{name}`: **a subset**, {len(entry['pages'])} of {meta['pages_total']} ({subset})"


def _set_sections(name: str, entry: Mapping[str, Any]) -> list[str]:
    """The per-set part of the report: quality, deciles, page types, metadata, worst pages."""
    out = [f"## {name}", "", *quality_table(entry), ""]
    svg = chart_file(name)
    out += [f"![F1 against pages per second on {name}]({svg})", ""]
    deciles = decile_table(entry)
    if deciles:
        out += [f"### {name}: pages/s per decile of page size (same `str`)", "", *deciles, ""]
    if any(p.get("page_type") not in (None, "unknown") for p in entry["pages"].values()):
        out += [f"### {name}: word-F1 per page type", "", *type_table(entry), ""]
    meta = metadata_table(entry)
    if len(meta) > 2:
        out += [
            f"### {name}: metadata (article pages)",
            "",
            "Accuracy (correct/scored). trafilatura's figures come from `bare_extraction("
            "with_metadata=True)`, called separately and untimed.",
            "",
            *meta,
            "",
        ]
    worst = worst_table(entry)
    if worst:
        out += [f"### {name}: dehusk's ten weakest pages (word-F1)", "", *worst, ""]
    return out


def _calls(run: Mapping[str, Any]) -> list[str]:
    merged: dict[str, Any] = {}
    for entry in run["sets"].values():
        for name, ext in entry["extractors"].items():
            if not name.endswith("(bytes)"):
                merged.setdefault(name, ext)
    return calls_table({"extractors": merged})


def render_markdown(run: Mapping[str, Any]) -> str:
    """The whole ``docs/benchmarks.md`` for ``run``."""
    meta = run["meta"]
    sets = run["sets"]
    first: Mapping[str, Any] = next(iter(sets.values()), {"meta": {}})
    out = [
        "# Benchmarks",
        "",
        "<!-- Written by benchmarks/run.py; edit the generator, not this file. -->",
        "",
        f"Generated {meta['date']} by `make bench` (which runs `benchmarks/setup.sh`, then):",
        "",
        "```",
        *[part["command"] for part in meta.get("parts", [meta])],
        "```",
        "",
        *([meta["note"], ""] if meta.get("note") else []),
        *(
            [
                f"This report merges {len(meta['parts'])} runs (the commands above, merged by "
                "`--docs-from`): an extractor run twice keeps the later run's figures, and "
                f"every speed ratio is to {REFERENCE} in the same run.",
                "",
            ]
            if meta.get("parts")
            else []
        ),
        "Data: " + "; ".join(_set_scope(n, e) for n, e in sets.items()) + ". Every extractor "
        f"gets each page as the same `str`, decoded once ({first['meta'].get('decoded_by')}); "
        "*bytes* rows beside them get the raw bytes. Per-page results of the run are in "
        "`bench-out/` (not committed); `--compare OLD.json` diffs two runs page by page.",
        "",
        "## Machine",
        "",
        *machine_lines(run),
        "",
        "## dehusk: each set out of fold, each set from the other set's model, rules only",
        "",
        *dehusk_table(run),
        "",
        "## Speed: pages per second on one core",
        "",
        f"Best of {meta.get('repeat', 1)} pass(es), alternate passes in reverse order; the "
        f"ratio is to {REFERENCE} on the same input in the same run.",
        "",
        *speed_table(run),
        "",
    ]
    before = baseline_table(run)
    if before:
        base = meta["baseline"]
        out += [
            f"## Before: dehusk at `{base.get('commit', '?')}` in this harness",
            "",
            f"From `{base.get('file', '?')}` ({base.get('date', '?')}): "
            "`dehusk-shipped` is `extract()` with the weights shipped then (trained on "
            "wcxb-dev only, so out of sample on dragnet). Pages/s ratios are to trafilatura "
            "in that run.",
            "",
            *before,
            "",
        ]
    stages = stage_table(run)
    if stages:
        out += ["### dehusk: time per stage", "", *stages, ""]
    for name, entry in sets.items():
        out += _set_sections(name, entry)
    out += ["## How each extractor is called", "", *_calls(run), ""]
    skipped = {
        n: e
        for entry in sets.values()
        for n, e in entry["extractors"].items()
        if e.get("status") != "ok"
    }
    if skipped:
        out += [
            "Skipped: " + "; ".join(f"{n} — {e.get('reason', '?')}" for n, e in skipped.items())
        ]
        out += [""]
    out += ["## Metrics and scoring rules", "", METRICS_TEXT]
    return "\n".join(out)
