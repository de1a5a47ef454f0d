"""Evidence: what the fields read of the page, gathered once."""

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.evidence import Heading, gather

PAGE = """<html lang="en"><head><title> A story |
 Site </title>
<meta property="og:title" content="A story">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A story",
 "datePublished": "2024-05-10"}</script></head>
<body><header><h1><a href="/">Site</a></h1></header>
<article><h1>A <span>st</span>ory</h1><p class="byline">By Jane Doe</p>
<h2>Part one</h2><p>Text.</p></article></body></html>"""


def test_gather_reads_declared_data_headings_and_bylines_once() -> None:
    ev = gather(tree_evidence(LexborHTMLParser(PAGE)), "https://example.com/2024/story")
    assert ev.title == "A story | Site"
    assert ev.jsonld.headline == "A story" and ev.jsonld.published == "2024-05-10"
    assert ev.meta.first(("og:title",)) == "A story"
    assert ev.headings == (
        Heading("h1", "Site", True),
        Heading("h1", "A story", False),
        Heading("h2", "Part one", False),
    )
    assert ev.bylines == ("By Jane Doe",)


def test_an_empty_page_gives_empty_evidence() -> None:
    ev = gather(tree_evidence(LexborHTMLParser("")), None)
    assert (ev.title, ev.headings, ev.bylines) == ("", (), ())
