"""Segment stage: DOM → blocks of text with the features the classifier reads.

In: a parsed ``Document``. Out: a ``Page`` — ``Segment`` values in reading order, the
``Container`` elements that hold them, and the images met on the way. One iterative walk
over the tree (no recursion: depth is bounded by the parse stage, not by Python's stack);
per-node work is a few attribute reads, so the walk stays close to lexbor's own speed.

A segment is the text between two block-element boundaries; two ``<br>`` in a row also
end one (old ``<br>``-separated layouts). Data tables become one ``table`` segment with
their cells; layout tables are walked like any other container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat

from selectolax.lexbor import LexborNode

from dehusk.article import Container, Label, Link, Mark, MarkKind, Page, PageImage, Segment
from dehusk.parse import Document

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "legend",
        "noscript",
    ]
)
#: Subtrees that never hold article text a reader sees.
SKIP_TAGS = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
        "link",
        "meta",
        "base",
        "title",
    ]
)
#: Ancestor tags whose presence the classifier reads (as ``Container.flags``).
CONTEXT_TAGS = frozenset(
    [
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "figure",
        "blockquote",
        "li",
        "table",
        "article",
        "main",
        "dialog",
        "menu",
        "address",
        "details",
    ]
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HIDDEN_CLASSES = frozenset(
    [
        "hidden",
        "d-none",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "is-hidden",
        "invisible",
        "hide",
    ]
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# Class/id hints, matched word by word ("SiteFooterText" → site, footer, text). Sources:
# Readability.js's unlikelyCandidates/negative/positive lists and trafilatura's boilerplate
# XPaths, merged and extended with the kinds of husk in DESIGN.md. Order matters: the first
# kind with a word in the element's class/id wins.
_KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (kind, frozenset(words.split()))
    for kind, words in (
        ("comment", "comment comments disqus respond discussion replies reply"),
        ("player", "player audio podcast listen playback videojs jwplayer"),
        (
            "cta",
            "newsletter subscribe subscription signup donate donation paywall membership "
            "promo cta register login cookie cookies consent gdpr banner popup modal "
            "optin",
        ),
        (
            "related",
            "related recommended recommendations recommend recirc trending popular "
            "mostread outbrain taboola teaser teasers pagination pager carousel "
            "nextpost prevpost",
        ),
        (
            "navigation",
            "nav navbar navigation menu menus breadcrumb breadcrumbs masthead skip "
            "toolbar topbar header sitemap dropdown hamburger search megamenu "
            "subnav",
        ),
        ("footer", "footer copyright colophon legal"),
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
#: Class tokens that name a taxonomy term, not a part of the page ("tag-election").
_TAXONOMY = re.compile(
    r"^(tag|tags|category|categories|status|format|type|has|postid|"
    r"taxonomy|topic|language|lang|section|author|template|page-id)[-_]"
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
#: What ``_token_hint`` says of a token that names no kind of husk.
_NO_KIND = len(_KIND_WORDS)
#: Each word of ``_KIND_WORDS`` → the index of the first kind that lists it.
_WORD_KIND: dict[str, int] = {
    word: index for index, (_, words) in reversed(list(enumerate(_KIND_WORDS))) for word in words
}


def hint_words(ident: str, classes: str) -> set[str]:
    """The lowercase words of an element's id and class names, taxonomy tokens left out."""
    return {w for t in f"{ident} {classes}".split() for w in _token_words(t)}


def _token_words(token: str) -> list[str]:
    """The lowercase words of one class/id token ("SiteFooter" → site, footer); none for a
    taxonomy token ("tag-politics")."""
    if _TAXONOMY.match(token.lower()):
        return []
    return [w.lower() for w in _WORD.findall(token)]


def _token_hint(token: str) -> tuple[int, bool]:
    """What one class/id token says: the index in ``_KIND_WORDS`` of the first kind one of
    its words names (``_NO_KIND``: none), and whether one of its words names content."""
    words = _token_words(token)
    kind = min(map(_WORD_KIND.get, words, repeat(_NO_KIND)), default=_NO_KIND)
    return kind, not _CONTENT_WORDS.isdisjoint(words)


#: Inline elements whose text the renderers emphasise (``Segment.marks``).
MARK_TAGS: dict[str, MarkKind] = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "code": "code",
    "kbd": "code",
    "samp": "code",
}


