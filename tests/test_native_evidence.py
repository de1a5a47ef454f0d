"""evidence: the native pass's metadata evidence is what the tree's own queries return."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from dehusk.article import Options
from dehusk.evidence import Kind, evidence
from dehusk.parse import parse

PAGES = Path(__file__).parent / "fixtures" / "pages"
IDS = sorted(p.name for p in PAGES.iterdir() if (p / "page.html.gz").exists())


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", IDS)
def test_evidence_matches_the_tree_queries_on_real_pages(name: str) -> None:
    raw = gzip.decompress((PAGES / name / "page.html.gz").read_bytes())
    doc = parse(raw.decode("utf-8", "replace"), Options())
    tree, found = doc.tree, evidence(doc)
    assert [dict(e.attrs) for e in found.metas] == [
        {k: v or "" for k, v in n.attributes.items()} for n in tree.css("meta")
    ]
    assert [e.get("href") for e in found.links] == [
        n.attributes.get("href") or "" for n in tree.css("link")
    ]
    assert [e.text for e in found.scripts] == [n.text() for n in tree.css("script")]
    assert found.json_ld == tuple(n.text() for n in tree.css('script[type*="ld+json" i]'))
    assert [e.text for e in found.titles] == [_norm(n.text()) for n in tree.css("title")]
    headings = tree.css("h1, h2, h3, h4, h5, h6")
    assert [(e.tag, e.text) for e in found.headings] == [(n.tag, _norm(n.text())) for n in headings]
    assert [e.text for e in found.times] == [_norm(n.text()) for n in tree.css("time")]
    assert [e.get("src") for e in found.images] == [
        n.attributes.get("src") or "" for n in tree.css("img")
    ]
    assert len(found.figures) == len(tree.css("figure"))
    microdata = [(n.tag, n.attributes) for n in tree.css("[itemprop], [property]")]
    assert [(e.tag, dict(e.attrs)) for e in found.having("itemprop", "property")] == [
        (tag, {k: v or "" for k, v in attrs.items()}) for tag, attrs in microdata
    ]
    assert found.lang == (tree.root.attributes.get("lang") or "").strip()


def test_microdata_bylines_and_context() -> None:
    html = (
        "<html lang='en'><head><title> A  title </title></head><body><header><nav>"
        "<a href='/'><h2>Home</h2></a></nav></header><article>"
        "<span itemprop='author'>Ann Lee</span><a rel='author' href='/ann'>Ann</a>"
        "<div class='post-Byline'>By <b>Ann</b> Lee</div><p id='pubDate'>May 2</p>"
        "<time datetime='2024-05-02'>2 May</time><p class='body'>text</p></article>"
        "<figure><img src='a.jpg'><figcaption>Cap</figcaption></figure></body></html>"
    )
    found = evidence(parse(html, Options()))
    assert found.lang == "en" and found.titles[0].text == "A title"
    assert [e.text for e in found.items] == ["Ann Lee", "Ann"]
    assert [e.text for e in found.bylines] == ["By Ann Lee", "May 2"]
    (heading,) = found.headings
    assert heading.within == {"a", "header", "nav"} and heading.kind is Kind.HEADING
    (time,) = found.times
    assert time.get("datetime") == "2024-05-02" and "article" in time.within
    assert "figure" in found.images[0].within and found.captions[0].text == "Cap"
    orders = [e.order for e in (*found.items, *found.bylines, *found.times)]
    assert orders == sorted(orders)


def test_deep_nesting_keeps_evidence_and_context() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from dehusk.parse import Document

    depth = 3000  # past the parse stage's bound, straight to lexbor and the pass
    html = "<article>" + "<div>" * depth + "<time datetime='2020-01-02'>2 Jan</time>"
    found = evidence(Document(LexborHTMLParser(html + "</div>" * depth + "</article>")))
    (time,) = found.times
    assert time.text == "2 Jan" and time.within == {"article"}
