"""The web page at ``/`` in headless Chromium (Debian's ``/usr/bin/chromium``, driven by
Playwright; the Makefile installs it when missing, nothing is downloaded at run time).

Each test talks to the real service on loopback; the browser is started with networking
features off and a fresh profile, and the page's CSP lets it load nothing from elsewhere.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from dehusk import extract

EXAMPLE = Path(__file__).parents[2] / "examples" / "wcxb-demo-article.html.gz"
CHROMIUM = "/usr/bin/chromium"
#: Chromium's own background traffic off (this machine's network is closed; tests stay local).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parents[2] / "build" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright gives every launch a fresh temporary profile (its own --user-data-dir).
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, service: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(service + "/")
    yield page
    context.close()
    assert errors == []


def _read(page: Page, html: str) -> None:
    page.fill("#paste", html)
    page.click("#go")
    page.wait_for_selector("#article h1, #status.error")
    assert page.locator("#status.error").count() == 0, page.text_content("#status")


def test_paste_the_example_read_it_and_its_xray(page: Page) -> None:
    html = gzip.decompress(EXAMPLE.read_bytes()).decode("utf-8")
    expected = extract(html)
    _read(page, html)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "example.png"))
    assert page.text_content("#article h1") == expected.title
    assert expected.authors[0] in page.text_content("#article .byline")
    first_para = next(b.text for b in expected.blocks if b.main and b.label == "paragraph")
    assert first_para in page.text_content("#article")
    assert page.locator("#blocks .b").count() == len(expected.blocks)
    assert page.locator("#blocks .b.kept").count() == sum(b.main for b in expected.blocks)

    # The leading run of cut blocks is folded, with its count, and unfolds on a click.
    run = page.locator("#blocks details.run").first
    lead = next(i for i, b in enumerate(expected.blocks) if b.main)
    assert run.locator("summary").text_content().startswith(f"{lead} cut blocks (")
    assert not run.locator(".b").first.is_visible()
    run.locator("summary").click()
    assert run.locator(".b").first.is_visible()
    run.locator("summary").click()
    assert not run.locator(".b").first.is_visible()

    # A label's toggle hides its blocks; the jump brings the first kept block into view.
    page.locator("#legend label.l-navigation input").uncheck()
    assert page.locator("#blocks .b.l-navigation.hidden-label").count() > 0
    page.click("#jump")
    assert page.locator("#blocks .b.kept").first.evaluate(
        "n => { const r = n.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )

    with page.expect_download() as info:
        page.click("#download-json")
    data = json.loads(Path(info.value.path()).read_text())
    assert data["title"] == expected.title and len(data["blocks"]) == len(expected.blocks)
    with page.expect_download() as info:
        page.click("#download-md")
    assert Path(info.value.path()).read_text().startswith(f"# {expected.title}\n")


HOSTILE = """<html><head><title>Hostile</title>
<script>window.__pwned = "script";</script></head><body><article>
<h1>A page that tries <img src=x onerror="window.__pwned='heading'"></h1>
<p>This paragraph is long enough to be the article, and it carries text that looks like
markup: &lt;img src=x onerror="window.__pwned='text'"&gt; and &lt;script&gt;window.__pwned
='text2'&lt;/script&gt;, which must show as text.</p>
<p>A second paragraph <svg onload="window.__pwned='svg'"></svg> with an
<a href="javascript:window.__pwned='link'">evil link</a> and more words to keep it body.</p>
<figure><img src="https://example.invalid/p.jpg" onerror="window.__pwned='img'" alt="x">
<figcaption>A caption <b onmouseover="window.__pwned='b'">bold</b></figcaption></figure>
</article></body></html>"""


def test_hostile_page_executes_nothing(page: Page) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _read(page, HOSTILE)
    page.mouse.move(300, 400)
    # (No link is clicked: the picture's link points off the machine.)
    hrefs = page.eval_on_selector_all("#article a", "links => links.map(a => a.href)")
    assert all(href.startswith("https://") for href in hrefs), hrefs
    assert page.evaluate("window.__pwned") is None and dialogs == []
    article = page.text_content("#article")
    assert "<img src=x onerror=\"window.__pwned='text'\">" in article
    assert page.locator("#article script, #blocks script, #article img, #blocks img").count() == 0
    assert page.locator("[onerror], [onload], [onmouseover]").count() == 0
    service = page.url.rstrip("/")
    assert all(url.startswith(service) or url.startswith("blob:") for url in requests), requests


def test_url_field_and_an_upstream_error(page: Page, local_server: str) -> None:
    page.fill("#url", f"{local_server}/page")
    page.click("#go")
    page.wait_for_selector("#article h1")
    assert page.text_content("#article h1") == "Local page"
    page.fill("#url", f"{local_server}/missing")
    page.click("#go")
    page.wait_for_selector("#status.error")
    assert page.text_content("#status").startswith("502: HTTP 404")


def test_file_drop_reads_a_gzipped_page(page: Page) -> None:
    data = list(EXAMPLE.read_bytes())
    transfer = page.evaluate_handle(
        """bytes => {
            const t = new DataTransfer();
            t.items.add(new File([new Uint8Array(bytes)], "story.html.gz"));
            return t;
        }""",
        data,
    )
    page.dispatch_event("body", "dragenter", {"dataTransfer": transfer})
    assert page.locator("#drop").is_visible()
    page.dispatch_event("body", "drop", {"dataTransfer": transfer})
    page.wait_for_selector("#article h1")
    assert not page.locator("#drop").is_visible()
    title = extract(gzip.decompress(EXAMPLE.read_bytes())).title
    assert page.text_content("#article h1") == title


def test_reader_keeps_emphasis_subheads_and_nested_lists(page: Page) -> None:
    long = "the river rose two metres overnight and the council closed the lower roads"
    _read(
        page,
        f"<html><body><article><h1>Rain</h1><p>First, {long}, officials said on Monday.</p>"
        "<p><strong>What happens next</strong></p>"
        f"<p>Crews will <em>clear</em> the roads using <code>pumps</code>, as {long}.</p>"
        "<ul><li>Top item of the list</li><li>Second item<ul><li>Nested item</li></ul></li></ul>"
        f"<p>More text, so that {long} once more.</p></article></body></html>",
    )
    assert page.text_content("#article h2") == "What happens next"
    assert page.text_content("#article p em") == "clear"
    assert page.text_content("#article p code") == "pumps"
    assert page.text_content("#article ul > li > ul > li") == "Nested item"
