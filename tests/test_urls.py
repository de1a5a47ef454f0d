"""``dehusk.urls``: what urllib refuses reads as nothing, never as an exception."""

from __future__ import annotations

import pytest

from dehusk.urls import host, join, path, split, well_formed

#: Refused by ``urlsplit`` (a bracket that opens no valid IPv6 literal).
REFUSED = ("http://[x/y.jpg", "//[::1/photo.jpg", "https://[2001:db8::1/story")


@pytest.mark.parametrize("url", REFUSED)
def test_a_refused_url_has_no_parts(url: str) -> None:
    assert split(url) is None
    assert host(url) == ""
    assert path(url) == ""
    assert join("https://example.org/a/", url) == ""
    assert join(url, "photo.jpg") == ""
    assert not well_formed(url)


def test_a_port_past_the_range_is_not_well_formed() -> None:
    assert split("https://example.org:99999/x") is not None  # it splits; its port raises
    assert not well_formed("https://example.org:99999/x")
    assert well_formed("https://example.org:8080/x")


def test_ordinary_urls_read_as_urllib_reads_them() -> None:
    assert host("https://WWW.Example.org/News/story?x=1") == "www.example.org"
    assert path("https://example.org/News/story?x=1") == "/News/story"
    assert join("https://example.org/a/b.html", "../c.jpg") == "https://example.org/c.jpg"
    assert host(None) == "" and path(None) == ""
    assert split("") is not None
