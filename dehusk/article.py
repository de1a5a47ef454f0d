"""The data contract: what every stage passes to the next and what users get back.

In: nothing (this module imports no stage). Out: ``Label``, ``Block``, ``Image``,
``Article`` and ``Options`` — small frozen dataclasses; ``Article.to_dict()`` is the JSON
the CLI prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any, Literal, NamedTuple, cast


class Frozen:
    """The base of the contract's frozen dataclasses: pickled as their class and fields.

    Compiled by mypyc (``setup.py``), a frozen dataclass no longer unpickles through
    ``__setattr__`` (which it forbids); batch workers and Dask send these between
    processes, so each is rebuilt by its constructor instead."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (type(self), tuple(getattr(self, f.name) for f in fields(cast(Any, self))))


class Label(StrEnum):
    """The closed set of block labels (see docs/guide.md for what each means)."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    PULLQUOTE = "pullquote"
    TABLE = "table"
    CODE = "code"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    DATELINE = "dateline"
    BIO = "bio"
    SYNDICATION = "syndication"
    RELATED = "related"
    NAVIGATION = "navigation"
    PLAYER = "player"
    CTA = "cta"
    COMMENT = "comment"
    FOOTER = "footer"
    OTHER = "other"


#: Labels whose blocks make up the article body when they are ``main``.
BODY_LABELS = frozenset(
    {Label.HEADING, Label.PARAGRAPH, Label.LIST_ITEM, Label.QUOTE, Label.TABLE, Label.CODE}
)

#: Names accepted by ``Options.include``.
INCLUDE_CHOICES = frozenset({"captions", "pullquotes", "comments", "tables", "links"})


@dataclass(frozen=True)
class Link(Frozen):
    """A hyperlink inside a block's text: ``text[start:end]`` points at ``href``."""

    start: int
    end: int
    href: str


#: Inline emphasis a block's text keeps from its markup (``<strong>``/``<b>``, ``<em>``/``<i>``,
#: ``<code>``/``<kbd>``/``<samp>``), for the renderers.
MarkKind = Literal["strong", "em", "code"]


class Mark(NamedTuple):
    """Inline emphasis inside a block's text: ``text[start:end]`` is ``kind``."""

    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True)
class Block(Frozen):
    """One block of the page in reading order.

    ``text`` is whitespace-normalised (``code`` keeps its own). ``main`` says whether the
    block is part of the article. ``level`` is the heading level (1–6) or the list depth
    (1 = top level); ``ordered`` marks items of numbered lists. ``rows`` holds a table's
    cells. ``score`` and ``locator`` (a CSS path) explain the decision; ``duplicate_of``
    is the index of the block this one repeats (pull quotes, second caption copies).
    ``marks`` are its bold, italic and code spans (for Markdown and HTML output).
    """

    text: str
    label: Label
    main: bool
    level: int = 0
    ordered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    links: tuple[Link, ...] = ()
    score: float | None = None
    locator: str | None = None
    duplicate_of: int | None = None
    marks: tuple[Mark, ...] = ()

    def to_dict(self, annotate: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"label": str(self.label), "text": self.text, "main": self.main}
        if self.label is Label.HEADING or self.label is Label.LIST_ITEM:
            out["level"] = self.level
        if self.ordered:
            out["ordered"] = True
        if self.rows:
            out["rows"] = [list(r) for r in self.rows]
        if self.duplicate_of is not None:
            out["duplicate_of"] = self.duplicate_of
        if annotate:
            out["score"] = None if self.score is None else round(self.score, 3)
            out["locator"] = self.locator
            if self.links:
                out["links"] = [
                    {"start": k.start, "end": k.end, "href": k.href} for k in self.links
                ]
            if self.marks:
                out["marks"] = [
                    {"start": m.start, "end": m.end, "kind": m.kind} for m in self.marks
                ]
        return out


@dataclass(frozen=True)
class Image(Frozen):
    """An image of the article: ``src`` resolved against the page URL.

    ``position`` is the index of the first block after the image in ``Article.blocks``
    (renderers put the image there); ``None`` for a lead image found only in metadata.
    """

    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""
    position: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "src": self.src,
            "alt": self.alt,
            "caption": self.caption,
            "credit": self.credit,
            "position": self.position,
        }


#: The facts of ``Article.to_dict()`` that are a string or null, in its order (after ``title``,
#: ``authors`` and ``author_bios``): the Parquet parts and the service's schema type them.
NULLABLE_FACTS = (
    "published",
    "modified",
    "site_name",
    "publisher",
    "original_publisher",
    "language",
    "description",
    "section",
)


@dataclass(frozen=True)
class Metadata(Frozen):
    """Facts about the article, each ``None``/empty when the page does not say."""

    title: str = ""
    authors: tuple[str, ...] = ()
    author_bios: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    original_publisher: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()


