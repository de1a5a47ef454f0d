"""Metadata stage: the facts around the story.

In: the parsed tree, the classified blocks and the page URL. Out: ``MetaResult`` — the
``Metadata``, the blocks with the title block marked and the byline, dateline, bio and
syndication blocks relabelled out of the body, and warnings.

Steps:
1. read every source: JSON-LD (``jsonld``), ``<meta>``/microdata/RDFa (``meta``);
2. the headline (``title``), and the block repeating it becomes ``title``;
3. the metadata blocks of the body (``body``): bylines, datelines, bios, syndication lines;
4. each field from its sources in the order of trust of ``ORDER`` below — the first
   source that has a value wins, and a disagreeing later source leaves a warning
   (authors: ``author_sources``; dates: ``date_candidates``);
5. title and authors: a learned chooser (``rank``) picks among every candidate the page
   offers, the rules' choice being one of its features; overruling the rules leaves a
   warning;
6. language (``language``) and images (``images``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dehusk.article import Block, Label, Metadata
from dehusk.metadata import rank
from dehusk.metadata.author_sources import (
    AuthorCredits,
    author_candidates,
    copyright_texts,
    credit_fallback,
    dom_authors,
    dom_bylines,
    first_over_lone_list,
    headline_byline,
    home_link_texts,
    person_over_site,
    printed_over_declared,
    site_owner,
    twitter_card_authors,
    visible_byline,
)
from dehusk.metadata.authors import clean_authors, uninvert
from dehusk.metadata.body import BodyFacts, mark_title, relabel_body
from dehusk.metadata.date_candidates import (
    DateCandidate,
    after_modified,
    backed_visible_date,
    clock_days,
    date_candidates,
    declared_published,
    first_of,
    headline_date,
    lone_visible_date,
    original_date,
    ranked_date_candidates,
    shown_modified_date,
    shown_updated_date,
    url_month_date,
)
from dehusk.metadata.dates import parse_date, time_element_date, url_date
from dehusk.metadata.filing import choose_section, clean_tags
from dehusk.metadata.images import extract_images, page_root, resolve
from dehusk.metadata.jsonld import JsonLd, extract_jsonld
from dehusk.metadata.language import decide_language
from dehusk.metadata.meta import MetaTags, read_meta
from dehusk.metadata.rank import Candidate
from dehusk.metadata.syndication import original_publisher
from dehusk.metadata.title import choose_title, ranked_candidates, site_names
from dehusk.segment import BLOCK_TAGS

__all__ = ["MetaResult", "extract_metadata"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MetaResult:
    metadata: Metadata
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    #: The URL relative links resolve against (``<base href>`` over the page's URL), and the
    #: lead image the page declares (og:image, JSON-LD), for the images the pipeline places
    #: after dedupe.
    root: str = ""
    lead_image: str = ""


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
            "citation_authors",
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
#: The date printed by the headline ("text") outranks a date-classed element's ("dom", a
#: guess from class names that often hits a related post) and JSON-LD's datePublished.
#: Measured on the dev set with tests/metadata/measure_dev.py (see docs/metadata.md).
ORDER: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "authors": (
            *("jsonld", "citation", "meta", "twitter", "item"),
            *("byline", "dom", "visible", "headline"),
        ),
        "published": (
            "url",
            "url_month",
            "original",
            "lone_visible",
            "shown_modified",
            "backed_visible",
            "meta",
            "item",
            "time",
            "dateline",
            "text",
            "dom",
            "jsonld",
            "meta_other",
            "script",
            "text_anywhere",
            "modified",
        ),
    }
)


def extract_metadata(
    tree: LexborHTMLParser,
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
    now = datetime.now(UTC)
    ld = extract_jsonld(tree)
    tags = read_meta(tree)
    site_name = ld.site_name or tags.first(META_KEYS["site_name"]) or None
    publisher = ld.publisher or site_name
    sites = site_names((site_name or "", publisher or ""), url)
    warnings: list[str] = [f"{ld.broken} JSON-LD block(s) could not be parsed"] if ld.broken else []
    choose = _Chooser(model, trace, warnings)
    declared, (seen, home) = title_candidates(ld, tags, tree, blocks), headings(tree, blocks, url)
    # A heading linking home names the site too ("Post | Lessons Learned"), for titles only:
    # on a personal site it is also the author's name.
    title_sites = (*sites, *site_names(home, None))
    rules_title = choose_title(declared, [text for _, text in seen], title_sites)
    title = choose(
        "title", ranked_candidates(declared, seen, title_sites, rules_title, url), rules_title
    )
    # The block to mark is the visible headline the rules found; the chosen title may be
    # a declared variant of it that no block repeats.
    marked = mark_title(blocks, rules_title)
    exclude = (site_name or "", publisher or "", *sites)
    structured = clean_authors((*ld.authors, *_meta_authors(tags)), exclude)
    relabelled, body = relabel_body(marked, structured, exclude, now)
    page = _PageView(
        site=_Site(site_name or "", declared["title"], url),
        shown=" ".join(" ".join(b.text.split()) for b in blocks).lower(),
        headline=headline_byline([b.text for b in blocks], rules_title, exclude),
    )
    authors = _authors(ld, tags, body, tree, exclude, page, choose)
    dates = date_candidates(tree, url, _declared_dates(ld, tags), body.published, rules_title, now)
    rules_published = _resolve(
        "published", _date_sources(ld, tags, body, tree, url, now, dates), warnings, _day
    )
    date_options = ranked_date_candidates(dates, rules_published)
    published = choose("published", date_options, rules_published or "") or None
    text = " ".join(b.text for b in relabelled if b.main)
    lang = decide_language(ld.language or tags.lang or tags.first(META_KEYS["language"]), text)
    lead = (*ld.images, *tags.all(META_KEYS["images"]))
    metadata = Metadata(
        title=title,
        authors=authors or (),
        author_bios=body.bios,
        published=published,
        modified=_modified(ld, tags, dates, published, now),
        site_name=site_name or publisher,  # a JSON-LD publisher names the site it runs
        publisher=publisher,
        original_publisher=original_publisher(ld.based_on, sites)
        or original_publisher(body.original_publisher, sites)
        or None,
        canonical_url=resolve(url or "", tags.canonical or ld.url or tags.first(("og:url",)))
        or None,
        language=lang.language,
        description=ld.description or tags.first(META_KEYS["description"]) or None,
        section=choose_section((ld.section, *tags.all(META_KEYS["section"])), sites),
        tags=clean_tags(ld.tags or _split_tags(tags.all(META_KEYS["tags"]))),
        images=extract_images(tree, url, tags.base, lead),
    )
    warnings.extend(w for w in (lang.warning,) if w)
    root = page_root(url, tags.base)
    lead_image = next((r for src in lead[:1] if (r := resolve(root, src))), "")
    return MetaResult(metadata, relabelled, tuple(warnings), root, lead_image)


@dataclass(frozen=True, slots=True)
class _Chooser:
    """Picks a field's value among its candidates with the learned chooser of ``model``
    (``rank``); records the candidates in ``trace`` (training) and, when the chooser
    overrules the rules, says so in ``warnings``."""

    model: str
    trace: dict[str, list[Candidate[Any]]] | None
    warnings: list[str]

    def __call__(self, field: str, options: list[Candidate[T]], rules: T) -> T:
        if self.trace is not None:
            self.trace[field] = list(options)
        chosen = rank.choose(field, options, self.model, rules)
        if chosen != rules:
            self.warnings.append(f"{field}: the learned chooser took {chosen!r} over {rules!r}")
        return chosen


def _authors(
    ld: JsonLd,
    tags: MetaTags,
    body: BodyFacts,
    tree: LexborHTMLParser,
    exclude: tuple[str, ...],
    page: _PageView,
    choose: _Chooser,
) -> tuple[str, ...]:
    """The authors: every source read (the chooser weighs them all), the rules' answer —
    the order of trust, then the printed credit, then the site's owner — and the
    chooser's pick among the candidates."""
    bylines = tuple(dom_bylines(tree))  # read once: a source and a credit
    visible = visible_byline(tree, exclude)  # likewise
    readings = _Readings(bylines, visible.names, page.headline)
    found = _author_sources(ld, tags, body, tree, exclude, page.site, readings)
    credits = _author_credits(ld, tags, bylines, visible.credit)
    rules_authors = (
        _resolve("authors", _thunks(found), choose.warnings)
        or credit_fallback(credits)
        or found["owner"]
    )
    rules_authors = first_over_lone_list(found, rules_authors)
    rules_authors = printed_over_declared(found, rules_authors, page.shown)
    rules_authors = person_over_site(found, rules_authors, exclude, page.shown)
    candidates = author_candidates(found, credits, rules_authors, exclude, page.shown)
    if found["citation"] and rules_authors == found["citation"]:
        # Scholarly citation tags are the publisher's own list of every author, in order;
        # a handful of dev pages carry them, too few for the chooser to learn that.
        if choose.trace is not None:
            choose.trace["authors"] = candidates
        return rules_authors
    return choose("authors", candidates, rules_authors)


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


