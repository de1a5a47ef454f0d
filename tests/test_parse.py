"""parse: the repairs that keep lexbor from failing on hostile markup."""

import gzip
import re
from pathlib import Path

import pytest

from dehusk.article import Options
from dehusk.parse import close_title, flatten_deep, longest_open_run, parse

PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_unclosed_title_does_not_swallow_the_page() -> None:
    html = "<html><head><title>Headline<body><p>The story is here.</p></body></html>"
    doc = parse(html, Options())
    assert doc.tree.body is not None
    assert "The story is here." in doc.tree.body.text()
    assert any("title" in w for w in doc.warnings)


def test_closed_title_is_left_alone() -> None:
    html = "<title>A</title><p>b</p>"
    assert close_title(html) == (html, False)


def test_deep_nesting_is_flattened_and_text_kept() -> None:
    html = "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000
    flat, changed = flatten_deep(html, 256)
    assert changed
    assert flat.count("<div>") == 256
    doc = parse(html, Options())
    assert "deep text" in doc.tree.body.text()


def test_normal_nesting_is_untouched() -> None:
    html = "<div><section><p>a</p><ul><li>b<li>c</ul></section></div>" * 500
    assert flatten_deep(html, 256) == (html, False)


def test_many_unclosed_paragraphs_are_not_deep() -> None:
    html = "<div>" + "<p>para" * 5000 + "</div>"
    assert flatten_deep(html, 256)[1] is False


def _regex_run(text: str) -> int:
    """What the native scan replaced: the longest run of opening tags, by regex."""
    return max(map(len, "".join(re.findall(r"<(/|[a-zA-Z])", text)).split("/")))


@pytest.mark.parametrize(
    "text",
    ["", "<", "plain", "<a><b></b><c><d><e>", "<<a<<b</x<y", "<é><1><a/><b>", "<A><B><C></"],
)
def test_longest_open_run_counts_as_the_regex_did(text: str) -> None:
    assert longest_open_run(text) == _regex_run(text)


def test_longest_open_run_on_real_pages() -> None:
    for page in sorted(PAGES.glob("*/page.html.gz")):
        text = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        assert longest_open_run(text) == _regex_run(text)
