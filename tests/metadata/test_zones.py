"""Zones: a naive time gets only the offset its page shows; never compared as if UTC."""

import gzip
from datetime import timedelta
from pathlib import Path

import dehusk
from dehusk.metadata.zones import is_naive, localise, page_offset, surely_earlier

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wcxb-demo-article.html.gz"


def test_a_moment_declared_naive_and_aware_gives_the_page_offset() -> None:
    moments = [
        ("published", "2025-12-19T15:06:50"),  # WordPress's og:article:published_time
        ("published", "2025-12-19T20:06:50+00:00"),  # article:published_time
        ("modified", "2025-12-19T15:06:50"),
    ]
    offset = page_offset(moments)
    assert offset == timedelta(hours=-5)
    assert localise("2025-12-19T15:06:50", offset) == "2025-12-19T15:06:50-05:00"
    assert localise("2025-12-19T15:06:50+01:00", offset) == "2025-12-19T15:06:50+01:00"
    assert localise("2025-12-19", offset) == "2025-12-19"


def test_no_pair_or_pairs_that_disagree_give_no_offset() -> None:
    assert page_offset([("published", "2025-12-19T15:06:50")]) is None
    # Different fields are different moments: no offset from them.
    assert (
        page_offset([("published", "2025-12-19T15:06:50"), ("modified", "2025-12-20T01:00:00Z")])
        is None
    )
    two = [
        ("published", "2025-12-19T15:06:50"),
        ("published", "2025-12-19T20:06:50+00:00"),
        ("published", "2025-12-19T18:06:50+00:00"),
    ]
    assert page_offset(two) is None
    odd = [("published", "2025-12-19T15:06:51"), ("published", "2025-12-19T20:06:50+00:00")]
    assert page_offset(odd) is None  # not a whole quarter hour: two different moments
    assert localise("2025-12-19T15:06:50", None) == "2025-12-19T15:06:50"


def test_earlier_only_when_sure_whatever_the_zone() -> None:
    assert surely_earlier("2025-12-19T10:00:00+00:00", "2025-12-19T11:00:01+00:00")
    assert surely_earlier("2025-12-19T10:00:00", "2025-12-19T11:30:00")
    # A modified time with its seconds cut, or an hour off at a daylight-saving change.
    assert not surely_earlier("2025-01-29T18:10:00+00:00", "2025-01-29T18:10:07+00:00")
    assert not surely_earlier("2025-11-03T12:42:14+00:00", "2025-11-03T08:42:10-05:00")
    # A naive 15:06 beside 20:06 UTC may be the same moment (UTC-5): not surely earlier.
    assert not surely_earlier("2025-12-19T15:06:50", "2025-12-19T20:06:50+00:00")
    assert surely_earlier("2025-12-16T15:06:50", "2025-12-19T20:06:50+00:00")
    assert not surely_earlier("2025-12-18", "2025-12-19")
    assert surely_earlier("2025-12-10", "2025-12-19T08:00:00+00:00")
    assert not surely_earlier("garbage", "2025-12-19")
    assert is_naive("2025-12-19T15:06:50") and not is_naive("2025-12-19")


def test_the_bundled_example_keeps_both_zones() -> None:
    result = dehusk.extract(gzip.decompress(EXAMPLE.read_bytes()))
    assert result.metadata.published == "2025-12-19T20:06:50+00:00"
    assert result.metadata.modified == "2025-12-19T15:06:50-05:00"
    assert not any("earlier than published" in w for w in result.warnings)


def test_a_modified_date_before_the_published_one_is_a_warning() -> None:
    page = (
        "<html><head>"
        '<meta property="article:published_time" content="2024-05-10T09:00:00+00:00">'
        '<meta property="article:modified_time" content="2024-03-01T09:00:00+00:00">'
        "</head><body><article><h1>A story</h1><p>Text of the story.</p></article></body></html>"
    )
    result = dehusk.extract(page.encode())
    # A declared published date after every modified one reads as a render time (on 6 of
    # the 8 dev pages with one it was wrong): the rules fall back, the conflict is told.
    assert result.metadata.modified == "2024-03-01T09:00:00+00:00"
    assert any(
        w == "modified '2024-03-01T09:00:00+00:00' is earlier than published "
        "'2024-05-10T09:00:00+00:00'"
        for w in result.warnings
    )
