"""The public surface is what it means to be, and extract() works end to end."""

import gzip
from pathlib import Path

import pytest

import dehusk

DEMO = Path(__file__).parent.parent / "examples" / "wcxb-demo-article.html.gz"


def test_public_names() -> None:
    assert set(dehusk.__all__) == {
        "Article",
        "Block",
        "DecodeError",
        "DehuskError",
        "ExtractionError",
        "FetchError",
        "Image",
        "InputTooLarge",
        "Label",
        "Link",
        "Metadata",
        "Options",
        "TimeLimitExceeded",
        "extract",
        "extract_text",
    }


def test_label_set_is_closed() -> None:
    assert {str(label) for label in dehusk.Label} == {
        "title",
        "heading",
        "paragraph",
        "list_item",
        "quote",
        "pullquote",
        "table",
        "code",
        "caption",
        "credit",
        "byline",
        "dateline",
        "bio",
        "syndication",
        "related",
        "navigation",
        "player",
        "cta",
        "comment",
        "footer",
        "other",
    }


def test_extract_demo_page() -> None:
    article = dehusk.extract(gzip.decompress(DEMO.read_bytes()))
    assert article.title
    assert len(article.text) > 2000
    assert article.title not in article.text.split("\n\n")[0]
    data = article.to_dict()
    assert data["text"] == article.text and data["blocks"]


def test_options_reject_unknown_include() -> None:
    with pytest.raises(ValueError):
        dehusk.Options.make(include=["everything"])


def test_empty_input_gives_empty_article_with_warning() -> None:
    article = dehusk.extract(b"")
    assert article.text == "" and article.warnings


def test_markdown_places_article_images() -> None:
    import json

    folder = Path(__file__).parent / "fixtures" / "pages" / "0160"
    url = json.loads((folder / "truth.json").read_text())["url"]
    article = dehusk.extract(gzip.decompress((folder / "page.html.gz").read_bytes()), url=url)
    placed = [image for image in article.images if image.position is not None]
    assert placed and all(image.src.startswith("http") for image in placed)
    markdown = dehusk.render.render(article, "markdown", dehusk.Options())
    assert f"![{placed[0].alt.replace(']', '')}]({placed[0].src})" in markdown


def test_an_article_hidden_until_scripts_run_is_read_with_a_warning() -> None:
    paragraph = (
        "The council voted on Tuesday to rebuild the old harbour wall, after two winters of "
        "storms had broken it in three places and flooded the fish market twice. "
    )
    story = "".join(f"<p>{paragraph * 2}</p>" for _ in range(6))
    html = (
        "<html><head><title>Harbour wall to be rebuilt</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<div class='hide' style='visibility:hidden'><article><h1>Harbour wall to be rebuilt"
        f"</h1>{story}</article></div><script>document.querySelector('.hide')</script>"
        "</body></html>"
    )
    article = dehusk.extract(html)
    assert "rebuild the old harbour wall" in article.text
    assert dehusk.pipeline.REVEALED in article.warnings
    visible = html.replace("class='hide' style='visibility:hidden'", "")
    assert dehusk.pipeline.REVEALED not in dehusk.extract(visible).warnings


def test_nullable_facts_are_the_contract_keys_between_author_bios_and_tags() -> None:
    from dehusk.article import NULLABLE_FACTS

    keys = list(dehusk.extract(b"<p>One short paragraph.</p>").to_dict())
    start, end = keys.index("author_bios") + 1, keys.index("tags")
    assert tuple(keys[start:end]) == NULLABLE_FACTS
