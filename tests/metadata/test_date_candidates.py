"""Date candidates: every date the page offers, labelled and placed; the rules' helpers."""

from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.date_candidates import (
    DateCandidate,
    after_modified,
    backed_visible_date,
    clock_days,
    date_candidates,
    declared_candidates,
    declared_published,
    lone_visible_date,
    original_date,
    ranked_date_candidates,
    script_candidates,
    shown_modified_date,
    shown_updated_date,
    time_candidates,
    url_month_date,
    visible_candidates,
)
from dehusk.metadata.dates import url_date

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def test_time_element_without_datetime_is_read_from_its_text() -> None:
    tree = LexborHTMLParser(
        '<time class="entry-time">April 26, 2024</time>'
        '<time class="entry-modified-time">Updated on: October 3, 2024</time>'
    )
    assert time_candidates(tree_evidence(tree), NOW) == [
        DateCandidate("time", "2024-04-26", ""),
        DateCandidate("time", "2024-10-03", "updated"),
    ]


def test_visible_dates_labelled_by_the_words_before_them() -> None:
    # Webflow: the label and the date in sibling elements, above the headline.
    tree = LexborHTMLParser(
        '<body><div class="flex"><div class="text-16px">Last updated:</div>'
        '<div class="text-16px color-paragraph">Dec 12, 2024</div></div>'
        "<h1>We've Compiled the Best Agencies</h1>"
        '<p><strong>By <a href="/team/x">Dr. Vahid Osman</a></strong> - Mar 27, 2024</p>'
        "<article><p>Long body text about the market in 2019 and after.</p>"
        '<a href="/other"><span>May 1, 2023</span></a></article></body>'
    )
    found = visible_candidates(tree_evidence(tree), "We've Compiled the Best Agencies", NOW)
    assert [(c.value, c.label, c.near_title, c.in_link) for c in found] == [
        ("2024-12-12", "updated", True, False),
        ("2024-03-27", "", True, False),
        ("2023-05-01", "", True, True),
    ]
    assert found[2].in_article and not found[0].in_article


def test_visible_dates_skip_scripts_and_prose() -> None:
    tree = LexborHTMLParser(
        "<body><h1>T</h1><script>var d = 'January 5, 2024';</script>"
        "<p>On January 5, 2024 the company announced a long list of changes to the"
        " product that customers had asked for over many years of service, and more"
        " would follow later in the year.</p>"
        "<p>Posted on the 15/12/2024 at 19:00 by @someone</p></body>"
    )
    found = visible_candidates(tree_evidence(tree), "T", NOW)
    assert [(c.value, c.label) for c in found] == [("2024-12-15", "published")]


def test_the_page_clock_is_no_candidate_date() -> None:
    # A header widget prints today's date (the crawl day) above the story's own date.
    tree = LexborHTMLParser(
        '<body><div class="block block-date"><p id="todays-date-custom"><strong>Friday'
        "</strong>, December 19, 2025</p></div><h1>Tax 101: Understanding the basics</h1>"
        "<div><div>12.12.2025</div></div><p>Taxes fund roads and schools.</p></body>"
    )
    now = datetime(2025, 12, 20, tzinfo=UTC)
    found = date_candidates(
        tree_evidence(tree), None, [], "2025-12-19", "Tax 101: Understanding the basics", now
    )
    assert [(c.source, c.value) for c in found if c.source in ("clock", "text", "dom")] == [
        ("clock", "2025-12-19"),
        ("text", "2025-12-12"),
    ]
    assert clock_days(found) == {"2025-12-19"}
    assert "2025-12-19" not in {c.value for c in ranked_date_candidates(found[1:], None)}


def test_declared_days_settle_ambiguous_visible_dates() -> None:
    # HubSpot blog: "09.10.2024" (month first) under the headline, JSON-LD 2024-09-10.
    tree = LexborHTMLParser(
        '<body><h1>Renovation phases</h1><p class="blog-post__date post-date">09.10.2024</p>'
        "<p>Planning comes first.</p></body>"
    )
    declared = [("jsonld", "datePublished", "2024-09-10T16:07:00.000Z")]
    found = date_candidates(tree_evidence(tree), None, declared, None, "Renovation phases", NOW)
    assert {(c.source, c.value[:10]) for c in found} == {
        ("jsonld", "2024-09-10"),
        ("dom", "2024-09-10"),
        ("text", "2024-09-10"),
    }
    # Without the declaration the dots read day first, as before.
    found = date_candidates(tree_evidence(tree), None, [], None, "Renovation phases", NOW)
    assert {c.value for c in found} == {"2024-10-09"}


