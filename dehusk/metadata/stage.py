"""The metadata stage: the facts around the story, each field from the page's evidence.

In: the page's evidence (``dehusk.evidence.Evidence``, gathered by one native pass of the
parsed tree: the stage reads no tree), the classified blocks and the page URL. Out:
``MetaResult`` — the ``Metadata``, the blocks with the title block marked and the byline,
dateline, bio and syndication blocks relabelled out of the body, and warnings.

Steps: read the evidence's declared facts once (``evidence.gather``); the site's names; the
title (``headline``), its block marked; the metadata blocks of the body (``body``); the
authors (``authorship``); the dates (``published``); the language (``language``); the
declared facts (canonical URL, description, section, tags, original publisher, images).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dehusk.article import Block, Metadata
from dehusk.evidence import Evidence
from dehusk.metadata import rank
from dehusk.metadata.authors import clean_authors
from dehusk.metadata.authorship import authors, meta_authors
from dehusk.metadata.body import BodyFacts, mark_title, relabel_body
from dehusk.metadata.evidence import Evidence as Facts
from dehusk.metadata.evidence import gather
from dehusk.metadata.filing import choose_section, clean_tags
from dehusk.metadata.headline import headline
from dehusk.metadata.images import extract_images, page_root, resolve
from dehusk.metadata.keys import META_KEYS
from dehusk.metadata.language import decide_language, prose_sample
from dehusk.metadata.published import dates
from dehusk.metadata.rank import Candidate
from dehusk.metadata.syndication import original_publisher
from dehusk.metadata.title import site_names


@dataclass(frozen=True)
class MetaResult:
    metadata: Metadata
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    #: The URL relative links resolve against (``<base href>`` over the page's URL), and the
    #: lead image the page declares (og:image, JSON-LD), for the images the pipeline places
    #: after dedupe.
    root: str = ""
    lead_image: str = ""


def extract_metadata(
    page: Evidence,
    blocks: Sequence[Block],
    url: str | None,
    model: str = rank.SHIPPED,
    trace: dict[str, list[Candidate[Any]]] | None = None,
) -> MetaResult:
    """The facts of the page and its blocks with metadata blocks relabelled (see above).

    ``model`` is ``Options.model``: which learned choosers (``rank``) pick among each
    field's candidates. ``trace``, when given, receives those candidates per field (for
    training, ``dehusk.eval.train_metadata``).
    """
    now, ev = datetime.now(UTC), gather(page, url)
    ld, tags = ev.jsonld, ev.meta
    site_name = ld.site_name or tags.first(META_KEYS["site_name"]) or None
    publisher = ld.publisher or site_name
    sites = site_names((site_name or "", publisher or ""), url)
    warnings: list[str] = [f"{ld.broken} JSON-LD block(s) could not be parsed"] if ld.broken else []
    choose = rank.Chooser(model, trace, warnings)
    title, shown_title = headline(ev, blocks, sites, url, choose)
    exclude = (site_name or "", publisher or "", *sites)
    structured = clean_authors((*ld.authors, *meta_authors(tags)), exclude)
    relabelled, body = relabel_body(mark_title(blocks, shown_title), structured, exclude, now)
    names = authors(ev, body.authors, blocks, shown_title, exclude, url, choose)
    published, modified = dates(ev, body.published, shown_title, url, now, choose)
    declared_lang = ld.language or tags.lang or tags.first(META_KEYS["language"])
    lang = decide_language(declared_lang, prose_sample(relabelled))
    warnings.extend(w for w in (lang.warning,) if w)
    lead = (*ld.images, *tags.all(META_KEYS["images"]))
    metadata = Metadata(
        title=title,
        authors=names or (),
        author_bios=body.bios,
        published=published,
        modified=modified,
        site_name=site_name or publisher,  # a JSON-LD publisher names the site it runs
        publisher=publisher,
        language=lang.language,
        images=extract_images(page, url, tags.base, lead),
        **_declared_facts(ev, body, sites, url),
    )
    root = page_root(url, tags.base)
    lead_image = next((r for src in lead[:1] if (r := resolve(root, src))), "")
    return MetaResult(metadata, relabelled, tuple(warnings), root, lead_image)


def _declared_facts(
    ev: Facts, body: BodyFacts, sites: tuple[str, ...], url: str | None
) -> dict[str, Any]:
    """The fields the page declares and the rules only clean: the original publisher, the
    canonical URL, the description, the section and the tags."""
    ld, tags = ev.jsonld, ev.meta
    return {
        "original_publisher": original_publisher(ld.based_on, sites)
        or original_publisher(body.original_publisher, sites)
        or None,
        "canonical_url": resolve(url or "", tags.canonical or ld.url or tags.first(("og:url",)))
        or None,
        "description": ld.description or tags.first(META_KEYS["description"]) or None,
        "section": choose_section((ld.section, *tags.all(META_KEYS["section"])), sites),
        "tags": clean_tags(ld.tags or _split_tags(tags.all(META_KEYS["tags"]))),
    }


def _split_tags(values: tuple[str, ...]) -> tuple[str, ...]:
    """Tags from meta values, splitting comma lists (``keywords``, ``parsely-tags``)."""
    split = (t.strip() for v in values for t in v.split(","))
    return tuple(dict.fromkeys(t for t in split if t))
