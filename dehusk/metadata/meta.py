"""``<meta>`` tags, microdata, RDFa and ``<link>``: the page's declared facts.

In: the page's evidence (``dehusk.evidence``). Out: ``MetaTags`` — every ``<meta>`` value
under its lowercased ``name``/``property``/``itemprop`` key (OpenGraph ``og:*``,
``article:*``, Twitter cards, ``author``, ``dc.*``, ``parsely-*``, ``sailthru.*``, …),
microdata ``itemprop`` and RDFa ``property`` values found on other elements,
``<link rel=canonical>``, ``<html lang>`` and ``<base href>``. Lookups go through ``first``
and ``all`` with a tuple of keys, best first.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from dehusk.evidence import Element, Evidence, has_token

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


@dataclass(frozen=True)
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
    if not value:
        return ""  # (most attributes asked for are absent)
    text = html.unescape(value) if "&" in value else value
    return " ".join(text.split())  # (str.split's spaces are \s's: an re.sub, 4x faster)


@lru_cache(maxsize=1024)
def _key(value: str | None) -> str:
    """A ``<meta>`` key as values are filed under it: cleaned, lowercased. Cached: the
    same few hundred names and properties on every page."""
    return _clean(value).lower()


def read_meta(page: Evidence) -> MetaTags:
    """Every declared value of the page (see ``MetaTags``)."""
    values: dict[str, list[str]] = {}
    for node in page.metas:
        attrs = node.attrs
        if "content" not in attrs:
            continue
        content: str | None = None  # cleaned once, for the first key
        for attr in ("property", "name", "itemprop"):
            key = _key(attrs.get(attr))
            if key:
                content = _clean(attrs.get("content")) if content is None else content
                values.setdefault(key, []).append(content)
    for node in page.elements:
        attrs = node.attrs  # (the three attributes item_matches needs, looked up first)
        if ("itemprop" in attrs or "property" in attrs or "rel" in attrs) and node.tag != "meta":
            for _ in range(item_matches(node)):
                _add_item(values, node, page)
    canonical = next((n for n in page.links if has_token(n.get("rel"), "canonical")), None)
    language = next((n for n in page.metas if _is_content_language(n)), None)
    base = next((n for n in page.bases if "href" in n.attrs), None)
    return MetaTags(
        values={k: tuple(v) for k, v in values.items()},
        canonical=_clean(canonical.get("href")) if canonical else "",
        lang=_clean(page.lang) or (_clean(language.get("content")) if language else ""),
        base=_clean(base.get("href")) if base else "",
    )


def item_matches(node: Element) -> int:
    """How many of ``[itemprop]``, ``[property]``, ``[rel~=author]`` match ``node``: a css
    query of that list returns the element once per selector it matches."""
    attrs = node.attrs
    return ("itemprop" in attrs) + ("property" in attrs) + has_token(node.get("rel"), "author")


def _is_content_language(node: Element) -> bool:
    """``meta[http-equiv="content-language" i]``."""
    return (
        node.get("http-equiv").lower() == "content-language"
        if "http-equiv" in node.attrs
        else False
    )


def _add_item(values: dict[str, list[str]], node: Element, page: Evidence) -> None:
    """Microdata/RDFa on an ordinary element: its ``content``/``datetime`` or its text."""
    attrs = node.attrs
    keys = (_clean(attrs.get("itemprop")) + " " + _clean(attrs.get("property"))).lower().split()
    if "author" in (attrs.get("rel") or "").lower().split():
        keys.append("rel:author")
    for key in keys:
        if key not in ITEMPROPS and key != "rel:author":
            continue
        value = attrs.get("content") or attrs.get("datetime") or ""
        if not value and node.tag not in ("html", "body"):
            value = _item_text(node, key, page)
        if value:
            values.setdefault("item:" + key, []).append(_clean(value))


def _item_text(node: Element, key: str, page: Evidence) -> str:
    """An item's text; for an author item, its nested ``name`` when it has one."""
    if key in ("author", "creator", "schema:author"):
        name = next((e for e in page.inside(node) if e.attrs.get("itemprop") == "name"), None)
        if name is not None:
            node = name
    text = _clean(node.text)
    return text if len(text) <= 300 else ""
