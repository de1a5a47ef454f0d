"""What the readable outputs print of an article: which blocks, and as what.

In: an ``Article`` (or its blocks) and ``Options``. Out: ``in_body`` (whether a block is in
the rendered body), ``body_text`` (the ``text`` of the data contract) and ``body_items``
(the blocks Markdown and the HTML reader page print, each with the label and level to
print it as), ``images_at`` (the article's images by the block they stand before).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
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
    return _shown(block, *_printed(options))


def body_text(blocks: Sequence[Block], options: Options) -> str:
    body, optional = _printed(options)
    return "\n\n".join(b.text for b in blocks if _shown(b, body, optional))


@lru_cache(maxsize=64)
def _printed(options: Options) -> tuple[frozenset[Label], frozenset[Label]]:
    """The labels a main block is printed with, and the optional parts' labels the options
    switch on (printed once: not their repeated copies)."""
    body = BODY_LABELS if options.wants("tables") else BODY_LABELS - {Label.TABLE}
    return body, frozenset(label for label, part in _OPTIONAL.items() if options.wants(part))


def _shown(block: Block, body: frozenset[Label], optional: frozenset[Label]) -> bool:
    return (block.main and block.label in body) or (
        block.label in optional and block.duplicate_of is None
    )


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


class Item(NamedTuple):
    """A block to render, its index (``at``) in ``Article.blocks``, the label to render it as."""

    at: int
    block: Block
    label: Label
    level: int


def body_items(article: Article, options: Options) -> list[Item]:
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
            items.append(Item(i, block, Label.HEADING, sub))
        else:
            items.append(Item(i, block, block.label, block.level))
    return items


def images_at(article: Article) -> dict[int | None, list[Image]]:
    images: dict[int | None, list[Image]] = {}
    for image in article.images:
        images.setdefault(image.position, []).append(image)
    return images
