"""Dates: parse what pages write into ISO 8601 without guessing.

In: a string (a meta value, a ``<time datetime>``, a visible dateline, a URL). Out: an ISO
8601 string — ``2014-10-08``, or ``2014-10-08T17:00:00-04:00`` when the page gives a time and
zone — or ``None``. Nothing is guessed: an ambiguous ``03/04/2014``, a date in the future
(later than now + 1 day) or before 1995 (the web's first news sites) is ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dehusk.metadata.rank import RULES_CHOICE, Candidate

#: Month names and abbreviations. English, plus the languages most common among the
#: dev set's non-English pages (de, fr, es, it, pt, nl); lower-cased, accents kept.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janvier enero gennaio janeiro januari jänner",
            "february feb februar février fevrier febrero febbraio fevereiro februari",
            "march mar märz maerz mars marzo março maart",
            "april apr avril abril aprile",
            "may mai mayo maggio maio mei",
            "june jun juni juin junio giugno junho",
            "july jul juli juillet julio luglio julho",
            "august aug août aout agosto augustus",
            "september sep sept septembre septiembre settembre setembro",
            "october oct oktober octobre octubre ottobre outubro okt",
            "november nov novembre noviembre novembro",
            "december dec dezember décembre decembre diciembre dicembre dezembro",
        ),
        start=1,
    )
    for name in names.split()
}

#: Fixed-offset zone abbreviations (hours). "ET"/"PT" change with daylight time, so a
#: dateline with them keeps its time but no zone rather than a guessed offset.
ZONES: dict[str, int] = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "bst": 1,
    "cet": 1,
    "cest": 2,
    "ist": 5,
}

#: No date before this without evidence: the first news sites went online in 1994–95.
EARLIEST = date(1995, 1, 1)

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_TIME = (
    r"(?:\s*(?:,|at|à|um|-|–|\|)?\s*(?P<hour>[0-2]?\d)[:h.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\.\d+)?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>Z|[+-]\d{2}:?\d{2}|\b[A-Za-z]{1,4}\b)?)?"
)
#: Patterns tried in order; each named group is optional except year/month/day.
PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_YEAR}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?:T|\b){_TIME}",
        rf"\b{_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b{_TIME}",
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}",
        rf"\b{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b{_TIME}",
        rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b{_TIME}",
        rf"\b{_YEAR}\.(?P<month>[01]?\d)\.(?P<day>[0-3]?\d)\b{_TIME}",
    )
)
#: Day/month order unknown: accepted only when one part is over 12 (no guess).
_SLASHED = re.compile(rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b")
_RFC2822 = re.compile(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d")


@dataclass(frozen=True, slots=True)
class _Parts:
    day: date
    time: str = ""
    zone: str = ""

    def iso(self) -> str:
        if not self.time:
            return self.day.isoformat()
        return f"{self.day.isoformat()}T{self.time}{self.zone}"


def parse_date(text: str, now: datetime | None = None) -> str | None:
    """The first plausible date in ``text`` as ISO 8601, or ``None`` (see module docstring)."""
    text = (text or "").strip()[:300]
    if not text:
        return None
    now = now or datetime.now(UTC)
    parts = _parse_rfc2822(text) or _parse_patterns(text) or _parse_slashed(text)
    if parts is None or not _plausible(parts.day, now):
        return None
    return parts.iso()


def _plausible(day: date, now: datetime) -> bool:
    return EARLIEST <= day <= (now + timedelta(days=1)).date()


def _parse_rfc2822(text: str) -> _Parts | None:
    if not _RFC2822.match(text):
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    zone = when.strftime("%z")
    return _Parts(when.date(), when.strftime("%H:%M:%S"), zone[:3] + ":" + zone[3:] if zone else "")


def _parse_patterns(text: str) -> _Parts | None:
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            parts = _from_match(match)
            if parts is not None:
                return parts
    return None


def _from_match(match: re.Match[str]) -> _Parts | None:
    g = match.groupdict()
    month = (
        MONTHS.get(g["month"].lower().rstrip(".")) if not g["month"].isdigit() else int(g["month"])
    )
    try:
        day = date(int(g["year"]), month or 0, int(g["day"]))
    except ValueError:
        return None
    return _Parts(day, *_time_of(g))


def _time_of(g: dict[str, str | None]) -> tuple[str, str]:
    """``HH:MM:SS`` and ``±HH:MM`` from a match; empty strings when absent or invalid."""
    if g.get("hour") is None:
        return "", ""
    hour, minute = int(g["hour"] or 0), int(g["minute"] or 0)
    ampm = (g.get("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return "", ""
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return "", ""
    return f"{hour:02d}:{minute:02d}:{int(g.get('second') or 0):02d}", _zone(g.get("zone") or "")


def _zone(raw: str) -> str:
    if raw[:1] in "+-" and raw:
        digits = raw[1:].replace(":", "")
        return f"{raw[0]}{digits[:2]}:{digits[2:4]}"
    hours = ZONES.get(raw.lower())
    if hours is None:
        return ""
    return "+00:00" if hours == 0 else str(timezone(timedelta(hours=hours)))[3:]


def _parse_slashed(text: str) -> _Parts | None:
    for match in _SLASHED.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if (a > 12) == (b > 12):
            continue  # both ≤ 12 is ambiguous, both > 12 is no date
        month, day = (b, a) if a > 12 else (a, b)
        try:
            return _Parts(date(year, month, day))
        except ValueError:
            continue
    return None


#: Dates in URL paths: /2014/10/08/, /2014-10-08-, /20141008/, /2014/october/08/.
URL_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(r"/((?:19|20)\d{2})/([01]?\d|[a-z]{3,9})/([0-3]?\d)(?:/|$|[-_])", re.IGNORECASE),
    re.compile(r"[/_-]((?:19|20)\d{2})-([01]\d)-([0-3]\d)(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})([01]\d)([0-3]\d)(?:/|$|[-_])"),
)
#: A year and month folder without a day (/2018/11/slug): not a date, but a bound on it.
URL_MONTH = re.compile(r"/((?:19|20)\d{2})/([01]?\d)/")


def url_date(url: str | None, now: datetime | None = None) -> str | None:
    """The date in a URL path (``/2014/10/08/``), or ``None``; a year/month alone is not a date."""
    path = (url or "").split("?", 1)[0].split("#", 1)[0]
    now = now or datetime.now(UTC)
    for pattern in URL_DATES:
        for match in pattern.finditer(path):
            month = int(match[2]) if match[2].isdigit() else MONTHS.get(match[2].lower(), 0)
            try:
                day = date(int(match[1]), month, int(match[3]))
            except ValueError:
                continue
            if _plausible(day, now):
                return day.isoformat()
    return None


def url_month(url: str | None) -> str:
    """``YYYY-MM`` of a year/month folder in the URL path (``/2018/11/slug``), or ``""``."""
    match = URL_MONTH.search((url or "").split("?", 1)[0])
    if not match or not 1 <= int(match[2]) <= 12:
        return ""
    return f"{match[1]}-{int(match[2]):02d}"


#: Words that may surround a date in a dateline; anything else means the block is prose.
DATELINE_WORDS = re.compile(
    r"\b(?:updated|update|published|publish|posted|post|on|at|last|modified|date|dated|first|"
    r"created|written|released|et|pt|ct|mt|est|edt|pst|pdt|gmt|utc|am|pm|a\.m|p\.m|"
    r"min|mins|minute|minutes|read|reading|time|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+)\b",
    re.IGNORECASE,
)


def dateline_date(text: str, now: datetime | None = None) -> tuple[str | None, bool]:
    """``(published date, is_dateline)`` for a visible block like "Updated 5:03 PM ET".

    A block is a dateline when it is short and nothing but a date, a time and the words
    of ``DATELINE_WORDS`` remain once the date is taken out; its date may be ``None``
    ("Updated 5:03 PM ET" has no day).
    """
    if len(text) > 80:
        return None, False
    found = parse_date(text, now)
    rest = text
    for pattern in (*PATTERNS, _SLASHED):
        rest = pattern.sub(" ", rest)
    rest = DATELINE_WORDS.sub(" ", rest)
    rest = re.sub(r"[\W_]+", "", rest)
    has_time = re.search(r"\b[0-2]?\d:[0-5]\d\s*(?:[ap]\.?m\.?)?", text, re.IGNORECASE)
    is_dateline = not rest and (found is not None or bool(has_time))
    return found, is_dateline


#: <time> elements and classes that mark the publication date, best first. From the
#: markup of WordPress themes (entry-date, published), hAtom and schema.org microdata.
TIME_SELECTORS: tuple[str, ...] = (
    "time[pubdate]",
    'time[itemprop="datePublished" i]',
    "time.published, time.entry-date, time[class*=publish i]",
    "article time[datetime], main time[datetime]",
    "time[datetime]",
)
DOM_DATE_SELECTORS: tuple[str, ...] = (
    '[class*="publish" i], [class*="posted" i], [class*="post-date" i], [class*="entry-date" i]',
    '[class*="date" i], [id*="date" i], [class*="byline" i], [class*="meta" i]',
)


def time_element_date(tree: LexborHTMLParser, now: datetime | None = None) -> str | None:
    """The date of the first ``<time>`` that marks publication, best selector first."""
    for selector in TIME_SELECTORS:
        for node in tree.css(selector)[:5]:
            value = node.attributes.get("datetime") or node.text(deep=True)
            found = parse_date(value or "", now)
            if found:
                return found
    return None


def dom_date(tree: LexborHTMLParser, now: datetime | None = None) -> str | None:
    """A date in a short element whose class names a date (``post-date``, ``published``)."""
    for selector in DOM_DATE_SELECTORS:
        for node in tree.css(selector)[:30]:
            text = node.text(deep=True, separator=" ")
            if len(text) <= 120:
                found = parse_date(text, now)
                if found:
                    return found
    return None


# --- Every date the page offers, with where it came from (the chooser's candidates) ---

#: Words before a visible date that say which date it is. "Updated" wins over "published"
#: when both are near ("Published May 1, updated June 2" gives each its own nearest word).
UPDATED_WORDS = re.compile(
    r"\b(?:updated?|modified|revised|reviewed|refreshed|last\s+edited|edited)\b", re.IGNORECASE
)
PUBLISHED_WORDS = re.compile(
    r"\b(?:published|posted|released|written|created|first\s+published|date|on)\b",
    re.IGNORECASE,
)
#: Class/id fragments of a date's element (or its near ancestors) that say which date it is.
UPDATED_CLASSES = ("modif", "updat", "revis", "review")
PUBLISHED_CLASSES = ("publish", "posted", "post-date", "entry-date", "pubdate", "created")
#: Elements whose text is never a visible date of the page.
NOT_VISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
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
_SCRIPT_DATE = re.compile(
    r'\\*"(?P<key>' + "|".join(SCRIPT_PUBLISHED_KEYS + SCRIPT_MODIFIED_KEYS) + r')\\*"\s*:\s*\\*"'
    r'(?P<value>[^"\\]{6,40})'
)
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One date the page offers.

    ``source``: where it was read — ``url``, ``meta`` (a published key), ``meta_mod`` (a
    modified key), ``meta_other`` (another date-named key), ``item``/``item_mod``
    (microdata), ``jsonld``/``jsonld_mod``, ``time`` (a ``<time>`` element), ``text`` (a
    visible date), ``script``/``script_mod`` (inline script state), ``dateline`` (the body's
    dateline block). ``label``: ``published``, ``updated`` or ``""`` — what its key, class
    or the words before it say. ``order``: rank among the page's visible dates (0 = first;
    -1 when not visible). ``near_title``: within ``NEAR_TITLE`` text nodes after the
    headline. ``in_article``: inside ``<article>``/``<main>``. ``in_link``: inside a link
    (related posts).
    """

    source: str
    value: str
    label: str = ""
    order: int = -1
    near_title: bool = False
    in_article: bool = False
    in_link: bool = False


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