def test_a_dateline_showing_the_clock_is_passed_over() -> None:
    # The block classifier took the header's clock for the story's dateline.
    from dehusk.article import Block, Label
    from dehusk.metadata import extract_metadata

    page = (
        "<html><body><h1>Tax 101: Understanding the basics</h1>"
        '<div class="block-date"><p id="todays-date-custom">Friday, December 19, 2025</p></div>'
        "<div><div>12.12.2025</div></div><p>Taxes fund roads and schools.</p></body></html>"
    )
    blocks = (
        Block("Tax 101: Understanding the basics", Label.HEADING, True, 1),
        Block("Friday, December 19, 2025", Label.PARAGRAPH, True),
        Block("12.12.2025", Label.PARAGRAPH, True),
        Block("Taxes fund roads and schools.", Label.PARAGRAPH, True),
    )
    result = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), blocks, "https://example.org/taxes"
    )
    assert result.metadata.published == "2025-12-12"


def test_script_state_dates_outside_json_ld() -> None:
    tree = LexborHTMLParser(
        '<script type="application/ld+json">{"datePublished": "2020-01-01"}</script>'
        '<script>self.__next_f.push([1,"{\\"dateModified\\":\\"2025-02-04T00:00:00.000Z'
        '\\",\\"datePublished\\":\\"2025-02-03T00:00:00.000Z\\"}"])</script>'
        '<script>window.x = {"publishedDate":"2019-08-16T00:00:00.000Z"}</script>'
    )
    found = script_candidates(tree_evidence(tree), NOW)
    assert {(c.source, c.value[:10]) for c in found} == {
        ("script_mod", "2025-02-04"),
        ("script", "2025-02-03"),
    }


def test_declared_dates_labelled_by_their_key() -> None:
    found = declared_candidates(
        [
            ("meta_other", "w-published-date", "2025-05-27T06:03:43.274Z"),
            ("meta_other", "updated date", "2025-07-02T14:13:01Z"),
            ("meta_other", "published", "July 17, 2025"),
            ("meta_other", "date", "not a date"),
        ],
        datetime(2025, 8, 1, tzinfo=UTC),
    )
    assert [(c.value[:10], c.label) for c in found] == [
        ("2025-05-27", "published"),
        ("2025-07-02", "updated"),
        ("2025-07-17", "published"),
    ]


def test_date_candidates_gather_every_source() -> None:
    tree = LexborHTMLParser(
        '<body><h1>Title</h1><p>March 3, 2014</p><time datetime="2014-03-04">x</time></body>'
    )
    found = date_candidates(
        tree_evidence(tree),
        "https://x.org/2014/03/03/story",
        [("meta", "article:published_time", "2014-03-03T10:00:00Z")],
        "2014-03-03",
        "Title",
        NOW,
    )
    assert [c.source for c in found] == ["url", "meta", "time", "dateline", "text"]
    assert all(c.value.startswith("2014-03-0") for c in found)


def test_url_month_names_and_month_folders() -> None:
    url = "https://x.org/blog/2023/october/03/how-many-wine-types/"
    assert url_date(url, NOW) == "2023-10-03"
    assert url_date("https://x.org/2018/11/cheap-fixes", NOW) is None
    cands = [
        DateCandidate("dom", "2025-05-19"),
        DateCandidate("text", "2025-05-19", "published", 1),
        DateCandidate("jsonld", "2018-11-22T14:30:24+00:00", "published"),
        DateCandidate("text", "2018-11-22", "", 0, in_article=True),
    ]
    assert url_month_date("https://x.org/2018/11/cheap-fixes", cands) == "2018-11-22T14:30:24+00:00"
    assert url_month_date("https://x.org/2019/11/cheap-fixes", cands) is None
    assert url_month_date("https://x.org/cheap-fixes", cands) is None


