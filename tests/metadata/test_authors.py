"""Authors: person names, cleaned; bylines and bios recognised conservatively."""

from dehusk.metadata.authors import (
    byline_names,
    clean_authors,
    is_bio,
    uninvert,
)


def test_by_staff_is_no_author() -> None:
    assert clean_authors(["By Staff"]) == ()
    assert clean_authors(["Staff Writer"]) == ()


def test_two_authors_and_an_agency() -> None:
    assert clean_authors(["By John Smith and Jane Doe, Associated Press"]) == (
        "John Smith",
        "Jane Doe",
    )


def test_separators_titles_and_duplicates() -> None:
    raw = ["By Jane Doe & John Roe; Jane Doe", "Written by: Ann Lee, Staff Writer"]
    assert clean_authors(raw) == ("Jane Doe", "John Roe", "Ann Lee")


def test_site_name_dropped_beside_people_kept_alone() -> None:
    assert clean_authors(["Deborah Amos, NPR"], ["NPR"]) == ("Deborah Amos",)
    assert clean_authors(["Manoj Jain, Commercial Appeal"], ["Commercial Appeal"]) == (
        "Manoj Jain",
    )
    # A site named after its author: the name is a person's.
    assert clean_authors(["Rick Steves"], ["Rick Steves"]) == ("Rick Steves",)
    assert clean_authors(["Houstonia Magazine"], ["Houstonia Magazine"]) == ()


def test_emails_handles_urls_and_placeholders_dropped() -> None:
    assert clean_authors(["jane@example.org", "@janedoe", "https://facebook.com/jane"]) == ()
    assert clean_authors(["page.head.extra.author"]) == ()


def test_credentials_stay_with_their_name() -> None:
    assert clean_authors(["Dylan Bailey, MS, RD, FAND"]) == ("Dylan Bailey, MS, RD, FAND",)
    assert clean_authors(["Genevieve Carlton, Ph.D."]) == ("Genevieve Carlton, Ph.D",)


def test_noise_around_names() -> None:
    assert clean_authors(["Author Isaiah Shelton"]) == ("Isaiah Shelton",)
    assert clean_authors(["CM Craig McCarthy"]) == ("Craig McCarthy",)
    assert clean_authors(["Keith Barry Senior Autos"]) == ("Keith Barry",)
    assert clean_authors(["Brian Truitt USA TODAY"], ["USA TODAY"]) == ("Brian Truitt",)
    assert clean_authors(["By Jane Doe | Updated October 8, 2014"]) == ("Jane Doe",)


def test_byline_blocks() -> None:
    assert byline_names("By Deborah Amos") == ("Deborah Amos",)
    assert byline_names("BY JANE DOE AND JOHN ROE") == ("JANE DOE", "JOHN ROE")
    assert byline_names("by: Ziyi Xu, Dec 17, 2025") == ("Ziyi Xu",)
    assert byline_names("Deborah Amos, NPR", known=["Deborah Amos"], exclude=["NPR"]) == (
        "Deborah Amos",
    )


def test_body_sentences_are_not_bylines() -> None:
    for text in (
        "By the time we arrived, the city was dark.",
        "By 2030, the city plans to double its bike lanes.",
        "By contrast, the other group saw no change at all.",
        "By Tuesday, officials said, the water had receded.",
        "By using this site you agree to the terms.",
        "Deborah Amos said the border was closed.",
    ):
        assert byline_names(text, known=["Deborah Amos"]) == (), text


def test_bios() -> None:
    authors = ("Deborah Amos",)
    assert is_bio("Deborah Amos covers the Middle East for NPR News.", authors)
    assert not is_bio("Deborah Amos said the border was closed.", authors)
    assert not is_bio("Jane Roe covers the Middle East.", authors)


def test_glued_job_title_and_trailing_at() -> None:
    assert clean_authors(["Mateusz HabernyFounder"]) == ("Mateusz Haberny",)
    assert clean_authors(["Ann DeWriter", "Jane McDonald"]) == ("Ann DeWriter", "Jane McDonald")
    assert byline_names("Posted by David at December 16, 2025 11:15 AM") == ("David",)
    assert clean_authors(["Audiophile On"]) == ("Audiophile On",)


def test_capitalised_phrase_is_no_name() -> None:
    assert clean_authors(["Personal finance"]) == ()
    assert clean_authors(["Marna van der Merwe"]) == ("Marna van der Merwe",)
    assert clean_authors(["crazy lennys"]) == ("crazy lennys",)


def test_site_suffix_kept_when_one_word_would_remain() -> None:
    assert clean_authors(["Illinois Admissions"], ["admissions"]) == ("Illinois Admissions",)
    assert clean_authors(["Brian Truitt USA TODAY"], ["USA TODAY"]) == ("Brian Truitt",)


def test_titles_after_a_comma_dropped_with_their_employer() -> None:
    # <meta name="author" content="Nicole Forbes, Master Horticulturalist &amp; Garden Educator">
    assert clean_authors(["Nicole Forbes, Master Horticulturalist & Garden Educator"]) == (
        "Nicole Forbes",
    )
    assert clean_authors(["Brett Cruz, Privacy and Digital Security Expert"]) == ("Brett Cruz",)
    raw = (
        "Benjamin Johnson, Sr. Director of Operations, Atlas Van Lines - 10+ Years in the "
        "Moving Industry"
    )
    assert clean_authors([raw]) == ("Benjamin Johnson",)
    # pcmag byline: "Zackery Cuevas Writer, Hardware" — the beat after the title goes too.
    assert clean_authors(["& Zackery Cuevas Writer, Hardware"]) == ("Zackery Cuevas",)
    # A co-author after a title stays; credentials stay with their name.
    assert clean_authors(["Jane Doe, Senior Editor, and John Roe"]) == ("Jane Doe", "John Roe")
    assert clean_authors(["Lizzie Streit, MS, RDN, LD"]) == ("Lizzie Streit, MS, RDN, LD",)


