"""Render stage: an ``Article`` → plain text, Markdown, JSON or HTML.

In: blocks (and for the full formats the ``Article``) plus ``Options``. Out: str. Plain
text joins the body blocks with blank lines; Markdown keeps headings, lists, quotes, tables,
code, bold, italic and inline code (``Block.marks``), links (with ``include=["links"]``)
and images with their captions; HTML is a reader page (``to_html``) or, with
``annotate``, the X-ray of every block (``xray``). ``body_items`` decides what both print:
the headline once, bold-only paragraphs as subheadings.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import NamedTuple

from dehusk.article import BODY_LABELS, Article, Block, Image, Label, Options

#: Optional parts of the page and the include switch that puts each in ``text``.
_OPTIONAL = {
    Label.CAPTION: "captions",
    Label.PULLQUOTE: "pullquotes",
    Label.COMMENT: "comments",
}


def in_body(block: Block, options: Options) -> bool:
    """Whether a block belongs in the rendered body under these options."""
    if block.label is Label.TABLE and not options.wants("tables"):
        return False
    if block.main and block.label in BODY_LABELS:
        return True
    switch = _OPTIONAL.get(block.label)
    return switch is not None and options.wants(switch) and block.duplicate_of is None


def body_text(blocks: Sequence[Block], options: Options) -> str:
    return "\n\n".join(b.text for b in blocks if in_body(b, options))


#: Link targets a rendered page may carry: a page's ``javascript:`` link must not become a
#: live link in the reader view.
_SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Span(NamedTuple):
    start: int
    end: int
    kind: str  # a ``MarkKind`` or "link"
    href: str = ""


def _spans(block: Block, links: bool) -> list[_Span]:
    """The block's marks (and links, when wanted) that nest, trimmed of edge whitespace.

    A span that overlaps another without nesting in it is dropped (it has no Markdown or
    HTML form); a span of whitespace only is dropped.
    """
    text = block.text
    raw = [_Span(m.start, m.end, m.kind) for m in block.marks]
    if links:
        raw += [_Span(k.start, k.end, "link", k.href) for k in block.links if _safe(k.href)]
    spans: list[_Span] = []
    for span in raw:
        piece = text[span.start : span.end]
        start = span.start + len(piece) - len(piece.lstrip())
        end = span.end - (len(piece) - len(piece.rstrip()))
        if start < end <= len(text):
            spans.append(span._replace(start=start, end=end))
    spans.sort(key=lambda k: (k.start, -k.end))
    kept: list[_Span] = []
    open_: list[_Span] = []
    for span in spans:
        while open_ and open_[-1].end <= span.start:
            open_.pop()
        if open_ and span.end > open_[-1].end:
            continue  # crosses the span it starts in
        kept.append(span)
        open_.append(span)
    return kept


def _safe(href: str) -> bool:
    low = href.strip().lower()
    return low.startswith(_SAFE_SCHEMES) or ":" not in low.split("/", 1)[0]


_MD_MARKS = {"strong": "**", "em": "*", "code": "`"}
_HTML_MARKS = {"strong": "strong", "em": "em", "code": "code"}


def _inline(text: str, spans: Sequence[_Span], html_out: bool) -> str:
    """``text`` with its spans as Markdown (``html_out=False``) or escaped HTML."""
    out: list[str] = []

    def emit(start: int, end: int, inner: Sequence[_Span]) -> None:
        pos = start
        i = 0
        while i < len(inner):
            span = inner[i]
            nested = [k for k in inner[i + 1 :] if k.start < span.end]
            out.append(_plain(text[pos : span.start], html_out))
            out.append(_open(span, html_out))
            if span.kind == "code" and not html_out:
                out.append(text[span.start : span.end])  # no markup inside a code span
            else:
                emit(span.start, span.end, nested)
            out.append(_close(span, html_out))
            pos = span.end
            i += 1 + len(nested)
        out.append(_plain(text[pos:end], html_out))

    emit(0, len(text), spans)
    return "".join(out)


def _plain(text: str, html_out: bool) -> str:
    return html.escape(text, quote=False) if html_out else text


def _open(span: _Span, html_out: bool) -> str:
    if span.kind == "link":
        return f'<a href="{html.escape(span.href)}">' if html_out else "["
    return f"<{_HTML_MARKS[span.kind]}>" if html_out else _MD_MARKS[span.kind]


def _close(span: _Span, html_out: bool) -> str:
    if span.kind == "link":
        return "</a>" if html_out else f"]({span.href})"
    return f"</{_HTML_MARKS[span.kind]}>" if html_out else _MD_MARKS[span.kind]


def _md_table(rows: Sequence[Sequence[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


#: A bold paragraph longer than this is emphasis, not a subheading.
SUBHEAD_MAX_CHARS = 120


def _is_subhead(block: Block) -> bool:
    """A paragraph that is bold from end to end and short: a subheading set as ``<p><b>``."""
    return (
        block.label is Label.PARAGRAPH
        and len(block.text) <= SUBHEAD_MAX_CHARS
        and any(
            m.kind == "strong" and m.start == 0 and m.end >= len(block.text) for m in block.marks
        )
    )


def _repeats(block: Block, title: str) -> bool:
    return block.label is Label.HEADING and _normal(block.text) == title


def _normal(text: str) -> str:
    return " ".join("".join(c for c in text.casefold() if c.isalnum() or c.isspace()).split())


class _Item(NamedTuple):
    """A block to render, its index (``at``) in ``Article.blocks``, the label to render it as."""

    at: int
    block: Block
    label: Label
    level: int


def body_items(article: Article, options: Options) -> list[_Item]:
    """The body blocks as the Markdown and HTML outputs print them.

    - A heading that repeats the title (letters and digits alike, case aside) is left out:
      the title is printed on top, and some pages set the headline as an ``<h2>``/``<h3>``
      the classifier keeps as a heading, or print it again after a teaser.
    - A paragraph that is only bold and stands between two body paragraphs is a
      subheading at the level of the article's top subheadings (2 when it has none): the
      page styled a heading as ``<p><strong>``.
    """
    chosen = [(i, b) for i, b in enumerate(article.blocks) if in_body(b, options)]
    title = _normal(article.title)
    if title:
        chosen = [(i, b) for i, b in chosen if not _repeats(b, title)]
    levels = [b.level for _, b in chosen if b.label is Label.HEADING and b.level]
    sub = max(2, min(levels, default=2))
    items = []
    for n, (i, block) in enumerate(chosen):
        neighbours = [chosen[m][1].label for m in (n - 1, n + 1) if 0 <= m < len(chosen)]
        if _is_subhead(block) and neighbours == [Label.PARAGRAPH, Label.PARAGRAPH]:
            items.append(_Item(i, block, Label.HEADING, sub))
        else:
            items.append(_Item(i, block, block.label, block.level))
    return items


def _md_block(item: _Item, links: bool) -> str:
    block = item.block
    if item.label is Label.HEADING:
        return "#" * max(1, min(item.level or 2, 6)) + " " + block.text
    if item.label is Label.CODE:
        return f"```\n{block.text}\n```"
    if item.label is Label.TABLE and block.rows:
        return _md_table(block.rows)
    text = _inline(block.text, _spans(block, links), html_out=False)
    if item.label is Label.LIST_ITEM:
        marker = "1." if block.ordered else "-"
        return "  " * max(0, block.level - 1) + f"{marker} {text}"
    if item.label in (Label.QUOTE, Label.PULLQUOTE):
        return "\n".join("> " + line for line in text.splitlines())
    if item.label is Label.CAPTION:
        return f"*{text}*"
    return text


def _md_image(image: Image) -> str:
    alt = image.alt.replace("]", "")
    line = f"![{alt}]({image.src})"
    note = " ".join(part for part in (image.caption, image.credit) if part)
    return f"{line}\n*{note}*" if note else line


def _join_md(parts: list[tuple[Label, str]]) -> str:
    out: list[str] = []
    for i, (label, text) in enumerate(parts):
        if i:
            tight = label is Label.LIST_ITEM and parts[i - 1][0] is Label.LIST_ITEM
            out.append("\n" if tight else "\n\n")
        out.append(text)
    return "".join(out)


def _images_at(article: Article) -> dict[int | None, list[Image]]:
    images: dict[int | None, list[Image]] = {}
    for image in article.images:
        images.setdefault(image.position, []).append(image)
    return images


def front_matter(article: Article) -> str:
    """YAML front matter of the article's facts (title, authors, dates, publisher, url,
    language), each only when known; strings quoted as JSON, which YAML reads as is."""
    m = article.metadata
    fields: list[tuple[str, str | list[str] | None]] = [
        ("title", m.title or None),
        ("authors", list(m.authors) or None),
        ("published", m.published),
        ("modified", m.modified),
        ("publisher", m.publisher or m.site_name),
        ("url", m.canonical_url or article.url),
        ("language", m.language),
    ]
    lines = [f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields if value]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def markdown(article: Article, options: Options) -> str:
    """The article as Markdown: the title as ``#``, then the body with images in place."""
    links = options.wants("links")
    images = _images_at(article)
    parts: list[tuple[Label, str]] = []
    if article.title:
        parts.append((Label.TITLE, f"# {article.title}"))
    placed = 0
    for item in body_items(article, options):
        while placed <= item.at:  # the images before this block (and any skipped ones)
            parts += [(Label.OTHER, _md_image(im)) for im in images.get(placed, [])]
            placed += 1
        parts.append((item.label, _md_block(item, links)))
    return _join_md(parts) + "\n"