def test_lone_visible_date_outranks_declared_dates_far_from_it() -> None:
    # The newsletter shows "November 2, 2022" under its headline; JSON-LD says 2025.
    shown = DateCandidate("text", "2022-11-02", "", 0, near_title=True)
    declared = [
        DateCandidate("jsonld", "2025-06-12", "published"),
        DateCandidate("jsonld_mod", "2025-06-10", "updated"),
    ]
    assert lone_visible_date([*declared, shown]) == "2022-11-02"
    # Within a day of a declared date: a time-zone shift, the declared date stands.
    near = DateCandidate("meta", "2021-12-10T01:00:00+00:00", "published")
    assert lone_visible_date([near, DateCandidate("text", "2021-12-09", "", 0, True)]) is None
    # Labelled "Updated": not the publication date.
    updated = DateCandidate("text", "2022-11-02", "updated", 0, near_title=True)
    assert lone_visible_date([*declared, updated]) is None
    # Nothing declared: no rule to apply (the plain order decides).
    assert lone_visible_date([shown]) is None
    # The declared published date is printed further down (the post's own meta line under
    # a summary block of other posts' dates): the page agrees with its declared date.
    printed = DateCandidate("text", "2025-06-12", "", 3, in_article=True)
    assert lone_visible_date([*declared, shown, printed]) is None


def test_originally_published_date_is_the_publication_date() -> None:
    # The byline shows the last revision; a disclaimer under the story says when it was
    # first published.
    from dehusk.metadata import extract_metadata

    page = (
        "<html><body><article><h1>The pros and cons of living in a tiny home</h1>"
        "<div><span>Jane Roe</span><span>30 Sep 2022, 11:07am</span></div>"
        '<p>Tiny homes are having a moment.</p></article><p class="PublishDateDisclaimer">'
        "This article was originally published on 26 Sep 2019 at 4:12pm but has been "
        "regularly updated to keep the information current.</p></body></html>"
    )
    tree = LexborHTMLParser(page)
    shown = visible_candidates(
        tree_evidence(tree), "The pros and cons of living in a tiny home", NOW
    )
    assert [(c.value[:10], c.original) for c in shown] == [
        ("2022-09-30", False),
        ("2019-09-26", True),
    ]
    assert original_date(shown) == "2019-09-26T16:12:00"
    meta = extract_metadata(
        tree_evidence(tree), (), "https://example.org/advice/tiny-home"
    ).metadata
    assert meta.published == "2019-09-26T16:12:00"
    # "Published" alone is no statement about a first publication.
    plain = page.replace("originally published", "published")
    assert (
        original_date(visible_candidates(tree_evidence(LexborHTMLParser(plain)), "x", NOW)) is None
    )


def test_lone_visible_date_far_from_the_headline_when_it_is_the_only_one() -> None:
    # The story closes with "Published <time pubdate>August 13, 2025</time>", the only
    # date the page prints; <meta> says August 8 and JSON-LD a November re-save.
    tree = LexborHTMLParser(
        "<body><h1>10 Free Accounting Tools</h1><p>By: Jessica Elliott</p>"
        + "".join(f"<p>Tool {i}: invoices, estimates and reports.</p>" for i in range(60))
        + '<div class="article-body__published">Published <time pubdate datetime="2025-08-13"'
        ">August 13, 2025</time></div></body>"
    )
    now = datetime(2025, 12, 1, tzinfo=UTC)
    declared = [
        ("jsonld", "datePublished", "2025-11-29T12:28:31-05:00"),
        ("meta", "article:published_time", "2025-08-08T00:00:00-04:00"),
    ]
    found = date_candidates(
        tree_evidence(tree), None, declared, None, "10 Free Accounting Tools", now
    )
    shown = [c for c in found if c.source == "text"]
    assert [(c.value, c.label, c.near_title) for c in shown] == [("2025-08-13", "published", False)]
    assert lone_visible_date(found) == "2025-08-13"
    # Another day shown too, or no word calling it published: far dates stay out.
    other = DateCandidate("text", "2025-03-02", "", 1, in_article=True)
    assert lone_visible_date([*found, other]) is None
    plain = [
        DateCandidate(c.source, c.value, "", c.order) if c.source == "text" else c for c in found
    ]
    assert lone_visible_date(plain) is None


