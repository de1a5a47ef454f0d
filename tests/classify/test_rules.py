"""rules: the checks that keep an old blog's post against its sidebar, comments and theme."""

from dehusk import extract
from dehusk.article import Label, Options
from dehusk.classify import classify
from dehusk.classify.readability import readability_best
from dehusk.classify.rules import rules, subtree_stats
from dehusk.parse import parse
from dehusk.segment import segment

POST = (
    "Yesterday is over, and that is bad news for the market leaders, the incumbents and "
    "those in favour of the status quo, because every day the race starts again, fresh."
)
SIDEBAR = "".join(  # "Recent posts": a headline link and a date line per item
    f'<div class="side-item"><h4><a href="/p{i}">An older post of this blog, number {i}, with '
    f"a long title</a></h4><p>July {i}, 2012 | <a href='/c{i}'>3 comments</a></p></div>"
    for i in range(8)
)
COMMENT = (  # each comment in its own wrapper, as comment threads print them
    '<div class="comment-text"><p>I could not agree more with this, and I have said so for years, '
    "to anyone who would "
    "listen, in meetings, at dinners, and in a long series of letters to the editor.</p></div>"
)


def _kept(html: str) -> str:
    options = Options(model="rules")
    return " ".join(b.text for b in classify(segment(parse(html, options)), options) if b.main)


def test_a_sidebar_link_list_is_no_listing_beside_a_post() -> None:
    html = f"""<body><div id="main"><div class="post"><h1>Yesterday's over</h1>
    <div class="entry-body"><p>{POST} {POST}</p></div></div></div>
    <div id="sidebar-col">{SIDEBAR}</div></body>"""
    kept = _kept(html)
    assert "bad news for the market leaders" in kept
    assert "An older post" not in kept


def test_layout_columns_are_not_a_card_grid() -> None:
    col = '<div class="col"><p>Short column text of the page, here.</p></div>'
    html = f"""<body><div class="row">{col}{col}{col}
    <div class="col"><h1>Title</h1><p>{POST}</p><p>{POST}</p><p>{POST}</p></div></div></body>"""
    options = Options()
    found = rules(segment(parse(html, options)))
    assert not found.card_mode


def test_a_post_wrapper_named_after_its_author_is_not_a_byline() -> None:
    html = f"""<body><div id="alpha"><div class="entry-author-jane_doe">
    <h3>A post</h3><div class="entry-content"><p>{POST}</p><p>{POST}</p></div></div>
    <div class="comments">{COMMENT * 12}</div></div></body>"""
    assert "bad news for the market leaders" in _kept(html)


def test_comments_outweighing_a_short_post_lose_to_the_post() -> None:
    html = f"""<body><div id="content"><div class="entry-content"><p>{POST}</p></div>
    <div id="comments" class="comments"><div class="commentlist">{COMMENT * 15}</div></div>
    </div><div class="sidebar"><a href="/a">About</a></div></body>"""
    kept = _kept(html)
    assert "bad news for the market leaders" in kept
    assert "letters to the editor" not in kept


def test_readability_prefers_comma_rich_paragraphs_under_one_parent() -> None:
    html = f"""<body><div class="menu"><p><a href="/a">Home, News, Sports, Weather</a></p></div>
    <div class="story"><p>{POST}</p><p>{POST}</p></div></body>"""
    options = Options()
    page = segment(parse(html, options))
    chars, links, _ = subtree_stats(page)
    best, score = readability_best(page, chars, links)
    assert page.containers[best].classes == "story" and score > 0


PHOTO_POST = """<body><div id="content"><div class="post"><h3><a href="/p/1">Pixel Game
Superheroes</a></h3><div class="storycontent"><p>You know me, I love pixels and I love
superheroes. Created by <a href="/sayon">Sayon Chatterjee</a></p></div></div></div>
<div id="sidebar"><ul><li class="widget">Hello stranger, let's connect: you can also like my
facebook page here or add me to your circles here, and this blog has its own video channel
that you should watch.</li><li class="widget"><a href="/about">Curious about me?</a></li></ul>
</div></body>"""


