"""The article as Markdown: ``markdown(article, options)``.

In: an ``Article`` and ``Options``. Out: str — the title as ``#``, then the body
(``body.body_items``) with headings, nested lists, quotes, tables, code fences, bold,
italic, inline code, links with ``include=["links"]``, and images with captions in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from dehusk.article import Article, Image, Label, Options
from dehusk.render.body import Item, body_items, images_at
from dehusk.render.inline import inline, spans


def _md_table(rows: Sequence[Sequence[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def _md_block(item: Item, links: bool) -> str:
    block = item.block
    if item.label is Label.HEADING:
        return "#" * max(1, min(item.level or 2, 6)) + " " + block.text
    if item.label is Label.CODE:
        return f"```\n{block.text}\n```"
    if item.label is Label.TABLE and block.rows:
        return _md_table(block.rows)
    text = inline(block.text, spans(block, links), html_out=False)
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


def markdown(article: Article, options: Options) -> str:
    """The article as Markdown: the title as ``#``, then the body with images in place."""
    links = options.wants("links")
    images = images_at(article)
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
