"""<meta>, microdata, RDFa and <link>: every declared value under its key."""

import re
import sys

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.meta import read_meta

HEAD = """<html lang="en-GB"><head>
<meta property="og:title" content="OG title">
<meta name="twitter:title" content="Twitter title">
<meta name="author" content="Jane Doe">
<meta name="parsely-author" content="John Roe">
<meta name="sailthru.date" content="2020-01-02">
<meta name="DC.creator" content="Dee Cee">
<meta property="article:tag" content="one"><meta property="article:tag" content="two">
<meta property="og:description" content="Fish &amp;amp; chips">
<link rel="canonical" href="https://example.org/story">
<base href="https://cdn.example.org/">
</head><body>
<span itemprop="author" itemscope><span itemprop="name">Micro Data</span></span>
<time itemprop="datePublished" datetime="2020-01-03T10:00:00Z">Jan 3</time>
<span property="dc:creator">Rdfa Person</span>
<a rel="author" href="/people/x">Rel Author</a>
</body></html>"""


def test_meta_tags_by_lowercased_key() -> None:
    tags = read_meta(tree_evidence(LexborHTMLParser(HEAD)))
    assert tags.first(("og:title",)) == "OG title"
    assert tags.first(("missing", "twitter:title")) == "Twitter title"
    assert tags.first(("dc.creator",)) == "Dee Cee"
    assert tags.all(("article:tag",)) == ("one", "two")
    assert tags.all(("author", "parsely-author")) == ("Jane Doe", "John Roe")


def test_double_escaped_entities_are_decoded() -> None:
    tags = read_meta(tree_evidence(LexborHTMLParser(HEAD)))
    assert tags.first(("og:description",)) == "Fish & chips"


def test_microdata_rdfa_and_rel_author() -> None:
    tags = read_meta(tree_evidence(LexborHTMLParser(HEAD)))
    assert tags.first(("item:author",)) == "Micro Data"
    assert tags.first(("item:datepublished",)) == "2020-01-03T10:00:00Z"
    assert tags.first(("item:dc:creator",)) == "Rdfa Person"
    assert tags.first(("item:rel:author",)) == "Rel Author"


def test_canonical_lang_and_base() -> None:
    tags = read_meta(tree_evidence(LexborHTMLParser(HEAD)))
    assert tags.canonical == "https://example.org/story"
    assert tags.lang == "en-GB"
    assert tags.base == "https://cdn.example.org/"


def test_empty_page() -> None:
    tags = read_meta(tree_evidence(LexborHTMLParser("")))
    assert tags.first(("og:title",)) == "" and tags.canonical == "" and tags.lang == ""


def test_str_split_folds_what_the_whitespace_regex_folds() -> None:
    # The metadata fields fold spaces with " ".join(text.split()), which replaced
    # re.sub(r"\s+", " ", text).strip(): the same only while \s is str.isspace().
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1))
