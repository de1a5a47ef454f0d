"""The X-ray: every block of the page, tinted by label, kept and cut apart.

In: an ``Article`` and ``Options``. Out: ``xray(article, options)``, a self-contained HTML
page, and ``XRAY_COLOURS``, the tint of each label (the web page's ``/labels.css`` too).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from dehusk.article import Article, Block, Label, Options
from dehusk.render.body import in_body

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


def _fold(run: Sequence[int], blocks: Sequence[Block], options: Options) -> list[str]:
    """The ``div``s of the cut blocks ``run``, in one ``<details>`` when there are
    ``FOLD_MIN_RUN`` or more. (A module function, not a closure over ``_xray_runs``'
    lists: compiled by mypyc, a closure and its environment refer to each other.)"""
    if len(run) < FOLD_MIN_RUN:
        return [_xray_block(i, blocks[i], options) for i in run]
    counts: dict[str, int] = {}
    for i in run:
        counts[str(blocks[i].label)] = counts.get(str(blocks[i].label), 0) + 1
    said = ", ".join(f"{n} {label}" for label, n in counts.items())
    inner = "\n".join(_xray_block(i, blocks[i], options) for i in run)
    return [
        f"<details><summary>{len(run)} cut blocks ({html.escape(said)})</summary>"
        f"\n{inner}\n</details>"
    ]


def _xray_runs(blocks: Sequence[Block], options: Options) -> list[str]:
    """Each block's ``div``, runs of ``FOLD_MIN_RUN`` or more cut blocks folded in a
    ``<details>`` that says how many and of which labels."""
    out: list[str] = []
    run: list[int] = []
    for i, block in enumerate(blocks):
        if in_body(block, options):
            out.extend(_fold(run, blocks, options))
            run = []
            out.append(_xray_block(i, block, options))
        else:
            run.append(i)
    out.extend(_fold(run, blocks, options))
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
