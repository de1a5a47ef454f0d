"""Tolerant JSON-LD: every ``<script type="application/ld+json">`` of a page, parsed as far as
it can be, and the facts of its article node.

In: the page's evidence (``dehusk.evidence``: its JSON-LD scripts' text). Out: ``JsonLd`` —
the article node's headline, authors, dates, publisher, … as plain strings (empty when
absent). Never raises: a block that cannot be
repaired is skipped and counted in ``JsonLd.broken``.

Repairs (each seen on real pages): several blocks, a top-level list, ``@graph``; trailing
commas; raw control characters (newlines) inside strings; HTML comments/CDATA wrapped
around the JSON; several objects concatenated in one block; HTML markup inside strings.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dehusk.evidence import Evidence

#: schema.org types that describe the story itself, best first. From schema.org's
#: Article subtypes plus the types blogs and CMSs (Yoast, WordPress) emit for posts.
ARTICLE_TYPES: tuple[str, ...] = (
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicquestionnewsarticle",
    "article",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "medicalscholarlyarticle",
    "report",
    "advertisercontentarticle",
    "satiricalarticle",
    "howto",
    "recipe",
    "review",
    "posting",
)
#: Page types used only when no article node exists (many sites mark posts up this way).
PAGE_TYPES: tuple[str, ...] = ("webpage", "itempage", "medicalwebpage", "aboutpage")

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")
_WRAPPER = re.compile(r"^\s*(?:<!--|<!\[CDATA\[|//\s*<!\[CDATA\[)|(?:-->|\]\]>|//\s*\]\]>)\s*$")
_TAG = re.compile(r"<[^>]{0,500}>")


@dataclass(frozen=True)
class JsonLd:
    """What the page's JSON-LD says about its article (empty strings/tuples when silent)."""

    headline: str = ""
    authors: tuple[str, ...] = ()
    author_orgs: tuple[str, ...] = ()
    published: str = ""
    modified: str = ""
    publisher: str = ""
    site_name: str = ""
    based_on: str = ""
    description: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    url: str = ""
    language: str = ""
    is_article: bool = False
    broken: int = 0


def loads_tolerant(raw: str) -> list[Any]:
    """Every JSON value in ``raw``, repairing what real pages get wrong; [] if hopeless."""
    text = raw.strip()
    if text[:1] in ("<", "/") or text.endswith(">"):
        # The only texts a wrapper can open or close (stripped, so no spaces around):
        # the regex's end branch is tried at every character, a 0.07 ms a page scan.
        text = _WRAPPER.sub("", text).strip()
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        values = _decode_all(candidate)
        if values:
            return values
    # Raw newlines/tabs inside strings are invalid JSON but common; strict=False accepts
    # them, any other control character is dropped.
    return _decode_all(_CONTROL.sub(" ", _TRAILING_COMMA.sub(r"\1", text)))


def _decode_all(text: str) -> list[Any]:
    """Decode one or several concatenated JSON values; stop at the first that fails."""
    decoder = json.JSONDecoder(strict=False)
    out: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n;,":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            break
        out.append(value)
    return out


def nodes(values: list[Any]) -> Iterator[dict[str, Any]]:
    """Every object in the values, depth first: lists, ``@graph`` and nested objects."""
    stack: list[Any] = list(reversed(values))
    seen = 0
    while stack and seen < 5000:  # bound the work on hostile input
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            seen += 1
            yield value
            stack.extend(reversed([v for v in value.values() if isinstance(v, dict | list)]))


def types_of(node: dict[str, Any]) -> tuple[str, ...]:
    kind = node.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return tuple(k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str))


#: Characters of one JSON-LD string read (the rest is cut before cleaning): the fields read
#: here (headline, dates, names, a description) are short, while each regex pass over a
#: 10 MB ``headline`` cost ~0.4 s, five of them per field.
MAX_TEXT = 100_000


