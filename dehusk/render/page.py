"""The article as a clean, self-contained HTML reader page: ``to_html(article, options)``.

In: an ``Article`` and ``Options``. Out: str — title, byline, date and publisher on top,
the lead image, then the body (``body.body_items``) with nested lists, tables with header
cells, figures with captions and credits, bold/italic/code kept.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from dehusk.article import Article, Block, Image, Label, Options
from dehusk.render.body import Item, body_items, images_at
from dehusk.render.inline import inline, spans

_HTML_TAGS = {
    Label.PARAGRAPH: "p",
    Label.QUOTE: "blockquote",
    Label.PULLQUOTE: "blockquote",
    Label.CAPTION: "p",
    Label.COMMENT: "p",
}


def _html_row(cells: Sequence[str], tag: str) -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"


def _html_table(rows: Sequence[Sequence[str]]) -> str:
    """A table whose first row is its header (``<th>``), as the Markdown table's is."""
    head = _html_row(rows[0], "th") if len(rows) > 1 else ""
    body = "".join(_html_row(r, "td") for r in (rows[1:] if head else rows))
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def _html_block(item: Item, links: bool) -> str:
    block = item.block
    if item.label is Label.HEADING:
        level = max(2, min(item.level or 2, 6))  # the one <h1> is the title
        return f"<h{level}>{html.escape(block.text)}</h{level}>"
    if item.label is Label.TABLE and block.rows:
        return _html_table(block.rows)
    if item.label is Label.CODE:
        return f"<pre><code>{html.escape(block.text)}</code></pre>"
    tag = _HTML_TAGS.get(item.label, "p")
    return f"<{tag}>{inline(block.text, spans(block, links), html_out=True)}</{tag}>"


def _html_figure(image: Image) -> str:
    parts = [f'<img src="{html.escape(image.src)}" alt="{html.escape(image.alt)}">']
    if image.caption or image.credit:
        credit = f' <small class="credit">{html.escape(image.credit)}</small>'
        parts.append(
            f"<figcaption>{html.escape(image.caption)}{credit if image.credit else ''}</figcaption>"
        )
    return "<figure>" + "".join(parts) + "</figure>"


class _Lists:
    """Opens and closes ``<ul>``/``<ol>`` around list items so that nesting shows."""

    def __init__(self) -> None:
        self.open: list[str] = []

    def close(self, depth: int = 0) -> str:
        out = []
        while len(self.open) > depth:
            out.append(f"</li></{self.open.pop()}>")
        return "".join(out)

    def item(self, block: Block, content: str) -> str:
        depth = max(1, block.level)
        tag = "ol" if block.ordered else "ul"
        out = [self.close(depth)]
        if len(self.open) == depth:
            out.append("</li>")
            if self.open[-1] != tag:
                out.append(f"</{self.open.pop()}>")
        while len(self.open) < depth:
            out.append(f"<{tag}>")
            self.open.append(tag)
        return "".join(out) + f"<li>{content}"


def _html_header(article: Article) -> str:
    m = article.metadata
    parts = [f"<h1>{html.escape(m.title)}</h1>"] if m.title else []
    if m.authors:
        names = list(m.authors)
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f'<p class="byline">By {html.escape(shown)}</p>')
    facts = []
    if m.published:
        facts.append(f'<time datetime="{html.escape(m.published)}">{m.published[:10]}</time>')
    publisher = m.publisher or m.site_name
    if publisher:
        facts.append(f'<span class="publisher">{html.escape(publisher)}</span>')
    if facts:
        parts.append('<p class="meta">' + " · ".join(facts) + "</p>")
    return "<header>" + "".join(parts) + "</header>"


_READER_CSS = (
    "body{font:18px/1.6 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;"
    "color:#222}h1{font-size:2em;line-height:1.2;margin-bottom:.3em}"
    ".byline,.meta{color:#555;font:15px/1.4 system-ui,sans-serif;margin:.2em 0}"
    "figure{margin:1.5em 0}img{max-width:100%}figcaption{font-size:.85em;color:#555}"
    ".credit{color:#888}table{border-collapse:collapse}th,td{border:1px solid #ccc;"
    "padding:.2em .5em}th{background:#f3f3f3}blockquote{border-left:3px solid #ccc;"
    "margin-left:0;padding-left:1em;color:#444}pre{overflow:auto;background:#f6f6f6;"
    "padding:.5em}"
)


def to_html(article: Article, options: Options) -> str:
    """A clean, self-contained HTML page of the article (a reader view): title, byline,
    date and publisher on top, the lead image, then the body with lists nested, tables
    with header cells and figures with their captions and credits in place."""
    links = options.wants("links")
    images = images_at(article)
    lists = _Lists()
    out = [_html_header(article)]
    out += [_html_figure(im) for im in images.get(None, [])]
    placed = 0
    for item in body_items(article, options):
        figures = []
        while placed <= item.at:
            figures += [_html_figure(im) for im in images.get(placed, [])]
            placed += 1
        if figures:
            out[-1] += lists.close()
            out += figures
        if item.label is Label.LIST_ITEM:  # one line per list, from <ul> to </ul>
            content = inline(item.block.text, spans(item.block, links), html_out=True)
            if lists.open:
                out[-1] += lists.item(item.block, content)
            else:
                out.append(lists.item(item.block, content))
        else:
            out[-1] += lists.close()
            out.append(_html_block(item, links))
    out[-1] += lists.close()
    title = html.escape(article.title)
    lang = html.escape(article.metadata.language or "")
    body = "\n".join(part for part in out if part)
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_READER_CSS}</style></head>\n"
        f"<body><article>\n{body}\n</article></body></html>\n"
    )
