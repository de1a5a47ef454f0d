"""Text mode: the article of a page that was already flattened to text.

``extract_text(text, url=None) -> Article`` — for crawl dumps, corpora and old scrapes
that kept the page's visible text and lost its HTML. The pipeline, in one screen:

decode (``lines.decode_text``: BOM, charset, mixed encodings, CRLF, NULs) → lines →
``Page`` (``lines.lines_to_page``: one segment per non-empty line, blank-line runs as
containers) → line classification (``classify.label_lines``: the rules; ``model.refine``:
a small network's second opinion on plain lines) → metadata from the text
(``meta.text_metadata``) → ``dehusk.dedupe`` (pull quotes, second caption copies) →
``dehusk.render.body_text``. The same closed label set and ``Article`` as HTML mode.

Site templates (lines a host repeats on every page) are ``dehusk.templates``: they run
before this, over many pages of one site, and hand the lines they find here as ``husk``.
"""

from __future__ import annotations

from collections.abc import Collection

from dehusk.article import Article, Options
from dehusk.collector import paused
from dehusk.deadline import check, within
from dehusk.dedupe import QUOTABLE_LINES, dedupe
from dehusk.render import body_text
from dehusk.textmode.classify import label_lines
from dehusk.textmode.lines import decode_text, lines_to_page
from dehusk.textmode.meta import choose_title, text_metadata
from dehusk.textmode.model import refine

__all__ = ["extract_text"]

DEFAULT_OPTIONS = Options()


def extract_text(
    text: str | bytes,
    url: str | None = None,
    *,
    encoding: str | None = None,
    options: Options = DEFAULT_OPTIONS,
    husk: Collection[str] = (),
) -> Article:
    """Extract the article of one page of flattened text (one block per line).

    ``text`` as str, or bytes (decoded here; ``encoding`` is the caller's charset).
    ``husk`` holds lines (whitespace folded) known to be the site's template, from
    ``dehusk.templates.SiteTemplates.template_lines``; they are cut as ``navigation``.
    Raises ``ExtractionError`` for input that is not text at all (binary, too large); text
    without an article gives an empty ``text`` and a warning; past ``options.time_limit``
    (CPU seconds, ``dehusk.deadline``) it raises ``TimeLimitExceeded``.
    """
    with paused(), within(options.time_limit):
        return _extract_text(text, url, encoding, options, frozenset(husk))


def _extract_text(
    text: str | bytes, url: str | None, encoding: str | None, options: Options, husk: frozenset[str]
) -> Article:
    decoded, warnings = decode_text(text, encoding=encoding, max_bytes=options.max_bytes)
    page, line_warnings = lines_to_page(decoded)
    check("line split")
    blocks, infos, run = label_lines(page, husk)
    check("line labels")
    title_at = choose_title(blocks, url)  # on the rules' body: the network moves lines
    blocks = refine(page, infos, blocks, run, keep=title_at)
    check("line refinement")
    blocks, metadata, meta_warnings = text_metadata(blocks, url, title_at)
    check("metadata")
    blocks = dedupe(blocks, QUOTABLE_LINES)
    check("dedupe")
    body = body_text(blocks, options)
    warnings = (*warnings, *line_warnings, *meta_warnings)
    if not body:
        warnings = (*warnings, "no article text found")
    return Article(text=body, blocks=blocks, metadata=metadata, url=url, warnings=warnings)
