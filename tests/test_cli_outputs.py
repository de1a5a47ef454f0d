"""The ``extract`` options of the outputs issue: ``-v``, ``--with-metadata``, ``--deny-private``."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehusk.cli import main

PAGE = (
    b"<html lang='en'><head><meta charset='latin-1'><title>Harbour seals</title></head><body>"
    b"<article><h1>Harbour seals</h1><p>The count of harbour seals in the estuary rose this "
    b"year, the survey team said, with sixty-two animals seen on the northern bank.</p>"
    b"<p>Volunteers counted them from boats over three mornings in \xe9t\xe9.</p>"
    b"</article></body></html>"
)


def test_verbose_prints_each_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "seals.html"
    page.write_bytes(PAGE.replace(b"<meta charset='latin-1'>", b""))  # a charset guess
    assert main(["extract", str(page)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["extract", "-v", str(page)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith(f"dehusk: {page}: warning: ") for line in err)


def test_with_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "seals.html"
    page.write_bytes(PAGE)
    args = ["extract", str(page), "--url", "https://e.org/seals", "--with-metadata"]
    assert main([*args, "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('---\ntitle: "Harbour seals"\n') and 'url: "https://e.org/seals"' in out
    assert "\n---\n# Harbour seals\n" in out and out.count("Harbour seals") == 2


def test_extract_fetches_loopback_unless_denied(
    local_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", f"{local_server}/page"]) == 0
    assert "local server serves" in capsys.readouterr().out
    assert main(["extract", "--deny-private", f"{local_server}/page"]) == 1
    err = capsys.readouterr().err
    assert "refused address 127.0.0.1: loopback" in err


def test_serve_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--allow-private" in out and "--port" in out
