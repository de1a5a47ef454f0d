"""Hostile and broken input, through ``dehusk.extract`` and through the ``dehusk`` command.

Every input has one documented outcome (see ``dehusk.errors`` and ``dehusk.cli``):

- not a page at all (binary junk) → ``DecodeError``; the CLI exits 1 with one stderr line;
- a page without an article (empty input, a login form, a 404 page) → an ``Article`` with
  empty ``text`` and a warning; the CLI prints the empty result, warns, exits 0;
- anything else that is HTML, however broken, big, deep or mislabelled → its text.

The big and deep inputs run in a child process with a time limit, so a hang fails the
test instead of freezing the suite.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import multiprocessing.queues
import queue
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dehusk import DehuskError, extract
from dehusk.cli import main

CHILD_SECONDS = 400  # a hang guard: the 50 MB page took 120 s+ on a loaded 2-core machine


@dataclass(frozen=True)
class Outcome:
    """What one input came to: the error class name (or None), text and warnings.

    ``text`` is cut to its first 10 000 characters (a child sends it back through a pipe);
    ``length`` is the full length. ``status`` is the CLI's exit status (None for the library).
    """

    error: str | None
    text: str = ""
    length: int = 0
    warnings: tuple[str, ...] = ()
    status: int | None = None


def via_library(data: bytes | str) -> Outcome:
    try:
        article = extract(data)
    except DehuskError as exc:
        return Outcome(type(exc).__name__)
    return Outcome(None, article.text[:10_000], len(article.text), article.warnings)


def via_cli(data: bytes, folder: Path) -> Outcome:
    """``dehusk extract FILE`` in-process; the error is the stderr line, warnings are stderr."""
    path = folder / "input.html"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["extract", str(path), "--format", "text"])
    lines = tuple(line.removeprefix(f"dehusk: {path}: ") for line in err.getvalue().splitlines())
    if status != 0:
        return Outcome(" | ".join(lines), status=status, warnings=lines)
    text = out.getvalue().strip()
    return Outcome(None, text[:10_000], len(text), lines, status)


# --- the inputs ------------------------------------------------------------------------

PARAGRAPH = (
    "<p>The one paragraph of this article sits at the very bottom of a deep stack of "
    "markup, where only a careful parser still finds it.</p>"
)
SENTENCE = "The one paragraph of this article sits at the very bottom of a deep stack"


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>A page</title></head><body>{body}</body></html>"


def junk() -> bytes:
    return random.Random(0).randbytes(100_000)


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(50_000)


LOGIN = """<!doctype html><html><head><title>Log in | Example</title></head><body>
<header><nav><a href="/">Home</a><a href="/about">About</a></nav></header>
<main><h1>Log in to your account</h1><form method="post" action="/login">
<label for="e">Email address</label><input id="e" type="email" name="email">
<label for="p">Password</label><input id="p" type="password" name="password">
<label><input type="checkbox"> Remember me</label><button type="submit">Log in</button></form>
<p><a href="/reset">Forgot your password?</a></p>
<p>Don't have an account? <a href="/signup">Sign up</a></p></main>
<footer>© 2025 Example Inc.</footer></body></html>"""

NGINX_404 = (
    "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1>"
    "</center><hr><center>nginx/1.18.0</center></body></html>"
)
APACHE_404 = (
    "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested "
    "URL was not found on this server.</p><hr><address>Apache/2.4.41 Server at example.org "
    "Port 80</address></body></html>"
)
SITE_404 = """<!doctype html><html><head><title>Page not found | The Daily Example</title>
</head><body><header class="site-header"><a href="/">The Daily Example</a>
<nav class="main-nav"><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<main><h1>Page not found</h1><p>Sorry, we couldn't find the page you were looking for. It
may have been moved or deleted.</p><p>Try searching for it, or go back to the
<a href="/">home page</a>.</p><form role="search"><input name="q"><button>Search</button>
</form></main><footer class="site-footer"><p>© 2025 The Daily Example.</p></footer>
</body></html>"""

FRENCH = (
    "Le café de la gare était fermé ; nous avons marché jusqu'à l'hôtel, où l'on servait un "
    "thé glacé. Après le dîner, la conversation a porté sur les élections régionales. "
)
RUSSIAN = (
    "Вчера в Москве прошёл большой городской праздник. Тысячи жителей вышли на улицы, чтобы "
    "посмотреть на парад и послушать концерт на главной площади. Погода была солнечной. "
)
JAPANESE = (
    "昨日、東京で大きな祭りが開かれました。多くの人々が通りに出て、パレードを見たり、"
    "広場でのコンサートを聞いたりしました。天気は晴れで、祭りは夜遅くまで続きました。"
)


def _article(text: str, head: str = "") -> str:
    return _page(f"<article><p>{text * 3}</p></article>", head)


# --- cheap inputs, run in-process --------------------------------------------------------


@pytest.mark.parametrize("data", [b"", ""], ids=["bytes", "str"])
def test_empty_input(data: bytes | str) -> None:
    outcome = via_library(data)
    assert outcome.error is None
    assert outcome.text == ""
    assert "no article text found" in outcome.warnings


def test_empty_input_cli(tmp_path: Path) -> None:
    outcome = via_cli(b"", tmp_path)
    assert outcome.status == 0
    assert outcome.text == ""
    assert outcome.warnings == ("warning: no article text found",)


@pytest.mark.parametrize("make", [junk, png])
def test_binary_junk(make: Callable[[], bytes], tmp_path: Path) -> None:
    assert via_library(make()).error == "DecodeError"
    outcome = via_cli(make(), tmp_path)
    assert outcome.status == 1
    assert len(outcome.warnings) == 1
    assert "binary" in outcome.warnings[0]


_NO_ARTICLE = [
    pytest.param(LOGIN, id="login-form"),
    pytest.param(NGINX_404, id="nginx-404"),
    pytest.param(APACHE_404, id="apache-404"),
    pytest.param(SITE_404, id="site-404"),
]


@pytest.mark.parametrize("html", _NO_ARTICLE)
def test_page_without_article(html: str, tmp_path: Path) -> None:
    outcome = via_library(html)
    assert outcome.error is None
    assert outcome.text == ""
    assert "no article text found" in outcome.warnings
    cli = via_cli(html.encode(), tmp_path)
    assert (cli.status, cli.text) == (0, "")
    assert cli.warnings == ("warning: no article text found",)


ARTICLE_TEXT = "The article text must come out of this page, not vanish into its title. "


def test_unclosed_title(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Unclosed title</head><body><article><p>"
        + ARTICLE_TEXT * 3
        + "</p></article></body></html>"
    )
    article = extract(html)
    assert ARTICLE_TEXT.strip() in article.text
    assert ARTICLE_TEXT.strip() not in article.title
    assert ARTICLE_TEXT.strip() in via_cli(html.encode(), tmp_path).text


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(
            "<html><body></div></p><article></p><p>" + ARTICLE_TEXT * 3 + "</p></div></p>"
            "</article></body></html>",
            id="stray-end-tags",
        ),
        pytest.param(
            "<html><body><div class=main id=story data-x=1><p class=lead style=color:red>"
            + ARTICLE_TEXT * 3
            + "</p></div></body></html>",
            id="unquoted-attributes",
        ),
    ],
)
def test_broken_tags(html: str, tmp_path: Path) -> None:
    assert ARTICLE_TEXT.strip() in via_library(html).text
    assert ARTICLE_TEXT.strip() in via_cli(html.encode(), tmp_path).text


#: URLs that ``urllib.parse`` refuses (a bad IPv6 literal, a port past 65535) in every
#: place a page carries one: its canonical link, og:url, an image, a figure, a heading link.
MALFORMED_URLS = (
    '<link rel="canonical" href="http://[2001:db8::1/story">'
    '<meta property="og:url" content="https://news.example:99999/story">'
    '<meta property="og:image" content="//[::1/lead.jpg">'
)
MALFORMED_BODY = (
    '<article><h1><a href="http://[home/">A story</a></h1><img src="http://[x/photo.jpg">'
    '<figure><img src="//[cdn/figure.jpg" width="800"><figcaption>A caption.</figcaption>'
    f"</figure><p>{ARTICLE_TEXT * 3}</p></article>"
)


def test_malformed_urls_cost_only_their_facts(tmp_path: Path) -> None:
    html = _page(MALFORMED_BODY, MALFORMED_URLS)
    for outcome in (via_library(html), via_cli(html.encode(), tmp_path)):
        assert outcome.error is None
        assert ARTICLE_TEXT.strip() in outcome.text
    article = extract(html, url="http://[bad/story")
    assert ARTICLE_TEXT.strip() in article.text
    assert article.metadata.images == ()
    assert "the given URL 'http://[bad/story' is malformed" in " ".join(article.warnings)


_CHARSETS = [
    pytest.param(
        _article(FRENCH, '<meta charset="utf-8">').encode("cp1252"),
        FRENCH,
        id="cp1252-declared-utf-8",
    ),
    pytest.param(
        _article(
            FRENCH, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        ).encode("utf-8"),
        FRENCH,
        id="utf-8-declared-iso-8859-1",
    ),
    pytest.param(
        _article(JAPANESE, '<meta charset="Shift_JIS">').encode("shift_jis"),
        JAPANESE,
        id="shift-jis-declared",
    ),
    pytest.param(_article(RUSSIAN).encode("cp1251"), RUSSIAN, id="cp1251-undeclared"),
]


@pytest.mark.parametrize(("data", "expected"), _CHARSETS)
def test_wrong_or_missing_charset(data: bytes, expected: str, tmp_path: Path) -> None:
    first_sentence = expected.split(".")[0].split("。")[0]
    for outcome in (via_library(data), via_cli(data, tmp_path)):
        assert outcome.error is None
        assert first_sentence in outcome.text
        assert "Ã" not in outcome.text  # UTF-8 read as Latin-1
        assert "\ufffd" not in outcome.text  # bytes lost to a wrong codec


# --- big and deep inputs, run in a child with a time limit ------------------------------


def big_page() -> bytes:
    """About 50 MB of HTML: one article of ~430 000 distinct paragraphs."""
    parts = [b"<html><head><title>A very long page</title></head><body><article>"]
    size, i = 0, 0
    while size < 50_000_000:
        line = (
            f"<p>Paragraph {i} of a very long article, with enough words in it to read like "
            "prose that a patient reader might read.</p>\n"
        ).encode()
        parts.append(line)
        size, i = size + len(line), i + 1
    parts.append(b"</article></body></html>")
    return b"".join(parts)


def nested_divs() -> bytes:
    return _page("<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000).encode()


def nested_bold() -> bytes:
    return _page("<p>Start.</p>" + "<b>" * 100_000 + PARAGRAPH + "</b>" * 100_000).encode()


def unclosed_divs() -> bytes:
    return ("<html><body>" + "<div>" * 100_000 + PARAGRAPH).encode()


HEAVY: dict[str, Callable[[], bytes]] = {
    "big": big_page,
    "nested-divs": nested_divs,
    "nested-bold": nested_bold,
    "unclosed-divs": unclosed_divs,
}


def _child(name: str, path: str, results: multiprocessing.queues.Queue[Outcome]) -> None:
    """In the child: build the input, put it through the library or the CLI."""
    data = HEAVY[name]()
    results.put(via_cli(data, Path(path)) if path else via_library(data))


def run_heavy(name: str, cli_folder: Path | None = None) -> Outcome:
    """The outcome of a heavy input through the library (or the CLI, given a folder).

    Runs in a child process and fails the test after ``CHILD_SECONDS``.
    """
    context = multiprocessing.get_context("spawn")  # no fork of a threaded test process
    results: multiprocessing.queues.Queue[Outcome] = context.Queue()
    path = str(cli_folder) if cli_folder else ""
    child = context.Process(target=_child, args=(name, path, results), daemon=True)
    child.start()
    try:
        for _second in range(CHILD_SECONDS):
            with contextlib.suppress(queue.Empty):
                return results.get(timeout=1)
            if not child.is_alive():  # a crash: say so now rather than wait out the limit
                with contextlib.suppress(queue.Empty):
                    return results.get(timeout=1)
                pytest.fail(f"{name}: the child died with exit code {child.exitcode}")
        pytest.fail(f"{name}: no result within {CHILD_SECONDS} s (a hang or a quadratic step)")
    finally:
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()


def test_fifty_megabyte_page(tmp_path: Path) -> None:
    for cli in (None, tmp_path):  # each in its own child, with its own time limit
        outcome = run_heavy("big", cli)
        # The documented refusal, or the article: whole, or cut at ``Options.max_nodes``
        # elements with the warning saying so (the library's warnings; the CLI's are in JSON).
        if outcome.error is not None:
            assert "InputTooLarge" in outcome.error or "larger than" in outcome.error
            continue
        assert outcome.text.startswith("Paragraph 0 of a very long article")
        cut = any("elements: the rest was not read" in w for w in outcome.warnings)
        assert outcome.length > (10_000_000 if cut or cli else 40_000_000)


@pytest.mark.parametrize("name", ["nested-divs", "nested-bold", "unclosed-divs"])
def test_deep_markup(name: str, tmp_path: Path) -> None:
    for cli in (None, tmp_path):
        outcome = run_heavy(name, cli)
        assert outcome.error is None
        assert SENTENCE in outcome.text
