"""One adapter per extractor: raw HTML bytes and URL in, ``Extraction(text, meta)`` out.

Each ``PeerSpec`` has a ``factory`` that does the imports and the one-off setup (untimed) and
returns the adapter (the timed call). ``meta_factory``, when set, gives a second, untimed call
used only for metadata (trafilatura's ``bare_extraction``). ``meta`` holds ``title`` (str or
None), ``authors`` (list of str), ``date`` (str or None) and ``page_type`` (str or None) as far
as the extractor offers them.

Input: every extractor gets the page's raw bytes where it accepts bytes (dehusk, trafilatura,
rs-trafilatura, readability-lxml, jusText, resiliparse). The three that need ``str``
(newspaper4k, goose3, boilerpy3) get ``decode_for_peer(html)``: UTF-8 with
``errors="replace"`` — the same for all three; every page of the dev set is valid UTF-8.

Offline: newspaper4k runs with ``fetch_images = False`` and ``download(input_html=...)``;
goose3 with image fetching off and ``raw_html``; the worker also blocks every socket, so a
peer that still tries the network fails fast instead of waiting.

Library imports happen inside the factories only: this module imports nothing outside the
standard library, so any interpreter can load it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple


class Extraction(NamedTuple):
    """What an adapter returns: the body text and the metadata it found."""

    text: str
    meta: dict[str, Any]


Adapter = Callable[[bytes, "str | None"], Extraction]


@dataclass(frozen=True, slots=True)
class PeerSpec:
    """An extractor as the benchmark runs it.

    ``name`` is the key used on the command line and in reports; ``distributions`` are the
    PyPI names whose versions the report prints; ``interpreter`` is ``"bench"`` (the 3.11 bench
    venv) or ``"rs312"`` (the 3.12 venv); ``how`` says in a few words how it is called;
    ``meta_fields`` names the metadata it offers (``title``, ``authors``, ``date``,
    ``page_type``), the only ones scored for it.
    """

    name: str
    distributions: tuple[str, ...]
    factory: Callable[[], Adapter]
    how: str
    meta_factory: Callable[[], Adapter] | None = None
    interpreter: str = "bench"
    meta_fields: frozenset[str] = frozenset()


def decode_for_peer(html: bytes) -> str:
    """The page as ``str`` for peers that need one: UTF-8 with ``errors="replace"``."""
    return html.decode("utf-8", errors="replace")


def make_meta(
    title: Any = None, authors: Any = None, date: Any = None, page_type: Any = None
) -> dict[str, Any]:
    """A metadata dict with normalised types: strings or None, authors as a list of strings.

    ``authors`` may be a string (kept as one entry), a list/tuple of strings or None; ``date``
    may be a string, a ``datetime``/``date`` (→ ISO format) or None.
    """
    if isinstance(authors, str):
        author_list = [authors] if authors.strip() else []
    elif isinstance(authors, list | tuple):
        author_list = [str(a) for a in authors if a and str(a).strip()]
    else:
        author_list = []
    if date is not None and not isinstance(date, str):
        date = date.isoformat() if hasattr(date, "isoformat") else str(date)
    return {
        "title": str(title) if title else None,
        "authors": author_list,
        "date": date or None,
        "page_type": str(page_type) if page_type else None,
    }


_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "pre", "blockquote",
        "table", "tr", "td", "th", "dl", "dt", "dd", "section", "article", "header", "footer",
        "figure", "figcaption", "aside", "main", "nav", "form", "hr",
    }
)  # fmt: skip
_BLANK_LINES = re.compile(r"\n\s*\n")


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment, paragraphs separated by blank lines.

    Uses lxml's ``text_content`` after marking block elements with blank lines and ``<br>``
    with a newline, so words from adjacent blocks never run together. Whitespace inside a
    paragraph is folded to single spaces.
    """
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    paragraphs = (" ".join(p.split()) for p in _BLANK_LINES.split(root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)


# ---- dehusk --------------------------------------------------------------------------------


#: Where ``make train`` leaves the fold models and ``folds.json`` (page digest → fold).
FOLDS_DIR = Path(__file__).resolve().parents[2] / "bench-out" / "folds"


def dehusk_factory() -> Adapter:
    """dehusk's learned path, out of fold: each page is extracted with the weights of the
    ``make train`` fold that did not see its domain (``bench-out/folds``), found by the SHA-1
    of the page's bytes (hashing is inside the timed call). Text, title, authors, date, type.
    """
    import hashlib

    import dehusk

    index = FOLDS_DIR / "folds.json"
    if not index.is_file():
        raise RuntimeError(f"{index} is missing: run `make train` first (out-of-fold models)")
    folds = json.loads(index.read_text(encoding="utf-8"))["by_sha1"]
    options = {
        k: dehusk.Options(model=str(FOLDS_DIR / f"fold{k}.npz")) for k in set(folds.values())
    }
    shipped = dehusk.Options()

    def run(html: bytes, url: str | None) -> Extraction:
        fold = folds.get(hashlib.sha1(html).hexdigest())
        art = dehusk.extract(html, url=url, options=shipped if fold is None else options[fold])
        return Extraction(
            art.text or "",
            make_meta(art.title, list(art.authors), art.metadata.published, art.page_type),
        )

    return run


def dehusk_rules_factory() -> Adapter:
    """dehusk's heuristic path: ``extract(html, url=url, options=Options(model="rules"))``."""
    import dehusk

    options = dehusk.Options(model="rules")

    def run(html: bytes, url: str | None) -> Extraction:
        art = dehusk.extract(html, url=url, options=options)
        return Extraction(
            art.text or "",
            make_meta(art.title, list(art.authors), art.metadata.published, art.page_type),
        )

    return run


# ---- trafilatura ---------------------------------------------------------------------------


def trafilatura_factory(fast: bool = False) -> Adapter:
    """``trafilatura.extract(html, url=url)`` with defaults (``fast=True`` if asked): text."""
    import trafilatura

    def run(html: bytes, url: str | None) -> Extraction:
        text = trafilatura.extract(html, url=url, fast=fast)
        return Extraction(text or "", make_meta())

    return run


def trafilatura_meta_factory() -> Adapter:
    """``trafilatura.bare_extraction(html, url=url, with_metadata=True)``: title/author/date."""
    import trafilatura

    def run(html: bytes, url: str | None) -> Extraction:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        if doc is None:
            return Extraction("", make_meta())
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        # trafilatura joins several authors with "; ", which the author rule splits on.
        return Extraction("", make_meta(get("title"), get("author"), get("date")))

    return run


# ---- rs-trafilatura (CPython 3.12 only) ----------------------------------------------------


def rs_trafilatura_factory() -> Adapter:
    """``rs_trafilatura.extract_bytes(html, url=url)``: main_content, title, author, date, type."""
    import rs_trafilatura

    def run(html: bytes, url: str | None) -> Extraction:
        res = rs_trafilatura.extract_bytes(html, url=url)
        return Extraction(
            res.main_content or "", make_meta(res.title, res.author, res.date, res.page_type)
        )

    return run


# ---- readability-lxml ----------------------------------------------------------------------


def readability_factory() -> Adapter:
    """``readability.Document(html, url=url).summary()`` → text via ``html_fragment_text``."""
    from readability import Document

    def run(html: bytes, url: str | None) -> Extraction:
        doc = Document(html, url=url)
        return Extraction(html_fragment_text(doc.summary()), make_meta(doc.title()))

    return run


# ---- newspaper4k ---------------------------------------------------------------------------


def newspaper_factory() -> Adapter:
    """newspaper4k offline: ``fetch_images=False``, ``download(input_html=...)``, ``parse()``.

    Text, title, authors and publish date. The ImportError it raises on some languages
    without nltk propagates: the worker counts it as an empty result.
    """
    from newspaper import Article, Config

    config = Config()
    config.fetch_images = False
    config.memoize_articles = False

    def run(html: bytes, url: str | None) -> Extraction:
        art = Article(url or "http://localhost/", config=config)
        art.download(input_html=decode_for_peer(html))
        art.parse()
        return Extraction(art.text or "", make_meta(art.title, art.authors, art.publish_date))

    return run


# ---- goose3 --------------------------------------------------------------------------------


def goose_factory() -> Adapter:
    """``goose3.Goose().extract(raw_html=...)`` with image fetching off: cleaned_text + meta."""
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False, "http_timeout": 1.0})

    def run(html: bytes, url: str | None) -> Extraction:
        art = goose.extract(url=url, raw_html=decode_for_peer(html))
        return Extraction(
            art.cleaned_text or "", make_meta(art.title, art.authors, art.publish_date)
        )

    return run


