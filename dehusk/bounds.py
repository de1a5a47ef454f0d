"""Bounds on hostile markup, applied to the text before the parser sees it.

In: the decoded page and ``Options``. Out: the text, cut where a bound is passed, and the
warnings saying which bound fired. Two bounds, each a documented ``Options`` field:

- ``max_nodes`` elements: a page of a million ``<p>`` ran out of a 2 GiB address space
  after a minute (one feature array alone is 488 MB); the page is cut before its
  ``max_nodes + 1``-th start tag. The largest of the 2,878 dev pages has 15,793 start
  tags; the default, 100,000, is 6 times that (a million ``<p>x</p>`` siblings then take
  ~11 s and ~520 MB).
- ``max_attributes`` attributes on one element: lexbor checks each new attribute against
  the element's others, so one tag with 200,000 attributes takes ~4 minutes (40,000: 13 s).
  Attributes past the bound are dropped. The default, 256, keeps a 64 MB page made of
  nothing but 256-attribute tags to ~20 s (1,000: ~85 s). One dev page passes it (2846:
  SVG paths escaped into text, ``<path d=&quot;M 0 0 L 92 …``, up to 1,682 "attributes"),
  and only its SVG numbers are dropped.

Both are found at C speed (``str.count``, one native scan for long tags), so ordinary
pages pay a scan and nothing else (~0.4 ms on an average dev page).
"""

from __future__ import annotations

import re
from itertools import islice

from dehusk._native.walk import long_tag_starts

_START_TAG = re.compile(r"<[a-zA-Z]")
_ATTRIBUTE = re.compile(r"""[\s/]*[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


#: A whole start tag; quoted values may hold ``>`` (possessive: no backtracking).
_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*+(?:[^"'>]++|"[^"]*+"|'[^']*+')*+>?""")


def bound_elements(text: str, max_nodes: int) -> tuple[str, str | None]:
    """``text`` cut before its ``max_nodes + 1``-th start tag, and the warning if it was."""
    if text.count("<") <= max_nodes:
        return text, None
    past = next(islice(_START_TAG.finditer(text), max_nodes, None), None)
    if past is None:
        return text, None
    return text[: past.start()], f"page has more than {max_nodes} elements: the rest was not read"


def _first_attributes(tag: str, keep: int) -> tuple[str, int]:
    """The start tag with only its first ``keep`` attributes, and how many it had."""
    name_end = re.match(r"<[^\s/>]*", tag)
    pos = name_end.end() if name_end else 1
    count, cut = 0, len(tag) - 1
    while match := _ATTRIBUTE.match(tag, pos):
        if match.end() == pos:
            break
        count += 1
        if count == keep:
            cut = match.end()
        pos = match.end()
    return (tag[:cut] + ">" if count > keep else tag), count


def bound_attributes(text: str, max_attributes: int) -> tuple[str, str | None]:
    """``text`` with no element holding more than ``max_attributes`` attributes."""
    parts, last, dropped = [], 0, False
    # Each attribute takes one step at least (a character of its name; a quoted value is
    # one step whole, so a quoted "<" or ">" does not end the tag here, as it does not for
    # the parser): only a tag of ``max_attributes`` steps can hold too many. The native scan
    # replaced a regex of the same steps (~1.3 ms a dev page, a tenth of extract's time).
    for start in long_tag_starts(text, max_attributes):
        if start < last:
            continue
        match = _TAG.match(text, start)
        if match is None:
            continue
        tag, count = _first_attributes(match.group(), max_attributes)
        if count > max_attributes:
            parts += [text[last : match.start()], tag]
            last, dropped = match.end(), True
    if not dropped:
        return text, None
    parts.append(text[last:])
    warning = f"elements with more than {max_attributes} attributes: the rest were dropped"
    return "".join(parts), warning
