"""Where each field is declared: the ``<meta>`` keys (and microdata ``item:`` keys) per
field, best first.

In: nothing (data). Out: ``META_KEYS``, read by every field's sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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
