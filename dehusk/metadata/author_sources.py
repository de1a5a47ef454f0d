"""Author sources: where a page prints its author beyond its structured data.

In: the page's evidence (``dehusk.evidence``: the Twitter card, byline-like elements,
visible "By …" lines and "Author" labels) or the blocks' texts, and the names to exclude.
Out: raw or cleaned names per recogniser (``twitter_card_authors``, ``dom_bylines``/``dom_authors``,
``visible_byline``, ``headline_byline``). Names are cleaned by ``authors``; the choice
among them is ``author_choice``'s, a personal site's owner ``site_owner``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from dehusk.evidence import BylineText, Element, Evidence, has_token, tokens
from dehusk.metadata.author_choice import clean_credit
from dehusk.metadata.authors import (
    BYLINE_START,
    LETTER,
    SPACE,
    clean_authors,
    given_names,
    mostly_names,
    name_with_date,
    norm,
    strip_dates,
)
from dehusk.metadata.meta import MetaTags
from dehusk.metadata.site_owner import COMPANY_WORDS

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
#: naming an author. Each group is a selector list as lexbor's css query read it: an element
#: counts once per selector of its group it matches (``dom_byline_matches``).
DOM_BYLINE_SELECTORS: tuple[str, ...] = (
    '[class*="byline" i]',
    '[rel~="author"], a[href*="/author/"], a[href*="/authors/"], a[href*="/contributor/"], '
    'a[href*="/contributors/"], .author.vcard, .fn',
    '[class*="author-name" i], [class*="authorname" i], [class*="author" i]',
)
#: The href parts of an author link (``a[href*=…]``, case as written).
AUTHOR_HREFS = ("/author/", "/authors/", "/contributor/", "/contributors/")
#: Elements of each selector group read, at most (duplicates counted, as the query's were).
MAX_DOM_BYLINES = 20
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


def dom_authors(texts: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Names from the first byline-like element (see ``DOM_BYLINE_SELECTORS``); ``texts``:
    the page's ``dom_bylines``."""
    for text in texts:
        names = clean_authors([text], exclude)
        if names and (BYLINE_START.match(text) or mostly_names(text, names)):
            return names
    return ()


def dom_bylines(page: Evidence) -> Iterator[str]:
    """The texts of the byline-like elements of the page, best selector first, each short
    and outside comments, related posts and sidebars (see ``DOM_BYLINE_SELECTORS``)."""
    candidates = [e for e in page.elements if e.up is not None]
    for group in range(len(DOM_BYLINE_SELECTORS)):
        matched = [e for e in candidates for _ in range(dom_byline_matches(e, group, page.quirks))]
        for node in matched[:MAX_DOM_BYLINES]:
            text = node.spaced
            if text and len(text) <= MAX_DOM_BYLINE and not _chain_skipped(_chain(node)):
                yield text


def dom_byline_matches(node: Element, group: int, quirks: bool) -> int:
    """How many selectors of ``DOM_BYLINE_SELECTORS[group]`` match ``node``; ``quirks``: the
    page is in quirks mode, where class selectors ignore ASCII case."""
    low = node.get("class").lower()
    if group == 0:
        return "byline" in low
    if group == 2:
        return ("author-name" in low) + ("authorname" in low) + ("author" in low)
    href = node.get("href") if node.tag == "a" else ""
    classes = tokens(low if quirks else node.get("class"))
    return (
        has_token(node.get("rel"), "author")
        + sum(part in href for part in AUTHOR_HREFS)
        + ("author" in classes and "vcard" in classes)
        + ("fn" in classes)
    )


def _chain(node: Element) -> Iterator[tuple[str, str, str]]:
    """(tag, class, id) of a byline candidate and of its ancestors, nearest first."""
    yield node.tag, node.get("class"), node.get("id")
    yield from node.up or ()


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


def visible_byline(page: Evidence, exclude: Iterable[str] = ()) -> VisibleByline:
    """Names from the first short element that prints a byline ("By Amy Wilhelm",
    "Contributors: Janet Loughrey", "Mar 24, 2025 By Jerry Chu", a label "Author" with
    the name after it) whatever its markup — for pages whose byline has no author class,
    no link to an author page and no block of its own — and the first such byline's
    credit when it names no person. Outside comments, related posts, sidebars, footers
    and menus. The elements are the native pass's (``Evidence.byline_texts``: those of the
    body's first ``MAX_VISIBLE_NODES`` nodes whose own text has "by", "author" or ":")."""
    credit = ""
    for node in page.byline_texts:
        raw = node.own
        low = raw.lower() if raw else ""
        if not low or ("by" not in low and ":" not in low and "author" not in low):
            continue  # substring tests first: the hint's regex is slower on long text
        if not (raw := _bounded(raw)) or not (_LEAD_HINT.search(raw) or "author" in low):
            continue  # no lead-in possible; cheaper than cleaning every node's text
        own = _lead_text(raw)
        if not own or not (VISIBLE_LEAD.match(own) or BYLINE_LABEL.fullmatch(own)):
            continue
        found = _byline_text(node)
        if found is None or _chain_skipped(found[0], found[2]) or _in_menu(found[0]):
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
    starts = _headline_copies(texts, key)
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


