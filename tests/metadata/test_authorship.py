"""The authors field: the order of trust's sources, each read; overrides with reasons."""

from typing import get_args

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from dehusk._native.walk import folded_join
from dehusk.evidence import tree_evidence
from dehusk.metadata.author_choice import AuthorSource
from dehusk.metadata.authorship import AUTHORS, OVERRIDES, sources
from dehusk.metadata.evidence import gather
from dehusk.metadata.order import names

PAGE = """<html><head><meta name="author" content="Jane Doe">
<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jane Doe">
</head><body><h1>A story</h1><p class="byline">By Jane Doe</p></body></html>"""


def test_every_source_is_read_and_every_rule_says_why() -> None:
    tree = LexborHTMLParser(PAGE)
    found = sources(gather(tree_evidence(tree), None), (), (), None, ((), ()))
    assert set(found) == set(get_args(AuthorSource))
    assert set(names(AUTHORS)) == set(found) - {"owner"}  # the owner is a fallback
    assert all(rule.reason for rule in AUTHORS) and all(reason for reason, _ in OVERRIDES)
    assert found["meta"] == found["twitter"] == found["dom"] == ("Jane Doe",)


#: Every character ``str.split()`` splits on, and some it does not (zero-width, NUL, wide).
SPACES = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


@given(st.lists(st.text(alphabet=SPACES + "ab\u00e9\u4e2d\U0001f600\u200b\ufeff\x00")))
def test_folded_join_folds_as_str_split_does(texts: list[str]) -> None:
    assert folded_join(texts) == " ".join([" ".join(t.split()) for t in texts])
