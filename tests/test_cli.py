"""The ``dehusk`` command, run in-process through ``main`` (and once as a real process)."""

from __future__ import annotations

import gzip
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from dehusk import __version__
from dehusk.cli import main

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour seals return to the estuary</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour seals return to the estuary</h1>
<p>Harbour seals have returned to the estuary for the first time in forty years, counted
by volunteers who walked the mudflats at low tide over three weekends this spring.</p>
<h2>What the count found</h2>
<p>The volunteers counted sixty-two seals, among them eleven pups, hauled out on the
sandbanks below the old <a href="/pier">pier</a>, where the water is now clean enough.</p>
<ul><li>Sixty-two seals in total, eleven of them pups.</li>
<li>Three haul-out sites, all on the northern bank.</li></ul>
<figure><img src="/seal.jpg" alt="A seal"><figcaption>A seal on the northern
sandbank.</figcaption></figure>
</article><footer>Copyright 2025 The Estuary Gazette</footer></body></html>"""

REQUIRED_KEYS = {"url", "title", "authors", "text", "blocks", "warnings", "images"}


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "seals.html"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def junk(tmp_path: Path) -> Path:
    path = tmp_path / "junk.bin"
    path.write_bytes(random.Random(0).randbytes(20_000))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``main(argv)`` → (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"dehusk {__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2


def test_text(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, err = run(capsys, "extract", str(page))
    assert status == 0
    assert err == ""
    assert "Harbour seals have returned to the estuary" in out
    assert "Copyright" not in out
    assert "==>" not in out  # one input: no header


def test_markdown(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, _ = run(capsys, "extract", str(page), "--format", "markdown")
    assert status == 0
    assert out.startswith("# Harbour seals return to the estuary")
    assert "## What the count found" in out
    assert "- Sixty-two seals in total" in out


def test_html(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, _ = run(capsys, "extract", str(page), "-f", "html")
    assert status == 0
    assert out.startswith("<!doctype html>")
    assert "<title>Harbour seals return to the estuary</title>" in out
    assert "<li>Sixty-two seals in total, eleven of them pups.</li>" in out


def test_json(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, _ = run(capsys, "extract", str(page), "-f", "json", "--url", "https://e.org/a")
    assert status == 0
    [line] = out.splitlines()
    record = json.loads(line)
    assert record.keys() >= REQUIRED_KEYS
    assert record["title"] == "Harbour seals return to the estuary"
    assert record["url"] == "https://e.org/a"
    assert "sixty-two seals" in record["text"]
    assert all("score" not in b and "locator" not in b for b in record["blocks"])


def test_annotate_adds_score_and_locator(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, _ = run(capsys, "extract", str(page), "-f", "json", "--annotate")
    assert status == 0
    blocks = json.loads(out)["blocks"]
    assert blocks
    assert all("score" in b and "locator" in b for b in blocks)
    assert any(isinstance(b["locator"], str) and b["locator"] for b in blocks)


def test_include_captions(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    _, plain, _ = run(capsys, "extract", str(page))
    status, with_captions, _ = run(capsys, "extract", str(page), "--include", "captions,links")
    assert status == 0
    assert "A seal on the northern sandbank." not in plain
    assert "A seal on the northern sandbank." in with_captions


def test_unknown_include_is_a_usage_error(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(page), "--include", "captions,adverts"])
    assert exited.value.code == 2
    assert "adverts" in capsys.readouterr().err


def test_several_inputs_one_good_two_bad(
    capsys: pytest.CaptureFixture[str], page: Path, junk: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.html"
    status, out, err = run(capsys, "extract", str(missing), str(page), str(junk))
    assert status == 1
    assert out.startswith(f"==> {page} <==\n")  # failed inputs print nothing on stdout
    assert "Harbour seals have returned" in out
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"dehusk: {missing}: ")
    assert "No such file" in lines[0]
    assert lines[1].startswith(f"dehusk: {junk}: ")
    assert "binary" in lines[1]


def test_several_inputs_have_headers(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, _ = run(capsys, "extract", str(page), str(page), "-f", "markdown")
    assert status == 0
    assert out.count(f"==> {page} <==") == 2
    assert f"\n\n==> {page} <==\n" in out  # a blank line before the second header


def test_json_lines_for_several_inputs(
    capsys: pytest.CaptureFixture[str], page: Path, junk: Path, tmp_path: Path
) -> None:
    gz = tmp_path / "seals.html.gz"
    gz.write_bytes(gzip.compress(ARTICLE.encode()))
    status, out, err = run(capsys, "extract", str(page), str(junk), str(gz), "-f", "json")
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3  # the junk input has its row too, with the error
    assert all(r.keys() >= REQUIRED_KEYS for r in records)
    assert [r["source"] for r in records] == [str(page), str(junk), str(gz)]
    assert "error" in records[1] and not records[1]["text"]
    assert records[0]["text"] == records[2]["text"]  # the .gz reads like the plain file
    assert len(err.splitlines()) == 1


def test_empty_article_is_a_warning_not_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    login = tmp_path / "login.html"
    login.write_text(
        "<html><body><form><input name=user><input type=password name=pw>"
        "<button>Sign in</button></form></body></html>"
    )
    status, out, err = run(capsys, "extract", str(login), "-f", "json")
    assert status == 0
    assert json.loads(out)["text"] == ""
    assert err == f"dehusk: {login}: warning: no article text found\n"


def test_directory_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "extract", str(tmp_path))
    assert status == 1
    assert out == ""
    assert err == f"dehusk: {tmp_path}: is a directory, not a page\n"


def test_max_bytes(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    status, out, err = run(capsys, "extract", str(page), "--max-bytes", "0.5k")
    assert status == 1
    assert out == ""
    assert "larger than the limit of 512 bytes" in err


def test_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, page: Path
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(gzip.compress(page.read_bytes())))
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, _ = run(capsys, "extract", "-")
    assert status == 0
    assert "Harbour seals have returned to the estuary" in out


def test_encoding_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    body = "<p>" + "Le café crème du matin est servi à la terrasse, comme toujours. " * 3 + "</p>"
    path.write_bytes(body.encode("cp1252"))
    status, out, _ = run(capsys, "extract", str(path), "--encoding", "cp1252")
    assert status == 0
    assert "Le café crème du matin" in out


def test_url_input(capsys: pytest.CaptureFixture[str], local_server: str) -> None:
    status, out, err = run(capsys, "extract", f"{local_server}/redirect/1", "-f", "json")
    assert status == 0, err
    record = json.loads(out)
    assert record["url"] == f"{local_server}/page"
    assert "The local server serves this paragraph" in record["text"]


def test_url_errors(capsys: pytest.CaptureFixture[str], local_server: str) -> None:
    missing, drip = f"{local_server}/missing", f"{local_server}/drip"
    status, out, err = run(capsys, "extract", missing, drip, "--timeout", "0.5")
    assert status == 1
    assert out == ""
    assert err.splitlines() == [
        f"dehusk: {missing}: HTTP 404 Not Found",
        f"dehusk: {drip}: timed out after 0.5 s",
    ]


def test_real_process(page: Path, junk: Path) -> None:
    """The installed entry point's behaviour as a shell sees it: streams and exit status."""
    done = subprocess.run(
        [sys.executable, "-m", "dehusk", "extract", str(page), str(junk), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    first, failed = (json.loads(line) for line in done.stdout.splitlines())
    assert first["title"] == "Harbour seals return to the estuary"
    assert failed["source"] == str(junk) and failed["error"]
    assert done.stderr.startswith(f"dehusk: {junk}: ")
    assert len(done.stderr.splitlines()) == 1


# ---- text mode ---------------------------------------------------------------------------

EXAMPLE_TXT = Path(__file__).parent / "fixtures" / "text" / "kgou-npr-isis-defector.txt"
KGOU_TITLE = "Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You'"


def test_txt_is_text_mode_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "extract", str(EXAMPLE_TXT), "-f", "json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["title"] == KGOU_TITLE
    assert data["authors"] == ["Deborah Amos"]
    assert data["text"].startswith("When the Sunni extremists")


def test_input_format_text_on_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE_TXT.read_bytes())))
    status, out, _ = run(capsys, "extract", "--input-format", "text", "-")
    assert status == 0
    assert out.startswith("When the Sunni extremists") and "Give now" not in out


