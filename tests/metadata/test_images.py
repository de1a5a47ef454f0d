"""Images: the lead image and the article's figures, resolved against the page URL."""

from selectolax.lexbor import LexborHTMLParser

from dehusk.metadata.images import extract_images, split_credit

PAGE = """<html><body><article>
<figure><img data-src="/img/a.jpg" src="data:image/gif;base64,xx" alt="Fighters">
<figcaption>Fighters parade in Raqqa. <span class="credit">AP/Raqqa Media Center</span></figcaption>
</figure>
<figure><img src="b.jpg"><figcaption>A street in Raqqa (AP Photo/Jane Doe)</figcaption></figure>
<figure><p>no image here</p></figure>
</article><aside><figure><img src="/ad.jpg"></figure></aside></body></html>"""


def test_lead_then_figures_with_caption_and_credit() -> None:
    images = extract_images(
        LexborHTMLParser(PAGE), "https://x.org/news/story.html", "", ("https://cdn.x.org/lead.jpg",)
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
        LexborHTMLParser(PAGE), "https://x.org/news/s.html", "https://cdn.y.org/", ()
    )
    assert images[1].src == "https://cdn.y.org/b.jpg"


def test_lead_image_repeated_in_a_figure_gets_its_caption() -> None:
    images = extract_images(LexborHTMLParser(PAGE), "https://x.org/", "", ("/img/a.jpg",))
    assert images[0].src == "https://x.org/img/a.jpg"
    assert images[0].caption == "Fighters parade in Raqqa."


def test_split_credit() -> None:
    assert split_credit("Crowds gather. Photo: Reuters") == ("Crowds gather.", "Photo: Reuters")
    assert split_credit("No credit here") == ("No credit here", "")
