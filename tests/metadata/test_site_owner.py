"""Site owner: the copyright and home-link texts read from the native evidence are what the
tree's own css queries gave, on real pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.site_owner import (
    _ABOUT,
    COPYRIGHT_SELECTOR,
    HOME_LINKS,
    MAX_COPYRIGHT_NODES,
    MAX_COPYRIGHT_TEXT,
    MAX_HOME_LINKS,
    MAX_HOME_TEXT,
    copyright_texts,
    home_link_texts,
)

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
IDS = sorted(p.name for p in PAGES.iterdir() if (p / "page.html.gz").exists())


def _page(name: str) -> tuple[LexborHTMLParser, str | None]:
    raw = gzip.decompress((PAGES / name / "page.html.gz").read_bytes())
    url = json.loads((PAGES / name / "truth.json").read_text()).get("url")
    return LexborHTMLParser(raw.decode("utf-8", "replace")), url


@pytest.mark.parametrize("name", IDS)
def test_copyright_and_home_link_texts_match_the_css_queries(name: str) -> None:
    tree, url = _page(name)
    page = tree_evidence(tree)
    assert copyright_texts(page) == [
        n.text(separator=" ")[-MAX_COPYRIGHT_TEXT:]
        for n in tree.css(COPYRIGHT_SELECTOR)[:MAX_COPYRIGHT_NODES]
    ]
    for link_url in (url, "https://example.org/", None):
        host = (link_url or "").split("/")[2].lower() if link_url else ""
        selector = HOME_LINKS + (
            f', a[href="https://{host}/"], a[href="http://{host}/"]' if host else ""
        )
        wanted = [
            " ".join(n.text(separator=" ").split()) for n in tree.css(selector)[:MAX_HOME_LINKS]
        ]
        wanted = [_ABOUT.sub("", t) for t in wanted if t and len(t) <= MAX_HOME_TEXT]
        assert home_link_texts(page, link_url) == wanted


def test_a_link_matching_two_selectors_counts_twice() -> None:
    html = (
        "<body><a href='https://about.org/'>Jo Ann</a><a href='/'>Home</a>"
        "<footer class='site-footer'>© 2025 Jo Ann</footer></body>"
    )
    page = tree_evidence(LexborHTMLParser(html))
    assert home_link_texts(page, "https://about.org/post") == ["Jo Ann", "Jo Ann", "Home"]
    assert copyright_texts(page) == ["© 2025 Jo Ann", "© 2025 Jo Ann"]
