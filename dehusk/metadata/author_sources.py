"""Author sources: where a page credits its author, beyond its structured data, and the
candidates the chooser weighs.

In: the parsed page (the Twitter card, byline-like elements, visible "By …" lines and
"Author" labels, footer and copyright texts), the site's name, the ``<title>``, the URL,
the raw credits per source and the names to exclude. Out: raw or cleaned names per page
recogniser (``twitter_card_authors``, ``dom_authors``, ``visible_byline``, ``site_owner``),
the page's first printed credit when it names no person (``credit_fallback``) and one
author candidate per distinct answer with its features (``author_candidates``). Names are
cleaned by ``authors``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dehusk.metadata.authors import (
    BY_PREFIX,
    BYLINE_START,
    DIGIT,
    EMAIL,
    EMPTY_LABEL,
    FACETS,
    LEAD_SYMBOLS,
    LEADING_NOISE,
    ORG_WORDS,
    PLACEHOLDERS,
    ROLE_WORDS,
    SPACE,
    TAIL,
    URL,
    WEEKDAYS,
    clean_authors,
    first_names,
    given_names,
    is_person_name,
    mostly_names,
    name_with_date,
    norm,
    strip_dates,
    word_set,
)
from dehusk.metadata.meta import MetaTags
from dehusk.metadata.rank import RULES_CHOICE, Candidate

#: A Twitter card label that says its value is the author: Yoast SEO writes "Written by"
#: beside the post's author on every WordPress post it serves (206 dev article pages;
#: where the page also has ``<meta name=author>`` they agree), "Interview by" on a few.
TWITTER_AUTHOR_LABEL = re.compile(
    r"^(?:(?:written|posted|authored|reported|interview(?:ed)?)\s+by|authors?|by)$", re.IGNORECASE
)
#: Label/data pairs a Twitter card carries (``twitter:label1`` … ``twitter:label4``).
MAX_TWITTER_LABELS = 4


def twitter_card_authors(tags: MetaTags) -> tuple[str, ...]:
    """The raw value of the Twitter card's author pair (``twitter:label1`` "Written by",
    ``twitter:data1`` "Jane Doe"), or () when the card names no author."""
    for index in range(1, MAX_TWITTER_LABELS + 1):
        label = tags.first((f"twitter:label{index}",))
        if label and TWITTER_AUTHOR_LABEL.match(label):
            value = tags.first((f"twitter:data{index}",))
            return (value,) if value else ()
    return ()


#: Elements holding a visible byline, best first: explicit byline classes, author links
#: (rel=author, /author/ and /contributor/ URLs, WordPress "author vcard"), then any class
#: naming an author.
DOM_BYLINE_SELECTORS: tuple[str, ...] = (
    '[class*="byline" i]',
    '[rel~="author"], a[href*="/author/"], a[href*="/authors/"], a[href*="/contributor/"], '
    'a[href*="/contributors/"], .author.vcard, .fn',
    '[class*="author-name" i], [class*="authorname" i], [class*="author" i]',
)
#: Containers whose author names belong to someone else (comments, related posts).
DOM_SKIP = re.compile(
    r"comment|reply|related|recommend|widget|sidebar|footer|\breview(?:s|er|ers)?\b", re.IGNORECASE
)
#: The same for a byline under an explicit label ("Author", "Written by"): a metadata
#: panel is often an ``<aside>`` or a sidebar column beside the story, and a label names
#: the page's own author, where a sidebar's bare names are other posts'.
LABELLED_SKIP = re.compile(
    r"comment|reply|related|recommend|footer|\breview(?:s|er|ers)?\b", re.IGNORECASE
)
#: Longest element text read as a byline (characters).
MAX_DOM_BYLINE = 100


def dom_authors(
    tree: LexborHTMLParser, exclude: Iterable[str] = (), texts: Iterable[str] | None = None
) -> tuple[str, ...]:
    """Names from the first byline-like element (see ``DOM_BYLINE_SELECTORS``); ``texts``:
    the page's ``dom_bylines`` when the caller has read them already."""
    for text in dom_bylines(tree) if texts is None else texts:
        names = clean_authors([text], exclude)
        if names and (BYLINE_START.match(text) or mostly_names(text, names)):
            return names
    return ()


def dom_bylines(tree: LexborHTMLParser) -> Iterator[str]:
    """The texts of the byline-like elements of the page, best selector first, each short
    and outside comments, related posts and sidebars (see ``DOM_BYLINE_SELECTORS``)."""
    for selector in DOM_BYLINE_SELECTORS:
        for node in tree.css(selector)[:20]:
            text = SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()
            if text and len(text) <= MAX_DOM_BYLINE and not _in_skipped(node):
                yield text