@dataclass(slots=True)
class _Frame:
    node: LexborNode
    block: bool = False
    link: bool = False
    # An open mark (tag in MARK_TAGS): its start in the buffered text and the walk's flush
    # count then (one field, not two: a frame is built for every element).
    mark_at: tuple[int, int] | None = None
    container: int = -1
    list_kind: str = ""
    counts: bool = False  # True: this frame raised li/quote/caption/pre depth on entry
    tag: str = ""


@dataclass(slots=True)
class _Walk:
    """The mutable state of one walk; never leaves this module."""

    containers: list[Container] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    images: list[PageImage] = field(default_factory=list)
    hints: dict[str, tuple[int, str]] = field(default_factory=dict)
    token_hints: dict[str, tuple[int, bool]] = field(default_factory=dict)
    hidden_classes: dict[str, bool] = field(default_factory=dict)  # class attribute → hides
    parts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    flushes: int = 0  # segments flushed so far: a mark that spans a flush is dropped
    length: int = 0
    link_chars: int = 0
    pending_space: bool = False
    brs: int = 0
    current: int = -1  # innermost container
    lists: list[str] = field(default_factory=list)  # "ul"/"ol" stack
    headings: list[int] = field(default_factory=list)
    li: int = 0
    quote: int = 0
    caption: int = 0
    pre: int = 0
    link_depth: int = 0
    link_start: int = 0
    link_href: str = ""
    child_counts: list[int] = field(default_factory=lambda: [0])
    reveal: bool = False  # walk hidden elements too


def _hint(walk: _Walk, ident: str, classes: str) -> tuple[int, str]:
    """(-1 boilerplate / +1 content / 0, husk kind) for an element's id and classes: the
    first kind (in ``_KIND_WORDS`` order) one of their words names, else content if one
    names content (the words of ``hint_words``, read token by token: a page repeats its
    tokens far more than its whole class strings)."""
    key = f"{ident} {classes}"
    found = walk.hints.get(key)
    if found is None:
        kind, content = _NO_KIND, False
        for token in key.split():
            said = walk.token_hints.get(token)
            if said is None:
                said = walk.token_hints[token] = _token_hint(token)
            kind, content = min(kind, said[0]), content or said[1]
        found = (-1, _KIND_WORDS[kind][0]) if kind < _NO_KIND else (int(content), "")
        walk.hints[key] = found
    return found


def _is_hidden(walk: _Walk, attrs: dict[str, str | None]) -> bool:
    """Whether an element's attributes hide it (``hidden``, ``aria-hidden``, an inline
    ``display:none``, a hiding utility class)."""
    if "hidden" in attrs and not (attrs.get("id") or "").startswith("S:"):
        # (React's streaming render parks finished content in <div hidden id="S:n">.)
        return True
    if attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = attrs.get("class")
    if not classes:
        return False
    hidden = walk.hidden_classes.get(classes)
    if hidden is None:  # a page repeats its class strings: each is split once
        hidden = _hiding_classes(classes)
        walk.hidden_classes[classes] = hidden
    return hidden


def _hiding_classes(classes: str) -> bool:
    """Whether a class attribute names a class that hides the element on a desktop."""
    tokens = classes.split()
    # Utility CSS ("hidden md:block") hides on small screens only: visible on a desktop.
    return not _HIDDEN_CLASSES.isdisjoint(tokens) and not any(":" in t for t in tokens)


def _add_text(walk: _Walk, raw: str) -> None:
    if walk.pre:
        core = raw
        piece = raw
    elif raw.isspace():  # the whitespace between elements, the commonest text node
        walk.pending_space = True
        return
    else:
        core = " ".join(raw.split())
        if not core:
            walk.pending_space = walk.pending_space or bool(raw)
            return
        lead = walk.length > 0 and (walk.pending_space or raw[0].isspace())
        piece = " " + core if lead else core
        walk.pending_space = raw[-1].isspace()
    walk.parts.append(piece)
    walk.length += len(piece)
    walk.brs = 0
    if walk.link_depth:
        walk.link_chars += len(core)


def _kind(walk: _Walk) -> tuple[Label, int, bool]:
    """The structural label of the text now buffered, from the open elements."""
    if walk.headings:
        return Label.HEADING, walk.headings[-1], False
    if walk.pre:
        return Label.CODE, 0, False
    if walk.caption:
        return Label.CAPTION, 0, False
    if walk.li:
        return Label.LIST_ITEM, max(1, len(walk.lists)), bool(walk.lists) and walk.lists[-1] == "ol"
    if walk.quote:
        return Label.QUOTE, 0, False
    return Label.PARAGRAPH, 0, False


