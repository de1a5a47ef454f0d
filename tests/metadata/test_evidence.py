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


def test_date_marks_count_the_dom_date_selectors_as_python_lowers_classes() -> None:
    """``Element.date_marks`` is what ``dates._dom_date_elements`` counted from the class
    and id (``word in value.lower()``), capitals, "İ" and a character reference included."""
    from dehusk.evidence import DATE_MARKS_SECOND

    classes = ["Post-Date", "entry-DATE meta", "publİsh", "post&#13;date", "BYLINE posted"]
    page = "".join(f'<span class="{c}" id="x">t</span>' for c in classes)
    page += '<span class="author" id="PubDate">t</span><span class="fn">t</span>'
    for node in tree_evidence(LexborHTMLParser(f"<html><body>{page}</body></html>")).elements:
        low, ident = node.get("class").lower(), node.get("id").lower()
        first = sum(w in low for w in ("publish", "posted", "post-date", "entry-date"))
        second = sum(w in low for w in ("date", "byline", "meta")) + ("date" in ident)
        assert node.date_marks == first + second * DATE_MARKS_SECOND, node.get("class")
