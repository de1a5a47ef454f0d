"""Small corpora for the batch tests, made in the test from the golden pages (real pages).

``pages`` are the golden pages' HTML; ``make_warc`` writes a WARC of them with every odd
record kind mixed in (``dehusk.batch.warcgen``); ``read_rows`` reads every row of an OUTDIR's
parts back (JSON Lines, gzip or not); ``source_key`` makes a row's ``source`` hashable.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dehusk.batch.warcgen import Mix, Written, dev_pages, write_warc

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
#: Every odd kind at a rate that a dozen pages is sure to hold each of.
ODD = Mix(
    encoded=0.5,
    chunked=0.4,
    pdf=0.3,
    redirect=0.3,
    not_found=0.2,
    revisit=0.3,
    truncated=0.2,
    metadata=0.3,
    seed=7,
)


@pytest.fixture(scope="session")
def pages() -> list[tuple[str, bytes]]:
    return list(dev_pages(PAGES))


MakeWarc = Callable[..., tuple[Path, Written]]


@pytest.fixture
def make_warc(tmp_path: Path) -> MakeWarc:
    def make(name: str = "crawl.warc.gz", count: int = 12, mix: Mix = ODD) -> tuple[Path, Written]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path, write_warc(path, dev_pages(PAGES, count), mix)

    return make


def read_rows(outdir: Path) -> list[dict[str, Any]]:
    rows = []
    for part in sorted(outdir.glob("part-*.jsonl*")):
        data = part.read_bytes()
        text = gzip.decompress(data) if part.name.endswith(".gz") else data
        rows.extend(json.loads(line) for line in text.decode().splitlines())
    return rows


def source_key(row: dict[str, Any]) -> str:
    return json.dumps(row["source"], sort_keys=True)


def batch(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``dehusk batch ARGS`` as a real process (how a shell runs it)."""
    return subprocess.run(
        [sys.executable, "-m", "dehusk", "batch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
