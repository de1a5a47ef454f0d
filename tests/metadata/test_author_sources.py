"""Author sources: bylines found on the page, printed credits, candidates, a site's owner."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from dehusk.evidence import tree_evidence
from dehusk.metadata.author_choice import (
    AuthorCredits,
    author_candidates,
    author_key,
    clean_credit,
    credit_fallback,
    first_over_lone_list,
    person_over_site,
    printed_over_declared,
)
from dehusk.metadata.author_sources import (
    dom_authors,
    dom_bylines,
    headline_byline,
    twitter_card_authors,
    visible_byline,
)
from dehusk.metadata.meta import read_meta


def byline_names_of(tree: LexborHTMLParser) -> tuple[str, ...]:
    """The names of the page's visible byline."""
    return visible_byline(tree_evidence(tree)).names


def test_dom_byline_skips_comments() -> None:
    tree = LexborHTMLParser(
        '<div class="comments"><span class="author">Commenter Person</span></div>'
        '<p class="byline">By Jane Doe</p>'
    )
    assert dom_authors(dom_bylines(tree_evidence(tree))) == ("Jane Doe",)


def test_clean_credit_keeps_the_printed_credit() -> None:
    assert clean_credit("By ASU Online") == "ASU Online"
    assert clean_credit("Podium Staff") == "Podium Staff"
    assert clean_credit("Posted by IndustrySelect on Tuesday, August 29, 2023") == (
        "IndustrySelect"
    )
    assert clean_credit("Articles by Juliette") == "Juliette"


def test_clean_credit_drops_what_is_no_credit() -> None:
    for value in (
        "https://www.facebook.com/everfit.io/",
        "Written By",
        "Jun 2 Written By",
        "Posted by Us",
        "by Guest",
        "Posted by Us",
        "by Guest",
        "{{ author.name }}",
        "262588213843476",
        "This guide explains how to choose a good home cleaning service for you",
    ):
        assert clean_credit(value) == "", value


def test_credit_fallback_order() -> None:
    credits = AuthorCredits(
        jsonld_orgs=("Swoogo",), meta=("https://facebook.com/swoogo",), dom=("By Swoogo Team",)
    )
    assert credit_fallback(credits) == ("Swoogo",)
    assert credit_fallback(AuthorCredits(meta=("https://x.com/a",), dom=("By Swoogo Team",))) == (
        "Swoogo Team",
    )
    assert credit_fallback(AuthorCredits()) == ()


def test_visible_byline_in_any_markup() -> None:
    page = (
        "<html><body><nav><a>Shop <span>by</span> Brand</a></nav><article><h1>T</h1>"
        '<div class="article__meta"><p>Mar 24, 2025</p><p class="text-with-icon">By Amy '
        "Wilhelm</p></div><p>Text.</p></article></body></html>"
    )
    assert byline_names_of(LexborHTMLParser(page)) == ("Amy Wilhelm",)
    split = "<body><p><span>By</span> <a href='/producers/sg'>Sofia Gonzalez</a></p></body>"
    assert byline_names_of(LexborHTMLParser(split)) == ("Sofia Gonzalez",)
    tagged = "<body><div>Contributors: Janet Loughrey</div></body>"
    assert byline_names_of(LexborHTMLParser(tagged)) == ("Janet Loughrey",)


def test_visible_byline_not_menus_or_prose() -> None:
    for html in (
        "<body><ul class='sub-menu'><li>By Company Size</li></ul></body>",
        "<body><p>Solutions <b>by</b> Company Size</p></body>",
        "<body><p>By the time we arrived, the city was dark and the shops had closed.</p></body>",
        "<body><div class='comments'><p>By Jane Roe</p></div></body>",
    ):
        assert byline_names_of(LexborHTMLParser(html)) == (), html


