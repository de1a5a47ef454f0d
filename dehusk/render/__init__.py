"""Render stage: an ``Article`` → plain text, Markdown, JSON or HTML.

In: blocks (and for the full formats the ``Article``) plus ``Options``. Out: str. Plain
text joins the body blocks with blank lines; Markdown keeps headings, lists, quotes, tables,
code, bold, italic and inline code (``Block.marks``), links (with ``include=["links"]``)
and images with their captions; HTML is a reader page (``to_html``) or, with
``annotate``, the X-ray of every block (``xray``). ``body_items`` decides what both print:
the headline once, bold-only paragraphs as subheadings.

One module per output: ``body`` (which blocks, as what), ``inline`` (marks and links),
``markdown``, ``page`` (the HTML reader page), ``xray``; here the dispatch ``render``, the
JSON and the YAML front matter.
"""

from __future__ import annotations

import json

from dehusk.article import Article, Options
from dehusk.render.body import body_items, body_text, in_body
from dehusk.render.markdown import markdown
from dehusk.render.page import to_html
from dehusk.render.xray import XRAY_COLOURS, xray

__all__ = [
    "XRAY_COLOURS",
    "body_items",
    "body_text",
    "front_matter",
    "in_body",
    "markdown",
    "render",
    "to_html",
    "to_json",
    "xray",
]


def front_matter(article: Article) -> str:
    """YAML front matter of the article's facts (title, authors, dates, publisher, url,
    language), each only when known; strings quoted as JSON, which YAML reads as is."""
    m = article.metadata
    fields: list[tuple[str, str | list[str] | None]] = [
        ("title", m.title or None),
        ("authors", list(m.authors) or None),
        ("published", m.published),
        ("modified", m.modified),
        ("publisher", m.publisher or m.site_name),
        ("url", m.canonical_url or article.url),
        ("language", m.language),
    ]
    lines = [f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields if value]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def to_json(article: Article, options: Options) -> str:
    return json.dumps(article.to_dict(annotate=options.annotate), ensure_ascii=False)


def render(article: Article, fmt: str, options: Options, *, with_metadata: bool = False) -> str:
    """Dispatch on the output format name: text, markdown, json or html.

    ``html`` with ``options.annotate`` is the X-ray view (``xray``), not the reader view.
    ``with_metadata`` starts text and Markdown with YAML front matter (``front_matter``).
    """
    top = front_matter(article) if with_metadata else ""
    if fmt == "text":
        return top + article.text + "\n"
    if fmt == "markdown":
        return top + markdown(article, options)
    if fmt == "json":
        return to_json(article, options) + "\n"
    if fmt == "html":
        return xray(article, options) if options.annotate else to_html(article, options)
    raise ValueError(f"unknown format {fmt!r}")
