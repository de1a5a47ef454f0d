"""Date candidates: every date a page offers, with where it came from, and the rules'
helpers over them.

In: the page's native evidence (``dehusk.evidence``), its URL, the declared values
(``(source, key, raw)`` from JSON-LD, ``<meta>``, microdata), the body's dateline and the
headline. Out: every date candidate (``DateCandidate``: its source, ISO 8601 value, label
and where it stands on the page), the rules' helpers over them (``first_of``,
``headline_date``, ``lone_visible_date``, ``shown_modified_date``, ``url_month_date``) and,
for the learned chooser, one ranked candidate per day with its features
(``ranked_date_candidates``). Date strings are parsed by ``dates``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dehusk.evidence import Evidence
from dehusk.metadata.dates import (
    SLASHED,
    dom_date,
    in_link,
    parse_date,
    patterns_for,
    url_date,
    url_month,
)
from dehusk.metadata.rank import RULES_CHOICE, Candidate

# --- Every date the page offers, with where it came from (the chooser's candidates) ---

#: Words before a visible date that say which date it is. "Updated" wins over "published"
#: when both are near ("Published May 1, updated June 2" gives each its own nearest word).
#: Besides English, the words of the languages whose month names ``dates.MONTHS`` reads
#: (de, fr, es, it, pt, nl): a German "Aktualisiert am 3. März 2025" is an update as
#: surely as an English "Updated".
UPDATED_WORDS = re.compile(
    r"\b(?:updated?|modified|revised|reviewed|refreshed|last\s+edited|edited"
    r"|aktualisiert|geändert|mis\s+à\s+jour|modifié|actualizado|actualización|aggiornat[oa]"
    r"|atualizado|atualização|bijgewerkt)\b",
    re.IGNORECASE,
)
PUBLISHED_WORDS = re.compile(
    r"\b(?:published|posted|released|written|created|first\s+published|date|on"
    r"|veröffentlicht|erschienen|publié|publicado|pubblicat[oa]|gepubliceerd|geplaatst)\b",
    re.IGNORECASE,
)
#: Words before a published date that say it is the first publication of a story updated
#: since ("This article was originally published on 26 Sep 2019 but has been updated").
ORIGINAL_WORDS = re.compile(r"\b(?:originally|first)\s+(?:published|posted)\b", re.IGNORECASE)
#: Class/id fragments of a date's element (or its near ancestors) that say which date it is.
UPDATED_CLASSES = ("modif", "updat", "revis", "review")
PUBLISHED_CLASSES = ("publish", "posted", "post-date", "entry-date", "pubdate", "created")
#: Class/id fragments that, both in one element's marks (or its near ancestors'), name
#: the page's clock: today's date in a header ("todays-date", "the-date-today"), never
#: the story's ("Friday, December 19, 2025" on the crawl day).
CLOCK_MARKS = ("today", "date")
#: (Elements whose text is never a visible date of the page: ``html_vocab.NOT_SHOWN_TAGS``,
#: which the native pass leaves out of ``Evidence.dates``.)
#: A text node longer than this is prose: a date inside it is what the story talks about.
MAX_DATE_TEXT = 140
#: Visible dates kept per page (related-post lists and comments can hold hundreds).
MAX_VISIBLE = 40
#: Text nodes after the headline's first within which a date is "near the headline".
NEAR_TITLE = 40
#: Keys of dates in inline scripts (Next.js/Nuxt/Gatsby state, analytics data layers),
#: outside JSON-LD: the story's own record, as the site's front end stores it.
SCRIPT_PUBLISHED_KEYS = (
    "datePublished",
    "publishDate",
    "publishedDate",
    "publicationDate",
    "published_at",
    "publishedAt",
    "date_published",
    "firstPublished",
    "publishedLocalISO",
    "pubDate",
    "createdAt",
)
SCRIPT_MODIFIED_KEYS = (
    "dateModified",
    "modifiedDate",
    "updatedAt",
    "lastModifiedDate",
    "updated_at",
)
#: A known key's pair from the key on (the quote before it is checked by the caller).
_SCRIPT_PAIR = re.compile(
    r"(?P<key>" + "|".join(SCRIPT_PUBLISHED_KEYS + SCRIPT_MODIFIED_KEYS) + r')\\*"\s*:\s*\\*"'
    r'(?P<value>[^"\\]{6,40})'
)
#: Substrings one of which every key above contains: a script without any is skipped after
#: seven scans, not sixteen.
SCRIPT_KEY_HINTS = (
    *("ublish", "ublication", "ubDate", "reatedAt"),
    *("odified", "pdatedAt", "pdated_at"),
)


_HAS_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class DateCandidate:
    """One date the page offers.

    ``source``: where it was read — ``url``, ``meta`` (a published key), ``meta_mod`` (a
    modified key), ``meta_other`` (another date-named key), ``item``/``item_mod``
    (microdata), ``jsonld``/``jsonld_mod``, ``time`` (a ``<time>`` element), ``text`` (a
    visible date), ``clock`` (a visible date the page marks as today's, never the answer),
    ``script``/``script_mod`` (inline script state), ``dateline`` (the body's dateline
    block). ``label``: ``published``, ``updated`` or ``""`` — what its key, class
    or the words before it say. ``order``: rank among the page's visible dates (0 = first;
    -1 when not visible). ``near_title``: within ``NEAR_TITLE`` text nodes after the
    headline. ``in_article``: inside ``<article>``/``<main>``. ``in_link``: inside a link
    (related posts). ``original``: its words say the story was first published then
    ("originally published on").
    """

    source: str
    value: str
    label: str = ""
    order: int = -1
    near_title: bool = False
    in_article: bool = False
    in_link: bool = False
    original: bool = False


def key_label(key: str) -> str:
    """``updated``/``published``/``""`` for a declared key (``article:modified_time``)."""
    key = key.lower()
    if any(w in key for w in ("modif", "updat", "revis")):
        return "updated"
    if any(w in key for w in ("publish", "pubdate", "issued", "created")):
        return "published"
    return ""


def declared_candidates(declared: list[tuple[str, str, str]], now: datetime) -> list[DateCandidate]:
    """Candidates from declared values ``(source, key, raw)``; unparseable ones dropped."""
    out = []
    for source, key, raw in declared:
        value = parse_date(raw, now)
        if value:
            out.append(DateCandidate(source, value, key_label(key)))
    return out


def url_candidates(url: str | None, now: datetime) -> list[DateCandidate]:
    value = url_date(url, now)
    return [DateCandidate("url", value, "published")] if value else []


def script_candidates(page: Evidence, now: datetime) -> list[DateCandidate]:
    """The first published and the first modified date under known keys in inline scripts
    (not JSON-LD, read elsewhere); later ones are usually related stories."""
    found: dict[str, DateCandidate] = {}
    for script in page.scripts:
        if "ld+json" in script.get("type").lower():
            continue
        text = script.text
        if not any(map(text.__contains__, SCRIPT_KEY_HINTS)):
            continue
        for key, raw in _script_dates(text):
            source = "script_mod" if key in SCRIPT_MODIFIED_KEYS else "script"
            value = parse_date(raw, now) if source not in found else None
            if value:
                label = "updated" if source == "script_mod" else "published"
                found[source] = DateCandidate(source, value, label)
            if len(found) == 2:
                return list(found.values())
    return list(found.values())


def _script_dates(text: str) -> Iterator[tuple[str, str]]:
    """``(key, raw value)`` of each ``"key": "value"`` pair under a known key, in order
    (JSON escaped inside a string too: ``\\"key\\":\\"value\\"``). The keys are found with
    ``str.find`` and the pair read from there: a regex scanning a multi-megabyte app state
    for them took 50 ms."""
    starts = sorted(
        i for key in SCRIPT_PUBLISHED_KEYS + SCRIPT_MODIFIED_KEYS for i in _finds(text, key)
    )
    for start in starts:
        match = _SCRIPT_PAIR.match(text, start)
        if match is not None and text[start - 1 : start] == '"':
            yield match["key"], match["value"]


def _finds(text: str, key: str) -> Iterator[int]:
    at = text.find(key)
    while at != -1:
        yield at
        at = text.find(key, at + len(key))


def time_candidates(
    page: Evidence, now: datetime, known: Collection[str] = ()
) -> list[DateCandidate]:
    """Every ``<time>`` element's date (``datetime`` attribute, else its text), labelled by
    ``pubdate``/``itemprop``/class and marked when inside a link; the first few only.
    ``known``: the declared days, as in ``dates.parse_date``."""
    out = []
    for node in page.times[:MAX_VISIBLE]:
        attrs = node.attrs
        value = parse_date(attrs.get("datetime") or node.raw, now, known)
        if not value:
            continue
        marks = " ".join(str(attrs.get(a) or "") for a in ("class", "itemprop", "id")).lower()
        label = "published" if "pubdate" in attrs else _class_label(marks)
        out.append(DateCandidate("time", value, label, in_link=in_link(node)))
    return out


def _class_label(marks: str) -> str:
    if any(w in marks for w in UPDATED_CLASSES):
        return "updated"
    if any(w in marks for w in PUBLISHED_CLASSES):
        return "published"
    return ""


def _words_label(before: str) -> str:
    """The label of the nearest date word in the text just before a date."""
    updated = [m.end() for m in UPDATED_WORDS.finditer(before)]
    published = [m.end() for m in PUBLISHED_WORDS.finditer(before)]
    if not updated and not published:
        return ""
    return "updated" if max(updated, default=-1) > max(published, default=-1) else "published"


def visible_candidates(
    page: Evidence, title: str, now: datetime, known: Collection[str] = ()
) -> list[DateCandidate]:
    """Dates written in the page's short text nodes, in document order.

    Each is labelled by the words just before it (this and the previous text node:
    "Last updated:" often sits in its own element) or, failing that, by the classes of its
    element and two ancestors. "Near the headline" counts text nodes from the ``<h1>`` that
    repeats the title (else the first ``<h1>``). A date in an element marked as today's
    (``CLOCK_MARKS``) is a ``clock`` candidate, outside the ranks. ``known``: the declared
    days, which settle an ambiguous numeric date (``dates.parse_date``). The text nodes are
    the native pass's (``Evidence.dates``: those a reader sees that may hold a date, each
    with its place among the seen ones, ``Evidence.h1s`` the headings' places).
    """
    want = " ".join(title.split()).lower()
    title_at: int | None = None
    first_h1: int | None = None
    for at, text in page.h1s:
        first_h1 = at if first_h1 is None else first_h1
        if title_at is None and want:
            heading = text.lower()
            title_at = at if heading and (heading in want or want in heading) else None
    out: list[DateCandidate] = []
    clocks: list[DateCandidate] = []
    positions: list[int] = []
    for node in page.dates:
        if len(out) >= MAX_VISIBLE:
            break
        raw = node.text
        if not _HAS_YEAR.search(raw):
            continue
        text = " ".join(raw.split())  # spaces are folded only where a date is read
        if len(text) > MAX_DATE_TEXT:
            continue
        value = parse_date(text, now, known)
        if not value:
            continue
        if _is_clock(node.up):
            clocks.append(DateCandidate("clock", value))
            continue
        texts = (raw,) if node.before is None else (node.before, raw)
        before = " ".join(" ".join(t.split()) for t in texts)
        before = before[: len(before) - len(text) + _date_start(text)]
        words = _words_label(before[-40:])
        label = words or _ancestor_label(node.up)
        out.append(
            DateCandidate(
                "text",
                value,
                label,
                order=len(out),
                in_article=node.in_article,
                in_link=node.in_link,
                original=words == "published" and bool(ORIGINAL_WORDS.search(before[-40:])),
            )
        )
        positions.append(node.at)
    anchor = title_at if title_at is not None else first_h1
    if anchor is None:
        return out + clocks
    return clocks + [
        DateCandidate(
            c.source,
            c.value,
            c.label,
            c.order,
            0 <= at - anchor <= NEAR_TITLE or -3 <= at - anchor < 0,
            c.in_article,
            c.in_link,
            c.original,
        )
        for c, at in zip(out, positions, strict=True)
    ]


def _date_start(text: str) -> int:
    """Where the first date in ``text`` starts (0 when unknown)."""
    slashed = (SLASHED,) if "/" in text else ()  # (each of its dates holds two)
    starts = [m.start() for p in (*patterns_for(text), *slashed) if (m := p.search(text))]
    return min(starts, default=0)


def _is_clock(up: Sequence[tuple[str, str, str, str]]) -> bool:
    """Whether a date's element or its near ancestors (``ShownText.up``: (tag, class, id,
    itemprop), the element first) carry a class/id naming today's date."""
    return any(
        all(mark in f"{classes} {ident}".lower() for mark in CLOCK_MARKS)
        for _, classes, ident, _ in up
    )