def _flush(walk: _Walk, tag: str) -> None:
    if not walk.parts:
        return
    text = "".join(walk.parts)
    if not walk.pre:
        text = text.strip()
    if text:
        kind, level, ordered = _kind(walk)
        links = tuple(k for k in walk.links if k.end <= len(text)) if walk.links else ()
        marks = tuple(m for m in walk.marks if m.end <= len(text)) if walk.marks else ()
        walk.segments.append(
            Segment(
                text,
                kind,
                walk.current,
                tag,
                level,
                ordered,
                (),
                links,
                min(walk.link_chars, len(text)),
                marks,
            )
        )
    walk.parts.clear()
    walk.links = []
    if walk.marks:
        walk.marks = []
    walk.flushes += 1
    walk.length = walk.link_chars = 0
    walk.pending_space = False
    if walk.link_depth:
        walk.link_start = 0


def _cell_text(node: LexborNode) -> str:
    return " ".join(node.text(separator=" ").split())


def _data_table(node: LexborNode) -> tuple[tuple[str, ...], ...] | None:
    """The rows of a data table, or None for a layout table (nested tables, long cells)."""
    if len(node.css("table")) > 1:
        return None
    rows = []
    for row in node.css("tr"):
        cells = tuple(_cell_text(c) for c in row.css("td, th"))
        if any(cells):
            rows.append(cells)
    if not rows:
        return None
    lengths = [len(c) for r in rows for c in r]
    if max(len(r) for r in rows) < 2 or sum(lengths) / len(lengths) > 160 or max(lengths) > 500:
        return None
    return tuple(rows)


def _open_container(walk: _Walk, tag: str, attrs: dict[str, str | None]) -> int:
    ident = attrs.get("id") or ""
    classes = attrs.get("class") or ""
    hint, kind = _hint(walk, ident, classes) if (ident or classes) else (0, "")
    parent = walk.current
    flags = walk.containers[parent].flags if parent >= 0 else frozenset()
    if tag in CONTEXT_TAGS:
        flags = flags | {tag}
    depth = walk.containers[parent].depth + 1 if parent >= 0 else 0
    walk.child_counts[-1] += 1
    walk.containers.append(
        Container(tag, parent, depth, ident, classes, flags, hint, kind, walk.child_counts[-1])
    )
    walk.current = len(walk.containers) - 1
    walk.child_counts.append(0)
    return walk.current


def _enter_state(walk: _Walk, tag: str, frame: _Frame) -> None:
    if tag in _HEADINGS:
        walk.headings.append(_HEADINGS[tag])
    elif tag in ("ul", "ol"):
        walk.lists.append(tag)
    elif tag in ("li", "dt", "dd"):
        walk.li += 1
    elif tag == "blockquote":
        walk.quote += 1
    elif tag == "figcaption":
        walk.caption += 1
    elif tag == "pre":
        walk.pre += 1
    else:
        return
    frame.counts = True


def _exit_state(walk: _Walk, tag: str) -> None:
    if tag in _HEADINGS:
        walk.headings.pop()
    elif tag in ("ul", "ol"):
        walk.lists.pop()
    elif tag in ("li", "dt", "dd"):
        walk.li -= 1
    elif tag == "blockquote":
        walk.quote -= 1
    elif tag == "figcaption":
        walk.caption -= 1
    elif tag == "pre":
        walk.pre -= 1


def _image(walk: _Walk, attrs: dict[str, str | None]) -> None:
    src = attrs.get("data-src") or attrs.get("src") or attrs.get("data-lazy-src") or ""
    if src and not src.startswith("data:"):
        alt = " ".join((attrs.get("alt") or "").split())
        size = (_pixels(attrs.get("width")), _pixels(attrs.get("height")))
        walk.images.append(PageImage(src, alt, walk.current, len(walk.segments), *size))


def _pixels(value: str | None) -> int:
    """A ``width``/``height`` attribute in pixels ("640", "640px"); 0 when absent or relative."""
    digits = (value or "").strip().removesuffix("px")
    return int(digits) if digits.isdigit() and len(digits) < 6 else 0


