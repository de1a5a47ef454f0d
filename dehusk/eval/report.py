"""``docs/benchmarks.md`` from a run, and the page-by-page comparison of two runs.

A run is the JSON that ``benchmarks/run.py`` writes (``bench-out/run.json``)::

    {"meta": {"command", "date", "machine": {...}, "data_dir", "pages_total", "subset", ...},
     "pages": {file_id: {"page_type", "domain", "url"}},
     "extractors": {name: {"status": "ok" | "skipped", "reason", "how", "versions",
                           "python", "baseline_kb", "max_rss_kb", "summary": {...},
                           "pages": {file_id: page record}}}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import scoring

REFERENCE = "trafilatura"
PAGE_TYPES = ("article", "service", "product", "collection", "forum", "listing", "documentation")


def fmt(value: float | None, digits: int = 3) -> str:
    """``value`` with ``digits`` decimals, or an em dash for None."""
    return "—" if value is None else f"{value:.{digits}f}"


def ratio(value: float | None, reference: float | None) -> str:
    """``value / reference`` as ``"1.23×"``, or an em dash when either is missing."""
    if value is None or not reference:
        return "—"
    return f"{value / reference:.2f}×"


def _ok(run: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The extractors of ``run`` that ran, in run order."""
    return [(n, e) for n, e in run["extractors"].items() if e.get("status") == "ok"]


def _mb(kb: float | None) -> float | None:
    return None if kb is None else kb / 1024


def overall_table(run: Mapping[str, Any]) -> list[str]:
    """Markdown lines of the overall table: quality, speed and memory per extractor."""
    ref = run["extractors"].get(REFERENCE, {})
    ref_pps = (ref.get("summary") or {}).get("pages_per_s")
    ref_rss = ref.get("max_rss_kb")
    lines = [
        "| extractor | word-F1 all | word-F1 article | word P | word R | shingle-F1 | "
        "shingle P | shingle R | with ↑ | without ↑ | pages/s (1 core) | speed vs "
        f"{REFERENCE} | peak RSS MB | above baseline MB | RSS vs {REFERENCE} | errors | "
        "timeouts | empty |",
        "|---|" + "---:|" * 18,
    ]
    for name, ext in _ok(run):
        s = ext["summary"]
        rss = ext.get("max_rss_kb")
        above = None if rss is None else rss - (ext.get("baseline_kb") or 0)
        lines.append(
            f"| {name} | {fmt(s['word_f1'])} | {fmt(s['word_f1_article'])} | {fmt(s['word_p'])} "
            f"| {fmt(s['word_r'])} | {fmt(s['shingle_f1'])} | {fmt(s['shingle_p'])} | "
            f"{fmt(s['shingle_r'])} | {fmt(s['with'])} | {fmt(s['without'])} | "
            f"{fmt(s['pages_per_s'], 1)} | {ratio(s['pages_per_s'], ref_pps)} | "
            f"{fmt(_mb(rss), 0)} | {fmt(_mb(above), 0)} | {ratio(rss, ref_rss)} | "
            f"{s['errors']} | {s['timeouts']} | {s['empty']} |"
        )
    return lines


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
    for name, ext in _ok(run):
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
    for name, ext in _ok(run):
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
        f"- Load average (1 min) at start / end: {m.get('load_start', '?')} / "
        f"{m.get('load_end', '?')} ({_load_note(m)}); ratios between extractors run back to "
        "back are the robust figure.",
        f"- Python: {', '.join(sorted(set(meta.get('pythons', []))))}",
        f"- dehusk commit: `{meta.get('commit', '?')}`",
    ]
    versions: dict[str, str] = {}
    for _, ext in _ok(run):
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