def _ancestor_label(up: Sequence[tuple[str, str, str, str]]) -> str:
    """The label the classes, ids or itemprops of a date's element or its near ancestors
    give, the nearest first; "" for none."""
    for _, classes, ident, itemprop in up:
        label = _class_label(f"{classes} {ident} {itemprop}".lower())
        if label:
            return label
    return ""


def date_candidates(
    page: Evidence,
    url: str | None,
    declared: list[tuple[str, str, str]],
    dateline: str | None,
    title: str,
    now: datetime,
) -> list[DateCandidate]:
    """Every date the page offers (see ``DateCandidate``): the URL's, the declared ones
    (``(source, key, raw)`` from JSON-LD, ``<meta>``, microdata), ``<time>`` elements,
    the body's dateline, a date-classed element, the visible dates and inline scripts."""
    out = url_candidates(url, now) + declared_candidates(declared, now)
    known = frozenset(c.value[:10] for c in out)
    out += time_candidates(page, now, known)
    if dateline:
        out.append(DateCandidate("dateline", dateline, "published"))
    visible = visible_candidates(page, title, now, known)
    dom = dom_date(page, now, known, clock_days(visible))
    out += [DateCandidate("dom", dom)] if dom else []
    out += visible
    out += script_candidates(page, now)
    return out