def headings(
    tree: LexborHTMLParser, blocks: Sequence[Block], url: str | None = None
) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """The page's visible headline candidates as ``(kind, text)``: level-1 heading blocks
    (``block``), then every ``<h1>``, then every ``<h2>`` (a few of each, in document
    order; a text seen before keeps its first kind); and the texts of the headings that
    link to the site's home page. Those name the site, not the story: they are left out
    of the candidates under every kind."""
    found = [("block", b.text) for b in blocks if b.label is Label.HEADING and b.level == 1][
        :MAX_HEADINGS
    ]
    home: dict[str, None] = {}  # in document order
    for selector in ("h1", "h2"):
        for node in tree.css(selector)[:MAX_HEADINGS]:
            text = " ".join(_visible_text(node).split())
            found.append((selector, text))
            if _links_home(node, url):
                home[text] = None
    first: dict[str, str] = {}
    for kind, text in found:
        if text and text not in home:
            first.setdefault(text, kind)
    return [(kind, text) for text, kind in first.items()], tuple(t for t in home if t)


#: Paths of a site's home page.
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php"})
#: Ancestors of a heading searched for a wrapping link (``<a><h1>Site</h1></a>``).
LINK_REACH = 3


def _links_home(heading: LexborNode, url: str | None) -> bool:
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


