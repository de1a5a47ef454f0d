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

from itertools import compress

from dehusk.article import Label, Page

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


def readability_scores(page: Page, chars: list[int], links: list[int]) -> list[float]:
    """Per container: its Readability score (0 where no paragraph scored under it)."""
    raw = [0.0] * len(page.containers)
    scored = [False] * len(page.containers)
    for seg in page.segments:
        if seg.kind not in SCORED or len(seg.text) < MIN_CHARS or seg.container < 0:
            continue
        score = 1.0 + seg.text.count(",") + min(len(seg.text) // 100, 3)
        parent = page.containers[seg.container].parent
        for share in (1.0, 0.5):
            if parent < 0:
                break
            raw[parent] += score * share
            scored[parent] = True
            parent = page.containers[parent].parent
    out = [0.0] * len(page.containers)
    for i in compress(range(len(scored)), scored):
        c = page.containers[i]
        start = TAG_BONUS.get(c.tag, 0.0) + CLASS_WEIGHT * c.hint
        density = links[i] / chars[i] if chars[i] else 0.0
        out[i] = (start + raw[i]) * (1.0 - density)
    return out


def readability_best(page: Page, chars: list[int], links: list[int]) -> tuple[int, float]:
    """The container with the highest Readability score and that score; (-1, 0) if none."""
    scores = readability_scores(page, chars, links)
    # The first of the highest scores, as max() with a key would take it.
    best = scores.index(max(scores)) if scores else -1
    return (best, scores[best]) if best >= 0 and scores[best] > 0 else (-1, 0.0)