def clock_days(cands: list[DateCandidate]) -> frozenset[str]:
    """The days the page's clock shows (``clock`` candidates): today's, not the story's."""
    return frozenset(c.value[:10] for c in cands if c.source == "clock")


# --- The rules' choice among the candidates (``ORDER`` in ``dehusk.metadata``) ---

#: Sources that declare a date for machines (as opposed to printing it for readers).
DECLARED_SOURCES = frozenset(
    {"url", "meta", "meta_mod", "meta_other", "item", "item_mod", "jsonld", "jsonld_mod"}
    | {"script", "script_mod"}
)
#: A visible date by the headline further than this (days) from every declared date is the
#: page's own statement and outranks them: a declared ``datePublished`` is often the CMS's
#: first draft of a post re-published later. Within a day is a time-zone shift, where the
#: declared date is right (dev set: 4171 ≠ 4170; 1 day kept, 0 and 3 days measured).
LONE_VISIBLE_DAYS = 1


def first_of(cands: list[DateCandidate], source: str, label: str | None = None) -> str | None:
    """The first candidate value of ``source`` (with ``label`` when given)."""
    return next((c.value for c in cands if c.source == source and label in (None, c.label)), None)


def headline_date(cands: list[DateCandidate], near: bool = True) -> str | None:
    """The first visible date by the headline (``near=False``: anywhere) outside links."""
    return next(
        (
            c.value
            for c in cands
            if c.source == "text" and not c.in_link and (c.near_title or not near)
        ),
        None,
    )