@dataclass(frozen=True)
class Options(Frozen):
    """How to extract; one frozen value passed down the pipeline (no global settings).

    ``include`` adds optional parts to ``text`` (see ``INCLUDE_CHOICES``; ``tables`` are
    in by default and ``include`` cannot take them out — use ``exclude``). Limits bound
    the work on hostile input.
    """

    include: frozenset[str] = frozenset({"tables"})
    exclude: frozenset[str] = frozenset()
    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 256
    #: Start tags read (the rest of the page is cut) and attributes kept per element; see
    #: ``dehusk.bounds`` for why and for the dev pages' largest.
    max_nodes: int = 100_000
    max_attributes: int = 256
    #: Seconds of CPU time one ``extract`` may take, or None for no limit; past it the
    #: page fails with ``TimeLimitExceeded`` (``dehusk.deadline`` says how and why CPU
    #: time). The slowest of the 2,878 dev pages takes 0.45 s; a 50 MB text node ~25 s.
    time_limit: float | None = 60.0
    annotate: bool = False
    #: Which classifier decides main/cut: "default" (the shipped learned model on top of
    #: the rules), "rules" (the heuristic cascade alone), or a path to other weights (.npz).
    model: str = "default"

    def wants(self, part: str) -> bool:
        return part in self.include and part not in self.exclude

    @staticmethod
    def make(include: tuple[str, ...] | list[str] | frozenset[str] = (), **kw: Any) -> Options:
        unknown = set(include) - INCLUDE_CHOICES
        if unknown:
            raise ValueError(f"unknown include choice(s): {', '.join(sorted(unknown))}")
        return Options(include=frozenset(include) | {"tables"}, **kw)


@dataclass(frozen=True)
class Article(Frozen):
    """What ``dehusk.extract`` returns: the article text, its facts and every block."""

    text: str
    blocks: tuple[Block, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    url: str | None = None
    page_type: str = "article"
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.metadata.title

    @property
    def authors(self) -> tuple[str, ...]:
        return self.metadata.authors

    @property
    def images(self) -> tuple[Image, ...]:
        return self.metadata.images

    @property
    def empty(self) -> bool:
        return not self.text

    def with_warning(self, message: str) -> Article:
        return replace(self, warnings=(*self.warnings, message))

    def to_dict(self, annotate: bool = False) -> dict[str, Any]:
        m = self.metadata
        return {
            "url": self.url,
            "canonical_url": m.canonical_url,
            "title": m.title,
            "authors": list(m.authors),
            "author_bios": list(m.author_bios),
            "published": m.published,
            "modified": m.modified,
            "site_name": m.site_name,
            "publisher": m.publisher,
            "original_publisher": m.original_publisher,
            "language": m.language,
            "description": m.description,
            "section": m.section,
            "tags": list(m.tags),
            "page_type": self.page_type,
            "images": [i.to_dict() for i in m.images],
            "text": self.text,
            "blocks": [b.to_dict(annotate) for b in self.blocks],
            "warnings": list(self.warnings),
        }


# --- The internal contract between segment and classify --------------------------------
# Text mode (lines of flattened text) and the learned classifier produce and read the same
# values, so they live here rather than in either stage. They are NamedTuples, not frozen
# dataclasses: a page makes thousands of them, and a frozen dataclass costs ~4x to build.


class Container(NamedTuple):
    """A block-level element that encloses segments: its tag, class/id hints, parent.

    ``flags`` is the set of context names (see ``segment.CONTEXT_TAGS``) true for this
    element or any ancestor; ``hint`` is the boilerplate/content hint of this element
    alone (-1 boilerplate class, +1 content class, 0 none); ``kind`` names the husk kind
    its class suggests (``"navigation"``, ``"related"``…) or ``""``.
    """

    tag: str
    parent: int
    depth: int
    ident: str = ""
    classes: str = ""
    flags: frozenset[str] = frozenset()
    hint: int = 0
    kind: str = ""
    nth: int = 1


class Segment(NamedTuple):
    """A candidate block with what the classifier reads about it.

    ``kind`` is the structural label the markup gives (heading, paragraph, list_item,
    quote, table, code, caption); ``container`` indexes ``Page.containers`` (the innermost
    block element holding the text); ``link_chars`` counts characters inside links.
    """

    text: str
    kind: Label
    container: int
    tag: str = "p"
    level: int = 0
    ordered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    links: tuple[Link, ...] = ()
    link_chars: int = 0
    marks: tuple[Mark, ...] = ()


class PageImage(NamedTuple):
    """An ``<img>`` met during the walk: ``before`` is the index of the next segment;
    ``width``/``height`` as its attributes declare them (0: not declared)."""

    src: str
    alt: str
    container: int
    before: int
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class BlockTable(Frozen):
    """``Page.segments`` and ``Page.containers`` as NumPy columns (row i of a ``seg_``
    column is segment i, of the others container i), written by the native walk as it
    makes them, for stages that work on arrays.

    Codes: ``seg_label`` indexes ``LABELS``; ``tag`` is lexbor's tag id (``tag_names``);
    bit i of ``flags`` is ``flag_names[i]``; ``kind`` indexes ``kind_names`` (-1: none);
    ``seg_chars``/``seg_link_chars`` count code points; ``seg_links`` counts links.
    """

    seg_container: Any
    seg_label: Any
    seg_level: Any
    seg_ordered: Any
    seg_chars: Any
    seg_link_chars: Any
    seg_links: Any
    tag: Any
    parent: Any
    depth: Any
    flags: Any
    hint: Any
    kind: Any
    nth: Any
    tag_names: Mapping[int, str] = field(default_factory=dict)
    flag_names: tuple[str, ...] = ()
    kind_names: tuple[str, ...] = ()


#: ``BlockTable.seg_label`` codes.
LABELS = tuple(Label)


@dataclass(frozen=True)
class Page(Frozen):
    """What segmentation returns: segments in reading order and their containers; the
    native walk adds them as columns (``table``; None from text mode); ``title`` is the
    document's ``<title>`` text, whitespace collapsed ("" when none)."""

    segments: tuple[Segment, ...]
    containers: tuple[Container, ...]
    images: tuple[PageImage, ...] = ()
    table: BlockTable | None = None
    title: str = ""
