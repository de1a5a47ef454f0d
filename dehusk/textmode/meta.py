"""Metadata of flattened text: the headline, syndication, bios and bylines from lines.

In: the labelled blocks of ``classify.classify_lines`` and the page URL. Out: the blocks
with the title, syndication, bio, byline and dateline lines relabelled (out of the body)
and the ``Metadata`` they give.

- Title: the best headline line above the body (``title_score``): a line of 3–30 words
  without a closing full stop, alone between blank lines, capitalised, near the body,
  printed once or twice, sharing words with the URL's slug when there is a URL.
- Syndication: a line in the last lines of the body or just after it that
  ``dehusk.metadata.syndication.syndication_line`` reads ("Copyright 2021 NPR. To see
  more, visit …"); a bare "© 2024 KGOU" far from the body stays a footer.
- Bios: a line near the end that opens with a person's name and goes on like a bio
  ("Deborah Amos covers the Middle East …"); the name is an author when no byline says
  otherwise. Bylines and datelines: ``dehusk.metadata.body.relabel_body``, as in HTML mode.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import unquote

from dehusk.article import Block, Image, Label, Metadata
from dehusk.metadata.authors import BIO_VERBS, clean_authors
from dehusk.metadata.body import relabel_body
from dehusk.metadata.language import decide_language
from dehusk.metadata.syndication import syndication_line
from dehusk.metadata.title import drop_qualifier, site_names
from dehusk.urls import path as url_path

#: Lines above the body looked at for the headline.
TITLE_REACH = 40
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30
#: Lines at the end of the body and after it looked at for syndication lines and bios.
TAIL_MAIN = 3
TAIL_AFTER = 4

_TOKEN = re.compile(r"\w+")
_BIO_NAME = re.compile(r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})(?=\s)")
_CUT_LABELS = frozenset(
    {Label.NAVIGATION, Label.OTHER, Label.HEADING, Label.PARAGRAPH, Label.CAPTION}
)
#: Breadcrumbs ("Home > Blog > Headline") hold the headline but are not it.
_BREADCRUMB = re.compile(r"\s(?:>|»|›|/|\\)\s")
_PROSE = frozenset({Label.PARAGRAPH, Label.LIST_ITEM})
_SENTENCE_END = tuple('.!?"”’»…')


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


def slug_words(url: str | None) -> set[str]:
    """The words of the URL's path (its slug), without numbers and short words."""
    path = unquote(url_path(url))
    return {w for w in _TOKEN.findall(path.lower()) if len(w) > 2 and not w.isdigit()}


def title_score(block: Block, distance: int, repeats: int, slug: set[str]) -> float:
    """How much a line above the body looks like the headline (higher is better)."""
    words = block.text.split()
    if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or block.text.endswith((".", ":")):
        return 0.0
    lower = block.text[:1].isalpha() and not block.text[:1].isupper()
    if block.label not in _CUT_LABELS or lower:
        return 0.0
    score = 1.0 + min(len(words), 8) / 8 - 0.02 * distance
    score -= 1.0 if _BREADCRUMB.search(block.text) else 0.0
    score += 0.5 if repeats in (2, 3) else (-0.5 if repeats > 3 else 0.0)
    if slug:
        score += 2.0 * len(_tokens(block.text) & slug) / len(slug)
    long = [w for w in words if len(w) > 3]
    if long and sum(w[0].isupper() for w in long) / len(long) >= 0.6:
        score += 0.3
    return score


def choose_title(blocks: Sequence[Block], url: str | None) -> int | None:
    """Index of the headline line, or None: looked for above the first paragraph of the
    body (a headline followed by prose reads as the body's first subheading)."""
    first = next((i for i, b in enumerate(blocks) if b.main and b.label in _PROSE), None)
    if first is None:
        return None
    slug = slug_words(url)
    counts: dict[str, int] = {}
    for b in blocks:
        counts[b.text] = counts.get(b.text, 0) + 1
    best, best_score = None, 0.0
    for i in range(max(0, first - TITLE_REACH), first + 1):
        if i == first and blocks[i].text.endswith(_SENTENCE_END):
            break  # the first paragraph may be a long headline, never a sentence
        score = title_score(blocks[i], first - i, counts[blocks[i].text], slug)
        if score > best_score:
            best, best_score = i, score
    return best


def _tail(blocks: Sequence[Block]) -> list[int]:
    """Indices of the last main lines and of the lines just after them."""
    main = [i for i, b in enumerate(blocks) if b.main]
    if not main:
        return []
    start = main[max(0, len(main) - TAIL_MAIN)]
    return list(range(start, min(len(blocks), main[-1] + TAIL_AFTER + 1)))


def bio_name(text: str) -> str:
    """The person a bio line is about ("Deborah Amos covers …" → "Deborah Amos"), or ""."""
    match = _BIO_NAME.match(text)
    if match is None or not BIO_VERBS.match(text[match.end() :]):
        return ""
    names = clean_authors([match["name"]])
    return names[0] if len(names) == 1 and names[0] == match["name"] else ""


def tail_facts(blocks: list[Block]) -> tuple[str, tuple[str, ...]]:
    """Relabel syndication lines at the end in place; the publisher and bio names found."""
    publisher = ""
    names: list[str] = []
    for i in _tail(blocks):
        block = blocks[i]
        if block.label in (Label.CAPTION, Label.CREDIT, Label.PULLQUOTE):
            continue
        source = syndication_line(block.text)
        if source:
            blocks[i] = replace(block, label=Label.SYNDICATION, main=False)
            publisher = publisher or source
            continue
        name = bio_name(block.text)
        if name:
            names.append(name)
    return publisher, tuple(names)


def _images(blocks: Sequence[Block], title: str) -> tuple[Image, ...]:
    """One image per caption printed (first copies), with the credit line next to it; a
    copy of the headline (a hero image's alt text) is not a caption."""
    images = []
    for i, b in enumerate(blocks):
        if (
            b.label is not Label.CAPTION
            or b.text == title
            or any(c.label is Label.CAPTION and c.text == b.text for c in blocks[max(0, i - 4) : i])
        ):
            continue
        near = blocks[max(0, i - 1) : i + 3]
        credit = next((c.text for c in near if c.label is Label.CREDIT), "")
        images.append(Image(src="", caption=b.text, credit=credit))
    return tuple(images)


def text_metadata(
    blocks: Sequence[Block], url: str | None, title_at: int | None = -1
) -> tuple[tuple[Block, ...], Metadata, tuple[str, ...]]:
    """The metadata of a page of lines and the blocks relabelled (see the module docstring).

    ``title_at`` is the headline's index when already chosen (``None``: there is none);
    by default it is chosen here.
    """
    out = list(blocks)
    if title_at == -1:
        title_at = choose_title(out, url)
    title = drop_qualifier(out[title_at].text) if title_at is not None else ""
    if title_at is not None:
        out[title_at] = replace(out[title_at], label=Label.TITLE, main=False)
    publisher, bio_names = tail_facts(out)
    sites = site_names((), url)
    relabelled, facts = relabel_body(out, bio_names, sites, datetime.now(UTC))
    authors = facts.authors or clean_authors(bio_names, sites)
    text = " ".join(b.text for b in relabelled if b.main)
    language = decide_language("", text)
    metadata = Metadata(
        title=title,
        authors=authors,
        author_bios=facts.bios,
        published=facts.published,
        original_publisher=publisher or facts.original_publisher or None,
        language=language.language,
        images=_images(relabelled, title),
    )
    return relabelled, metadata, tuple(w for w in (language.warning,) if w)
