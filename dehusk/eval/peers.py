"""One adapter per extractor: a ``PageInput`` (HTML, URL, digest, set) in, ``Extraction`` out.

Each ``PeerSpec`` has a ``factory`` that does the imports and the one-off setup (untimed) and
returns the adapter (the timed call). ``meta_factory``, when set, gives a second, untimed call
used only for metadata (trafilatura's ``bare_extraction``). ``meta`` holds ``title`` (str or
None), ``authors`` (list of str), ``date`` (str or None) and ``page_type`` (str or None) as far
as the extractor offers them.

Input: ``PageInput.html`` is either the page decoded once by dehusk's decoder (``str``, the
headline runs: every extractor gets the same text) or the raw bytes (the bytes rows: each
extractor that accepts bytes decodes them its own way, inside the timed call). An adapter
passes either on as its library takes it; the three that take only ``str`` (newspaper4k,
goose3, boilerpy3) get ``as_text(html)``, UTF-8 with ``errors="replace"`` for bytes.

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


class PageInput(NamedTuple):
    """One page as an adapter gets it.

    ``html``: decoded ``str`` or raw ``bytes``; ``url`` or None; ``sha1``: hex SHA-1 of the
    page's raw bytes (the key of ``folds.json``); ``dataset``: the dev set's name.
    """

    html: str | bytes
    url: str | None
    sha1: str = ""
    dataset: str = ""


Adapter = Callable[[PageInput], Extraction]


@dataclass(frozen=True, slots=True)
class PeerSpec:
    """An extractor as the benchmark runs it.

    ``name`` is the key used on the command line and in reports; ``distributions`` are the
    PyPI names whose versions the report prints; ``interpreter`` is ``"bench"`` (the 3.11 bench
    venv) or ``"rs312"`` (the 3.12 venv); ``how`` says in a few words how it is called;
    ``meta_fields`` names the metadata it offers (``title``, ``authors``, ``date``,
    ``page_type``), the only ones scored for it; ``default`` False keeps it out of a run
    without ``--only``.
    """

    name: str
    distributions: tuple[str, ...]
    factory: Callable[[], Adapter]
    how: str
    meta_factory: Callable[[], Adapter] | None = None
    interpreter: str = "bench"
    meta_fields: frozenset[str] = frozenset()
    #: False: run only when named in ``--only`` (a variant, not one of the compared peers).
    default: bool = True


def as_text(html: str | bytes) -> str:
    """The page as ``str`` for peers that need one: bytes as UTF-8 with ``errors="replace"``."""
    return html if isinstance(html, str) else html.decode("utf-8", errors="replace")


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


#: Where ``make train`` leaves the fold models and ``folds.json`` (page digest → fold), and
#: the models trained on one dev set alone (``trained-on-<set>.npz``).
FOLDS_DIR = Path(__file__).resolve().parents[2] / "bench-out" / "folds"
#: Each dev set → the set whose model scores it across sets.
OTHER_SET = {"wcxb-dev": "dragnet", "dragnet": "wcxb-dev"}


def _dehusk_run(choose: Callable[[PageInput], Any]) -> Adapter:
    """An adapter calling ``dehusk.extract`` with the options ``choose`` picks per page.

    The pipeline's stage functions are timed (``stages.instrument``): the seconds per
    stage ride along in ``meta["stages"]`` (the worker moves them into the page record).
    """
    import dehusk
    import dehusk.pipeline

    from .stages import instrument

    clock = instrument(dehusk.pipeline)
    clock.take()

    def run(page: PageInput) -> Extraction:
        art = dehusk.extract(page.html, url=page.url, options=choose(page))
        meta = make_meta(art.title, list(art.authors), art.metadata.published, art.page_type)
        meta["stages"] = clock.take()
        return Extraction(art.text or "", meta)

    return run


def _model_options(path: Path) -> Any:
    import dehusk

    if not path.is_file():
        raise RuntimeError(f"{path} is missing: run `make train` first")
    return dehusk.Options(model=str(path))


def dehusk_factory() -> Adapter:
    """dehusk's learned path, out of fold: each page is extracted with the weights of the
    ``make train`` fold that did not see its site (``bench-out/folds``), found by the SHA-1
    of the page's bytes (computed outside the timed call). A page no fold holds gets the
    shipped weights. Text, title, authors, date, page type.
    """
    import dehusk

    index = FOLDS_DIR / "folds.json"
    if not index.is_file():
        raise RuntimeError(f"{index} is missing: run `make train` first (out-of-fold models)")
    folds = json.loads(index.read_text(encoding="utf-8"))["by_sha1"]
    options = {k: _model_options(FOLDS_DIR / f"fold{k}.npz") for k in set(folds.values())}
    shipped = dehusk.Options()
    return _dehusk_run(lambda page: options.get(folds.get(page.sha1), shipped))


def dehusk_cross_factory() -> Adapter:
    """dehusk's learned path across sets: a page of one dev set extracted with the model
    ``make train`` trained on the other set alone (``trained-on-<other>.npz``)."""
    options = {
        name: _model_options(FOLDS_DIR / f"trained-on-{other}.npz")
        for name, other in OTHER_SET.items()
    }

    def choose(page: PageInput) -> Any:
        if page.dataset not in options:
            raise RuntimeError(f"no cross-set model for set {page.dataset!r}")
        return options[page.dataset]

    return _dehusk_run(choose)


def dehusk_shipped_factory() -> Adapter:
    """dehusk as a user gets it: ``extract(html, url=url)`` with the shipped weights (which
    saw every page they were trained on: in-sample on those, honest on others)."""
    import dehusk

    options = dehusk.Options()
    return _dehusk_run(lambda _page: options)


def dehusk_rules_factory() -> Adapter:
    """dehusk's heuristic path: ``extract(html, url=url, options=Options(model="rules"))``."""
    import dehusk

    options = dehusk.Options(model="rules")
    return _dehusk_run(lambda _page: options)


