"""Syndication: the wire or network a story came from.

In: the text of one block (or the first paragraph's lead). Out: the original publisher's
name, or "" — and, for a whole block, whether the block is a syndication line that leaves
the body ("Copyright 2021 NPR. To see more, visit https://www.npr.org.").
JSON-LD ``isBasedOn``/``sourceOrganization`` are read by ``jsonld``; this module covers the
visible text.
"""

from __future__ import annotations

import re

_ORG = r"(?P<org>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|for|and|&)){0,6})"

#: Whole blocks that credit another publisher. Patterns from the closing lines of
#: syndicated NPR member-station, AP, Reuters and The Conversation stories.
LINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"^(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:19|20)\d{{2}}\s+{_ORG}\.?"
        rf"(?:\s+To see more, visit\b.*)?$",
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
    """The publisher credited by a whole syndication block, or "" when it is not one."""
    text = text.strip()
    if len(text) > MAX_LINE:
        return ""
    for pattern in LINE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _tidy(match["org"])
    return ""


def lead_credit(text: str) -> str:
    """The wire credited at the start of a paragraph ("(Reuters) —"), or ""."""
    match = LEAD.match(text)
    return WIRE_NAMES.get(match["org"], match["org"]) if match else ""


def _tidy(org: str) -> str:
    return org.strip(" .,")
