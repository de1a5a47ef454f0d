"""Decode stage: bytes → str, in the HTML standard's order.

In: the page as bytes (or str, passed through) and optionally the caller's charset (from
HTTP or the user). Out: ``(text, warnings)``. Order: a BOM; the caller's charset; a
``<meta charset>`` / ``http-equiv`` declaration in the first 4 KiB; then detection (strict
UTF-8 first, UTF-16 by its zero bytes, then ``dehusk.charsets.guess_charset``, the
legacy charset whose reading the language identifier believes; charset-normalizer only when
none decodes cleanly). Raises ``DecodeError`` for binary junk and
``InputTooLarge`` above the byte limit.

Then text that was UTF-8 read as cp1252 or latin-1 and saved again ("Investorâ\x80\x99s",
"cafÃ©": a crawler's or a CMS's double encoding) is put back, sequence by sequence, with a
warning: each sequence is undone only when its bytes are valid UTF-8, and a page only when
it has several such sequences or one that no language writes (see ``MIN_UNDONE``). A str
input's lone surrogates become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from dehusk._native.walk import double_encoding_suspect, lone_surrogates
from dehusk.charsets import SINGLE_BYTE, guess_charset, mixes_scripts, sniff_utf16
from dehusk.errors import DecodeError, InputTooLarge

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)

# WHATWG Encoding Standard: labels that browsers decode as a superset codec.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "utf-16": "utf-8",  # a <meta> cannot truthfully declare UTF-16 (the standard says so)
}

#: Single-byte charsets that pages often declare while actually sending UTF-8.
_LATIN_LIKE = frozenset({"cp1252", "cp1254", "cp1250", "iso8859-15", "iso8859-2"})

#: Replacement characters a declared charset may produce before detection takes over.
MAX_REPLACEMENTS = 8
MAX_REPLACEMENT_SHARE = 0.001

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Share of control bytes above which we call the input binary, not text.
_BINARY_SHARE = 0.10
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, _SUPERSETS.get(label.strip().lower(), name))


def sniff_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None, data


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` in the first 4 KiB declares, as a codec name."""
    match = _META_CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls / len(sample) > _BINARY_SHARE


