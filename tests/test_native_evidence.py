"""evidence: the native pass's metadata evidence is what the tree's own queries return."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

import dehusk
from dehusk.article import Options
from dehusk.evidence import Evidence, Kind, evidence, page_address
from dehusk.parse import parse

PAGES = Path(__file__).parent / "fixtures" / "pages"
IDS = sorted(p.name for p in PAGES.iterdir() if (p / "page.html.gz").exists())


def _norm(text: str) -> str:
    return " ".join(text.split())


def _tree_and_evidence(name: str) -> tuple[LexborHTMLParser, Evidence]:
    """A fixture page's parsed tree and the native pass's evidence of it."""
    raw = gzip.decompress((PAGES / name / "page.html.gz").read_bytes())
    doc = parse(raw.decode("utf-8", "replace"), Options())
    return doc.tree, evidence(doc)


@pytest.mark.parametrize("name", IDS)
def test_evidence_matches_the_tree_queries_on_real_pages(name: str) -> None:
    tree, found = _tree_and_evidence(name)
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


def _ancestors(node: LexborNode, reach: int) -> list[tuple[str, str, str]]:
    out, current = [], node.parent
    while current is not None and len(out) < reach and not (current.tag or "").startswith("-"):
        attrs = current.attributes
        out.append((current.tag or "", attrs.get("class") or "", attrs.get("id") or ""))
        current = current.parent
    return out


def _link(heading: LexborNode) -> str | None:
    inner = heading.css_first("a[href]")
    if inner is not None:
        return inner.attributes.get("href") or ""
    node = heading.parent
    for _ in range(3):
        if node is None or node.tag == "-document":
            return None
        if node.tag == "a":
            return node.attributes.get("href") or ""
        node = node.parent
    return None


@pytest.mark.parametrize("name", IDS)
def test_spaced_text_links_ancestors_and_ends_match_the_tree_on_real_pages(name: str) -> None:
    tree, found = _tree_and_evidence(name)
    assert [e.spaced for e in found.titles] == [
        _norm(n.text(separator=" ")) for n in tree.css("title")
    ]
    assert [e.spaced for e in found.headings] == [
        _norm(n.text(separator=" ")) for n in tree.css("h1, h2, h3, h4, h5, h6")
    ]
    assert [e.link for e in found.headings if e.tag in ("h1", "h2")] == [
        _link(n) for n in tree.css("h1, h2")
    ]
    assert [e.get("href") for e in found.bases] == [
        n.attributes.get("href") or "" for n in tree.css("base")
    ]
    bylines = tree.css('[class*="byline" i], [class*="author" i], [rel~="author" i], .fn')
    wanted = {n.mem_id: _ancestors(n, 7) for n in bylines}
    got = [e for e in found.elements if e.up is not None]
    assert len(got) >= len(wanted)
    assert [list(e.up or ()) for e in got if "author" in e.get("class").lower()] == [
        _ancestors(n, 7) for n in tree.css('[class*="author" i]')
    ]
    every = found.elements
    assert [e.order for e in every] == sorted(e.order for e in every)
    assert all(e.order <= e.end for e in every)
    (html,) = [e for e in every if e.tag == "html"] or [None]
    if html is not None:
        assert found.inside(html) == every[1:]


def test_a_heading_shows_its_text_as_a_reader_sees_it() -> None:
    html = (
        "<body><h1><span class='drop'>C</span>ycle <style>.x{}</style>lanes</h1>"
        "<h1>One<div>Two</div>Three<br>Four</h1><a href='/'><h2>Home</h2></a>"
        "<h2><a>no href</a><a href='/p'>post</a></h2><h1></h1></body>"
    )
    found = evidence(parse(html, Options()))
    assert [(e.shown, e.link) for e in found.headings] == [
        ("Cycle lanes", None),
        ("One Two Three Four", None),
        ("Home", "/"),
        ("no hrefpost", "/p"),
        ("", None),
    ]
    assert [e.spaced for e in found.headings][:2] == ["C ycle .x{} lanes", "One Two Three Four"]


def test_subtree_ends_and_the_page_mode() -> None:
    html = "<html><head><base href='/b/'></head><body><div itemprop='author'>"
    html += "<span itemprop='name'>Ann</span></div><p itemprop='x'>y</p></body></html>"
    found = evidence(parse(html, Options()))
    author, name, other = found.items
    assert found.inside(author) == (name,) and found.inside(name) == () == found.inside(other)
    assert found.quirks and found.bases[0].get("href") == "/b/"
    assert not evidence(parse("<!DOCTYPE html>" + html, Options())).quirks


def _seen_texts(tree: LexborHTMLParser) -> list[tuple[LexborNode, str]]:
    """The body's text nodes a reader sees, as ``date_candidates`` walked them."""
    from dehusk.html_vocab import NOT_SHOWN_TAGS

    out = []
    body = tree.body
    for node in body.traverse(include_text=True, skip_empty=True) if body else ():
        raw = node.text_content if node.tag == "-text" else None
        parent = node.parent
        if raw and not raw.isspace() and parent is not None and parent.tag not in NOT_SHOWN_TAGS:
            out.append((node, raw))
    return out


