"""Segment stage: DOM → blocks of text with the features the classifier reads.

In: a parsed ``Document``. Out: a ``Page`` — ``Segment`` values in reading order, the
``Container`` elements that hold them, and the images met on the way. The walk itself is
native (``dehusk._native.walk``: one iterative pass in C over lexbor's tree, no recursion,
Python objects per block, not per node); this module holds its data — the class/id hint
vocabulary, which the walk matches in C — what it asks once per distinct string (the hiding
classes, width parsing), and the entry.

A segment is the text between two block-element boundaries; two ``<br>`` in a row also
end one (old ``<br>``-separated layouts). Data tables become one ``table`` segment with
their cells; layout tables are walked like any other container.
"""

from __future__ import annotations

import numpy as np

from dehusk._native.walk import COLUMNS, FLAG_NAMES, TAG_NAME_OF, HintVocabulary, walk
from dehusk.article import BlockTable, Page
from dehusk.html_vocab import (
    BLOCK_TAGS,
    CONTEXT_TAGS,
    HIDDEN_CLASSES,
    NOSCRIPT_MIN_CHARS,
    SKIP_TAGS,
)
from dehusk.parse import Document

__all__ = ["BLOCK_TAGS", "CONTEXT_TAGS", "NOSCRIPT_MIN_CHARS", "SKIP_TAGS", "hint_words", "segment"]

# Class/id hints, matched word by word ("SiteFooterText" → site, footer, text). Sources:
# Readability.js's unlikelyCandidates/negative/positive lists and trafilatura's boilerplate
# XPaths, merged and extended with the kinds of husk in DESIGN.md. Added from the dev sets
# (out of fold, docs/decisions.md "Session 13"):
# - "recent": WordPress's "Recent Posts" widget, a blog's rail of its own teasers (dragnet
#   +0.0006 [0.0002, 0.0011], wcxb-dev +0.0000);
# - "captcha": a comment or sign-up form's challenge, "enter the letters and numbers you
#   see", kept as a short post's body (dragnet +0.0014 [0.0, 0.0035]);
# - "postmetadata": the classic WordPress theme's "This entry was posted on ... You can
#   follow any responses to this entry" (dragnet +0.0003 [0.0001, 0.0004], no page worse);
# - "consent": a consent manager's dialog, its own kind because it is cut whatever share
#   of the page it holds (``classify.rules._ALWAYS_CUT``).
# Order matters: the first kind with a word in the element's class/id wins.
_KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (kind, frozenset(words.split()))
    for kind, words in (
        ("consent", "consent cookie cookies gdpr onetrust cookiebot didomi usercentrics"),
        ("comment", "comment comments disqus respond discussion replies reply"),
        ("player", "player audio podcast listen playback videojs jwplayer"),
        (
            "cta",
            "newsletter subscribe subscription signup donate donation paywall membership "
            "promo cta register login banner popup modal "
            "optin captcha",
        ),
        (
            "related",
            "related recommended recommendations recommend recirc trending popular "
            "mostread outbrain taboola teaser teasers pagination pager carousel "
            "nextpost prevpost recent",
        ),
        (
            "navigation",
            "nav navbar navigation menu menus breadcrumb breadcrumbs masthead skip "
            "toolbar topbar header sitemap dropdown hamburger search megamenu "
            "subnav",
        ),
        ("footer", "footer copyright colophon legal postmetadata"),
        ("byline", "byline author authors contributor contributors dateline timestamp"),
        ("bio", "bio biography"),
        ("credit", "credit credits photocredit"),
        ("caption", "caption figcaption"),
        (
            "other",
            "share sharing social sidebar widget widgets sponsor sponsored advert "
            "advertisement ad ads adslot tags tag keywords print rating toc disclaimer "
            "overlay jump hidden",
        ),
    )
)
_CONTENT_WORDS = frozenset(
    [
        "article",
        "content",
        "entry",
        "post",
        "story",
        "body",
        "text",
        "main",
        "blog",
        "prose",
        "richtext",
        "markdown",
        "news",
        "single",
    ]
)
#: Class tokens that name a taxonomy term, not a part of the page ("tag-election"): one of
#: these words, then "-" or "_", opens the token (any case).
_TAXONOMY = (
    *("tag", "tags", "category", "categories", "status", "format", "type", "has", "postid"),
    *("taxonomy", "topic", "language", "lang", "section", "author", "template", "page-id"),
)
#: The class/id vocabulary as the native walk reads it. A token's words are its runs of
#: ASCII letters split before a capital ("SiteFooterText" → site, footer, text; "HTMLBody" →
#: html, body), lowercased; a taxonomy token has none. An element's hint is the first kind
#: (in ``_KIND_WORDS`` order) one of its words names, else content if one names content.
HINTS = HintVocabulary(_KIND_WORDS, _CONTENT_WORDS, _TAXONOMY)
#: The husk kinds in ``_KIND_WORDS`` order (``BlockTable.kind`` codes).
KINDS: tuple[str, ...] = HINTS.kinds


def hint_words(ident: str, classes: str) -> set[str]:
    """The lowercase words of an element's id and class names, taxonomy tokens left out
    (see ``HINTS``)."""
    return HINTS.words(ident, classes)


class _Rules:
    """What the native walk asks once per distinct string of a page (see ``walk``)."""

    __slots__ = ()
    hints = HINTS

    @staticmethod
    def hides(classes: str) -> bool:
        """Whether a class attribute names a class that hides the element on a desktop."""
        tokens = classes.split()
        # Utility CSS ("hidden md:block") hides on small screens only: visible on a desktop.
        return not HIDDEN_CLASSES.isdisjoint(tokens) and not any(":" in t for t in tokens)

    @staticmethod
    def pixels(value: str | None) -> int:
        """A ``width``/``height`` attribute in pixels ("640", "640px"); 0 when absent or
        relative."""
        digits = (value or "").strip().removesuffix("px")
        return int(digits) if digits.isdigit() and len(digits) < 6 else 0


def segment(doc: Document, options: object = None, *, reveal: bool = False) -> Page:
    """Walk the tree once and cut it into segments (see the module docstring).

    ``reveal``: walk hidden elements too (``hidden``, ``display:none``, ``.hide`` …), as a
    browser shows them once the page's scripts have run; the pipeline asks for it only when
    the visible page holds no article."""
    root = doc.tree.body or doc.tree.root
    if root is None:
        return Page((), ())
    segments, containers, images, columns = walk(root, _Rules(), reveal)
    arrays = {name: np.frombuffer(raw, dtype=COLUMNS[name]) for name, raw in columns.items()}
    table = BlockTable(**arrays, tag_names=TAG_NAME_OF, flag_names=FLAG_NAMES, kind_names=KINDS)
    title = doc.tree.css_first("title")
    return Page(
        segments, containers, images, table, " ".join(title.text().split()) if title else ""
    )
