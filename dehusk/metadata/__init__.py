"""Metadata stage: the facts around the story.

In: the parsed tree, the classified blocks and the page URL. Out: ``MetaResult`` — the
``Metadata``, the blocks with the title block marked and the byline, dateline, bio and
syndication blocks relabelled out of the body, and warnings.

Steps:
1. read every source: JSON-LD (``jsonld``), ``<meta>``/microdata/RDFa (``meta``);
2. the headline (``title``), and the block repeating it becomes ``title``;
3. the metadata blocks of the body (``body``): bylines, datelines, bios, syndication lines;
4. each field from its candidates in the order of trust of ``ORDER`` below — the first
   source that has a value wins, and a disagreeing later source leaves a warning;
5. language (``language``) and images (``images``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser

from dehusk.article import Block, Label, Metadata
from dehusk.metadata.authors import (
    AuthorCredits,
    clean_authors,
    credit_fallback,
    dom_authors,
    dom_bylines,
    visible_byline_authors,
)
from dehusk.metadata.body import BodyFacts, mark_title, relabel_body
from dehusk.metadata.dates import dom_date, parse_date, time_element_date, url_date
from dehusk.metadata.images import extract_images
from dehusk.metadata.jsonld import JsonLd, extract_jsonld
from dehusk.metadata.language import decide_language
from dehusk.metadata.meta import MetaTags, read_meta
from dehusk.metadata.title import choose_title, site_names

__all__ = ["MetaResult", "extract_metadata"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MetaResult:
    metadata: Metadata
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()


#: <meta> keys per field, best first. OpenGraph/article (ogp.me), Parse.ly, Sailthru,
#: Dublin Core, Highwire/Google Scholar citation_*, and the plain names CMSs emit.
META_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "title": ("og:title",),
        "twitter_title": ("twitter:title",),
        "parsely_title": ("parsely-title",),
        "sailthru_title": ("sailthru.title",),
        "dc_title": ("dc.title", "dcterms.title", "citation_title"),
        "authors": (
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "dcterms.creator",
            "citation_author",
            "byl",
            "cxenseparse:author",
            "og:article:author",
        ),
        "published": (
            "article:published_time",
            "og:article:published_time",
            "parsely-pub-date",
            "sailthru.date",
            "pubdate",
            "publishdate",
            "publish-date",
            "published_time",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "dcterms.date",
            "dcterms.issued",
            "citation_publication_date",
            "citation_date",
            "article.published",
            "datepublished",
        ),
        "modified": (
            "article:modified_time",
            "og:updated_time",
            "og:article:modified_time",
            "dcterms.modified",
            "last-modified",
            "datemodified",
        ),
        "site_name": ("og:site_name", "application-name", "apple-mobile-web-app-title"),
        "description": ("og:description", "description", "twitter:description", "dc.description"),
        "section": ("article:section", "parsely-section", "sailthru.section", "section"),
        "tags": ("article:tag", "parsely-tags", "sailthru.tags", "news_keywords", "keywords"),
        "images": (
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ),
        "language": ("og:locale", "language", "dc.language", "content-language"),
        "item_authors": (
            "item:author",
            "item:creator",
            "item:schema:author",
            "item:dc:creator",
            "item:sioc:has_creator",
            "item:rel:author",
        ),
        "item_published": (
            "item:datepublished",
            "item:schema:datepublished",
            "item:dc:date",
            "item:dcterms:created",
            "item:article:published_time",
            "item:datecreated",
        ),
        "item_modified": ("item:datemodified", "item:dcterms:modified"),
    }
)

#: Headings of each kind looked at as headline candidates.
MAX_HEADINGS = 8

#: Order of trust per field: the first source with a value wins. JSON-LD first (written
#: for machines, per article); then <meta> tags; microdata; the visible page (a byline, a
#: dateline); the URL last for dates (a folder date can be a rewrite or an archive date).
#: Measured on the dev set with tests/metadata/measure_dev.py (see docs/metadata.md).
ORDER: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "authors": ("jsonld", "meta", "item", "byline", "dom", "visible"),
        "published": ("url", "meta", "item", "time", "dateline", "dom", "jsonld"),
    }
)


def extract_metadata(
    tree: LexborHTMLParser, blocks: Sequence[Block], url: str | None
) -> MetaResult:
    """The facts of the page and its blocks with metadata blocks relabelled (see above)."""
    now = datetime.now(UTC)
    ld = extract_jsonld(tree)
    tags = read_meta(tree)
    site_name = ld.site_name or tags.first(META_KEYS["site_name"]) or None
    publisher = ld.publisher or site_name
    sites = site_names((site_name or "", publisher or ""), url)
    title = choose_title(title_candidates(ld, tags, tree, blocks), headings(tree, blocks), sites)
    marked = mark_title(blocks, title)
    exclude = (site_name or "", publisher or "", *sites)
    structured = clean_authors((*ld.authors, *tags.all(META_KEYS["authors"])), exclude)
    relabelled, body = relabel_body(marked, structured, exclude, now)
    warnings: list[str] = [f"{ld.broken} JSON-LD block(s) could not be parsed"] if ld.broken else []
    authors = _resolve("authors", _author_sources(ld, tags, body, tree, exclude), warnings)
    authors = authors or credit_fallback(_author_credits(ld, tags, tree))
    published = _resolve("published", _date_sources(ld, tags, body, tree, url, now), warnings, _day)
    text = " ".join(b.text for b in relabelled if b.main)
    lang = decide_language(ld.language or tags.lang or tags.first(META_KEYS["language"]), text)
    metadata = Metadata(
        title=title,
        authors=authors or (),
        author_bios=body.bios,
        published=published,
        modified=parse_date(
            ld.modified
            or tags.first(META_KEYS["modified"])
            or tags.first(META_KEYS["item_modified"]),
            now,
        ),
        site_name=site_name,
        publisher=publisher,
        original_publisher=ld.based_on or body.original_publisher or None,
        canonical_url=tags.canonical or ld.url or tags.first(("og:url",)) or None,
        language=lang.language,
        description=ld.description or tags.first(META_KEYS["description"]) or None,
        section=ld.section or tags.first(META_KEYS["section"]) or None,
        tags=ld.tags or _split_tags(tags.all(META_KEYS["tags"])),
        images=extract_images(tree, url, tags.base, (*ld.images, *tags.all(META_KEYS["images"]))),
    )
    warnings.extend(w for w in (lang.warning,) if w)
    return MetaResult(metadata, relabelled, tuple(warnings))


def title_candidates(
    ld: JsonLd, tags: MetaTags, tree: LexborHTMLParser, blocks: Sequence[Block]
) -> dict[str, str]:
    """Headline candidates keyed by the source names of ``title.TITLE_ORDER``."""
    return {
        "jsonld": ld.headline if ld.is_article else "",
        "og": tags.first(META_KEYS["title"]),
        "twitter": tags.first(META_KEYS["twitter_title"]),
        "item": tags.first(("item:headline",)),
        "parsely": tags.first(META_KEYS["parsely_title"]),
        "sailthru": tags.first(META_KEYS["sailthru_title"]),
        "dc": tags.first(META_KEYS["dc_title"]),
        "title": _text_of(tree, "title"),
    }


def headings(tree: LexborHTMLParser, blocks: Sequence[Block]) -> list[str]:
    """The page's visible headline candidates: level-1 heading blocks, then every
    ``<h1>``, then every ``<h2>`` (a few of each, in document order)."""
    found = [b.text for b in blocks if b.label is Label.HEADING and b.level == 1][:MAX_HEADINGS]
    for selector in ("h1", "h2"):
        found.extend(
            " ".join(n.text(deep=True, separator=" ").split())
            for n in tree.css(selector)[:MAX_HEADINGS]
        )
    return list(dict.fromkeys(h for h in found if h))


def _text_of(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return " ".join(node.text(deep=True, separator=" ").split()) if node is not None else ""


def _author_sources(
    ld: JsonLd, tags: MetaTags, body: BodyFacts, tree: LexborHTMLParser, exclude: tuple[str, ...]
) -> dict[str, Callable[[], tuple[str, ...] | None]]:
    """Each author source as a thunk, so a source is only read when needed."""
    return {
        "jsonld": lambda: clean_authors(ld.authors, exclude),
        "meta": lambda: clean_authors(tags.all(META_KEYS["authors"]), exclude),
        "item": lambda: clean_authors(tags.all(META_KEYS["item_authors"]), exclude),
        "byline": lambda: body.authors,
        "dom": lambda: dom_authors(tree, exclude),
        "visible": lambda: visible_byline_authors(tree, exclude),
    }


def _author_credits(ld: JsonLd, tags: MetaTags, tree: LexborHTMLParser) -> AuthorCredits:
    """The raw author credits of the page, for a page whose credits name no person."""
    return AuthorCredits(
        jsonld=ld.authors,
        jsonld_orgs=ld.author_orgs,
        meta=tags.all(META_KEYS["authors"]),
        item=tags.all(META_KEYS["item_authors"]),
        dom=tuple(dom_bylines(tree)),
    )


def _date_sources(
    ld: JsonLd,
    tags: MetaTags,
    body: BodyFacts,
    tree: LexborHTMLParser,
    url: str | None,
    now: datetime,
) -> dict[str, Callable[[], str | None]]:
    return {
        "jsonld": lambda: parse_date(ld.published, now),
        "meta": lambda: _first_date(tags.all(META_KEYS["published"]), now),
        "item": lambda: _first_date(tags.all(META_KEYS["item_published"]), now),
        "time": lambda: time_element_date(tree, now),
        "dateline": lambda: body.published,
        "url": lambda: url_date(url, now),
        "dom": lambda: dom_date(tree, now),
    }


def _first_date(values: tuple[str, ...], now: datetime) -> str | None:
    return next((d for v in values if (d := parse_date(v, now))), None)


def _day(value: str) -> str:
    return value[:10]


def _resolve(
    field: str,
    sources: Mapping[str, Callable[[], T | None]],
    warnings: list[str],
    key: Callable[[T], object] = lambda v: v,
) -> T | None:
    """The first source's value in ``ORDER[field]``; a disagreeing next source → warning.

    Only the next source that has a value is read (the sources after it cost time and
    add nothing), so a conflict is reported between the winner and the runner-up.
    """
    winner: tuple[str, T] | None = None
    for name in ORDER[field]:
        value = sources[name]()
        if not value:
            continue
        if winner is None:
            winner = (name, value)
            continue
        if key(value) != key(winner[1]):
            warnings.append(
                f"{field}: {winner[0]} says {winner[1]!r}, {name} says {value!r}; kept {winner[0]}"
            )
        break
    return winner[1] if winner else None


def _split_tags(values: tuple[str, ...]) -> tuple[str, ...]:
    """Tags from meta values, splitting comma lists (``keywords``, ``parsely-tags``)."""
    split = (t.strip() for v in values for t in v.split(","))
    return tuple(dict.fromkeys(t for t in split if t))