#: An element's own text that opens a visible byline: "By", "Written by", "Contributors:"
#: (after a date: "Mar 24, 2025 By", "12/19 — 2025 by"), the names in child elements.
VISIBLE_LEAD = re.compile(
    r"^(?:(?:written|posted|words|story|text|reported|article)\s+)?by\b\s*:?|"
    r"^(?:authors?|contributors?|writer|written by)\s*:|"
    r"^this\s+(?:post|article|story|piece|blog(?:\s+post)?)\s+(?:was\s+)?written\s+by\b\s*:?",
    re.IGNORECASE,
)
#: What any ``VISIBLE_LEAD`` match needs in the raw text ("by" as a word, or a digit
#: before it: "2025By"), checked before the costly date stripping.
_LEAD_HINT = re.compile(r"(?:^|[\W\d_])by\b|(?:authors?|contributors?|writer)\s*:", re.IGNORECASE)
#: Longest visible byline read (characters after the lead-in, once dates are out).
MAX_VISIBLE_BYLINE = 80
#: Longest raw text looked at for a visible byline: dates aside, a byline is short, and
#: cleaning a container's whole text costs milliseconds.
MAX_RAW_BYLINE = 400
#: Elements looked at for a visible byline, at most (the byline sits near the top).
MAX_VISIBLE_NODES = 3000


class VisibleByline(NamedTuple):
    """What the page's visible bylines give: the first one's person names, and the first
    one's printed credit when it names no person ("By Marketing Team", "By 3i Global")."""

    names: tuple[str, ...] = ()
    credit: str = ""


#: An element that is a byline's label alone, the names in the element after it or around
#: it: "<h3>Author</h3><p>Lisa D. Ellis</p>", "<h6>Author(s)</h6><ul><li>…",
#: "<div>Written by</div><div>Jack Shepherd</div>".
BYLINE_LABEL = re.compile(
    r"^(?:(?:written|posted|words|story|text|reported|article)\s+)?by\s*:?$|"
    r"^(?:authors?|author\(s\)|contributors?|writer|written by)\s*:?$",
    re.IGNORECASE,
)
#: Tags whose items are one name each (an author list).
_LIST_TAGS = frozenset({"ul", "ol"})


def visible_byline(tree: LexborHTMLParser, exclude: Iterable[str] = ()) -> VisibleByline:
    """Names from the first short element that prints a byline ("By Amy Wilhelm",
    "Contributors: Janet Loughrey", "Mar 24, 2025 By Jerry Chu", a label "Author" with
    the name after it) whatever its markup — for pages whose byline has no author class,
    no link to an author page and no block of its own — and the first such byline's
    credit when it names no person. Outside comments, related posts, sidebars, footers
    and menus."""
    body = tree.body
    if body is None:
        return VisibleByline()
    credit = ""
    for count, node in enumerate(body.traverse()):
        if count > MAX_VISIBLE_NODES:
            break
        raw = node.text(deep=False)
        low = raw.lower() if raw else ""
        if not low or ("by" not in low and ":" not in low and "author" not in low):
            continue  # substring tests first: the hint's regex is slower on long text
        if not (raw := _bounded(raw)) or not (_LEAD_HINT.search(raw) or "author" in low):
            continue  # no lead-in possible; cheaper than cleaning every node's text
        own = _lead_text(raw)
        if not own or not (VISIBLE_LEAD.match(own) or BYLINE_LABEL.fullmatch(own)):
            continue
        found = _byline_text(node)
        if found is None or _in_skipped(found[0], found[2]) or _in_menu(found[0]):
            continue
        text = found[1]
        names = clean_authors([text], exclude)
        if names and mostly_names(text, names):
            return VisibleByline(names, credit)
        if not names and not credit and (printed := clean_credit(text)):
            credit = "" if printed[:1].islower() else printed  # "By default" is prose
    return VisibleByline((), credit)


#: A reading time ("6 min read", "3 minute read").
READING_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?(?:\s+read)?\b", re.IGNORECASE)
#: Blocks read after the headline for a bare byline (a name and a date, no "By").
HEADLINE_REACH = 3
#: Longest block read there (characters): a name, a title, a date.
MAX_HEADLINE_BYLINE = 100
#: Copies of the headline looked after (a theme may print it in a menu too).
MAX_HEADLINES = 3


