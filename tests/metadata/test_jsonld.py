"""Tolerant JSON-LD: malformed blocks are parsed as far as they can be, never a crash."""

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.jsonld import _WRAPPER, JsonLd, extract_jsonld, loads_tolerant


def _ld(tree: LexborHTMLParser) -> JsonLd:
    return extract_jsonld(tree_evidence(tree))


def page(*scripts: str) -> LexborHTMLParser:
    body = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return LexborHTMLParser(f"<html><head>{body}</head><body></body></html>")


def test_news_article_with_nested_author_and_publisher() -> None:
    ld = _ld(
        page("""{"@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Islamic State Defector", "datePublished": "2014-10-08T17:00:00-04:00",
        "dateModified": "2014-10-09", "author": [{"@type": "Person", "name": "Deborah Amos"}],
        "publisher": {"@type": "Organization", "name": "KGOU"},
        "isBasedOn": {"@type": "NewsArticle",
                      "publisher": {"@type": "Organization", "name": "NPR"}},
        "keywords": "Syria, ISIS", "articleSection": "World"}""")
    )
    assert ld.headline == "Islamic State Defector"
    assert ld.authors == ("Deborah Amos",)
    assert ld.published == "2014-10-08T17:00:00-04:00"
    assert ld.publisher == "KGOU"
    assert ld.based_on == "NPR"
    assert ld.tags == ("Syria", "ISIS")
    assert ld.section == "World"
    assert ld.is_article


def test_graph_with_id_references_resolves_author() -> None:
    ld = _ld(
        page("""{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "https://x.org/#website", "name": "Example Daily"},
        {"@type": "Article", "@id": "https://x.org/a#article", "headline": "A headline",
         "author": {"@id": "https://x.org/#/schema/person/1"}, "datePublished": "2020-01-02"},
        {"@type": "Person", "@id": "https://x.org/#/schema/person/1", "name": "Jane Doe"}]}""")
    )
    assert ld.headline == "A headline"
    assert ld.authors == ("Jane Doe",)
    assert ld.site_name == "Example Daily"


def test_article_preferred_over_webpage_and_breadcrumbs() -> None:
    ld = _ld(
        page(
            '{"@type": "BreadcrumbList", '
            '"itemListElement": [{"@type": "ListItem", "name": "Home"}]}',
            '{"@type": "WebPage", "name": "Page name"}',
            '{"@type": "BlogPosting", "headline": "Post headline"}',
        )
    )
    assert ld.headline == "Post headline"


def test_organisation_author_kept_apart_from_people() -> None:
    ld = _ld(
        page(
            '{"@type": "Article", "author": [{"@type": "Organization", '
            '"name": "Acme"}, {"@type": "Person", "name": "Jo Bloggs"}]}'
        )
    )
    assert ld.authors == ("Jo Bloggs",)
    assert ld.author_orgs == ("Acme",)


def test_trailing_commas_are_repaired() -> None:
    ld = _ld(
        page('{"@type": "NewsArticle", "headline": "Trailing", "author": [{"name": "A B",},],}')
    )
    assert ld.headline == "Trailing"
    assert ld.authors == ("A B",)


def test_raw_newlines_and_control_characters_in_strings() -> None:
    ld = _ld(
        page(
            '{"@type": "Article", "headline": "Line one\nline two\x01", "description": "Tab\there"}'
        )
    )
    assert ld.headline == "Line one line two"
    assert ld.description == "Tab here"


def test_html_inside_strings_is_dropped_and_entities_decoded() -> None:
    ld = _ld(page('{"@type": "Article", "headline": "<b>Bold</b> &amp; <i>brave</i>"}'))
    assert ld.headline == "Bold & brave"


def test_html_comment_wrapper_and_concatenated_objects() -> None:
    values = loads_tolerant('<!-- {"a": 1} {"b": 2} -->')
    assert values == [{"a": 1}, {"b": 2}]


def test_hopeless_block_is_counted_and_others_still_read() -> None:
    ld = _ld(page("{not json at all", '{"@type": "Article", "headline": "Still here"}'))
    assert ld.broken == 1
    assert ld.headline == "Still here"


def test_no_jsonld_gives_empty_facts() -> None:
    ld = _ld(LexborHTMLParser("<p>nothing</p>"))
    assert ld.headline == "" and ld.authors == () and not ld.is_article


def test_deeply_nested_or_huge_values_do_not_raise() -> None:
    deep = "[" * 5000 + "]" * 5000
    assert _ld(page(deep)).headline == ""
    many = "[" + ",".join('{"@type": "Thing"}' for _ in range(20000)) + "]"
    assert _ld(page(many)).headline == ""


PIECES = ["<!--", "-->", "<![CDATA[", "]]>", "//", " ", "\n", "{}", "a>", "<", "/"]


@given(st.lists(st.sampled_from(PIECES)).map("".join))
def test_a_wrapper_needs_a_tag_or_slash_at_an_end(raw: str) -> None:
    # loads_tolerant runs the wrapper regex only on texts that start with "<" or "/" or
    # end with ">": on any other (stripped) text it removes nothing.
    text = raw.strip()
    if not (text[:1] in ("<", "/") or text.endswith(">")):
        assert _WRAPPER.sub("", text) == text