def script_candidates(tree: LexborHTMLParser, now: datetime) -> list[DateCandidate]:
    """The first published and the first modified date under known keys in inline scripts
    (not JSON-LD, read elsewhere); later ones are usually related stories."""
    found: dict[str, DateCandidate] = {}
    for script in tree.css("script"):
        if "ld+json" in (script.attributes.get("type") or "").lower():
            continue
        text = script.text(deep=True) or ""
        if not any(key in text for key in SCRIPT_PUBLISHED_KEYS + SCRIPT_MODIFIED_KEYS):
            continue  # the regex has no literal prefix to skip ahead with: slow on big scripts
        for match in _SCRIPT_DATE.finditer(text):
            source = "script_mod" if match["key"] in SCRIPT_MODIFIED_KEYS else "script"
            value = parse_date(match["value"], now) if source not in found else None
            if value:
                label = "updated" if source == "script_mod" else "published"
                found[source] = DateCandidate(source, value, label)
            if len(found) == 2:
                return list(found.values())
    return list(found.values())


def time_candidates(tree: LexborHTMLParser, now: datetime) -> list[DateCandidate]:
    """Every ``<time>`` element's date (``datetime`` attribute, else its text), labelled by
    ``pubdate``/``itemprop``/class; the first few only."""
    out = []
    for node in tree.css("time")[:MAX_VISIBLE]:
        attrs = node.attributes
        value = parse_date(attrs.get("datetime") or node.text(deep=True) or "", now)
        if not value:
            continue
        marks = " ".join(str(attrs.get(a) or "") for a in ("class", "itemprop", "id")).lower()
        label = "published" if "pubdate" in attrs else _class_label(marks)
        out.append(DateCandidate("time", value, label))
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