def headline_byline(
    texts: Sequence[str], title: str, exclude: Iterable[str] = ()
) -> tuple[str, ...]:
    """The name a page prints right under its headline with a date and nothing else — no
    "By", no class, no label: "Aaron Ricadela | Senior Writer | July 2, 2025", "Dec 26,
    2025 • Mahua Das in Project Management", or the name and the date in blocks of their
    own ("2025-12-17 ·" then "Trond Teigen").

    In: the page's block texts in reading order (whatever their labels: such a line is
    often called navigation), the headline and the names to exclude. Out: the name, or ()
    — a name alone in its block needs a known first name, since nothing else says it is
    one.
    """
    key = norm(title)
    starts = [i for i, t in enumerate(texts) if key and norm(t) == key][:MAX_HEADLINES]
    for start in starts:
        near = [t[: MAX_HEADLINE_BYLINE + 1] for t in texts[start + 1 : start + 1 + HEADLINE_REACH]]
        for index, text in enumerate(near):
            if len(text) > MAX_HEADLINE_BYLINE:
                continue  # a standfirst between the headline and the byline
            if names := name_with_date(text, exclude):
                return names
            if _bare_name(text) and _dated_neighbour(near, index):
                names = clean_authors([text], exclude)
                return names if names and _first_name_led(names[0]) else ()
    return ()


def _dated_neighbour(texts: Sequence[str], index: int) -> bool:
    """Whether the block before or after ``texts[index]`` is a date and nothing else."""
    return any(0 <= i < len(texts) and _date_only(texts[i]) for i in (index - 1, index + 1))


def _date_only(text: str) -> bool:
    """ "2025-12-17 ·", "23.07.2025 · 6 min read": a date with punctuation around it, a
    reading time at most."""
    rest = strip_dates(text)
    return rest != text and not _LETTER.search(READING_TIME.sub(" ", rest))