def test_backed_visible_date_outranks_a_meta_date_far_from_it() -> None:
    # Elementor post info "On 8 Oct 2022" under the headline, microdata datePublished
    # 2022-10-08; the Yoast <meta> (and JSON-LD) say 2022-10-24, a later re-save.
    tree = LexborHTMLParser(
        "<body><article><h1>Electrical Safety Tips and Best Practices</h1><ul>"
        '<li><span class="elementor-post-info__item-prefix">On</span> <time>8 Oct 2022</time>'
        "</li></ul><p>Electricity powers our homes and our lives.</p></article></body>"
    )
    shown = visible_candidates(
        tree_evidence(tree), "Electrical Safety Tips and Best Practices", NOW
    )
    declared = declared_candidates(
        [
            ("jsonld", "datePublished", "2022-10-24T12:40:59+00:00"),
            ("meta", "article:published_time", "2022-10-24T12:40:59+00:00"),
            ("item", "item:datepublished", "2022-10-08"),
        ],
        NOW,
    )
    assert backed_visible_date(declared + shown) == "2022-10-08"
    # No declared source backs the printed day: not this rule.
    assert backed_visible_date(declared[:2] + shown) is None
    # <meta> within a day of it: the same date in UTC, <meta> stands.
    utc = declared_candidates([("meta", "article:published_time", "2022-10-09T00:04:00Z")], NOW)
    assert backed_visible_date(declared[2:] + utc + shown) is None
    # Labelled "Updated": not the publication date.
    updated = [DateCandidate("text", "2022-10-08", "updated", 0, near_title=True)]
    assert backed_visible_date(declared + updated) is None


def test_published_after_every_modified_date_is_no_publication_date() -> None:
    # A corporate blog's tags: "published-time" is the render time (the crawl day), later
    # than both modified tags; "published-date" is the story's.
    declared = declared_candidates(
        [
            ("meta_other", "published-time", "2025-05-09T08:45:32.183Z"),
            ("meta_other", "modified-date", "2024-07-30"),
            ("meta_other", "published-date", "2021-02-16"),
            ("meta_other", "modified-time", "2025-01-15T17:15:38.126Z"),
        ],
        NOW,
    )
    assert after_modified("2025-05-09T08:45:32+00:00", declared)
    assert not after_modified("2021-02-16", declared)
    assert declared_published(declared, "meta_other") == "2021-02-16"
    # A day after the last revision is a time-zone shift, not a render time.
    assert not after_modified("2025-01-16", declared)
    # No modified date declared: nothing to compare with.
    assert not after_modified("2025-05-09", declared[2:3])


def test_shown_modified_date_is_the_date_the_reader_sees() -> None:
    # A blog post re-dated on revision: the headline's only date is the declared
    # dateModified, with no "Updated" before it; datePublished is years older.
    tree = LexborHTMLParser(
        "<body><article><h1>24 Sustainable Clothing Brands Leading the Way</h1>"
        "<div><span>February 4 2025 - Average reading time: 12 min</span></div>"
        "<div>Written by: Nancy Peyer</div><p>In an era of conscious consumerism...</p>"
        "</article></body>"
    )
    title = "24 Sustainable Clothing Brands Leading the Way"
    shown = visible_candidates(tree_evidence(tree), title, NOW)
    declared = declared_candidates(
        [
            ("meta", "article:published_time", "2023-09-30T19:49:39"),
            ("meta_mod", "article:modified_time", "2025-02-04T15:34:11"),
        ],
        NOW,
    )
    assert shown_modified_date(declared + shown) == "2025-02-04"
    # Labelled "Updated": the declared published date stands.
    updated = [DateCandidate("text", "2025-02-04", "updated", 0, near_title=True)]
    assert shown_modified_date(declared + updated) is None
    # No declared modified date gives that day: not this rule (see lone_visible_date).
    other = [DateCandidate("text", "2025-03-01", "", 0, near_title=True)]
    assert shown_modified_date(declared + other) is None
    # A declared published date within a day of it: nothing to overrule.
    near = [DateCandidate("jsonld", "2025-02-03T23:00:00-05:00", "published")]
    assert shown_modified_date(declared + near + shown) is None


