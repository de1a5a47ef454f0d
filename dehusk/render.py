"""Render stage: an ``Article`` → plain text, Markdown, JSON or HTML.

In: blocks (and for the full formats the ``Article``) plus ``Options``. Out: str. Plain
text joins the body blocks with blank lines; Markdown keeps headings, lists, quotes, tables,
code, links (with ``include=["links"]``) and images with their captions.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

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


def _md_inline(block: Block, links: bool) -> str:
    text = block.text
    if not links or not block.links:
        return text
    out, last = [], 0
    for link in sorted(block.links, key=lambda k: k.start):
        if link.start < last or link.end > len(text):
            continue
        out.append(text[last : link.start])
        out.append(f"[{text[link.start : link.end]}]({link.href})")
        last = link.end
    out.append(text[last:])
    return "".join(out)


def _md_table(rows: Sequence[Sequence[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def _md_block(block: Block, links: bool) -> str:
    text = _md_inline(block, links)
    if block.label is Label.HEADING:
        return "#" * max(1, min(block.level or 2, 6)) + " " + text
    if block.label is Label.LIST_ITEM:
        marker = "1." if block.ordered else "-"
        return "  " * max(0, block.level - 1) + f"{marker} {text}"
    if block.label in (Label.QUOTE, Label.PULLQUOTE):
        return "\n".join("> " + line for line in text.splitlines())
    if block.label is Label.CODE:
        return f"```\n{block.text}\n```"
    if block.label is Label.TABLE and block.rows:
        return _md_table(block.rows)
    if block.label is Label.CAPTION:
        return f"*{text}*"
    return text


def _md_image(image: Image) -> str:
    alt = image.alt.replace("]", "")
    line = f"![{alt}]({image.src})"
    return f"{line}\n*{image.caption}*" if image.caption else line


def _join_md(parts: list[tuple[Label, str]]) -> str:
    out: list[str] = []
    for i, (label, text) in enumerate(parts):
        if i:
            tight = label is Label.LIST_ITEM and parts[i - 1][0] is Label.LIST_ITEM
            out.append("\n" if tight else "\n\n")
        out.append(text)
    return "".join(out)


def markdown(article: Article, options: Options) -> str:
    """The article as Markdown: the title as ``#``, then the body with images in place."""
    links = options.wants("links")
    images: dict[int, list[Image]] = {}
    for image in article.images:
        if image.position is not None:
            images.setdefault(image.position, []).append(image)
    parts: list[tuple[Label, str]] = []
    if article.title:
        parts.append((Label.TITLE, f"# {article.title}"))
    for i, block in enumerate(article.blocks):
        parts += [(Label.OTHER, _md_image(im)) for im in images.get(i, [])]
        if in_body(block, options):
            parts.append((block.label, _md_block(block, links)))
    return _join_md(parts) + "\n"


_HTML_TAGS = {
    Label.PARAGRAPH: "p",
    Label.LIST_ITEM: "li",
    Label.QUOTE: "blockquote",
    Label.PULLQUOTE: "blockquote",
    Label.CODE: "pre",
    Label.CAPTION: "figcaption",
    Label.COMMENT: "p",
}


def _html_block(block: Block) -> str:
    if block.label is Label.HEADING:
        level = max(1, min(block.level or 2, 6))
        return f"<h{level}>{html.escape(block.text)}</h{level}>"
    if block.label is Label.TABLE and block.rows:
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in block.rows
        )
        return f"<table>{rows}</table>"
    tag = _HTML_TAGS.get(block.label, "p")
    return f"<{tag}>{html.escape(block.text)}</{tag}>"


def to_html(article: Article, options: Options) -> str:
    """A clean, self-contained HTML page of the article (a reader view)."""
    body = "\n".join(_html_block(b) for b in article.blocks if in_body(b, options))
    title = html.escape(article.title)
    lang = html.escape(article.metadata.language or "")
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body><article>\n<h1>{title}</h1>\n{body}\n"
        "</article></body></html>\n"
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


def xray(article: Article, options: Options) -> str:
    """A self-contained HTML page showing every block, tinted by label, kept vs cut.

    Kept blocks (those in ``text`` under ``options``) have a solid green edge; cut blocks a
    dashed red edge, faded and struck through. Each carries its index, label, score and
    ``duplicate_of``; hovering shows its locator. A legend lists the labels on the page.
    """
    kept = sum(in_body(b, options) for b in article.blocks)
    used = [label for label in Label if any(b.label is label for b in article.blocks)]
    legend = "".join(
        f'<span style="background:{XRAY_COLOURS[label]}">{label}</span>' for label in used
    )
    blocks = "\n".join(_xray_block(i, b, options) for i, b in enumerate(article.blocks))
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
        f"{legend}</div></header>\n<main>\n{blocks}\n</main></body></html>\n"
    )


def render(article: Article, fmt: str, options: Options) -> str:
    """Dispatch on the output format name: text, markdown, json or html.

    ``html`` with ``options.annotate`` is the X-ray view (``xray``), not the reader view.
    """
    if fmt == "text":
        return article.text + "\n"
    if fmt == "markdown":
        return markdown(article, options)
    if fmt == "json":
        return to_json(article, options) + "\n"
    if fmt == "html":
        return xray(article, options) if options.annotate else to_html(article, options)
    raise ValueError(f"unknown format {fmt!r}")
