"""``<meta>`` tags, microdata, RDFa and ``<link>``: the page's declared facts.

In: the parsed tree. Out: ``MetaTags`` — every ``<meta>`` value under its lowercased
``name``/``property``/``itemprop`` key (OpenGraph ``og:*``, ``article:*``, Twitter cards,
``author``, ``dc.*``, ``parsely-*``, ``sailthru.*``, …), microdata ``itemprop`` and RDFa
``property`` values found on other elements, ``<link rel=canonical>``, ``<html lang>`` and
``<base href>``. Lookups go through ``first`` and ``all`` with a tuple of keys, best first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

_SPACE = re.compile(r"\s+")

#: Microdata/RDFa properties read from elements other than <meta> (schema.org names and
#: the Dublin Core/OpenGraph RDFa spellings seen in Drupal and WordPress themes).
ITEMPROPS: tuple[str, ...] = (
    "headline",
    "author",
    "creator",
    "datepublished",
    "datemodified",
    "datecreated",
    "dc:creator",
    "dc:date",
    "dc:title",
    "dcterms:created",
    "dcterms:modified",
    "schema:author",
    "schema:datepublished",
    "article:published_time",
    "sioc:has_creator",
)


@dataclass(frozen=True, slots=True)
class MetaTags:
    """Declared values by lowercased key, in document order; see the module docstring."""

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    canonical: str = ""
    lang: str = ""
    base: str = ""

    def first(self, keys: tuple[str, ...]) -> str:
        """The first non-empty value under the first key that has one."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return ""

    def all(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """Every non-empty value under any of the keys, de-duplicated, in key order."""
        found = (v for key in keys for v in self.values.get(key, ()) if v)
        return tuple(dict.fromkeys(found))


def _clean(value: str | None) -> str:
    """Spaces folded; entities decoded once more, as double-escaped ones are common."""
    text = html.unescape(value) if value and "&" in value else value or ""
    return _SPACE.sub(" ", text).strip()


def read_meta(tree: LexborHTMLParser) -> MetaTags:
    """Every declared value of the page (see ``MetaTags``)."""
    values: dict[str, list[str]] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        for attr in ("property", "name", "itemprop"):
            key = _clean(attrs.get(attr)).lower()
            if key:
                values.setdefault(key, []).append(_clean(attrs.get("content")))
    for node in tree.css("[itemprop], [property], [rel~=author]"):
        if node.tag != "meta":
            _add_item(values, node)
    return MetaTags(
        values={k: tuple(v) for k, v in values.items()},
        canonical=_attr(tree, 'link[rel~="canonical" i]', "href"),
        lang=_attr(tree, "html", "lang")
        or _attr(tree, 'meta[http-equiv="content-language" i]', "content"),
        base=_attr(tree, "base[href]", "href"),
    )


def _add_item(values: dict[str, list[str]], node: LexborNode) -> None:
    """Microdata/RDFa on an ordinary element: its ``content``/``datetime`` or its text."""
    attrs = node.attributes
    keys = (_clean(attrs.get("itemprop")) + " " + _clean(attrs.get("property"))).lower().split()
    if "author" in (attrs.get("rel") or "").lower().split():
        keys.append("rel:author")
    for key in keys:
        if key not in ITEMPROPS and key != "rel:author":
            continue
        value = attrs.get("content") or attrs.get("datetime") or ""
        if not value and node.tag not in ("html", "body"):
            value = _item_text(node, key)
        if value:
            values.setdefault("item:" + key, []).append(_clean(value))


def _item_text(node: LexborNode, key: str) -> str:
    """An item's text; for an author item, its nested ``name`` when it has one."""
    if key in ("author", "creator", "schema:author"):
        name = node.css_first('[itemprop="name"]')
        if name is not None:
            node = name
    text = _clean(node.text(deep=True))
    return text if len(text) <= 300 else ""


def _attr(tree: LexborHTMLParser, selector: str, attr: str) -> str:
    node = tree.css_first(selector)
    return _clean(node.attributes.get(attr)) if node is not None else ""
