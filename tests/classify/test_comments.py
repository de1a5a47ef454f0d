"""comments: a reader thread after the article is cut, a forum's replies and a section that
only mentions comments are kept. The markup is the shape blog engines print (Movable Type's
``<h2 id="comments">``, WordPress's ``ol.commentlist``, Disqus)."""

import pytest

from dehusk.article import Label, Options
from dehusk.classify import classify_page
from dehusk.classify.comments import _TITLE, comment_thread, forum_like
from dehusk.parse import parse
from dehusk.segment import segment

POST = (
    "Los Angeles used to get cool at night. No matter how hot it got during the day, the "
    "nights were always cool and dry, and we slept with the windows open all summer long."
)
REPLY = (
    "Ha, sixty for a low when your high is above a hundred is a dream! When we had those "
    "days this summer our lows were in the eighties, and the air did not move at all."
)


def _page(body: str) -> str:
    paragraphs = "".join(f"<p>{POST} Part {i}.</p>" for i in range(4))
    return f"<body><div id='content'><h1>It's hot</h1>{paragraphs}{body}</div></body>"


def _blocks(html: str, url: str | None = None, model: str = "rules"):  # type: ignore[no-untyped-def]
    options = Options(model=model)
    return classify_page(segment(parse(html, options)), options, url).blocks


def _main(html: str, url: str | None = None, model: str = "rules") -> str:
    return " ".join(b.text for b in _blocks(html, url, model) if b.main)


MT_THREAD = '<h2 id="comments">Comments</h2>' + "".join(
    f"<div id='c{i}'><p>{REPLY}</p></div><p class='posted'>Posted by: Ellen at 11:4{i} AM</p>"
    for i in range(6)
)
WP_THREAD = (
    "<ol class='commentlist'>"
    + "".join(f"<li id='comment-{i}'><div><p>{REPLY}</p></div></li>" for i in range(6))
    + "</ol>"
)


@pytest.mark.parametrize(
    ("thread", "model"),
    [(MT_THREAD, "rules"), (WP_THREAD, "rules"), (MT_THREAD, "default"), (WP_THREAD, "default")],
    ids=["heading", "class", "heading-model", "class-model"],
)
def test_a_thread_after_the_post_is_cut_as_comments(thread: str, model: str) -> None:
    # The learned path cuts it too: the model's keep is checked after its call.
    blocks = _blocks(_page(thread), model=model)
    kept = " ".join(b.text for b in blocks if b.main)
    assert "Los Angeles used to get cool" in kept
    assert "sixty for a low" not in kept
    if model == "rules":  # the learned path may cut the replies itself, as some other husk
        assert any(b.label is Label.COMMENT and "sixty for a low" in b.text for b in blocks)


def test_a_forum_thread_keeps_its_replies() -> None:
    url = "https://example.org/forum/thread-222085.html"
    assert "sixty for a low" in _main(_page(MT_THREAD), url)


def test_forum_classes_keep_the_replies() -> None:
    html = _page(MT_THREAD).replace("id='content'", "class='forum-thread'")
    assert "sixty for a low" in _main(html)


def test_a_comment_heading_before_the_body_opens_nothing() -> None:
    # A "Comments" link or count above the story is no thread: the body follows it.
    html = _page("").replace("<h1>It's hot</h1>", "<h1>It's hot</h1><h3>3 Comments</h3>")
    assert "Part 3" in _main(html)


@pytest.mark.parametrize(
    "section",
    [
        "<h2>Comment choisir son barbecue ?</h2>",  # French: "how"
        "<h2>Discussion</h2>",  # a paper's section
        "<section id='respond-to-review-comments'><h2>Respond to review</h2></section>",
    ],
)
def test_a_section_that_only_names_comments_is_body(section: str) -> None:
    tail = f"<p>{REPLY}</p>"
    assert "sixty for a low" in _main(_page(section + tail))


@pytest.mark.parametrize(
    ("title", "opens"),
    [
        ("Comments", True),
        ("20 Comments", True),
        ("Comments (3)", True),
        ("One Response to “Joint Statement”", True),
        ("3 thoughts on “It's hot”", True),
        ("Leave a Reply", True),
        ("Kommentare:", True),
        ("TrackBack", True),
        ("Responses to Stress", False),
        ("Replies to this post", False),
        ("Comment choisir son barbecue charbon ?", False),
    ],
)
def test_thread_titles(title: str, opens: bool) -> None:
    assert bool(_TITLE.search(title)) is opens


def test_forum_like_reads_the_url_and_the_classes() -> None:
    page = segment(parse(_page(""), Options()))
    assert forum_like(page, "https://board.example/t/some-topic/17")
    assert not forum_like(page, "https://example.com/2012/09/its-hot.html")
    assert not forum_like(page, None)
    assert comment_thread(page, [True] * len(page.segments), None) == frozenset()


def test_a_comments_widget_inside_the_story_opens_nothing() -> None:
    # A "quick comments" box in the story's side rail, between the dek and the body (which
    # sits in its own wrapper): the story goes on after it, outside it, so it is no thread.
    dek = "".join(f"<p>{POST} Dek {i}.</p>" for i in range(2))
    rail = "<div class='side-rail'><div class='quick-comments'><p>Loading...</p></div></div>"
    body = "".join(f"<p>{POST} Body {i}.</p>" for i in range(5))
    story = f"<div class='dek'>{dek}</div>{rail}<div class='text'>{body}</div>"
    html = f"<body><div id='content'><h1>Hot</h1>{story}</div></body>"
    assert "Body 4" in _main(html)


def test_thousands_of_comment_boxes_in_the_flow_stay_linear() -> None:
    from dehusk.classify.comments import comment_opening

    # Each comment-classed box is followed by more of the story in the story's own box: none
    # opens the thread, and the search stops trying after MAX_CLASS_TRIES.
    flow = "".join(
        f"<p>{POST} Part {i}.</p><div class='comment-count'><p>{POST}</p></div>"
        for i in range(3000)
    )
    options = Options()
    page = segment(parse(f"<body><article><h1>A story</h1>{flow}</article></body>", options))
    assert comment_opening(page, [True] * len(page.segments)) == -1
