"""Images: the lead image and the article's figures, resolved against the page URL."""

import gzip
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import dehusk
from dehusk.article import Block, Image, Label, PageImage
from dehusk.evidence import tree_evidence
from dehusk.metadata.images import (
    ARTICLE_SCOPES,
    CREDIT_SELECTOR,
    MAX_FIGURES,
    SRC_ATTRS,
    article_images,
    extract_images,
    figures,
    resolve,
    split_credit,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "metadata"

PAGE = """<html><body><article>
<figure><img data-src="/img/a.jpg" src="data:image/gif;base64,xx" alt="Fighters">
<figcaption>Fighters parade in Raqqa. <span class="credit">AP/Raqqa Media Center</span></figcaption>
</figure>
<figure><img src="b.jpg"><figcaption>A street in Raqqa (AP Photo/Jane Doe)</figcaption></figure>
<figure><p>no image here</p></figure>
</article><aside><figure><img src="/ad.jpg"></figure></aside></body></html>"""


def test_lead_then_figures_with_caption_and_credit() -> None:
    images = extract_images(
        tree_evidence(LexborHTMLParser(PAGE)),
        "https://x.org/news/story.html",
        "",
        ("https://cdn.x.org/lead.jpg",),
    )
    assert [i.src for i in images] == [
        "https://cdn.x.org/lead.jpg",
        "https://x.org/img/a.jpg",
        "https://x.org/news/b.jpg",
    ]
    assert images[1].caption == "Fighters parade in Raqqa."
    assert images[1].credit == "AP/Raqqa Media Center"
    assert images[1].alt == "Fighters"
    assert images[2].caption == "A street in Raqqa"
    assert images[2].credit == "AP Photo/Jane Doe"


def test_base_href_wins_over_page_url() -> None:
    images = extract_images(
        tree_evidence(LexborHTMLParser(PAGE)), "https://x.org/news/s.html", "https://cdn.y.org/", ()
    )
    assert images[1].src == "https://cdn.y.org/b.jpg"


def test_lead_image_repeated_in_a_figure_gets_its_caption() -> None:
    images = extract_images(
        tree_evidence(LexborHTMLParser(PAGE)), "https://x.org/", "", ("/img/a.jpg",)
    )
    assert images[0].src == "https://x.org/img/a.jpg"
    assert images[0].caption == "Fighters parade in Raqqa."


def test_split_credit() -> None:
    assert split_credit("Crowds gather. Photo: Reuters") == ("Crowds gather.", "Photo: Reuters")
    assert split_credit("No credit here") == ("No credit here", "")
    assert split_credit("Amr Dalsh / Reuters") == ("", "Amr Dalsh / Reuters")
    assert split_credit("Getty Images") == ("", "Getty Images")
    for caption in (
        "Protesters outside the Reuters building",
        "Fitness fanatics are over feeling burnt out. PixelVista / Getty Images",
    ):
        assert split_credit(caption) == (caption, "")


ARTICLE = """<html><head><meta property="og:image" content="https://cdn.x.org/photo.jpg">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Dam opens after ten years of work</h1>
<div class="photo"><img src="/uploads/photo-1024x683.jpg" alt="The dam"></div>
<p>The river was dammed on Monday after ten years of work by three firms and a village.</p>
<p><img src="/icons/share.svg"> <img src="/img/dot.png" width="16" height="16">
<img src="/uploads/2024/cta-newsletter-optin.jpg"> <img src="/app_icons/sparkle.png"></p>
<p>Engineers said the lake would take two winters to fill, and fish ladders are built.</p>
<div><img src="/uploads/ladder.jpg" alt="A fish ladder"></div>
<p>Farmers downstream asked for a share of the water in dry summers, and got one.</p>
<p>The village will hold a festival on the new shore when the lake is full next year.</p>
</article>
<aside><h2>More news</h2><a href="/a">A school opens its doors to the town</a>
<img src="/teaser.jpg"><a href="/b">A bridge closes for a month of repairs</a></aside>
</body></html>"""


def test_body_images_are_placed_and_icons_and_sidebars_left_out() -> None:
    article = dehusk.extract(ARTICLE, url="https://x.org/news/dam.html")
    images = article.images
    assert [i.src for i in images] == [
        "https://x.org/uploads/photo-1024x683.jpg",  # the og:image's resized copy: once
        "https://x.org/uploads/ladder.jpg",
    ]
    lead, ladder = images
    assert (lead.alt, ladder.alt) == ("The dam", "A fish ladder")
    blocks = article.blocks
    assert lead.position is not None and ladder.position is not None
    assert blocks[lead.position].text.startswith("The river was dammed")
    assert blocks[ladder.position].text.startswith("Farmers downstream")
    assert article.to_dict()["images"][1]["position"] == ladder.position  # JSON carries it


def test_a_caption_block_after_a_body_image_is_its_caption_and_credit() -> None:
    blocks = (
        Block("Dam opens", Label.HEADING, main=True),
        Block("The dam at dawn.", Label.CAPTION, main=False),
        Block("Photo: Jane Doe", Label.CREDIT, main=False),
        Block("The river was dammed on Monday.", Label.PARAGRAPH, main=True),
        Block("More news", Label.RELATED, main=False),
        Block("A school opens", Label.RELATED, main=False),
        Block("Farmers asked for a share of the water.", Label.PARAGRAPH, main=True),
    )
    walked = (
        PageImage("/dam.jpg", "The dam", 0, 1),
        PageImage("/teaser.jpg", "", 5, 5),  # inside the article, between a box's blocks
    )
    (image,) = article_images((), walked, blocks, "https://x.org/news/")
    assert image == Image(
        "https://x.org/dam.jpg", "The dam", "The dam at dawn.", "Photo: Jane Doe", position=1
    )


def test_a_real_blog_page_keeps_its_diagrams_in_reading_order() -> None:
    html = gzip.decompress((FIXTURES / "0407.html.gz").read_bytes())
    images = dehusk.extract(html, url="https://lmsys.org/blog/2025-12-17-minisgl").images
    names = [i.src.rsplit("/", 1)[-1] for i in images]
    assert names[:3] == ["logo.png", "design.drawio.png", "overlap.png"]
    assert {"shell.png", "offline.png", "online.png"} <= set(names)
    positions = [i.position for i in images[1:]]
    assert positions == sorted(positions)  # type: ignore[type-var]


def test_the_lead_is_the_declared_image_not_the_first_figure() -> None:
    blocks = (
        Block("Dam opens", Label.HEADING, main=True),
        Block("The river was dammed on Monday.", Label.PARAGRAPH, main=True),
        Block("Farmers asked for a share of the water.", Label.PARAGRAPH, main=True),
    )
    declared = (
        Image("https://x.org/img/loading.svg"),  # a spinner in the first <figure>
        Image("https://x.org/uploads/dam.jpg", caption="The dam at dawn."),
    )
    walked = (
        PageImage("/img/loading.svg", "", 0, 1),
        PageImage("/uploads/dam.jpg", "The dam", 0, 2),
    )
    root = "https://x.org/news/"
    # no declared lead: the article's pictures in reading order, the spinner left out
    assert [i.src for i in article_images(declared, walked, blocks, root)] == [
        "https://x.org/uploads/dam.jpg"
    ]
    # an og:image the body never shows leads, unplaced
    lead = Image("https://cdn.x.org/share.jpg")
    images = article_images((lead, *declared), walked, blocks, root, lead.src)
    assert [(i.src, i.position) for i in images] == [
        ("https://cdn.x.org/share.jpg", None),
        ("https://x.org/uploads/dam.jpg", 2),
    ]


PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
IDS = sorted(p.name for p in PAGES.iterdir() if (p / "page.html.gz").exists())


def _tree_figures(tree: LexborHTMLParser) -> list[tuple[str, str, str, str]]:
    """(src, alt, caption, credit) of each figure with an image, read with css queries."""
    scope = next((n for s in ARTICLE_SCOPES if (n := tree.css_first(s)) is not None), None)
    out = []
    for figure in scope.css("figure")[:MAX_FIGURES] if scope is not None else ():
        img = figure.css_first("img")
        if img is None:
            continue
        src = next((v for a in SRC_ATTRS if (v := img.attributes.get(a))), "")
        texts = [
            " ".join(n.text(separator=" ").split()) if n is not None else ""
            for n in (figure.css_first("figcaption"), figure.css_first(CREDIT_SELECTOR))
        ]
        out.append((src or "", " ".join((img.attributes.get("alt") or "").split()), *texts))
    return out


@pytest.mark.parametrize("name", IDS)
def test_figures_read_from_the_evidence_match_the_css_queries(name: str) -> None:
    raw = gzip.decompress((PAGES / name / "page.html.gz").read_bytes())
    tree = LexborHTMLParser(raw.decode("utf-8", "replace"))
    wanted = []
    for src, alt, caption, credit in _tree_figures(tree):
        if not resolve("https://x.org/", src):
            continue
        if credit and caption.endswith(credit):
            caption = caption[: -len(credit)].strip()
        elif not credit:
            caption, credit = split_credit(caption)
        wanted.append((resolve("https://x.org/", src), alt, caption, credit))
    got = figures(tree_evidence(tree), "https://x.org/")
    assert [(i.src, i.alt, i.caption, i.credit) for i in got] == wanted
