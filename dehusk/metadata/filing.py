"""Where the site files the story: its section and its tags, without CMS placeholders.

In: the section candidates in order of trust (JSON-LD ``articleSection``, then
``article:section``/``parsely-section``/… tags), the raw tag values (JSON-LD ``keywords``
or the ``keywords``/``article:tag``/… meta values) and the site's names. Out: one section
(None when every candidate is a placeholder) and a tuple of tags.

A section or tag that a CMS writes by default ("Uncategorized", WordPress's default
category in its usual translations), a section that is the site's own name ("Serious
Eats" on seriouseats.com), a paragraph pasted into the field, and the machine pairs some
CMSs put among the tags ("locale: US", "hasProduct: true") say nothing about the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dehusk.metadata.title import norm

#: Default category names (lowercase): WordPress's "Uncategorized" in the languages it
#: ships most, and values a template prints when the field is empty.
PLACEHOLDERS = frozenset(
    {
        "uncategorized",
        "uncategorised",
        "non classé",
        "sin categoría",
        "senza categoria",
        "sem categoria",
        "allgemein",
        "geen categorie",
        "all",
        "none",
        "null",
        "undefined",
        "default",
    }
)
#: Longest section or tag kept (characters): longer is a sentence, not a filing.
MAX_LABEL = 80
#: A section longer than this (words) with a sentence break in it is a pasted paragraph
#: ("U.S. News" is a section).
MAX_SECTION_WORDS = 8
#: A sentence break.
_PROSE = re.compile(r"[.!?]\s+[A-Z]")
#: A machine pair among the tags: a camelCase or lowercase key, a colon, a value.
_PAIR = re.compile(r"^[a-z][A-Za-z0-9_]*:\s")


def choose_section(candidates: Iterable[str], sites: tuple[str, ...]) -> str | None:
    """The first candidate that still names a section once its placeholder parts and the
    parts that are exactly a name of the site are dropped ("Design 101, Living Rooms,
    Uncategorized" → "Design 101, Living Rooms"). Exactly: "Plumbing" is a section of
    "Ace Plumbing"."""
    for candidate in candidates:
        if len((candidate or "").split()) > MAX_SECTION_WORDS and _PROSE.search(candidate):
            continue
        parts = [p.strip() for p in (candidate or "").split(",")]
        own = {n.replace(" ", "") for n in sites}
        kept = [p for p in parts if _names_something(p) and norm(p).replace(" ", "") not in own]
        if kept:
            return ", ".join(kept)
    return None


def clean_tags(values: Iterable[str]) -> tuple[str, ...]:
    """The tags in order, once each, without placeholders, sentences and machine pairs."""
    kept = (t for t in values if _names_something(t) and not _PAIR.match(t))
    return tuple(dict.fromkeys(kept))


def _names_something(label: str) -> bool:
    return bool(label) and len(label) <= MAX_LABEL and label.lower() not in PLACEHOLDERS