def test_empty_text_file_is_a_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, _, err = run(capsys, "extract", str(empty))
    assert status == 0
    assert err == f"dehusk: {empty}: warning: no article text found\n"


def test_binary_text_file_fails_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, junk: Path
) -> None:
    status, out, err = run(capsys, "extract", "--input-format", "text", str(junk), str(EXAMPLE_TXT))
    assert status == 1
    assert err.startswith(f"dehusk: {junk}: ") and len(err.splitlines()) == 1
    assert "When the Sunni extremists" in out


def _jsonl(tmp_path: Path, records: list[object]) -> Path:
    path = tmp_path / "pages.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_one_result_per_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = EXAMPLE_TXT.read_text(encoding="utf-8")
    path = _jsonl(
        tmp_path,
        [{"url": "https://www.kgou.org/a", "text": text}, "not json", {"url": "x"}, {"text": ""}],
    )
    status, out, err = run(capsys, "extract", str(path), "-f", "json")
    assert status == 1
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["url"] for r in results] == ["https://www.kgou.org/a", None, None, None]
    assert [r["source"] for r in results] == [{"file": str(path), "line": n} for n in (1, 2, 3, 4)]
    assert [bool(r.get("error")) for r in results] == [False, True, True, False]
    assert results[0]["title"] == KGOU_TITLE
    assert err.splitlines() == [
        f"dehusk: {path}:2: not JSON: Expecting value: line 1 column 1 (char 0)",
        f'dehusk: {path}:3: no "text" or "html" string',
        f"dehusk: {path}:4: warning: no article text found",
    ]


