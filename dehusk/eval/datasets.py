"""The WCXB dev set on disk: an index of its pages and an iterator over them.

Layout (see ``shared/bench-data/README.md``): ``html/NNNN.html.gz``,
``ground-truth/NNNN.json`` and ``metadata.json``. The page type comes from the ground truth's
``_internal.page_type.primary`` (it wins where ``metadata.json`` disagrees); the domain comes
from ``metadata.json``. HTML stays raw bytes (only gunzipped): every extractor gets the same
bytes and decodes them its own way.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The dev set, relative to the repository root.
DEFAULT_DATA_DIR = Path("..") / "shared" / "bench-data" / "wcxb-dev"


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


@dataclass(frozen=True, slots=True)
class Page:
    """One page with its raw (gunzipped, undecoded) HTML bytes."""

    info: PageInfo
    html: bytes


def default_data_dir(repo_root: Path) -> Path:
    """The dev set's default location for a checkout at ``repo_root``."""
    return (repo_root / DEFAULT_DATA_DIR).resolve()


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
    truth_dir = data_dir / "ground-truth"
    if not truth_dir.is_dir():
        raise FileNotFoundError(f"no ground-truth folder under {data_dir}")
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
