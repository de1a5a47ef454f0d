"""Evidence: what the metadata fields read of the parsed page, gathered once.

In: the parsed tree and the page URL. Out: ``Evidence`` — the JSON-LD article node
(``jsonld``), every ``<meta>``/microdata/RDFa value (``meta``), the ``<title>``, the
``<h1>``/``<h2>`` headings as shown (with whether each links to the site's home page) and
the texts of the byline-classed elements. Every field reads this value, not the tree.

The shape is plain data (strings, tuples, frozen dataclasses), so a native single walk
of the page can fill it instead of ``gather`` (the speed issue's ``Evidence``). Read
elsewhere still, because they need the headline and the site's names first: the visible
dates (``date_candidates``), the visible "By" line (``author_sources.visible_byline``),
a site owner's copyright and home-link texts (read only when no one else signs) and the
images (``images``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dehusk.html_vocab import BLOCK_TAGS
from dehusk.metadata.author_sources import dom_bylines
from dehusk.metadata.jsonld import JsonLd, extract_jsonld
from dehusk.metadata.meta import MetaTags, read_meta

__all__ = ["Evidence", "Heading", "gather"]

#: Headings of each kind looked at as headline candidates.
MAX_HEADINGS = 8
#: Paths of a site's home page.
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php"})
#: Ancestors of a heading searched for a wrapping link (``<a><h1>Site</h1></a>``).
LINK_REACH = 3
#: Elements whose text a reader never sees (CSS-in-JS sites put ``<style>`` inside h1s).
INVISIBLE_TAGS = frozenset({"style", "script", "noscript", "template"})
#: Elements that break a line: the words on either side are apart, even with no space.
_BREAKS = BLOCK_TAGS | {"br"}
#: Nodes read per heading: a headline is a few elements; a pathological one stops here.
MAX_HEADING_NODES = 2000


@dataclass(frozen=True, slots=True)
class Heading:
    """A visible ``<h1>``/``<h2>``: its text as shown, and whether it is, holds or sits in a
    link to the home page of the page's own host (then it names the site, not the story)."""

    kind: Literal["h1", "h2"]
    text: str
    links_home: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    jsonld: JsonLd
    meta: MetaTags
    title: str  # the <title>, whitespace folded
    headings: tuple[Heading, ...]  # the first MAX_HEADINGS h1s, then h2s, in document order
    bylines: tuple[str, ...]  # byline-classed elements' texts (``author_sources.dom_bylines``)


def gather(tree: LexborHTMLParser, url: str | None) -> Evidence:
    """Everything the fields read of the tree (see the module docstring)."""
    title = tree.css_first("title")
    return Evidence(
        jsonld=extract_jsonld(tree),
        meta=read_meta(tree),
        title=" ".join(title.text(deep=True, separator=" ").split()) if title else "",
        headings=tuple(
            Heading(kind, " ".join(visible_text(node).split()), links_home(node, url))
            for kind in ("h1", "h2")
            for node in tree.css(kind)[:MAX_HEADINGS]
        ),
        bylines=tuple(dom_bylines(tree)),
    )


def links_home(heading: LexborNode, url: str | None) -> bool:
    """Whether ``heading`` is, or holds, a link to the home page of the page's own host:
    blog and newsletter themes print the site's name as an ``<h1>`` linking home (on the
    dev article pages, 53 such headings, none of them the headline)."""
    link, node = heading.css_first("a[href]"), heading.parent
    for _ in range(LINK_REACH):
        if link is not None or node is None:
            break
        link, node = (node if node.tag == "a" else None), node.parent
    if link is None:
        return False
    target = urlsplit(urljoin(url or "", link.attributes.get("href") or ""))
    host = urlsplit(url or "").hostname
    return target.path in HOME_PATHS and not target.query and target.hostname == host


def visible_text(node: LexborNode) -> str:
    """The text ``node`` shows: inline elements run on as the browser lays them out (a drop
    cap ``<span>C</span>ycle`` stays "Cycle"), block elements and ``<br>`` part words, and
    what ``INVISIBLE_TAGS`` hold is skipped. Iterative, so no depth breaks it."""
    out: list[str] = []
    stack: list[LexborNode | None] = [node.child]
    for _ in range(MAX_HEADING_NODES):
        if not stack:
            break
        cur = stack.pop()
        if cur is None:
            out.append(" ")  # a marker: a block element's end
            continue
        if cur.next is not None:
            stack.append(cur.next)
        tag = cur.tag or ""
        if tag == "-text":
            out.append(cur.text_content or "")
        elif tag in _BREAKS:
            out.append(" ")
            stack.extend((None, cur.child) if cur.child is not None else (None,))
        elif tag not in INVISIBLE_TAGS and cur.child is not None and not tag.startswith("-"):
            stack.append(cur.child)
    return "".join(out)