# ---- jusText -------------------------------------------------------------------------------

#: ISO 639-1 code of ``<html lang>`` → jusText stoplist name (others fall back to English).
JUSTEXT_LANGUAGES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "sv": "Swedish",
    "da": "Danish", "fi": "Finnish", "cs": "Czech", "tr": "Turkish", "ko": "Korean",
    "uk": "Ukrainian", "ro": "Romanian", "hu": "Hungarian", "el": "Greek", "id": "Indonesian",
}  # fmt: skip
_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)


def html_language(html: bytes) -> str | None:
    """The primary language code of ``<html lang=...>`` in the first 8 KiB, lowercased."""
    m = _HTML_LANG.search(html[:8192])
    return m.group(1).decode("ascii").lower() if m else None


def justext_factory() -> Adapter:
    """``justext.justext(html, stoplist)``, non-boilerplate paragraphs joined by blank lines.

    The stoplist follows ``<html lang>`` (``JUSTEXT_LANGUAGES``), English when absent or
    unknown.
    """
    import justext

    stoplists = {code: justext.get_stoplist(name) for code, name in JUSTEXT_LANGUAGES.items()}

    def run(html: bytes, url: str | None) -> Extraction:
        stoplist = stoplists.get(html_language(html) or "en", stoplists["en"])
        paragraphs = justext.justext(html, stoplist)
        text = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
        return Extraction(text, make_meta())

    return run


