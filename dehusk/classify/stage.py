"""Classify stage: segments → labelled blocks, each main (article) or cut, and the page type.

In: a ``Page`` and ``Options``. Out: ``Classified`` — a tuple of ``Block`` in reading order
and the page's type.

1. The heuristic cascade (``dehusk.classify.rules``) decides main or cut for every segment and names
   the kind of husk it cuts.
2. Unless ``Options.model`` is ``"rules"``, the rules found no article at all (an error
   page, a page without prose) or chose a grid of cards (a listing), the learned model
   (``dehusk.classify.model``) reads the page's features and the rules' decisions and makes the
   final main/cut call per block, and tells the page's type. Its probability is the
   block's ``score``. Three guards hold it to structure it cannot see: an article it empties
   keeps the rules' answer (or a short post's), a paragraph the rules keep stays beside a
   kept sibling paragraph, and a ``<nav>`` the rules cut stays cut.
3. A reader thread after the article is cut as ``comment`` (``dehusk.classify.comments``), on either
   path.
4. Labels: a main block keeps its structural label from the markup (heading, paragraph,
   list item, quote, table, code); a cut block takes the husk kind the rules name (from
   its classes, tags and link density: navigation, related, player, cta, footer…), see
   ``rules.label_of``. Captions stay captions, never main (``include=["captions"]`` puts
   them in the text).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from dehusk._native.walk import FLAG_NAMES, frozen_columns
from dehusk.article import Block, Label, Options, Page
from dehusk.classify.comments import comment_thread
from dehusk.classify.endmatter import end_matter
from dehusk.classify.model import RULES_ONLY, load, predict
from dehusk.classify.rules import Rules, block_table, label_of, locator, rules, short_post

#: ``BlockTable.flags``' bit of an element inside a ``<nav>``.
_NAV_BIT = 1 << FLAG_NAMES.index("nav")
#: The page type the rules path reports (it has no type model).
DEFAULT_PAGE_TYPE = "article"
#: Every ``Block`` field, in the order of the rows ``classify_page`` builds its blocks from
#: (``frozen_columns``: a page makes hundreds, and the dataclass's keyword ``__init__``
#: cost a quarter of the stage's own loop).
BLOCK_ROW = (
    *("text", "label", "main", "level", "ordered", "rows", "links", "score", "locator"),
    *("duplicate_of", "marks"),
)


class Classified(NamedTuple):
    """The classify stage's result: every block and the page's type."""

    blocks: tuple[Block, ...]
    page_type: str


class _Decisions(NamedTuple):
    keep: list[bool]
    scores: list[float]
    page_type: str  #: the type the block decisions read (no URL among its inputs)
    reported: str  #: the type the page is reported as (``model.Prediction.reported``)


def _decisions(page: Page, found: Rules, options: Options, url: str | None) -> _Decisions:
    if options.model == RULES_ONLY or not page.segments or found.empty:
        return _Decisions(list(found.main), list(found.values), *[DEFAULT_PAGE_TYPE] * 2)
    pred = predict(page, found, options.model, url)
    if found.card_mode:
        # The model overrode the rules' card grid and lost: out of fold, collection pages
        # went 0.618 -> 0.568 with it; trusting the grid gives 0.844 -> 0.848 over all pages.
        return _Decisions(list(found.main), pred.main.tolist(), pred.page_type, pred.reported)
    keep = (pred.main >= load(options.model).threshold).tolist()
    if not any(keep):
        # The rules found an article (else the model is not asked) and the model doubts
        # every block of it: a pasted paragraph, one story before 100 000 empty paragraphs.
        # Its empty answer is a miss: the content-classed candidate of a short post, or else
        # the rules' answer, stands (on dragnet the rules' answer alone lost five photo
        # posts to their sidebar).
        keep = short_post(page, found)
        keep = keep if any(keep) else list(found.main)
    keep = _runs_kept(page, found, _headline_story(page, found, keep))
    nav = _in_nav(page)
    keep = [k and (r or not n) for k, r, n in zip(keep, found.main, nav, strict=True)]
    return _Decisions(keep, pred.main.tolist(), pred.page_type, pred.reported)


def _parent(page: Page, i: int) -> int:
    container = page.segments[i].container
    return page.containers[container].parent if container >= 0 else -1


def _headline_story(page: Page, found: Rules, keep: list[bool]) -> list[bool]:
    """``keep`` with the rules' text beside a headline restored where the model keeps
    headings alone: the story under its headline (one 5 MB "word" of a one-paragraph story
    made the model doubt the paragraph and keep the headline). A heading the model keeps
    apart from the rules' article stays alone (a discussion page's linked title)."""
    kept = [i for i, k in enumerate(keep) if k]
    if not kept or any(page.segments[i].kind is not Label.HEADING for i in kept):
        return keep
    parents = {_parent(page, i) for i in kept} - {-1}
    return [k or (found.main[i] and _parent(page, i) in parents) for i, k in enumerate(keep)]


def _in_nav(page: Page) -> list[bool]:
    """Per segment: whether it lies in a ``<nav>``, HTML's own word for navigation, where
    the model may not overrule the rules' cut (it kept a two-link menu as a paragraph)."""
    table = block_table(page)
    inside = (table.flags & _NAV_BIT) != 0
    container = table.seg_container
    return np.where(container >= 0, inside[container], False).tolist()


