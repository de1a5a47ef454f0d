"""The HTML tag vocabularies, defined once: which elements break text into blocks, which
hold nothing a reader sees, which ancestors the classifier reads.

In: nothing (names only). Out: frozensets of lowercase tag names and the markers of hidden
content. The native walk (``dehusk._native.walk``) reads these at import and turns them into
per-tag bit tables; segment and metadata read the same names, so "invisible" means one thing.
"""

from __future__ import annotations

import re

from dehusk.article import MarkKind

#: Elements whose boundaries end a block of text (the CSS display:block family, list and
#: table parts, and <noscript>, whose content replaces a script's output).
BLOCK_TAGS = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul", "caption", "legend", "noscript",
    ]
)  # fmt: skip
#: Subtrees that never hold article text a reader sees (metadata, code, media, controls).
SKIP_TAGS = frozenset(
    [
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "video", "audio", "select", "option", "button", "input", "textarea",
        "map", "link", "meta", "base", "title",
    ]
)  # fmt: skip
#: Ancestor tags whose presence the classifier reads (as ``Container.flags``).
CONTEXT_TAGS = frozenset(
    [
        "nav", "header", "footer", "aside", "form", "figure", "blockquote", "li", "table",
        "article", "main", "dialog", "menu", "address", "details",
    ]
)  # fmt: skip
#: Heading tags and their level.
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Elements whose text is never shown (code, styles, templates): the narrowest "invisible",
#: what a text reader of the whole document leaves out (metadata's visible text).
INVISIBLE_TAGS = frozenset({"style", "script", "noscript", "template"})
#: ``INVISIBLE_TAGS`` with the containers whose text is markup for a machine (<svg>'s text,
#: the <head>, the window title): where a visible date can never stand.
NOT_SHOWN_TAGS = INVISIBLE_TAGS | {"svg", "head", "title"}
#: Inline elements whose text the renderers emphasise (``Segment.marks``): tag → kind.
MARK_TAGS: dict[str, MarkKind] = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "code": "code",
    "kbd": "code",
    "samp": "code",
}
#: A <noscript> holding this much text is the page's no-JavaScript view (forums and
#: single-page apps serve their content there); smaller ones are pixels and "enable JS".
NOSCRIPT_MIN_CHARS = 2000

#: Utility classes that hide an element on every screen.
HIDDEN_CLASSES = frozenset(
    [
        "hidden", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "is-hidden",
        "invisible", "hide",
    ]
)  # fmt: skip
#: An inline style that hides the element.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
