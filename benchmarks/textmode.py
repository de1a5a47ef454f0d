"""Text-mode benchmark: ``dehusk.extract_text`` on the dev pages flattened to text.

Run from the repository root with the bench venv (``make bench`` does; resiliparse is
needed for the second flattening)::

    .venv-bench/bin/python benchmarks/textmode.py [--sets wcxb-dev,dragnet] [--limit N]
        [--no-docs]

The input of text mode is made from each dev page (decoded by dehusk's decoder) in two ways,
both scored:

- ``blocks`` — ``benchmarks/flatten.py``: the page's visible text, one block element per
  line, the way a crawler's naive html-to-text keeps it (scripts, styles and hidden
  elements out; ``<img alt>`` kept as a line; blank lines around paragraphs and headings);
- ``resiliparse`` — resiliparse's ``extract_plain_text(HTMLTree.parse(html),
  main_content=False)`` of the whole page: the html-to-text corpus builders run (DCLM,
  Dolma), which is how issue #11's held-out flattened articles were made.

The truth is the set's (wcxb-dev ``main_content``; dragnet's text before its COMMENTS
line); the metrics are word-F1 and shingle-F1 (``dehusk/eval/metrics.py``). Scored side by
side on the same pages:

- ``extract_text`` — text mode alone, one page at a time (the page's URL given);
- ``+ templates`` — text mode after ``dehusk.templates`` learned each host's template
  lines from the host's other pages (wcxb-dev's hosts with two or more pages, blocks
  flattening);
- ``HTML path`` — ``dehusk.extract`` on the original HTML (what the text lost);
- ``C4 filter`` — the line filter of C4 (Raffel et al. 2020, §2.2), as the corpus
  builders apply it to such text (``c4_filter``).

Results go to ``docs/benchmarks-textmode.md`` (unless ``--no-docs``) and the flattened
pages are cached in ``bench-out/textmode/<set>.<flattening>.jsonl.gz``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from flatten import flatten_html  # noqa: E402

from dehusk import extract, extract_text  # noqa: E402
from dehusk.decode import decode  # noqa: E402
from dehusk.eval import datasets, devsets, metrics  # noqa: E402
from dehusk.templates import SiteTemplates  # noqa: E402

CACHE_DIR = REPO / "bench-out" / "textmode"
TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")

# ---- C4's line filter ---------------------------------------------------------------------
#: C4 (Raffel et al. 2020, "Exploring the Limits of Transfer Learning", §2.2; TFDS
#: ``c4_utils.clean_page``): keep a line only if it ends in terminal punctuation and has at
#: least 3 words; drop lines mentioning "javascript" and cookie/policy notices; drop the
#: whole page if it has "lorem ipsum" or a "{", or fewer than 3 sentences left (TFDS's
#: default; the paper says 5 — 3 is the kinder choice and the one corpus builders run).
#: The bad-words list and de-duplication are not line filters and are left out.
C4_TERMINAL = (".", "!", "?", '"', "”")
C4_MIN_WORDS = 3
C4_MIN_SENTENCES = 3
C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
_SENTENCES = re.compile(r"[.!?]+(?:\s|$)")


def c4_filter(text: str) -> str:
    """The lines of ``text`` that C4's line filter keeps, or "" for a dropped page."""
    if "lorem ipsum" in text.lower() or "{" in text:
        return ""
    kept = []
    for raw in text.split("\n"):
        line = raw.strip()
        low = line.lower()
        if not line.endswith(C4_TERMINAL) or len(line.split()) < C4_MIN_WORDS:
            continue
        if "javascript" in low or any(p in low for p in C4_POLICY):
            continue
        kept.append(line)
    joined = "\n".join(kept)
    return joined if len(_SENTENCES.findall(joined)) >= C4_MIN_SENTENCES else ""


# ---- the flattenings ---------------------------------------------------------------------


