"""parse: the repairs that keep lexbor from failing on hostile markup."""

from dehusk.article import Options
from dehusk.parse import close_title, flatten_deep, parse


def test_unclosed_title_does_not_swallow_the_page() -> None:
    html = "<html><head><title>Headline<body><p>The story is here.</p></body></html>"
    doc = parse(html, Options())
    assert doc.tree.body is not None
    assert "The story is here." in doc.tree.body.text()
    assert any("title" in w for w in doc.warnings)


def test_closed_title_is_left_alone() -> None:
    html = "<title>A</title><p>b</p>"
    assert close_title(html) == (html, False)


def test_deep_nesting_is_flattened_and_text_kept() -> None:
    html = "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000
    flat, changed = flatten_deep(html, 256)
    assert changed
    assert flat.count("<div>") == 256
    doc = parse(html, Options())
    assert "deep text" in doc.tree.body.text()


def test_normal_nesting_is_untouched() -> None:
    html = "<div><section><p>a</p><ul><li>b<li>c</ul></section></div>" * 500
    assert flatten_deep(html, 256) == (html, False)


def test_many_unclosed_paragraphs_are_not_deep() -> None:
    html = "<div>" + "<p>para" * 5000 + "</div>"
    assert flatten_deep(html, 256)[1] is False