def clean_text(value: Any) -> str:
    """A JSON-LD string as plain text: entities decoded, HTML tags dropped, spaces folded."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    if not isinstance(value, str):
        return ""
    text = html.unescape(_TAG.sub(" ", html.unescape(value[:MAX_TEXT])))
    return " ".join(_CONTROL.sub(" ", text).split())


def read_blocks(scripts: Iterable[str]) -> tuple[list[Any], int]:
    """The decoded values of every JSON-LD script (their texts) and the number that failed."""
    values: list[Any] = []
    broken = 0
    for script in scripts:
        decoded = loads_tolerant(script)
        broken += not decoded
        values.extend(decoded)
    return values, broken


def pick_article(all_nodes: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, bool]:
    """The node describing the story: the best-ranked article type, else a web page."""
    for wanted in (ARTICLE_TYPES, PAGE_TYPES):
        ranked = [
            (min(wanted.index(t) for t in types_of(n) if t in wanted), i, n)
            for i, n in enumerate(all_nodes)
            if any(t in wanted for t in types_of(n))
        ]
        if ranked:
            return min(ranked, key=lambda r: (r[0], r[1]))[2], wanted is ARTICLE_TYPES
    return None, False


def extract_jsonld(page: Evidence) -> JsonLd:
    """The facts of the page's article node (see ``JsonLd``); never raises."""
    values, broken = read_blocks(page.json_ld)
    all_nodes = list(nodes(values))
    by_id = {n["@id"]: n for n in all_nodes if isinstance(n.get("@id"), str) and len(n) > 1}
    article, is_article = pick_article(all_nodes)
    site = _first_of_type(all_nodes, ("website",))
    if article is None:
        return JsonLd(site_name=_name(site, by_id), broken=broken)
    people, orgs = _authors(article.get("author") or article.get("creator"), by_id)
    return JsonLd(
        headline=clean_text(article.get("headline") or article.get("name")),
        authors=people,
        author_orgs=orgs,
        published=clean_text(article.get("datePublished") or article.get("dateCreated")),
        modified=clean_text(article.get("dateModified")),
        publisher=_name(article.get("publisher"), by_id),
        site_name=_name(site, by_id),
        based_on=_based_on(article, by_id),
        description=clean_text(article.get("description")),
        section=clean_text(article.get("articleSection")),
        tags=_keywords(article.get("keywords")),
        images=_images(article.get("image") or article.get("thumbnailUrl"), by_id),
        url=_url(article.get("url") or article.get("mainEntityOfPage"), by_id),
        language=clean_text(article.get("inLanguage")),
        is_article=is_article,
        broken=broken,
    )


def _first_of_type(all_nodes: list[dict[str, Any]], wanted: tuple[str, ...]) -> Any:
    return next((n for n in all_nodes if any(t in wanted for t in types_of(n))), None)


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """Follow an ``{"@id": ...}`` reference into the ``@graph`` it points at."""
    if isinstance(value, dict) and len(value) <= 2 and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _name(value: Any, by_id: dict[str, dict[str, Any]]) -> str:
    for item in _as_list(value):
        item = _resolve(item, by_id)
        name = clean_text(item.get("name")) if isinstance(item, dict) else clean_text(item)
        if name:
            return name
    return ""


def _authors(
    value: Any, by_id: dict[str, dict[str, Any]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person names and organisation names among the article's authors, in order."""
    people: list[str] = []
    orgs: list[str] = []
    for item in _as_list(value):
        item = _resolve(item, by_id)
        name = _name(item, by_id)
        if not name:
            continue
        is_org = isinstance(item, dict) and any(
            t in ("organization", "newsmediaorganization", "corporation") for t in types_of(item)
        )
        (orgs if is_org else people).append(name)
    return tuple(people), tuple(orgs)


def _based_on(article: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    """The organisation a syndicated story came from (``sourceOrganization``/``isBasedOn``)."""
    source = _name(article.get("sourceOrganization"), by_id)
    if source:
        return source
    for item in _as_list(article.get("isBasedOn")):
        item = _resolve(item, by_id)
        if isinstance(item, dict):
            return _name(item.get("publisher"), by_id) or _name(
                item.get("sourceOrganization"), by_id
            )
    return ""


def _keywords(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else _as_list(value)
    tags = (clean_text(t) for t in items)
    return tuple(dict.fromkeys(t for t in tags if t))


def _url(value: Any, by_id: dict[str, dict[str, Any]]) -> str:
    for item in _as_list(value):
        item = _resolve(item, by_id)
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
        if isinstance(item, str) and item.strip():
            return item.strip()
    return ""


def _images(value: Any, by_id: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    found = (_url(item, by_id) for item in _as_list(value))
    return tuple(dict.fromkeys(u for u in found if u))
