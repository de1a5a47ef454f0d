"""The dev sets on disk (wcxb-dev and dragnet): an index of their pages and an iterator.

Both sets share one shape, so every consumer (training, ``make bench``) reads either the same way:

- ``load_index(data_dir) -> list[PageInfo]`` detects the set from its ground-truth files
  (``*.json`` → wcxb-dev, ``*.txt`` → dragnet); ``dataset_of(data_dir)`` says which.
- ``PageInfo``: ``file_id``, ``url`` (``None`` when unknown), ``page_type``, ``domain`` (the
  site key folds are grouped by), ``truth`` (a ``Truth``) and ``dataset`` (``"wcxb-dev"`` or
  ``"dragnet"``); ``PageInfo.key`` is ``"dataset/file_id"``, unique across sets.
- ``read_html(data_dir, file_id) -> bytes`` and ``iter_pages(data_dir, infos)``: the raw HTML
  (only gunzipped), so every extractor gets the same bytes and decodes them its own way.
- ``default_data_dir(repo_root, dataset="wcxb-dev")``: ``../shared/bench-data/<dataset>``.

wcxb-dev (see ``shared/bench-data/README.md``): ``html/NNNN.html.gz``,
``ground-truth/NNNN.json`` and ``metadata.json``. The page type comes from the ground truth's
``_internal.page_type.primary`` (it wins where ``metadata.json`` disagrees); the domain comes
from ``metadata.json``.

dragnet (``shared/bench-data/dragnet/README.md``): ``html/ID.html.gz`` and
``ground-truth/ID.txt``; see ``dehusk.eval.dragnet`` for how its truth is read (CRLF, a
cp1252 fallback, the article before the ``COMMENTS`` separator) and how its site key is found
(no URLs are recorded). Every dragnet page is typed ``article`` (news and blog posts); only
``Truth.main`` is set.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

#: The dev sets' folder, relative to the repository root.
BENCH_DATA = Path("..") / "shared" / "bench-data"
#: The default dev set, relative to the repository root.
DEFAULT_DATA_DIR = BENCH_DATA / "wcxb-dev"

Dataset = Literal["wcxb-dev", "dragnet"]
DATASETS: tuple[Dataset, ...] = ("wcxb-dev", "dragnet")


@dataclass(frozen=True, slots=True)
class Truth:
    """What a page should give: main text, snippets and metadata (``""`` when absent)."""

    main: str = ""
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    title: str = ""
    author: str = ""
    published: str = ""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One page without its HTML: file id, URL (``None`` if unknown), page type, domain."""

    file_id: str
    url: str | None
    page_type: str
    domain: str
    truth: Truth = field(default_factory=Truth)
    dataset: Dataset = "wcxb-dev"

    @property
    def key(self) -> str:
        """``dataset/file_id``: unique across both sets."""
        return f"{self.dataset}/{self.file_id}"


@dataclass(frozen=True, slots=True)
class Page:
    """One page with its raw (gunzipped, undecoded) HTML bytes."""

    info: PageInfo
    html: bytes


def default_data_dir(repo_root: Path, dataset: Dataset = "wcxb-dev") -> Path:
    """A dev set's default location for a checkout at ``repo_root``."""
    return (repo_root / BENCH_DATA / dataset).resolve()


def dataset_of(data_dir: Path) -> Dataset:
    """Which set lies at ``data_dir``: dragnet's truth is plain text, wcxb-dev's is JSON.

    Raises ``FileNotFoundError`` when ``data_dir`` has no ``ground-truth`` folder.
    """
    truth_dir = data_dir / "ground-truth"
    if not truth_dir.is_dir():
        raise FileNotFoundError(f"no ground-truth folder under {data_dir}")
    return "dragnet" if next(truth_dir.glob("*.txt"), None) is not None else "wcxb-dev"


