"""classify: the article's blocks are main, the husk around them is cut and labelled."""

from dataclasses import fields

from dehusk.article import Block, Label, Options
from dehusk.classify import classify
from dehusk.classify.stage import BLOCK_ROW
from dehusk.parse import parse
from dehusk.segment import segment

PARA = (
    "The council voted on Tuesday to expand the city's bus network, adding four routes "
    "that will connect the eastern suburbs with the hospital district by next spring."
)

PAGE = f"""
<body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li>
<li><a href="/s">Sports</a></li></ul></nav></header>
<div class="player">Play Live Radio</div>
<main><article>
  <h1>Buses for the east</h1>
  <div class="body">
    <p>{PARA}</p>
    <h2>What changes</h2>
    <p>{PARA} Residents welcomed the decision, though some asked for later services.</p>
    <ul><li>Route 12 runs every ten minutes during the morning peak hours.</li>
        <li>Route 14 adds a night service on Fridays and on Saturdays.</li></ul>
    <p>{PARA} The first buses will run in March, the council said in a statement.</p>
  </div>
  <aside class="related"><h3>More News</h3><ul>
    <li><a href="/a">Council approves budget for next year</a></li>
    <li><a href="/b">New bridge opens to traffic after delays</a></li></ul></aside>
  <div class="newsletter">Support nonprofit journalism you trust. Give now.</div>
</article></main>
<footer><p>© 2024 City News</p><a href="/privacy">Privacy</a></footer>
</body>"""


def _blocks(html: str):
    options = Options(annotate=True)
    return classify(segment(parse(html, options)), options)


def test_article_blocks_are_main_and_husk_is_cut() -> None:
    blocks = _blocks(PAGE)
    main = [b.text for b in blocks if b.main]
    assert main[0] == "Buses for the east"  # the title is marked later, by metadata
    assert "What changes" in main and PARA in main
    assert any(t.startswith("Route 12") for t in main)
    cut = {b.text: b.label for b in blocks if not b.main}
    assert cut["Home"] is Label.NAVIGATION
    assert cut["Play Live Radio"] is Label.PLAYER
    assert cut["More News"] is Label.RELATED
    assert cut["Support nonprofit journalism you trust. Give now."] is Label.CTA
    assert cut["© 2024 City News"] is Label.FOOTER


def test_structure_survives_classification() -> None:
    blocks = {b.text: b for b in _blocks(PAGE)}
    assert blocks["What changes"].label is Label.HEADING
    assert blocks["What changes"].level == 2
    route = next(b for t, b in blocks.items() if t.startswith("Route 12"))
    assert route.label is Label.LIST_ITEM


def test_annotate_gives_scores_and_locators() -> None:
    block = next(b for b in _blocks(PAGE) if b.text == PARA)
    assert block.score is not None and block.score > 0
    assert block.locator is not None and "p" in block.locator


def test_page_without_article_has_no_main_block() -> None:
    login = (
        "<body><form><label>User</label><input name=u><label>Password</label>"
        "<input type=password><button>Log in</button></form><a href='/r'>Register</a></body>"
    )
    assert not any(b.main for b in _blocks(login))


def test_card_grid_is_the_content_of_a_listing_page() -> None:
    cards = "".join(
        f"<div class='card'><a href='/p{i}'>Product number {i}</a><div>${i}9.99</div>"
        f"<div>4.5 out of 5 stars</div></div>"
        for i in range(8)
    )
    html = f"<nav><a href='/'>Home</a></nav><div class='grid'>{cards}</div><footer>© Shop</footer>"
    main = [b.text for b in _blocks(html) if b.main]
    assert "Product number 3" in main and "$39.99" in main
    assert "Home" not in main and "© Shop" not in main


def test_a_long_article_is_kept_to_its_end_on_the_learned_path() -> None:
    # The learned model reads each block's position on the page; a story's paragraphs are
    # one run of siblings, so where it keeps some of them and the rules keep all, all stay.
    paragraphs = "".join(
        f"<p>Paragraph {i} of a very long article, with enough words in it to read like "
        "prose that a patient reader might read.</p>"
        for i in range(600)
    )
    html = f"<html><head><title>A long page</title></head><body><article>{paragraphs}</article>"
    options = Options()
    blocks = classify(segment(parse(html, options)), options)
    assert all(b.main for b in blocks)


def test_a_fragment_of_one_paragraph_is_kept_on_the_learned_path() -> None:
    html = "<p>" + "Le café crème du matin est servi à la terrasse, comme toujours. " * 3 + "</p>"
    options = Options()
    assert [b.main for b in classify(segment(parse(html, options)), options)] == [True]


def test_a_headline_kept_alone_brings_its_story_back() -> None:
    from dehusk.classify.rules import rules
    from dehusk.classify.stage import _headline_story

    html = f"<article><h1>A headline</h1><p>{PARA}</p></article><div><h2>Elsewhere</h2></div>"
    page = segment(parse(html, Options()), Options())
    found = rules(page)
    headline_only = [s.kind is Label.HEADING and s.text == "A headline" for s in page.segments]
    kept = _headline_story(page, found, headline_only)
    assert [s.text for s, k in zip(page.segments, kept, strict=True) if k] == ["A headline", PARA]
    apart = [s.text == "Elsewhere" for s in page.segments]
    assert _headline_story(page, found, apart) == apart


def test_blocks_are_the_dataclass_made_by_its_init():
    # classify_page fills its Blocks natively from rows of BLOCK_ROW: every field, set
    # exactly as Block(...) sets them (equal, and each field readable).
    assert set(BLOCK_ROW) == {f.name for f in fields(Block)}
    assert len(BLOCK_ROW) == len(fields(Block))
    for block in _blocks(PAGE):
        made = Block(**{name: getattr(block, name) for name in BLOCK_ROW})
        assert made == block
        assert hash(made) == hash(block)
