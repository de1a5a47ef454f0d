"""The headline: the article's own title, without the site's name around it.

In: the headline candidates of every source (JSON-LD ``headline``, og:title, twitter:title,
the ``<h1>``, ``<title>``, …) and the names the site goes by (og:site_name, the publisher,
the host name). Out: one headline string ("" when the page has none).

Rules, in order: (1) every candidate loses a site-name prefix/suffix ("Headline | Site",
"Site - Headline"); (2) the ``<h1>`` wins when another source agrees with it (equal, or
the h1 is contained in it — the usual "Headline | Site" ``<title>``): the visible headline
is the one readers and annotators see; (3) otherwise the first non-empty candidate in
``TITLE_ORDER``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

import numpy as np

from dehusk.metadata.authors import norm
from dehusk.metadata.dates import patterns_for as date_patterns
from dehusk.metadata.rank import RULES_CHOICE, Candidate
from dehusk.urls import host as url_host
from dehusk.urls import path as url_path

#: Order of trust for the headline when the h1 finds no agreement. Measured on the dev set
#: (tests/metadata/measure_dev.py); see docs/metadata.md.
TitleSource = Literal["jsonld", "og", "twitter", "item", "parsely", "sailthru", "dc", "h1", "title"]
TITLE_ORDER: tuple[TitleSource, ...] = (
    "jsonld",
    "og",
    "twitter",
    "item",
    "parsely",
    "sailthru",
    "dc",
    "h1",
    "title",
)
#: What separates a headline from a site name in ``<title>`` and og:title. (The lookahead
#: changes no match, as every one starts with a space or "|": it lets the engine pass over
#: a position with one test instead of trying the three alternatives, twice as fast.)
SEPARATORS = re.compile(r"(?=[\s|])(?:\s+(?:[|\-–—:·•»~/]|::)\s+|\s*\|\s*|\s+[-–—]\s*$)")
#: Host labels that are not a site's name.
HOST_NOISE = frozenset({"www", "m", "amp", "blog", "news", "com", "org", "net", "co", "uk", "de"})
#: Least word overlap (Jaccard) for a visible heading to count as the declared title.
MIN_AGREEMENT = 0.3
#: A " | " segment after the headline is never part of it (dev set: "| Opinion",
#: "| District", "| Top 19 Companies"); a short " - " tail is a qualifier too.
PIPE_CUT = False
DASH_CUT = False
MIN_HEAD_WORDS = 3
_DASH_TAIL = re.compile(r"\s[-–—]\s+(?:\S+\s*){1,3}$")
#: Longest h1 accepted as a headline (characters); longer ones are a lead paragraph.
MAX_H1 = 300


def site_names(names: Iterable[str], url: str | None) -> tuple[str, ...]:
    """The normalised names the site goes by, plus its host name with and without dots."""
    out = [norm(n) for n in names if n and norm(n)]
    host = url_host(url)
    labels = [label for label in host.split(".") if label and label not in HOST_NOISE]
    if labels:
        out.extend({labels[0], " ".join(labels), host.removeprefix("www.")})
    if len(labels) > 1:  # a subdomain's site: "promotions.newegg.com" is "Newegg.com"
        out.extend((labels[-1], ".".join(host.split(".")[-2:])))
    return tuple(dict.fromkeys(n for n in out if n))


@lru_cache(maxsize=1024)
def is_site(segment: str, sites: tuple[str, ...]) -> bool:
    """A title segment that names the site ("BBC News", "bbc.com", "The Verge"). Cached:
    each part of each declared title is asked again for every candidate."""
    seg = norm(segment)
    squashed = seg.replace(" ", "")
    return bool(seg) and any(
        seg == s
        or squashed == s.replace(" ", "")
        or (len(s) > 3 and (s in seg or seg in s) and len(seg) <= len(s) + 12)
        for s in sites
    )


@lru_cache(maxsize=1024)
def separated(text: str) -> tuple[str, ...]:
    """``SEPARATORS.split(text)``. Cached: a page's declared titles are split by
    ``strip_site`` for the rules and again for the candidates, then for their parts and
    their shape (``_shape``), the same few strings five times or more."""
    return tuple(SEPARATORS.split(text))


def strip_site(title: str, sites: tuple[str, ...]) -> str:
    """``title`` without a leading or trailing segment that names the site."""
    split = separated(title.strip())
    parts = [p for p in split if p.strip()]
    while len(parts) > 1 and is_site(parts[-1], sites):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0], sites):
        parts.pop(0)
    if len(parts) == len(split):
        return title.strip()
    return _rejoin(title, parts)


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of ``title`` from the first kept part to the last (keeps inner separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def tokens(text: str) -> frozenset[str]:
    return frozenset(norm(text).split())


def agreement(heading: str, declared: Iterable[str]) -> float:
    """How well a heading matches the declared titles: 1.0 when one contains it whole,
    else the best Jaccard overlap of their word sets."""
    return _agreement(heading, _targets(declared))


def _targets(declared: Iterable[str]) -> list[tuple[str, frozenset[str]]]:
    """The declared titles as ``_overlap`` compares with them: " padded norm ", word set."""
    return [(f" {norm(t)} ", tokens(t)) for t in declared]


def _agreement(heading: str, targets: list[tuple[str, frozenset[str]]]) -> float:
    """``agreement`` on the declared titles made ``_targets`` once."""
    key = norm(heading)
    if not key:
        return 0.0
    return _overlap(key, frozenset(key.split()), targets)


def choose_title(
    candidates: Mapping[TitleSource, str], headings: Sequence[str], sites: tuple[str, ...]
) -> str:
    """The headline from declared candidates keyed by source name and the page's visible
    headings (h1s first, then h2s), see the module docstring."""
    cleaned = {k: strip_site(v, sites) for k, v in candidates.items() if v and v.strip()}
    declared = [v for k, v in candidates.items() if v and k != "title"] + [cleaned.get("title", "")]
    best, best_score = "", MIN_AGREEMENT
    targets = _targets(d for d in declared if d)
    for heading in map(clean_heading, headings):
        if not heading or len(heading) > MAX_H1 or is_site(heading, sites):
            continue
        score = _agreement(heading, targets)
        if score > best_score:
            best, best_score = heading, score
    chosen = strip_site(best, sites) if best else ""
    chosen = chosen or next((cleaned[k] for k in TITLE_ORDER if cleaned.get(k)), "")
    return drop_qualifier(chosen)


#: A label printed before the headline in its heading ("Blog: Best agencies of 2025",
#: arXiv's "Title:…"): the words name the kind of page.
_LABEL = re.compile(r"^(?:blog|title|article|post)\s*:\s*(?=\S)", re.IGNORECASE)


def clean_heading(heading: str) -> str:
    """A visible heading as a headline: without a glued date (``strip_edge_date``) or a
    leading label (``_LABEL``)."""
    return _LABEL.sub("", strip_edge_date(heading))


def strip_edge_date(heading: str) -> str:
    """A heading without a date glued to its start or end ("Dec 18 2025 Preparing a
    transition" → "Preparing a transition"): blog themes print the date in the h1."""
    for pattern in date_patterns(heading):
        match = pattern.match(heading)
        if match and match.end() < len(heading):
            return heading[match.end() :].strip(" |·•-–—:/")
    return heading


def drop_qualifier(title: str) -> str:
    """The headline without trailing " | " segments the site-name rule did not know:
    "Headline | Opinion", "Headline | Top 19 Companies". (A short " - " tail was tried
    too: it helped one half of the dev set and hurt the other, so it is not done.)"""
    head, sep, _ = title.partition(" | ")
    return head.strip() if sep and len(head.split()) >= MIN_HEAD_WORDS else title


#: Declared sources by how they are weighed as candidates (the rarer ones pooled).
SOURCE_GROUP: Mapping[str, str] = {
    "jsonld": "jsonld",
    "og": "og",
    "twitter": "meta",
    "item": "meta",
    "parsely": "meta",
    "sailthru": "meta",
    "dc": "meta",
    "title": "title",
}
#: Longest candidate kept (characters): longer text is a description, not a headline.
MAX_CANDIDATE = 400


#: Each distinct normalised headline with its text and the features seen so far.
_Found = dict[str, tuple[str, dict[str, float]]]


def _add(found: _Found, text: str, feature: str) -> None:
    """Record that ``feature`` backs the headline ``text`` (not an empty or overlong one).
    A module function, not a closure over ``found``: compiled by mypyc, a closure and its
    environment can refer to each other, a cycle that only the collector frees."""
    key = norm(text)
    if not key or len(text) > MAX_CANDIDATE:
        return
    found.setdefault(key, (text.strip(), {}))[1][feature] = 1.0


def ranked_candidates(
    declared: Mapping[TitleSource, str],
    headings: Sequence[tuple[str, str]],
    sites: tuple[str, ...],
    chosen: str,
    url: str | None = None,
) -> list[Candidate[str]]:
    """Every headline the page offers, with features for ``rank``.

    In: the declared titles keyed by source, the visible headings as ``(kind, text)``
    (kinds ``block``, ``h1``, ``h2``), the site's names and the rules' choice. Out: one
    candidate per distinct normalised text — each declared title whole, without the site's
    name, each of its separator parts, each heading — with where it came from, how many
    sources agree on it, its shape and whether the rules chose it.
    """
    found: _Found = {}
    _add(found, chosen, RULES_CHOICE)
    for kind, text in headings:
        _add(found, clean_heading(text), f"heading_{kind}")
    stripped_of = {source: strip_site(text, sites) for source, text in declared.items() if text}
    for source, text in declared.items():
        if not text or not text.strip():
            continue
        group = SOURCE_GROUP.get(source, "meta")
        stripped = stripped_of[source]
        _add(found, text, f"{group}_whole")
        _add(found, stripped, f"{group}_stripped")
        _add(found, drop_qualifier(stripped), f"{group}_unqualified")
        parts = [p for p in separated(text.strip()) if p.strip()]
        for i, part in enumerate(parts if len(parts) > 1 else ()):
            _add(found, part, f"{group}_part_first" if i == 0 else f"{group}_part_later")
    values = [v for v in declared.values() if v]
    context = _Context(
        equal=[(norm(v), norm(stripped_of[k])) for k, v in declared.items() if v],
        declared=[(f" {norm(v)} ", tokens(v)) for v in values],
        headings=[(f" {norm(t)} ", tokens(t)) for _, t in headings[:4]],
        sites=sites,
        slug=_slug_words(url),
    )
    return [
        Candidate(text, {**feats, **_shape(text, key, context)})
        for key, (text, feats) in found.items()
    ]


class _Context(NamedTuple):
    """What every candidate of a page is compared with, normalised once."""

    equal: list[tuple[str, str]]  # each declared title: whole and without the site's name
    declared: list[tuple[str, frozenset[str]]]  # " padded norm ", word set
    headings: list[tuple[str, frozenset[str]]]
    sites: tuple[str, ...]
    slug: frozenset[str]  # the words of the URL's last path segment


def _slug_words(url: str | None) -> frozenset[str]:
    """The words of the URL's last non-empty path segment ("/blog/best-crm-software/" →
    {best, crm, software}): a CMS derives it from a title the page had."""
    segments = [p for p in url_path(url).split("/") if p]
    return frozenset(norm(segments[-1].rsplit(".", 1)[0]).split()) if segments else frozenset()


def _overlap(key: str, words: frozenset[str], targets: list[tuple[str, frozenset[str]]]) -> float:
    """``agreement`` on pre-normalised targets: 1.0 when one contains the key whole, else
    the best Jaccard overlap of word sets."""
    padded, best = f" {key} ", 0.0
    for target, target_words in targets:
        if padded in target:
            return 1.0
        if words and target_words:
            shared = len(words & target_words)  # (the union's size from it: no set built)
            score = shared / (len(words) + len(target_words) - shared)
            best = score if score > best else best
    return best


def _shape(text: str, key: str, context: _Context) -> dict[str, float]:
    """Agreement and shape features of one candidate (see ``ranked_candidates``)."""
    split = key.split()
    padded, words = f" {key} ", frozenset(split)
    parts = separated(text)  # more than one exactly when a separator is found
    return {
        "n_equal": float(sum(key in pair for pair in context.equal)),
        "n_contain": float(sum(padded in target for target, _ in context.declared)),
        "heading_agree": _overlap(key, words, context.headings),
        "declared_agree": _overlap(key, words, context.declared),
        "log_words": _log1p(len(split)),
        "short": float(len(split) < 3),
        "long": float(len(text) > 120),
        "has_separator": float(len(parts) > 1),
        "names_site": float(any(is_site(p, context.sites) for p in parts)),
        "is_site": float(is_site(text, context.sites)),
        "shouting": float(_shouting(text)),
        "question": float(text.rstrip().endswith("?")),
        "garbled": float("\ufffd" in text or ("?" in text and bool(_LOST_CHAR.search(text)))),
        "has_year": float(bool(_YEAR.search(text))),
        "slug_share": len(words & context.slug) / len(words) if words and context.slug else 0.0,
        "slug_cover": len(words & context.slug) / len(context.slug) if context.slug else 0.0,
    }


def _shouting(text: str) -> bool:
    """Whether over 70% of the letters of ``text`` are capitals. An ASCII text's letters and
    capitals are counted by deleting them from its bytes (what ``str.isalpha`` and
    ``str.isupper`` say of an ASCII character), not by a Python call per character."""
    if text.isascii():
        raw = text.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        return upper > 0.7 * letters
    letters_text = "".join(filter(str.isalpha, text))
    return sum(map(str.isupper, letters_text)) > 0.7 * len(letters_text)


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + _ASCII_UPPER.lower()


@lru_cache(maxsize=256)
def _log1p(words: int) -> float:
    """``np.log1p`` of a word count, as a float: the same few counts on every page, and a
    NumPy scalar call cost more than the rest of a feature."""
    return float(np.log1p(words))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A character a wrong encoding turned into "?" ("Beginner? Guide", "Investor?s").
_LOST_CHAR = re.compile(r"\w\?(?:\w| \w)")
