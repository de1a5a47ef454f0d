"""Metadata evidence: what the metadata stage reads from the page, gathered in one native
pass instead of its own queries of the tree.

In: a parsed ``Document``. Out: ``Evidence`` — a plain frozen value holding, in document
order, the <meta>, <link> and <base> elements, scripts (JSON-LD and others, raw text),
<title>, <time>, headings, images, figures and figcaptions, microdata (``[itemprop]``,
``[property]``, ``[rel~=author]``), elements whose class or id names an author, a byline or
a date, whose class names "meta" or "fn", links to an author's page, <article>/<main>/
<body>, footers and copyright-classed elements, links to a home or About page and a
figure's <small>s; each with its attributes, its text (``" ".join(node.text().split())``;
a script's raw), its text as ``text(separator=" ")`` folds it (``spaced``), the context
tags above it (``within``: nav, header, footer, article, a, head, h1…) and where its
subtree ends (``end``: descendants are the elements after it up to there). An <h1>/<h2>
also carries its text as shown (``shown``) and the link it is, holds or sits in
(``link``); a byline candidate or a <time> its ancestors (``up``); a <time> its raw text;
a short element its unfolded separator text (``short``); the first footers their text's
end (``tail``). Besides: the page's quirks mode, and from the body the <h1>s and the text
nodes that may hold a date (``dates``, ``ShownText``) and the elements whose own text may
open a byline (``byline_texts``, ``BylineText``), each with its place and context. Reading
it needs no tree, so the tree can be freed before metadata runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple, Protocol

from selectolax.lexbor import LexborHTMLParser

from dehusk._native.walk import DATE_MARKS_SECOND as DATE_MARKS_SECOND  # for Element.date_marks
from dehusk._native.walk import gather
from dehusk.urls import well_formed


class Kind(IntEnum):
    """Why an element is evidence (the native pass's codes)."""

    META = 1
    LINK = 2
    SCRIPT = 3
    TITLE = 4
    TIME = 5
    HEADING = 6
    IMAGE = 7
    FIGURE = 8
    ITEM = 9
    BYLINE = 10
    CAPTION = 11
    BASE = 12
    SCOPE = 13
    REGION = 14
    HOME = 15
    SMALL = 16


class Element(NamedTuple):
    """One element of the evidence; ``order`` is its index among the page's elements, ``end``
    the index of the last element inside it (its own when it has none). A named tuple, not a
    frozen dataclass: a page has hundreds, and a frozen dataclass' ``__init__`` cost more
    than the native pass that found them."""

    kind: Kind
    tag: str
    attrs: Mapping[str, str]
    text: str
    within: frozenset[str]
    order: int
    end: int = -1
    #: ``" ".join(node.text(separator=" ").split())``: each text node's words apart.
    spaced: str = ""
    #: An <h1>/<h2>'s text as a reader sees it (``metadata.evidence.visible_text``, folded).
    shown: str = ""
    #: An <h1>/<h2>'s link: the href of the first ``a[href]`` inside it, else of the ``<a>``
    #: among its three nearest ancestors ("" when that has none); None without either.
    link: str | None = None
    #: A byline candidate's nearest ancestors (at most seven), as (tag, class, id); None for
    #: an element that is none (no class naming an author, a byline or "fn", no rel naming
    #: an author, no link to an author's page).
    up: tuple[tuple[str, str, str], ...] | None = None
    #: A <time>'s text unfolded (``node.text()``), "" for other elements.
    raw: str = ""
    #: ``node.text(separator=" ")`` unfolded when at most 120 characters long (a
    #: date-classed element's date is no longer), else None; None for a script.
    short: str | None = None
    #: The last 2000 characters of ``node.text(separator=" ")`` for the page's first four
    #: footer or copyright elements (``<footer>``, a class naming a footer or a copyright,
    #: an id naming a copyright), else None.
    tail: str | None = None
    #: How many selectors of each list of ``metadata.dates.DOM_DATE_SELECTORS`` match it
    #: (its class or id naming a date, a byline, "meta"…): the first list's count plus the
    #: second's times ``DATE_MARKS_SECOND``; 0 for none.
    date_marks: int = 0

    def get(self, name: str) -> str:
        """An attribute's value ("" when absent or empty)."""
        return self.attrs.get(name, "")


class BylineText(NamedTuple):
    """An element of the body (among its first 3001 nodes) whose own text may open a
    visible byline ("by", "author" or ":" in it, any case), with what
    ``author_sources.visible_byline`` reads around it."""

    own: str  #: ``node.text(deep=False)``
    text: str  #: ``text(separator=" ")`` bounded as ``author_sources._bounded`` bounds it
    parent: str | None  #: the parent's ``text(separator=" ")``, its first 1600 characters
    up: tuple[tuple[str, str, str], ...]  #: (tag, class, id): itself and 8 elements above
    #: What follows it (whitespace-only text skipped): None, ("-text",), ("-comment",) or
    #: (tag, class, id, bounded text, its <li>s' folded texts when a list else None).
    after: tuple[str] | tuple[str, str, str, str, tuple[str, ...] | None] | None


class ShownText(NamedTuple):
    """A text node of the body that a reader sees (not whitespace only, not inside a
    script, style, <svg>, …) and that may hold a date (a "19" or "20", at most 140
    characters once spaces are folded)."""

    at: int  #: how many seen text nodes come before it in the body
    text: str  #: its text, unfolded
    before: str | None  #: the seen text node before it, unfolded (None: it is the first)
    up: tuple[tuple[str, str, str, str], ...]  #: (tag, class, id, itemprop): parent and up, 3
    in_article: bool  #: an <article>/<main> among its parent and the 59 nodes above
    in_link: bool  #: an <a> among its parent and the 2 nodes above


@dataclass(frozen=True)
class Evidence:
    """Everything metadata reads, by kind, each in document order; ``elements``: all of them
    in document order; ``quirks``: whether the page is in quirks mode (a class selector then
    ignores case)."""

    lang: str = ""
    quirks: bool = False
    elements: tuple[Element, ...] = ()
    metas: tuple[Element, ...] = ()
    links: tuple[Element, ...] = ()
    scripts: tuple[Element, ...] = ()
    titles: tuple[Element, ...] = ()
    times: tuple[Element, ...] = ()
    headings: tuple[Element, ...] = ()
    images: tuple[Element, ...] = ()
    figures: tuple[Element, ...] = ()
    captions: tuple[Element, ...] = ()
    items: tuple[Element, ...] = ()
    bylines: tuple[Element, ...] = ()
    bases: tuple[Element, ...] = ()
    scopes: tuple[Element, ...] = ()  #: <article>, <main>, <body>
    regions: tuple[Element, ...] = ()  #: footers, copyright-classed elements
    homes: tuple[Element, ...] = ()  #: links to a site's home page or an About page
    smalls: tuple[Element, ...] = ()  #: <small> inside a <figure>
    #: The <h1>s of the body as (seen text nodes before it, its text), in document order.
    h1s: tuple[tuple[int, str], ...] = ()
    #: The body's seen text nodes that may hold a date, in document order.
    dates: tuple[ShownText, ...] = ()
    #: The body's elements that may open a visible byline, in document order.
    byline_texts: tuple[BylineText, ...] = ()

    def inside(self, element: Element) -> tuple[Element, ...]:
        """The elements inside ``element`` (its descendants), in document order."""
        every = self.elements
        at = _index(every, element.order)
        stop = at + 1
        while stop < len(every) and every[stop].order <= element.end:
            stop += 1
        return every[at + 1 : stop]

    def having(self, *names: str) -> tuple[Element, ...]:
        """The elements, of any kind, that carry one of the attributes ``names`` (what
        ``tree.css("[itemprop], [property]")`` matched), in document order."""
        return tuple(e for e in self.elements if any(n in e.attrs for n in names))

    @property
    def json_ld(self) -> tuple[str, ...]:
        """The raw text of each ``<script type="application/ld+json">``."""
        return tuple(s.text for s in self.scripts if "ld+json" in s.get("type").lower())


_FIELDS = {
    Kind.META: "metas",
    Kind.LINK: "links",
    Kind.SCRIPT: "scripts",
    Kind.TITLE: "titles",
    Kind.TIME: "times",
    Kind.HEADING: "headings",
    Kind.IMAGE: "images",
    Kind.FIGURE: "figures",
    Kind.CAPTION: "captions",
    Kind.ITEM: "items",
    Kind.BYLINE: "bylines",
    Kind.BASE: "bases",
    Kind.SCOPE: "scopes",
    Kind.REGION: "regions",
    Kind.HOME: "homes",
    Kind.SMALL: "smalls",
}


def _index(every: tuple[Element, ...], order: int) -> int:
    """Where the element of ``order`` stands in ``every`` (sorted by order)."""
    lo, hi = 0, len(every)
    while lo < hi:
        mid = (lo + hi) // 2
        if every[mid].order < order:
            lo = mid + 1
        else:
            hi = mid
    return lo


class Parsed(Protocol):
    """A parsed page (``dehusk.parse.Document``, not imported: metadata reads this module and
    imports no earlier stage)."""

    @property
    def tree(self) -> LexborHTMLParser: ...


def evidence(doc: Parsed) -> Evidence:
    """Gather the page's metadata evidence in one native pass (see the module docstring)."""
    return tree_evidence(doc.tree)


def tree_evidence(tree: LexborHTMLParser) -> Evidence:
    """``evidence`` of a parsed tree."""
    root = tree.root
    if root is None:
        return Evidence()
    quirks, rows, h1s, dates, bylines = gather(root)
    found: dict[str, list[Element]] = {name: [] for name in _FIELDS.values()}
    every = []
    make = Element._make
    for row in rows:
        row[0] = kind = _KINDS[row[0]]  # the pass's code → its Kind
        element = make(row)
        found[_FIELDS[kind]].append(element)
        every.append(element)
    lang = (root.attributes.get("lang") or "").strip()
    items = {name: tuple(items) for name, items in found.items()}
    return Evidence(
        lang,
        quirks,
        tuple(every),
        **items,
        h1s=tuple(h1s),
        dates=tuple(ShownText(*d) for d in dates),
        byline_texts=tuple(BylineText(*b) for b in bylines),
    )


_KINDS = {kind.value: kind for kind in Kind}


def page_address(given: str | None, found: Evidence) -> str | None:
    """The page's own address: the caller's URL, else the one the page declares.

    A page handed over without its URL (a saved file, a benchmark's page) still names
    itself in ``<link rel=canonical>`` or ``og:url``, and the facts its address holds (a
    date folder in its path, its host: the site's name) are the same whoever supplies it
    (htmldate reads the canonical link the same way). Only an absolute http(s) address
    counts (a protocol-relative one gets ``http:``): a relative one names no host. ``None``
    when neither exists. A malformed address (``dehusk.urls.well_formed``), the caller's or
    the page's, counts as none.
    """
    if given and well_formed(given):
        return given
    links = (n.get("href") for n in found.links if has_token(n.get("rel"), "canonical"))
    metas = (n.attrs.get("content", "") for n in found.metas if _is_og_url(n.attrs))
    return next((a for raw in (*links, *metas) if (a := _absolute(raw))), None)


def has_token(value: str, token: str) -> bool:
    """Whether ``value`` holds ``token`` (lowercase ASCII) as a whitespace-separated token,
    ignoring ASCII case: what lexbor's ``[rel~=token]`` matches."""
    low = value.lower()
    return token in low and token in tokens(low)


def tokens(value: str) -> list[str]:
    """An attribute's whitespace-separated tokens, as a CSS selector splits them."""
    return _TOKENS.split(value)


#: What separates the tokens of an attribute for a CSS selector (``[rel~=author]``): ASCII
#: whitespace only.
_TOKENS = re.compile(r"[ \t\n\f\r]+")


def _is_og_url(attrs: Mapping[str, str]) -> bool:
    return any(attrs.get(k, "").strip().lower() == "og:url" for k in ("property", "name"))


def _absolute(raw: str) -> str | None:
    """``raw`` as an absolute http(s) URL with a host, or ``None``."""
    address = "".join(raw.split())  # a wrapped attribute's spaces and line breaks
    if address.startswith("//"):
        address = "http:" + address
    scheme, sep, rest = address.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest.split("/", 1)[0]:
        return None
    return address if well_formed(address) else None