def _enter(walk: _Walk, node: LexborNode, tag: str) -> _Frame | None:
    """Open an element; None means: nothing to walk inside it (hidden, void or empty)."""
    attrs = node.attributes
    if attrs and not walk.reveal and _is_hidden(walk, attrs):
        return None
    if tag in BLOCK_TAGS:
        return _enter_block(walk, node, tag, attrs)
    if tag == "a":
        walk.link_depth += 1
        walk.link_start = walk.length + (1 if walk.length and walk.pending_space else 0)
        walk.link_href = attrs.get("href") or ""
        return _Frame(node, link=True, tag=tag)
    if tag == "br":
        walk.brs += 1
        if walk.brs >= 2:
            _flush(walk, "br")
        else:
            walk.pending_space = True
        return None
    if tag == "img":
        _image(walk, attrs)
        return None
    if node.child is None:
        return None
    if tag in MARK_TAGS and not walk.pre:
        start = walk.length + (1 if walk.length and walk.pending_space else 0)
        return _Frame(node, tag=tag, mark_at=(start, walk.flushes))
    # Any other inline element (span, abbr…) changes no state: only its children count.
    return _Frame(node, tag=tag)


def _enter_block(
    walk: _Walk, node: LexborNode, tag: str, attrs: dict[str, str | None]
) -> _Frame | None:
    """Open a block element: the text before it ends a segment, it becomes a container."""
    if walk.parts:
        _flush(walk, walk.containers[walk.current].tag if walk.current >= 0 else "p")
    if tag == "table":
        rows = _data_table(node)
        if rows is not None:
            _table_segment(walk, node, attrs, rows)
            return None
    frame = _Frame(node, block=True, container=_open_container(walk, tag, attrs), tag=tag)
    _enter_state(walk, tag, frame)
    return frame


def _table_segment(
    walk: _Walk, node: LexborNode, attrs: dict[str, str | None], rows: tuple[tuple[str, ...], ...]
) -> None:
    container = _open_container(walk, "table", attrs)
    link_chars = sum(len(a.text()) for a in node.css("a"))
    text = "\n".join(" | ".join(r) for r in rows)
    walk.segments.append(
        Segment(
            text, Label.TABLE, container, "table", 0, False, rows, (), min(link_chars, len(text))
        )
    )
    walk.current = walk.containers[container].parent
    walk.child_counts.pop()


def _exit(walk: _Walk, frame: _Frame) -> None:
    if frame.block:
        if walk.parts:
            _flush(walk, frame.tag)
        if frame.counts:
            _exit_state(walk, frame.tag)
        walk.current = walk.containers[frame.container].parent
        walk.child_counts.pop()
    elif frame.link:
        walk.link_depth -= 1
        end = walk.length
        if walk.link_href and end > walk.link_start:
            walk.links.append(Link(walk.link_start, end, walk.link_href))
    elif frame.mark_at is not None:
        start, flushes = frame.mark_at
        if walk.flushes == flushes and walk.length > start:
            walk.marks.append(Mark(start, walk.length, MARK_TAGS[frame.tag]))


#: A <noscript> holding this much text is the page's no-JavaScript view (forums and
#: single-page apps serve their content there); smaller ones are pixels and "enable JS".
NOSCRIPT_MIN_CHARS = 2000


def _walk_children(walk: _Walk, root: LexborNode) -> None:
    """Walk ``root``'s subtree without recursion, feeding the walk state."""
    stack = [_Frame(root, block=True, container=_open_container(walk, "body", {}), tag="body")]
    node = root.child
    while stack:
        if node is None:
            frame = stack.pop()
            if frame.block or frame.link or frame.mark_at is not None:
                _exit(walk, frame)
            node = frame.node.next if stack else None
            continue
        tag = node.tag
        if tag == "-text":
            _add_text(walk, node.text_content or "")
        elif (
            tag
            and tag[0] != "-"
            and (
                tag not in SKIP_TAGS
                or (tag == "noscript" and len(node.text()) >= NOSCRIPT_MIN_CHARS)
            )
        ):
            opened = _enter(walk, node, tag)
            if opened is not None:
                stack.append(opened)
                node = node.child
                continue
        node = node.next


def segment(doc: Document, options: object = None, *, reveal: bool = False) -> Page:
    """Walk the tree once and cut it into segments (see the module docstring).

    ``reveal``: walk hidden elements too (``hidden``, ``display:none``, ``.hide`` …), as a
    browser shows them once the page's scripts have run; the pipeline asks for it only when
    the visible page holds no article."""
    walk = _Walk(reveal=reveal)
    root = doc.tree.body or doc.tree.root
    if root is None:
        return Page((), ())
    _walk_children(walk, root)
    return Page(tuple(walk.segments), tuple(walk.containers), tuple(walk.images))