def test_a_photo_post_with_one_line_is_not_empty() -> None:
    # Less prose than an article needs: the rules keep nothing, so the last resort takes
    # Readability's content-classed candidate, not the longer sidebar.
    article = extract(PHOTO_POST, options=Options(model="rules"))
    assert "I love pixels" in article.text
    assert "Hello stranger" not in article.text


def test_no_last_resort_on_a_page_without_a_content_class() -> None:
    # A shop's "has moved" banner is the only text of its page: no class says it is content.
    post = PHOTO_POST.split('<div id="sidebar">')[0] + "</body>"
    html = post.replace('class="post"', "").replace('class="storycontent"', "")
    assert extract(html, options=Options(model="rules")).text == ""
    assert "I love pixels" in extract(post, options=Options(model="rules")).text


POPULAR = "".join(  # a sidebar's "Most Popular Posts": one headline link per entry
    f'<li class="pop"><a href="/p{i}">Popular post number {i} of this craft blog</a></li>'
    for i in range(10)
)


def test_cards_beside_the_headline_post_are_its_sidebar() -> None:
    # A two-line craft post under its headline (which the <title> repeats) and a longer
    # list of popular posts in the sidebar: the page is the post, not a listing.
    html = f"""<html><head><title>Paper Punched Leaves - Things to Make and Do</title></head>
    <body><div id="main"><div class="entry"><h3>Paper Punched Leaves</h3>
    <div class="entry-body"><p>I love the idea of preserving these paper punched leaves for
    other craft projects!</p></div></div></div>
    <div id="side"><h4>Most Popular Posts</h4><ul class="pops">{POPULAR}</ul></div></body></html>"""
    kept = _kept(html)
    assert "preserving these paper punched leaves" in kept
    assert "Popular post number" not in kept


MODULES = "".join(  # a blog's sidebar column: modules of headline links, one per entry
    f'<div class="module"><h2>Popular {m}</h2><ul>'
    + "".join(
        f'<li><a href="/{m}/{i}">Another craft for kids, number {i}</a></li>' for i in range(6)
    )
    + "</ul></div>"
    for m in range(4)
)


def test_a_sidebar_column_of_the_layout_is_no_listing_beside_a_short_post() -> None:
    # The column's parent is the page's layout, which holds the post too: the headline
    # shares the post's entry, not the column, so it is the post's headline, and the column
    # (12 times the post's prose) is its sidebar.
    html = f"""<html><head><title>Fall Leaf Bunting - Things to Make and Do</title></head>
    <body><div id="layout"><div id="alpha"><div class="entry"><h3>Fall Leaf Bunting</h3>
    <div class="entry-body"><p>Simple As That shares this easy fall leaf bunting that would
    be a lovely addition.</p></div></div></div><div id="gamma">{MODULES}</div></div></body>
    </html>"""
    found = rules(segment(parse(html, Options())))
    kept = _kept(html)
    assert found.cards >= 0 and not found.card_mode
    assert "easy fall leaf bunting" in kept
    assert "Another craft for kids" not in kept


def test_a_grid_whose_every_card_is_husk_leaves_the_article() -> None:
    # A long comment list ("commentlist": no word the vocabulary knows) outweighs the post
    # like a grid of cards, but each of its items is classed a comment: no card is kept,
    # and the post is the article.
    thread = "".join(
        f'<li class="comment" id="comment-{i}"><div>Reader number {i} of this blog said...</div>'
        f"<div><a href='#c{i}'>November 10, 2012 at 9:{i:02d} pm</a></div>"
        "<p>What a lovely giveaway, I would love to win one of these bags for my trip.</p>"
        "<div><a href='#reply'>Reply</a> | <a href='#report'>Report this comment</a></div>"
        "<div>Follow the replies to this comment by email | Subscribe to this thread</div></li>"
        for i in range(12)
    )
    html = f"""<body><div id="content"><div class="post"><h1>A giveaway</h1>
    <div class="entry-body"><p>{POST}</p></div></div>
    <div class="comments"><ol class="commentlist">{thread}</ol></div></div></body>"""
    found = rules(segment(parse(html, Options())))
    kept = _kept(html)
    assert not found.card_mode
    assert "bad news for the market leaders" in kept
    assert "lovely giveaway" not in kept and "Reader number" not in kept


