"""The authors field: who signs the page, from every source that names someone.

In: the ``Evidence`` (JSON-LD, ``<meta>``, the byline-classed elements' texts; through its
native ``page``, the visible "By" line and a site owner's copyright and home links, read
only when no one signs), the body's byline names, the blocks' texts, the headline, the
site's names and the URL. Out: the authors, cleaned (``authors.clean_authors``), and a
warning when the two first sources disagree or the learned chooser overrules the rules.

The rules' answer: the first source of ``AUTHORS`` that names a person; else the page's
first printed credit (``author_choice.credit_fallback``); else the personal site's owner
(``site_owner``); then each override of ``OVERRIDES`` in turn. The learned chooser
(``rank``) then picks among ``author_choice.author_candidates``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from dehusk._native.walk import folded_join
from dehusk.article import Block
from dehusk.metadata.author_choice import (
    AuthorCredits,
    AuthorSource,
    Found,
    Names,
    author_candidates,
    credit_fallback,
    first_over_lone_list,
    person_over_site,
    printed_over_declared,
)
from dehusk.metadata.author_sources import (
    dom_authors,
    headline_byline,
    twitter_card_authors,
    visible_byline,
)
from dehusk.metadata.authors import clean_authors, uninvert
from dehusk.metadata.evidence import Evidence
from dehusk.metadata.keys import META_KEYS
from dehusk.metadata.meta import MetaTags
from dehusk.metadata.order import Rule, constant, resolve
from dehusk.metadata.rank import Chooser
from dehusk.metadata.site_owner import copyright_texts, home_link_texts, site_owner

#: The order of trust: declared for machines first, then what the page prints. Measured:
#: the alternatives (meta first, byline first, visible before byline-classed) score within
#: ±2 dev pages (docs/metadata.md, "Authors").
AUTHORS: tuple[Rule[AuthorSource], ...] = (
    Rule("jsonld", "the article node's author persons (@id followed): written per article"),
    Rule("citation", "scholarly citation_author tags: the publisher's full list, in order"),
    Rule("meta", "author, article:author, parsely-author, dc.creator, …"),
    Rule("twitter", "the Twitter card's 'Written by' pair: Yoast writes it on every post"),
    Rule("item", "microdata/RDFa author, rel=author"),
    Rule("byline", "the body's byline block under the headline"),
    Rule("dom", "a byline-classed element of the page"),
    Rule("visible", "a visible 'By …' line or an 'Author' label in any markup"),
    Rule("headline", "a bare name with a date right under the headline"),
)


class Page(NamedTuple):
    """What the overrides read of the page besides the sources' names."""

    exclude: tuple[str, ...]  # the site's names: no author is one of them
    shown: str  # the blocks' text folded, lowercased: is a name printed on the page?


#: Overrides of the rules' answer, in order, each with its reason (dev figures:
#: docs/metadata.md, "Authors", sessions 4 and 5).
OVERRIDES: tuple[tuple[str, Callable[[Found, Names, Page], Names]], ...] = (
    (
        "a list one source alone gives yields to its first name when two others give that "
        "name alone: a byline block run on into a reviewer (+4 dev pages, none lost)",
        lambda found, chosen, _page: first_over_lone_list(found, chosen),
    ),
    (
        "a declared answer the page prints nowhere yields to the byline two of the page's "
        "own readings agree on and print: a CMS account in JSON-LD (+5, none lost)",
        lambda found, chosen, page: printed_over_declared(found, chosen, page.shown),
    ),
    (
        "an answer that is the site's own name yields to the first other source's person "
        "that the page prints (+2, none lost)",
        lambda found, chosen, page: person_over_site(found, chosen, page.exclude, page.shown),
    ),
)

#: Meta keys whose names are written surname first ("Roy, Aniruddha"): Highwire/Google
#: Scholar citation tags, as on arXiv, PubMed Central and journal pages.
CITATION_KEYS = ("citation_author", "citation_authors")
PLAIN_KEYS = tuple(k for k in META_KEYS["authors"] if k not in CITATION_KEYS)


def authors(
    ev: Evidence,
    body_names: Names,
    blocks: Sequence[Block],
    headline: str,
    exclude: tuple[str, ...],
    url: str | None,
    choose: Chooser,
) -> Names:
    """The authors (see the module docstring)."""
    visible = visible_byline(ev.page, exclude)
    texts = [b.text for b in blocks]
    page = Page(exclude, folded_join(texts).lower())
    under_headline = headline_byline(texts, headline, exclude)
    found = sources(ev, body_names, exclude, url, (visible.names, under_headline))
    credits = _credits(ev, visible.credit)
    rules = (
        resolve("authors", AUTHORS, {k: constant(v) for k, v in found.items()}, choose.warnings)
        or credit_fallback(credits)
        or found["owner"]
    )
    for _reason, override in OVERRIDES:
        rules = override(found, rules, page)
    candidates = author_candidates(found, credits, rules, exclude, page.shown)
    if found["citation"] and rules == found["citation"]:
        # Scholarly citation tags are the publisher's own list of every author, in order;
        # a handful of dev pages carry them, too few for the chooser to learn that.
        choose.record("authors", candidates)
        return rules
    return choose("authors", candidates, rules)


def sources(
    ev: Evidence,
    body_names: Names,
    exclude: tuple[str, ...],
    url: str | None,
    printed: tuple[Names, Names],
) -> dict[AuthorSource, Names]:
    """Every author source's names, each read (the chooser weighs them all); ``printed``:
    the names of the visible "By" line and of the bare byline under the headline."""
    ld, tags = ev.jsonld, ev.meta
    site_name = ld.site_name or tags.first(META_KEYS["site_name"])
    return {
        "jsonld": clean_authors(ld.authors, exclude),
        "meta": clean_authors(meta_authors(tags, PLAIN_KEYS), exclude),
        # Scholarly citation tags list every author, in order: a source of its own, as a
        # declared list of several names is trustworthy there and not in ``meta``.
        "citation": clean_authors(meta_authors(tags, CITATION_KEYS), exclude),
        "twitter": clean_authors(twitter_card_authors(tags), exclude),
        "item": clean_authors(tags.all(META_KEYS["item_authors"]), exclude),
        "byline": body_names,
        "dom": dom_authors(ev.bylines, exclude),
        "visible": printed[0],
        "headline": printed[1],
        "owner": site_owner(
            site_name,
            ev.title,
            lambda: copyright_texts(ev.page),
            url,
            lambda: home_link_texts(ev.page, url),
        ),
    }


def meta_authors(tags: MetaTags, keys: tuple[str, ...] = META_KEYS["authors"]) -> Names:
    """The ``<meta>`` author values of ``keys`` in key order, citation names in reading
    order."""
    values = (uninvert(v) if key in CITATION_KEYS else v for key in keys for v in tags.all((key,)))
    return tuple(dict.fromkeys(values))


def _credits(ev: Evidence, visible: str) -> AuthorCredits:
    """The raw author credits of the page, for a page whose credits name no person;
    ``visible``: the credit of the page's visible byline."""
    tags = ev.meta
    return AuthorCredits(
        jsonld=ev.jsonld.authors,
        jsonld_orgs=ev.jsonld.author_orgs,
        meta=(*meta_authors(tags, PLAIN_KEYS), *twitter_card_authors(tags)),
        item=tags.all(META_KEYS["item_authors"]),
        dom=ev.bylines,
        visible=(visible,) if visible else (),
    )