# ---- trafilatura ---------------------------------------------------------------------------


def trafilatura_factory(fast: bool = False) -> Adapter:
    """``trafilatura.extract(html, url=url, include_comments=False)``, otherwise defaults
    (``fast=True`` if asked): text. Comments off: neither set's truth counts readers'
    comments as main content (dragnet's truth stops at its COMMENTS line), and trafilatura's
    own evaluations run it so."""
    import trafilatura

    def run(page: PageInput) -> Extraction:
        text = trafilatura.extract(page.html, url=page.url, fast=fast, include_comments=False)
        return Extraction(text or "", make_meta())

    return run


def trafilatura_meta_factory() -> Adapter:
    """``trafilatura.bare_extraction(html, url=url, with_metadata=True)``: title/author/date."""
    import trafilatura

    def run(page: PageInput) -> Extraction:
        doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
        if doc is None:
            return Extraction("", make_meta())
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        # trafilatura joins several authors with "; ", which the author rule splits on.
        return Extraction("", make_meta(get("title"), get("author"), get("date")))

    return run


# ---- rs-trafilatura (CPython 3.12 only) ----------------------------------------------------


def rs_trafilatura_factory() -> Adapter:
    """``rs_trafilatura.extract(str, url=url)`` (``extract_bytes`` for bytes): main_content,
    title, author, date, page type."""
    import rs_trafilatura

    def run(page: PageInput) -> Extraction:
        if isinstance(page.html, str):
            res = rs_trafilatura.extract(page.html, url=page.url)
        else:
            res = rs_trafilatura.extract_bytes(page.html, url=page.url)
        return Extraction(
            res.main_content or "", make_meta(res.title, res.author, res.date, res.page_type)
        )

    return run


# ---- readability-lxml ----------------------------------------------------------------------


def readability_factory() -> Adapter:
    """``readability.Document(html, url=url).summary(html_partial=True)`` → text via
    ``html_fragment_text``. The partial (article ``<div>`` only) form: the whole-document
    form comes back as an empty ``<body>`` on some pages whose article the partial form
    finds (49 of dragnet's 1,381, e.g. Posterous blogs)."""
    from readability import Document

    def run(page: PageInput) -> Extraction:
        doc = Document(page.html, url=page.url)
        text = html_fragment_text(doc.summary(html_partial=True))
        return Extraction(text, make_meta(doc.title()))

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

    def run(page: PageInput) -> Extraction:
        art = Article(page.url or "http://localhost/", config=config)
        art.download(input_html=as_text(page.html))
        art.parse()
        return Extraction(art.text or "", make_meta(art.title, art.authors, art.publish_date))

    return run


# ---- goose3 --------------------------------------------------------------------------------


def goose_factory() -> Adapter:
    """``goose3.Goose().extract(raw_html=...)`` with image fetching off: cleaned_text + meta."""
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False, "http_timeout": 1.0})

    def run(page: PageInput) -> Extraction:
        art = goose.extract(url=page.url, raw_html=as_text(page.html))
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
_HTML_LANG = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)