#: Declared sources of a published and of a modified date.
PUBLISHED_SOURCES = frozenset({"url", "meta", "item", "jsonld", "script"})
MODIFIED_SOURCES = frozenset({"meta_mod", "item_mod", "jsonld_mod", "script_mod"})


def original_date(cands: list[DateCandidate]) -> str | None:
    """The first visible date outside links that the page says the story was first
    published on ("originally published on 26 Sep 2019 but has been regularly updated");
    else ``None``. The page states which of its dates is the publication's."""
    return next(
        (c.value for c in cands if c.source == "text" and c.original and not c.in_link), None
    )


def lone_visible_date(cands: list[DateCandidate]) -> str | None:
    """The first visible date by the headline when it is not labelled "updated", is the
    page's first visible date, no declared date is within ``LONE_VISIBLE_DAYS`` of it
    (see there) and no declared published date is printed elsewhere on the page; else
    ``None``. A declared date the page also prints (its meta line, below a summary block
    of other posts' dates that came first) is no CMS draft date: the page agrees with it.

    Far from the headline the same holds for the only day the page prints when its words
    or classes call it published ("Published August 13, 2025" closing the story): with no
    other date shown it is no comment's or sidebar's.
    """
    first = next((c for c in cands if c.source == "text" and not c.in_link), None)
    if first is None or first.label == "updated" or first.order:
        return None
    if not first.near_title and not _only_published_day(first, cands):
        return None
    declared = [_day_of(c.value) for c in cands if c.source in DECLARED_SOURCES]
    shown = _day_of(first.value)
    if not declared or any(abs((d - shown).days) <= LONE_VISIBLE_DAYS for d in declared):
        return None
    printed = {c.value[:10] for c in cands if c.source == "text"}
    if any(c.value[:10] in printed for c in cands if c.source in PUBLISHED_SOURCES):
        return None
    return first.value