def _text(value: Any) -> str:
    """A truth field as a string: ``None`` and non-strings other than numbers become ``""``."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _snippets(value: Any) -> tuple[str, ...]:
    """A snippet list as a tuple of strings (anything else → empty tuple)."""
    if not isinstance(value, list):
        return ()
    return tuple(s for s in value if isinstance(s, str))


def parse_truth(record: dict[str, Any]) -> Truth:
    """The ``ground_truth`` part of one ground-truth JSON record as a ``Truth``.

    A missing ``main_content`` is treated as empty.
    """
    gt = record.get("ground_truth") or {}
    return Truth(
        main=_text(gt.get("main_content")),
        with_snippets=_snippets(gt.get("with")),
        without_snippets=_snippets(gt.get("without")),
        title=_text(gt.get("title")).strip(),
        author=_text(gt.get("author")).strip(),
        published=_text(gt.get("publish_date")).strip(),
    )


def page_type_of(record: dict[str, Any], fallback: str) -> str:
    """``_internal.page_type.primary`` of a ground-truth record, else ``fallback``."""
    internal = record.get("_internal") or {}
    kind = (internal.get("page_type") or {}).get("primary")
    return kind if isinstance(kind, str) and kind else fallback


def load_index(data_dir: Path) -> list[PageInfo]:
    """Every page of the set at ``data_dir`` (ground truth parsed, HTML not read), by file id.

    Raises ``FileNotFoundError`` when ``data_dir`` has no ``ground-truth`` folder.
    """
    if dataset_of(data_dir) == "dragnet":
        from .dragnet import load_dragnet

        return load_dragnet(data_dir)
    truth_dir = data_dir / "ground-truth"
    meta_path = data_dir / "metadata.json"
    files: dict[str, Any] = {}
    if meta_path.is_file():
        files = json.loads(meta_path.read_text(encoding="utf-8")).get("files", {})
    pages = []
    for path in sorted(truth_dir.glob("*.json")):
        file_id = path.name.removesuffix(".json")
        record = json.loads(path.read_text(encoding="utf-8"))
        meta = files.get(file_id, {})
        url = record.get("url")
        pages.append(
            PageInfo(
                file_id=file_id,
                url=url if isinstance(url, str) and url else None,
                page_type=page_type_of(record, meta.get("page_type", "unknown")),
                domain=str(meta.get("domain", "")),
                truth=parse_truth(record),
            )
        )
    return pages


def read_html(data_dir: Path, file_id: str) -> bytes:
    """The raw HTML bytes of page ``file_id`` (gunzipped, not decoded)."""
    with gzip.open(data_dir / "html" / f"{file_id}.html.gz", "rb") as fh:
        return fh.read()


def iter_pages(data_dir: Path, infos: Iterable[PageInfo]) -> Iterator[Page]:
    """Each page of ``infos`` with its HTML, read lazily one page at a time."""
    for info in infos:
        yield Page(info=info, html=read_html(data_dir, info.file_id))


def stratified_subset(infos: list[PageInfo], limit: int) -> list[PageInfo]:
    """``limit`` pages spread over the page types in proportion to their sizes, by file id.

    Shares are proportional (largest remainders get the spare pages), every type gets at
    least one page while ``limit`` allows, and within a type the pages are evenly spaced.
    ``limit >= len(infos)`` returns all. Deterministic: the same input gives the same subset.
    """
    if limit >= len(infos):
        return list(infos)
    by_type: dict[str, list[PageInfo]] = {}
    for info in infos:
        by_type.setdefault(info.page_type, []).append(info)
    exact = {kind: limit * len(group) / len(infos) for kind, group in by_type.items()}
    shares = {kind: int(value) for kind, value in exact.items()}
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - shares[k]), k))
    for kind in by_remainder[: limit - sum(shares.values())]:
        shares[kind] += 1
    for kind in sorted(by_type, key=lambda k: len(by_type[k])):
        donor = max(shares, key=lambda k: shares[k])
        if shares[kind] == 0 and shares[donor] > 1:
            shares[donor] -= 1
            shares[kind] = 1
    chosen: list[PageInfo] = []
    for kind, group in by_type.items():
        share = min(shares[kind], len(group))
        step = len(group) / share if share else 0
        chosen.extend(group[int(i * step)] for i in range(share))
    chosen.sort(key=lambda p: p.file_id)
    return chosen
