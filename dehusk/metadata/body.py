"""Metadata blocks of the body: the title, bylines, datelines, bios and syndication lines.

In: the classified blocks, the authors already known from structured data, the names to
exclude (site, publisher) and "now". Out: the blocks with those relabelled (``main=False``)
and ``BodyFacts`` — the authors, date, bios and original publisher they carry.

Conservative by design: a relabelled body sentence is lost text, so only blocks near the
top or the bottom of the body (``TOP_MAIN``/``BOTTOM_MAIN``) are looked at, each recogniser
wants a short block matching its pattern, and a block already labelled as something other
than prose (a quote, a list item, a caption) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from dehusk.article import Block, Label
from dehusk.metadata.authors import byline_names, clean_authors, is_bio, mostly_names
from dehusk.metadata.dates import dateline_date, parse_date
from dehusk.metadata.syndication import lead_credit, syndication_line

#: Main blocks looked at from the top and from the bottom of the body, and non-main
#: blocks looked at around them (bylines often sit between the headline and the body).
TOP_MAIN = 3
BOTTOM_MAIN = 4
AROUND = 3
#: Longest upstream-labelled byline read as a bare list of names (characters).
MAX_UPSTREAM_BYLINE = 60
#: Labels a metadata block may carry before it is recognised.
RELABELLABLE = frozenset({Label.PARAGRAPH, Label.OTHER, Label.HEADING})

#: A block that only announces the byline in the next block ("Written by" / "Edzel Tabing").
LEAD_IN = re.compile(
    r"^\s*(?:written|posted|words|article|story|published)?\s*by\s*:?\s*$|^\s*authors?\s*:?\s*$",
    re.IGNORECASE,
)

_NORM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class BodyFacts:
    """What the metadata blocks of the body say."""

    authors: tuple[str, ...] = ()
    published: str | None = None
    bios: tuple[str, ...] = ()
    original_publisher: str = ""


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def mark_title(blocks: Sequence[Block], title: str) -> tuple[Block, ...]:
    """Relabel the first heading that repeats the title as ``title``, out of the body."""
    want = _norm(title)
    out = list(blocks)
    for i, b in enumerate(out):
        if not (b.label is Label.HEADING or (b.label is Label.OTHER and b.level == 1)):
            continue  # (tested first: only headings are worth normalising)
        text = _norm(b.text)
        same = bool(want) and (text == want or (b.level == 1 and bool(text) and text in want))
        if same:
            out[i] = replace(b, label=Label.TITLE, main=False)
            break
    return tuple(out)


def zones(blocks: Sequence[Block]) -> tuple[list[int], list[int]]:
    """Indices near the top and near the bottom of the body, in reading order."""
    main = [i for i, b in enumerate(blocks) if b.main]
    title = next((i for i, b in enumerate(blocks) if b.label is Label.TITLE), None)
    if not main:
        start = title + 1 if title is not None else len(blocks)
        return list(range(start, min(len(blocks), start + AROUND + 1))), []
    top_start = title + 1 if title is not None and title < main[0] else max(0, main[0] - AROUND)
    top_end = main[min(TOP_MAIN, len(main)) - 1]
    bottom_start = main[max(0, len(main) - BOTTOM_MAIN)]
    top = list(range(top_start, top_end + 1))
    bottom = [
        i for i in range(bottom_start, min(len(blocks), main[-1] + AROUND + 1)) if i not in top
    ]
    return top, bottom


def relabel_body(
    blocks: Sequence[Block], known: tuple[str, ...], exclude: tuple[str, ...], now: datetime
) -> tuple[tuple[Block, ...], BodyFacts]:
    """Recognise and relabel the metadata blocks (see the module docstring)."""
    out = list(blocks)
    top, bottom = zones(out)
    authors: list[str] = []
    dates: list[str] = []
    bios: list[str] = []
    publisher = ""
    for i in (*top, *bottom):
        block = out[i]
        if block.label is Label.BYLINE:  # labelled upstream: the names are still ours to read
            if i in top and not authors:  # the first one under the headline, not expert boxes
                authors.extend(upstream_byline(block.text, known, exclude))
            continue
        if block.label not in RELABELLABLE or (block.label is Label.HEADING and block.level <= 1):
            continue
        label, value = recognise(block.text, (*known, *authors), exclude, now)
        if label is None and LEAD_IN.match(block.text) and i + 1 < len(out):
            value = byline_names("By " + out[i + 1].text, (), exclude)
            if value and out[i + 1].label in RELABELLABLE:
                label = Label.BYLINE
                out[i + 1] = replace(out[i + 1], label=label, main=False)
        if label is None:
            continue
        out[i] = replace(block, label=label, main=False)
        if label is Label.BYLINE:
            authors.extend(value)
            day = parse_date(block.text, now) if i in top else None
            dates.extend((day,) if day else ())
        elif label is Label.DATELINE and value and i in top:
            dates.extend(value)
        elif label is Label.BIO:
            bios.append(block.text)
        elif label is Label.SYNDICATION:
            publisher = publisher or value[0]
    if not authors:  # no byline near the body: the page's first upstream-labelled one
        first = next((b.text for b in out if b.label is Label.BYLINE), "")
        authors.extend(upstream_byline(first, known, exclude) if first else ())
    lead = next((b.text for b in out if b.main and b.label is Label.PARAGRAPH), "")
    facts = BodyFacts(
        authors=tuple(dict.fromkeys(authors)),
        published=dates[0] if dates else None,
        bios=tuple(bios),
        original_publisher=publisher or lead_credit(lead),
    )
    return tuple(out), facts


def upstream_byline(text: str, known: tuple[str, ...], exclude: tuple[str, ...]) -> tuple[str, ...]:
    """Names of a block an earlier stage labelled ``byline``: read as a byline, else as a
    short block of names (a bio sentence the classifier called a byline gives none)."""
    names = byline_names(text, known, exclude)
    if names or len(text) > MAX_UPSTREAM_BYLINE:
        return names
    cleaned = clean_authors([text], exclude)
    return cleaned if cleaned and mostly_names(text, cleaned) else ()


def recognise(
    text: str, authors: tuple[str, ...], exclude: tuple[str, ...], now: datetime
) -> tuple[Label | None, tuple[str, ...]]:
    """The metadata label of one block and the values it carries, or ``(None, ())``."""
    names = byline_names(text, authors, exclude)
    if names:
        return Label.BYLINE, names
    day, is_dateline = dateline_date(text, now)
    if is_dateline:
        return Label.DATELINE, (day,) if day else ()
    source = syndication_line(text)
    if source:
        return Label.SYNDICATION, (source,)
    if is_bio(text, authors):
        return Label.BIO, ()
    return None, ()