def test_role_labels_symbols_and_parentheses() -> None:
    assert clean_authors(["Corresponding Author"]) == ()
    assert "content: MarketingSherpa" not in clean_authors(
        ["content: MarketingSherpa, design: Scott McDaniel"]
    )
    assert clean_authors(["✉ Aditya Mahindru"]) == ("Aditya Mahindru",)
    # A parenthesis the name opened is closed again, not cut in half.
    assert clean_authors(["Mycle (Editor-in-Chief)"]) == ("Mycle (Editor-in-Chief)",)


def test_citation_names_back_in_reading_order() -> None:
    # arXiv: <meta name="citation_author" content="Roy, Aniruddha" />
    assert uninvert("Roy, Aniruddha") == "Aniruddha Roy"
    assert uninvert("van der Merwe, Marna J.") == "Marna J. van der Merwe"
    assert uninvert("Jane Doe, MD") == "Jane Doe, MD"
    assert uninvert("Rui Ma, Heba Ledwon") == "Rui Ma, Heba Ledwon"


def test_what_follows_a_bylines_date_is_no_name() -> None:
    # LessWrong header: "by jsteinhardt 18th Dec 2025 AI Alignment Forum 3 min read"
    text = "by jsteinhardt 18th Dec 2025 AI Alignment Forum 3 min read 2"
    assert clean_authors([text]) == ("jsteinhardt",)
    assert clean_authors(["By Jane Doe December 3, 2025 Health News"]) == ("Jane Doe",)
    # A date before the names is only taken out.
    assert clean_authors(["Dec 26, 2025 • Mahua Das"]) == ("Mahua Das",)


def test_footnote_marks_do_not_hide_a_credential() -> None:
    # <p>Written By <span>Angela Holliday-Bell, MD*</span></p>
    assert clean_authors(["Written By Angela Holliday-Bell, MD*"]) == ("Angela Holliday-Bell, MD",)
    assert clean_authors(["Jane Doe*, John Roe†"]) == ("Jane Doe", "John Roe")


def test_a_titles_own_and_and_a_lower_case_description_are_no_authors() -> None:
    # <div class="author-bio">This post was written by <b>Danielle Padula</b>,
    # Head of Marketing and Community Development</div>
    text = "By Danielle Padula, Head of Marketing and Community Development"
    assert clean_authors([text]) == ("Danielle Padula",)
    text = "By Vanessa Mendez, MD , gastroenterologist, Parkview Health."
    assert clean_authors([text]) == ("Vanessa Mendez, MD",)
    # User names in a list of their own stay.
    assert clean_authors(["jdoe, asmith"]) == ("jdoe", "asmith")


def test_bullets_around_a_name_go() -> None:
    # A Shopify theme's meta line: "by Meaghan Weeden ● 05/03/2026".
    assert clean_authors(["by Meaghan Weeden ●"]) == ("Meaghan Weeden",)
    assert clean_authors(["▪ Jane Doe"]) == ("Jane Doe",)


def test_placeholders_menus_and_empty_labels_are_no_names() -> None:
    # A JSON-LD author a script never filled; a "browse by" menu's heading; a consent
    # panel's empty field; a forum's rank badge.
    assert clean_authors(["undefined"]) == ()
    assert clean_authors(["null"]) == ()
    assert clean_authors(["By Category"]) == ()
    assert clean_authors(["By Price"]) == ()
    assert clean_authors(["Timestamp: --"]) == ()
    assert clean_authors(["Members"]) == ()
    # Names that share a word with those stay.
    assert clean_authors(["By Alan Price"]) == ("Alan Price",)
    assert clean_authors(["Author: Jane Doe"]) == ("Jane Doe",)


def test_a_profile_link_is_no_name() -> None:
    # rel=author links of 2012 blogs (dragnet): Blogger's profile link, a Google+ profile.
    assert clean_authors(["View my complete profile"]) == ()
    assert clean_authors(["Google +"]) == ()
    assert clean_authors(["Name"]) == ()
    assert clean_authors(["Mark Twitter Smith"]) == ("Mark Twitter Smith",)


def test_words_that_stand_in_for_the_writer_are_no_names() -> None:
    assert clean_authors(["About Us"]) == ()  # a menu's rel=author link to "About Us"
    assert clean_authors(["by Guest"]) == ()
    assert clean_authors(["Posted by Us and Jane Doe"]) == ("Jane Doe",)


def test_on_ends_names_only_before_what_bylines_put_there() -> None:
    assert clean_authors(["By Jane Doe on March 3, 2020"]) == ("Jane Doe",)
    assert clean_authors(["Jane Doe on Monday"]) == ("Jane Doe",)
    assert clean_authors(["Niko Matsakis on behalf of the launch team"]) == ("Niko Matsakis",)
    assert clean_authors(["White on Rice Couple"]) == ("White on Rice Couple",)
