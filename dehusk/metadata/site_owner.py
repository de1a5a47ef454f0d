"""A personal site's owner: the author when the page credits nobody.

In: the site's name, the ``<title>``, the URL and (read only when needed) the page's
copyright and home-link texts. Out: the owner's name, or () — taken only when the evidence
ties the name to the site (``site_owner``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from itertools import islice

from dehusk.evidence import Element, Evidence
from dehusk.metadata.authors import (
    ORG_WORDS,
    first_names,
    given_names,
    is_person_name,
    norm,
    word_set,
)
from dehusk.urls import host as url_host
from dehusk.urls import split

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
    host = url_host(url).removeprefix("www.")
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


def home_link_texts(page: Evidence, url: str | None) -> list[str]:
    """The short texts of the page's links to its home page (by path or by full URL) and
    to its About page, "About" taken off ("About Melissa Neill" → "Melissa Neill")."""
    parts = split(url)
    host = (parts.netloc if parts else "").lower()
    roots = (f"https://{host}/", f"http://{host}/") if host else ()
    matched = (
        node
        for node in page.elements
        if node.tag == "a"
        for _ in range(_home_matches(node.get("href"), node.attrs, roots))
    )
    out: list[str] = []
    for node in islice(matched, MAX_HOME_LINKS):
        text = node.spaced
        if text and len(text) <= MAX_HOME_TEXT:
            out.append(_ABOUT.sub("", text))
    return out


def _home_matches(href: str, attrs: Mapping[str, str], roots: tuple[str, ...]) -> int:
    """How many selectors of ``HOME_LINKS`` (and the host's root URLs ``roots``) a link's
    href matches (a css query returns an element once per selector it matches)."""
    if "href" not in attrs:
        return 0
    return (href == "/") + ("/about" in href) + sum(href == root for root in roots)


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


def copyright_texts(page: Evidence) -> list[str]:
    """The texts of the page's footer and copyright elements (a few, each bounded: the
    native pass keeps the end of the first ``MAX_COPYRIGHT_NODES``' texts)."""
    matched = (n for n in page.elements for _ in range(_copyright_matches(n)))
    return [n.tail or "" for n in islice(matched, MAX_COPYRIGHT_NODES)]


def _copyright_matches(node: Element) -> int:
    """How many selectors of ``COPYRIGHT_SELECTOR`` match ``node``."""
    low = node.get("class").lower()
    return (
        (node.tag == "footer")
        + ("copyright" in low)
        + ("copyright" in node.get("id").lower())
        + ("footer" in low)
    )