def _only_published_day(first: DateCandidate, cands: list[DateCandidate]) -> bool:
    """Whether ``first`` is labelled published and every visible date outside links
    shows its day."""
    day = first.value[:10]
    return first.label == "published" and all(
        c.value[:10] == day for c in cands if c.source == "text" and not c.in_link
    )


def shown_modified_date(cands: list[DateCandidate]) -> str | None:
    """The first visible date by the headline when no word or class labels it, it is the
    page's first visible date, a declared modified date gives its day and no declared
    published date is within ``LONE_VISIBLE_DAYS`` of it; else ``None``.

    Such a page prints its last revision as the story's only date, with nothing saying
    "updated": the reader (and the dev set's annotators, 6 pages to 3) takes it for the
    publication date. A date labelled "updated" is left to the declared published date
    (the annotators split evenly there).
    """
    first = next((c for c in cands if c.source == "text" and not c.in_link), None)
    if first is None or not first.near_title or first.label or first.order:
        return None
    shown = _day_of(first.value)
    published = [_day_of(c.value) for c in cands if c.source in PUBLISHED_SOURCES]
    if not published or any(abs((d - shown).days) <= LONE_VISIBLE_DAYS for d in published):
        return None
    modified = {_day_of(c.value) for c in cands if c.source in MODIFIED_SOURCES}
    return first.value if shown in modified else None


def shown_updated_date(cands: list[DateCandidate]) -> str | None:
    """The first date by the headline that its words or classes call an update ("Updated
    Dec 11, 2025", ``class="updated"``), outside links; else ``None``. The page's last
    revision as the reader sees it, for a page that declares none."""
    return next(
        (
            c.value
            for c in cands
            if c.source in ("text", "time")
            and c.label == "updated"
            and not c.in_link
            and (c.near_title or c.source == "time")
        ),
        None,
    )


#: Declared sources whose published date backs a visible one against ``<meta>``.
BACKING_SOURCES = frozenset({"jsonld", "item", "script"})


def backed_visible_date(cands: list[DateCandidate]) -> str | None:
    """The first visible date by the headline when it is not labelled "updated", JSON-LD,
    microdata or script state declares its day as published and no ``<meta>`` published
    date is within ``LONE_VISIBLE_DAYS`` of it; else ``None``.

    The page prints the date and a declared source agrees, so a ``<meta>`` date far from
    both is the odd one out (a re-save, the CMS's draft). Within a day ``<meta>`` stays:
    it is the same date in UTC.
    """
    first = next((c for c in cands if c.source == "text" and not c.in_link), None)
    if first is None or not first.near_title or first.label == "updated":
        return None
    shown = _day_of(first.value)
    if not any(c.source in BACKING_SOURCES and _day_of(c.value) == shown for c in cands):
        return None
    meta = [_day_of(c.value) for c in cands if c.source == "meta"]
    if any(abs((d - shown).days) <= LONE_VISIBLE_DAYS for d in meta):
        return None
    return first.value


def after_modified(value: str, cands: list[DateCandidate]) -> bool:
    """Whether a declared published ``value`` comes more than ``LONE_VISIBLE_DAYS`` after
    every declared modified date: no story is published after its last revision, so such
    a "published" date is the page's render or cache time (a ``published-time`` tag equal
    to the crawl day next to a 2021 ``published-date``)."""
    modified = [
        _day_of(c.value)
        for c in cands
        if c.source in MODIFIED_SOURCES or (c.source == "meta_other" and c.label == "updated")
    ]
    day = _day_of(value)
    return bool(modified) and all((day - m).days > LONE_VISIBLE_DAYS for m in modified)


def declared_published(cands: list[DateCandidate], source: str) -> str | None:
    """The first published date of ``source`` that does not come after the declared
    modified dates (``after_modified``)."""
    return next(
        (
            c.value
            for c in cands
            if c.source == source and c.label == "published" and not after_modified(c.value, cands)
        ),
        None,
    )


def _day_of(value: str) -> date:
    return date.fromisoformat(value[:10])


# --- Candidates with features for the learned chooser (``dehusk.metadata.rank``) ---

