"""Train the metadata choosers (``dehusk.metadata.rank``) on wcxb-dev, out of fold.

    python -m dehusk.eval.train_metadata [--data-dir DIR] [--folds-dir bench-out/folds]
        [--fields title,authors]

Needs ``make train`` first: its ``folds.json`` gives each page's fold (grouped by domain),
and each page's candidates come from the pipeline run with the block model of the fold
that never saw the page's site — the same blocks the benchmark scores.

1. every page with a truth for the field gives its candidates (``extract_metadata(...,
   trace=...)`` with the rules deciding) and which of them match the truth, by the
   benchmark's comparison rules;
2. per fold, a logistic regression is fitted on the other folds' candidates and picks one
   candidate per page of this fold: the out-of-fold accuracy on article pages (the
   benchmark's set) is printed beside the rules' own, and written to
   ``bench-out/train-metadata-oof.json``;
3. fold weights go beside the fold block models (``foldK.meta-<field>.npz``), and the
   weights fitted on every page to ``dehusk/models/meta-<field>.npz``.

Deterministic: pages in file-id order, a fixed solver and no sampling.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from dehusk.article import Options
from dehusk.classify import classify_page
from dehusk.decode import decode
from dehusk.evidence import evidence, page_address
from dehusk.metadata import extract_metadata
from dehusk.metadata.rank import RULES_CHOICE, RULES_ONLY, Candidate, Ranker, matrix, save
from dehusk.parse import parse
from dehusk.segment import segment

from .datasets import PageInfo, Truth, default_data_dir, load_index, read_html

VERSION = "1"
#: L2 strength (inverse): measured out of fold on the title among 0.1, 1 and 10.
C = 0.1
SCALE_FLOOR = 1e-3
_NONWORD = re.compile(r"\W+")
_AUTHOR_SPLIT = re.compile(r",|;|&| and ")


def norm(text: str) -> str:
    """The benchmark's title normalisation: lowercase, non-word runs → one space."""
    return _NONWORD.sub(" ", text.lower()).strip()


def author_set(text: str) -> frozenset[str]:
    """The benchmark's author comparison key: split on , ; & " and ", each part normalised."""
    return frozenset(n for p in _AUTHOR_SPLIT.split(text) if (n := norm(p)))


class Field(NamedTuple):
    """How a field is scored (its truth, whether a candidate value matches it) and which
    pages its chooser is fitted on (article pages alone, or every page with a truth)."""

    truth: Callable[[Truth], str]
    matches: Callable[[Any, str], bool]
    articles_only: bool = False


FIELDS: Mapping[str, Field] = {
    # Title truths of other page types follow other habits (a product's name, a listing's
    # section): fitted on article pages, out of fold 0.884 → 0.890; authors lose 0.003.
    "title": Field(lambda t: t.title, lambda value, truth: norm(value) == norm(truth), True),
    "published": Field(lambda t: t.published, lambda value, truth: value[:10] == truth[:10]),
    "authors": Field(
        lambda t: t.author,
        lambda value, truth: bool(value) and author_set(", ".join(value)) == author_set(truth),
    ),
}


#: The fields whose chooser ships: out of fold, the date chooser ties the rules (0.894 vs
#: 0.895 on article pages), so dates keep the rules; ``--fields published`` trains it.
SHIPPED_FIELDS = ("title", "authors")


class Example(NamedTuple):
    """One page's candidates for one field and which ones match the truth."""

    file_id: str
    page_type: str
    fold: int
    candidates: list[Candidate[Any]]
    labels: np.ndarray


def page_traces(info: PageInfo, html: bytes, block_model: str) -> dict[str, list[Candidate[Any]]]:
    """Every field's candidates on one page, the rules deciding (see the module docstring)."""
    options = Options(model=block_model)
    text, _ = decode(html, max_bytes=options.max_bytes)
    doc = parse(text, options)
    blocks, _ = classify_page(segment(doc, options), options, info.url)
    trace: dict[str, list[Candidate[Any]]] = {}
    found = evidence(doc)
    extract_metadata(found, blocks, page_address(info.url, found), RULES_ONLY, trace)
    return trace


