"""Reader comments after the article: where the page's comment section starts.

In: a ``Page`` and the classify stage's main/cut call per segment. Out: the indices of the
segments the call keeps that belong to the readers' comments, to be cut as ``comment``.

A comment thread under a blog post or a story is prose too, often more of it than the
post: the container choice keeps it whenever the thread and the post share a wrapper and
the thread holds a large share of the text (a class-named comment list is then no minor
part, see ``rules.HUSK_SHARE``), and on dragnet 85 pages were kept whole with their
threads. What marks a thread, on every kind of page:

- it comes *after* the article: at least ``MIN_BODY_BEFORE`` characters of kept prose
  precede it (a "20 Comments" count above the story is not the thread);
- it opens with a heading that names it ("Comments", "12 Responses to …", "Leave a
  Reply", "Kommentare") or with an element whose class or id says ``comment``
  (``<h2 id="comments">``, ``<ol class="commentlist">``: the anchor every blog engine
  links to);
- everything after that opening, in the article's container, is the thread (the comment
  form, the posts, their "Posted by: … at …" lines).

A forum's or a Q&A board's replies are its content: the page's URL or classes say it is one
(``forum_like``). The learned page type does not gate the rule: trained on wcxb-dev, it calls
a blog post with a long thread a forum (on dragnet, cutting those threads too gave +0.008
shingle-F1 on 47 pages; wcxb-dev lost one forum page whose URL says ``/post/``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

import numpy as np

from dehusk._native.walk import nearest_marked
from dehusk.article import Container, Label, Page
from dehusk.classify.rules import MAX_LINK_DENSITY, block_table, is_prose, link_density
from dehusk.segment import hint_words

#: Kept prose before the opening: less, and the "comments" heading is a page's menu or a
#: teaser's count, not the end of the article. A photo post says one line (on dragnet, 200
#: left five such posts with their "0 Comments »" and "Leave a comment"; 50 cost nothing).
MIN_BODY_BEFORE = 50
#: An element classed ``comment`` that recurs under this many different parents is a
#: card's comment count ("Posts 2", "Comments: 10 pages"), printed in every card of a list,
#: not the thread (a thread's replies recur under one parent, the list): on wcxb-dev,
#: listings carry such counts.
CARD_PARENTS = 3
#: Segments under a thread-classed element tried as the opening: each try reads the rest of
#: the page, and a thread opens at one of the first few (thousands of comment-classed boxes
#: in a story's flow would make the search quadratic).
MAX_CLASS_TRIES = 50
#: A heading longer than this is a headline that mentions comments, not the thread's title.
MAX_TITLE_CHARS = 120

#: The titles blog engines and news sites give their comment sections (WordPress, Movable
#: Type, Blogger, Disqus: "Comments", "20 Comments", "Comments (3)", "One Response to “…”",
#: "3 thoughts on “…”", "Leave a Reply"), in the languages of the dev pages. The whole
#: heading must be such a title: "Comment choisir son barbecue" is French for "how", and
#: "Discussion" alone is a paper's section.
_COUNT = r"(?:\d+|no|one|two|three)"
_WORD = (
    r"(?:reader\s+|user\s+|readers.\s+)?(?:comments?|responses?|replies|thoughts?|reactions?|"
    r"trackbacks?|pingbacks?|kommentare?|commentaires?|comentarios?|coment[aá]rios|commenti|"
    r"reacties|komentarze|комментарии)"
)
_TITLE = re.compile(
    rf"^\W*(?:{_COUNT}\s+)?{_WORD}\W*(?:\(?{_COUNT}\)?\W*)?$"
    rf"|^\W*{_COUNT}\s+{_WORD}\s+(?:to|on|for|about)\s+\S"
    r"|^\W*(?:leave|post|add|write|submit|join)\s+(?:a|your|the)\s+"
    r"(?:comment|reply|response|discussion|conversation)\b",
    re.IGNORECASE,
)
#: Class/id words of a comment thread (``segment``'s ``comment`` kind, minus the replies a
#: help page's sections are named after).
_THREAD_WORDS = frozenset({"comment", "comments", "disqus", "respond"})
#: A class/id token of more words than this is a slug of a heading ("respond-to-review-
#: comments", a docs generator's section id), not the name of the element's role.
MAX_ROLE_WORDS = 3
#: Where a page's replies are its content: URL parts and class/id words of forums and
#: Q&A boards (the dev sets' forum pages are 99 of 113 matched by their URL alone).
_FORUM_URL = re.compile(
    r"forum|thread|topic|community|discuss|question|board|/t/|/d/|/r/|/talk/",
    re.IGNORECASE,
)
_FORUM_WORDS = frozenset({"forum", "forums", "bbpress", "phpbb", "vbulletin", "xenforo", "topic"})


def comment_opening(page: Page, keep: Sequence[bool]) -> int:
    """The index of the segment that opens the comment section, or -1 when there is none.

    The opening may itself be cut already (the rules cut a heading classed ``comments``);
    only kept prose counts as the body before it. An element classed ``comment`` after which
    the body's paragraphs go on (in the elements that held the body so far) is a box inside
    the story (an embedded card's "Posts 2"), not the thread; so is one that holds less of
    the prose after it than the page goes on to print outside it (a "quick comments" widget
    in the story's side rail, the story's paragraphs after it)."""
    segs = page.segments
    # Only kept prose counts as the body before an opening: its running sum, per segment.
    prose = [
        len(s.text) if k and s.kind is not Label.HEADING and s.container >= 0 and is_prose(s) else 0
        for s, k in zip(segs, keep, strict=True)
    ]
    first = next((i for i, n in enumerate(prose) if n), -1)
    if first < 0:
        return -1
    # The body's first paragraph fixes which thread-classed elements are no thread: before
    # it no segment has the body it needs to be an opening.
    parent = block_table(page).parent
    body = frozenset(_ancestors(page, segs[first].container))
    nearest = _nearest_thread(parent, _threads(page), body)
    counts = _card_counts(page)
    before = tries = 0
    for i in range(first + 1, len(segs)):
        before += prose[i - 1]
        if before < MIN_BODY_BEFORE:
            continue
        seg = segs[i]
        if seg.kind is not Label.HEADING and (seg.container < 0 or nearest[seg.container] < 0):
            continue  # the common case: neither a heading nor under a thread-classed element
        opening, element = _opening(page, i, nearest, counts)
        if opening == "heading":
            return i
        if opening == "class" and tries < MAX_CLASS_TRIES:
            tries += 1
            if not body_goes_on(page, keep, i, _boxes(page, prose, i)) and not _outweighed(
                page, keep, i, element
            ):
                return i
    return -1


def _boxes(page: Page, prose: list[int], end: int) -> set[int]:
    """The elements that hold the body's paragraphs before segment ``end`` (the parents of
    the segments whose ``prose`` counts)."""
    segs, containers = page.segments, page.containers
    return {containers[segs[j].container].parent for j in range(end) if prose[j]}


def body_goes_on(page: Page, keep: Sequence[bool], start: int, boxes: set[int]) -> bool:
    """Whether kept prose after segment ``start`` sits in one of the body's ``boxes`` (the
    elements that hold its paragraphs)."""
    segs = page.segments
    return any(
        keep[j] and is_prose(segs[j]) and page.containers[segs[j].container].parent in boxes
        for j in range(start + 1, len(keep))
        if segs[j].container >= 0
    )


def _outweighed(page: Page, keep: Sequence[bool], start: int, element: int) -> bool:
    """Whether the kept prose after segment ``start`` outside ``element`` (and outside any
    other element classed as a thread) outweighs the prose inside it."""
    inside = outside = 0
    segs = page.segments
    for j in range(start, len(keep)):
        seg = segs[j]
        if (
            not keep[j]
            or seg.container < 0
            or not is_prose(seg)
            or link_density(seg) > MAX_LINK_DENSITY
        ):
            continue
        chain = _ancestors(page, seg.container)
        if element in chain:
            inside += len(seg.text)
        elif not any(_names_thread(page.containers[c]) for c in chain):
            outside += len(seg.text)
    return outside > inside


def _ancestors(page: Page, i: int) -> list[int]:
    out = []
    while i >= 0:
        out.append(i)
        i = page.containers[i].parent
    return out


def _card_counts(page: Page) -> frozenset[tuple[str, str]]:
    """The (tag, classes) of comment-classed elements that recur under ``CARD_PARENTS``
    different parents or more."""
    parents: dict[tuple[str, str], set[int]] = defaultdict(set)
    table = block_table(page)
    for i in np.flatnonzero(table.kind == table.kind_names.index("comment")).tolist():
        c = page.containers[i]
        parents[(c.tag, c.classes)].add(c.parent)
    return frozenset(k for k, v in parents.items() if len(v) >= CARD_PARENTS)


def _threads(page: Page) -> list[int]:
    """The containers whose class names a thread (``_names_thread``), in document order."""
    table = block_table(page)
    comment = table.kind_names.index("comment")
    candidates = np.flatnonzero(table.kind == comment).tolist()
    return [i for i in candidates if _names_thread(page.containers[i])]


def _nearest_thread(parent: np.ndarray, threads: list[int], body: frozenset[int]) -> list[int]:
    """Per container (``parent``: the block table's column): its nearest ancestor-or-self
    (-1: none) among ``threads`` (``_threads``) that is not one of ``body``'s, in one pass
    over the containers (``nearest_marked``)."""
    marked = np.zeros(len(parent), dtype=np.uint8)
    marked[[i for i in threads if i not in body]] = 1
    return np.frombuffer(nearest_marked(parent, marked, -1), dtype=np.int32).tolist()


def _opening(
    page: Page, i: int, nearest: list[int], counts: frozenset[tuple[str, str]]
) -> tuple[Literal["heading", "class", ""], int]:
    """How segment ``i`` opens the thread: as a heading that names it, inside an element
    classed ``comment`` that is no card's count (``counts``) and does not hold the body's
    first paragraph (``nearest``: ``_nearest_thread`` of that paragraph's containers; a
    theme's ``comments-open`` post wrapper is no thread), or not at all (""); and the
    classed element (-1: none)."""
    seg = page.segments[i]
    if seg.kind is Label.HEADING and len(seg.text) <= MAX_TITLE_CHARS and _TITLE.search(seg.text):
        return "heading", -1
    c = nearest[seg.container] if seg.container >= 0 else -1
    if c < 0:
        return "", -1
    element = page.containers[c]
    return ("class" if (element.tag, element.classes) not in counts else ""), c


def _names_thread(c: Container) -> bool:
    """Whether an element's class or id names a comment thread (a role name, not a slug)."""
    if c.kind != "comment":
        return False
    for token in f"{c.ident} {c.classes}".split():
        words = hint_words(token, "")
        if len(words) <= MAX_ROLE_WORDS and not _THREAD_WORDS.isdisjoint(words):
            return True
    return False


def forum_like(page: Page, url: str | None) -> bool:
    """Whether the page is a forum's or a board's: its URL or its classes say so."""
    if url and _FORUM_URL.search(url):
        return True
    # A class/id word is a run of letters of a name: where no forum word is even a part of
    # the page's names, no element's words hold one (most pages, and no word split needed).
    names = " ".join(f"{c.ident} {c.classes}" for c in page.containers).lower()
    if not any(word in names for word in _FORUM_WORDS):
        return False
    return any(not _FORUM_WORDS.isdisjoint(hint_words(c.ident, c.classes)) for c in page.containers)


def comment_thread(page: Page, keep: Sequence[bool], url: str | None) -> frozenset[int]:
    """The kept segments from the comment section's opening on (see the module docstring)."""
    # The opening first: most pages have none, and the forum test reads every element's
    # classes (1.3 ms a page against 0.3 for the opening).
    start = comment_opening(page, keep)
    if start < 0 or forum_like(page, url):
        return frozenset()
    return frozenset(i for i in range(start, len(keep)) if keep[i])
