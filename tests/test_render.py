"""render: text, Markdown, JSON and HTML from one Article."""

import json

from dehusk.article import Article, Block, Image, Label, Link, Metadata, Options
from dehusk.render import body_text, render

BLOCKS = (
    Block("Title", Label.TITLE, False),
    Block(
        "First paragraph with a link.",
        Label.PARAGRAPH,
        True,
        links=(Link(23, 27, "https://example.org/x"),),
    ),
    Block("Section", Label.HEADING, True, level=2),
    Block("one", Label.LIST_ITEM, True, level=1),
    Block("two", Label.LIST_ITEM, True, level=2, ordered=True),
    Block("A caption.", Label.CAPTION, False),
    Block("| a |", Label.TABLE, True, rows=(("h1", "h2"), ("a|b", "c"))),
    Block("print(1)", Label.CODE, True),
    Block("Quoted words.", Label.QUOTE, True),
    Block("Menu", Label.NAVIGATION, False),
)
ARTICLE = Article(
    text=body_text(BLOCKS, Options()),
    blocks=BLOCKS,
    metadata=Metadata(title="Title", images=(Image("https://e.org/i.jpg", "Alt", "Cap", "", 1),)),
)


def test_text_has_body_only_with_blank_lines() -> None:
    assert ARTICLE.text.split("\n\n")[:3] == ["First paragraph with a link.", "Section", "one"]
    assert "Menu" not in ARTICLE.text and "A caption." not in ARTICLE.text


def test_captions_join_text_when_asked() -> None:
    assert "A caption." in body_text(BLOCKS, Options.make(include=["captions"]))


def test_markdown_structure() -> None:
    md = render(ARTICLE, "markdown", Options())
    assert md.startswith("# Title\n")
    assert "## Section" in md
    assert "- one\n  1. two" in md
    assert "| h1 | h2 |\n| --- | --- |\n| a\\|b | c |" in md
    assert "```\nprint(1)\n```" in md
    assert "> Quoted words." in md
    assert "![Alt](https://e.org/i.jpg)\n*Cap*" in md
    assert "[link]" not in md


def test_markdown_links_when_asked() -> None:
    md = render(ARTICLE, "markdown", Options.make(include=["links"]))
    assert "[link](https://example.org/x)" in md


def test_json_is_the_data_contract() -> None:
    data = json.loads(render(ARTICLE, "json", Options()))
    assert data["title"] == "Title"
    assert data["text"] == ARTICLE.text
    assert data["blocks"][2] == {"label": "heading", "text": "Section", "main": True, "level": 2}
    assert "score" not in data["blocks"][0]
    annotated = json.loads(render(ARTICLE, "json", Options(annotate=True)))
    assert "locator" in annotated["blocks"][0]


def test_html_is_escaped_and_complete() -> None:
    page = render(ARTICLE, "html", Options())
    assert page.startswith("<!doctype html>") and "<h2>Section</h2>" in page
    assert "<td>a|b</td>" in page and "Menu" not in page


def test_xray_shows_every_block_with_a_legend() -> None:
    blocks = (*BLOCKS, Block("<script>x</script> & more", Label.CTA, False, score=0.1))
    article = Article(text=body_text(blocks, Options()), blocks=blocks, page_type="forum")
    page = render(article, "html", Options(annotate=True))
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert page.count('class="b ') == len(blocks)
    for i, block in enumerate(blocks):
        assert f'id="b{i}"' in page
        assert str(block.label) in page
    assert "&lt;script&gt;x&lt;/script&gt; &amp; more" in page and "<script>" not in page
    assert 'class="legend"' in page and "kept" in page and "cut" in page
    assert page.count('class="b kept') == sum(1 for b in blocks if b.main)
    assert "page type: forum" in page


def test_xray_through_the_cli(capsys, tmp_path) -> None:
    from dehusk.cli import main

    path = tmp_path / "page.html"
    para = "The council voted on Tuesday to expand the city's bus network by four routes."
    path.write_text(f"<nav><a href='/'>Home</a></nav><article><p>{para}</p></article>")
    assert main(["extract", str(path), "--format", "html", "--annotate"]) == 0
    out = capsys.readouterr().out
    assert "X-ray" in out and para.replace("'", "&#x27;") in out and "Home" in out
