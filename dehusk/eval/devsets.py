"""The benchmark's dev sets by name: where each lives and how its index is read.

In: a set name (``wcxb-dev``, ``dragnet``) or a folder. Out: ``DevSet`` (name, folder) and
the set's ``PageInfo`` list. Both sets store pages the same way (``html/ID.html.gz``); they
differ in their truth: wcxb-dev has ``ground-truth/ID.json`` (``datasets.load_index``),
dragnet ``ground-truth/ID.txt`` (plain text, whose article part is what precedes a
``COMMENTS`` separator line).

Until ``datasets`` (owned by the training side) reads dragnet itself, ``load_dragnet`` here
is the thin reader the benchmark uses; once ``datasets.load_dragnet`` exists it is used
instead (see ``load_set``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import datasets
from .datasets import PageInfo, Truth

#: The sets ``make bench`` runs by default, in report order.
SET_NAMES = ("wcxb-dev", "dragnet")
#: The dragnet truth's separator between article and reader comments (its README).
COMMENTS_LINE = re.compile(r"^\s*!@.{0,8}\)?\s*COMMENTS\s*$", re.MULTILINE)
#: What a canonical link or og:url says about a dragnet page's site (808 of 1,381 pages).
_CANONICAL = re.compile(
    rb"""<(?:link[^>]+rel=["']?canonical["']?[^>]+href|meta[^>]+property=["']?og:url["']?"""
    rb"""[^>]+content)=["']?https?://(?:www\.)?([^/"'\s>]+)""",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DevSet:
    """A dev set: its name (as reports show it) and its folder."""

    name: str
    path: Path


def bench_data_dir(repo_root: Path) -> Path:
    """The folder holding every dev set for a checkout at ``repo_root``."""
    return datasets.default_data_dir(repo_root).parent


def resolve(spec: str | Path, repo_root: Path) -> DevSet:
    """A set from a name (``dragnet``) or a folder path; the name is the folder's name."""
    path = Path(spec)
    if not path.is_dir():
        path = bench_data_dir(repo_root) / str(spec)
    path = path.resolve()
    if not (path / "ground-truth").is_dir():
        raise FileNotFoundError(f"no dev set at {path} (no ground-truth folder)")
    return DevSet(path.name, path)


def is_text_truth(path: Path) -> bool:
    """Whether the set at ``path`` keeps its truth as ``.txt`` files (dragnet's layout)."""
    return next((path / "ground-truth").glob("*.txt"), None) is not None


def article_part(text: str) -> str:
    """The article of a dragnet truth text: what precedes the COMMENTS line (all if none)."""
    match = COMMENTS_LINE.search(text)
    return text[: match.start()] if match else text


def read_text_truth(path: Path) -> str:
    """A truth ``.txt`` as text: UTF-8, else cp1252 (43 dragnet files), CRLF → LF."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def site_of(html: bytes) -> str:
    """The host a dragnet page names in its canonical link or og:url, else ``""``."""
    match = _CANONICAL.search(html[:65536])
    return match.group(1).decode("ascii", errors="replace").lower() if match else ""


def load_dragnet(data_dir: Path) -> list[PageInfo]:
    """Every page of a text-truth set (dragnet): article truth, site as domain, no URL."""
    pages = []
    for path in sorted((data_dir / "ground-truth").glob("*.txt")):
        file_id = path.name.removesuffix(".txt")
        site = site_of(datasets.read_html(data_dir, file_id))
        truth = Truth(main=article_part(read_text_truth(path)))
        pages.append(PageInfo(file_id, None, "unknown", site, truth))
    return pages


def load_set(dev: DevSet) -> list[PageInfo]:
    """The index of ``dev``: ``datasets``'s own reader where it has one for the layout."""
    if not is_text_truth(dev.path):
        return datasets.load_index(dev.path)
    own = getattr(datasets, "load_dragnet", None)
    return list(own(dev.path)) if callable(own) else load_dragnet(dev.path)
