"""Loading dragnet: its text truth, and site keys for pages that record no URL."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest

from dehusk.eval.datasets import dataset_of, default_data_dir, load_index, read_html
from dehusk.eval.dragnet import page_keys, read_truth, site_keys

REPO = Path(__file__).resolve().parents[2]


def _page(title: str, canonical: str = "", css: str = "") -> bytes:
    head = f"<title>{title}</title>"
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if css:
        head += f'<link rel="stylesheet" href="{css}">'
    return f"<html><head>{head}</head><body><p>x</p></body></html>".encode()


def _write_set(root: Path, pages: dict[str, tuple[bytes, bytes]]) -> None:
    (root / "html").mkdir(parents=True)
    (root / "ground-truth").mkdir()
    for pid, (html, truth) in pages.items():
        (root / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(html))
        (root / "ground-truth" / f"{pid}.txt").write_bytes(truth)


def test_truth_is_the_article_before_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"Head\r\nBody caf\xe9.\r\n!@#$%^&*()  COMMENTS\r\nNice post!\r\n")
    assert read_truth(path) == "Head\nBody caf\u00e9."  # cp1252 fallback, LF, comments cut
    path.write_bytes(b"A\n!#@$%^&*()  COMMENTS\nB\n")  # the punctuation varies
    assert read_truth(path) == "A"
    path.write_bytes("\ufeffNo COMMENTS here".encode())
    assert read_truth(path) == "No COMMENTS here"
    path.write_bytes("Forgiving your enemies\r\nby Paulo".encode("utf-16"))  # BOM, LE
    assert read_truth(path) == "Forgiving your enemies\nby Paulo"


def test_site_keys_join_pages_by_host_title_and_template(tmp_path: Path) -> None:
    pages = {
        "1": _page("Post one - My Blog", "http://www.myblog.example/a"),
        "2": _page("Post two - My Blog"),  # joined to 1 by the title suffix
        "3": _page("Seth: Idea", css="http://seth.example/s.css"),
        "4": _page("Other idea", css="http://seth.example/s.css"),  # by the stylesheet
        "5": _page("A - News", "http://a.example/x"),
        "6": _page("B - News", "http://b.example/y"),  # 'news' spans two known hosts
        "7": _page("Alone"),
    }
    _write_set(tmp_path, {k: (v, b"t") for k, v in pages.items()})
    assert dataset_of(tmp_path) == "dragnet"
    infos = load_index(tmp_path)
    site = {p.file_id: p.domain for p in infos}
    assert site["1"] == site["2"] == "myblog.example"
    assert site["3"] == site["4"] != site["7"]
    assert (site["5"], site["6"]) == ("a.example", "b.example")
    assert {p.dataset for p in infos} == {"dragnet"}
    assert {p.page_type for p in infos} == {"article"}
    assert infos[0].key == "dragnet/1" and infos[0].url is None
    assert page_keys(pages["7"]) == (None, [])


def test_site_keys_alone() -> None:
    hosts = {"a": "h.example", "b": None, "c": None}
    weak = {"a": ["title$x"], "b": ["title$x"], "c": ["title$y"]}
    assert site_keys(hosts, weak) == {"a": "h.example", "b": "h.example", "c": "page:c"}


REAL = default_data_dir(REPO, "dragnet")


@pytest.mark.skipif(not (REAL / "ground-truth").is_dir(), reason="dragnet not present")
def test_the_real_dragnet_set() -> None:
    pages = load_index(REAL)
    assert len(pages) == 1381
    assert Counter(p.file_id[0] for p in pages if not p.file_id[0].isdigit()) == {
        "R": 999,
        "T": 178,
    }
    assert all(p.truth.main for p in pages)
    assert not any("COMMENTS" in p.truth.main[-40:] for p in pages)
    sites = Counter(p.domain for p in pages)
    assert 400 < len(sites) < 600  # one blog's pages share one key
    assert read_html(REAL, pages[0].file_id).lstrip()[:1] == b"<"