def test_a_consent_dialog_is_cut_whatever_its_share() -> None:
    # A consent manager prints pages of cookie descriptions: more prose than a short story
    # (past HUSK_SHARE, which spares other husk-named wrappers), and never the article.
    cookies = "".join(
        f"<p>These cookies ({i}) are necessary for the website to function and cannot be "
        "switched off in our systems, as they are set in response to your actions.</p>"
        for i in range(3)
    )
    html = f"""<body><div id="page"><div class="post"><h1>Yesterday's over</h1>
    <div class="entry-body"><p>{POST}</p><p>{POST}</p></div></div>
    <div id="onetrust-consent-sdk"><h2>About Your Privacy</h2>{cookies}</div></div></body>"""
    found = rules(segment(parse(html, Options())))
    kept = _kept(html)
    assert "bad news for the market leaders" in kept
    assert "necessary for the website" not in kept
    assert Label.CTA in found.labels


def test_a_grid_in_a_sidebar_is_no_listing() -> None:
    html = f"""<body><div id="main"><div class="post"><h1>Yesterday's over</h1>
    <div class="entry-body"><p>{POST}</p></div></div></div>
    <div id="sidebar" class="widget-area">{SIDEBAR}</div></body>"""
    found = rules(segment(parse(html, Options())))
    kept = _kept(html)
    assert not found.card_mode
    assert "bad news for the market leaders" in kept
    assert "An older post" not in kept


def test_a_content_classed_post_beside_a_grid_is_the_article() -> None:
    html = f"""<body><div id="main"><div class="entry-body"><p>{POST}</p><p>{POST}</p></div>
    </div><div id="lower">{SIDEBAR}</div></body>"""
    found = rules(segment(parse(html, Options())))
    kept = _kept(html)
    assert found.cards >= 0 and not found.card_mode
    assert "bad news for the market leaders" in kept
    assert "An older post" not in kept


def test_nearest_marked_climbs_to_the_stop_and_no_further() -> None:
    import numpy as np
    import pytest

    from dehusk._native.walk import nearest_marked

    # 0 ─ 1 ─ 2 ─ 3, and 0 ─ 4: 1 and 3 marked.
    parent = np.array([-1, 0, 1, 2, 0], dtype=np.int32)
    marked = np.array([0, 1, 0, 1, 0], dtype=np.uint8)

    def nearest(stop: int) -> list[int]:
        return np.frombuffer(nearest_marked(parent, marked, stop), dtype=np.int32).tolist()

    assert nearest(-1) == [-1, 1, 1, 3, -1]
    assert nearest(1) == [-1, -1, -1, 3, -1]  # the stop answers -1, its subtree looks no higher
    assert nearest_marked(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint8), -1) == b""
    with pytest.raises(ValueError):
        nearest_marked(np.array([1, -1], dtype=np.int32), marked[:2], -1)  # child before parent
    with pytest.raises(ValueError):
        nearest_marked(parent, marked[:3], -1)
    with pytest.raises(ValueError):
        nearest_marked(parent, marked, 5)


def test_cut_blocks_take_the_kind_of_their_nearest_telling_ancestor() -> None:
    html = f"""<body><div class="post"><h1>Yesterday's over</h1>
    <div class="entry-body"><p>{POST} {POST}</p></div></div>
    <footer><div><p>All rights reserved by the company, for ever.</p></div></footer>
    <div class="related-stories"><div><p>{POST}</p></div></div></body>"""
    options = Options(model="rules")
    labels = {b.text[:20]: b.label for b in classify(segment(parse(html, options)), options)}
    assert labels["All rights reserved "] == "footer"
    assert labels["Yesterday's over"] == "heading"