def _runs_kept(page: Page, found: Rules, keep: list[bool]) -> list[bool]:
    """``keep`` with every paragraph the rules keep restored where the model keeps another
    paragraph of the same parent element: a story's paragraphs are one run of siblings, and
    the model, which reads each block's position on the page, doubted the back half of a
    long article (dragnet taught it that late text is often a comment thread; the threads
    are cut by ``dehusk.classify.comments``)."""
    kept_parents = {
        page.containers[s.container].parent
        for s, k in zip(page.segments, keep, strict=True)
        if k and s.kind is Label.PARAGRAPH and s.container >= 0
    }
    return [
        k
        or (
            s.kind is Label.PARAGRAPH
            and s.container >= 0
            and found.main[i]
            and page.containers[s.container].parent in kept_parents
        )
        for i, (s, k) in enumerate(zip(page.segments, keep, strict=True))
    ]


def classify_page(
    page: Page, options: Options, url: str | None = None, *, last_resort: bool = False
) -> Classified:
    """Label every segment of the page, mark the article's blocks main, tell the type.

    ``url`` (the page's address, when known) tells a forum's thread by its path
    (``comments.forum_like``) and is read by the reported type, never by the block model.
    ``last_resort``: where the call keeps nothing, take Readability's content-classed
    candidate (``rules.short_post``); the pipeline asks for it once neither the visible
    page nor its hidden content gave an article.
    """
    found = rules(page)
    keep, scores, page_type, reported = _decisions(page, found, options, url)
    if last_resort and not any(keep):
        keep = short_post(page, found)
    thread = comment_thread(page, keep, url)
    ending = end_matter(page, [k and i not in thread for i, k in enumerate(keep)], page_type)
    labels, main = _labels(found, keep, thread, ending, page)
    n = len(page.segments)
    # The segments' fields as columns (one C pass); every segment has all ten.
    fields = zip(*page.segments, strict=True) if n else ((),) * 10
    text, _, _, _, level, ordered, rows, links, _, marks = fields
    where = [locator(page, s.container) for s in page.segments] if options.annotate else [None] * n
    columns = (text, labels, main, level, ordered, rows, links, scores, where, [None] * n, marks)
    blocks = frozen_columns(Block, BLOCK_ROW, columns)
    return Classified(tuple(blocks), reported)


def _labels(
    found: Rules, keep: list[bool], thread: frozenset[int], ending: dict[int, Label], page: Page
) -> tuple[list[Label], list[bool]]:
    """Per segment, its label and whether it is main: a reader thread's are comments, the
    end matter's take its kind, a block the model kept or cut against the rules takes the
    label of that call (``label_of``), the rest the rules' label; captions are never main."""
    labels = list(found.labels)
    for i, (k, was_main) in enumerate(zip(keep, found.main, strict=True)):
        if k != was_main:
            seg = page.segments[i]
            labels[i] = label_of(seg, k, "" if k else found.husks[i], found.outside[i])
    keep = list(keep)
    for i in thread:
        keep[i], labels[i] = False, Label.COMMENT
    for i, label in ending.items():  # (``end_matter`` reads only what the thread left)
        keep[i], labels[i] = False, label
    return labels, [k and label is not Label.CAPTION for k, label in zip(keep, labels, strict=True)]


def classify(page: Page, options: Options) -> tuple[Block, ...]:
    """The labelled blocks of ``classify_page`` alone."""
    return classify_page(page, options).blocks
