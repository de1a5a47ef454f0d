"""Images: the lead image and the figures of the article.

In: the page's native evidence (``dehusk.evidence``), the page URL (or ``<base href>``),
the lead image URLs declared in metadata (og:image, JSON-LD ``image``), and the images the
segment walk met with the page's labelled blocks. Out: a tuple of ``Image`` — the lead
image first, then the article's images in reading order, ``src`` resolved with urljoin:

- every ``<figure>`` with an image inside the article: caption from ``<figcaption>``,
  credit from an element whose class names a credit;
- every other ``<img>`` that stands among the article's blocks (many CMSs put photos in
  plain ``<div>``s or ``<p>``s): caption from a ``caption`` block right after it, credit
  from a ``credit`` block after that. Icons and decoration stay out: SVGs, images declared
  smaller than ``MIN_PIXELS``, paths naming a call to action or an icon
  (``DECORATION_WORDS``), and a picture met more than ``MAX_REPEATS`` times (bullets,
  share buttons).

``position`` is the index of the block the image stands before (for Markdown and HTML);
the lead image is the same picture as a body image when their file names match (a CDN
serves one photo at several sizes), and then appears once, where the body has it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from dehusk.article import Block, Image, Label, PageImage
from dehusk.credits import is_credit
from dehusk.evidence import Element, Evidence
from dehusk.urls import join, split
from dehusk.urls import path as url_path

#: Where the article's figures live, best first; the whole page when none matches.
ARTICLE_SCOPES: tuple[str, ...] = ("article", '[itemprop="articleBody"]', "main", "body")
#: Attributes holding the real source of lazy-loaded images, best first.
SRC_ATTRS: tuple[str, ...] = ("data-src", "data-lazy-src", "data-original", "src")
#: Elements inside a figure that hold the photo credit (class names of common CMSs).
CREDIT_SELECTOR = '[class*="credit" i], [class*="copyright" i], [class*="byline" i], small'
#: Credit written at the end of a caption: "… (AP Photo/Jane Doe)", "… Photo: Reuters".
CAPTION_CREDIT = re.compile(
    r"\s*(?:\((?P<a>(?:AP |AFP |Reuters )?(?:Photo|Image|Credit|Foto)s?\b[^)]{0,80})\)|"
    r"(?P<b>(?:Photo|Image|Credit|Foto)s?\s*(?:credit)?\s*[:/]\s*[^.]{1,80}))\s*$",
    re.IGNORECASE,
)
MAX_FIGURES = 50
#: An image declared narrower or lower than this is an icon, an avatar or a spacer.
MIN_PIXELS = 100
#: Labels of the blocks that may stand between the headline and the body's first block.
_HEAD_LABELS = frozenset(
    {Label.TITLE, Label.HEADING, Label.BYLINE, Label.DATELINE, Label.CAPTION, Label.CREDIT}
)
#: Words of an image's path that say it is no photo of the story ("cta-visual.png",
#: "/app_icons/", "optin-popup"). On half the dev article pages, 34 of 2,040 article
#: images name such a word, nearly all icons, CTAs and author avatars. "banner", "logo"
#: and "badge" stay out: they also name story images ("mental-health-trends-banner.jpeg",
#: a certificate's badge).
DECORATION_WORDS = frozenset(
    (
        *("cta", "optin", "popup", "newsletter", "subscribe", "signup", "button"),
        *("advert", "advertisement", "ads", "sponsor", "sponsored"),
        *("icon", "icons", "avatar", "avatars", "gravatar", "placeholder", "spacer", "pixel"),
    )
)
_WORD = re.compile(r"[^a-z0-9]+")
#: A picture met more often than this is a bullet or a button (twice: a mobile copy).
MAX_REPEATS = 2
#: Blocks looked at before the body's first one for a lead photo under the headline.
HEAD_REACH = 4
_CAPTION_LABELS = frozenset({Label.CAPTION, Label.CREDIT})
#: The size a CMS appends to a resized copy's file name ("photo-1024x811.jpg", "-scaled").
_SIZE_SUFFIX = re.compile(r"-(?:\d{2,5}x\d{2,5}|scaled)(?=\.\w+$)")


def extract_images(
    page: Evidence, page_url: str | None, base: str, lead: tuple[str, ...]
) -> tuple[Image, ...]:
    """The lead image, then the article's ``<figure>``s, de-duplicated by resolved ``src``
    (no positions yet: ``article_images`` adds the walk's images and places them all)."""
    root = page_root(page_url, base)
    images: dict[str, Image] = {}
    for src in lead[:1]:
        resolved = resolve(root, src)
        if resolved:
            images[resolved] = Image(src=resolved)
    for image in figures(page, root):
        if image.src in images and not images[image.src].caption:
            images[image.src] = image
        else:
            images.setdefault(image.src, image)
    return tuple(images.values())


def page_root(page_url: str | None, base: str) -> str:
    """The URL relative ``src``s resolve against: ``<base href>`` over the page's URL."""
    return (join(page_url or "", base) or page_url or "") if base else page_url or ""


def article_images(
    declared: Sequence[Image],
    walked: Sequence[PageImage],
    blocks: Sequence[Block],
    root: str,
    lead_src: str = "",
) -> tuple[Image, ...]:
    """``extract_images``' lead and figures with the walk's body images added, each placed
    before its block, in reading order; the lead (``lead_src``, the page's declared
    og:image or JSON-LD image) first (see the module docstring)."""
    # Where the walk met each declared image: needs every walked src resolved, once each.
    resolved = {w.src: resolve(root, w.src) for w in walked} if declared else {}
    where: dict[str, PageImage] = {}
    for walked_image in walked if declared else ():
        where.setdefault(resolved[walked_image.src], walked_image)
    found: dict[str, Image] = {}
    for image in declared:
        # A figure the walk met among a sidebar's blocks, or an icon, is not the article's.
        seen = where.get(image.src)
        if seen is None or (_touches_article(blocks, seen.before) and not _decoration(seen)):
            found.setdefault(image.src, replace(image, position=seen and seen.before))
    for image in body_images(walked, blocks, root, resolved):
        known = found.get(image.src)
        if known is None or (_described(image) and not _described(known)):
            found[image.src] = image
    # A stable sort: an image the walk did not meet keeps its order, at the end.
    images = sorted(found.values(), key=lambda i: len(blocks) if i.position is None else i.position)
    lead = next((i for i in declared if i.src == lead_src), None) if lead_src else None
    if lead is None:
        return tuple(images)
    same = next((i for i in images if _same_picture(lead.src, i.src)), None)
    if same is None:  # the lead is the page's declared picture, whatever the walk saw
        seen = where.get(lead.src)
        return (replace(lead, position=seen and seen.before), *images)
    # The lead photo is one of the article's (maybe at another size): it leads, once.
    return (same, *(i for i in images if i is not same and i.src != lead.src))


def body_images(
    walked: Sequence[PageImage],
    blocks: Sequence[Block],
    root: str,
    resolved: Mapping[str, str] | None = None,
) -> list[Image]:
    """The walk's images that stand among the article's blocks (see the module docstring),
    each ``src`` resolved against ``root`` (or looked up in ``resolved``, srcs the caller
    has resolved already)."""
    main = [i for i, b in enumerate(blocks) if b.main]
    if not main:
        return []
    first, last = main[0], main[-1]
    head = first
    while head > 0 and first - head < HEAD_REACH and blocks[head - 1].label in _HEAD_LABELS:
        head -= 1
    repeats = Counter(w.src for w in walked)
    out = []
    for seen in walked:
        if not head <= seen.before <= last or not _touches_article(blocks, seen.before):
            continue
        src = resolved[seen.src] if resolved else resolve(root, seen.src)
        if not src or repeats[seen.src] > MAX_REPEATS or _decoration(seen):
            continue
        caption, credit = _caption_after(blocks, seen.before)
        out.append(Image(src, seen.alt, caption, credit, position=seen.before))
    return out


def _touches_article(blocks: Sequence[Block], before: int) -> bool:
    """Whether the block after the image is the article's or its caption, or the block
    before it is the article's (a photo between a sidebar's blocks is the sidebar's)."""
    after = blocks[before] if before < len(blocks) else None
    prior = blocks[before - 1] if before > 0 else None
    return (after is not None and (after.main or after.label in _CAPTION_LABELS)) or (
        prior is not None and prior.main
    )


def _decoration(seen: PageImage) -> bool:
    """An icon, a spacer or a call to action: an SVG or icon file, an image declared smaller
    than ``MIN_PIXELS``, or one whose path names what it is for (``DECORATION_WORDS``)."""
    if 0 < seen.width < MIN_PIXELS or 0 < seen.height < MIN_PIXELS:
        return True
    path = url_path(seen.src).lower()
    return path.endswith((".svg", ".ico")) or not DECORATION_WORDS.isdisjoint(_WORD.split(path))


def _caption_after(blocks: Sequence[Block], before: int) -> tuple[str, str]:
    """The caption block right after an image, and the credit block right after that."""
    if before >= len(blocks) or blocks[before].label is not Label.CAPTION:
        return "", ""
    nxt = blocks[before + 1] if before + 1 < len(blocks) else None
    if nxt is not None and nxt.label is Label.CREDIT:
        return blocks[before].text, nxt.text
    return split_credit(blocks[before].text)


def _described(image: Image) -> bool:
    return bool(image.caption or image.credit)


def _same_picture(a: str, b: str) -> bool:
    """Whether two URLs name one photo: equal, or one file name at another size or host."""
    if a == b:
        return True
    name_a, name_b = (
        _SIZE_SUFFIX.sub("", url_path(u).rstrip("/").rsplit("/", 1)[-1]) for u in (a, b)
    )
    return "." in name_a and name_a == name_b


def resolve(root: str, src: str) -> str:
    """``src`` joined to ``root``; "" for an inline ``data:`` image or a malformed URL."""
    src = src.strip()
    if not src or src.startswith("data:"):
        return ""
    if root:
        return join(root, src)
    return src if split(src) else ""


def figures(page: Evidence, root: str) -> list[Image]:
    """The images of the ``<figure>``s inside the article's scope (``ARTICLE_SCOPES``)."""
    scope = next((n for test in _SCOPES for n in page.elements if test(n)), None)
    if scope is None:
        return []
    out: list[Image] = []
    for figure in [e for e in page.inside(scope) if e.tag == "figure"][:MAX_FIGURES]:
        image = _figure_image(page.inside(figure), root)
        if image is not None:
            out.append(image)
    return out


#: ``ARTICLE_SCOPES`` as tests of an element, in the same order.
_SCOPES: tuple[Callable[[Element], bool], ...] = (
    lambda e: e.tag == "article",
    lambda e: e.attrs.get("itemprop") == "articleBody",
    lambda e: e.tag == "main",
    lambda e: e.tag == "body",
)


def _is_credit(node: Element) -> bool:
    """Whether ``node`` matches ``CREDIT_SELECTOR``."""
    low = node.get("class").lower()
    return node.tag == "small" or any(w in low for w in ("credit", "copyright", "byline"))


def _figure_image(inside: Sequence[Element], root: str) -> Image | None:
    """A figure's image from the elements inside it: its first ``<img>``, the first
    ``<figcaption>``'s text and the first credit element's."""
    img = next((e for e in inside if e.tag == "img"), None)
    if img is None:
        return None
    src = next((v for a in SRC_ATTRS if (v := img.attrs.get(a))), "")
    resolved = resolve(root, src or "")
    if not resolved:
        return None
    caption = next((e.spaced for e in inside if e.tag == "figcaption"), "")
    credit = next((e.spaced for e in inside if _is_credit(e)), "")
    if credit and caption.endswith(credit):
        caption = caption[: -len(credit)].strip()
    elif not credit:
        caption, credit = split_credit(caption)
    return Image(
        src=resolved,
        alt=" ".join(img.get("alt").split()),
        caption=caption,
        credit=credit,
    )


def split_credit(caption: str) -> tuple[str, str]:
    """A caption and the credit written at its end, e.g. "(AP Photo/Jane Doe)"; a caption
    that is a credit alone ("Amr Dalsh / Reuters", "Getty Images") is the credit."""
    match = CAPTION_CREDIT.search(caption)
    if not match:
        return ("", caption) if _credit_alone(caption) else (caption, "")
    credit = (match["a"] or match["b"] or "").strip()
    return caption[: match.start()].strip(), credit


#: Longest caption read as a credit alone (words); a longer one describes the picture.
CREDIT_ALONE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?]\s+\w")


def _credit_alone(caption: str) -> bool:
    """A credit by ``credits.is_credit`` that is written like one, with nothing else: "Name /
    Agency", a label ("Photo: …", "©"), or three words at most, in one phrase of at most
    ``CREDIT_ALONE_WORDS`` words. "Protesters outside the Reuters building" names an agency
    and stays a caption, as does "Burnt out. PixelVista / Getty Images" (caption, credit)."""
    words = len(caption.split())
    shaped = any(mark in caption for mark in "/:©") or words <= 3
    return (
        shaped
        and words <= CREDIT_ALONE_WORDS
        and not _SENTENCE_END.search(caption)
        and is_credit(caption)
    )
