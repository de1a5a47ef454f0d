"""Dates: parse what pages write into ISO 8601 without guessing.

In: a string (a meta value, a ``<time datetime>``, a visible dateline, a URL). Out: an ISO
8601 string — ``2014-10-08``, or ``2014-10-08T17:00:00-04:00`` when the page gives a time and
zone — or ``None``. Nothing is guessed: an ambiguous ``03/04/2014``, a date in the future
(later than now + 1 day) or before 1995 (the web's first news sites) is ``None``; only a
day the page itself declares settles the order of an ambiguous numeric date.
``time_element_date`` and ``dom_date`` read the same from a parsed page. Every date a page
offers, as the chooser's candidates, is gathered in ``date_candidates``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from itertools import islice, repeat

from dehusk.evidence import DATE_MARKS_SECOND, Element, Evidence, tokens

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
        # Year first, as NLM/PubMed and Highwire citations write it ("2023 Jan 7").
        rf"\b{_YEAR}\s+{_MONTH}\s+{_DAY}(?!\d){_TIME}",
        rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b{_TIME}",
        rf"\b{_YEAR}\.(?P<month>[01]?\d)\.(?P<day>[0-3]?\d)\b{_TIME}",
    )
)
#: A character every match of each of ``PATTERNS`` holds, "" where none can be named (the
#: month-name patterns' gaps are any whitespace): a text without it is not searched with
#: that pattern (most texts parsed hold a year and no date; seven scans each cost more).
PATTERN_NEEDS: tuple[str, ...] = ("-", "/", "", "", "", ".", ".")
#: The year each of ``PATTERNS`` and ``SLASHED`` needs: a text without one holds none of
#: their dates, and is passed over without trying them (``may_hold_date``).
YEAR = re.compile(r"(?:19|20)\d{2}")
#: A number of one or two digits standing alone (no digit on either side): the day or the
#: month every one of ``PATTERNS`` and ``SLASHED`` reads is one (each is bounded by a
#: non-digit: "-", "/", ".", a space, a suffix, ``\b``). Most texts with a year hold no
#: date ("© 2005-2012 Newsvine", "May 2012" in an archive list) and no such number: they
#: are passed over without the seven patterns. (Written from its first digit, so the
#: engine scans for a digit; a lookbehind first made it try every position.)
SHORT_NUMBER = re.compile(r"\d(?<!\d\d)\d?(?!\d)")
#: ``09.10.2024``: day first, as most of the world writes dots, unless the page declares
#: the month-first day and not the other (a US blog's ``MM.DD.YYYY``).
DAY_FIRST_DOTTED = PATTERNS[5]
#: Day/month order unknown: accepted only when one part is over 12 (no guess).
SLASHED = re.compile(rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b")
_RFC2822 = re.compile(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d")


@dataclass(frozen=True)
class _Parts:
    day: date
    time: str = ""
    zone: str = ""

    def iso(self) -> str:
        if not self.time:
            return self.day.isoformat()
        return f"{self.day.isoformat()}T{self.time}{self.zone}"


def parse_date(text: str, now: datetime | None = None, known: Collection[str] = ()) -> str | None:
    """The first plausible date in ``text`` as ISO 8601, or ``None`` (see module docstring).

    ``known``: ISO days (``2024-09-10``) the page declares elsewhere (JSON-LD, ``<meta>``);
    an ambiguous numeric date (``3/4/2025``, ``09.10.2024``) whose one reading is among
    them and the other not is read that way: the page's own evidence, not a guess.
    """
    text = (text or "").strip()[:300]
    if not text:
        return None
    now = now or datetime.now(UTC)
    parts = _parse_rfc2822(text) or (
        (_parse_patterns(text, known) or _parse_slashed(text, known))
        if may_hold_date(text)
        else None
    )
    if parts is None or not _plausible(parts.day, now):
        return None
    return parts.iso()


def patterns_for(text: str) -> tuple[re.Pattern[str], ...]:
    """The ``PATTERNS`` that may match ``text`` (or what is left of it once others' matches
    are replaced by spaces), in order: those whose ``PATTERN_NEEDS`` character it holds."""
    held = 0
    for bit, mark in enumerate(_MARKS):
        if mark in text:
            held |= 1 << bit
    return _PATTERNS_HOLDING[held]


#: The characters of ``PATTERN_NEEDS``, and per set of them a text holds (bit i: the i-th
#: mark) the patterns it may match, so ``patterns_for`` makes no tuple per text.
_MARKS = tuple(dict.fromkeys(needs for needs in PATTERN_NEEDS if needs))
_PATTERNS_HOLDING = tuple(
    tuple(
        p
        for p, needs in zip(PATTERNS, PATTERN_NEEDS, strict=True)
        if not needs or held >> _MARKS.index(needs) & 1
    )
    for held in range(1 << len(_MARKS))
)


def may_hold_date(text: str) -> bool:
    """Whether ``text`` may hold a date ``PATTERNS`` or ``SLASHED`` could read: a year
    (``YEAR``) and a day or month number (``SHORT_NUMBER``). A text without both holds
    none: none of them matches it, nor what is left of it once others' are replaced."""
    return YEAR.search(text) is not None and SHORT_NUMBER.search(text) is not None


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