#: Candidate sources weighed separately; a visible date is split by where it stands.
FEATURE_SOURCES = (
    "url",
    "meta",
    "meta_mod",
    "meta_other",
    "item",
    "item_mod",
    "jsonld",
    "jsonld_mod",
    "time",
    "dateline",
    "dom",
    "script",
    "script_mod",
    "text_near",
    "text_far",
    "text_link",
)


#: Declared published and declared modified sources (for agreement features).
DECLARED_PUBLISHED = frozenset({"url", "meta", "item", "jsonld"})
DECLARED_MODIFIED = frozenset({"meta_mod", "item_mod", "jsonld_mod"})


def _feature_source(c: DateCandidate) -> str:
    if c.source != "text":
        return c.source
    return "text_link" if c.in_link else "text_near" if c.near_title else "text_far"


def ranked_date_candidates(cands: list[DateCandidate], chosen: str | None) -> list[Candidate[str]]:
    """One ranker candidate per day the page offers, with features.

    In: every date candidate (``date_candidates``) and the rules' choice. Out: per distinct
    day (the benchmark compares days), its first value and: which sources give it
    (``src_*``), how many distinct sources agree, whether a source labels it updated or
    published, its place among the visible dates and how often it is shown, whether a
    declared published date gives it (or only a modified one), whether it is shown while
    the declared published date is not, whether it is the page's latest or earliest day,
    the lone-visible and shown-modified rules' picks and the rules' choice.
    """
    days: dict[str, tuple[str, dict[str, float]]] = {}
    for c in cands:
        if c.source == "clock":
            continue
        feats = days.setdefault(c.value[:10], (c.value, {}))[1]
        feats[f"src_{_feature_source(c)}"] = 1.0
        if c.label:
            feats[f"label_{c.label}"] = 1.0
            feats[f"{_feature_source(c)}_{c.label}"] = 1.0
        if c.source == "text" and not c.in_link:
            feats["first_visible"] = max(feats.get("first_visible", 0.0), float(c.order == 0))
            feats["visible_rank"] = min(feats.get("visible_rank", 9.0), float(min(c.order, 9)))
            feats["in_article"] = max(feats.get("in_article", 0.0), float(c.in_article))
    if chosen and chosen[:10] in days:
        days[chosen[:10]][1][RULES_CHOICE] = 1.0
    lone = lone_visible_date(cands)
    if lone:
        days[lone[:10]][1]["lone_visible"] = 1.0
    shown_modified = shown_modified_date(cands)
    if shown_modified:
        days[shown_modified[:10]][1]["shown_modified"] = 1.0
    ordered = sorted(days)
    visible = [c.value[:10] for c in cands if c.source == "text" and not c.in_link]
    published = {c.value[:10] for c in cands if c.source in DECLARED_PUBLISHED}
    modified = {c.value[:10] for c in cands if c.source in DECLARED_MODIFIED}
    # The annotators recorded the date the reader sees: whether the declared published
    # date is shown at all changes how far it can be trusted.
    published_shown = bool(published & set(visible))
    out = []
    for day, (value, feats) in days.items():
        feats["n_sources"] = float(sum(k.startswith("src_") for k in feats))
        feats["n_visible"] = float(min(visible.count(day), 5))
        feats["declared_published"] = float(day in published)
        feats["modified_only"] = float(day in modified and day not in published)
        feats["shown_published_hidden"] = float(
            day in visible and bool(published) and not published_shown
        )
        feats["latest"] = float(day == ordered[-1])
        feats["earliest"] = float(day == ordered[0])
        feats["only"] = float(len(ordered) == 1)
        feats.setdefault("visible_rank", 10.0)
        feats["has_time"] = float("T" in value)
        out.append(Candidate(value, feats))
    return out


#: Sources read, in this order, for a date inside the URL's year/month folder.
URL_MONTH_SOURCES = ("meta", "item", "jsonld", "time", "dateline", "text")


def url_month_date(url: str | None, cands: list[DateCandidate]) -> str | None:
    """The first candidate (``URL_MONTH_SOURCES`` order) in the URL's year/month folder
    (``/2018/11/slug``): the site filed the story under that month, so a date outside it
    is a sidebar's or a re-save's. ``None`` without such a folder or candidate."""
    month = url_month(url)
    if not month:
        return None
    for source in URL_MONTH_SOURCES:
        for c in cands:
            if c.source == source and not c.in_link and c.value.startswith(month):
                return c.value
    return None
