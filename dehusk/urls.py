"""URLs as pages and callers write them, read without raising.

In: a URL string, maybe malformed. Out: its parts, its host or path, or a reference joined
to a base; ``None`` or ``""`` for one that ``urllib.parse`` refuses. ``urlsplit`` raises
``ValueError`` on a bad IPv6 literal ("http://[x/", "//[::1/photo.jpg"), and a page can
carry one in any ``src``, ``href`` or ``og:url``: read through these, such a URL costs the
one fact it held, never the page.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def split(url: str | None) -> SplitResult | None:
    """``urlsplit(url)``; ``None`` when it refuses ``url`` ("" splits to empty parts)."""
    try:
        return urlsplit(url or "")
    except ValueError:
        return None


def host(url: str | None) -> str:
    """The URL's host name, lowercase ("" for none or a malformed URL)."""
    parts = split(url)
    return (parts.hostname or "") if parts else ""


def path(url: str | None) -> str:
    """The URL's path ("" for none or a malformed URL)."""
    parts = split(url)
    return parts.path if parts else ""


def join(base: str, ref: str) -> str:
    """``urljoin(base, ref)``; "" when either is malformed."""
    try:
        return urljoin(base, ref)
    except ValueError:
        return ""


def well_formed(url: str) -> bool:
    """Whether ``urllib.parse`` reads ``url`` (its host, its port) without raising."""
    parts = split(url)
    if parts is None:
        return False
    try:
        parts.port  # noqa: B018 -- reading it is the test: a port past 65535 raises
    except ValueError:
        return False
    return True
