"""Fixtures of the batch tests: small corpora made in the test from the golden pages.

``pages`` are the golden pages' HTML; ``make_warc`` writes a WARC of them with every odd
record kind mixed in (``dehusk.batch.warcgen``). Helpers are in ``corpus.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dehusk.batch.warcgen import Mix, Written, dev_pages, write_warc
from tests.batch.corpus import ODD, PAGES, MakeWarc


@pytest.fixture(scope="session")
def pages() -> list[tuple[str, bytes]]:
    return list(dev_pages(PAGES))


@pytest.fixture
def make_warc(tmp_path: Path) -> MakeWarc:
    def make(name: str = "crawl.warc.gz", count: int = 12, mix: Mix = ODD) -> tuple[Path, Written]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path, write_warc(path, dev_pages(PAGES, count), mix)

    return make