def test_ranked_date_candidates_one_per_day_with_features() -> None:
    cands = [
        DateCandidate("meta", "2024-09-06T13:12:36+00:00", "published"),
        DateCandidate("jsonld", "2024-09-06", "published"),
        DateCandidate("meta_mod", "2025-11-14T06:49:57+00:00", "updated"),
        DateCandidate("text", "2025-11-14", "", 0, near_title=True, in_article=True),
    ]
    ranked = ranked_date_candidates(cands, "2024-09-06T13:12:36+00:00")
    by_day = {c.value[:10]: c.features for c in ranked}
    assert set(by_day) == {"2024-09-06", "2025-11-14"}
    assert by_day["2024-09-06"]["rules_choice"] == 1.0
    assert by_day["2024-09-06"]["n_sources"] == 2.0
    assert by_day["2024-09-06"]["earliest"] == 1.0
    assert by_day["2025-11-14"]["src_text_near"] == 1.0
    assert by_day["2025-11-14"]["first_visible"] == 1.0
    assert by_day["2025-11-14"]["shown_published_hidden"] == 1.0
    assert by_day["2025-11-14"]["modified_only"] == 1.0


def test_headline_date_outranks_a_date_classed_element_and_json_ld() -> None:
    # A blog post with no declared date whose only date-classed element is a related
    # post's in the sidebar: the reader sees January 27 under the headline.
    from dehusk.metadata import extract_metadata

    page = (
        "<html><body><article><div>Personal finance</div><div>January 27, 2025</div>"
        "<h1>Seven tax services, reviewed</h1><p>Doing taxes is never fun.</p></article>"
        '<aside><a href="/blog/other">Filing season opens</a>'
        '<div class="post-date">January 31, 2025</div></aside></body></html>'
    )
    result = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), (), "https://example.org/blog/taxes"
    )
    assert result.metadata.published == "2025-01-27"
    # With only JSON-LD declaring a date, the date printed by the headline still wins
    # (even an "Updated" one: on the dev set the annotators took it, 2 pages to 0).
    ld = (
        '<head><script type="application/ld+json">{"@type": "Article", "headline": "Best '
        'renovations", "datePublished": "2023-07-22T03:47:21+00:00", "dateModified": '
        '"2024-09-05T10:00:09-03:00"}</script></head>'
    )
    page = (
        f"<html>{ld}<body><h1>Best renovations</h1><p>By Jane Roe</p>"
        "<p>Updated September 5, 2024</p><p>Some projects pay back.</p></body></html>"
    )
    result = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), (), "https://example.org/renovations"
    )
    assert result.metadata.published == "2024-09-05"


def test_shown_updated_date_is_the_first_update_by_the_headline() -> None:
    in_link = DateCandidate("text", "2025-03-01", "updated", 0, True, in_link=True)
    far = DateCandidate("text", "2025-02-01", "updated", 1, False)
    shown = DateCandidate("text", "2025-01-10", "updated", 2, True)
    plain = DateCandidate("text", "2024-12-01", "", 3, True)
    assert shown_updated_date([in_link, far, plain, shown]) == "2025-01-10"
    assert shown_updated_date([in_link, far, plain]) is None


def test_modified_falls_back_to_the_update_the_page_prints() -> None:
    from dehusk.metadata import extract_metadata

    page = (
        "<html><body><h1>Best hiking boots</h1><p>Published March 2, 2024</p>"
        "<p>Updated January 10, 2025</p><p>We walked 300 miles in them.</p></body></html>"
    )
    meta = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), (), "https://example.org/boots"
    ).metadata
    assert (meta.published, meta.modified) == ("2024-03-02", "2025-01-10")
    # an "update" before the published day is no revision of this story
    early = page.replace("January 10, 2025", "January 10, 2023")
    meta = extract_metadata(
        tree_evidence(LexborHTMLParser(early)), (), "https://example.org/boots"
    ).metadata
    assert meta.modified is None


def test_every_script_date_key_carries_a_prefilter_hint() -> None:
    from dehusk.metadata.date_candidates import (
        SCRIPT_KEY_HINTS,
        SCRIPT_MODIFIED_KEYS,
        SCRIPT_PUBLISHED_KEYS,
    )

    for key in SCRIPT_PUBLISHED_KEYS + SCRIPT_MODIFIED_KEYS:
        assert any(hint in key for hint in SCRIPT_KEY_HINTS), key
