"""The dragnet dev set: its plain-text truth and a site key for pages that record no URL.

In: ``shared/bench-data/dragnet`` (``html/ID.html.gz``, ``ground-truth/ID.txt``). Out: one
``PageInfo`` per page (``dataset="dragnet"``, ``page_type="article"``), by file id.

Truth: UTF-8 with a cp1252 fallback (43 files), CRLF made LF, and only what precedes the
reader-comments separator (``!@#$%^&*()  COMMENTS``, its punctuation varying).

Site key (``PageInfo.domain``, what folds are grouped by): no URL is recorded, so each page
offers keys and pages sharing a key are joined (union-find):

- the host of its ``<link rel=canonical>`` or ``og:url`` (808 pages), ``www.`` dropped;
- the first and the last part of its ``<title>`` cut at a site separator (`` - ``, `` | ``,
  em dash, ``: ``, `` » ``): a blog's name is its titles' constant prefix or suffix;
- the host of its first absolute stylesheet (the site's template);
- the host its absolute links name most often (a site links to itself more than to any other).

A title or stylesheet key is used only when it appears on at least two pages and never on pages
whose known hosts differ: a key spanning two known sites is a shared provider (a CDN, a word
like "News"), not a site. A group's key is its most common host, else its most common key.
``PageInfo.url`` stays ``None``: the set records none, and an extractor reads the page's own
canonical link if it wants it.
"""

from __future__ import annotations

import gzip
import html as html_lib
import re
from collections import Counter, defaultdict
from pathlib import Path

from .datasets import PageInfo, Truth

#: The separator line before readers' comments (README: ``!@.{0,8}\)?\s*COMMENTS``; this
#: also takes the 4 files whose punctuation starts otherwise, e.g. ``!#@$%^&*()``).
COMMENTS_LINE = re.compile(r"^[ \t]*[!@#$%^&*() \t]{4,}COMMENTS[ \t]*$", re.M)
_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+og:url[^>]*>", re.I)
_ABS_URL = re.compile(rb"(?:href|content)=[\"']?(https?://[^\"' >]+)", re.I)
_STYLESHEET = re.compile(rb"<link[^>]+stylesheet[^>]*>", re.I)
_HREF_HOST = re.compile(rb"href=[\"']?https?://([^/\"' >:]+)", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)
#: Title separators between a post's name and the site's (hyphen, bar, dashes, colon, guillemet).
_TITLE_SPLIT = re.compile(r"\s+[-|\u2013\u2014\u00bb:]\s+|:\s+|\s*\u2014\s*")
#: Where a page's canonical link, title and stylesheets are looked for.
HEAD_BYTES = 65536


def read_truth(path: Path) -> str:
    """The article truth of one file: decoded (UTF-16 by its BOM, else UTF-8, else cp1252),
    LF line ends, cut before the comments."""
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # five files (27, 39, 42, 49, 158)
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cut = COMMENTS_LINE.search(text)
    return (text[: cut.start()] if cut else text).strip()


def _host(url: bytes) -> str:
    host = url.decode("latin-1").split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.lower().removeprefix("www.")


def page_keys(html: bytes) -> tuple[str | None, list[str]]:
    """A page's canonical host (``None`` if it names none) and its weaker site keys.

    Canonical, title and stylesheet are read from the first ``HEAD_BYTES``, links from all.
    """
    head = html[:HEAD_BYTES]
    host = None
    for tag in _CANONICAL.finditer(head):
        found = _ABS_URL.search(tag.group(0))
        if found:
            host = _host(found.group(1))
            break
    keys: list[str] = []
    title = _TITLE.search(head)
    if title:
        text = html_lib.unescape(title.group(1).decode("utf-8", "replace")).strip().lower()
        parts = [p.strip() for p in _TITLE_SPLIT.split(text) if p.strip()]
        if len(parts) >= 2:
            keys += [f"title^{parts[0]}", f"title${parts[-1]}"]
    for tag in _STYLESHEET.finditer(head):
        found = _ABS_URL.search(tag.group(0))
        if found:
            keys.append(f"css:{_host(found.group(1))}")
            break
    linked = Counter(h.lower().removeprefix(b"www.") for h in _HREF_HOST.findall(html))
    if linked:
        keys.append(f"links:{linked.most_common(1)[0][0].decode('latin-1')}")
    return host, keys


def site_keys(hosts: dict[str, str | None], weak: dict[str, list[str]]) -> dict[str, str]:
    """Page id → site key, joining pages that share a host or a trusted weak key."""
    parent = {pid: pid for pid in hosts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(ids: list[str]) -> None:
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])

    by_key: dict[str, list[str]] = defaultdict(list)
    for pid, host in hosts.items():
        if host:
            by_key[f"host:{host}"].append(pid)
    for pid, keys in weak.items():
        for key in dict.fromkeys(keys):
            by_key[key].append(pid)
    for key, ids in by_key.items():
        known = {hosts[i] for i in ids if hosts[i]}
        if key.startswith("host:") or (len(ids) >= 2 and len(known) <= 1):
            join(ids)
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in hosts:
        groups[find(pid)].append(pid)
    out: dict[str, str] = {}
    for ids in groups.values():
        named = Counter(hosts[i] for i in ids if hosts[i])
        if named:
            name = named.most_common(1)[0][0]
        else:
            shared = Counter(k for i in ids for k in weak[i] if len(by_key[k]) >= 2)
            name = shared.most_common(1)[0][0] if shared else f"page:{min(ids)}"
        out.update({i: name or "" for i in ids})
    return out


def load_dragnet(data_dir: Path) -> list[PageInfo]:
    """Every dragnet page at ``data_dir`` by file id (reads each page for its keys)."""
    truth_dir = data_dir / "ground-truth"
    ids = sorted(p.name.removesuffix(".txt") for p in truth_dir.glob("*.txt"))
    hosts: dict[str, str | None] = {}
    weak: dict[str, list[str]] = {}
    for pid in ids:
        with gzip.open(data_dir / "html" / f"{pid}.html.gz", "rb") as fh:
            hosts[pid], weak[pid] = page_keys(fh.read())
    sites = site_keys(hosts, weak)
    return [
        PageInfo(
            file_id=pid,
            url=None,
            page_type="article",
            domain=sites[pid],
            truth=Truth(main=read_truth(truth_dir / f"{pid}.txt")),
            dataset="dragnet",
        )
        for pid in ids
    ]