def _utf8_or_none(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> tuple[str, list[str]]:
    text = _utf8_or_none(data)
    if text is not None:
        return text, []
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, ["invalid UTF-8 bytes replaced (the rest of the page is UTF-8)"]
    codec = guess_charset(data)
    if codec is None:  # no legacy charset decodes the bytes cleanly: damaged; ask a generalist
        best = from_bytes(data[:200_000]).best()
        if best is None or best.encoding is None:
            return data.decode("utf-8", "replace"), ["charset undetectable; decoded as UTF-8"]
        codec = best.encoding
    return data.decode(codec, "replace"), [f"charset detected as {codec}"]


#: A well-formed UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
#: Well-formed multibyte sequences needed per bad byte to call a page damaged UTF-8: legacy
#: text almost never forms them ("Ã©" is the mark of UTF-8 read as latin-1, not of latin-1).
UTF8_EVIDENCE = 1


def _damaged_utf8(data: bytes) -> str | None:
    """The page as UTF-8 when it is UTF-8 with a few stray bytes, else None."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    sequences = len(_UTF8_SEQUENCE.findall(data[:1_000_000]))
    if not _fits(text) or sequences == 0 or sequences < UTF8_EVIDENCE * bad:
        return None
    return text


def decode(
    data: bytes | str, *, encoding: str | None = None, max_bytes: int = 64 << 20
) -> tuple[str, tuple[str, ...]]:
    """Turn the page's bytes into text; see the module docstring for the order."""
    warnings: tuple[str, ...] = ()
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise InputTooLarge(f"input is {len(data)} characters, limit {max_bytes}")
        text, warnings = _checked_str(data)
    else:
        text, warnings = _decode_bytes(data, encoding, max_bytes)
    undone = 0
    if double_encoding_suspect(text):  # native: a hundredth of the cost of the regex below
        text, undone = undo_double_encoding(text)
    if undone:
        warnings = (*warnings, double_encoding_warning(undone))
    return text, warnings


def _checked_str(data: str) -> tuple[str, tuple[str, ...]]:
    """A str input and its warnings.

    A lone surrogate (``"\\ud800"``, from a bad ``surrogateescape`` or a JSON ``\\ud800``) is
    not text: no UTF-8 encodes it, and the parser and ``to_dict`` JSON would fail on it.
    Each becomes U+FFFD, with a warning.
    """
    bad = lone_surrogates(data)
    if not bad:
        return data, ()
    fixed = _SURROGATE.sub("\ufffd", data)
    return fixed, (f"{bad} lone surrogate(s) in the str input replaced by U+FFFD",)


def double_encoding_warning(undone: int) -> str:
    return f"{undone} double-encoded sequence(s) (UTF-8 read as cp1252/latin-1) undone"


def _decode_bytes(data: bytes, encoding: str | None, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    if len(data) > max_bytes:
        raise InputTooLarge(f"input is {len(data)} bytes, limit {max_bytes}")
    bom_codec, body = sniff_bom(data)
    if bom_codec:
        return body.decode(bom_codec, "replace"), ()
    codec = _codec(encoding)
    said_utf16 = (encoding or "").strip().lower().replace("_", "-").startswith("utf-16")
    if codec is None or said_utf16:
        # Before the binary test: UTF-16's zero bytes look like control bytes.
        utf16 = sniff_utf16(body)
        if utf16:
            said = () if said_utf16 else (f"charset detected as {utf16}",)
            return body.decode(utf16, "replace"), said
    if looks_binary(body):
        raise DecodeError("input looks binary (control bytes), not an HTML page")
    warnings: list[str] = []
    if encoding and codec is None:
        warnings.append(f"unknown encoding {encoding!r} ignored")
    from_meta = codec is None
    codec = codec or declared_charset(body)
    if from_meta or codec in _LATIN_LIKE or codec in SINGLE_BYTE:
        # Pages often declare latin-1 (or anything) in a <meta> but send UTF-8; valid UTF-8
        # with non-ASCII is proof. The caller's multibyte charset is taken at its word.
        utf8 = _utf8_or_none(body)
        if utf8 is not None:
            return utf8, tuple(warnings)
    if codec:
        text = body.decode(codec, "replace")
        # A <meta> that names the wrong single-byte charset decodes without a fault but
        # writes Cyrillic or Greek inside French words ("trиs"): that reading is a lie too.
        if _fits(text) and not (from_meta and mixes_scripts(body, codec)):
            return text, tuple(warnings)
        warnings.append(f"declared charset {codec} does not fit the bytes")
    text, more = _detect(body)
    return text, (*warnings, *more)


#: cp1252's characters for the bytes 0x80-0x9F (Python's cp1252 leaves five undefined: those
#: arrive as latin-1's C1 controls, which the class below takes too).
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", "ignore")
_CONT = f"[\u0080-\u00bf{_CP1252_HIGH}]"
#: A UTF-8 lead byte's character followed by as many continuation bytes' characters as it
#: needs. Two-byte leads are only those double encoding writes all the time: Â Ã (Latin-1's
#: own letters and signs), Å Æ Ë (cp1252's Œ š ƒ ˜…), Î Ï (Greek), Ð Ñ (Cyrillic), Ø Ù
#: (Arabic). Other capitals before a quote or a dash are real text: French «CAFÉ» ("É»" is
#: C9 BB, valid UTF-8 for "ɻ"), German „Fuß“ ("ß“" is DF 93 in cp1252, for NKo "ߓ").
_DOUBLE_ENCODED = re.compile(
    f"[\u00c2\u00c3\u00c5\u00c6\u00cb\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9]{_CONT}"
    f"|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)
#: Sequences a page must have to be undone, unless one of them is a hallmark that no language
#: writes: "â€" (E2 80-82: ’ “ ” – — … • € as UTF-8 read as cp1252) or a four-byte sequence
#: ("ðŸ˜ž", an emoji). A double-encoded page
#: repeats its mojibake; real text makes a stray sequence now and then: "MAÇÃ»", or
#: "café" and two no-break spaces (E9 A0 A0 is valid UTF-8, for "頠").
MIN_UNDONE = 3


def undo_double_encoding(text: str) -> tuple[str, int]:
    """``text`` with each UTF-8-read-as-cp1252 sequence decoded again, and how many were.

    A sequence whose bytes are not valid UTF-8 stays as it is, so real Latin text ("Øl",
    "straße") is never touched: its letters are not followed by continuation characters.
    Nothing is undone unless the page has the hallmark or ``MIN_UNDONE`` sequences.
    """
    undone, hallmarks = 0, 0

    def repair(match: re.Match[str]) -> str:
        nonlocal undone, hallmarks
        seq = match.group()
        try:
            raw = bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in seq)
            fixed = raw.decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return seq
        undone += 1
        hallmarks += len(raw) == 4 or (raw[0] == 0xE2 and raw[1] <= 0x82)
        return fixed

    if text.isascii():
        return text, 0
    fixed = _DOUBLE_ENCODED.sub(repair, text)
    if not hallmarks and undone < MIN_UNDONE:
        return text, 0
    return fixed, undone


def _fits(text: str) -> bool:
    """Whether a decoding has few enough replacement characters to trust the charset.

    A handful of stray bytes in a long page is damage, not a wrong charset.
    """
    bad = text.count("\ufffd")
    return bad <= MAX_REPLACEMENTS or bad <= len(text) * MAX_REPLACEMENT_SHARE