def resiliparse_flatten(html: str) -> str:
    """The whole page as resiliparse's html-to-text gives it (``main_content=False``)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(HTMLTree.parse(html), main_content=False) or ""


#: Flattening name → function (decoded HTML → text), in report order.
FLATTENINGS: dict[str, Callable[[str], str]] = {
    "blocks": flatten_html,
    "resiliparse": resiliparse_flatten,
}


def available_flattenings() -> list[str]:
    """The flattenings this interpreter can run (resiliparse lives in the bench venv)."""
    try:
        import resiliparse  # noqa: F401
    except ImportError:
        print("textmode: resiliparse is not installed: its flattening is skipped", file=sys.stderr)
        return ["blocks"]
    return list(FLATTENINGS)


# ---- the data -----------------------------------------------------------------------------


def build_cache(
    dev: devsets.DevSet, infos: list[datasets.PageInfo], flattening: str, cache: Path
) -> None:
    """Flatten the pages ``infos`` of ``dev`` once into ``cache`` (JSON Lines, gzip)."""
    flatten = FLATTENINGS[flattening]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as out:
        for page in datasets.iter_pages(dev.path, infos):
            try:
                text = flatten(decode(page.html)[0])
            except Exception:  # a page that does not decode flattens to nothing
                text = ""
            out.write(json.dumps({"id": page.info.file_id, "text": text}) + "\n")


def load_flat(
    dev: devsets.DevSet, infos: list[datasets.PageInfo], flattening: str, cache_dir: Path
) -> dict[str, str]:
    """The pages ``infos`` flattened by ``flattening``: from the cache, rebuilt when it
    lacks one of them."""
    cache = cache_dir / f"{dev.name}.{flattening}.jsonl.gz"
    flat: dict[str, str] = {}
    if cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as lines:
            flat = {(r := json.loads(line))["id"]: r["text"] for line in lines}
    if any(i.file_id not in flat for i in infos):
        build_cache(dev, infos, flattening, cache)
        return load_flat(dev, infos, flattening, cache_dir)
    return flat


def host_of(info: datasets.PageInfo) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(info.url or "").hostname or "").removeprefix("www.")


def multi_page_hosts(infos: Iterable[datasets.PageInfo]) -> dict[str, list[datasets.PageInfo]]:
    """Hosts with two or more pages (pages without a URL left out)."""
    by_host: dict[str, list[datasets.PageInfo]] = defaultdict(list)
    for info in infos:
        if info.url:
            by_host[host_of(info)].append(info)
    return {h: pages for h, pages in by_host.items() if len(pages) >= 2}


# ---- the runs -----------------------------------------------------------------------------


def templated(infos: list[datasets.PageInfo], flat: dict[str, str]) -> dict[str, str]:
    """Text mode with site templates: each host's templates learned over all its pages
    (a first pass), then each page extracted with its template lines cut."""
    out: dict[str, str] = {}
    for host, pages in multi_page_hosts(infos).items():
        learner = SiteTemplates()
        for info in pages:
            learner.observe(host, flat[info.file_id])
        for info in pages:
            text = flat[info.file_id]
            husk = learner.template_lines(host, text)
            out[info.file_id] = extract_text(text, info.url, husk=husk).text
    return out


def _timed_run(
    name: str, infos: list[datasets.PageInfo], job: Callable[[datasets.PageInfo], str]
) -> dict[str, str]:
    """``job`` over every page (an error scores as an empty text); prints ms per page."""
    out: dict[str, str] = {}
    start = time.perf_counter()
    for info in infos:
        try:
            out[info.file_id] = job(info)
        except Exception as exc:  # an error scores as an empty extraction
            print(f"{name} {info.file_id}: {exc}", file=sys.stderr)
            out[info.file_id] = ""
    ms = 1000 * (time.perf_counter() - start) / max(1, len(infos))
    print(f"{name}: {ms:.1f} ms/page", file=sys.stderr)
    return out


def run_all(
    dev: devsets.DevSet, infos: list[datasets.PageInfo], flats: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """Every extractor's text per page id; text-mode runs are named ``<run> (<flattening>)``."""
    runs = {
        "HTML path": _timed_run(
            "HTML path",
            infos,
            lambda i: extract(datasets.read_html(dev.path, i.file_id), i.url).text,
        )
    }
    for flattening, flat in flats.items():
        runs[f"extract_text ({flattening})"] = _timed_run(
            f"extract_text ({flattening})",
            infos,
            lambda i, flat=flat: extract_text(flat[i.file_id], i.url).text,
        )
        runs[f"C4 filter ({flattening})"] = _timed_run(
            f"C4 filter ({flattening})", infos, lambda i, flat=flat: c4_filter(flat[i.file_id])
        )
    if "blocks" in flats and multi_page_hosts(infos):
        runs["+ templates (blocks)"] = templated(infos, flats["blocks"])
    return runs