#: Elements whose text a reader never sees (CSS-in-JS sites put ``<style>`` inside h1s).
INVISIBLE_TAGS = frozenset({"style", "script", "noscript", "template"})
#: Elements that break a line: the words on either side are apart, even with no space.
_BREAKS = BLOCK_TAGS | {"br"}
#: Nodes read per heading: a headline is a few elements; a pathological one stops here.
MAX_HEADING_NODES = 2000


def _visible_text(node: LexborNode) -> str:
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


def _text_of(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return " ".join(node.text(deep=True, separator=" ").split()) if node is not None else ""


class _Site(NamedTuple):
    """What names the site: its name, the page's ``<title>`` and URL."""

    name: str
    title: str
    url: str | None


class _PageView(NamedTuple):
    """What the author rules read of the page besides its markup and declared data."""

    site: _Site
    shown: str  # the blocks' text, lowercased: is a name printed on the page?
    headline: tuple[str, ...]  # the names of the bare byline under the headline


class _Readings(NamedTuple):
    """The page's printed author readings, each taken once."""

    bylines: tuple[str, ...]  # byline-like elements' texts (``dom_bylines``), also credits
    visible: tuple[str, ...]  # the names of the visible "By …" line (``visible_byline``)
    headline: tuple[str, ...]  # ``headline_byline``'s names


def _author_sources(
    ld: JsonLd,
    tags: MetaTags,
    body: BodyFacts,
    tree: LexborHTMLParser,
    exclude: tuple[str, ...],
    site: _Site,
    readings: _Readings,
) -> dict[str, tuple[str, ...]]:
    """Every author source's names, each read (the chooser weighs them all)."""
    return {
        "jsonld": clean_authors(ld.authors, exclude),
        "meta": clean_authors(_meta_authors(tags, _PLAIN_KEYS), exclude),
        # Scholarly citation tags list every author, in order: a source of its own, as a
        # declared list of several names is trustworthy there and not in ``meta``.
        "citation": clean_authors(_meta_authors(tags, _CITATION_KEYS), exclude),
        "twitter": clean_authors(twitter_card_authors(tags), exclude),
        "item": clean_authors(tags.all(META_KEYS["item_authors"]), exclude),
        "byline": body.authors,
        "dom": dom_authors(tree, exclude, readings.bylines),
        "visible": readings.visible,
        "headline": readings.headline,
        "owner": site_owner(
            site.name,
            site.title,
            lambda: copyright_texts(tree),
            site.url,
            lambda: home_link_texts(tree, site.url),
        ),
    }


#: Meta keys whose names are written surname first ("Roy, Aniruddha"): Highwire/Google
#: Scholar citation tags, as on arXiv, PubMed Central and journal pages.
_CITATION_KEYS = ("citation_author", "citation_authors")
_PLAIN_KEYS = tuple(k for k in META_KEYS["authors"] if k not in _CITATION_KEYS)


def _meta_authors(tags: MetaTags, keys: tuple[str, ...] = META_KEYS["authors"]) -> tuple[str, ...]:
    """The ``<meta>`` author values of ``keys`` in key order, citation names in reading
    order."""
    values = (uninvert(v) if key in _CITATION_KEYS else v for key in keys for v in tags.all((key,)))
    return tuple(dict.fromkeys(values))


def _author_credits(
    ld: JsonLd, tags: MetaTags, bylines: tuple[str, ...], visible: str
) -> AuthorCredits:
    """The raw author credits of the page, for a page whose credits name no person;
    ``visible``: the credit of the page's visible byline."""
    return AuthorCredits(
        jsonld=ld.authors,
        jsonld_orgs=ld.author_orgs,
        meta=(*_meta_authors(tags, _PLAIN_KEYS), *twitter_card_authors(tags)),
        item=tags.all(META_KEYS["item_authors"]),
        dom=bylines,
        visible=(visible,) if visible else (),
    )


def _thunks(values: Mapping[str, T]) -> dict[str, Callable[[], T]]:
    """Values already read, as the thunks ``_resolve`` wants."""
    return {k: _constant(v) for k, v in values.items()}


def _constant(value: T) -> Callable[[], T]:
    return lambda: value


def _date_sources(
    ld: JsonLd,
    tags: MetaTags,
    body: BodyFacts,
    tree: LexborHTMLParser,
    url: str | None,
    now: datetime,
    dates: list[DateCandidate],
) -> dict[str, Callable[[], str | None]]:
    return {
        "url_month": lambda: url_month_date(url, dates),
        "original": lambda: original_date(dates),
        "lone_visible": lambda: lone_visible_date(dates),
        "shown_modified": lambda: shown_modified_date(dates),
        "modified": lambda: first_of(dates, "meta_mod") or first_of(dates, "jsonld_mod"),
        "text": lambda: headline_date(dates),
        "text_anywhere": lambda: headline_date(dates, near=False),
        "backed_visible": lambda: backed_visible_date(dates),
        "script": lambda: declared_published(dates, "script"),
        "meta_other": lambda: declared_published(dates, "meta_other"),
        "jsonld": lambda: _unless_after_modified(parse_date(ld.published, now), dates),
        "meta": lambda: _unless_after_modified(
            _first_date(tags.all(META_KEYS["published"]), now), dates
        ),
        "item": lambda: _unless_after_modified(
            _first_date(tags.all(META_KEYS["item_published"]), now), dates
        ),
        "time": lambda: time_element_date(tree, now),
        "dateline": lambda: _unless_clock(body.published, dates),
        "url": lambda: url_date(url, now),
        "dom": lambda: first_of(dates, "dom"),  # read once, by date_candidates
    }


#: Where each declared date is read: (candidate source, keys of ``META_KEYS``).
DECLARED_DATES: tuple[tuple[str, str], ...] = (
    ("meta", "published"),
    ("meta_mod", "modified"),
    ("item", "item_published"),
    ("item_mod", "item_modified"),
)
#: Other ``<meta>`` keys naming a date ("published-date", "w-published-date", "Updated Date").
OTHER_DATE_KEY = ("date", "publish", "modif", "updat", "created")


def _declared_dates(ld: JsonLd, tags: MetaTags) -> list[tuple[str, str, str]]:
    """Every declared date as ``(candidate source, key, raw value)``."""
    out = [("jsonld", "datePublished", ld.published), ("jsonld_mod", "dateModified", ld.modified)]
    known: set[str] = set()
    for source, field in DECLARED_DATES:
        known.update(k.removeprefix("item:") for k in META_KEYS[field])
        out.extend((source, key, v) for key in META_KEYS[field] for v in tags.values.get(key, ()))
    out.extend(
        ("meta_other", key, v)
        for key, values in tags.values.items()
        if not key.startswith("item:")
        and key not in known
        and any(w in key for w in OTHER_DATE_KEY)
        for v in values
    )
    return [d for d in out if d[2]]


def _unless_clock(value: str | None, dates: list[DateCandidate]) -> str | None:
    """The body's dateline, or ``None`` when it shows the page's clock (today's date in a
    header, which the block classifier may take for a dateline)."""
    return None if value and value[:10] in clock_days(dates) else value


def _unless_after_modified(value: str | None, dates: list[DateCandidate]) -> str | None:
    """A declared published date, or ``None`` when it comes after every declared modified
    date (``date_candidates.after_modified``)."""
    return None if value and after_modified(value, dates) else value


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


def _modified(
    ld: JsonLd, tags: MetaTags, dates: list[DateCandidate], published: str | None, now: datetime
) -> str | None:
    """The declared modified date (JSON-LD, ``<meta>``, microdata), else the update the page
    prints by its headline, unless that comes before the published day."""
    declared = parse_date(
        ld.modified or tags.first(META_KEYS["modified"]) or tags.first(META_KEYS["item_modified"]),
        now,
    )
    if declared:
        return declared
    shown = shown_updated_date(dates)
    return shown if shown and (not published or shown[:10] >= published[:10]) else None


def _split_tags(values: tuple[str, ...]) -> tuple[str, ...]:
    """Tags from meta values, splitting comma lists (``keywords``, ``parsely-tags``)."""
    split = (t.strip() for v in values for t in v.split(","))
    return tuple(dict.fromkeys(t for t in split if t))