# ---- resiliparse ---------------------------------------------------------------------------


def resiliparse_factory() -> Adapter:
    """``extract_plain_text(HTMLTree.parse_from_bytes(html), main_content=True)``."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def run(html: bytes, url: str | None) -> Extraction:
        tree = HTMLTree.parse_from_bytes(html)
        return Extraction(extract_plain_text(tree, main_content=True) or "", make_meta())

    return run


# ---- boilerpy3 -----------------------------------------------------------------------------


def boilerpy_factory() -> Adapter:
    """``boilerpy3.extractors.ArticleExtractor().get_content(str)``; errors → empty (worker)."""
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(html: bytes, url: str | None) -> Extraction:
        return Extraction(extractor.get_content(decode_for_peer(html)) or "", make_meta())

    return run


_ALL_META = frozenset({"title", "authors", "date", "page_type"})
_TITLE_AUTHORS_DATE = frozenset({"title", "authors", "date"})

PEERS: tuple[PeerSpec, ...] = (
    PeerSpec(
        "dehusk",
        ("dehusk",),
        dehusk_factory,
        "dehusk.extract(bytes, url=url), learned path, out-of-fold weights (make train)",
        meta_fields=_ALL_META,
    ),
    PeerSpec(
        "dehusk-rules",
        ("dehusk",),
        dehusk_rules_factory,
        "dehusk.extract(bytes, url=url, options=Options(model='rules')): heuristic path",
        meta_fields=_TITLE_AUTHORS_DATE,
    ),
    PeerSpec(
        "trafilatura",
        ("trafilatura",),
        trafilatura_factory,
        "extract(bytes, url=url), defaults; metadata from bare_extraction(with_metadata=True)",
        meta_factory=trafilatura_meta_factory,
        meta_fields=_TITLE_AUTHORS_DATE,
    ),
    PeerSpec(
        "trafilatura-fast",
        ("trafilatura",),
        lambda: trafilatura_factory(fast=True),
        "extract(bytes, url=url, fast=True)",
    ),
    PeerSpec(
        "rs-trafilatura",
        ("rs-trafilatura",),
        rs_trafilatura_factory,
        "extract_bytes(bytes, url=url), defaults (CPython 3.12 venv)",
        interpreter="rs312",
        meta_fields=_ALL_META,
    ),
    PeerSpec(
        "readability-lxml",
        ("readability-lxml",),
        readability_factory,
        "Document(bytes, url=url).summary() → lxml text with paragraph breaks",
        meta_fields=frozenset({"title"}),
    ),
    PeerSpec(
        "newspaper4k",
        ("newspaper4k",),
        newspaper_factory,
        "Article.download(input_html=str), parse(); fetch_images=False",
        meta_fields=_TITLE_AUTHORS_DATE,
    ),
    PeerSpec(
        "goose3",
        ("goose3",),
        goose_factory,
        "Goose().extract(raw_html=str).cleaned_text; image fetching off",
        meta_fields=_TITLE_AUTHORS_DATE,
    ),
    PeerSpec(
        "justext",
        ("justext",),
        justext_factory,
        "justext(bytes, stoplist of <html lang>, else English), non-boilerplate paragraphs",
    ),
    PeerSpec(
        "resiliparse",
        ("resiliparse",),
        resiliparse_factory,
        "extract_plain_text(HTMLTree.parse_from_bytes(bytes), main_content=True)",
    ),
    PeerSpec(
        "boilerpy3",
        ("boilerpy3",),
        boilerpy_factory,
        "ArticleExtractor().get_content(str)",
    ),
)


def peer_names() -> list[str]:
    """Names of every known extractor, in report order."""
    return [p.name for p in PEERS]


def get_peer(name: str) -> PeerSpec:
    """The ``PeerSpec`` called ``name``; ``KeyError`` listing the known names otherwise."""
    for spec in PEERS:
        if spec.name == name:
            return spec
    raise KeyError(f"unknown extractor {name!r}; known: {', '.join(peer_names())}")
