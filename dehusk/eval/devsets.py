"""The benchmark's dev sets by name: a name or a folder in, a ``DevSet`` (name, folder) out.

Both sets store pages the same way (``html/ID.html.gz``) and ``datasets.load_index`` reads
either (it tells wcxb-dev's JSON truth from dragnet's text truth); this module only maps the
names ``make bench`` takes on its command line (``--sets``, ``--data``) to folders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import datasets
from .datasets import PageInfo

#: The sets ``make bench`` runs by default, in report order.
SET_NAMES = ("wcxb-dev", "dragnet")


@dataclass(frozen=True, slots=True)
class DevSet:
    """A dev set: its name (as reports show it: the folder's name) and its folder."""

    name: str
    path: Path


def resolve(spec: str | Path, repo_root: Path) -> DevSet:
    """A set from a folder path or a name under ``../shared/bench-data`` (``dragnet``)."""
    path = Path(spec)
    if not path.is_dir():
        path = datasets.default_data_dir(repo_root).parent / str(spec)
    path = path.resolve()
    if not (path / "ground-truth").is_dir():
        raise FileNotFoundError(f"no dev set at {path} (no ground-truth folder)")
    return DevSet(path.name, path)


def load_set(dev: DevSet) -> list[PageInfo]:
    """Every page of ``dev``, truth parsed (``datasets.load_index``)."""
    return datasets.load_index(dev.path)