def collect(data_dir: Path, folds_dir: Path, fields: Sequence[str]) -> dict[str, list[Example]]:
    """Per field, the examples of every page that has a truth for it."""
    fold_of: dict[str, int] = json.loads((folds_dir / "folds.json").read_text())["by_id"]
    out: dict[str, list[Example]] = {f: [] for f in fields}
    infos = load_index(data_dir)
    for n, info in enumerate(infos):
        wanted = [f for f in fields if FIELDS[f].truth(info.truth)]
        fold = fold_of.get(info.file_id)
        if not wanted or fold is None:
            continue
        try:
            trace = page_traces(
                info, read_html(data_dir, info.file_id), str(folds_dir / f"fold{fold}.npz")
            )
        except Exception as exc:  # an unreadable page has no candidates; the others go on
            print(f"  {info.file_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            trace = {}
        for f in wanted:
            cands = trace.get(f, [])
            truth = FIELDS[f].truth(info.truth)
            labels = np.array([FIELDS[f].matches(c.value, truth) for c in cands], dtype=bool)
            out[f].append(Example(info.file_id, info.page_type, fold, cands, labels))
        if n % 250 == 0:
            print(f"  candidates: {n}/{len(infos)} pages", file=sys.stderr)
    return out


def fit(examples: Sequence[Example]) -> Ranker:
    """A logistic regression over the candidates of ``examples`` (standardised features)."""
    from sklearn.linear_model import LogisticRegression

    names = tuple(sorted({k for e in examples for c in e.candidates for k in c.features}))
    x = np.vstack([matrix(names, e.candidates) for e in examples if e.candidates])
    y = np.concatenate([e.labels for e in examples if e.candidates])
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), SCALE_FLOOR)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit((x - mean) / scale, y)
    return Ranker(VERSION, names, mean, scale, model.coef_[0], float(model.intercept_[0]))


def training(field: str, examples: Sequence[Example]) -> list[Example]:
    """The examples ``field``'s chooser is fitted on (see ``Field.articles_only``)."""
    articles_only = FIELDS[field].articles_only
    return [e for e in examples if not articles_only or e.page_type == "article"]


def pick(ranker: Ranker, example: Example) -> int | None:
    """The index of the candidate ``ranker`` chooses (None: no candidates)."""
    if not example.candidates:
        return None
    x = (matrix(ranker.names, example.candidates) - ranker.mean) / ranker.scale
    return int(np.argmax(x @ ranker.coef + ranker.bias))


def rules_pick(example: Example) -> int | None:
    """The index of the rules' own choice (None: the rules chose nothing)."""
    return next((i for i, c in enumerate(example.candidates) if c.features.get(RULES_CHOICE)), None)


def accuracy(examples: Sequence[Example], picks: Sequence[int | None]) -> float:
    right = [p is not None and bool(e.labels[p]) for e, p in zip(examples, picks, strict=True)]
    return float(np.mean(right)) if right else 0.0


def cross_validate(field: str, examples: list[Example], folds_dir: Path) -> dict[str, Any]:
    """Out-of-fold picks per page; fold weights saved beside the fold block models."""
    picks: list[int | None] = [None] * len(examples)
    for k in sorted({e.fold for e in examples}):
        ranker = fit([e for e in training(field, examples) if e.fold != k])
        save(folds_dir / f"fold{k}.meta-{field}.npz", ranker)
        for i, e in enumerate(examples):
            if e.fold == k:
                picks[i] = pick(ranker, e)
    articles = [i for i, e in enumerate(examples) if e.page_type == "article"]
    return {
        "pages": len(examples),
        "article_pages": len(articles),
        "oof_articles": accuracy([examples[i] for i in articles], [picks[i] for i in articles]),
        "rules_articles": accuracy(
            [examples[i] for i in articles], [rules_pick(examples[i]) for i in articles]
        ),
        "oof_all": accuracy(examples, picks),
        "rules_all": accuracy(examples, [rules_pick(e) for e in examples]),
        "ceiling_articles": float(np.mean([examples[i].labels.any() for i in articles])),
    }


def main(argv: Sequence[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(root))
    parser.add_argument("--folds-dir", type=Path, default=root / "bench-out" / "folds")
    parser.add_argument("--models-dir", type=Path, default=root / "dehusk" / "models")
    parser.add_argument("--fields", default=",".join(SHIPPED_FIELDS))
    args = parser.parse_args(argv)
    fields = [f for f in args.fields.split(",") if f]
    examples = collect(args.data_dir, args.folds_dir, fields)
    out = root / "bench-out" / "train-metadata-oof.json"
    # A run over some fields keeps the others' last figures.
    report: dict[str, Any] = json.loads(out.read_text()) if out.is_file() else {}
    for field in fields:
        report[field] = cross_validate(field, examples[field], args.folds_dir)
        save(args.models_dir / f"meta-{field}.npz", fit(training(field, examples[field])))
        r = report[field]
        print(
            f"{field}: article pages out of fold {r['oof_articles']:.3f} "
            f"(rules {r['rules_articles']:.3f}, ceiling {r['ceiling_articles']:.3f}); "
            f"all pages {r['oof_all']:.3f} (rules {r['rules_all']:.3f})"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