def visible_candidates(tree: LexborHTMLParser, title: str, now: datetime) -> list[DateCandidate]:
    """Dates written in the page's short text nodes, in document order.

    Each is labelled by the words just before it (this and the previous text node:
    "Last updated:" often sits in its own element) or, failing that, by the classes of its
    element and two ancestors. "Near the headline" counts text nodes from the ``<h1>`` that
    repeats the title (else the first ``<h1>``).
    """
    body = tree.body
    if body is None:
        return []
    want = _SPACES.sub(" ", title).strip().lower()
    texts: list[str] = []
    title_at: int | None = None
    first_h1: int | None = None
    out: list[DateCandidate] = []
    positions: list[int] = []
    for node in body.traverse(include_text=True):
        tag = node.tag
        if tag == "h1":
            first_h1 = len(texts) if first_h1 is None else first_h1
            if title_at is None and want:
                heading = _SPACES.sub(" ", node.text(deep=True)).strip().lower()
                title_at = len(texts) if heading and (heading in want or want in heading) else None
            continue
        if tag != "-text":
            continue
        raw = node.text_content
        if not raw or raw.isspace():
            continue
        parent = node.parent
        if parent is None or parent.tag in NOT_VISIBLE:
            continue
        texts.append(raw)  # spaces are folded only where a date is read (most text has none)
        if len(out) >= MAX_VISIBLE or not _HAS_YEAR.search(raw):
            continue
        text = _SPACES.sub(" ", raw).strip()
        if len(text) > MAX_DATE_TEXT:
            continue
        value = parse_date(text, now)
        if not value:
            continue
        before = " ".join(_SPACES.sub(" ", t).strip() for t in texts[-2:])
        before = before[: len(before) - len(text) + _date_start(text)]
        label = _words_label(before[-40:]) or _ancestor_label(parent)
        out.append(
            DateCandidate(
                "text",
                value,
                label,
                order=len(out),
                in_article=_has_ancestor(parent, ("article", "main")),
                in_link=_has_ancestor(parent, ("a",), 3),
            )
        )
        positions.append(len(texts) - 1)
    anchor = title_at if title_at is not None else first_h1
    if anchor is None:
        return out
    return [
        DateCandidate(
            c.source,
            c.value,
            c.label,
            c.order,
            0 <= at - anchor <= NEAR_TITLE or -3 <= at - anchor < 0,
            c.in_article,
            c.in_link,
        )
        for c, at in zip(out, positions, strict=True)
    ]


