"""Syndication: the wire or network a story came from.

In: the text of one block (or the first paragraph's lead). Out: the original publisher's
name, or "" — and, for a whole block, whether the block is a syndication line that leaves
the body ("Copyright 2021 NPR. To see more, visit https://www.npr.org.").
JSON-LD ``isBasedOn``/``sourceOrganization`` are read by ``jsonld``; this module covers the
visible text.
"""

from __future__ import annotations

import re

from dehusk.metadata.authors import ORG_WORDS
from dehusk.metadata.dates import MONTHS
from dehusk.metadata.title import is_site

_ORG = r"(?P<org>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|for|and|&)){0,6})"

#: Whole blocks that credit another publisher. Patterns from the closing lines of
#: syndicated NPR member-station, AP, Reuters and The Conversation stories.
LINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"^(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:19|20)\d{{2}}\s+{_ORG}\.?"
        rf"(?:\s+To see more, visit\b.*|[.,]?\s+(?i:all\s+rights\s+reserved)\b.{{0,200}})?$",
        rf"^(?:(?:The|An?)\s+)?{_ORG}\s+contributed\s+(?:to\s+)?(?:this|the)\s+"
        rf"(?:report|story|article)\.?$",
        rf"^(?:This|The)\s+(?:story|article|post|piece|report)\s+(?:was\s+)?(?:originally|first)\s+"
        rf"(?:published|appeared)\s+(?:on|in|by|at)\s+{_ORG}\b.{{0,160}}$",
        rf"^(?:This|The)\s+(?:story|article|piece)\s+is\s+republished\s+from\s+{_ORG}\b.{{0,200}}$",
        rf"^(?:Republished|Reprinted)\s+with\s+permission\s+(?:from|of)\s+{_ORG}\b.{{0,160}}$",
        rf"^(?:Distributed|Provided)\s+by\s+{_ORG}\.?$",
    )
)
#: A wire credit opening the first paragraph: "WASHINGTON (Reuters) -", "(AP) —".
LEAD = re.compile(
    r"^[A-Z][A-Z .,'-]{0,60}\((?P<org>AP|Reuters|AFP|UPI|Bloomberg|dpa|EFE)\)\s*[-—–]"
)
#: Longest block taken for a syndication line.
MAX_LINE = 300
#: Short names of wires as they appear in leads, spelled out.
WIRE_NAMES: dict[str, str] = {"AP": "Associated Press", "AFP": "AFP", "UPI": "UPI"}


def syndication_line(text: str) -> str:
    """The publisher credited by a whole syndication block, or "" when it is not one: a
    month ("originally published in April 2020") or people ("Skye Schooley and Kim Lindros
    contributed to this article") credit no publisher."""
    text = text.strip()
    if len(text) > MAX_LINE:
        return ""
    for pattern in LINE_PATTERNS:
        match = pattern.match(text)
        if match:
            org = _tidy(match["org"])
            return "" if org.lower() in MONTHS or _people(org) else org
    return ""


def original_publisher(name: str, sites: tuple[str, ...]) -> str:
    """``name`` as the story's original publisher, or "" when it is the site itself: a
    copyright footer ("© 2024 Blennd LLC. All Rights Reserved.") or a JSON-LD
    ``sourceOrganization`` naming the page's own site credits no other publisher."""
    return "" if not name or is_site(name, sites) else name


def lead_credit(text: str) -> str:
    """The wire credited at the start of a paragraph ("(Reuters) —"), or ""."""
    match = LEAD.match(text)
    return WIRE_NAMES.get(match["org"], match["org"]) if match else ""


#: Parts of a credit naming several contributors: "A and B", "A, B & C".
_LIST = re.compile(r",\s*|\s+(?:and|&)\s+")
#: What follows a name in a copyright line and is not part of it.
_RESERVED = re.compile(r"[.,]?\s+all\s+rights\s+reserved\b.*$", re.IGNORECASE)


def _people(org: str) -> bool:
    """Whether ``org`` is a list of people's names: each part two or three capitalised
    words, none of them a word organisations are named with ("Press", "News", "Media")."""
    parts = [p for p in _LIST.split(org) if p]
    return bool(parts) and all(
        2 <= len(words := p.split()) <= 3
        and all(w[:1].isupper() and _bare(w) not in ORG_WORDS for w in words)
        for p in parts
    )


def _bare(word: str) -> str:
    """A word lowercased, without a possessive or a full stop ("CNN's" → "cnn")."""
    return word.lower().removesuffix("'s").removesuffix("’s").strip(".")


def _tidy(org: str) -> str:
    return _RESERVED.sub("", org).strip(" .,")
