"""The native walk (dehusk/_native/walk.pyx): built by the package's install, exact on real
pages, and safe on the inputs that break walks (deep nesting, huge text, odd whitespace)."""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from dehusk._native import walk as native
from dehusk.article import LABELS, Label, Options
from dehusk.parse import Document, parse
from dehusk.segment import segment

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
#: The Page each fixture page gave with the Python walk: 3b080d2's, plus the inline marks
#: the service branch added to it (7666685) before the walk went native (digests of the same
#: canonical JSON benchmarks/speed_probe.py compares on every dev page), and since session 13
#: "recent" as a related word (0157's "Recent Posts" widget: "other" -> "related").
GOLDEN = json.loads((PAGES / "segments.json").read_text(encoding="utf-8"))


def _digest(page) -> str:
    record = [
        [list(s) for s in page.segments],
        [[*c[:5], sorted(c.flags), *c[6:]] for c in page.containers],
        [list(i) for i in page.images],
    ]
    blob = json.dumps(record, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_fixture_pages_segment_exactly_as_the_python_walk_did(key: str) -> None:
    name, _, reveal = key.partition("/")
    raw = gzip.decompress((PAGES / name / "page.html.gz").read_bytes())
    page = segment(parse(raw.decode("utf-8", "replace"), Options()), reveal=bool(reveal))
    expected = GOLDEN[key]
    assert (len(page.segments), len(page.containers), len(page.images)) == (
        expected["segments"],
        expected["containers"],
        expected["images"],
    )
    assert _digest(page) == expected["sha256"]


def test_the_installed_selectolax_is_the_layout_compiled_in() -> None:
    native.check_layout()  # raises ImportError otherwise; also run at import


def _segments(html: str, reveal: bool = False):
    return segment(Document(LexborHTMLParser(html)), reveal=reveal).segments


def test_unicode_whitespace_folds_as_str_split_does() -> None:
    spaces = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a"
    spaces += "\u2028\u2029\u202f\u205f\u3000"
    raw = f"a{spaces}b\u200bc{spaces}\u00e9\U0001f600"
    (seg,) = _segments(f"<p>{raw}</p>")
    assert seg.text == " ".join(raw.split())
    assert "\u200b" in seg.text  # a zero-width space is not whitespace to str.split


def test_link_offsets_count_code_points_not_bytes() -> None:
    (seg,) = _segments("<p>Ça coûte <a href='/x'>déjà 😀 trop</a> cher</p>")
    (link,) = seg.links
    assert seg.text[link.start : link.end] == "déjà 😀 trop"
    assert seg.link_chars == len("déjà 😀 trop")


def test_hidden_markers() -> None:
    html = (
        "<p hidden>a</p><div hidden id='S:0'><p>streamed</p></div><p aria-hidden='true'>b</p>"
        "<p aria-hidden='false'>shown1</p><p style='COLOR:red; Display : None'>c</p>"
        "<p class='x hide'>d</p><p class='hidden md:block'>shown2</p><p class='hider'>shown3</p>"
    )
    assert [s.text for s in _segments(html)] == ["streamed", "shown1", "shown2", "shown3"]
    assert len(_segments(html, reveal=True)) == 8


def test_data_table_and_layout_table() -> None:
    data = (
        "<table><tr><th>Year</th><td>Sales <a href='/s'>up</a></td></tr>"
        "<tr><td>2020</td><td>5</td></tr></table>"
    )
    (seg,) = _segments(data)
    assert seg.kind is Label.TABLE and seg.rows == (("Year", "Sales up"), ("2020", "5"))
    assert seg.text == "Year | Sales up\n2020 | 5" and seg.link_chars == 2
    nested = "<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>"
    (inner,) = _segments(nested)  # the outer table is layout: walked, its inner one is data
    assert inner.kind is Label.TABLE and inner.rows == (("a", "b"),)


def test_table_cells_leave_out_what_the_walk_skips() -> None:
    # A share button's script inside a cell printed its JavaScript into the table's text.
    data = (
        "<table><tr><th>Share</th><td><a href='/t'>Tweet</a> <script>!function(d,s){}"
        "(document);</script><style>.x{color:red}</style>now</td></tr>"
        "<tr><td>2020</td><td>5</td></tr></table>"
    )
    (seg,) = _segments(data)
    assert seg.rows == (("Share", "Tweet now"), ("2020", "5"))
    assert "function" not in seg.text and "color" not in seg.text


def test_deep_nesting_does_not_crash() -> None:
    depth = 3000  # past the parse stage's bound, straight to lexbor and the walk
    html = "<div>" * depth + "deep" + "</div>" * depth + "<span>" * depth + "inline"
    page = segment(Document(LexborHTMLParser(html)))
    assert [s.text for s in page.segments] == ["deep", "inline"]
    assert max(c.depth for c in page.containers) == depth


def test_huge_text_node_is_one_block_in_linear_time() -> None:
    words = "word " * 2_000_000  # 10 MB in one text node
    start = time.perf_counter()
    (seg,) = _segments(f"<p>{words}</p>")
    assert len(seg.text) == len(words) - 1
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("name", sorted({k.split("/")[0] for k in GOLDEN}))
def test_block_table_columns_are_the_page_values(name: str) -> None:
    raw = gzip.decompress((PAGES / name / "page.html.gz").read_bytes())
    page = segment(parse(raw.decode("utf-8", "replace"), Options()))
    table = page.table
    assert table is not None
    segs, conts = page.segments, page.containers
    assert table.seg_container.tolist() == [s.container for s in segs]
    assert [LABELS[i] for i in table.seg_label] == [s.kind for s in segs]
    assert table.seg_level.tolist() == [s.level for s in segs]
    assert table.seg_ordered.tolist() == [s.ordered for s in segs]
    assert table.seg_chars.tolist() == [len(s.text) for s in segs]
    assert table.seg_link_chars.tolist() == [s.link_chars for s in segs]
    assert table.seg_links.tolist() == [len(s.links) for s in segs]
    assert [table.tag_names[t] for t in table.tag.tolist()] == [c.tag for c in conts]
    assert table.parent.tolist() == [c.parent for c in conts]
    assert table.depth.tolist() == [c.depth for c in conts]
    flags = [{n for i, n in enumerate(table.flag_names) if m >> i & 1} for m in table.flags]
    assert flags == [set(c.flags) for c in conts]
    assert table.hint.tolist() == [c.hint for c in conts]
    kinds = [table.kind_names[k] if k >= 0 else "" for k in table.kind.tolist()]
    assert kinds == [c.kind for c in conts]
    assert table.nth.tolist() == [c.nth for c in conts]
