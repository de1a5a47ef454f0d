"""``dehusk batch`` end to end, in-process: WARC, folders and JSON Lines in; one row per
record out, in parts with a manifest; Parquet; a finished run leaves nothing else behind;
another run into the same folder is refused."""

from __future__ import annotations

import contextlib
import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dehusk.cli import main
from dehusk.sources.warc import DamagedArchive, read_warc
from tests.batch.corpus import MakeWarc, read_rows, source_key

REQUIRED = {"url", "title", "text", "blocks", "published", "source", "fetched"}


@pytest.fixture
def corpus(
    tmp_path: Path, make_warc: MakeWarc, pages: list[tuple[str, bytes]]
) -> tuple[list[str], int]:
    """A WARC, a folder (nested; a .txt and a .png the default glob leaves out) and a JSONL."""
    warc, written = make_warc()
    folder = tmp_path / "site"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.html").write_bytes(pages[0][1])
    (folder / "deep" / "b.html.gz").write_bytes(gzip.compress(pages[1][1]))
    (folder / "deep" / "notes.txt").write_text("not taken by the default glob\n")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n")
    (folder / ".hidden.html").write_bytes(pages[2][1])
    jsonl = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"url": "https://example.org/j1", "html": pages[3][1].decode()}),
        json.dumps(
            {"url": "https://example.org/j2", "text": "A title\n\n" + "A line of text. " * 30}
        ),
        "not json at all",
        json.dumps({"url": "https://example.org/j4"}),
    ]
    jsonl.write_text("\n".join(lines) + "\n")
    damaged = tmp_path / "cut.warc.gz"  # the same WARC cut short: its records, then an error row
    data = warc.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    before = 0
    with contextlib.suppress(DamagedArchive):
        for _ in read_warc(damaged, 1 << 26):
            before += 1
    return [str(warc), str(folder), str(jsonl), str(damaged)], written.rows + 2 + 4 + before + 1


def test_one_row_per_record(
    tmp_path: Path, corpus: tuple[list[str], int], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, expected = corpus
    out = tmp_path / "out.jsonl"  # OUTDIR may be any name
    assert main(["batch", *inputs, "-o", str(out), "--workers", "2", "--quiet"]) == 0
    rows = read_rows(out)
    assert len(rows) == expected
    assert len({source_key(r) for r in rows}) == expected
    assert all(r.keys() >= REQUIRED for r in rows)
    warc_rows = [r for r in rows if isinstance(r["source"], dict) and r["source"].get("record_id")]
    assert all(
        r["fetched"] == "2026-11-30T12:00:00Z" and r["published"] != r["fetched"] for r in warc_rows
    )
    skipped = {r["skipped"].split(":")[0] for r in warc_rows if "skipped" in r}
    assert skipped == {"revisit", "status", "type", "truncated"}
    articles = [r for r in warc_rows if "skipped" not in r and "error" not in r]
    assert articles and all(r["text"] for r in articles)
    assert any(r["url"].endswith("/resource") for r in articles)  # resource records are pages
    # Content-Encoding and chunked records of one page give the same text as the plain ones.
    by_page: dict[str, set[str]] = {}
    for r in articles:
        by_page.setdefault(r["url"].split("/")[3], set()).add(r["text"])
    assert all(len(texts) == 1 for texts in by_page.values())
    files = {r["source"] for r in rows if isinstance(r["source"], str)}
    assert {Path(f).name for f in files} == {"a.html", "b.html.gz"}
    lines = {r["source"]["line"]: r for r in rows if "line" in r["source"]}
    assert sorted(lines) == [1, 2, 3, 4]
    assert lines[1]["text"] and lines[2]["text"] and "error" in lines[3] and "error" in lines[4]
    damage = [r for r in rows if "damaged archive" in r.get("error", "")]
    assert len(damage) == 1 and damage[0]["source"]["file"] == inputs[3]
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["totals"]["rows"] == expected
    assert sorted(p.name for p in out.iterdir()) == [
        "_manifest.json",
        *(f"part-{i:05d}.jsonl" for i in range(4)),
    ]
    # Run again: finished, nothing redone, nothing added.
    assert main(["batch", *inputs, "-o", str(out), "--workers", "2"]) == 0
    assert "4 resumed" in capsys.readouterr().err
    assert len(read_rows(out)) == expected


def test_compressed_parquet_and_refusal(
    tmp_path: Path, make_warc: MakeWarc, capsys: pytest.CaptureFixture[str]
) -> None:
    warc, written = make_warc(count=6)
    gz, parquet = tmp_path / "gz", tmp_path / "pq"
    assert main(["batch", str(warc), "-o", str(gz), "--compress", "--quiet", "--workers", "1"]) == 0
    assert [p.name for p in gz.glob("part-*")] == ["part-00000.jsonl.gz"]
    assert len(read_rows(gz)) == written.rows
    assert (
        main(["batch", str(warc), "-o", str(parquet), "--output-format", "parquet", "--quiet"]) == 0
    )
    table = pq.read_table(parquet / "part-00000.parquet")
    assert table.num_rows == written.rows
    assert table.column("source").to_pylist()[0]["record_id"].startswith("<urn:uuid:")
    assert table.column("blocks").type.value_type.field("label").name == "label"
    # Other options into the same folder: refused, folder untouched.
    before = sorted(p.name for p in gz.iterdir())
    status = main(["batch", str(warc), "-o", str(gz), "--annotate", "--quiet"])
    assert status == 2
    assert "other inputs or options (differs in: annotate, compress)" in capsys.readouterr().err
    assert sorted(p.name for p in gz.iterdir()) == before


def test_missing_input_fails_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "nope.warc.gz"), "-o", str(tmp_path / "o"), "-q"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_extract_rows_carry_source_and_errors(
    tmp_path: Path,
    make_warc: MakeWarc,
    pages: list[tuple[str, bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(pages[0][1])
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 50)
    warc, _ = make_warc(count=2)
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text(json.dumps({"html": pages[1][1].decode()}) + "\n{broken\n")
    inputs = [str(page), str(junk), str(tmp_path / "missing.html"), str(warc), str(jsonl)]
    status = main(["extract", *inputs, "-f", "json"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [r["source"] for r in rows] == [
        *inputs[:4],
        {"file": str(jsonl), "line": 1},
        {"file": str(jsonl), "line": 2},
    ]
    assert [bool(r.get("error")) for r in rows] == [False, True, True, True, False, True]
    assert "dehusk batch" in rows[3]["error"]
    assert len(err.splitlines()) == 4
