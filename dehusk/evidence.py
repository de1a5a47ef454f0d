"""Metadata evidence: what the metadata stage reads from the page, gathered in one native
pass instead of its own queries of the tree.

In: a parsed ``Document``. Out: ``Evidence`` — a plain frozen value holding, in document
order, the <meta> and <link> elements, scripts (JSON-LD and others, raw text), <title>,
<time>, headings, images, figures and figcaptions, microdata (``[itemprop]``, ``[property]``,
``[rel~=author]``) and elements whose class or id names an author, a byline or a date; each
with its attributes, its text (``" ".join(node.text().split())``; a script's raw) and the
context tags above it (``within``: nav, header, footer, article, a, head, h1…). Reading it
needs no tree, so the tree can be freed before metadata runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from dehusk._native.walk import gather
from dehusk.parse import Document


class Kind(IntEnum):
    """Why an element is evidence (the native pass's codes)."""

    META = 1
    LINK = 2
    SCRIPT = 3
    TITLE = 4
    TIME = 5
    HEADING = 6
    IMAGE = 7
    FIGURE = 8
    ITEM = 9
    BYLINE = 10
    CAPTION = 11


@dataclass(frozen=True, slots=True)
class Element:
    """One element of the evidence; ``order`` is its index among the page's elements."""

    kind: Kind
    tag: str
    attrs: Mapping[str, str]
    text: str
    within: frozenset[str]
    order: int

    def get(self, name: str) -> str:
        """An attribute's value ("" when absent or empty)."""
        return self.attrs.get(name, "")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything metadata reads, by kind, each in document order."""

    lang: str = ""
    metas: tuple[Element, ...] = ()
    links: tuple[Element, ...] = ()
    scripts: tuple[Element, ...] = ()
    titles: tuple[Element, ...] = ()
    times: tuple[Element, ...] = ()
    headings: tuple[Element, ...] = ()
    images: tuple[Element, ...] = ()
    figures: tuple[Element, ...] = ()
    captions: tuple[Element, ...] = ()
    items: tuple[Element, ...] = ()
    bylines: tuple[Element, ...] = ()

    @property
    def elements(self) -> tuple[Element, ...]:
        """Every element of the evidence, in document order."""
        every = (getattr(self, name) for name in _FIELDS.values())
        return tuple(sorted((e for kind in every for e in kind), key=lambda e: e.order))

    def having(self, *names: str) -> tuple[Element, ...]:
        """The elements, of any kind, that carry one of the attributes ``names`` (what
        ``tree.css("[itemprop], [property]")`` matched), in document order."""
        return tuple(e for e in self.elements if any(n in e.attrs for n in names))

    @property
    def json_ld(self) -> tuple[str, ...]:
        """The raw text of each ``<script type="application/ld+json">``."""
        return tuple(s.text for s in self.scripts if "ld+json" in s.get("type").lower())


_FIELDS = {
    Kind.META: "metas",
    Kind.LINK: "links",
    Kind.SCRIPT: "scripts",
    Kind.TITLE: "titles",
    Kind.TIME: "times",
    Kind.HEADING: "headings",
    Kind.IMAGE: "images",
    Kind.FIGURE: "figures",
    Kind.CAPTION: "captions",
    Kind.ITEM: "items",
    Kind.BYLINE: "bylines",
}


def evidence(doc: Document) -> Evidence:
    """Gather the page's metadata evidence in one native pass (see the module docstring)."""
    root = doc.tree.root
    if root is None:
        return Evidence()
    found: dict[str, list[Element]] = {name: [] for name in _FIELDS.values()}
    for code, tag, attrs, text, within, order in gather(root):
        kind = Kind(code)
        found[_FIELDS[kind]].append(Element(kind, tag, attrs, text, within, order))
    lang = (root.attributes.get("lang") or "").strip()
    return Evidence(lang, **{name: tuple(items) for name, items in found.items()})
