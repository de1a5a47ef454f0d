"""Section and tags without CMS placeholders, site names, sentences and machine pairs."""

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata import extract_metadata
from dehusk.metadata.filing import choose_section, clean_tags
from dehusk.metadata.title import site_names

SITES = site_names(["Serious Eats"], "https://www.seriouseats.com/best-knives")


def test_a_placeholder_section_gives_way_to_the_next_source() -> None:
    assert choose_section(("Uncategorized", "Kitchen"), SITES) == "Kitchen"
    assert choose_section(("Uncategorized", ""), SITES) is None
    assert choose_section(("Allgemein",), SITES) is None


def test_placeholder_parts_of_a_section_list_are_dropped() -> None:
    section = "Design 101, How to Style, Living Rooms, Uncategorized"
    assert choose_section((section,), SITES) == "Design 101, How to Style, Living Rooms"


def test_the_site_name_and_a_paragraph_are_no_section() -> None:
    paragraph = (
        "Staying ahead of fitness trends keeps personal trainers competitive and in demand. "
        "As new technologies emerge quickly, knowing what is coming lets you adapt."
    )
    assert choose_section(("Serious Eats", paragraph, "Equipment Reviews"), SITES) == (
        "Equipment Reviews"
    )


def test_tags_lose_machine_pairs_and_placeholders_and_keep_order() -> None:
    raw = (
        "locale: US",
        "hasProduct: true",
        "shortTitle: The Biggest Diet Trends of 2025, Revealed",
        "weight loss",
        "Uncategorized",
        "M&A: deal flow",
        "weight loss",
        "exercise",
    )
    assert clean_tags(raw) == ("weight loss", "M&A: deal flow", "exercise")


def test_the_page_reports_the_cleaned_filing() -> None:
    page = (
        "<html><head><meta property='og:site_name' content='Serious Eats'>"
        "<meta property='article:section' content='Serious Eats'>"
        "<meta name='parsely-section' content='Knives'>"
        "<meta name='keywords' content='locale: US, knives, Uncategorized, chef knife'>"
        "</head><body><h1>The best knives</h1><p>Text.</p></body></html>"
    )
    meta = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), (), "https://www.seriouseats.com/best-knives"
    ).metadata
    assert meta.section == "Knives"
    assert meta.tags == ("knives", "chef knife")


def test_a_dotted_abbreviation_is_no_sentence() -> None:
    assert choose_section(("U.S. News",), SITES) == "U.S. News"