def _bare_name(text: str) -> bool:
    """Two to four capitalised words and nothing else ("Trond Teigen")."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


def _first_name_led(name: str) -> bool:
    """A person's name by its first word (any recorded given name: the date beside it
    already says it is a byline), holding no organisation or business word."""
    words = name.lower().split()
    return words[0] in given_names() and not any(w in COMPANY_WORDS for w in words)


def _byline_text(node: LexborNode) -> tuple[LexborNode, str, bool] | None:
    """The element holding the byline that ``node``'s own text opens, that byline as "By
    …", and whether a label alone opened it; None when the lead-in does not open a short
    text ("Solutions <b>by</b> Company Size"). A label alone ("<span>By</span> <a>…",
    "<h3>Author</h3>") takes its names from its parent's text after it, or, when that
    text goes on long or the next element is a list, from the element after it."""
    text = _lead_text(_bounded(node.text(deep=True, separator=" ")))
    if not BYLINE_LABEL.fullmatch(text):
        return _opened(node, text)
    parent = node.parent
    if parent is None:
        return None
    whole = _lead_text(parent.text(deep=True, separator=" ")[: MAX_RAW_BYLINE * 4])
    if not whole.startswith(text):
        return _opened(parent, _lead_text(_bounded(whole)))  # "Posted <span>by</span> Jo"
    after = node.next
    while after is not None and after.tag == "-text" and not (after.text_content or "").strip():
        after = after.next
    if after is not None and after.tag in _LIST_TAGS:
        items = (SPACE.sub(" ", li.text(deep=True)).strip() for li in after.css("li"))
        names = ", ".join(i for i in items if i)
        return (after, "By " + names, True) if 0 < len(names) <= MAX_VISIBLE_BYLINE else None
    if 0 < len(whole) - len(text) <= MAX_VISIBLE_BYLINE:
        return parent, "By " + whole[len(text) :].strip(" :"), True
    if after is None or after.tag in ("-text", "-comment"):
        return None  # the label opens a long text: its names stand in the next element
    name = _lead_text(_bounded(after.text(deep=True, separator=" ")))
    return (after, "By " + name, True) if 0 < len(name) <= MAX_VISIBLE_BYLINE else None


def _opened(holder: LexborNode, text: str) -> tuple[LexborNode, str, bool] | None:
    """``text`` as "By …" when a lead-in opens it and short names follow."""
    lead = VISIBLE_LEAD.match(text)
    if lead is None or lead.end() == len(text) or len(text) - lead.end() > MAX_VISIBLE_BYLINE:
        return None
    return holder, VISIBLE_LEAD.sub("By ", text, count=1), False


#: Navigation containers: "Shop by Brand", "Solutions by Company Size" are no bylines.
MENU = re.compile(r"\b(?:nav|menu|filter|dropdown|breadcrumb)", re.IGNORECASE)


def _in_menu(node: LexborNode) -> bool:
    """Inside a ``<nav>``, a ``<header>`` menu or an element classed as a menu or filter."""
    current: LexborNode | None = node
    for _ in range(8):
        if current is None:
            return False
        if current.tag in ("nav", "select", "option", "button", "label", "form"):
            return True
        marks = _marks(current)
        if MENU.search(marks):
            return True
        current = current.parent
    return False


def _bounded(text: str) -> str:
    """``text`` (spaces folded when long), or "" when it is too long to be a byline (see
    ``MAX_RAW_BYLINE``)."""
    if len(text) <= MAX_RAW_BYLINE:
        return text
    folded = " ".join(text.split())
    return folded if len(folded) <= MAX_RAW_BYLINE else ""


def _lead_text(text: str) -> str:
    """Text with spaces folded and the dates, reading times ("3 min read · By ASU
    Online") and separators before a lead-in out."""
    text = strip_dates(SPACE.sub(" ", text))
    if "min" in text:
        text = READING_TIME.sub(" ", text)
    return text.strip(" ,.|·•⋅-–—/").strip()


#: A utility class's arbitrary value ("mr-[--sidebar-container-width]"): a length, not
#: what the element is.
_ARBITRARY = re.compile(r"\[[^\]]*\]")
#: Class parts that say how an element is laid out, not what it is: a BEM modifier of
#: side or state ("m-article--sidebar-right", "sidebar-enabled--false"; not
#: "header--sub-menu-item", an element of a menu), a state or neighbour class
#: ("has-sidebar-option", "under-menu", "sidebar-enabled"). Article containers carry them
#: on Shopify and WordPress themes, and they hid the byline inside as if in a sidebar.
_LAYOUT_MARKS = re.compile(
    r"--[\w-]*?(?:left|right|true|false|enabled|disabled)(?![\w-])|"
    r"(?<![\w-])(?:has|with|no|is|under|below|above)-[\w-]*|[\w-]*-(?:enabled|disabled)(?:--[\w-]*)?(?![\w-])"
)


def _marks(node: LexborNode) -> str:
    """An element's class and id, utility classes' bracketed values and layout modifiers
    (``_LAYOUT_MARKS``) out."""
    marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    marks = _ARBITRARY.sub("", marks) if "[" in marks else marks
    return _LAYOUT_MARKS.sub("", marks) if "-" in marks else marks


def _in_skipped(node: LexborNode, labelled: bool = False) -> bool:
    """Inside a comment, related-posts or sidebar container (checks a few ancestors); a
    ``labelled`` byline only inside comments, related posts and footers (``LABELLED_SKIP``)."""
    skip, tags = (LABELLED_SKIP, ("footer",)) if labelled else (DOM_SKIP, ("footer", "aside"))
    current: LexborNode | None = node
    for _ in range(8):
        if current is None:
            return False
        marks = _marks(current)
        if skip.search(marks) or current.tag in tags:
            return True
        current = current.parent
    return False


#: Longest credit kept when a page names no person (words, characters).
MAX_CREDIT_WORDS = 6
MAX_CREDIT_CHARS = 60
#: Month names: with a number beside them a credit is a date ("Jun 2").
MONTHS = word_set(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december"
)
#: A CMS's default account names: no one's credit (WordPress "admin" on 2 dev pages with
#: no truth author).
ACCOUNT_WORDS = word_set("admin administrator webmaster root user")
#: A byline's label alone: its names are elsewhere ("Contributors" over a list of links).
CREDIT_LABELS = word_set("author authors contributor contributors writer writers byline")
#: A forum's rank badge beside a user name ("Members", "Moderator").
BADGES = word_set("member members moderator moderators")
#: Single words no credit is.
_NO_CREDIT = WEEKDAYS | ACCOUNT_WORDS | CREDIT_LABELS | PLACEHOLDERS | FACETS | BADGES
#: Template debris that is no credit ("{{author}}", "<b>").
_CREDIT_DEBRIS = re.compile(r"[{}<>=]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class AuthorCredits:
    """The raw author credits of a page, per source, before cleaning."""

    jsonld: tuple[str, ...] = ()
    jsonld_orgs: tuple[str, ...] = ()
    meta: tuple[str, ...] = ()
    item: tuple[str, ...] = ()
    dom: tuple[str, ...] = ()
    visible: tuple[str, ...] = ()


def clean_credit(value: str) -> str:
    """A byline as printed when it names no person ("By ASU Online", "Podium Staff"): the
    lead-in, dates, URLs and e-mails out; "" when nothing credit-like is left (a numeric
    id, a profile URL, template debris, a sentence)."""
    text = URL.sub(" ", EMAIL.sub(" ", value or ""))
    text = TAIL.sub("", BY_PREFIX.sub("", SPACE.sub(" ", strip_dates(text)).strip()))
    if EMPTY_LABEL.match(text):
        return ""  # "Timestamp: --": a field's label with no value
    text = LEAD_SYMBOLS.sub("", text)  # "✉ Aditya Mahindru": an icon's glyph
    words = text.strip(" .:-–—()[]\"'⋅·•»«|,").split()
    while words and words[0].lower() in LEADING_NOISE:  # "Articles by Juliette"
        words.pop(0)
    while words and words[-1].lower() in LEADING_NOISE:  # "Jun 2 Written By"
        words.pop()
    text = " ".join(words).strip(" .:-–—()[]\"'⋅·•»«|,")
    if DIGIT.search(text) and any(w.lower().strip(".,") in MONTHS for w in words):
        return ""  # a date strip_dates did not know ("Jun 2")
    if text.lower() in _NO_CREDIT:
        return ""  # "Sat" of "Sat, 20 Dec, 2025 - 06:36"; a CMS account ("Written by
        # admin"); a label with its value elsewhere ("Contributors"); "undefined"
    if not 1 <= len(words) <= MAX_CREDIT_WORDS or len(text) > MAX_CREDIT_CHARS:
        return ""
    if _CREDIT_DEBRIS.search(text) or not _LETTER.search(text):
        return ""
    return text


def credit_fallback(credits: AuthorCredits) -> tuple[str, ...]:
    """The page's first printed credit, for a page that credits no person: the JSON-LD
    author (a person entry the cleaning dropped, or an organisation), then ``<meta>``,
    microdata, a byline-like element, a visible byline. One credit, as printed ("Podium
    Staff", "Swoogo")."""
    for source in (
        (*credits.jsonld, *credits.jsonld_orgs),
        credits.meta,
        credits.item,
        credits.dom,
        credits.visible,
    ):
        for value in source:
            credit = clean_credit(value)
            if credit:
                return (credit,)
    return ()


#: The benchmark's author comparison: parts split on , ; & " and ", normalised, as a set.
_KEY_SPLIT = re.compile(r",|;|&| and ")


def author_key(names: Iterable[str]) -> frozenset[str]:
    """The comparison key of an author list (two lists with one key are one answer)."""
    return frozenset(n for p in _KEY_SPLIT.split(", ".join(names)) if (n := norm(p)))


#: Sources whose several names are one list by design (scholarly citation tags), never a
#: byline followed by related posts' authors: no candidate of their first name alone.
WHOLE_LISTS = frozenset({"citation"})


def author_candidates(
    sources: Mapping[str, tuple[str, ...]],
    credits: AuthorCredits,
    chosen: tuple[str, ...],
    exclude: Iterable[str] = (),
    page_text: str = "",
) -> list[Candidate[tuple[str, ...]]]:
    """Every author answer the page offers, with features for ``rank``.

    In: each person source's cleaned names (keyed ``jsonld``, ``meta``, ``twitter``,
    ``item``, ``byline``, ``dom``, ``visible``, …), the raw credits, the rules' answer, the
    site's names and the text the page shows (its blocks', lowercased: a declared author
    the page never prints is often a CMS account or an editor, not the byline). Out: one
    candidate per distinct answer — each source's names, the first of a source's several
    names (related-post authors, reviewers after the author), each source's first printed
    credit (an organisation, a team) — with which sources give it, how many of the page's
    own readings and of its declarations, whether the page prints it, its shape and
    whether the rules chose it.
    """
    found: dict[frozenset[str], tuple[tuple[str, ...], dict[str, float]]] = {}

    def add(names: tuple[str, ...], feature: str) -> None:
        key = author_key(names)
        if key:
            found.setdefault(key, (names, {}))[1][feature] = 1.0

    add(chosen, RULES_CHOICE)
    for source, names in sources.items():
        add(names, f"src_{source}")
        if len(names) > 1 and source not in WHOLE_LISTS:
            add(names[:1], f"first_{source}")
    for source, values in (
        ("jsonld", credits.jsonld),
        ("jsonld_org", credits.jsonld_orgs),
        ("meta", credits.meta),
        ("item", credits.item),
        ("dom", credits.dom),
        ("visible", credits.visible),
    ):
        credit = next((c for v in values if (c := clean_credit(v))), "")
        names = sources.get(source, ())
        if credit and names and author_key((credit,)) <= author_key(names):
            continue  # the credit is a name the source gives anyway: no news, and it
            # would back the first of a declared list against the whole list
        add((credit,) if credit else (), f"credit_{source}")
    sites = {norm(e) for e in exclude if e}
    return [
        Candidate(names, {**feats, **_author_shape(names, feats, sites, page_text)})
        for names, feats in found.values()
    ]


#: Sources that read the page as shown (a byline block, a byline-like element, a visible
#: "By" line) and sources the page declares for machines.
SHOWN_SOURCES = ("src_byline", "src_dom", "src_visible", "src_headline")
DECLARED_SOURCES = ("src_jsonld", "src_citation", "src_meta", "src_twitter", "src_item")


def _author_shape(
    names: tuple[str, ...], feats: Mapping[str, float], sites: set[str], page_text: str
) -> dict[str, float]:
    """Agreement and shape features of one author candidate (see ``author_candidates``)."""
    words = [w for n in names for w in n.split(",")[0].split()]
    shown = sum(k in feats for k in SHOWN_SOURCES)
    declared = sum(k in feats for k in DECLARED_SOURCES)
    printed = bool(names) and all(_printed(n, page_text) for n in names)
    return {
        "n_sources": float(sum(k.startswith("src_") for k in feats)),
        "n_shown": float(shown),
        "n_declared": float(declared),
        "printed": float(printed),
        "credit_only": float(not any(k.startswith(("src_", "first_")) for k in feats)),
        "first_only": float(not any(k.startswith("src_") for k in feats)),
        "n_credits": float(sum(k.startswith("credit_") for k in feats)),
        "n_names": float(len(names)),
        "one_name": float(len(names) == 1),
        "is_site": float(any(norm(n) in sites for n in names)),
        "person": float(all(is_person_name(n) for n in names)),
        "org_words": float(any(w.lower() in ORG_WORDS for w in words)),
        "role_words": float(any(w.lower() in ROLE_WORDS for w in words)),
        "single_word": float(len(words) == 1),
        "lower": float(any(n == n.lower() for n in names)),
        "credential": float(any("," in n for n in names)),
    }


#: Shown sources that must agree on a printed byline for it to outrank a declared author
#: the page never prints.
MIN_SHOWN_AGREEING = 2


def printed_over_declared(
    sources: Mapping[str, tuple[str, ...]], chosen: tuple[str, ...], page_text: str
) -> tuple[str, ...]:
    """The byline the page prints when the rules' answer is declared only and never printed.

    In: each source's names, the rules' answer and the page's shown text (lowercased).
    Out: the names that ``MIN_SHOWN_AGREEING`` of the page's own readings (byline block,
    byline-like element, visible "By" line) agree on and that the page prints, when no such
    reading gives ``chosen`` and ``chosen`` is printed nowhere (a CMS account such as
    "KatieS", an editor's name in ``<meta>``); else ``chosen``.
    """
    key = author_key(chosen)
    shown = [sources.get(s.removeprefix("src_"), ()) for s in SHOWN_SOURCES]
    if not key or any(author_key(n) == key for n in shown if n):
        return chosen
    if all(_printed(n, page_text) for n in chosen):
        return chosen
    for names in shown:
        agreeing = sum(author_key(n) == author_key(names) for n in shown if n)
        if names and agreeing >= MIN_SHOWN_AGREEING:
            return names if all(_printed(n, page_text) for n in names) else chosen
    return chosen


#: Sources of a person's name that can stand for a site's name answer, in trust order.
PERSON_SOURCES = (
    *("jsonld", "citation", "meta", "twitter", "item"),
    *("byline", "dom", "visible", "headline"),
)


def person_over_site(
    sources: Mapping[str, tuple[str, ...]],
    chosen: tuple[str, ...],
    exclude: Iterable[str],
    page_text: str,
) -> tuple[str, ...]:
    """A printed person's name when the rules' answer is the site's own name.

    In: each source's names, the rules' answer, the site's names and the page's shown text.
    Out: the first other source's names (``PERSON_SOURCES`` order) that the page prints and
    that hold no site name ("Five Books" in ``<meta>``, "Sylvia Bishop" in the Twitter
    card and the standfirst; "One Tree Planted" and a printed "by Meaghan Weeden"), else
    ``chosen``: a site's name stands in for an author only where the page names nobody.
    """
    sites = {norm(e) for e in exclude if e}
    if len(chosen) != 1 or norm(chosen[0]) not in sites:
        return chosen
    for source in PERSON_SOURCES:
        names = sources.get(source, ())
        no_site = not any(site in norm(n) for n in names for site in sites)
        if names and no_site and all(_printed(n, page_text) for n in names):
            return names
    return chosen


#: Sources that must give a list's first name alone for it to outrank the list.
MIN_FIRST_AGREEING = 2


def first_over_lone_list(
    sources: Mapping[str, tuple[str, ...]], chosen: tuple[str, ...]
) -> tuple[str, ...]:
    """The first name alone when only one source lists several names and two or more
    others give that first name alone: a byline block or microdata that ran on into a
    reviewer ("Brett Cruz, Gene Petrino" where the byline element and the visible "By"
    line say "Brett Cruz"), an outlet ("Meghan Neville, Stack Overflow"); else ``chosen``.
    """
    if len(chosen) < 2:
        return chosen
    whole, first = author_key(chosen), author_key(chosen[:1])
    keys = [author_key(n) for k, n in sources.items() if n and k != "owner"]
    if sum(k == whole for k in keys) == 1 and sum(k == first for k in keys) >= MIN_FIRST_AGREEING:
        return chosen[:1]
    return chosen


def _printed(name: str, page_text: str) -> bool:
    """Whether ``name`` (before any credential) stands in the page's lowercased text."""
    base = " ".join(name.split(",")[0].lower().split())
    return bool(base) and base in page_text


# --- A personal site's owner: the author when the page credits nobody ---

#: A site name that says whose it is: "Colin Watson's blog", "Jan's notes".
POSSESSIVE_SITE = re.compile(
    r"^(?P<name>.+?)['’]s\s+(?:blog|site|website|weblog|notes|homepage|journal|newsletter)$",
    re.IGNORECASE,
)
#: A copyright line's holder: "© 2025 Toby Hede. All rights reserved.", "Copyright 2019-2025
#: Jane Doe".
COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+(?:[^\W\d_]\.|[^\W\d_][\w'’-]*)){1,2})",
    re.IGNORECASE,
)
#: Where a copyright line is looked for, and how much of each element is read.
COPYRIGHT_SELECTOR = 'footer, [class*="copyright" i], [id*="copyright" i], [class*="footer" i]'
MAX_COPYRIGHT_NODES, MAX_COPYRIGHT_TEXT = 4, 2000
#: Last words that make a name a business's ("Ovolo Hotels", "Facet Wealth", "Eardopes
#: Int"): companies are often named like their domain, as personal sites are.
BUSINESS_WORDS = word_set(
    """hotels hotel servers server fitness depot wealth int bv gmbh ag sa plc pty limited
    holdings partners labs lab systems technologies tech software consulting capital
    ventures marketing design designs realty homes coffee roasters roaster lifting
    skateboards bikes electric privacy apps cloud finance financial legal law dental
    care yoga studio travel tours foods kitchen interiors security energy global desktop
    hardware baking bakery edge silver gold"""
)
#: Top-level domains of institutions, never a person's site ("Park Leadership" on park.edu).
INSTITUTION_TLDS = frozenset({"edu", "gov", "mil", "int"})
#: Words of an organisation's or a business's name, never a person's.
COMPANY_WORDS = ORG_WORDS | BUSINESS_WORDS
#: Shortest first name that, as the whole host label, ties the name to the site.
MIN_HOST_PART = 4
#: Shortest first name looked for at the start of a host label.
MIN_FIRST_NAME = 2


def site_owner(
    site_name: str,
    title: str,
    copyright_texts: Callable[[], Iterable[str]],
    url: str | None,
    home_texts: Callable[[], Iterable[str]] = tuple,
) -> tuple[str, ...]:
    """The person a personal site belongs to, when the evidence ties the name to the site:
    its name is the host ("Toby Hede" on tobyhede.com, "Brett Larkin Yoga" on
    brettlarkin.com), its first name is ("Pierce Freeman" on pierce.dev) or the site is
    named for them ("Colin Watson's blog").

    In: the site's name, the ``<title>``, readers of the footer/copyright texts and of the
    home and "About …" links (``home_link_texts``), called only when the host could hold a
    first name, and the URL. The names come from the site's name (and its first words:
    "Brett Larkin Yoga"), the ``<title>``'s parts after the headline ("… | Pierce Freeman",
    "… (Erik Demaine)"), copyright lines and those links ("About Melissa Neill"). The first
    name must be a known one: without that, "Docker Docs" on docs.docker.com and "Musikhaus
    Thomann" on thomann.de tie to their hosts as well as a person's name does. Out: one
    name, or ()."""
    possessive = POSSESSIVE_SITE.match(site_name.strip())
    if possessive and _owner_name(possessive["name"]):
        return (possessive["name"].strip(),)
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    if not host or host.rsplit(".", 1)[-1] in INSTITUTION_TLDS:
        return ()
    label = host.split(".")[0].replace("-", "")
    known = any(label[:i] in first_names() for i in range(MIN_FIRST_NAME, len(label) + 1))
    if not known and label not in given_names():
        return ()  # the host carries no first name: no owner can be tied to it
    names = [site_name, *_leading_names(site_name, label), *_title_tails(title)]
    for text in copyright_texts():
        names.extend(m["name"] for m in COPYRIGHT_HOLDER.finditer(text))
    names.extend(home_texts())
    for name in names:
        name = name.strip(" .,")
        if _owner_name(name, label) and _in_host(name, host):
            return (name,)
    return ()


def _leading_names(site_name: str, label: str) -> list[str]:
    """The first words of a site's name that are the host ("Brett Larkin" of "Brett Larkin
    Yoga" on brettlarkin.com): a person's name with what the site is about after it."""
    words = site_name.split()
    return [
        " ".join(words[:n])
        for n in range(2, min(len(words), 4))
        if norm("".join(words[:n])).replace(" ", "") == label
    ]


#: Links to a site's home page or its "About" page: a personal site's logo is its owner's
#: name ("<a href="/">Pierce Freeman</a>"), its menu says "About Melissa Neill".
HOME_LINKS = 'a[href="/"], a[href*="/about"]'
MAX_HOME_LINKS = 12
#: Longest home or About link text read (characters): a name, not a menu.
MAX_HOME_TEXT = 40
#: "About Melissa Neill", "About me": the lead-in of an About link.
_ABOUT = re.compile(r"^\s*about\s+", re.IGNORECASE)


def home_link_texts(tree: LexborHTMLParser, url: str | None) -> list[str]:
    """The short texts of the page's links to its home page (by path or by full URL) and
    to its About page, "About" taken off ("About Melissa Neill" → "Melissa Neill")."""
    host = (urlsplit(url or "").netloc or "").lower()
    selector = HOME_LINKS
    if host:
        selector += f', a[href="https://{host}/"], a[href="http://{host}/"]'
    out: list[str] = []
    for node in tree.css(selector)[:MAX_HOME_LINKS]:
        text = SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()
        if text and len(text) <= MAX_HOME_TEXT:
            out.append(_ABOUT.sub("", text))
    return out


def _title_tails(title: str) -> list[str]:
    """The parts of a ``<title>`` after its first ("Post | Name", "Post (Name)")."""
    parts = re.split(r"\s+[|\-–—:·•]\s+|\s*\|\s*", title.strip())
    paren = re.search(r"\(([^()]+)\)\s*$", title)
    return parts[1:] + ([paren.group(1)] if paren else [])


def _owner_name(name: str, label: str = "") -> bool:
    """Two or three capitalised words that are a person's name and no organisation's: the
    first a common first name (companies are named like their domains too: "Ovolo
    Hotels"), or any recorded given name when it is the host's whole first label
    ("Pierce Freeman" on pierce.dev, "Owain Brennan" on owain.bearblog.dev; "Green Roads"
    on greenroads.com is no one's)."""
    words = name.split()
    first = words[0].lower() if words else ""
    return (
        2 <= len(words) <= 3
        and (first in first_names() or (first == label and first in given_names()))
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower().strip(".") in COMPANY_WORDS for w in words)
        and is_person_name(name)
    )


def _in_host(name: str, host: str) -> bool:
    """The host's first label is the whole name squashed ("tobyhede.com") or its first
    name ("pierce.dev", "owain.bearblog.dev")."""
    label = host.split(".")[0].replace("-", "")
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
    return label == "".join(words) or (len(words[0]) >= MIN_HOST_PART and label == words[0])


def copyright_texts(tree: LexborHTMLParser) -> list[str]:
    """The texts of the page's footer and copyright elements (a few, each bounded)."""
    return [
        node.text(deep=True, separator=" ")[-MAX_COPYRIGHT_TEXT:]
        for node in tree.css(COPYRIGHT_SELECTOR)[:MAX_COPYRIGHT_NODES]
    ]
