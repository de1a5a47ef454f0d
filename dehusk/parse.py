"""Parse stage: str → DOM, repaired and bounded.

In: the decoded page and ``Options``. Out: ``Document`` — a lexbor tree (selectolax) and
warnings. Two repairs happen before lexbor sees the text, because both make real parsers
fail: an unclosed ``<title>`` (which swallows the whole page as its text) is closed, and
markup nested deeper than ``Options.max_depth`` is flattened (lexbor's tree builder is
quadratic in depth: 100 000 nested ``<div>`` take ~20 s; flattened they take milliseconds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from dehusk._native.walk import longest_open_run
from dehusk.article import Options
from dehusk.bounds import bound_attributes, bound_elements

_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)

#: A run this long of opening tags with no closing tag between them is the only way to
#: nest that deep. On wcxb-dev the longest run is 185 (void tags count), so the exact
#: pass below rarely runs; the run itself is one native scan (``longest_open_run``).
DEEP_RUN = 400
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")

#: Elements that never nest (void) or whose end tag is implied by the next sibling: they
#: do not deepen the tree, so the depth count must not grow with them.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "tr",
        "option",
        "tbody",
        "thead",
        "tfoot",
        "colgroup",
        "rb",
        "rt",
        "rp",
    ]
)


@dataclass(frozen=True, slots=True)
class Document:
    tree: LexborHTMLParser
    warnings: tuple[str, ...] = ()


def close_title(text: str) -> tuple[str, bool]:
    """Close a ``<title>`` that has no end tag before the next ``<``."""
    opened = _TITLE_OPEN.search(text[:100_000])
    if opened is None or _TITLE_CLOSE.search(text, opened.end()):
        return text, False
    end = text.find("<", opened.end())
    end = len(text) if end < 0 else end
    return f"{text[:end]}</title>{text[end:]}", True


def flatten_deep(text: str, max_depth: int) -> tuple[str, bool]:
    """Drop the tags (not the text) of elements nested deeper than ``max_depth``."""
    if longest_open_run(text) < max(DEEP_RUN, max_depth):
        return text, False
    depth, dropped, parts, last = 0, False, [], 0
    for match in _TAG.finditer(text):
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _FLAT or selfclosing:
            continue
        if closing:
            depth -= 1
            too_deep = depth >= max_depth
        else:
            too_deep = depth >= max_depth
            depth += 1
        if too_deep:
            parts.append(text[last : match.start()])
            parts.append(" ")
            last, dropped = match.end(), True
    if not dropped:
        return text, False
    parts.append(text[last:])
    return "".join(parts), True


def parse(text: str, options: Options) -> Document:
    """Repair what breaks parsers, then build the lexbor tree."""
    text, dropped = bound_attributes(text, options.max_attributes)
    warnings = [dropped] if dropped else []
    text, repaired = close_title(text)
    if repaired:
        warnings.append("unclosed <title> closed")
    text, flattened = flatten_deep(text, options.max_depth)
    if flattened:
        warnings.append(f"markup nested deeper than {options.max_depth} levels flattened")
    text, cut = bound_elements(text, options.max_nodes)  # after flattening: deep tags are gone
    if cut:
        warnings.append(cut)
    tree = LexborHTMLParser(text)
    # selectolax keeps the UTF-8 bytes it parsed (for clone(), which we never call): as
    # large as the page, for the page's whole life. A 30 MB page peaks 30 MB lower without.
    tree.raw_html = b""
    return Document(tree, tuple(warnings))