def test_author_candidates_one_per_answer_with_agreement() -> None:
    sources = {
        "jsonld": ("Jane Doe",),
        "meta": ("jane doe",),
        "item": ("Jane Doe", "John Roe", "Ann Lee"),
        "dom": (),
    }
    credits = AuthorCredits(jsonld_orgs=("Swoogo",))
    cands = author_candidates(sources, credits, ("Jane Doe",), ["Swoogo"])
    by_key = {author_key(c.value): c.features for c in cands}
    jane = by_key[frozenset({"jane doe"})]
    assert jane["rules_choice"] == 1.0 and jane["n_sources"] == 2.0
    assert jane["first_item"] == 1.0  # the first of the item list is the same answer
    assert by_key[frozenset({"jane doe", "john roe", "ann lee"})]["n_names"] == 3.0
    org = by_key[frozenset({"swoogo"})]
    assert org["credit_jsonld_org"] == 1.0 and org["is_site"] == 1.0 and org["credit_only"] == 1.0


def test_author_key_is_the_benchmark_comparison() -> None:
    assert author_key(["Jane Doe & John Roe"]) == author_key(["john roe", "Jane Doe"])
    assert author_key(["Dylan Bailey, MS"]) == frozenset({"dylan bailey", "ms"})


def test_personal_site_owner_tied_to_the_host() -> None:
    from dehusk.metadata.site_owner import site_owner

    footer = ["Home About © 2025 Toby Hede. All rights reserved."]
    assert site_owner("", "The 7 habits", lambda: footer, "https://tobyhede.com/blog/x") == (
        "Toby Hede",
    )
    title = "The Fold-and-Cut Problem (Erik Demaine)"
    assert site_owner("", title, list, "https://erikdemaine.org/foldcut") == ("Erik Demaine",)
    assert site_owner("Polly Barks", "Tips — Polly Barks", list, "https://pollybarks.com/b") == (
        "Polly Barks",
    )


def test_a_rarer_first_name_as_the_whole_host_label() -> None:
    from dehusk.metadata.site_owner import site_owner

    # "Pierce", "Owain": no census first name, but recorded given names, and the host is
    # that first name itself.
    home = lambda: ["Pierce Freeman"]  # noqa: E731 - the logo links home
    url = "https://pierce.dev/notes/go-ahead-self-host-postgres"
    assert site_owner("", "Self-host Postgres | Pierce Freeman", list, url, home) == (
        "Pierce Freeman",
    )
    url = "https://owain.bearblog.dev/turning-a-tinybox-green"
    assert site_owner("", "Tinybox", list, url, lambda: ["Owain Brennan"]) == ("Owain Brennan",)
    # A given name that is also a word, as a business's squashed domain, is no owner; nor
    # is anyone on an institution's host.
    url = "https://greenroads.com/collections/all"
    assert site_owner("Green Roads", "CBD | Green Roads", list, url) == ()
    url = "https://www.park.edu/blog/ai-in-education"
    assert (
        site_owner(
            "Park University", "AI | Park University", list, url, lambda: ["Park Leadership"]
        )
        == ()
    )


def test_a_site_named_for_its_owner_needs_no_host_match() -> None:
    from dehusk.metadata.site_owner import site_owner

    url = "https://www.chiark.greenend.org.uk/~cjwatson/blog/post.html"
    assert site_owner("Colin Watson's blog", "Post | Colin Watson's blog", list, url) == (
        "Colin Watson",
    )


def test_a_business_named_like_its_domain_is_no_owner() -> None:
    from dehusk.metadata.site_owner import site_owner

    assert (
        site_owner("Ovolo Hotels", "Tips | Ovolo Hotels", list, "https://ovolohotels.com/x") == ()
    )
    assert site_owner("Cherry Servers", "", list, "https://www.cherryservers.com/blog/x") == ()
    # a name the host does not carry is not the site's owner
    assert site_owner("Jane Doe", "Post | Jane Doe", list, "https://news.example.com/x") == ()
    footer = ["Copyright © 2026 Body By Bikini Ltd, Henleaze"]
    assert site_owner("Body by Bikini", "", lambda: footer, "https://bodybybikini.com/x") == ()