def _headline_copies(texts: Sequence[str], key: str) -> list[int]:
    """The indices of the first ``MAX_HEADLINES`` texts that normalise (``authors.norm``) to
    ``key``, a normalised headline. A text that does holds the key's first and last words
    (each a run of its lowercased letters and digits): the few that hold both are
    normalised, not every block of the page."""
    if not key:
        return []
    words = key.split()
    first, last = words[0], words[-1]
    longest = 4 * len(key) + 40  # a block that long cannot fold to the headline: not read
    found = []
    for i, text in enumerate(texts):
        if len(text) > longest or first not in (low := text.lower()) or last not in low:
            continue
        if norm(text) == key:
            found.append(i)
            if len(found) == MAX_HEADLINES:
                break
    return found


def _dated_neighbour(texts: Sequence[str], index: int) -> bool:
    """Whether the block before or after ``texts[index]`` is a date and nothing else."""
    return any(0 <= i < len(texts) and _date_only(texts[i]) for i in (index - 1, index + 1))


def _date_only(text: str) -> bool:
    """ "2025-12-17 ·", "23.07.2025 · 6 min read": a date with punctuation around it, a
    reading time at most."""
    rest = strip_dates(text)
    return rest != text and not LETTER.search(READING_TIME.sub(" ", rest))


def _bare_name(text: str) -> bool:
    """Two to four capitalised words and nothing else ("Trond Teigen")."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


def _first_name_led(name: str) -> bool:
    """A person's name by its first word (any recorded given name: the date beside it
    already says it is a byline), holding no organisation or business word."""
    words = name.lower().split()
    return words[0] in given_names() and not any(w in COMPANY_WORDS for w in words)


#: (tag, class, id) of an element and of the elements above it, nearest first.
Chain = Sequence[tuple[str, str, str]]


def _byline_text(node: BylineText) -> tuple[Chain, str, bool] | None:
    """The element holding the byline that ``node``'s own text opens (as its chain), that
    byline as "By …", and whether a label alone opened it; None when the lead-in does not
    open a short text ("Solutions <b>by</b> Company Size"). A label alone ("<span>By</span>
    <a>…", "<h3>Author</h3>") takes its names from its parent's text after it, or, when
    that text goes on long or the next element is a list, from the element after it."""
    text = _lead_text(node.text)
    if not BYLINE_LABEL.fullmatch(text):
        return _opened(node.up, text)
    if node.parent is None:
        return None
    parent = node.up[1:]
    whole = _lead_text(node.parent)
    if not whole.startswith(text):
        return _opened(parent, _lead_text(_bounded(whole)))  # "Posted <span>by</span> Jo"
    after = node.after
    if after is not None and len(after) == 5 and after[0] in _LIST_TAGS:
        holder = ((after[0], after[1], after[2]), *parent)
        names = ", ".join(i for i in (" ".join(li.split()) for li in after[4] or ()) if i)
        return (holder, "By " + names, True) if 0 < len(names) <= MAX_VISIBLE_BYLINE else None
    if 0 < len(whole) - len(text) <= MAX_VISIBLE_BYLINE:
        return parent, "By " + whole[len(text) :].strip(" :"), True
    if after is None or len(after) != 5:
        return None  # the label opens a long text: its names stand in the next element
    name = _lead_text(after[3])
    holder = ((after[0], after[1], after[2]), *parent)
    return (holder, "By " + name, True) if 0 < len(name) <= MAX_VISIBLE_BYLINE else None


def _opened(holder: Chain, text: str) -> tuple[Chain, str, bool] | None:
    """``text`` as "By …" when a lead-in opens it and short names follow."""
    lead = VISIBLE_LEAD.match(text)
    if lead is None or lead.end() == len(text) or len(text) - lead.end() > MAX_VISIBLE_BYLINE:
        return None
    return holder, VISIBLE_LEAD.sub("By ", text, count=1), False


#: Navigation containers: "Shop by Brand", "Solutions by Company Size" are no bylines.
MENU = re.compile(r"\b(?:nav|menu|filter|dropdown|breadcrumb)", re.IGNORECASE)


def _in_menu(chain: Chain) -> bool:
    """Inside a ``<nav>``, a ``<header>`` menu or an element classed as a menu or filter
    (the first ``SKIP_REACH`` of ``chain``, the element first)."""
    for tag, classes, ident in islice(chain, SKIP_REACH):
        if tag in ("nav", "select", "option", "button", "label", "form"):
            return True
        if (classes or ident) and _marked(classes, ident, MENU):
            return True
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


def _marks(classes: str, ident: str) -> str:
    """An element's class and id, utility classes' bracketed values and layout modifiers
    (``_LAYOUT_MARKS``) out."""
    marks = f"{classes} {ident}"
    marks = _ARBITRARY.sub("", marks) if "[" in marks else marks
    return _LAYOUT_MARKS.sub("", marks) if "-" in marks else marks


#: Elements looked at for a skipped container: the element and its nearest ancestors.
SKIP_REACH = 8


def _chain_skipped(chain: Iterable[tuple[str, str, str]], labelled: bool = False) -> bool:
    """Whether one of the first ``SKIP_REACH`` of ``chain`` ((tag, class, id), the element
    first) is a comment, related-posts or sidebar container; for a ``labelled`` byline only
    a comment, related-posts or footer one (``LABELLED_SKIP``)."""
    skip, tags = (LABELLED_SKIP, ("footer",)) if labelled else (DOM_SKIP, ("footer", "aside"))
    for tag, classes, ident in islice(chain, SKIP_REACH):
        if tag in tags or ((classes or ident) and _marked(classes, ident, skip)):
            return True
    return False


@lru_cache(maxsize=4096)
def _marked(classes: str, ident: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` finds a mark in an element's class and id (``_marks``). Cached:
    a page's byline candidates share their ancestors, and its containers repeat one class."""
    return pattern.search(_marks(classes, ident)) is not None
