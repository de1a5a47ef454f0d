"""Dedupe stage: repeated text collapses to one block.

In: labelled blocks. Out: the same blocks, where a block that repeats an earlier one (a
caption printed twice, a mobile copy) or restates a body sentence (a pull quote) is cut
(``main=False``) and points at the block it repeats through ``duplicate_of``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from dehusk.article import Block, Label

#: A pull quote restates at least this many words of a longer body block.
PULLQUOTE_MIN_WORDS = 6
#: Blocks shorter than this (normalised) are too common to call duplicates ("Share").
DUPLICATE_MIN_CHARS = 20
#: Only blocks up to this long are tried as pull quotes (they are a sentence or two).
PULLQUOTE_MAX_CHARS = 400

_WORDS = re.compile(r"\w+")
_QUOTABLE = frozenset({Label.PARAGRAPH, Label.QUOTE, Label.HEADING, Label.PULLQUOTE})


def normalise(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _first_copies(blocks: Sequence[Block], keys: list[str]) -> list[Block]:
    seen: dict[str, int] = {}
    out = list(blocks)
    for i, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        if len(key) < DUPLICATE_MIN_CHARS:
            continue
        first = seen.setdefault(key, i)
        if first != i and (block.main or block.label is Label.CAPTION):
            out[i] = replace(block, main=False, duplicate_of=first)
    return out


def _pullquote_source(i: int, key: str, blocks: list[Block], keys: list[str]) -> int | None:
    for j, (other, other_key) in enumerate(zip(blocks, keys, strict=True)):
        if j != i and other.main and len(other_key) > len(key) and key in other_key:
            return j
    return None


def _pullquotes(blocks: list[Block], keys: list[str]) -> list[Block]:
    # One C-speed count over the whole body rules out almost every block before the
    # pairwise search.
    body = "\n".join(k for b, k in zip(blocks, keys, strict=True) if b.main)
    for i, block in enumerate(blocks):
        key = keys[i]
        if body.count(key) < 2:
            continue
        if not (block.main and block.label in _QUOTABLE and len(block.text) <= PULLQUOTE_MAX_CHARS):
            continue
        if len(key.split()) < PULLQUOTE_MIN_WORDS:
            continue
        source = _pullquote_source(i, key, blocks, keys)
        if source is not None:
            blocks[i] = replace(block, label=Label.PULLQUOTE, main=False, duplicate_of=source)
    return blocks


def dedupe(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Collapse repeated blocks and pull quotes (see the module docstring)."""
    keys = [normalise(b.text) for b in blocks]
    return tuple(_pullquotes(_first_copies(blocks, keys), keys))
