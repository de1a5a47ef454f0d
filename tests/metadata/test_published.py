"""The date fields: every rule of the order of trust has its source, with a reason."""

from datetime import UTC, datetime
from typing import get_args

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.evidence import gather
from dehusk.metadata.order import names
from dehusk.metadata.published import PUBLISHED, DateSource, date_sources, declared_dates

PAGE = """<html><head>
<meta property="og:article:published_time" content="2025-12-19 15:06:50">
<meta property="article:published_time" content="2025-12-19T20:06:50+00:00">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",
 "datePublished": "2025-12-19T20:06:50+00:00", "dateModified": "2025-12-20"}</script>
</head><body><h1>x</h1></body></html>"""


def test_every_rule_reads_a_source_and_says_why() -> None:
    tree = LexborHTMLParser(PAGE)
    sources = date_sources(gather(tree_evidence(tree), None), None, None, datetime.now(UTC), [])
    assert set(names(PUBLISHED)) == set(sources) == set(get_args(DateSource))
    assert len(set(names(PUBLISHED))) == len(PUBLISHED)
    assert all(rule.reason for rule in PUBLISHED)


def test_declared_dates_are_read_from_the_evidence() -> None:
    declared = declared_dates(gather(tree_evidence(LexborHTMLParser(PAGE)), None))
    assert ("jsonld", "datePublished", "2025-12-19T20:06:50+00:00") in declared
    assert ("jsonld_mod", "dateModified", "2025-12-20") in declared
    assert ("meta", "article:published_time", "2025-12-19T20:06:50+00:00") in declared
