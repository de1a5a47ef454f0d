"""Dates: ISO 8601 out, nothing guessed, nothing in the future or before 1995."""

from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.dates import (
    PATTERN_NEEDS,
    PATTERNS,
    dateline_date,
    dom_date,
    parse_date,
    patterns_for,
    time_element_date,
    url_date,
)

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def test_iso_keeps_time_and_zone() -> None:
    assert parse_date("2014-10-08T17:00:00-04:00", NOW) == "2014-10-08T17:00:00-04:00"
    assert parse_date("2014-10-08T21:00:00.000Z", NOW) == "2014-10-08T21:00:00+00:00"
    assert parse_date("2014-10-08 17:00:00 -0400", NOW) == "2014-10-08T17:00:00-04:00"
    assert parse_date("2014-10-08", NOW) == "2014-10-08"


def test_each_pattern_needs_the_character_it_is_gated_by() -> None:
    """``PATTERN_NEEDS``: a pattern is not tried on a text without its character, so every
    text it matches holds it (the patterns' own dates, with times and zones)."""
    samples = ("2014-10-8T17:00:00-04:00", "2014/10/08 5:03 pm", "8.10.2014 17:00", "2014.10.8")
    samples += ("Oct. 8, 2014", "8 de octubre de 2014", "2023 Jan 7")
    for pattern, needs in zip(PATTERNS, PATTERN_NEEDS, strict=True):
        matches = [m[0] for text in samples if (m := pattern.search(text))]
        assert matches
        assert all(needs in match for match in matches)
    for text in ("", "2014", "2014-10", "2014/10", "8.10.2014", "10-8/2014.", "Oct 8, 2014"):
        held = tuple(p for p, needs in zip(PATTERNS, PATTERN_NEEDS, strict=True) if needs in text)
        assert patterns_for(text) == held


def test_written_dates_and_rfc2822() -> None:
    assert parse_date("October 8, 2014", NOW) == "2014-10-08"
    assert parse_date("Oct. 8, 2014 at 5:03 p.m. EDT", NOW) == "2014-10-08T17:03:00-04:00"
    assert parse_date("8th October 2014", NOW) == "2014-10-08"
    assert parse_date("8 octobre 2014", NOW) == "2014-10-08"
    assert parse_date("8. Oktober 2014", NOW) == "2014-10-08"
    assert parse_date("Wed, 08 Oct 2014 17:00:00 +0000", NOW) == "2014-10-08T17:00:00+00:00"


def test_daylight_zone_abbreviation_keeps_time_without_guessing_offset() -> None:
    assert parse_date("October 8, 2014 5:03 PM ET", NOW) == "2014-10-08T17:03:00"


def test_future_and_too_old_dates_are_rejected() -> None:
    assert parse_date("2025-06-02", NOW) == "2025-06-02"  # within now + 1 day
    assert parse_date("2025-06-03", NOW) is None
    assert parse_date("2099-01-01", NOW) is None
    assert parse_date("1994-12-31", NOW) is None


def test_garbage_and_impossible_dates_are_none() -> None:
    for text in ("garbage", "", "2014-02-30", "Chapter 5, 2014", "12:30", "tomorrow", "0000-00-00"):
        assert parse_date(text, NOW) is None, text


def test_ambiguous_day_month_is_not_guessed() -> None:
    assert parse_date("03/04/2014", NOW) is None
    assert parse_date("13/04/2014", NOW) == "2014-04-13"
    assert parse_date("04/13/2014", NOW) == "2014-04-13"
    assert parse_date("08.10.2014", NOW) == "2014-10-08"  # dots: day first, the European way


def test_ambiguous_day_month_settled_by_a_day_the_page_declares() -> None:
    # A US blog's "09.10.2024" under the headline; its JSON-LD datePublished is 2024-09-10.
    assert parse_date("09.10.2024", NOW, {"2024-09-10", "2025-11-25"}) == "2024-09-10"
    assert parse_date("3/4/2025", NOW, {"2025-03-04"}) == "2025-03-04"
    assert parse_date("3/4/2025", NOW, {"2025-04-03"}) == "2025-04-03"
    # Both readings declared, or neither: the plain rule (dots day first, slashes None).
    assert parse_date("09.10.2024", NOW, {"2024-09-10", "2024-10-09"}) == "2024-10-09"
    assert parse_date("3/4/2025", NOW, {"2025-03-04", "2025-04-03"}) is None
    assert parse_date("3/4/2025", NOW, {"2024-03-04"}) is None
    # Unambiguous dates are never swapped.
    assert parse_date("13.10.2024", NOW, {"2024-10-13"}) == "2024-10-13"


