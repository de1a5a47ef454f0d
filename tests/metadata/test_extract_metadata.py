"""The stage as a whole: every field, the order of trust, conflicts kept as warnings."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from dehusk.article import Block, Label
from dehusk.evidence import tree_evidence
from dehusk.metadata import MetaResult, extract_metadata

BODY = (
    "When the Sunni extremists declared a caliphate across large parts of Syria and Iraq, "
    "thousands of foreign fighters travelled to join them, and many later tried to leave."
)

PAGE = f"""<html lang="en"><head>
<title>Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You' | KGOU</title>
<meta property="og:site_name" content="KGOU">
<meta property="og:title"
  content="Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You'">
<meta property="og:image" content="/img/lead.jpg">
<meta property="og:description" content="A defector speaks.">
<meta property="article:published_time" content="2014-10-08T17:00:00-04:00">
<meta property="article:section" content="World">
<meta property="article:tag" content="ISIS"><meta property="article:tag" content="Syria">
<meta name="author" content="Deborah Amos">
<link rel="canonical" href="https://www.kgou.org/post/islamic-state-defector">
</head><body><article>
<h1>Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You'</h1>
<p>By Deborah Amos</p><p>{BODY}</p>
</article></body></html>"""


def blocks() -> tuple[Block, ...]:
    return (
        Block(
            "Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You'",
            Label.HEADING,
            True,
            1,
        ),
        Block("By Deborah Amos", Label.PARAGRAPH, True),
        Block(BODY, Label.PARAGRAPH, True),
        Block(BODY, Label.PARAGRAPH, True),
        Block("Copyright 2021 NPR. To see more, visit https://www.npr.org.", Label.PARAGRAPH, True),
    )


def run(html: str, blocks: tuple[Block, ...] = (), url: str | None = None) -> MetaResult:
    return extract_metadata(tree_evidence(LexborHTMLParser(html)), blocks, url)


def test_every_field_of_a_news_page() -> None:
    result = run(PAGE, blocks(), "https://www.kgou.org/post/islamic-state-defector")
    m = result.metadata
    assert m.title == "Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You'"
    assert m.authors == ("Deborah Amos",)
    assert m.published == "2014-10-08T17:00:00-04:00"
    assert m.site_name == "KGOU" and m.publisher == "KGOU"
    assert m.original_publisher == "NPR"
    assert m.canonical_url == "https://www.kgou.org/post/islamic-state-defector"
    assert m.language == "en"
    assert m.description == "A defector speaks."
    assert m.section == "World"
    assert m.tags == ("ISIS", "Syria")
    assert m.images[0].src == "https://www.kgou.org/img/lead.jpg"
    labels = [b.label for b in result.blocks]
    assert labels == [
        Label.TITLE,
        Label.BYLINE,
        Label.PARAGRAPH,
        Label.PARAGRAPH,
        Label.SYNDICATION,
    ]
    assert [b.main for b in result.blocks] == [False, False, True, True, False]


def test_order_of_trust_and_conflicts_kept_as_warnings() -> None:
    # Authors: JSON-LD outranks <meta>; dates: <meta> outranks JSON-LD (measured, see
    # docs/metadata.md). Either way the loser is reported.
    html = PAGE.replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2014-10-07T09:00:00Z", "author": {"name": "Jane Roe"}}</script></head>',
    )
    result = run(html, (), "https://www.kgou.org/post/x")
    assert result.metadata.published == "2014-10-08T17:00:00-04:00"
    assert result.metadata.authors == ("Jane Roe",)
    assert any("published" in w and "jsonld" in w for w in result.warnings)
    assert any("authors" in w for w in result.warnings)


def test_future_date_falls_through_to_the_next_source() -> None:
    html = PAGE.replace("2014-10-08T17:00:00-04:00", "2999-01-01T00:00:00Z")
    result = run(html, (), "https://www.kgou.org/2014/10/08/islamic-state-defector")
    assert result.metadata.published == "2014-10-08"


def test_garbage_date_is_null_not_a_guess() -> None:
    html = PAGE.replace("2014-10-08T17:00:00-04:00", "sometime last week")
    assert run(html).metadata.published is None


def test_malformed_jsonld_never_crashes() -> None:
    html = PAGE.replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "X",,, '
        '</script><script type="application/ld+json">[[[{</script></head>',
    )
    result = run(html)
    assert result.metadata.title.startswith("Islamic State Defector")
    assert any("JSON-LD" in w for w in result.warnings)


def test_staff_credit_kept_only_when_no_person() -> None:
    # "Staff" is no person's name, but when the page credits nobody else the printed
    # credit is the author (docs/decisions.md, "Authors: a credit that names no person").
    html = PAGE.replace('content="Deborah Amos"', 'content="By Staff"')
    assert run(html, blocks()).metadata.authors == ("Deborah Amos",)
    assert run(html.replace("<p>By Deborah Amos</p>", "")).metadata.authors == ("Staff",)


def test_empty_page() -> None:
    result = run("", ())
    assert result.metadata.title == "" and result.metadata.authors == ()
    assert result.metadata.published is None and result.blocks == ()


def test_the_site_owner_signs_a_page_that_credits_nobody() -> None:
    footer = "<footer><p>© 2025 Toby Hede. All rights reserved.</p></footer>"
    page = f"<html><head><title>Seven habits</title></head><body><h1>Seven habits</h1>{footer}"
    assert run(page, (), "https://tobyhede.com/blog/habits").metadata.authors == ("Toby Hede",)
    credited = page.replace(
        "<head>",
        '<head><script type="application/ld+json">{"@type": "BlogPosting", "headline": '
        '"Seven habits", "author": {"@type": "Organization", "name": "Hede Labs"}}</script>',
    )
    assert run(credited, (), "https://tobyhede.com/blog/habits").metadata.authors == ("Hede Labs",)


def test_a_chooser_that_overrules_the_rules_says_so(tmp_path: Path) -> None:
    import numpy as np

    from dehusk.metadata import rank

    ranker = rank.Ranker("t", ("og_stripped",), np.zeros(1), np.ones(1), np.array([5.0]), 0.0)
    rank.save(tmp_path / "m.meta-title.npz", ranker)
    page = (
        '<html><head><meta property="og:title" content="The best phones of 2025, ranked | '
        'The Verge"></head><body><h1>The best phones of 2025</h1><p>Text.</p></body></html>'
    )
    url = "https://www.theverge.com/phones"
    rules = extract_metadata(tree_evidence(LexborHTMLParser(page)), (), url, "rules")
    assert rules.metadata.title == "The best phones of 2025" and not rules.warnings
    learned = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), (), url, str(tmp_path / "m.npz")
    )
    assert learned.metadata.title == "The best phones of 2025, ranked"
    assert learned.warnings == (
        "title: the learned chooser took 'The best phones of 2025, ranked' over "
        "'The best phones of 2025'",
    )


def test_a_headline_with_css_inside_is_read_as_shown() -> None:
    from dehusk.metadata.evidence import gather
    from dehusk.metadata.headline import headings

    page = (
        "<html><body><h1><style>.css-1a{cursor:pointer}</style>Augustinus Bader "
        "<span>The Cream</span><script>var x = 1;</script></h1><p>Text.</p></body></html>"
    )
    assert headings(gather(tree_evidence(LexborHTMLParser(page)), None).headings, ())[0] == [
        ("h1", "Augustinus Bader The Cream")
    ]


def test_a_headline_runs_inline_elements_on_and_parts_blocks() -> None:
    from dehusk.metadata.evidence import gather
    from dehusk.metadata.headline import headings

    page = (
        "<html><body><h1>Cut Your Planning <span class='drop'>C</span>ycle<!-- x --></h1>"
        "<h2><div>Opinion</div><div>Why it</div><br>matters</h2></body></html>"
    )
    assert headings(gather(tree_evidence(LexborHTMLParser(page)), None).headings, ())[0] == [
        ("h1", "Cut Your Planning Cycle"),
        ("h2", "Opinion Why it matters"),
    ]


def test_a_pathologically_deep_headline_does_not_recurse() -> None:
    from dehusk.metadata.evidence import gather
    from dehusk.metadata.headline import headings

    page = "<h1>" + "<b>" * 100_000 + "deep" + "</b>" * 100_000 + "</h1>"
    assert headings(gather(tree_evidence(LexborHTMLParser(page)), None).headings, ())[0] == []


def test_a_heading_linking_home_names_the_site_not_the_story() -> None:
    from dehusk.metadata.evidence import gather
    from dehusk.metadata.headline import headings

    page = (
        "<html><body><header><h1><a href='/'>Lessons Learned</a></h1></header>"
        "<a href='https://blog.example.com/'><h2>Subscribe</h2></a>"
        "<article><h2><a href='/2008/09/lean-startup.html'>The lean startup</a></h2>"
        "<p>Text.</p></article></body></html>"
    )
    seen, home = headings(
        gather(
            tree_evidence(LexborHTMLParser(page)), "https://blog.example.com/2008/09/x.html"
        ).headings,
        (),
    )
    assert seen == [("h2", "The lean startup")]
    assert home == ("Lessons Learned", "Subscribe")
    # A link to another site's home page is an ordinary heading.
    seen, home = headings(
        gather(tree_evidence(LexborHTMLParser(page)), "https://other.example.org/post").headings, ()
    )
    assert ("h2", "Subscribe") in seen and home == ("Lessons Learned",)


def test_the_site_name_in_a_home_heading_leaves_the_title() -> None:
    page = (
        "<html><head><title>The lean startup | Lessons Learned</title></head><body>"
        "<h1><a href='/'>Lessons Learned</a></h1><h3>The lean startup</h3><p>Text.</p>"
        "</body></html>"
    )
    result = extract_metadata(
        tree_evidence(LexborHTMLParser(page)), (), "https://www.example.com/lean.html"
    )
    assert result.metadata.title == "The lean startup"


def test_a_relative_canonical_link_is_resolved_against_the_page_url() -> None:
    page = '<html><head><link rel="canonical" href="/agency"></head><body><p>x</p></body></html>'
    tree = LexborHTMLParser(page)
    assert extract_metadata(
        tree_evidence(tree), (), "https://ml.example.edu/a?b=1"
    ).metadata.canonical_url == ("https://ml.example.edu/agency")
    bare = extract_metadata(tree_evidence(LexborHTMLParser("<p>x</p>")), (), "https://x.org/")
    assert bare.metadata.canonical_url is None


INDONESIAN = (
    "Pemerintah Indonesia mengumumkan rencana pembangunan infrastruktur baru di wilayah timur "
    "negara itu. Menurut menteri pekerjaan umum, proyek tersebut akan mencakup jalan tol, "
    "pelabuhan, dan bandar udara yang diharapkan selesai dalam lima tahun ke depan."
)


def test_a_page_in_indonesian_declaring_english_is_reported_with_a_warning() -> None:
    import dehusk

    page = (
        '<html lang="en"><head><title>Rencana pembangunan</title></head><body><article>'
        f"<h1>Rencana pembangunan</h1><p>{INDONESIAN}</p><p>{INDONESIAN}</p></article>"
        "</body></html>"
    )
    result = dehusk.extract(page.encode())
    assert result.metadata.language == "id"
    assert any(w.startswith("declared language 'en'") for w in result.warnings)