@pytest.mark.parametrize("name", IDS)
def test_seen_text_nodes_and_headings_match_the_tree_on_real_pages(name: str) -> None:
    from dehusk._native.walk import DATE_TEXT_CHARS
    from dehusk.metadata.date_candidates import MAX_DATE_TEXT

    tree, found = _tree_and_evidence(name)
    seen = _seen_texts(tree)
    wanted = [
        (at, text, seen[at - 1][1] if at else None)
        for at, (_, text) in enumerate(seen)
        if ("19" in text or "20" in text) and len(_norm(text)) <= DATE_TEXT_CHARS
    ]
    assert [(d.at, d.text, d.before) for d in found.dates] == wanted
    assert DATE_TEXT_CHARS == MAX_DATE_TEXT
    body = tree.body
    assert [text for _, text in found.h1s] == [
        _norm(n.text()) for n in (body.css("h1") if body else ())
    ]


@pytest.mark.parametrize("name", IDS)
def test_byline_candidates_match_the_tree_on_real_pages(name: str) -> None:
    from dehusk._native.walk import BYLINE_NODES, RAW_BYLINE
    from dehusk.metadata.author_sources import (
        _LEAD_HINT,
        MAX_RAW_BYLINE,
        MAX_VISIBLE_NODES,
        _bounded,
    )

    def opens(own: str) -> bool:  # the tests visible_byline makes of an element's own text
        bounded = _bounded(own)
        return bool(bounded) and bool(_LEAD_HINT.search(bounded) or "author" in own.lower())

    assert (BYLINE_NODES, RAW_BYLINE) == (MAX_VISIBLE_NODES + 1, MAX_RAW_BYLINE)
    tree, found = _tree_and_evidence(name)
    wanted = []
    body = tree.body
    for count, node in enumerate(body.traverse() if body else ()):
        own = node.text(deep=False)
        if count > MAX_VISIBLE_NODES:
            break
        if opens(own):
            parent = node.parent
            up = [(node.tag or "", node.attributes.get("class") or "")]
            up += [(a.tag or "", a.attributes.get("class") or "") for a in _up(node)[:8]]
            wanted.append(
                (
                    own,
                    _bounded(node.text(separator=" ")),
                    parent.text(separator=" ")[:1600] if parent is not None else None,
                    up,
                )
            )
    got = [
        (b.own, b.text, b.parent, [(t, c) for t, c, _ in b.up])
        for b in found.byline_texts
        if opens(b.own)  # the pass keeps a superset: its test is a cheaper one
    ]
    assert got == wanted


def _up(node: LexborNode) -> list[LexborNode]:
    out, current = [], node.parent
    while current is not None and not (current.tag or "").startswith("-"):
        out.append(current)
        current = current.parent
    return out


def _address(head: str, given: str | None = None) -> str | None:
    doc = parse(f"<html><head>{head}</head><body><p>Text.</p></body></html>", Options())
    return page_address(given, evidence(doc))


def test_page_address_is_the_callers_url_first() -> None:
    head = '<link rel="canonical" href="https://example.org/2012/05/story">'
    assert _address(head, "https://mirror.test/a") == "https://mirror.test/a"
    assert _address(head) == "https://example.org/2012/05/story"


def test_page_address_falls_back_to_og_url_and_needs_a_host() -> None:
    og = '<meta property="og:url" content="https://example.org/news/x">'
    assert _address('<link rel="canonical" href="/news/x">' + og) == "https://example.org/news/x"
    assert _address('<link rel="Canonical Alternate" href="//example.org/p">') == (
        "http://example.org/p"
    )
    assert _address('<link rel="canonical" href="javascript:void(0)">') is None
    assert _address('<link rel="canonical" href="https:///nohost">') is None
    assert _address("") is None


def test_page_address_skips_a_malformed_address() -> None:
    bad = '<link rel="canonical" href="http://[2001:db8::1/story">'
    og = '<meta property="og:url" content="https://example.org/story">'
    assert _address(bad + og) == "https://example.org/story"
    assert _address('<link rel="canonical" href="https://example.org:99999/x">') is None
    assert _address(og, "http://[bad/story") == "https://example.org/story"


def test_a_page_without_its_url_is_dated_by_its_canonical_folder() -> None:
    head = '<link rel="canonical" href="https://example.org/2012/05/17/story.html">'
    body = "<article><h1>A story</h1>" + "<p>A paragraph of the story, long enough.</p>" * 5
    art = dehusk.extract(f"<html><head>{head}</head><body>{body}</article></body></html>")
    assert art.metadata.published == "2012-05-17"
    assert art.url is None  # the caller gave none: the page's own claim stays in canonical_url
    assert art.metadata.canonical_url == "https://example.org/2012/05/17/story.html"
