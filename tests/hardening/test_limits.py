"""Each documented, configurable limit of ``Options`` fires at the value it is given.

In-process and small: the limit is set low so a small page passes it; the warning (or the
error) must name that limit. The big inputs that pass the defaults are in test_hostile.py.
"""

from __future__ import annotations

import json

import pytest

from dehusk import InputTooLarge, Options, extract
from dehusk.cli import _message

STORY = (
    "The one paragraph of this article is long enough to be read as the story of the page, "
    "and it says so plainly in words a reader would recognise."
)


def _page(body: str) -> str:
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"


def test_max_bytes_refuses_bytes_and_str() -> None:
    page = _page(f"<p>{STORY}</p>")
    for data in (page, page.encode()):
        with pytest.raises(InputTooLarge, match="limit 100"):
            extract(data, options=Options(max_bytes=100))


def test_max_depth_flattens_at_the_given_depth() -> None:
    page = _page("<div>" * 50 + f"<p>{STORY}</p>" + "</div>" * 50)
    assert not any("nested" in w for w in extract(page).warnings)  # under DEEP_RUN: untouched
    deep = _page("<div>" * 500 + f"<p>{STORY}</p>" + "</div>" * 500)
    article = extract(deep, options=Options(max_depth=20))
    assert "markup nested deeper than 20 levels flattened" in article.warnings
    assert "plainly" in article.text


def test_max_nodes_cuts_the_page_after_that_many_elements() -> None:
    page = _page(f"<p>{STORY}</p>" + "".join(f"<p>Paragraph number {i}.</p>" for i in range(100)))
    article = extract(page, options=Options(max_nodes=30))
    assert "page has more than 30 elements: the rest was not read" in article.warnings
    assert "plainly" in article.text
    assert "Paragraph number 99" not in article.text
    assert not any("elements" in w for w in extract(page).warnings)


def test_max_attributes_drops_the_rest_of_a_tag() -> None:
    attributes = " ".join(f"data-a{i}=1" for i in range(40))
    page = _page(f'<p {attributes} class="lead">{STORY}</p>')
    article = extract(page, options=Options(max_attributes=10))
    assert "elements with more than 10 attributes: the rest were dropped" in article.warnings
    assert "plainly" in article.text
    assert not any("attributes" in w for w in extract(page).warnings)


def test_attribute_bound_sees_quoted_angle_brackets() -> None:
    # A quoted ">" does not end the tag for the parser, so it must not for the bound either.
    attributes = " ".join(f'a{i}="x>y"' for i in range(40))
    article = extract(_page(f"<p {attributes}>{STORY}</p>"), options=Options(max_attributes=10))
    assert "plainly" in article.text


def test_lone_surrogates_in_str_input() -> None:
    article = extract(_page(f"<p>{STORY} \ud800 and \udcff.</p>"))
    assert "2 lone surrogate(s) in the str input replaced by U+FFFD" in article.warnings
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # strict: no surrogate


def test_memory_error_is_one_clear_line() -> None:
    assert (
        _message(MemoryError()) == "out of memory: the input needs more than this process may use"
    )
