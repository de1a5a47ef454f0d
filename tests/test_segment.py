"""segment: one walk cuts the DOM into blocks with their structure and features."""

from dehusk.article import Label, Options
from dehusk.parse import parse
from dehusk.segment import HINTS, hint_words, segment


def _page(html: str):
    return segment(parse(html, Options()))


def test_blocks_follow_block_elements_and_keep_inline_text_together() -> None:
    page = _page("<body><p>One <b>bold</b> <a href='/x'>link</a>.</p><div>Two</div></body>")
    assert [s.text for s in page.segments] == ["One bold link.", "Two"]
    first = page.segments[0]
    assert first.link_chars == 4
    assert first.links[0].href == "/x"
    assert first.text[first.links[0].start : first.links[0].end] == "link"


def test_structure_labels() -> None:
    page = _page(
        "<h2>Sub</h2><ol><li>first</li><li>second<ul><li>inner</li></ul></li></ol>"
        "<blockquote><p>quoted</p></blockquote><pre>  code\n  here</pre>"
        "<figure><img src='a.jpg' alt='A'><figcaption>Cap</figcaption></figure>"
    )
    kinds = {s.text: (s.kind, s.level, s.ordered) for s in page.segments}
    assert kinds["Sub"] == (Label.HEADING, 2, False)
    assert kinds["first"] == (Label.LIST_ITEM, 1, True)
    assert kinds["inner"] == (Label.LIST_ITEM, 2, False)
    assert kinds["quoted"][0] is Label.QUOTE
    assert kinds["  code\n  here"][0] is Label.CODE
    assert kinds["Cap"][0] is Label.CAPTION
    assert page.images[0].src == "a.jpg" and page.images[0].alt == "A"


def test_scripts_styles_and_hidden_elements_are_skipped() -> None:
    page = _page(
        "<script>var x = 'no';</script><style>p{}</style><p hidden>h1</p>"
        "<p style='display: none'>h2</p><p class='sr-only'>h3</p><p>shown</p>"
        "<p class='hidden md:block'>responsive</p>"
    )
    assert [s.text for s in page.segments] == ["shown", "responsive"]


def test_reveal_walks_hidden_elements_but_never_scripts() -> None:
    html = "<script>var x = 'no';</script><div class='hide'><p hidden>h1</p></div><p>shown</p>"
    page = segment(parse(html, Options()), reveal=True)
    assert [s.text for s in page.segments] == ["h1", "shown"]


def test_double_br_splits_paragraphs() -> None:
    page = _page("<div>first line<br>same para<br><br>second para</div>")
    assert [s.text for s in page.segments] == ["first line same para", "second para"]


def test_data_table_becomes_one_segment_with_rows() -> None:
    page = _page(
        "<table><tr><th>Size</th><th>Price</th></tr><tr><td>S</td><td>$5</td></tr></table>"
    )
    (table,) = page.segments
    assert table.kind is Label.TABLE
    assert table.rows == (("Size", "Price"), ("S", "$5"))


def test_layout_table_is_walked() -> None:
    long = "A long paragraph of article text that is far longer than any data cell. " * 8
    page = _page(f"<table><tr><td><p>{long}</p></td><td>side</td></tr></table>")
    assert [s.kind for s in page.segments] == [Label.PARAGRAPH, Label.PARAGRAPH]


def test_containers_carry_hints_and_context() -> None:
    page = _page("<nav class='SiteMenu'><ul><li><a href='/'>Home</a></li></ul></nav>")
    seg = page.segments[0]
    container = page.containers[seg.container]
    assert "nav" in container.flags
    nav = next(c for c in page.containers if c.tag == "nav")
    assert (nav.hint, nav.kind) == (-1, "navigation")


def test_hint_words_split_camel_case_and_drop_taxonomy() -> None:
    assert hint_words("", "SiteFooterLegal tag-politics category-news") == {
        "site",
        "footer",
        "legal",
    }


def test_hint_words_split_capital_runs_and_any_case_taxonomy() -> None:
    assert hint_words("HTMLParser", "Tag_x TAXONOMY-a caf\u00e9Nav\u00a0k") == {
        "html",
        "parser",
        "caf",
        "nav",
        "k",
    }


def test_first_husk_kind_wins_else_content() -> None:
    assert HINTS.hint("main-content", "sidebar SiteFooter") == (-1, "footer")
    assert HINTS.hint("", "entry-content tag-comments") == (1, "")
    assert HINTS.hint("", "") == (0, "")


def test_a_recent_posts_widget_is_related() -> None:
    # WordPress's "Recent Posts" widget (id recent-posts-2), a blog's own rail of teasers.
    assert HINTS.hint("recent-posts-2", "widget widget_recent_entries") == (-1, "related")
    assert HINTS.hint("recentPosts", "") == (-1, "related")


def test_a_captcha_is_a_call_to_action() -> None:
    # A comment form's challenge ("enter the letters and numbers you see in the image").
    assert HINTS.hint("captchaText", "") == (-1, "cta")


def test_wordpress_post_metadata_is_footer() -> None:
    # "This entry was posted on ... You can follow any responses to this entry ..."
    assert HINTS.hint("", "postmetadata alt") == (-1, "footer")


def test_a_consent_manager_is_its_own_kind() -> None:
    assert HINTS.hint("onetrust-consent-sdk", "") == (-1, "consent")
    assert HINTS.hint("", "cookie-banner modal") == (-1, "consent")


def test_big_noscript_view_is_walked_small_one_skipped() -> None:
    post = "<p>" + "A forum post with plenty of words in it. " * 60 + "</p>"
    page = _page(
        f"<body><noscript>Enable JS</noscript><noscript><div>{post}</div></noscript></body>"
    )
    texts = [s.text for s in page.segments]
    assert len(texts) == 1 and texts[0].startswith("A forum post")


def test_very_deep_tree_does_not_recurse() -> None:
    html = "<span>" * 5000 + "deep" + "</span>" * 5000
    assert [s.text for s in _page(html).segments] == ["deep"]