def test_a_citation_list_is_one_answer_and_a_repeated_credit_no_news() -> None:
    sources = {"citation": ("Aditya Mahindru", "Pradeep Patil", "Varun Agrawal"), "meta": ()}
    cands = author_candidates(sources, AuthorCredits(), sources["citation"])
    assert [c.value for c in cands] == [sources["citation"]]  # no first-name-only answer
    # A meta credit that is the meta source's own name adds no credit feature.
    cands = author_candidates({"meta": ("Jane Doe",)}, AuthorCredits(meta=("Jane Doe",)), ())
    assert "credit_meta" not in cands[0].features


def test_citation_tags_give_every_author_in_reading_order() -> None:
    from dehusk.metadata import extract_metadata

    html = (
        '<html><head><meta name="author" content="Jennifer Huberty">'
        '<meta name="citation_author" content="Huberty, Jennifer">'
        '<meta name="citation_author" content="Green, Jeni">'
        '<meta name="citation_author" content="van der Merwe, Marna">'
        "</head><body><h1>Efficacy</h1></body></html>"
    )
    meta = extract_metadata(tree_evidence(LexborHTMLParser(html)), (), None, "rules").metadata
    assert meta.authors == ("Jennifer Huberty", "Jeni Green", "Marna van der Merwe")


def test_a_learned_chooser_does_not_overrule_citation_tags(tmp_path: Path) -> None:
    import numpy as np

    from dehusk.metadata import extract_metadata, rank

    # A chooser that would take the plain <meta name="author"> (the first author alone).
    ranker = rank.Ranker("t", ("src_meta",), np.zeros(1), np.ones(1), np.array([9.0]), 0.0)
    rank.save(tmp_path / "m.meta-authors.npz", ranker)
    html = (
        '<html><head><meta name="author" content="Aditya Mahindru">'
        '<meta name="citation_author" content="Aditya Mahindru">'
        '<meta name="citation_author" content="Pradeep Patil">'
        "</head><body><h1>Burnout</h1></body></html>"
    )
    result = extract_metadata(
        tree_evidence(LexborHTMLParser(html)), (), None, str(tmp_path / "m.npz")
    )
    assert result.metadata.authors == ("Aditya Mahindru", "Pradeep Patil")
    assert not any("learned chooser" in w for w in result.warnings)


def test_the_owner_from_the_site_names_first_words_and_the_about_link() -> None:
    from dehusk.metadata.site_owner import home_link_texts, site_owner

    url = "https://www.brettlarkin.com/best-non-slip-yoga-mat/"
    title = "Best Non-Slip Yoga Mat – Brett Larkin Yoga"
    assert site_owner("Brett Larkin Yoga", title, list, url) == ("Brett Larkin",)
    tree = LexborHTMLParser(
        '<nav><a href="https://melissaneill.com/about/">About Melissa Neill</a></nav>'
        '<a href="/">Home</a><p>Ten pieces of home gym equipment.</p>'
    )
    url = "https://melissaneill.com/10-of-the-best-home-gym-equipment/"
    assert "Melissa Neill" in home_link_texts(tree_evidence(tree), url)
    owner = site_owner(
        "Body by Bikini", "", list, url, lambda: home_link_texts(tree_evidence(tree), url)
    )
    assert owner == ("Melissa Neill",)
    # A host with no known first name ties no link text to it ("Docker Docs").
    docs = LexborHTMLParser('<a href="/">Docker Docs</a>')
    url = "https://docs.docker.com/get-started/"
    assert (
        site_owner(
            "", "Docs | Docker Docs", list, url, lambda: home_link_texts(tree_evidence(docs), url)
        )
        == ()
    )


def test_a_credit_loses_the_icon_before_it() -> None:
    assert clean_credit("✉ Aditya Mahindru") == "Aditya Mahindru"


def test_this_post_was_written_by_is_a_byline() -> None:
    tree = LexborHTMLParser(
        "<article><p>Indexes help readers.</p><div class='author-bio'>This post was written "
        "by <b>Danielle Padula</b>, Head of Marketing and Community Development</div></article>"
    )
    assert byline_names_of(tree) == ("Danielle Padula",)


