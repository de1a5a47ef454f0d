"""Memory: extract() leaves no parse tree behind (nothing it returns refers to the tree)."""

from __future__ import annotations

import gc
import gzip
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from dehusk import extract

PAGE = Path(__file__).parents[1] / "fixtures" / "pages" / "0480" / "page.html.gz"


def _trees() -> int:
    gc.collect()
    return sum(isinstance(o, LexborHTMLParser) for o in gc.get_objects())


def test_the_parse_tree_is_freed_when_extract_returns() -> None:
    before = _trees()
    article = extract(gzip.decompress(PAGE.read_bytes()))
    assert article.text
    assert _trees() == before
