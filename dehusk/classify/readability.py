"""A second, independent container choice: Readability's paragraph score propagated upwards.

In: a ``Page`` (its segments and containers) and the subtree character and link sums. Out: the
container Readability (arc90, as readability-lxml runs it) would take as the article, or -1.

Each paragraph-like segment of at least ``MIN_CHARS`` characters scores
``1 + commas + min(chars // 100, 3)``; the score goes whole to the element's parent and half to
its grandparent. A candidate starts from its tag's bonus (a ``div`` is a likely wrapper, a list
or a heading is not) and ±25 for a content or boilerplate class, and its total is scaled by
``1 - link density`` of its subtree. It reads what the rules' value does not: commas (sentences
of prose), how paragraphs cluster under one parent, and links over the whole subtree, so when
the two choices disagree the rules' container is checked against it (``dehusk.classify.rules``).
"""

from __future__ import annotations

import numpy as np

from dehusk._native.walk import TAG_NAME_OF
from dehusk.article import LABELS, Label, Page

#: Shorter text is not scored (Readability's 25 characters).
MIN_CHARS = 25
#: Readability's class weight for a content / boilerplate class or id.
CLASS_WEIGHT = 25.0
#: Readability's initial score by tag.
TAG_BONUS = {
    "div": 5.0,
    "article": 5.0,
    "main": 5.0,
    "section": 5.0,
    "pre": 3.0,
    "td": 3.0,
    "blockquote": 3.0,
    "address": -3.0,
    "ol": -3.0,
    "ul": -3.0,
    "dl": -3.0,
    "dd": -3.0,
    "dt": -3.0,
    "li": -3.0,
    "form": -3.0,
    "h1": -5.0,
    "h2": -5.0,
    "h3": -5.0,
    "h4": -5.0,
    "h5": -5.0,
    "h6": -5.0,
    "th": -5.0,
}
#: The kinds Readability scores (``p``, ``pre``, ``td`` and text-only ``div``s).
SCORED = frozenset({Label.PARAGRAPH, Label.CODE, Label.QUOTE, Label.TABLE})
#: Per ``BlockTable.seg_label`` code: whether Readability scores the kind.
_SCORED_CODE = np.array([label in SCORED for label in LABELS])
#: ``TAG_BONUS`` per lexbor tag id (``BlockTable.tag``).
_TAG_BONUS = np.array(
    [TAG_BONUS.get(TAG_NAME_OF.get(tid, ""), 0.0) for tid in range(max(TAG_NAME_OF) + 1)]
)


def readability_scores(page: Page, chars: list[int], links: list[int]) -> np.ndarray:
    """Per container: its Readability score (0 where no paragraph scored under it).

    NumPy over the block table: the paragraph scores are integers and their halves, so
    their sums are exact in any order."""
    table = page.table
    if table is None:
        raise ValueError("Readability's score needs the block table of the native walk")
    n = len(page.containers)
    size = table.seg_chars
    ok = np.flatnonzero(
        _SCORED_CODE[table.seg_label] & (size >= MIN_CHARS) & (table.seg_container >= 0)
    )
    segments = page.segments
    commas = np.fromiter((segments[i].text.count(",") for i in ok.tolist()), np.float64, len(ok))
    score = 1.0 + commas + np.minimum(size[ok] // 100, 3)
    raw, scored = np.zeros(n), np.zeros(n, dtype=bool)
    parent = table.parent[table.seg_container[ok]]
    for share in (1.0, 0.5):
        up = parent >= 0
        parent, score = parent[up], score[up]
        np.add.at(raw, parent, score * share)
        scored[parent] = True
        parent = table.parent[parent]
    total = np.asarray(chars, dtype=np.float64)
    density = np.divide(links, total, out=np.zeros(n), where=total > 0)
    start = _TAG_BONUS[table.tag] + CLASS_WEIGHT * table.hint
    return np.where(scored, (start + raw) * (1.0 - density), 0.0)


def readability_best(page: Page, chars: list[int], links: list[int]) -> tuple[int, float]:
    """The container with the highest Readability score and that score; (-1, 0) if none."""
    scores = readability_scores(page, chars, links)
    # The first of the highest scores, as max() with a key would take it.
    best = int(np.argmax(scores)) if len(scores) else -1
    return (best, float(scores[best])) if best >= 0 and scores[best] > 0 else (-1, 0.0)
