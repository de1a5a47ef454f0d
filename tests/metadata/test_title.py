"""The headline, without the site's name around it."""

from dehusk.metadata.title import (
    choose_title,
    clean_heading,
    ranked_candidates,
    site_names,
    strip_site,
)

SITES = site_names(["The Verge"], "https://www.theverge.com/2024/1/1/story")


def test_site_suffix_and_prefix_are_stripped() -> None:
    assert strip_site("Headline here | The Verge", SITES) == "Headline here"
    assert strip_site("The Verge - Headline here", SITES) == "Headline here"
    assert strip_site("Headline here - theverge.com", SITES) == "Headline here"


def test_inner_separators_are_kept() -> None:
    assert strip_site("Rust vs Go - a comparison | The Verge", SITES) == "Rust vs Go - a comparison"
    assert strip_site("Review: the new phone", SITES) == "Review: the new phone"


def test_a_title_that_is_only_the_site_name_is_kept() -> None:
    assert strip_site("The Verge", SITES) == "The Verge"


def test_visible_h1_wins_when_declared_titles_agree() -> None:
    candidates = {
        "og": "SEO title: Best Phones 2025 | The Verge",
        "title": "Best phones | The Verge",
    }
    assert choose_title(candidates, ["The Verge", "The best phones of 2025"], SITES) == (
        "The best phones of 2025"
    )


def test_site_logo_h1_loses_to_declared_headline() -> None:
    sites = site_names(["Antoyo's Blog"], "https://blog.antoyo.xyz/post")
    candidates = {"og": "rustc_codegen_gcc: Progress Report #39", "title": "Antoyo's Blog"}
    assert choose_title(candidates, ["Antoyo's Blog"], sites) == (
        "rustc_codegen_gcc: Progress Report #39"
    )


def test_declared_order_without_headings() -> None:
    candidates = {"jsonld": "From JSON-LD", "og": "From OG", "title": "From title"}
    assert choose_title(candidates, [], ()) == "From JSON-LD"
    assert choose_title({"title": "Only | The Verge"}, [], SITES) == "Only"
    assert choose_title({}, [], ()) == ""


def test_trailing_pipe_qualifier_is_dropped() -> None:
    candidates = {"og": "How meditation rewires brains | Opinion"}
    assert choose_title(candidates, [], ()) == "How meditation rewires brains"
    assert choose_title({"og": "Short | Opinion"}, [], ()) == "Short | Opinion"


def test_date_glued_to_a_heading_is_dropped() -> None:
    candidates = {"og": "Preparing a transition in Debusine"}
    headings = ["Dec 18 2025 Preparing a transition in Debusine"]
    assert choose_title(candidates, headings, ()) == "Preparing a transition in Debusine"


def test_a_label_before_the_headline_is_dropped() -> None:
    assert clean_heading("Blog: Best Agencies in 2025 (Ranked)") == "Best Agencies in 2025 (Ranked)"
    assert clean_heading("Title:AlignMerge - Model Merging") == "AlignMerge - Model Merging"
    # Only a label at the start, and not a headline that is a label alone.
    assert clean_heading("Review: Blog: the film") == "Review: Blog: the film"
    assert clean_heading("Blog:") == "Blog:"


def test_a_character_lost_to_a_wrong_encoding_is_a_feature() -> None:
    declared = {"og": "Event Planning: Beginner's Guide", "title": ""}
    headings = [("h1", "Event Planning? Beginner? Guide")]
    cands = {c.value: c.features for c in ranked_candidates(declared, headings, (), "")}
    assert cands["Event Planning? Beginner? Guide"]["garbled"] == 1.0
    assert cands["Event Planning: Beginner's Guide"]["garbled"] == 0.0


def test_ranked_candidates_cover_every_source_with_features() -> None:
    from dehusk.metadata.rank import RULES_CHOICE

    declared = {
        "og": "Best phones of 2025 | Reviews | The Verge",
        "title": "Best phones | The Verge",
    }
    headings = [("h1", "The best phones of 2025"), ("h2", "Related")]
    cands = {
        c.value: c.features for c in ranked_candidates(declared, headings, SITES, "Best phones")
    }
    assert cands["Best phones"][RULES_CHOICE] == 1.0
    assert cands["Best phones"]["title_stripped"] == 1.0
    assert cands["Best phones of 2025"]["og_unqualified"] == 1.0
    assert cands["Best phones of 2025"]["og_part_first"] == 1.0
    assert cands["Reviews"]["og_part_later"] == 1.0
    assert cands["The best phones of 2025"]["heading_h1"] == 1.0
    assert cands["The Verge"]["is_site"] == 1.0
    assert cands["Best phones of 2025 | Reviews | The Verge"]["has_separator"] == 1.0


def test_a_subdomain_site_is_named_by_its_registered_domain() -> None:
    sites = site_names([], "https://promotions.newegg.com/zotac/index.html")
    assert strip_site("GAME CHANGER | Newegg.com", sites) == "GAME CHANGER"


def test_the_url_slug_is_a_feature_of_each_candidate() -> None:

    declared = {"og": "What is social commerce? | Emplifi"}
    headings = [("h1", "An introduction to social commerce")]
    url = "https://emplifi.io/resources/blog/introduction-to-social-commerce/"
    cands = {c.value: c.features for c in ranked_candidates(declared, headings, (), "", url)}
    assert cands["An introduction to social commerce"]["slug_cover"] == 1.0
    assert cands["What is social commerce?"]["slug_cover"] == 0.5
