"""Text mode, first steps: bytes → str → lines → a ``Page`` of one segment per line.

In: flattened page text (bytes or str). Out: ``(text, warnings)`` from ``decode_text`` and a
``Page`` from ``lines_to_page``: one ``Segment`` per non-empty line, in order; the runs of
lines between blank lines are the page's ``Container`` values (a blank line is the only
structure flattened text keeps, so it is the container boundary and a feature).

Decoding: a BOM; the caller's charset; strict UTF-8; else line by line — lines that are
valid UTF-8 stay UTF-8 and the others are decoded with the charset detected on them
(crawl dumps concatenate pages of different charsets). CRLF and CR become LF, NULs and
other control characters (tabs and form feeds aside) go, and UTF-8 that an earlier tool
read as cp1252 is undone (``decode.undo_double_encoding``).
"""

from __future__ import annotations

import contextlib
import re

from charset_normalizer import from_bytes

from dehusk.article import Container, Label, Page, Segment
from dehusk.decode import (
    decode,
    double_encoding_warning,
    looks_binary,
    sniff_bom,
    undo_double_encoding,
)
from dehusk.errors import DecodeError, InputTooLarge

#: Longest line kept whole (characters); a longer one is cut at sentence ends into
#: pieces of about this size (a whole page on one line is still a page).
MAX_LINE_CHARS = 20_000
#: Most lines read from one page; more is not a page (a log, a word list).
MAX_LINES = 200_000

#: Hard-wrapped paragraphs (text dumps wrapped at a fixed width): a run of at least
#: ``WRAP_MIN_LINES`` lines between blank lines whose lines but the last are all between
#: ``WRAP_SHARE`` of the longest and the longest, itself ``WRAP_MIN_WIDTH``–``WRAP_MAX_WIDTH``
#: characters, is one paragraph.
WRAP_MIN_LINES = 3
WRAP_MIN_WIDTH = 50
WRAP_MAX_WIDTH = 140
WRAP_SHARE = 0.75

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?。])\s+")


def decode_text(
    data: bytes | str, *, encoding: str | None = None, max_bytes: int = 64 << 20
) -> tuple[str, tuple[str, ...]]:
    """The text of flattened page bytes, newlines normalised (see the module docstring)."""
    if isinstance(data, str):
        text, warnings = decode(data, max_bytes=max_bytes)
    else:
        if len(data) > max_bytes:
            raise InputTooLarge(f"input is {len(data)} bytes, limit {max_bytes}")
        codec, body = sniff_bom(data)
        if codec or encoding:
            text, warnings = decode(data, encoding=encoding, max_bytes=max_bytes)
        else:
            text, warnings = _per_line(body)
            text, undone = undo_double_encoding(text)  # decode() does it on its own paths
            if undone:
                warnings = (*warnings, double_encoding_warning(undone))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text.replace("\x00", "")), warnings


def _per_line(body: bytes) -> tuple[str, tuple[str, ...]]:
    """Strict UTF-8, else UTF-8 lines kept and the others decoded with a detected charset."""
    if looks_binary(body):
        raise DecodeError("input looks binary (control bytes), not text")
    try:
        return body.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    lines = body.split(b"\n")
    good: dict[int, str] = {}
    for i, line in enumerate(lines):
        with contextlib.suppress(UnicodeDecodeError):
            good[i] = line.decode("utf-8")
    rest = b"\n".join(line for i, line in enumerate(lines) if i not in good)
    best = from_bytes(rest[:200_000]).best()
    codec = best.encoding if best is not None and best.encoding else "cp1252"
    out = [good[i] if i in good else line.decode(codec, "replace") for i, line in enumerate(lines)]
    warning = (
        f"mixed encodings: {len(lines) - len(good)} line(s) decoded as {codec}, the rest as UTF-8"
        if good
        else f"charset detected as {codec}"
    )
    return "\n".join(out), (warning,)


def split_long(line: str) -> list[str]:
    """A line cut into pieces of at most about ``MAX_LINE_CHARS``, at sentence ends
    where it has them, else anywhere."""
    if len(line) <= MAX_LINE_CHARS:
        return [line]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_SPLIT.split(line):
        while len(sentence) > MAX_LINE_CHARS:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:MAX_LINE_CHARS])
            sentence = sentence[MAX_LINE_CHARS:]
        if current and len(current) + len(sentence) + 1 > MAX_LINE_CHARS:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def is_wrapped(lines: list[str]) -> bool:
    """Whether a run of lines is one paragraph hard-wrapped at a fixed width."""
    if len(lines) < WRAP_MIN_LINES:
        return False
    width = max(len(line) for line in lines)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return False
    return all(len(line) >= WRAP_SHARE * width for line in lines[:-1])


def _groups(text: str) -> list[list[str]]:
    """The runs of non-empty lines between blank lines, whitespace folded; a hard-wrapped
    run is joined into one line."""
    groups: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [[" ".join(g)] if is_wrapped(g) else g for g in groups if g]


def lines_to_page(text: str) -> tuple[Page, tuple[str, ...]]:
    """One ``Segment`` per non-empty line; each run between blank lines is a container.

    Returns the page and warnings (lines cut, lines dropped over ``MAX_LINES``).
    """
    segments: list[Segment] = []
    containers = [Container(tag="body", parent=-1, depth=0)]
    warnings: list[str] = []
    cut = 0
    for lines in _groups(text):
        containers.append(Container(tag="p", parent=0, depth=1, nth=len(containers)))
        group = len(containers) - 1
        for line in lines:
            cut += _add(segments, line, group)
        if len(segments) >= MAX_LINES:
            warnings.append(f"more than {MAX_LINES} lines: the rest was not read")
            break
    if cut:
        warnings.append(f"{cut} line(s) longer than {MAX_LINE_CHARS} characters were cut")
    return Page(tuple(segments), tuple(containers)), tuple(warnings)


def _add(segments: list[Segment], line: str, group: int) -> bool:
    """Append one line's segments (a very long line cut in pieces); True if it was cut."""
    pieces = split_long(line)
    segments.extend(Segment(piece, Label.PARAGRAPH, group, tag="p") for piece in pieces)
    return len(pieces) > 1
