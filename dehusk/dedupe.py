"""Dedupe stage: repeated text collapses to one block.

In: labelled blocks. Out: the same blocks, where a block that repeats an earlier one (a
caption printed twice, a mobile copy) or restates a body sentence (a pull quote) is cut
(``main=False``) and points at the block it repeats through ``duplicate_of``. On a page a
pull quote is a quotation its markup sets apart (``<blockquote>``); a paragraph in the flow
that shares a sentence with another is body. Among lines of flattened text, which carry no
markup, any short line that restates a body sentence is one.

Captions: when any copy of a repeated text is a caption (a ``<figcaption>`` and the same
words again as alt-style text or a mobile copy), every copy is a ``caption``; the first is
the caption, the others point at it. A photo credit printed as its own block next to a
caption ("AP/Raqqa Media Center", "Photo: Jane Doe") is a ``credit``, never body text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dehusk._native.walk import quoted_sources, word_runs
from dehusk.article import Block, Label
from dehusk.credits import is_credit

#: A pull quote restates at least this many words of a longer body block.
PULLQUOTE_MIN_WORDS = 6
#: Blocks shorter than this (normalised) are too common to call duplicates ("Share").
DUPLICATE_MIN_CHARS = 20
#: More candidates than this opening with the same words are template text, not quotes.
MAX_SHARED_OPENINGS = 4
#: Only blocks up to this long are tried as pull quotes (they are a sentence or two).
PULLQUOTE_MAX_CHARS = 400

#: What may be a pull quote in a page's blocks: only a quotation the markup sets apart
#: (``<blockquote>``). Out of fold on both dev sets, of the paragraphs and headings cut as a
#: pull quote of a body block whose truth prints either copy, the truth printed the cut one
#: 257 times of 289 (a subheading the next paragraph restates, a table of contents' entry
#: over its section, a sentence a later paragraph repeats); of the blockquotes, 13 of 45.
QUOTABLE = frozenset({Label.QUOTE, Label.PULLQUOTE})
#: What may be one among lines of flattened text (text mode): lines carry no markup, so a
#: paragraph or heading that restates a body sentence is all the evidence there is.
QUOTABLE_LINES = frozenset({Label.PARAGRAPH, Label.QUOTE, Label.HEADING, Label.PULLQUOTE})


def normalise(text: str) -> str:
    """The lowercase words (``\\w+`` runs) of ``text``, one space between (one C pass)."""
    return word_runs(text)


def _first_copies(blocks: Sequence[Block], keys: list[str]) -> list[Block]:
    seen: dict[str, int] = {}
    captions = {k for b, k in zip(blocks, keys, strict=True) if b.label is Label.CAPTION}
    out = list(blocks)
    for i, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        if len(key) < DUPLICATE_MIN_CHARS:
            continue
        caption = key in captions
        # A copy repeats the first *kept* copy: when the first was cut (a teaser of the
        # story's opening in a rail), the text still comes out once, from the body.
        first = seen.setdefault(key, i) if block.main or caption else seen.get(key, i)
        if first == i:
            if caption and block.label is not Label.CAPTION:
                out[i] = replace(block, label=Label.CAPTION, main=False)
        elif caption:
            out[i] = replace(block, label=Label.CAPTION, main=False, duplicate_of=first)
        elif block.main:
            out[i] = replace(block, main=False, duplicate_of=first)
    return out


def _credits(blocks: list[Block]) -> list[Block]:
    """Credit lines printed as their own block beside a caption become ``credit``."""
    captions = [i for i, block in enumerate(blocks) if block.label is Label.CAPTION]
    # Only a caption and its two neighbours can be captionish (a relabelled credit is no
    # longer a caption, so the test reads the list as it goes, in order).
    near = sorted({j for i in captions for j in (i - 1, i, i + 1) if 0 <= j < len(blocks)})
    for i in near:
        block = blocks[i]
        if block.label is not Label.CREDIT and _captionish(blocks, i) and is_credit(block.text):
            blocks[i] = replace(block, label=Label.CREDIT, main=False, duplicate_of=None)
    return blocks


def _captionish(blocks: list[Block], i: int) -> bool:
    """Whether block ``i`` is a caption or stands right beside one."""
    block = blocks[i]
    return (
        block.label is Label.CAPTION
        or (i > 0 and blocks[i - 1].label is Label.CAPTION and blocks[i - 1] is not block)
        or (
            i + 1 < len(blocks)
            and blocks[i + 1].label is Label.CAPTION
            and blocks[i + 1] is not block
        )
    )


def _pullquotes(blocks: list[Block], keys: list[str], quotable: frozenset[Label]) -> list[Block]:
    """Mark short blocks of a ``quotable`` label whose words stand inside a longer main
    block as pull quotes.

    Linear in the page's words: candidates are indexed by their first PULLQUOTE_MIN_WORDS
    words, and each main block's windows of that many words are looked up once. A window
    shared by more than MAX_SHARED_OPENINGS candidates is template text, not a quote, and
    is dropped from the index (without that cap, 400 000 paragraphs opening alike made the
    search quadratic).
    """
    # Every candidate is a main block: each main block's words are split once.
    mains = [(j, keys[j].split()) for j, block in enumerate(blocks) if block.main]
    index: dict[tuple[str, ...], list[tuple[int, list[str]]]] = {}
    for i, words in mains:
        if len(words) >= PULLQUOTE_MIN_WORDS and _quotable(blocks[i], quotable):
            index.setdefault(tuple(words[:PULLQUOTE_MIN_WORDS]), []).append((i, words))
    index = {k: v for k, v in index.items() if len(v) <= MAX_SHARED_OPENINGS}
    found: dict[int, int] = {}
    if index:
        # Each main block's windows are looked up in C (``quoted_sources``); a window opening
        # with none of the keys' first words is in no key, so it is never built.
        firsts = frozenset(key[0] for key in index)
        found = quoted_sources(mains, index, firsts, PULLQUOTE_MIN_WORDS)
    for i, source in found.items():
        blocks[i] = replace(blocks[i], label=Label.PULLQUOTE, main=False, duplicate_of=source)
    return blocks


def _quotable(block: Block, quotable: frozenset[Label]) -> bool:
    return block.main and block.label in quotable and len(block.text) <= PULLQUOTE_MAX_CHARS


def dedupe(blocks: Sequence[Block], quotable: frozenset[Label] = QUOTABLE) -> tuple[Block, ...]:
    """Collapse repeated blocks and pull quotes (see the module docstring). ``quotable``:
    the labels a pull quote may have (``QUOTABLE`` for a page's blocks, ``QUOTABLE_LINES``
    for lines of text)."""
    keys = list(map(word_runs, [b.text for b in blocks]))  # normalise, without a call each
    return tuple(_pullquotes(_credits(_first_copies(blocks, keys)), keys, quotable))
