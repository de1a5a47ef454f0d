"""Loading the dev set: a tiny hand-made copy, and the real one when it is there."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from dehusk.eval.datasets import (
    PageInfo,
    Truth,
    default_data_dir,
    iter_pages,
    load_index,
    parse_truth,
    read_html,
    stratified_subset,
)

REPO = Path(__file__).resolve().parents[2]


def _write_set(root: Path) -> None:
    """Three pages: one disagrees with metadata.json on its type, one lacks main_content."""
    (root / "html").mkdir(parents=True)
    (root / "ground-truth").mkdir()
    pages = {
        "0001": ("article", "https://a.example/x", {"main_content": "Body one.", "with": ["Body"]}),
        "0002": ("forum", "https://b.example/t", {"title": "T", "author": None}),
        "0003": ("listing", "", {"main_content": "", "publish_date": "2024-01-02"}),
    }
    files = {}
    for fid, (kind, url, gt) in pages.items():
        record = {"url": url, "file_id": fid, "_internal": {"page_type": {"primary": kind}}}
        record["ground_truth"] = gt
        (root / "ground-truth" / f"{fid}.json").write_text(json.dumps(record))
        (root / "html" / f"{fid}.html.gz").write_bytes(
            gzip.compress(f"<p>page {fid} caf\xe9</p>".encode("latin-1"))
        )
        files[fid] = {"page_type": kind, "domain": f"{fid}.example", "split": "dev"}
    files["0002"]["page_type"] = "article"  # the ground truth's type must win
    (root / "metadata.json").write_text(json.dumps({"files": files}))


def test_load_index_on_a_tiny_set(tmp_path: Path) -> None:
    _write_set(tmp_path)
    pages = load_index(tmp_path)
    assert [p.file_id for p in pages] == ["0001", "0002", "0003"]
    assert [p.page_type for p in pages] == ["article", "forum", "listing"]
    assert [p.domain for p in pages] == ["0001.example", "0002.example", "0003.example"]
    assert pages[0].url == "https://a.example/x"
    assert pages[2].url is None  # an empty URL is no URL
    assert pages[0].truth == Truth(main="Body one.", with_snippets=("Body",))
    assert pages[1].truth.main == ""  # missing main_content → empty
    assert pages[1].truth.title == "T"
    assert pages[1].truth.author == ""  # null → empty
    assert pages[2].truth.published == "2024-01-02"


def test_html_stays_raw_bytes(tmp_path: Path) -> None:
    _write_set(tmp_path)
    assert read_html(tmp_path, "0001") == b"<p>page 0001 caf\xe9</p>"  # Latin-1, not decoded
    pages = list(iter_pages(tmp_path, load_index(tmp_path)))
    assert [p.html for p in pages][2] == b"<p>page 0003 caf\xe9</p>"
    assert pages[1].info.file_id == "0002"


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_index(tmp_path)


def test_parse_truth_tolerates_odd_values() -> None:
    truth = parse_truth({"ground_truth": {"main_content": None, "with": "x", "title": 7}})
    assert truth == Truth(main="", with_snippets=(), title="7")
    assert parse_truth({}) == Truth()


def _infos(counts: dict[str, int]) -> list[PageInfo]:
    out = []
    for kind, n in counts.items():
        out += [PageInfo(f"{kind[:3]}{i:04d}", None, kind, "") for i in range(n)]
    return sorted(out, key=lambda p: p.file_id)


def test_stratified_subset_is_proportional_and_exact() -> None:
    infos = _infos({"article": 80, "forum": 15, "product": 5})
    subset = stratified_subset(infos, 20)
    assert len(subset) == 20
    assert Counter(p.page_type for p in subset) == {"article": 16, "forum": 3, "product": 1}
    assert subset == stratified_subset(infos, 20)  # deterministic
    assert len({p.file_id for p in subset}) == 20


def test_stratified_subset_keeps_every_type_when_it_can() -> None:
    infos = _infos({"article": 97, "forum": 2, "product": 1})
    kinds = Counter(p.page_type for p in stratified_subset(infos, 5))
    assert kinds == {"article": 3, "forum": 1, "product": 1}
    assert stratified_subset(infos, 500) == infos


REAL = default_data_dir(REPO)


@pytest.mark.skipif(not (REAL / "ground-truth").is_dir(), reason="dev set not present")
def test_the_real_dev_set() -> None:
    pages = load_index(REAL)
    assert len(pages) == 1497
    kinds = Counter(p.page_type for p in pages)
    assert kinds["article"] == 793
    assert len(kinds) == 7
    empty = {p.file_id for p in pages if not p.truth.main.strip()}
    assert len(empty) == 21
    assert {"4802", "4893", "0585", "4871"} <= empty
    assert read_html(REAL, pages[0].file_id).lstrip()[:1] == b"<"