def _site_pages(n: int) -> list[str]:
    """Pages of one site: a fixed header and footer around a body of random sentences."""
    rng = random.Random(n)
    words = [
        "council",
        "budget",
        "bridge",
        "school",
        "roof",
        "winter",
        "storm",
        "library",
        "meeting",
        "residents",
    ]
    header = ["Example Gazette", "Home", "Local", "Weather Radio", "Listen Live"]
    footer = ["Around The Region", "Support local reporting, become a member today.", "Contact"]
    pages = []
    for _ in range(n):
        body = [" ".join(rng.choice(words) for _ in range(30)).capitalize() + "." for _ in range(3)]
        title = " ".join(rng.choice(words) for _ in range(5)).title()
        pages.append("\n".join([*header, "", title, "", "\n\n".join(body), "", *footer]))
    return pages


def test_site_templates_over_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for i, text in enumerate(_site_pages(5)):
        (tmp_path / f"p{i}.txt").write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "extract", str(tmp_path), "--site-templates", "-f", "json")
    assert status == 0 and err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 5
    for r in results:
        labels = {b["text"]: b["label"] for b in r["blocks"]}
        assert labels["Around The Region"] == "navigation"
        assert "Around The Region" not in r["text"] and r["text"].count(".") == 3


def test_site_templates_jsonl_on_stdin_learns_online(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [json.dumps({"url": "https://gazette.example/s", "text": t}) for t in _site_pages(6)]
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(lines).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, _ = run(
        capsys, "extract", "--input-format", "jsonl", "-", "--site-templates", "-f", "json"
    )
    assert status == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 6
    last = {b["text"]: b["label"] for b in results[-1]["blocks"]}
    assert last["Around The Region"] == "navigation"