_HTML_TAGS = {
    Label.PARAGRAPH: "p",
    Label.QUOTE: "blockquote",
    Label.PULLQUOTE: "blockquote",
    Label.CAPTION: "p",
    Label.COMMENT: "p",
}


def _html_table(rows: Sequence[Sequence[str]]) -> str:
    """A table whose first row is its header (``<th>``), as the Markdown table's is."""

    def row(cells: Sequence[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"

    head = row(rows[0], "th") if len(rows) > 1 else ""
    body = "".join(row(r, "td") for r in (rows[1:] if head else rows))
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def _html_block(item: _Item, links: bool) -> str:
    block = item.block
    if item.label is Label.HEADING:
        level = max(2, min(item.level or 2, 6))  # the one <h1> is the title
        return f"<h{level}>{html.escape(block.text)}</h{level}>"
    if item.label is Label.TABLE and block.rows:
        return _html_table(block.rows)
    if item.label is Label.CODE:
        return f"<pre><code>{html.escape(block.text)}</code></pre>"
    tag = _HTML_TAGS.get(item.label, "p")
    return f"<{tag}>{_inline(block.text, _spans(block, links), html_out=True)}</{tag}>"


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
    images = _images_at(article)
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
            content = _inline(item.block.text, _spans(item.block, links), html_out=True)
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


def to_json(article: Article, options: Options) -> str:
    return json.dumps(article.to_dict(annotate=options.annotate), ensure_ascii=False)


#: Tint of each label in the X-ray view: body kinds cool, husk warm, the rest grey.
XRAY_COLOURS: dict[Label, str] = {
    Label.TITLE: "#b9d7f5",
    Label.HEADING: "#a8d8c8",
    Label.PARAGRAPH: "#d4f0d0",
    Label.LIST_ITEM: "#c6ecb4",
    Label.QUOTE: "#d9ead3",
    Label.PULLQUOTE: "#e6d3f2",
    Label.TABLE: "#c9e4f2",
    Label.CODE: "#dcdcf0",
    Label.CAPTION: "#f2e6b8",
    Label.CREDIT: "#eadcae",
    Label.BYLINE: "#cfe2f3",
    Label.DATELINE: "#d7e3ee",
    Label.BIO: "#dfd3ea",
    Label.SYNDICATION: "#e3dbd0",
    Label.RELATED: "#f6c9a6",
    Label.NAVIGATION: "#f4b6b6",
    Label.PLAYER: "#f5b8dc",
    Label.CTA: "#f9d27a",
    Label.COMMENT: "#c7d3f9",
    Label.FOOTER: "#d9c3b5",
    Label.OTHER: "#dedede",
}

_XRAY_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:8px 16px;
z-index:1}
h1{font-size:18px;margin:0 0 4px} .meta{color:#555;font-size:13px}
.legend{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px;font-size:12px}
.legend span{padding:1px 6px;border-radius:3px;border:1px solid #0002}
.legend .k{border-left:5px solid #1a7f37} .legend .c{border-left:5px dashed #b42318;opacity:.6}
main{max-width:960px;margin:12px auto;padding:0 16px}
.b{margin:3px 0;padding:4px 8px 4px 10px;border-radius:3px;white-space:pre-wrap;
word-wrap:break-word}
.b.kept{border-left:6px solid #1a7f37}
.b.cut{border-left:6px dashed #b42318;opacity:.55;font-size:12px;margin:1px 0;
padding:1px 8px 1px 10px}
.b.cut .t{text-decoration:line-through #b4231866}
.tag{float:right;font:11px monospace;color:#333;margin-left:8px;white-space:nowrap}
.h{font-weight:600}
details{margin:3px 0} summary{cursor:pointer;color:#b42318;font-size:12px;padding:2px 8px}
.jump{margin-left:8px;font-weight:600}
"""


def _xray_block(i: int, block: Block, options: Options) -> str:
    kept = in_body(block, options)
    parts = [str(block.label), "kept" if kept else "cut"]
    if block.score is not None:
        parts.append(f"{block.score:.2f}")
    if block.duplicate_of is not None:
        parts.append(f"= #{block.duplicate_of}")
    title = html.escape(block.locator or "", quote=True)
    heading = " h" if block.label in (Label.HEADING, Label.TITLE) else ""
    return (
        f'<div class="b {"kept" if kept else "cut"}{heading}" id="b{i}" '
        f'style="background:{XRAY_COLOURS[block.label]}" title="{title}">'
        f'<span class="tag">#{i} {html.escape(" · ".join(parts))}</span>'
        f'<span class="t">{html.escape(block.text)}</span></div>'
    )


#: A run of at least this many cut blocks in a row is folded under one line with its count.
FOLD_MIN_RUN = 3


def _xray_runs(blocks: Sequence[Block], options: Options) -> list[str]:
    """Each block's ``div``, runs of ``FOLD_MIN_RUN`` or more cut blocks folded in a
    ``<details>`` that says how many and of which labels."""
    out: list[str] = []
    run: list[int] = []

    def fold() -> None:
        if len(run) >= FOLD_MIN_RUN:
            counts: dict[str, int] = {}
            for i in run:
                counts[str(blocks[i].label)] = counts.get(str(blocks[i].label), 0) + 1
            said = ", ".join(f"{n} {label}" for label, n in counts.items())
            inner = "\n".join(_xray_block(i, blocks[i], options) for i in run)
            out.append(
                f"<details><summary>{len(run)} cut blocks ({html.escape(said)})</summary>"
                f"\n{inner}\n</details>"
            )
        else:
            out.extend(_xray_block(i, blocks[i], options) for i in run)
        run.clear()

    for i, block in enumerate(blocks):
        if in_body(block, options):
            fold()
            out.append(_xray_block(i, block, options))
        else:
            run.append(i)
    fold()
    return out


def xray(article: Article, options: Options) -> str:
    """A self-contained HTML page showing every block, tinted by label, kept vs cut.

    Kept blocks (those in ``text`` under ``options``) have a solid green edge; cut blocks a
    dashed red edge, faded and struck through. Each carries its index, label, score and
    ``duplicate_of``; hovering shows its locator. A legend lists the labels on the page and
    links to the first kept block; runs of cut blocks are folded (``_xray_runs``).
    """
    kept = sum(in_body(b, options) for b in article.blocks)
    used = [label for label in Label if any(b.label is label for b in article.blocks)]
    legend = "".join(
        f'<span style="background:{XRAY_COLOURS[label]}">{label}</span>' for label in used
    )
    blocks = "\n".join(_xray_runs(article.blocks, options))
    first = next((i for i, b in enumerate(article.blocks) if in_body(b, options)), None)
    jump = f'<a class="jump" href="#b{first}">jump to the article</a>' if first is not None else ""
    title = html.escape(article.title or "(no title)")
    meta = html.escape(
        f"{article.url or ''}  page type: {article.page_type}  ·  "
        f"{kept} kept, {len(article.blocks) - kept} cut of {len(article.blocks)} blocks"
    )
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8">'
        f"<title>X-ray: {title}</title><style>{_XRAY_CSS}</style></head>\n<body>"
        f'<header><h1>X-ray: {title}</h1><div class="meta">{meta}</div>'
        f'<div class="legend"><span class="k">kept</span><span class="c">cut</span>'
        f"{legend} {jump}</div></header>\n<main>\n{blocks}\n</main></body></html>\n"
    )


def render(article: Article, fmt: str, options: Options, *, with_metadata: bool = False) -> str:
    """Dispatch on the output format name: text, markdown, json or html.

    ``html`` with ``options.annotate`` is the X-ray view (``xray``), not the reader view.
    ``with_metadata`` starts text and Markdown with YAML front matter (``front_matter``).
    """
    top = front_matter(article) if with_metadata else ""
    if fmt == "text":
        return top + article.text + "\n"
    if fmt == "markdown":
        return top + markdown(article, options)
    if fmt == "json":
        return to_json(article, options) + "\n"
    if fmt == "html":
        return xray(article, options) if options.annotate else to_html(article, options)
    raise ValueError(f"unknown format {fmt!r}")
