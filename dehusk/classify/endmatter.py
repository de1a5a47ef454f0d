"""End matter after the article: the sections a story's page prints after its last paragraph.

In: a ``Page``, the classify stage's main/cut call per segment and the page's type. Out: the
indices of the kept segments from the first end-matter heading on, to be cut.

A news or blog page closes its story with sections of its own kind, each under a heading
that names it: the author's bio ("About the Author"), a disclaimer, "Related Articles",
"You May Also Like", "More News", "Most Popular", "Tags". Where the container choice takes
the story's wrapper whole, those sections come with it, and their text reads as prose (a
bio is sentences). What marks them, on any site:

- the heading is the whole title of such a section (``_TITLE``: "About the author", not a
  headline that mentions an author);
- it comes *after* the article: ``MIN_BODY_BEFORE`` characters of kept prose precede it;
- the body does not go on after it: no kept prose after it sits in the elements that held
  the body's paragraphs (a "Related" box inside the story, the story's paragraphs after it,
  is an aside, not the end).

Only on article pages: a listing's or a docs page's sections are its content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dehusk.article import Label, Page, Segment
from dehusk.classify.comments import body_goes_on
from dehusk.classify.rules import is_prose

#: Kept prose before the heading: less, and the heading is a page's menu or its rail.
MIN_BODY_BEFORE = 400
#: Section-title headings tried as the opening: each try reads the rest of the page, and a
#: story's end matter opens at one of its first few (a hostile page of 50 000 "Related"
#: headings would make the search quadratic).
MAX_TRIES = 20
#: A heading longer than this is a headline, not a section's title.
MAX_TITLE_CHARS = 60

#: The titles of the sections that follow a story, each with the label its blocks take: the
#: author's or reviewer's bio, the publisher's disclaimer, the story's tags and the rails of
#: other stories.
_TITLES = (
    (
        Label.BIO,
        r"about\s+(?:the\s+|this\s+)?(?:authors?|writers?|reviewers?|contributors?|editors?)"
        r"|(?:the\s+)?authors?(?:'s)?\s+(?:bio|biography|info)",
    ),
    (Label.FOOTER, r"disclaimers?|tags|filed\s+under"),
    (
        Label.RELATED,
        r"related(?:\s+(?:articles?|posts?|stories|content|reading|coverage|news|topics|links))?"
        r"|you\s+(?:may|might|will|'ll)\s+also\s+(?:like|enjoy|be\s+interested\s+in)"
        r"|more\s+(?:news|stories|articles|posts|from\s+\S.*|on\s+\S.*|in\s+\S.*)"
        r"|recommended(?:\s+(?:for\s+you|reading|stories|articles|posts))?"
        r"|read\s+(?:more|next|also)|keep\s+reading|what\s+to\s+read\s+next"
        r"|(?:most\s+)?popular(?:\s+(?:now|stories|posts|articles))?|trending(?:\s+now)?"
        r"|most\s+(?:read|viewed|shared|emailed|commented)"
        r"|latest(?:\s+(?:news|stories|articles|posts|headlines))?"
        r"|editor'?s'?\s+picks|top\s+stories|don'?t\s+miss|around\s+the\s+web"
        r"|(?:sponsored|promoted|partner)\s+(?:content|stories|links)"
        r"|in\s+case\s+you\s+missed\s+it|share\s+(?:this|this\s+(?:article|post|story|page))"
        r"|recent\s+(?:posts|articles|stories|news|comments)|like\s+this|follow\s+us"
        r"|stay\s+connected|(?:sign\s+up\s+for|subscribe\s+to)\s+(?:our\s+|the\s+)?newsletters?"
        r"|newsletters?",
    ),
)
_PATTERNS = tuple(
    (label, re.compile(rf"^\W*(?:{words})\W*$", re.IGNORECASE)) for label, words in _TITLES
)


def _title_label(seg: Segment) -> Label | None:
    """The label of the end-matter section a heading opens, None if it opens none."""
    if seg.kind is not Label.HEADING or len(seg.text) > MAX_TITLE_CHARS:
        return None
    return next((label for label, pattern in _PATTERNS if pattern.search(seg.text)), None)


def end_matter(page: Page, keep: Sequence[bool], page_type: str) -> dict[int, Label]:
    """The kept segments from the end matter's opening heading on, each with the label of
    the section it is in (see the module docstring); none on a page that is not an
    article."""
    if page_type != "article":
        return {}
    before, boxes, tries = 0, set[int](), 0
    segs = page.segments
    for i, (seg, kept) in enumerate(zip(segs, keep, strict=True)):
        if not kept or seg.container < 0:
            continue
        label = _title_label(seg) if before >= MIN_BODY_BEFORE else None
        if label is not None:
            if not body_goes_on(page, keep, i, boxes) and not _resumes(segs, keep, i):
                return _sections(segs, keep, i, label)
            tries += 1
            if tries >= MAX_TRIES:
                return {}
        if seg.kind is not Label.HEADING and is_prose(seg):
            before += len(seg.text)
            boxes.add(page.containers[seg.container].parent)
    return {}


def _resumes(segs: Sequence[Segment], keep: Sequence[bool], start: int) -> bool:
    """Whether a kept heading after ``start`` of its rank or higher opens no end matter:
    the page goes on with another part of its story ("More on Wharton:" closes one school
    of a ranking, the next school's heading follows)."""
    level = segs[start].level
    return any(
        keep[j]
        and segs[j].kind is Label.HEADING
        and segs[j].level <= level
        and _title_label(segs[j]) is None
        for j in range(start + 1, len(keep))
    )


def _sections(
    segs: Sequence[Segment], keep: Sequence[bool], start: int, label: Label
) -> dict[int, Label]:
    """Each kept segment from ``start`` on, labelled by the last end-matter heading above it."""
    out = {}
    for j in range(start, len(keep)):
        if keep[j]:
            label = _title_label(segs[j]) or label
            out[j] = label
    return out
