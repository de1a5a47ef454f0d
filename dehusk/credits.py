"""Photo credit lines: a text shape that both dedupe and the images' metadata recognise.

In: a line of text. Out: whether it reads as a photo credit ("Photo: AP", "Getty Images",
"Reuters/Jane Doe"). Its own module so that neither stage imports the other (the
import-linter contract "metadata imports no other stage").
"""

from __future__ import annotations

import re

#: A credit line is at most this long.
CREDIT_MAX_CHARS = 80
#: Photo credits: a "Photo:"-style lead, an agency name, or "Agency/Name" alone.
CREDIT = re.compile(
    r"^\W*(?:(?:photo|image|picture|photograph|illustration|graphic|foto)s?(?: by| credit)?\s*[:|]"
    r"|credit\s*:|courtesy\b|(?:photo|image) by\b|©)|"
    r"\b(?:getty(?: images)?|ap photo|associated press|reuters|afp|epa|shutterstock|istock"
    r"(?:photo)?|alamy|unsplash|pexels|nurphoto|zuma|imago|dpa|xinhua|wireimage|handout)\b|"
    r"^\W*[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*\s?/\s?[A-Z][\w.&'-]*(?: [\w.&'-]+){0,5}\W*$",
    re.IGNORECASE,
)


def is_credit(text: str) -> bool:
    """A short line that reads as a photo credit."""
    return len(text) <= CREDIT_MAX_CHARS and CREDIT.search(text) is not None
