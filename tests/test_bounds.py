"""The parse stage's bounds: the native scan for long start tags and what it feeds."""

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dehusk._native.walk import long_tag_starts
from dehusk.bounds import bound_attributes

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _regex_starts(text: str, steps: int) -> list[int]:
    """The regex the native scan replaced: its matches' starts are the scan's answer."""
    pattern = rf"""<[a-zA-Z](?:[^<>"']|"[^"]*+"|'[^']*+'){{{steps},}}+"""
    return [m.start() for m in re.finditer(pattern, text)]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="<>\"'ab =/\né€😀", max_size=40), st.integers(1, 6))
def test_long_tag_starts_are_the_regex_matches(text: str, steps: int) -> None:
    assert long_tag_starts(text, steps) == _regex_starts(text, steps)


@pytest.mark.parametrize("steps", [16, 256])
def test_long_tag_starts_on_real_pages(steps: int) -> None:
    for page in sorted(PAGES.glob("*/page.html.gz")):
        text = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        assert long_tag_starts(text, steps) == _regex_starts(text, steps)


def test_a_quoted_gt_does_not_end_the_long_tag() -> None:
    tag = "<a " + " ".join(f'x{i}=">"' for i in range(300)) + ">"
    text, warning = bound_attributes(f"<p>before</p>{tag}<p>after</p>", 256)
    assert warning is not None
    assert text.count('=">"') == 256
    assert text.endswith("<p>after</p>")


def test_an_unclosed_quote_ends_the_steps() -> None:
    assert long_tag_starts("<a bc '", 3) == [0]
    assert long_tag_starts("<a '", 2) == []


def test_ordinary_page_is_left_alone() -> None:
    html = '<div class="x" id="y"><p style="a:b">text</p></div>'
    assert bound_attributes(html, 256) == (html, None)
