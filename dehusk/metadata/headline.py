"""The title field: the headline from the page's evidence.

In: the ``Evidence`` (declared titles, the ``<title>``, the visible headings), the
classified blocks, the site's names and the URL. Out: the chosen title and the headline the
rules found (the block repeating it is the one marked ``title``; the chosen title may be a
declared variant of it that no block repeats). Rules: ``title.choose_title``; the learned
chooser (``rank``) then picks among ``title.ranked_candidates``.
"""

from __future__ import annotations

from collections.abc import Sequence

from dehusk.article import Block, Label
from dehusk.metadata.evidence import MAX_HEADINGS, Evidence, Heading
from dehusk.metadata.keys import META_KEYS
from dehusk.metadata.rank import Chooser
from dehusk.metadata.title import (
    MAX_CANDIDATE,
    TitleSource,
    choose_title,
    ranked_candidates,
    site_names,
)

#: A declared title longer than this (characters) is not read at all: a headline, its site
#: suffix and its separator parts are each at most ``MAX_CANDIDATE`` long, so nothing a
#: longer one could yield is kept anyway, while normalising and splitting a 10 MB JSON-LD
#: ``headline`` took 17 s (``tests/hardening``: jsonld-10mb-title).
MAX_DECLARED_TITLE = 8 * MAX_CANDIDATE


def headline(
    ev: Evidence, blocks: Sequence[Block], sites: tuple[str, ...], url: str | None, choose: Chooser
) -> tuple[str, str]:
    """(the title, the rules' visible headline)."""
    declared = title_candidates(ev)
    seen, home = headings(ev.headings, blocks)
    # A heading linking home names the site too ("Post | Lessons Learned"), for titles only:
    # on a personal site it is also the author's name.
    title_sites = (*sites, *site_names(home, None))
    rules = choose_title(declared, [text for _, text in seen], title_sites)
    return choose("title", ranked_candidates(declared, seen, title_sites, rules, url), rules), rules


def title_candidates(ev: Evidence) -> dict[TitleSource, str]:
    """Headline candidates keyed by the source names of ``title.TITLE_ORDER``."""
    tags = ev.meta
    found: dict[TitleSource, str] = {
        "jsonld": ev.jsonld.headline if ev.jsonld.is_article else "",
        "og": tags.first(META_KEYS["title"]),
        "twitter": tags.first(META_KEYS["twitter_title"]),
        "item": tags.first(("item:headline",)),
        "parsely": tags.first(META_KEYS["parsely_title"]),
        "sailthru": tags.first(META_KEYS["sailthru_title"]),
        "dc": tags.first(META_KEYS["dc_title"]),
        "title": ev.title,
    }
    return {
        source: "" if len(text) > MAX_DECLARED_TITLE else text for source, text in found.items()
    }


def headings(
    found: Sequence[Heading], blocks: Sequence[Block]
) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """The page's visible headline candidates as ``(kind, text)``: level-1 heading blocks
    (``block``), then every ``<h1>``, then every ``<h2>`` (a few of each, in document
    order; a text seen before keeps its first kind); and the texts of the headings that
    link to the site's home page. Those name the site, not the story: they are left out
    of the candidates under every kind."""
    kinds = [("block", b.text) for b in blocks if b.label is Label.HEADING and b.level == 1][
        :MAX_HEADINGS
    ]
    kinds += [(h.kind, h.text) for h in found]
    home = tuple(dict.fromkeys(h.text for h in found if h.links_home and h.text))
    first: dict[str, str] = {}
    for kind, text in kinds:
        if text and text not in home:
            first.setdefault(text, kind)
    return [(kind, text) for text, kind in first.items()], home
