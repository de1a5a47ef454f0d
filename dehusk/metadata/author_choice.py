"""Author choice: the printed credit when no person is named, the overrides of the order
of trust, and the candidates the learned chooser weighs.

In: each author source's names (cleaned), the raw credits per source, the rules' answer,
the names to exclude and the page's shown text. Out: the page's first printed credit when it
names no person (``credit_fallback``), the rules' answer after each override
(``first_over_lone_list``, ``printed_over_declared``, ``person_over_site``) and one author
candidate per distinct answer with its features (``author_candidates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from dehusk.metadata.authors import (
    BY_PREFIX,
    DIGIT,
    EMAIL,
    EMPTY_LABEL,
    FACETS,
    LEAD_SYMBOLS,
    LEADING_NOISE,
    LETTER,
    NETWORKS,
    ORG_WORDS,
    PLACEHOLDERS,
    POSSESSIVES,
    ROLE_WORDS,
    STAND_INS,
    TAIL,
    UI_WORDS,
    URL,
    WEEKDAYS,
    is_person_name,
    norm,
    strip_dates,
    word_set,
)
from dehusk.metadata.rank import RULES_CHOICE, Candidate

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
_NO_CREDIT = (
    WEEKDAYS | ACCOUNT_WORDS | CREDIT_LABELS | PLACEHOLDERS | FACETS | BADGES | UI_WORDS | STAND_INS
)
#: Template debris that is no credit ("{{author}}", "<b>", a shortcode's "NR] admin").
_CREDIT_DEBRIS = re.compile(r"[{}<>=\[\]]")


@dataclass(frozen=True)
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
    text = TAIL.sub("", BY_PREFIX.sub("", " ".join(strip_dates(text).split())))
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
    if all((b := w.strip("()[].:,#")).lower() in UI_WORDS or b.isdigit() for w in words):
        return ""  # "Comments (0)", "View Comments": a control, not a credit
    if text.lower() in _NO_CREDIT:
        return ""  # "Sat" of "Sat, 20 Dec, 2025 - 06:36"; a CMS account ("Written by
        # admin"); a label with its value elsewhere ("Contributors"); "undefined"
    if not 1 <= len(words) <= MAX_CREDIT_WORDS or len(text) > MAX_CREDIT_CHARS:
        return ""
    if _CREDIT_DEBRIS.search(text) or not LETTER.search(text):
        return ""
    if any(w.lower() in POSSESSIVES for w in words) or (
        "+" in text and all(w.strip("+").lower() in NETWORKS for w in words if w.strip("+"))
    ):
        return ""  # "View my complete profile", "Google +": a profile link's text
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


#: The author sources' names, a vocabulary mypy checks against the order tables
#: (``authorship.AUTHORS``) and the tables here.
AuthorSource = Literal[
    "jsonld", "citation", "meta", "twitter", "item", "byline", "dom", "visible", "headline", "owner"
]
Names = tuple[str, ...]
Found = Mapping[AuthorSource, Names]

#: Sources whose several names are one list by design (scholarly citation tags), never a
#: byline followed by related posts' authors: no candidate of their first name alone.
WHOLE_LISTS: frozenset[AuthorSource] = frozenset({"citation"})


#: Each distinct answer (its ``author_key``) with its names and the features seen so far.
_Found = dict[frozenset[str], tuple[tuple[str, ...], dict[str, float]]]


def _add(found: _Found, names: tuple[str, ...], feature: str) -> None:
    """Record that ``feature`` backs the answer ``names`` (nothing for an empty answer).

    A module function, not a closure over ``found``: compiled by mypyc, a closure and its
    environment refer to each other, a cycle only the collector frees, and ``extract()``
    runs with the collector paused (``dehusk.collector``)."""
    key = author_key(names)
    if key:
        found.setdefault(key, (names, {}))[1][feature] = 1.0


def _first_credit(values: tuple[str, ...]) -> str:
    """The first of ``values`` that ``clean_credit`` keeps, or ``""``."""
    for value in values:
        if credit := clean_credit(value):
            return credit
    return ""


def author_candidates(
    sources: Found,
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
    found: _Found = {}
    _add(found, chosen, RULES_CHOICE)
    for source, names in sources.items():
        _add(found, names, f"src_{source}")
        if len(names) > 1 and source not in WHOLE_LISTS:
            _add(found, names[:1], f"first_{source}")
    credit_sources: tuple[tuple[str, AuthorSource | None, tuple[str, ...]], ...] = (
        ("jsonld", "jsonld", credits.jsonld),
        ("jsonld_org", None, credits.jsonld_orgs),
        ("meta", "meta", credits.meta),
        ("item", "item", credits.item),
        ("dom", "dom", credits.dom),
        ("visible", "visible", credits.visible),
    )
    for feature, key, values in credit_sources:
        credit = _first_credit(values)
        names = sources.get(key, ()) if key else ()
        if credit and names and author_key((credit,)) <= author_key(names):
            continue  # the credit is a name the source gives anyway: no news, and it
            # would back the first of a declared list against the whole list
        _add(found, (credit,) if credit else (), f"credit_{feature}")
    sites = {norm(e) for e in exclude if e}
    return [
        Candidate(names, {**feats, **_author_shape(names, feats, sites, page_text)})
        for names, feats in found.values()
    ]


#: Sources that read the page as shown (a byline block, a byline-like element, a visible
#: "By" line) and sources the page declares for machines.
SHOWN: tuple[AuthorSource, ...] = ("byline", "dom", "visible", "headline")
SHOWN_SOURCES = tuple(f"src_{s}" for s in SHOWN)
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
    sources: Found, chosen: tuple[str, ...], page_text: str
) -> tuple[str, ...]:
    """The byline the page prints when the rules' answer is declared only and never printed.

    In: each source's names, the rules' answer and the page's shown text (lowercased).
    Out: the names that ``MIN_SHOWN_AGREEING`` of the page's own readings (byline block,
    byline-like element, visible "By" line) agree on and that the page prints, when no such
    reading gives ``chosen`` and ``chosen`` is printed nowhere (a CMS account such as
    "KatieS", an editor's name in ``<meta>``); else ``chosen``.
    """
    key = author_key(chosen)
    shown = [sources.get(s, ()) for s in SHOWN]
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
PERSON_SOURCES: tuple[AuthorSource, ...] = (
    *("jsonld", "citation", "meta", "twitter", "item"),
    *("byline", "dom", "visible", "headline"),
)


def person_over_site(
    sources: Found,
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


def first_over_lone_list(sources: Found, chosen: tuple[str, ...]) -> tuple[str, ...]:
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
