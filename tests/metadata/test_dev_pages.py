"""End to end on real dev pages (tests/fixtures/metadata): title, authors and date as the
benchmark scores them, through ``dehusk.extract`` (so body bylines come from real blocks)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

import dehusk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "metadata"
EXPECTED: dict[str, dict[str, Any]] = json.loads((FIXTURES / "expected.json").read_text())


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@pytest.mark.parametrize("page_id", sorted(EXPECTED))
def test_dev_page(page_id: str) -> None:
    want = EXPECTED[page_id]
    html = gzip.decompress((FIXTURES / f"{page_id}.html.gz").read_bytes())
    meta = dehusk.extract(html, url=want["url"]).metadata
    assert norm(meta.title) == norm(want["title"])
    assert {norm(a) for a in meta.authors} == {norm(a) for a in want["authors"]}
    assert (meta.published or "")[:10] == want["published"]
