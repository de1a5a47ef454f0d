"""render: text, Markdown, JSON and HTML from one Article."""

import json

from dehusk.article import Article, Block, Image, Label, Link, Mark, Metadata, Options
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


# --- outputs a person reads -------------------------------------------------------------

P1 = "The river rose two metres overnight, officials said on Monday morning."
P2 = "Crews will clear the roads this week, the council said in a statement."
RICH = (
    Block("Rain Floods the Valley!", Label.HEADING, True, level=2),  # the headline again
    Block(P1, Label.PARAGRAPH, True, marks=(Mark(10, 14, "strong"), Mark(15, 18, "em"))),
    Block("What happens next", Label.PARAGRAPH, True, marks=(Mark(0, 17, "strong"),)),
    Block(P2, Label.PARAGRAPH, True, marks=(Mark(0, 5, "code"),)),
    Block("top", Label.LIST_ITEM, True, level=1),
    Block("inner", Label.LIST_ITEM, True, level=2, ordered=True),
    Block("next top", Label.LIST_ITEM, True, level=1),
    Block("t", Label.TABLE, True, rows=(("Name", "Age"), ("Ann", "41"))),
    Block(
        "See the map or this.",
        Label.PARAGRAPH,
        True,
        links=(Link(8, 11, "https://e.org/map"), Link(15, 19, "javascript:alert(1)")),
    ),
)
RICH_ARTICLE = Article(
    text=body_text(RICH, Options()),
    blocks=RICH,
    url="https://e.org/rain",
    metadata=Metadata(
        title="Rain floods the valley",
        authors=("Ann Lee", "Bo Chen"),
        published="2024-05-06T07:00:00+02:00",
        publisher="Valley Post",
        language="en",
        images=(
            Image("https://e.org/lead.jpg", "River", "The river at dawn.", "Photo: J. Doe", None),
            Image("https://e.org/in.jpg", "Road", "A closed road.", "AP", 3),
        ),
    ),
)


def test_markdown_keeps_emphasis_and_prints_the_headline_once() -> None:
    md = render(RICH_ARTICLE, "markdown", Options.make(include=["links"]))
    assert md.count("Rain") == 1 and md.startswith("# Rain floods the valley\n")
    assert "The river **rose** *two* metres" in md
    assert "\n## What happens next\n" in md  # bold-only paragraph between paragraphs
    assert "`Crews` will clear" in md
    assert "[map](https://e.org/map)" in md and "javascript:" not in md
    assert "![Road](https://e.org/in.jpg)\n*A closed road. AP*\n\n`Crews`" in md


def test_front_matter_on_text_and_markdown() -> None:
    for fmt in ("text", "markdown"):
        out = render(RICH_ARTICLE, fmt, Options(), with_metadata=True)
        head, rest = out.split("---\n", 2)[1:]
        assert head == (
            'title: "Rain floods the valley"\nauthors: ["Ann Lee", "Bo Chen"]\n'
            'published: "2024-05-06T07:00:00+02:00"\npublisher: "Valley Post"\n'
            'url: "https://e.org/rain"\nlanguage: "en"\n'
        )
        assert P1.split()[0] in rest
    assert not render(RICH_ARTICLE, "text", Options()).startswith("---")


def test_html_reader_page() -> None:
    page = render(RICH_ARTICLE, "html", Options())
    assert page.count("Rain floods the valley") == 2  # <title> and <h1>, not a third <h2>
    assert '<p class="byline">By Ann Lee and Bo Chen</p>' in page
    assert '<time datetime="2024-05-06T07:00:00+02:00">2024-05-06</time>' in page
    assert "Valley Post" in page
    assert (
        '<figure><img src="https://e.org/lead.jpg" alt="River"><figcaption>The river at '
        'dawn. <small class="credit">Photo: J. Doe</small></figcaption></figure>'
    ) in page
    assert "<ul><li>top<ol><li>inner</li></ol></li><li>next top</li></ul>" in page
    assert "<thead><tr><th>Name</th><th>Age</th></tr></thead><tbody><tr><td>Ann</td>" in page
    assert "The river <strong>rose</strong> <em>two</em>" in page
    assert "<h2>What happens next</h2>" in page and "<code>Crews</code>" in page
    links = render(RICH_ARTICLE, "html", Options.make(include=["links"]))
    assert '<a href="https://e.org/map">map</a>' in links and "javascript" not in links


def test_crossing_spans_are_dropped_not_mangled() -> None:
    block = Block(
        "one two three", Label.PARAGRAPH, True, marks=(Mark(0, 7, "em"), Mark(4, 13, "strong"))
    )
    article = Article(text=block.text, blocks=(block,))
    assert render(article, "markdown", Options()) == "*one two* three\n"


def test_xray_folds_cut_runs_and_jumps_to_the_article() -> None:
    menu = [Block(f"menu {i}", Label.NAVIGATION, False) for i in range(5)]
    blocks = (*menu, Block(P1, Label.PARAGRAPH, True))
    page = render(Article(text=P1, blocks=blocks), "html", Options(annotate=True))
    assert "<details><summary>5 cut blocks (5 navigation)</summary>" in page
    assert '<a class="jump" href="#b5">jump to the article</a>' in page


def test_headline_after_a_teaser_is_not_printed_again() -> None:
    blocks = (
        Block("Are we a match?", Label.PARAGRAPH, True),
        Block("Simple CRM. Clean & affordable.", Label.HEADING, True, level=1),
        Block(P1, Label.PARAGRAPH, True),
    )
    article = Article(
        text="", blocks=blocks, metadata=Metadata(title="Simple CRM: clean & affordable")
    )
    for fmt in ("markdown", "html"):
        assert render(article, fmt, Options()).count("affordable") == 1 + (fmt == "html")