def _date_start(text: str) -> int:
    """Where the first date in ``text`` starts (0 when unknown)."""
    starts = [m.start() for p in (*PATTERNS, _SLASHED) if (m := p.search(text))]
    return min(starts, default=0)


def _ancestor_label(node: LexborNode, depth: int = 3) -> str:
    current: LexborNode | None = node
    for _ in range(depth):
        if current is None:
            break
        attrs = current.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('itemprop') or ''}"
        label = _class_label(marks.lower())
        if label:
            return label
        current = current.parent
    return ""


def _has_ancestor(node: LexborNode, tags: tuple[str, ...], depth: int = 60) -> bool:
    current: LexborNode | None = node
    for _ in range(depth):
        if current is None:
            return False
        if current.tag in tags:
            return True
        current = current.parent
    return False


def date_candidates(
    tree: LexborHTMLParser,
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
    out += time_candidates(tree, now)
    if dateline:
        out.append(DateCandidate("dateline", dateline, "published"))
    dom = dom_date(tree, now)
    out += [DateCandidate("dom", dom)] if dom else []
    out += visible_candidates(tree, title, now)
    out += script_candidates(tree, now)
    return out


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


def lone_visible_date(cands: list[DateCandidate]) -> str | None:
    """The first visible date by the headline when it is not labelled "updated", is the
    page's first visible date and no declared date is within ``LONE_VISIBLE_DAYS`` of it
    (see there); else ``None``."""
    first = next((c for c in cands if c.source == "text" and not c.in_link), None)
    if first is None or not first.near_title or first.label == "updated" or first.order:
        return None
    declared = [_day_of(c.value) for c in cands if c.source in DECLARED_SOURCES]
    shown = _day_of(first.value)
    if not declared or any(abs((d - shown).days) <= LONE_VISIBLE_DAYS for d in declared):
        return None
    return first.value


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
    the lone-visible rule's pick and the rules' choice.
    """
    days: dict[str, tuple[str, dict[str, float]]] = {}
    for c in cands:
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