def _parse_patterns(text: str, known: Collection[str] = ()) -> _Parts | None:
    for pattern in patterns_for(text):
        for match in pattern.finditer(text):
            parts = _from_match(match)
            if parts is not None:
                return _settled(parts, known) if pattern is DAY_FIRST_DOTTED else parts
    return None


def _swapped(day: date) -> date | None:
    """``day`` with its day and month swapped, or ``None`` when that is no date or the
    same one (only dates whose parts are both 12 or under are ambiguous)."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def _settled(parts: _Parts, known: Collection[str]) -> _Parts:
    """A day-first reading, swapped when only the month-first one is a ``known`` day."""
    other = _swapped(parts.day)
    if other is None or other.isoformat() not in known or parts.day.isoformat() in known:
        return parts
    return _Parts(other, parts.time, parts.zone)


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


def _parse_slashed(text: str, known: Collection[str] = ()) -> _Parts | None:
    if "/" not in text:
        return None  # every ``SLASHED`` date holds two
    for match in SLASHED.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 and b > 12:
            continue  # no date
        if a <= 12 and b <= 12:
            settled = _known_reading(year, a, b, known)
            if settled is not None:
                return _Parts(settled)
            continue  # ambiguous, and the page does not say which
        month, day = (b, a) if a > 12 else (a, b)
        try:
            return _Parts(date(year, month, day))
        except ValueError:
            continue
    return None


def _known_reading(year: int, a: int, b: int, known: Collection[str]) -> date | None:
    """The one reading of ``a/b/year`` (month first or day first) among ``known`` days;
    ``None`` when neither or both are (or ``a`` is ``b``: then both read the same)."""
    try:
        readings = {date(year, a, b), date(year, b, a)}
    except ValueError:
        return None
    found = [d for d in readings if d.isoformat() in known]
    return found[0] if len(found) == 1 else None


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
    if found is None and not _CLOCK_TIME.search(text):
        return None, False  # neither a date nor a time: no dateline, whatever the words
    rest = text
    slashed = (SLASHED,) if "/" in text else ()  # (each of its dates holds two)
    for pattern in (*patterns_for(text), *slashed) if may_hold_date(text) else ():
        rest = pattern.sub(" ", rest)
    rest = _NON_WORD.sub("", DATELINE_WORDS.sub(" ", rest))
    return found, not rest


#: A time of day ("5:03 PM"): with the date words alone, a block is a dateline.
_CLOCK_TIME = re.compile(r"\b[0-2]?\d:[0-5]\d\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


#: <time> elements and classes that mark the publication date, best first. From the
#: markup of WordPress themes (entry-date, published), hAtom and schema.org microdata.
TIME_SELECTORS: tuple[str, ...] = (
    "time[pubdate]",
    'time[itemprop="datePublished" i]',
    "time.published, time.entry-date, time[class*=publish i]",
    "article time, main time",
    "time",
)
DOM_DATE_SELECTORS: tuple[str, ...] = (
    '[class*="publish" i], [class*="posted" i], [class*="post-date" i], [class*="entry-date" i]',
    '[class*="date" i], [id*="date" i], [class*="byline" i], [class*="meta" i]',
)


#: Ancestors of a ``<time>`` looked at for a link around it.
LINK_DEPTH = 3
#: ``<time>`` elements read per selector of ``TIME_SELECTORS``, date-classed elements per
#: selector list of ``DOM_DATE_SELECTORS`` (duplicates counted, as the css queries did).
MAX_TIMES = 5
MAX_DOM_DATES = 30
#: Longest date-classed element's ``text(separator=" ")`` read as a date (characters).
MAX_DOM_DATE_TEXT = 120


def time_element_date(page: Evidence, now: datetime | None = None) -> str | None:
    """The date of the first ``<time>`` that marks publication, best selector first; a
    ``<time>`` inside a link is a related post's teaser and is skipped. A ``<time>`` with
    no ``datetime`` is read from its text, so the story's own printed ``<time>`` is not
    passed over for a teaser's machine-readable one further down."""
    for group in range(len(TIME_SELECTORS)):
        matched = (n for n in page.times for _ in range(_time_matches(n, group, page.quirks)))
        for node in islice(matched, MAX_TIMES):
            if in_link(node):
                continue
            found = parse_date(node.get("datetime") or node.raw, now)
            if found:
                return found
    return None


