"""The date fields: published and modified, from every date the page offers.

In: the ``Evidence`` (declared dates; through its native ``page``, the visible dates and
``<time>`` elements, read by ``date_candidates``), the body's dateline, the headline, the
URL and the clock. Out: the published and the modified date as ISO 8601, each with the zone
the page gives (a naive time gets the page's own offset when the page declares one moment
both ways, and stays naive otherwise: ``zones``), and warnings (a conflict between the two
first sources; a modified date before the published one).

``PUBLISHED`` is the order of trust: named rules, each with the reason it stands where it
stands; the first that has a value wins. The figures behind it: docs/metadata.md, "Dates".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Literal

from dehusk.metadata.date_candidates import (
    DateCandidate,
    after_modified,
    backed_visible_date,
    clock_days,
    date_candidates,
    declared_published,
    first_of,
    headline_date,
    lone_visible_date,
    original_date,
    ranked_date_candidates,
    shown_modified_date,
    shown_updated_date,
    url_month_date,
)
from dehusk.metadata.dates import parse_date, time_element_date, url_date
from dehusk.metadata.evidence import Evidence
from dehusk.metadata.keys import META_KEYS
from dehusk.metadata.order import Rule, resolve
from dehusk.metadata.rank import Chooser
from dehusk.metadata.zones import localise, page_offset, surely_earlier

DateSource = Literal[
    "url",
    "url_month",
    "original",
    "lone_visible",
    "shown_modified",
    "backed_visible",
    "meta",
    "item",
    "time",
    "dateline",
    "text",
    "jsonld",
    "dom",
    "meta_other",
    "script",
    "text_anywhere",
    "modified",
]

#: The published date's order of trust (dev article pages, rules alone, right/decided).
PUBLISHED: tuple[Rule[DateSource], ...] = (
    Rule("url", "a day in the path is the day the CMS filed the story (38/38)"),
    Rule("url_month", "a date inside the URL's year/month folder; the folder bounds it (13/13)"),
    Rule("original", "the page says it was first published then: 'originally published on'"),
    Rule(
        "lone_visible",
        "the first date by the headline, not labelled updated, more than a day from every "
        "declared date: a re-published post whose declared dates are the CMS's (15/15)",
    ),
    Rule(
        "shown_modified",
        "an unlabelled date by the headline that only the declared modified date backs, no "
        "declared published date within a day: the page prints its update as its date (6/9)",
    ),
    Rule(
        "backed_visible",
        "a date by the headline that JSON-LD, microdata or script state declares, while no "
        "<meta> published date is within a day: a <meta> re-save (72/72)",
    ),
    Rule("meta", "article:published_time, dc.date, …: declared for machines (289/297)"),
    Rule("item", "microdata datePublished: declared on the element"),
    Rule("time", "<time pubdate>/itemprop, then one inside <article>/<main>: a standard's mark"),
    Rule("dateline", "the body's dateline block, unless it shows the page's clock"),
    Rule("text", "the first date printed by the headline: what a reader sees (58/66)"),
    Rule(
        "jsonld",
        "JSON-LD datePublished: often the post's first creation where the page shows a later "
        "re-publication (the visible date is right on 33 of the 49 dev pages where they "
        "disagree), but a publisher's declaration beats a class-name guess (right on 32 of "
        "53 against 'dom')",
    ),
    Rule("dom", "a date-classed element: a guess from class names that often hits a teaser"),
    Rule("meta_other", "another date-named <meta> key ('published-date', 'Updated Date')"),
    Rule("script", "inline-script state (Next.js/Nuxt publishedDate, createdAt)"),
    Rule("text_anywhere", "the first date printed anywhere"),
    Rule("modified", "the declared modified date: better than no date (1/6)"),
)

#: Where each declared date is read: (candidate source, keys of ``META_KEYS``).
DECLARED_DATES: tuple[tuple[str, str], ...] = (
    ("meta", "published"),
    ("meta_mod", "modified"),
    ("item", "item_published"),
    ("item_mod", "item_modified"),
)
#: Other ``<meta>`` keys naming a date ("published-date", "w-published-date", "Updated Date").
OTHER_DATE_KEY = ("date", "publish", "modif", "updat", "created")
#: The declared candidates' sources per field, for the page's offset (``zones.page_offset``).
DECLARED_FIELD = MappingProxyType(
    {s: "published" for s in ("jsonld", "meta", "item")}
    | {s: "modified" for s in ("jsonld_mod", "meta_mod", "item_mod")}
)


def dates(
    ev: Evidence,
    dateline: str | None,
    headline: str,
    url: str | None,
    now: datetime,
    choose: Chooser,
) -> tuple[str | None, str | None]:
    """(published, modified); see the module docstring."""
    cands = date_candidates(ev.page, url, declared_dates(ev), dateline, headline, now)
    sources = date_sources(ev, dateline, url, now, cands)
    rules = resolve("published", PUBLISHED, sources, choose.warnings, _day)
    published = choose("published", ranked_date_candidates(cands, rules), rules or "") or None
    modified = modified_date(ev, cands, published, now)
    return zoned(published, modified, cands, choose.warnings)


def date_sources(
    ev: Evidence,
    dateline: str | None,
    url: str | None,
    now: datetime,
    dates: list[DateCandidate],
) -> Mapping[DateSource, Callable[[], str | None]]:
    tags = ev.meta
    return {
        "url_month": lambda: url_month_date(url, dates),
        "original": lambda: original_date(dates),
        "lone_visible": lambda: lone_visible_date(dates),
        "shown_modified": lambda: shown_modified_date(dates),
        "modified": lambda: first_of(dates, "meta_mod") or first_of(dates, "jsonld_mod"),
        "text": lambda: headline_date(dates),
        "text_anywhere": lambda: headline_date(dates, near=False),
        "backed_visible": lambda: backed_visible_date(dates),
        "script": lambda: declared_published(dates, "script"),
        "meta_other": lambda: declared_published(dates, "meta_other"),
        "jsonld": lambda: _unless_after_modified(parse_date(ev.jsonld.published, now), dates),
        "meta": lambda: _unless_after_modified(
            _first_date(tags.all(META_KEYS["published"]), now), dates
        ),
        "item": lambda: _unless_after_modified(
            _first_date(tags.all(META_KEYS["item_published"]), now), dates
        ),
        "time": lambda: time_element_date(ev.page, now),
        "dateline": lambda: _unless_clock(dateline, dates),
        "url": lambda: url_date(url, now),
        "dom": lambda: first_of(dates, "dom"),  # read once, by date_candidates
    }


def declared_dates(ev: Evidence) -> list[tuple[str, str, str]]:
    """Every declared date as ``(candidate source, key, raw value)``."""
    ld, tags = ev.jsonld, ev.meta
    out = [("jsonld", "datePublished", ld.published), ("jsonld_mod", "dateModified", ld.modified)]
    known: set[str] = set()
    for source, field in DECLARED_DATES:
        known.update(k.removeprefix("item:") for k in META_KEYS[field])
        out.extend((source, key, v) for key in META_KEYS[field] for v in tags.values.get(key, ()))
    out.extend(
        ("meta_other", key, v)
        for key, values in tags.values.items()
        if not key.startswith("item:")
        and key not in known
        and any(w in key for w in OTHER_DATE_KEY)
        for v in values
    )
    return [d for d in out if d[2]]


def modified_date(
    ev: Evidence, dates: list[DateCandidate], published: str | None, now: datetime
) -> str | None:
    """The declared modified date (JSON-LD, ``<meta>``, microdata), else the update the page
    prints by its headline, unless that comes before the published day."""
    tags = ev.meta
    declared = parse_date(
        ev.jsonld.modified
        or tags.first(META_KEYS["modified"])
        or tags.first(META_KEYS["item_modified"]),
        now,
    )
    if declared:
        return declared
    shown = shown_updated_date(dates)
    return shown if shown and (not published or shown[:10] >= published[:10]) else None


def zoned(
    published: str | None, modified: str | None, dates: list[DateCandidate], warnings: list[str]
) -> tuple[str | None, str | None]:
    """Published and modified with the page's own offset written on a naive time (when the
    page declares one moment both naive and aware, ``zones.page_offset``). A modified time
    surely before the published one, or before a published date the page declares (which
    the rules drop as a render time, ``date_candidates.after_modified``), is kept, with a
    warning."""
    declared = [(DECLARED_FIELD[c.source], c.value) for c in dates if c.source in DECLARED_FIELD]
    offset = page_offset(declared)
    published, modified = localise(published, offset), localise(modified, offset)
    claims = [published] if published else []
    claims += [localise(v, offset) or v for field, v in declared if field == "published"]
    later = next((p for p in claims if modified and surely_earlier(modified, p)), None)
    if later:
        warnings.append(f"modified {modified!r} is earlier than published {later!r}")
    return published, modified


def _unless_clock(value: str | None, dates: list[DateCandidate]) -> str | None:
    """The body's dateline, or ``None`` when it shows the page's clock (today's date in a
    header, which the block classifier may take for a dateline)."""
    return None if value and value[:10] in clock_days(dates) else value


def _unless_after_modified(value: str | None, dates: list[DateCandidate]) -> str | None:
    """A declared published date, or ``None`` when it comes after every declared modified
    date (``date_candidates.after_modified``)."""
    return None if value and after_modified(value, dates) else value


def _first_date(values: tuple[str, ...], now: datetime) -> str | None:
    return next((d for v in values if (d := parse_date(v, now))), None)


def _day(value: str) -> str:
    return value[:10]