def scores(
    run: dict[str, str], infos: Iterable[datasets.PageInfo]
) -> tuple[float, float, float, float]:
    """Word P, R, F1 (means over pages) and shingle-F1 of ``run`` on ``infos``."""
    pages = [i for i in infos if i.file_id in run]
    word = [metrics.word_prf(run[i.file_id], i.truth.main) for i in pages]
    shingle = metrics.macro_f1(
        metrics.shingle_pr(metrics.shingle_counts(run[i.file_id], i.truth.main)) for i in pages
    )
    n = max(1, len(word))
    return (
        sum(s.precision for s in word) / n,
        sum(s.recall for s in word) / n,
        sum(s.f1 for s in word) / n,
        shingle.f1,
    )


# ---- the report ---------------------------------------------------------------------------


def table(
    runs: dict[str, dict[str, str]], groups: dict[str, list[datasets.PageInfo]], names: list[str]
) -> list[str]:
    """Word-F1 / shingle-F1 of each run (columns) on each group of pages (rows)."""
    lines = [
        "| pages | n | " + " | ".join(f"{n} word / shingle" for n in names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    for label, infos in groups.items():
        cells = []
        for name in names:
            _, _, word, shingle = scores(runs[name], infos)
            cells.append(f"{word:.3f} / {shingle:.3f}")
        lines.append(f"| {label} | {len(infos)} | " + " | ".join(cells) + " |")
    return lines


def half(info: datasets.PageInfo) -> str:
    """``A`` or ``B``: a fixed split of the domains (by a hash of the domain name)."""
    digest = hashlib.sha1(info.domain.encode()).digest()
    return "A" if digest[0] % 2 == 0 else "B"


#: The docs page's caveat: the shipped models saw these pages.
IN_SAMPLE_NOTE = (
    "The learned parts here were trained on these same pages: the text-mode line network "
    "(`benchmarks/textmode_train.py`) and the HTML path's block model (shipped weights). "
    "Their out-of-fold figures come from `benchmarks/textmode_train.py --cv` (text mode) and "
    "`docs/benchmarks.md` (the HTML path)."
)


def groups_of(infos: list[datasets.PageInfo]) -> dict[str, list[datasets.PageInfo]]:
    """Rows of a set's table: all pages, each page type, the articles' two domain halves."""
    by_type = {t: [i for i in infos if i.page_type == t] for t in TYPES}
    groups = {"all": infos, **{t: v for t, v in by_type.items() if v}}
    for name in ("A", "B"):
        chosen = [i for i in by_type["article"] if half(i) == name]
        if chosen:
            groups[f"article, domain half {name}"] = chosen
    return groups


def set_section(
    name: str, runs: dict[str, dict[str, str]], infos: list[datasets.PageInfo]
) -> list[str]:
    """The report's part for one set."""
    flat_names = [n for n in runs if n.startswith(("extract_text", "C4"))]
    names = [n for n in flat_names if n.startswith("extract_text")] + ["HTML path"]
    names += [n for n in flat_names if n.startswith("C4")]
    articles = [i for i in infos if i.page_type == "article"] or infos
    scope = "articles" if articles is not infos else "all pages"
    out = [
        f"## {name}",
        "",
        *table(runs, groups_of(infos), names),
        "",
        f"### {name}, {scope}: precision, recall, F1",
        "",
        "| extractor | word P | word R | word-F1 | shingle-F1 |",
        "|---|---:|---:|---:|---:|",
    ]
    for run_name in names:
        p, r, f, sh = scores(runs[run_name], articles)
        out.append(f"| {run_name} | {p:.3f} | {r:.3f} | {f:.3f} | {sh:.3f} |")
    out.append("")
    if "+ templates (blocks)" in runs:
        multi = [p for pages in multi_page_hosts(infos).values() for p in pages]
        multi_groups = {
            "multi-page hosts, all": multi,
            "multi-page hosts, articles": [i for i in multi if i.page_type == "article"],
        }
        template_names = ["extract_text (blocks)", "+ templates (blocks)", "HTML path"]
        out += [
            f"### {name}: site templates (pages of the hosts with two or more pages)",
            "",
            "Each host's template lines are learned by `dehusk.templates.SiteTemplates` over",
            "the host's pages, then each page is extracted with them cut.",
            "",
            *table(runs, multi_groups, template_names),
            "",
        ]
    return out


def report(
    results: dict[str, tuple[dict[str, dict[str, str]], list[datasets.PageInfo]]],
    command: str,
    note: str,
) -> str:
    """The whole docs page for every set's runs."""
    out = [
        "# Text-mode benchmark",
        "",
        "`dehusk.extract_text` on the dev pages flattened to text two ways, the set's truth",
        "(wcxb-dev `main_content`; dragnet's text before its COMMENTS line), word-F1 (mean",
        "over pages; pages without main text: 1.0 when the extraction is empty too, else",
        "0.0) and shingle-F1 (4-token shingles, macro P and R). Every page here is a dev",
        "page: there is no held-out text-mode set; the HTML path beside it is the same.",
        "",
        "- **blocks** (`benchmarks/flatten.py`): lexbor parse; `<body>` walked; `script`,",
        "  `style`, `noscript`, `template`, `svg`, `iframe`, form controls and hidden elements",
        "  dropped; every block element and `<br>` ends a line; paragraphs, headings, quotes",
        "  and `<pre>` get blank lines around them; `<img alt>` is a line of its own.",
        "- **resiliparse**: `extract_plain_text(HTMLTree.parse(html), main_content=False)` of",
        "  the whole page — the html-to-text corpus builders run, and how issue #11's held-out",
        "  flattened articles were made (target there: ≥ 0.90).",
        "- **C4 filter** (`c4_filter`): C4's line rules (Raffel et al. 2020, §2.2; TFDS",
        "  `c4_utils`) applied to the same flattened text.",
        "- **HTML path**: `dehusk.extract` on the page's original HTML.",
        "",
        f"Command: `{command}`",
        "",
        *([note, ""] if note else []),
    ]
    for name, (runs, infos) in results.items():
        out += set_section(name, runs, infos)
    return "\n".join(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sets", default=",".join(devsets.SET_NAMES), help="dev sets, by name")
    ap.add_argument("--data", help="one dev set (a name or a folder) instead of --sets")
    ap.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    ap.add_argument("--limit", type=int, default=0, help="N pages per set, stratified by type")
    ap.add_argument("--no-docs", action="store_true", help="print, do not write the docs page")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks-textmode.md")
    ap.add_argument("--note", default=IN_SAMPLE_NOTE, help="a paragraph for the docs page")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = [args.data] if args.data else [n.strip() for n in args.sets.split(",") if n.strip()]
    flattenings = available_flattenings()
    results = {}
    for spec in names:
        dev = devsets.resolve(spec, REPO)
        infos = devsets.load_set(dev)
        if args.limit:
            infos = datasets.stratified_subset(infos, args.limit)
        flats = {f: load_flat(dev, infos, f, args.cache_dir) for f in flattenings}
        results[dev.name] = (run_all(dev, infos, flats), infos)
    argv_shown = sys.argv[1:] if argv is None else argv
    command = " ".join([".venv-bench/bin/python benchmarks/textmode.py", *argv_shown])
    text = report(results, command, args.note)
    print(text)
    if not args.no_docs:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
