"""Zones: a time keeps the zone its page gives, and naive and aware times are never compared
as if the naive one were UTC.

In: the ISO 8601 strings ``dates.parse_date`` returns (``2025-12-19``,
``2025-12-19T15:06:50``, ``2025-12-19T20:06:50+00:00``). Out: the page's own UTC offset when
it declares one moment both ways (``page_offset``), a naive time given that offset
(``localise``), and whether one time is surely earlier than another (``surely_earlier``).

Why: CMSs write the same moment twice, once in the site's wall clock without a zone
(WordPress's ``og:article:published_time`` "2025-12-19 15:06:50") and once in UTC
(``article:published_time`` "2025-12-19T20:06:50+00:00"). The pair gives the page's offset
(−05:00); any other naive time the page declares is in the same wall clock. Without such a
pair a naive time stays naive: its zone is unknown, and reading it as UTC would make an
update at 15:06 local look five hours older than the story.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

#: Offsets in use run from UTC−12 to UTC+14, in quarter hours.
MAX_OFFSET = timedelta(hours=14)
QUARTER_HOUR = timedelta(minutes=15)
#: Between a naive and an aware time, or two days, "earlier" needs more than a day: a naive
#: wall clock may sit anywhere from UTC−12 to UTC+14.
DAY_MARGIN = timedelta(days=1)
#: Between two instants, "earlier" needs more than an hour: CMSs write the modified time
#: with its seconds cut or an hour off at a daylight-saving change (on the dev pages 7
#: modified times sit 4–60 seconds, or an hour, before their own published time).
INSTANT_MARGIN = timedelta(hours=1)


def _read(value: str) -> datetime | date | None:
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def is_naive(value: str) -> bool:
    """Whether ``value`` has a time and no zone."""
    when = _read(value)
    return isinstance(when, datetime) and when.tzinfo is None


def page_offset(moments: Iterable[tuple[str, str]]) -> timedelta | None:
    """The page's UTC offset from one field declared both naive and aware.

    ``moments``: ``(field, ISO value)`` pairs of the declared dates (field "published" or
    "modified"). The offset is ``naive − aware in UTC`` for a naive and an aware value of
    the same field, when it is a whole quarter hour within ±14 h and every such pair gives
    the same one; otherwise ``None``.
    """
    naive: dict[str, set[datetime]] = {}
    aware: dict[str, set[datetime]] = {}
    for field, value in moments:
        when = _read(value)
        if isinstance(when, datetime):
            side = naive if when.tzinfo is None else aware
            side.setdefault(field, set()).add(when)
    offsets = {
        local - utc.astimezone(UTC).replace(tzinfo=None)
        for field, locals_ in naive.items()
        for local in locals_
        for utc in aware.get(field, ())
    }
    plausible = {o for o in offsets if abs(o) <= MAX_OFFSET and o % QUARTER_HOUR == timedelta()}
    return plausible.pop() if len(plausible) == 1 else None


def localise(value: str | None, offset: timedelta | None) -> str | None:
    """``value`` with ``offset`` written on it when it is a naive time; else unchanged."""
    if not value or offset is None or not is_naive(value):
        return value
    when = datetime.fromisoformat(value)
    sign, left = ("-", -offset) if offset < timedelta() else ("+", offset)
    hours, minutes = divmod(int(left.total_seconds()) // 60, 60)
    return f"{when.isoformat()}{sign}{hours:02d}:{minutes:02d}"


def surely_earlier(first: str, second: str) -> bool:
    """Whether ``first`` is earlier than ``second`` whatever zone a naive one is in: two
    aware times or two naive ones when more than ``INSTANT_MARGIN`` apart; a day, or a naive
    beside an aware time, only when more than a day apart."""
    a, b = _read(first), _read(second)
    if a is None or b is None:
        return False
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) == (b.tzinfo is None):
            return a + INSTANT_MARGIN < b
        return a.replace(tzinfo=None) + DAY_MARGIN < b.replace(tzinfo=None)
    day_a = a.date() if isinstance(a, datetime) else a
    day_b = b.date() if isinstance(b, datetime) else b
    return day_a + DAY_MARGIN < day_b
