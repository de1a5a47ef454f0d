"""Inline markup of one block: its marks (bold, italic, code) and links as spans.

In: a ``Block`` (its ``text``, ``marks`` and ``links``). Out: ``spans`` (the ones that
nest, trimmed, safe links only) and ``inline`` (the text with them, as Markdown or as
escaped HTML).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple

from dehusk.article import Block

#: Link targets a rendered page may carry: a page's ``javascript:`` link must not become a
#: live link in the reader view.
_SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Span(NamedTuple):
    start: int
    end: int
    kind: str  # a ``MarkKind`` or "link"
    href: str = ""


def spans(block: Block, links: bool) -> list[_Span]:
    """The block's marks (and links, when wanted) that nest, trimmed of edge whitespace.

    A span that overlaps another without nesting in it is dropped (it has no Markdown or
    HTML form); a span of whitespace only is dropped.
    """
    text = block.text
    raw = [_Span(m.start, m.end, m.kind) for m in block.marks]
    if links:
        raw += [_Span(k.start, k.end, "link", k.href) for k in block.links if _safe(k.href)]
    spans: list[_Span] = []
    for span in raw:
        piece = text[span.start : span.end]
        start = span.start + len(piece) - len(piece.lstrip())
        end = span.end - (len(piece) - len(piece.rstrip()))
        if start < end <= len(text):
            spans.append(span._replace(start=start, end=end))
    spans.sort(key=lambda k: (k.start, -k.end))
    kept: list[_Span] = []
    open_: list[_Span] = []
    for span in spans:
        while open_ and open_[-1].end <= span.start:
            open_.pop()
        if open_ and span.end > open_[-1].end:
            continue  # crosses the span it starts in
        kept.append(span)
        open_.append(span)
    return kept


def _safe(href: str) -> bool:
    low = href.strip().lower()
    return low.startswith(_SAFE_SCHEMES) or ":" not in low.split("/", 1)[0]


_MD_MARKS = {"strong": "**", "em": "*", "code": "`"}
_HTML_MARKS = {"strong": "strong", "em": "em", "code": "code"}


def inline(text: str, spans: Sequence[_Span], html_out: bool) -> str:
    """``text`` with its spans as Markdown (``html_out=False``) or escaped HTML."""
    out: list[str] = []
    _emit(out, text, 0, len(text), spans, html_out)
    return "".join(out)


def _emit(
    out: list[str], text: str, start: int, end: int, inner: Sequence[_Span], html_out: bool
) -> None:
    """Append ``text[start:end]`` with the spans ``inner`` (those nested in one another
    follow it in order) to ``out``. A module function, not a closure: compiled by mypyc, a
    recursive closure and its environment refer to each other, a cycle that only the
    collector frees."""
    pos = start
    i = 0
    while i < len(inner):
        span = inner[i]
        nested = [k for k in inner[i + 1 :] if k.start < span.end]
        out.append(_plain(text[pos : span.start], html_out))
        out.append(_open(span, html_out))
        if span.kind == "code" and not html_out:
            out.append(text[span.start : span.end])  # no markup inside a code span
        else:
            _emit(out, text, span.start, span.end, nested, html_out)
        out.append(_close(span, html_out))
        pos = span.end
        i += 1 + len(nested)
    out.append(_plain(text[pos:end], html_out))


def _plain(text: str, html_out: bool) -> str:
    return html.escape(text, quote=False) if html_out else text


def _open(span: _Span, html_out: bool) -> str:
    if span.kind == "link":
        return f'<a href="{html.escape(span.href)}">' if html_out else "["
    return f"<{_HTML_MARKS[span.kind]}>" if html_out else _MD_MARKS[span.kind]


def _close(span: _Span, html_out: bool) -> str:
    if span.kind == "link":
        return "</a>" if html_out else f"]({span.href})"
    return f"</{_HTML_MARKS[span.kind]}>" if html_out else _MD_MARKS[span.kind]
