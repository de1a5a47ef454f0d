"""Images: the lead image and the figures of the article.

In: the parsed tree, the page URL (or ``<base href>``) and the lead image URLs declared in
metadata (og:image, JSON-LD ``image``). Out: a tuple of ``Image`` — the lead image first,
then every ``<figure>`` with an image inside the article, ``src`` resolved with urljoin,
caption from ``<figcaption>`` and credit from an element whose class names a credit.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dehusk.article import Image

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
_SPACE = re.compile(r"\s+")


def extract_images(
    tree: LexborHTMLParser, page_url: str | None, base: str, lead: tuple[str, ...]
) -> tuple[Image, ...]:
    """The lead image, then the article's figures, de-duplicated by resolved ``src``."""
    root = urljoin(page_url or "", base) if base else page_url or ""
    images: dict[str, Image] = {}
    for src in lead[:1]:
        resolved = resolve(root, src)
        if resolved:
            images[resolved] = Image(src=resolved)
    for image in figures(tree, root):
        if image.src in images and not images[image.src].caption:
            images[image.src] = image
        else:
            images.setdefault(image.src, image)
    return tuple(images.values())


def resolve(root: str, src: str) -> str:
    src = src.strip()
    if not src or src.startswith("data:"):
        return ""
    return urljoin(root, src) if root else src


def figures(tree: LexborHTMLParser, root: str) -> list[Image]:
    scope = next((n for s in ARTICLE_SCOPES if (n := tree.css_first(s)) is not None), None)
    if scope is None:
        return []
    out: list[Image] = []
    for figure in scope.css("figure")[:MAX_FIGURES]:
        image = _figure_image(figure, root)
        if image is not None:
            out.append(image)
    return out


def _figure_image(figure: LexborNode, root: str) -> Image | None:
    img = figure.css_first("img")
    if img is None:
        return None
    src = next((v for a in SRC_ATTRS if (v := img.attributes.get(a))), "")
    resolved = resolve(root, src or "")
    if not resolved:
        return None
    caption_node = figure.css_first("figcaption")
    caption = _text(caption_node)
    credit_node = figure.css_first(CREDIT_SELECTOR)
    credit = _text(credit_node)
    if credit and caption.endswith(credit):
        caption = caption[: -len(credit)].strip()
    elif not credit:
        caption, credit = split_credit(caption)
    return Image(
        src=resolved,
        alt=_SPACE.sub(" ", img.attributes.get("alt") or "").strip(),
        caption=caption,
        credit=credit,
    )


def split_credit(caption: str) -> tuple[str, str]:
    """A caption and the credit written at its end, e.g. "(AP Photo/Jane Doe)"."""
    match = CAPTION_CREDIT.search(caption)
    if not match:
        return caption, ""
    credit = (match["a"] or match["b"] or "").strip()
    return caption[: match.start()].strip(), credit


def _text(node: LexborNode | None) -> str:
    return _SPACE.sub(" ", node.text(deep=True, separator=" ")).strip() if node is not None else ""
