"""JSON Lines input: records streamed, bad lines as error records, gzip read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from dehusk.sources.jsonl import parse_record, read_jsonl


def test_records_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"url": "https://a.example/1", "text": "Hello."}),
                "",
                "[1, 2]",
                json.dumps({"html": "<p>Hi</p>", "url": 5}),
                "{broken",
            ]
        ),
        encoding="utf-8",
    )
    records = list(read_jsonl(str(path), 1 << 20))
    assert [r.name for r in records] == [f"{path}:{n}" for n in (1, 3, 4, 5)]
    assert records[0].text == "Hello." and records[0].url == "https://a.example/1"
    assert records[1].error == "not a JSON object"
    assert records[2].html == "<p>Hi</p>" and records[2].url is None
    assert records[3].error is not None and records[3].error.startswith("not JSON")


def test_gzip_and_long_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl.gz"
    big = json.dumps({"text": "x" * 5000})
    small = json.dumps({"text": "ok"})
    path.write_bytes(gzip.compress(f"{big}\n{small}\n".encode()))
    records = list(read_jsonl(str(path), 1000))
    assert records[0].error is not None and "larger than the limit" in records[0].error
    assert records[1].text == "ok"


def test_parse_record_needs_text_or_html() -> None:
    assert parse_record("x", b'{"url": "u"}', 100).error == 'no "text" or "html" string'
