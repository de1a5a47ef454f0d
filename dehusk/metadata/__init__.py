"""Metadata stage: the facts around the story.

In: the parsed tree, the classified blocks and the page URL. Out: ``MetaResult`` — the
``Metadata``, the blocks with the title block marked (and later bylines, datelines, bios
and syndication lines relabelled out of the body), and warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from selectolax.lexbor import LexborHTMLParser

from dehusk.article import Block, Label, Metadata


@dataclass(frozen=True, slots=True)
class MetaResult:
    metadata: Metadata
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()


_SPACE = re.compile(r"\s+")


def _meta_content(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    value = node.attributes.get("content") if node is not None else None
    return _SPACE.sub(" ", value or "").strip()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def find_title(tree: LexborHTMLParser, blocks: Sequence[Block]) -> str:
    """The headline: og:title, else the first h1 block, else ``<title>``."""
    title = _meta_content(tree, 'meta[property="og:title"]')
    if not title:
        title = next((b.text for b in blocks if b.label is Label.HEADING and b.level == 1), "")
    if not title:
        node = tree.css_first("title")
        title = _SPACE.sub(" ", node.text()).strip() if node is not None else ""
    return title


def mark_title(blocks: Sequence[Block], title: str) -> tuple[Block, ...]:
    """Relabel the first heading that repeats the title as ``title``, out of the body."""
    want = _norm(title)
    out = list(blocks)
    for i, b in enumerate(out):
        if b.label is Label.HEADING and want and (_norm(b.text) == want or (
            b.level == 1 and _norm(b.text) in want)):
            out[i] = replace(b, label=Label.TITLE, main=False)
            break
    return tuple(out)


def extract_metadata(
    tree: LexborHTMLParser, blocks: Sequence[Block], url: str | None
) -> MetaResult:
    title = find_title(tree, blocks)
    return MetaResult(Metadata(title=title), mark_title(blocks, title))