def test_a_reviewed_by_box_may_hold_the_writer_but_reviewers_are_skipped() -> None:
    tree = LexborHTMLParser(
        '<div class="reviewed-by-component"><div class="author-meta">Emma Ryan Writer</div></div>'
    )
    assert dom_authors(dom_bylines(tree_evidence(tree))) == ("Emma Ryan",)
    tree = LexborHTMLParser(
        '<div class="post-reviewer"><span class="author-name">Dr Ann Lee</span></div>'
    )
    assert dom_authors(dom_bylines(tree_evidence(tree))) == ()


def test_utility_class_values_and_contributor_links() -> None:
    # Tailwind: "mr-[--sidebar-container-width]" is a length, not a sidebar.
    tree = LexborHTMLParser(
        '<div class="w-full lg:mr-[--sidebar-container-width]">'
        '<a href="https://www.cherryservers.com/blog/authors/emmanuel-oyibo">'
        '<span class="max-2xl:hidden">Emmanuel Oyibo</span></a></div>'
    )
    assert dom_authors(dom_bylines(tree_evidence(tree))) == ("Emmanuel Oyibo",)
    tree = LexborHTMLParser(
        '<p><a href="https://www.servomagazine.com/magazine/contributor/a._j._neal">A. J. Neal</a>'
        "</p>"
    )
    assert dom_authors(dom_bylines(tree_evidence(tree))) == ("A. J. Neal",)


def test_twitter_card_written_by() -> None:
    # Yoast SEO's card on a WordPress post (oneuptime.com shape), and "Interview by".
    head = (
        '<head><meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Nawaz Dhandala">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="9 minutes"></head>'
    )
    assert twitter_card_authors(read_meta(tree_evidence(LexborHTMLParser(head)))) == (
        "Nawaz Dhandala",
    )
    interview = head.replace("Written by", "Interview by")
    assert twitter_card_authors(read_meta(tree_evidence(LexborHTMLParser(interview)))) == (
        "Nawaz Dhandala",
    )
    reading = '<meta name="twitter:label1" content="Est. reading time">'
    reading += '<meta name="twitter:data1" content="9 minutes">'
    assert twitter_card_authors(read_meta(tree_evidence(LexborHTMLParser(reading)))) == ()


def test_visible_byline_under_a_label() -> None:
    # A metadata panel in an <aside>: the label names the author, the name after it.
    panel = (
        '<body><article><aside class="insight__content"><div class="content-item">'
        "<h3>Date</h3><p>May 30, 2024</p></div><div class='content-item'><h3>Author</h3>"
        "<p>  Lisa D. Ellis</p></div></aside><p>Text.</p></article></body>"
    )
    assert byline_names_of(LexborHTMLParser(panel)) == ("Lisa D. Ellis",)
    listed = (
        "<body><div class='l-grid__sidebar'><div class='hero-metadata__content'>"
        "<h6>Author(s)</h6><ul><li><a href='/library/?_author=John%20A.%20Alic'>John A. "
        "Alic</a></li><li><a>David C. Mowery</a></li><li><a>Edward S. Rubin</a></li></ul>"
        "</div></div></body>"
    )
    assert byline_names_of(LexborHTMLParser(listed)) == (
        "John A. Alic",
        "David C. Mowery",
        "Edward S. Rubin",
    )
    # "Written by" opening an author box whose bio goes on: the name is the next element.
    box = (
        "<body><div class='box'><div class='text-2xs'>\nWritten by</div>"
        "<div class='green-highlight'>Jack Shepherd</div><div class='text-sm'>Hi! I'm Jack,"
        " Co-Founder of a social media agency; I have worked with brands big and small for"
        " more than a decade.</div></div></body>"
    )
    assert byline_names_of(LexborHTMLParser(box)) == ("Jack Shepherd",)


def test_visible_byline_label_not_credits_or_sidebars() -> None:
    for html in (
        # A "by" that does not open its text is no label: "Powered by Tsun".
        "<body><small>Powered <span>by</span> <a title='Tsun'>Tsun</a></small></body>",
        # A plain visible byline in a sidebar is another post's.
        "<body><div class='sidebar'><p>By Jane Roe</p></div></body>",
        # A label in the comments still names a commenter.
        "<body><div class='comments'><h3>Author</h3><p>Jane Roe</p></div></body>",
    ):
        assert byline_names_of(LexborHTMLParser(html)) == (), html