def test_url_dates() -> None:
    assert url_date("https://x.org/2014/10/08/story-slug", NOW) == "2014-10-08"
    assert url_date("https://x.org/news/2014-10-08-story", NOW) == "2014-10-08"
    assert url_date("https://x.org/20141008/story", NOW) == "2014-10-08"
    assert url_date("https://x.org/2014/10/story", NOW) is None  # a month is not a date
    assert url_date("https://x.org/2099/01/01/story", NOW) is None
    assert url_date(None, NOW) is None


def test_datelines() -> None:
    assert dateline_date("Updated 5:03 PM ET", NOW) == (None, True)
    assert dateline_date("October 8, 2014", NOW) == ("2014-10-08", True)
    assert dateline_date("Published: Oct. 8, 2014 | 4 min read", NOW) == ("2014-10-08", True)


def test_body_sentences_with_dates_are_not_datelines() -> None:
    for text in (
        "On October 8, 2014, the group declared a caliphate.",
        "The law took effect on January 1, 2020 after a long fight.",
        "Meetings are at 5:30 PM on Tuesdays.",
    ):
        assert dateline_date(text, NOW)[1] is False, text


def test_time_element_prefers_publication_markers() -> None:
    tree = LexborHTMLParser(
        '<time datetime="2020-05-05">comment</time>'
        '<time itemprop="datePublished" datetime="2014-10-08T17:00:00Z">Oct 8</time>'
    )
    assert time_element_date(tree_evidence(tree), NOW) == "2014-10-08T17:00:00+00:00"


def test_time_element_inside_a_link_is_a_related_post() -> None:
    # A "related posts" grid above the story: each teaser's <time> sits in its link.
    tree = LexborHTMLParser(
        '<a href="/best-lms"><div class="card"><span><time datetime="2022-11-15T07:03:58'
        '-05:00">Nov 15, 2022</time></span></div></a>'
        '<p>By Jeff Cobb. <time datetime="2025-04-11">April 11, 2025</time></p>'
    )
    assert time_element_date(tree_evidence(tree), NOW) == "2025-04-11"


def test_time_element_without_datetime_is_read_from_its_text() -> None:
    # The hero's <time> prints "Page updated: 12 November 2025" with no datetime; the
    # related-article cards further down carry machine-readable ones.
    tree = LexborHTMLParser(
        '<main><time class="hero__date-info"><div class="date-type">Page updated:</div>'
        '<div class="date">12 November 2025</div></time><article class="article-card">'
        '<h3><a href="/soups">11 healthy soup recipes</a></h3>'
        '<time class="article-card__date" datetime="2025-10-23">23 October 2025</time>'
        "</article></main>"
    )
    assert (
        time_element_date(tree_evidence(tree), datetime(2025, 12, 20, tzinfo=UTC)) == "2025-11-12"
    )


def test_dom_date_from_class_names() -> None:
    tree = LexborHTMLParser('<div class="post-date">Posted October 8, 2014</div>')
    assert dom_date(tree_evidence(tree), NOW) == "2014-10-08"
    # The page's clock (a day passed in ``skip``) is passed over.
    clock = LexborHTMLParser(
        '<div class="block-date"><p id="todays-date">Friday, December 19, 2025</p></div>'
        '<div class="post-date">12.12.2025</div>'
    )
    assert (
        dom_date(tree_evidence(clock), datetime(2025, 12, 20, tzinfo=UTC), skip={"2025-12-19"})
        == "2025-12-12"
    )


def test_year_first_dotted_date() -> None:
    # "Essay - Published: 2025.12.17 |" (a personal blog's dateline)
    assert parse_date("Published: 2024.12.17", NOW) == "2024-12-17"
    assert parse_date("2024.13.01", NOW) is None


def test_year_month_day_citation_date() -> None:
    # PubMed Central: <meta name="citation_publication_date" content="2023 Jan 7"> and the
    # visible citation line "Cureus. 2023 Jan 7;15(1):e33475."
    assert parse_date("2023 Jan 7", NOW) == "2023-01-07"
    assert parse_date("Cureus. 2023 Jan 7;15(1):e33475. doi: 10.7759", NOW) == "2023-01-07"
    assert parse_date("Received 2022 Oct 12; Accepted 2023 Jan 7", NOW) == "2022-10-12"
    # A year, a month and another year is not a day.
    assert parse_date("2021 May 2024", NOW) is None
    assert parse_date("in 2023 and 12 more", NOW) is None
