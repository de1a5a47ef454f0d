"""Evidence: what the metadata fields read of the parsed page, gathered once.

In: the page's native evidence (``dehusk.evidence.Evidence``, one pass of the tree) and the
page URL. Out: ``Evidence`` — the JSON-LD article node (``jsonld``), every ``<meta>``/
microdata/RDFa value (``meta``), the ``<title>``, the ``<h1>``/``<h2>`` headings as shown
(with whether each links to the site's home page) and the texts of the byline-classed
elements. Every field reads this value, not the tree.

Read later from the native evidence (``page``, kept here), because they need the headline
or the site's names first or are read only sometimes: the dates (``date_candidates``,
``dates``), the visible "By" line (``author_sources.visible_byline``), a site owner's
copyright and home-link texts (read only when no one else signs) and the figures
(``images``). No field reads the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dehusk import evidence as native
from dehusk.metadata.author_sources import dom_bylines
from dehusk.metadata.jsonld import JsonLd, extract_jsonld
from dehusk.metadata.meta import MetaTags, read_meta
from dehusk.urls import host as url_host
from dehusk.urls import join, split

__all__ = ["Evidence", "Heading", "gather"]

#: Headings of each kind looked at as headline candidates.
MAX_HEADINGS = 8
#: Paths of a site's home page.
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php"})


@dataclass(frozen=True)
class Heading:
    """A visible ``<h1>``/``<h2>``: its text as shown, and whether it is, holds or sits in a
    link to the home page of the page's own host (then it names the site, not the story)."""

    kind: Literal["h1", "h2"]
    text: str
    links_home: bool


@dataclass(frozen=True)
class Evidence:
    page: native.Evidence  # what the fields below are read from, for the fields read later
    jsonld: JsonLd
    meta: MetaTags
    title: str  # the <title>, whitespace folded
    headings: tuple[Heading, ...]  # the first MAX_HEADINGS h1s, then h2s, in document order
    bylines: tuple[str, ...]  # byline-classed elements' texts (``author_sources.dom_bylines``)


def gather(page: native.Evidence, url: str | None) -> Evidence:
    """Everything the fields read of the page (see the module docstring)."""
    return Evidence(
        page=page,
        jsonld=extract_jsonld(page),
        meta=read_meta(page),
        title=page.titles[0].spaced if page.titles else "",
        headings=tuple(
            Heading(kind, node.shown, links_home(node.link, url))
            for kind in ("h1", "h2")
            for node in [h for h in page.headings if h.tag == kind][:MAX_HEADINGS]
        ),
        bylines=tuple(dom_bylines(page)),
    )


def links_home(link: str | None, url: str | None) -> bool:
    """Whether a heading's link (``dehusk.evidence.Element.link``: the one it is, holds or
    sits in; None for none) goes to the home page of the page's own host: blog and
    newsletter themes print the site's name as an ``<h1>`` linking home (on the dev article
    pages, 53 such headings, none of them the headline)."""
    if link is None:
        return False
    target = split(join(url or "", link))
    if target is None:
        return False
    same_host = (target.hostname or "") == url_host(url)
    return target.path in HOME_PATHS and not target.query and same_host
