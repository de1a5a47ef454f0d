"""The whole pipeline in one screen: bytes or str in, ``Article`` out.

decode → parse → segment → classify → metadata → dedupe → render. Each stage is a plain
function in its own module and talks to the next only through ``dehusk.article``. The whole
call runs under ``Options.time_limit`` (``dehusk.deadline``), checked between stages.
"""

from __future__ import annotations

from dataclasses import replace

from dehusk.article import Article, Options
from dehusk.classify import classify_page
from dehusk.collector import paused
from dehusk.deadline import check, within
from dehusk.decode import decode
from dehusk.dedupe import dedupe
from dehusk.evidence import evidence, page_address
from dehusk.metadata import extract_metadata
from dehusk.metadata.images import article_images
from dehusk.parse import parse
from dehusk.render import body_text
from dehusk.segment import segment

DEFAULT_OPTIONS = Options()
#: The warning of a page whose article was read from content it hides.
REVEALED = "no visible article: read content the page hides until a script shows it"


def malformed_url_warning(url: str) -> str:
    return f"the given URL {url!r} is malformed: the page was read without it"


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    encoding: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Article:
    """Extract the article of one HTML page.

    ``html`` is the page as bytes (decoded here, see ``dehusk.decode``) or as str.
    ``encoding`` is the caller's charset (e.g. from HTTP); it yields to a BOM only.
    Raises ``ExtractionError`` for input that is not a page at all (binary junk, too
    large, past ``options.time_limit``); a page without an article gives an empty ``text``
    and a warning.
    """
    with paused(), within(options.time_limit):
        return _extract(html, url, encoding, options)


def _extract(html: str | bytes, url: str | None, encoding: str | None, options: Options) -> Article:
    text, warnings = decode(html, encoding=encoding, max_bytes=options.max_bytes)
    check("decode")
    doc = parse(text, options)
    check("parse")
    segments = segment(doc, options)
    check("segment")
    # The page's own address where the caller gave none (a date folder in its path, its
    # host, a forum's path): read by the facts, the forum test and the reported type; the
    # block model reads no URL.
    found = evidence(doc)
    address = page_address(url, found)
    if url and address != url:
        warnings = (*warnings, malformed_url_warning(url))
    blocks, page_type = classify_page(segments, options, address)
    check("classify")
    if not any(b.main for b in blocks):
        # Nothing visible is an article: some pages hide their content until a script
        # shows it ("hide" wrappers, display:none). Read what a browser would show then.
        revealed = segment(doc, options, reveal=True)
        revealed_blocks, revealed_type = classify_page(revealed, options, address)
        if any(b.main for b in revealed_blocks):
            segments, blocks, page_type = revealed, revealed_blocks, revealed_type
            warnings = (*warnings, REVEALED)
        else:
            blocks, page_type = classify_page(segments, options, address, last_resort=True)
    meta = extract_metadata(found, blocks, address, options.model)
    check("metadata")
    blocks = dedupe(meta.blocks)
    check("dedupe")
    body = body_text(blocks, options)
    images = article_images(
        meta.metadata.images, segments.images, blocks, meta.root, meta.lead_image
    )
    metadata = replace(meta.metadata, images=images)
    warnings = (*warnings, *doc.warnings, *meta.warnings)
    if not body:
        warnings = (*warnings, "no article text found")
    return Article(
        text=body,
        blocks=blocks,
        metadata=metadata,
        url=url,
        page_type=page_type,
        warnings=warnings,
    )