def _time_matches(node: Element, group: int, quirks: bool) -> int:
    """How many selectors of ``TIME_SELECTORS[group]`` match the ``<time>`` ``node`` (a css
    query returns an element once per selector of its list it matches); ``quirks``: class
    selectors ignore ASCII case."""
    if group == 0:
        return "pubdate" in node.attrs
    if group == 1:
        return node.get("itemprop").lower() == "datepublished"
    if group == 2:
        low = node.get("class").lower()
        classes = tokens(low if quirks else node.get("class"))
        return ("published" in classes) + ("entry-date" in classes) + ("publish" in low)
    if group == 3:
        return ("article" in node.within) + ("main" in node.within)
    return 1


def in_link(node: Element) -> bool:
    """Whether ``node`` stands inside an ``<a>`` within ``LINK_DEPTH`` ancestors."""
    return any(tag == "a" for tag, _, _ in (node.up or ())[:LINK_DEPTH])


def dom_date(
    page: Evidence,
    now: datetime | None = None,
    known: Collection[str] = (),
    skip: Collection[str] = (),
) -> str | None:
    """A date in a short element whose class names a date (``post-date``, ``published``);
    ``known`` as in ``parse_date``; a date whose day is in ``skip`` (the page's clock) is
    passed over."""
    for matched in _dom_date_elements(page):
        for node in matched:
            text = node.short
            if text is not None and len(text) <= MAX_DOM_DATE_TEXT:
                found = parse_date(text, now, known)
                if found and found[:10] not in skip:
                    return found
    return None


def _dom_date_elements(page: Evidence) -> tuple[list[Element], list[Element]]:
    """The first ``MAX_DOM_DATES`` elements each selector list of ``DOM_DATE_SELECTORS``
    returns, an element once per selector of the list it matches (the native pass counts
    them: ``Element.date_marks``)."""
    first: list[Element] = []
    second: list[Element] = []
    for node in page.elements:
        marks = node.date_marks
        if not marks:
            continue
        count, more = marks % DATE_MARKS_SECOND, marks // DATE_MARKS_SECOND
        if count and len(first) < MAX_DOM_DATES:
            first.extend(repeat(node, count))
        if more and len(second) < MAX_DOM_DATES:
            second.extend(repeat(node, more))
        if len(first) >= MAX_DOM_DATES and len(second) >= MAX_DOM_DATES:
            break
    return first[:MAX_DOM_DATES], second[:MAX_DOM_DATES]
