"""endmatter: the bio, disclaimer and rails after a story are cut; a ranking's own parts stay."""

from dehusk.article import Label, Options, Page
from dehusk.classify import classify_page
from dehusk.classify.endmatter import end_matter
from dehusk.parse import parse
from dehusk.segment import segment

PARA = (
    "Exercising regularly can improve symptoms of mild to moderate depression, according to "
    "an analysis of nearly a hundred trials that followed thousands of adults for months."
)


def _page(body: str) -> Page:
    return segment(parse(f"<body>{body}</body>", Options()), Options())


STORY = f"""<article><h1>Exercise eases depression</h1>
<div class="story"><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div>
<div class="about"><h2>About the Author</h2>
<p>Maureen Salamon is the executive editor of the newsletter, and has written for years.</p></div>
<div class="legal"><h2>Disclaimer:</h2>
<p>As a service to our readers, we provide access to our library of archived content.</p></div>
</article>"""


def test_the_bio_and_disclaimer_after_the_story_are_cut() -> None:
    page = _page(STORY)
    keep = [True] * len(page.segments)
    cut = end_matter(page, keep, "article")
    texts = {page.segments[i].text[:16]: label for i, label in cut.items()}
    assert texts["About the Author"] is Label.BIO
    assert texts["Maureen Salamon "] is Label.BIO
    assert texts["Disclaimer:"] is Label.FOOTER
    assert texts["As a service to "] is Label.FOOTER
    assert not any(page.segments[i].text.startswith("Exercising") for i in cut)


def test_only_on_article_pages() -> None:
    page = _page(STORY)
    assert end_matter(page, [True] * len(page.segments), "listing") == {}


def test_a_section_title_inside_a_ranking_is_no_end() -> None:
    items = "".join(
        f"<div class='item'><h2>{n}. School {n}</h2><div><p>{PARA}</p></div>"
        f"<div class='links'><h4>More on School {n}:</h4><p>{PARA}</p></div></div>"
        for n in range(1, 5)
    )
    page = _page(f"<article><h1>The best schools</h1>{items}</article>")
    # The last item's "More on" is followed by no heading of its rank: only it may go.
    cut = end_matter(page, [True] * len(page.segments), "article")
    assert all(page.segments[i].text != "4. School 4" for i in cut)
    assert {page.segments[i].text for i in cut} <= {"More on School 4:", PARA}


def test_the_stage_labels_the_cut_blocks() -> None:
    blocks = classify_page(_page(STORY), Options(model="rules")).blocks
    labels = {b.text[:16]: (b.label, b.main) for b in blocks}
    assert labels["About the Author"] == (Label.BIO, False)
    assert labels["Exercising regul"][1] is True


def test_a_blogs_recent_posts_and_newsletter_box_after_the_post_are_related() -> None:
    page = _page(
        f"<article><h1>A post</h1><div class='entry'><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p>"
        "</div><div class='after'><h3>Recent Posts</h3><p>Another post of this blog, and one "
        "more of the same week.</p><h3>Subscribe to our newsletter</h3><p>Every week, the "
        "best of the blog in your inbox.</p></div></article>"
    )
    cut = end_matter(page, [True] * len(page.segments), "article")
    assert {page.segments[i].text for i in cut} >= {"Recent Posts", "Subscribe to our newsletter"}
    assert set(cut.values()) == {Label.RELATED}


def test_many_section_titles_in_the_flow_stay_linear() -> None:
    # Each "Related" is followed by more of the story in its box: none is the end matter,
    # and the search gives up after MAX_TRIES instead of reading the page once per heading.
    flow = f"<p>{PARA}</p>" + "".join(f"<h3>Related</h3><p>{PARA}</p>" for _ in range(3000))
    page = _page(f"<article><h1>A story</h1><div class='body'>{flow}</div></article>")
    assert end_matter(page, [True] * len(page.segments), "article") == {}