def test_visible_byline_layout_classes_are_no_sidebar() -> None:
    # Shopify themes mark the article's own section with its layout: a sidebar beside it,
    # a menu above it ("m-article--sidebar-right", "has-sidebar-option", "under-menu").
    for marks in ("m-article m-article--sidebar-right", "has-sidebar-option", "under-menu"):
        html = (
            f"<body><section class='{marks}'><h1>T</h1><div class='m-article__meta'>"
            "<a href='/search?q=Meaghan'>by Meaghan Weeden</a></div></section></body>"
        )
        assert byline_names_of(LexborHTMLParser(html)) == ("Meaghan Weeden",), marks


def test_visible_byline_credit_when_no_person() -> None:
    team = (
        "<body><h1>T</h1><ul class='article__meta'><li>by <a class='segment-heading' "
        "href='javascript:void(0)'>Marketing Team</a></li></ul></body>"
    )
    assert visible_byline(tree_evidence(LexborHTMLParser(team))) == ((), "Marketing Team")
    for html in (
        # A name with debris after it is a person's byline gone wrong, not a credit.
        "<body><p>By: <a>Samer Morqos</a>, Counseling Psychologist (GMT+2)</p></body>",
        "<body><p>By default</p></body>",
    ):
        assert visible_byline(tree_evidence(LexborHTMLParser(html))).credit == "", html


def test_clean_credit_drops_weekdays_and_accounts() -> None:
    assert clean_credit("Sat, 20 Dec, 2025 - 06:36") == ""
    assert clean_credit("admin") == ""


def test_clean_credit_may_open_with_a_number() -> None:
    assert clean_credit("By 3i Global") == "3i Global"
    assert clean_credit("3d23d65-ddc6-4ce5") == "3d23d65-ddc6-4ce5"  # a Substack's handle


def test_printed_byline_over_an_unprinted_declared_author() -> None:
    # JSON-LD and <meta> name the CMS account "KatieS"; the page prints "by Aoife
    # O'Riordan" in a byline element and a visible "by" line.
    sources = {
        "jsonld": ("KatieS",),
        "meta": ("KatieS",),
        "byline": (),
        "dom": ("Aoife O'Riordan",),
        "visible": ("Aoife O'Riordan",),
    }
    text = "what are the top u.s. rental car companies of 2025? by aoife o'riordan oct 22, 2025"
    assert printed_over_declared(sources, ("KatieS",), text) == ("Aoife O'Riordan",)
    # The declared author printed on the page stays, and so it does when only one of the
    # page's readings disagrees.
    assert printed_over_declared(sources, ("KatieS",), text + " katies") == ("KatieS",)
    one = {**sources, "visible": ()}
    assert printed_over_declared(one, ("KatieS",), text) == ("KatieS",)


def test_author_candidates_say_what_the_page_prints() -> None:
    sources = {"meta": ("Josh Katzowitz",), "dom": ("Charles Patterson",)}
    cands = author_candidates(
        sources, AuthorCredits(), ("Josh Katzowitz",), (), "by charles patterson, wci columnist"
    )
    printed = {c.value: c.features["printed"] for c in cands}
    assert printed == {("Josh Katzowitz",): 0.0, ("Charles Patterson",): 1.0}


def test_a_printed_person_over_the_site_name() -> None:
    # <meta name=author> holds the site's name; the Twitter card names the interviewer,
    # whom the standfirst prints.
    sources = {"meta": ("Five Books",), "twitter": ("Sylvia Bishop",)}
    text = "our fantasy and sci fi editor sylvia bishop introduces the prize-winning novels"
    assert person_over_site(sources, ("Five Books",), ("Five Books",), text) == ("Sylvia Bishop",)
    # Unprinted, or the site's name again with a suffix: the site's name stays.
    assert person_over_site(sources, ("Five Books",), ("Five Books",), "") == ("Five Books",)
    sponsored = {"meta": ("Help Net Security",), "dom": ("Help Net Security Sponsored",)}
    site = ("Help Net Security",)
    assert person_over_site(sponsored, site, site, "help net security sponsored") == site