def html_language(html: str | bytes) -> str | None:
    """The primary language code of ``<html lang=...>`` in the first 8 KiB, lowercased."""
    head = html[:8192]
    m = _HTML_LANG.search(head if isinstance(head, str) else head.decode("latin-1"))
    return m.group(1).lower() if m else None


def justext_factory() -> Adapter:
    """``justext.justext(html, stoplist)``, non-boilerplate paragraphs joined by blank lines.

    The stoplist follows ``<html lang>`` (``JUSTEXT_LANGUAGES``), English when absent or
    unknown.
    """
    import justext

    stoplists = {code: justext.get_stoplist(name) for code, name in JUSTEXT_LANGUAGES.items()}

    def run(page: PageInput) -> Extraction:
        stoplist = stoplists.get(html_language(page.html) or "en", stoplists["en"])
        paragraphs = justext.justext(page.html, stoplist)
        text = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
        return Extraction(text, make_meta())

    return run


# ---- resiliparse ---------------------------------------------------------------------------


def resiliparse_factory() -> Adapter:
    """``extract_plain_text(HTMLTree.parse(str), main_content=True)`` (``parse_from_bytes``
    for bytes)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def run(page: PageInput) -> Extraction:
        html = page.html
        tree = HTMLTree.parse(html) if isinstance(html, str) else HTMLTree.parse_from_bytes(html)
        return Extraction(extract_plain_text(tree, main_content=True) or "", make_meta())

    return run


# ---- boilerpy3 -----------------------------------------------------------------------------


def boilerpy_factory() -> Adapter:
    """``boilerpy3.extractors.ArticleExtractor().get_content(str)``; errors → empty (worker)."""
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(page: PageInput) -> Extraction:
        return Extraction(extractor.get_content(as_text(page.html)) or "", make_meta())

    return run


_ALL_META = frozenset({"title", "authors", "date", "page_type"})
_TITLE_AUTHORS_DATE = frozenset({"title", "authors", "date"})

PEERS: tuple[PeerSpec, ...] = (
    PeerSpec(
        "dehusk",
        ("dehusk",),
        dehusk_factory,
        "dehusk.extract(html, url=url), learned path, out-of-fold weights by page SHA-1 "
        "(make train)",
        meta_fields=_ALL_META,
    ),
    PeerSpec(
        "dehusk-cross",
        ("dehusk",),
        dehusk_cross_factory,
        "dehusk.extract(html, url=url, options=Options(model=trained-on-<other set>.npz)): "
        "the model trained on the other dev set alone",
        meta_fields=_ALL_META,
    ),
    PeerSpec(
        "dehusk-shipped",
        ("dehusk",),
        dehusk_shipped_factory,
        "dehusk.extract(html, url=url): the shipped weights",
        meta_fields=_ALL_META,
        default=False,
    ),
    PeerSpec(
        "dehusk-rules",
        ("dehusk",),
        dehusk_rules_factory,
        "dehusk.extract(html, url=url, options=Options(model='rules')): heuristic path",
        meta_fields=_TITLE_AUTHORS_DATE,
    ),
    PeerSpec(
        "trafilatura",
        ("trafilatura",),
        trafilatura_factory,
        "extract(html, url=url, include_comments=False); metadata from "
        "bare_extraction(with_metadata=True)",
        meta_factory=trafilatura_meta_factory,
        meta_fields=_TITLE_AUTHORS_DATE,
    ),
    PeerSpec(
        "trafilatura-fast",
        ("trafilatura",),
        lambda: trafilatura_factory(fast=True),
        "extract(html, url=url, fast=True, include_comments=False)",
    ),
    PeerSpec(
        "rs-trafilatura",
        ("rs-trafilatura",),
        rs_trafilatura_factory,
        "extract(str, url=url) / extract_bytes(bytes, url=url), defaults (CPython 3.12 venv)",
        interpreter="rs312",
        meta_fields=_ALL_META,
    ),
    PeerSpec(
        "readability-lxml",
        ("readability-lxml",),
        readability_factory,
        "Document(html, url=url).summary(html_partial=True) → lxml text with paragraph breaks",
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
        "justext(html, stoplist of <html lang>, else English), non-boilerplate paragraphs",
    ),
    PeerSpec(
        "resiliparse",
        ("resiliparse",),
        resiliparse_factory,
        "extract_plain_text(HTMLTree.parse(str) / parse_from_bytes(bytes), main_content=True)",
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
