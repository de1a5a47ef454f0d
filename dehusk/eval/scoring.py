"""From extractions to figures: one record per page, then the averages a report shows.

``score_page`` turns one page's extraction into a flat JSON-able record (word P/R/F1,
shingle counts and P/R, snippet rates, metadata verdicts); ``summarize`` averages the records
of one extractor (overall, per page type, metadata accuracy); ``best_worst`` lists pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .datasets import PageInfo
from .metrics import (
    CATASTROPHIC_F1,
    authors_match,
    bootstrap_interval,
    date_match,
    f1_of,
    macro_f1,
    mean,
    shingle_counts,
    shingle_pr,
    snippet_rates,
    title_match,
    tokens,
    word_prf,
)

#: Metadata fields in report order: (record key, label).
META_FIELDS = (("title", "title"), ("authors", "author"), ("date", "date"))


def _meta_verdicts(
    info: PageInfo, meta: Mapping[str, Any], offered: frozenset[str]
) -> dict[str, bool | None]:
    """Title/author/date verdicts (article pages, non-empty truth, offered fields only).

    ``None`` means "not scored on this page". Page type is judged on every page.
    """
    truth = info.truth
    article = info.page_type == "article"

    def judged(field: str, truth_value: str) -> bool:
        return article and field in offered and bool(truth_value)

    return {
        "title_ok": title_match(meta.get("title"), truth.title)
        if judged("title", truth.title)
        else None,
        "author_ok": authors_match(meta.get("authors"), truth.author)
        if judged("authors", truth.author)
        else None,
        "date_ok": date_match(meta.get("date"), truth.published)
        if judged("date", truth.published)
        else None,
        "type_ok": (meta.get("page_type") == info.page_type) if "page_type" in offered else None,
    }


def score_page(
    info: PageInfo, text: str, meta: Mapping[str, Any], offered: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Every per-page figure of one extraction against ``info.truth``, as a flat dict.

    ``offered`` names the metadata fields the extractor provides (see ``PeerSpec``).
    """
    word = word_prf(text, info.truth.main)
    counts = shingle_counts(text, info.truth.main)
    sh_p, sh_r = shingle_pr(counts)
    with_rate, without_rate = snippet_rates(
        text, info.truth.with_snippets, info.truth.without_snippets
    )
    return {
        "word_p": round(word.precision, 5),
        "word_r": round(word.recall, 5),
        "word_f1": round(word.f1, 5),
        "sh_tp": counts.tp,
        "sh_fp": counts.fp,
        "sh_fn": counts.fn,
        "sh_p": round(sh_p, 5),
        "sh_r": round(sh_r, 5),
        "sh_f1": round(f1_of(sh_p, sh_r), 5),
        "with": None if with_rate is None else round(with_rate, 5),
        "without": None if without_rate is None else round(without_rate, 5),
        "tokens": len(tokens(text)),
        **_meta_verdicts(info, meta, offered),
    }


def _mean(values: Iterable[float | None]) -> float | None:
    """Mean of the non-None values, or None when there is none."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def _accuracy(values: Iterable[bool | None]) -> dict[str, Any]:
    """``{"correct", "n", "acc"}`` over the non-None verdicts (``acc`` None when n = 0)."""
    kept = [v for v in values if v is not None]
    correct = sum(kept)
    return {"correct": correct, "n": len(kept), "acc": correct / len(kept) if kept else None}


def intervals(records: Mapping[str, Mapping[str, Any]]) -> dict[str, list[float]]:
    """Bootstrap intervals (pages resampled) of word-F1 and shingle-F1 over ``records``."""
    recs = list(records.values())
    word = bootstrap_interval([float(r["word_f1"]) for r in recs], mean)
    shingle = bootstrap_interval(
        [(float(r["sh_p"]), float(r["sh_r"])) for r in recs], lambda ps: macro_f1(ps).f1
    )
    return {"word_f1": [round(v, 4) for v in word], "shingle_f1": [round(v, 4) for v in shingle]}


def catastrophic(records: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Pages lost (F1 below ``CATASTROPHIC_F1``) by word-F1 and by per-page shingle-F1."""
    recs = list(records.values())
    return {
        "word": sum(1 for r in recs if float(r["word_f1"]) < CATASTROPHIC_F1),
        "shingle": sum(1 for r in recs if _shingle_f1(r) < CATASTROPHIC_F1),
    }


def _shingle_f1(record: Mapping[str, Any]) -> float:
    """A page record's shingle-F1 (records written before ``sh_f1`` existed: from P and R)."""
    if "sh_f1" in record:
        return float(record["sh_f1"])
    return f1_of(float(record["sh_p"]), float(record["sh_r"]))


def summarize(records: Mapping[str, Mapping[str, Any]], infos: Mapping[str, PageInfo]) -> dict:
    """Averages of one extractor's page records (file id → record from ``score_page`` plus
    ``seconds``, ``error``, ``timeout``).

    Out: ``n``, word P/R/F1 means (all pages and article pages), shingle macro P/R/F1, mean
    snippet rates, total seconds, pages per second, counts of errors, timeouts, empty
    results and catastrophic pages, word-F1 per page type and metadata accuracy per field.
    """
    recs = list(records.items())
    n = len(recs)
    seconds = sum(float(r.get("seconds") or 0.0) for _, r in recs)
    shingle = macro_f1((r["sh_p"], r["sh_r"]) for _, r in recs)
    by_type: dict[str, list[float]] = {}
    for fid, r in recs:
        by_type.setdefault(infos[fid].page_type, []).append(r["word_f1"])
    articles = [r["word_f1"] for fid, r in recs if infos[fid].page_type == "article"]
    return {
        "n": n,
        "word_p": _mean(r["word_p"] for _, r in recs),
        "word_r": _mean(r["word_r"] for _, r in recs),
        "word_f1": _mean(r["word_f1"] for _, r in recs),
        "word_f1_article": _mean(articles),
        "shingle_p": shingle.precision,
        "shingle_r": shingle.recall,
        "shingle_f1": shingle.f1,
        "with": _mean(r["with"] for _, r in recs),
        "without": _mean(r["without"] for _, r in recs),
        "seconds": seconds,
        "pages_per_s": n / seconds if seconds > 0 else None,
        "errors": sum(1 for _, r in recs if r.get("error") and not r.get("timeout")),
        "timeouts": sum(1 for _, r in recs if r.get("timeout")),
        "empty": sum(1 for _, r in recs if not r["tokens"]),
        "catastrophic": catastrophic(records),
        "per_type": {
            kind: {"n": len(vals), "word_f1": sum(vals) / len(vals)}
            for kind, vals in sorted(by_type.items())
        },
        "meta": {
            "title": _accuracy(r["title_ok"] for _, r in recs),
            "author": _accuracy(r["author_ok"] for _, r in recs),
            "date": _accuracy(r["date_ok"] for _, r in recs),
            "page_type": _accuracy(r["type_ok"] for _, r in recs),
        },
    }


def worst_pages(
    records: Mapping[str, Mapping[str, Any]], count: int = 10
) -> list[tuple[str, float]]:
    """The ``count`` (file id, word-F1) pairs with the lowest word-F1, worst first."""
    ranked = sorted(((fid, float(r["word_f1"])) for fid, r in records.items()), key=_by_score)
    return ranked[:count]


def _by_score(item: tuple[str, float]) -> tuple[float, str]:
    return item[1], item[0]