def test_a_list_one_source_gives_yields_to_its_first_name() -> None:
    # The byline block ran on into the reviewer; the byline element and the visible "By"
    # line name the author alone.
    sources = {
        "byline": ("Cort Honey", "Gene Petrino"),
        "dom": ("Cort Honey",),
        "visible": ("Cort Honey",),
    }
    chosen = ("Cort Honey", "Gene Petrino")
    assert first_over_lone_list(sources, chosen) == ("Cort Honey",)
    # A list two sources give, or a first name one other source gives, stays.
    both = {**sources, "visible": chosen}
    assert first_over_lone_list(both, chosen) == chosen
    one = {**sources, "visible": ()}
    assert first_over_lone_list(one, chosen) == chosen


def test_headline_byline_reads_a_bare_name_and_date_under_the_headline() -> None:
    # Blocks a theme prints under its <h1> with no "By" and no author class (the
    # classifier often calls them navigation).
    title = "How AI Is Transforming Healthcare"
    texts = ["Menu", title, "Aaron Ricadela | Senior Writer | July 2, 2025", "In This Article"]
    assert headline_byline(texts, title) == ("Aaron Ricadela",)
    dated = ["Guide 2026", "Dec 26, 2025 • Mahua Das in Project Management", "Did you know…"]
    assert headline_byline(dated, "Guide 2026") == ("Mahua Das",)
    # The name and the date in blocks of their own, after a standfirst.
    standfirst = "HR shared services have evolved into a cornerstone of modern HR. " * 3
    apart = ["HR Shared Services", standfirst, "Elliot Raba", "23.07.2025 · 6 min read"]
    assert headline_byline(apart, "HR Shared Services") == ("Elliot Raba",)


def test_headline_byline_wants_a_name_and_a_date() -> None:
    title = "Mission accomplished!"
    # A bare name with no date beside it, a name alone that is no known first name, what
    # a date's line says ("Released Wednesday"), a list of other posts: no byline.
    assert headline_byline([title, "Julia Smith", "More posts"], title) == ()
    assert headline_byline([title, "2025-12-17 ·", "Digital Preservation"], title) == ()
    assert headline_byline([title, "Released Wednesday, March 3, 2025"], title) == ()
    assert headline_byline([title, "Workshop with KBNL", "World Digital Day"], title) == ()
    assert headline_byline(["Other headline", "Julia Smith, May 2, 2025"], title) == ()


def test_a_reading_time_before_the_visible_byline() -> None:
    page = (
        "<h1>Graphic design</h1><div>March 15, 2022 <span>·</span> 3 min read "
        "<span>·</span> By {}</div>"
    )
    assert byline_names_of(LexborHTMLParser(page.format("Jane Doe"))) == ("Jane Doe",)
    # The site's own name printed as the byline is its credit.
    tree = LexborHTMLParser(page.format("ASU Online"))
    assert visible_byline(tree_evidence(tree), ("ASU Online",)).credit == "ASU Online"


def test_labels_placeholders_and_menus_are_no_credit() -> None:
    # "Contributors" over a list of links, "undefined" from a script, a menu's "By
    # Category", a consent panel's "Timestamp: --", a forum badge; a team's credit stays.
    for value in ("Contributors", "undefined", "By Category", "Timestamp: --", "Members"):
        assert clean_credit(value) == ""
    assert clean_credit("Marketing Team") == "Marketing Team"
    assert clean_credit("By Staff") == "Staff"


def test_a_profile_link_is_no_credit() -> None:
    assert clean_credit("View my complete profile") == ""
    assert clean_credit("Google +") == ""
    assert clean_credit("By Google") == "Google"


def test_a_control_is_no_credit() -> None:
    # Byline-classed elements of 2012 themes (dragnet) hold the comment count and feeds.
    assert clean_credit("Comments (0)") == ""
    assert clean_credit("View Comments") == ""
    assert clean_credit("RSS") == ""


def test_shortcode_debris_is_no_credit() -> None:
    assert clean_credit("NR] admin") == ""