- **word-F1** (WCXB's metric). Per page, the extraction and the truth `main_content` are bags
  (multisets) of tokens; precision = shared tokens / extracted tokens, recall = shared tokens /
  truth tokens, F1 their harmonic mean. The table shows the mean over pages of each.
  **Empty truth**: 21 pages have no main text in their truth (19 single-page apps with an empty
  `main_content`, 2 pages without the field, treated the same way); such a page scores
  P = R = F1 = 1.0 when the extraction is empty too and 0.0 otherwise (WCXB's rule). An empty
  extraction of a page with truth text scores 0.
- **shingle-F1** (the scrapinghub article-extraction-benchmark metric). Per page, the multisets
  of 4-token shingles (a text of 1–3 tokens is one shingle: its whole token tuple); TP/FP/FN
  are multiset counts; precision = TP/(TP+FP) and recall = TP/(TP+FN) per page (both sides
  empty → P = R = 1; one side empty → P = R = 0). P and R are averaged over pages, and
  shingle-F1 is the harmonic mean of the two averages (so it is not the mean of per-page F1).
- **with ↑**: share of the page's `with` snippets (text a correct extraction contains) found in
  the extraction; **without ↑**: share of its `without` snippets (boilerplate) *absent* from
  the extraction. Higher is better for both. Matching is substring search after lowercasing
  and folding whitespace runs to one space. Each is averaged over the pages that have such
  snippets.
- **Metadata** (article pages only, each field scored on the pages whose truth field is
  non-empty, and only for extractors that offer the field; an empty prediction is wrong):
  *title* — both sides lowercased, every run of non-word characters folded to one space,
  stripped, then equal; *author* — truth and prediction (names joined with ", ") split on
  `,` `;` `&` and ` and `, each part normalised like a title, empty parts dropped, then equal
  as sets; *date* — the first 10 characters (`YYYY-MM-DD`) equal. *Page type* (dehusk and
  rs-trafilatura) is scored on every page against the truth's `_internal.page_type.primary`.
- **Speed**: each extractor runs in its own fresh worker process pinned to one core
  (`os.sched_setaffinity`), extractors one after another, never two at once. The first 20
  pages are run once untimed as a warm-up; then every page is timed with
  `time.perf_counter()` around the extractor call alone (reading and un-gzipping the file,
  scoring and trafilatura's separate metadata call are outside). pages/s = pages / total
  timed seconds. A page that exceeds the per-page timeout (SIGALRM) counts as an empty
  result, in *timeouts*; its time counts. An exception counts as an empty result, in *errors*.
- **Memory**: peak RSS is the worker process's own high-water mark (`VmHWM` in
  `/proc/self/status`, read after every page; the same measure as `getrusage(RUSAGE_SELF)
  .ru_maxrss`, except that Linux carries the *parent's* peak across fork + exec into
  `ru_maxrss`, which would charge every worker with the supervisor's size). It includes the
  interpreter, the libraries and the extractor's working set; *above baseline* subtracts the
  same measure taken right after the imports and set-up, before the first page.
- **Input**: every extractor gets the page's raw bytes, except newspaper4k, goose3 and
  boilerpy3, which need `str` and get `bytes.decode("utf-8", errors="replace")` (all dev
  pages are valid UTF-8). No extractor may use the network: the worker makes every
  socket connection and DNS look-up fail at once.
"""


def render_markdown(run: Mapping[str, Any]) -> str:
    """The whole ``docs/benchmarks.md`` for ``run``."""
    meta = run["meta"]
    subset = meta.get("subset")
    scope = (
        f"all {meta['pages_total']} pages"
        if not subset
        else f"**a subset**: {len(run['pages'])} of {meta['pages_total']} pages ({subset})"
    )
    skipped = [(n, e) for n, e in run["extractors"].items() if e.get("status") != "ok"]
    out = [
        "# Benchmarks",
        "",
        "<!-- Written by benchmarks/run.py; edit the generator, not this file. -->",
        "",
        f"Generated {meta['date']} by `make bench` (which runs `benchmarks/setup.sh`, then):",
        "",
        "```",
        meta["command"],
        "```",
        "",
        f"Data: WCXB dev set (`{meta.get('data_name', 'wcxb-dev')}`), {scope}. "
        "Per-page results of the run are in `bench-out/` (not committed); "
        "`--compare OLD.json` diffs two runs page by page.",
        "",
        "## Machine",
        "",
        *machine_lines(run),
        "",
        "## Overall",
        "",
        "Higher is better everywhere except peak RSS. *with ↑* = share of `with` snippets "
        "found; *without ↑* = share of `without` (boilerplate) snippets absent.",
        "",
        *overall_table(run),
        "",
        "![word-F1 against pages per second](benchmark.svg)",
        "",
        "## Word-F1 per page type",
        "",
        *type_table(run),
        "",
        "## Metadata (article pages)",
        "",
        "Accuracy (correct/scored). trafilatura's figures come from `bare_extraction("
        "with_metadata=True)`, called separately and untimed.",
        "",
        *metadata_table(run),
        "",
        "## dehusk's weakest pages",
        "",
        "The ten pages where dehusk's word-F1 is lowest (tokens out = tokens it extracted).",
        "",
        *worst_table(run),
        "",
        "## How each extractor is called",
        "",
        *calls_table(run),
        "",
    ]
    if skipped:
        out += ["Skipped: " + "; ".join(f"{n} — {e.get('reason', '?')}" for n, e in skipped), ""]
    out += ["## Metrics and scoring rules", "", METRICS_TEXT]
    return "\n".join(out)


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
