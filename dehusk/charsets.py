"""Charset detection for pages that declare none: which legacy charset wrote these bytes.

In: the page's bytes (already known not to be UTF-8 and to have no BOM). Out: a Python codec
name, or ``None`` when no candidate decodes the bytes cleanly. ``sniff_utf16`` tells UTF-16
without a BOM by its zero bytes.

How: a page's non-ASCII bytes mean different letters in each legacy charset, and only one
reading is a language. Each candidate of ``CANDIDATES`` decodes a sample of the page's text
(the text between tags, scripts and styles left out; runs holding non-ASCII bytes first,
then ASCII runs for context), strictly: a byte the charset lacks, or a C1 control
character, rules it out. The language identifier (py3langid, already a dependency for
``metadata.language``) then scores each reading: the probability of the likeliest
language *written in that charset*, lowered by the share of words that mix Latin letters
with another alphabet's (no language writes "invбlido", which is Spanish in cp1251), times
a small prior for how common the charset is on the web. The best score wins; readings
that are the same text share one identifier run.

Why not charset-normalizer alone: on short Western pages it picks by a coherence margin of a
few hundredths, so a French paragraph in cp1252 came out as cp1250/cp1257 ("trčs" for
"très"), and it misses Czech in latin-2 and Greek in ISO-8859-7. benchmarks/charset_bench.py
measures both (figures in docs/decisions.md).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: Languages (py3langid codes) that are written in each candidate charset, in the order
#: the candidates are tried (ties go to the earlier one). Latin-1 is not listed: browsers
#: read it as cp1252 (WHATWG), and a reading without 0x80-0x9F bytes is the same text.
_WESTERN = (
    "en fr de es it pt nl da sv no nn fi is ca eu gl af sq ga cy br lb oc wa fo id ms tl sw la eo"
)
_CENTRAL = "cs sk pl hu sl hr bs sr ro"
_CYRILLIC = "ru uk bg be mk sr kk ky mn tg tt ba"
CANDIDATES: dict[str, frozenset[str]] = {
    codec: frozenset(languages.split())
    for codec, languages in (
        ("cp1252", _WESTERN),
        ("cp1251", _CYRILLIC),
        ("iso-8859-2", _CENTRAL),
        ("cp1250", _CENTRAL),
        ("koi8-r", "ru bg"),
        ("koi8-u", "uk"),
        ("iso-8859-7", "el"),
        ("cp1253", "el"),
        ("cp1254", "tr az"),
        ("cp1257", "lt lv et ltg"),
        ("cp1255", "he"),
        ("cp1256", "ar fa ur"),
        ("cp874", "th"),
        ("cp1258", "vi"),
        ("cp932", "ja"),
        ("euc-jp", "ja"),
        ("gb18030", "zh wuu"),
        ("big5", "zh yue"),
        ("cp949", "ko"),
    )
}

#: The candidates that give every byte one character (a lying declaration of one of them
#: decodes anything without a fault).
SINGLE_BYTE = frozenset(
    c for c in CANDIDATES if c.startswith(("cp12", "iso-8859", "koi8", "cp874"))
)

#: How common each charset is on undeclared pages, as a tie-breaker between readings the
#: identifier finds about equally likely (a Korean page read as Thai is Thai to it too).
#: cp1252 is the web's default legacy charset (WHATWG's fallback for most locales).
_PRIOR = {
    "cp1252": 1.0,
    **dict.fromkeys(("cp1254", "cp1255", "cp1256", "koi8-r"), 0.9),
    **dict.fromkeys(("koi8-u", "cp1257", "cp874", "cp1258"), 0.8),
}
_PRIOR_DEFAULT = 0.95

#: Bytes of text sampled: runs with non-ASCII bytes (the evidence), then ASCII runs (context
#: that tells the language); a run is never cut, so a multibyte character stays whole.
SAMPLE_EVIDENCE = 2000
SAMPLE_CONTEXT = 2000

_SCRIPT_OR_STYLE = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(rb"<[^>]*>")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_C1 = re.compile("[\x80-\x9f]")
#: A Latin letter touching a letter of an alphabet that no language mixes with Latin inside
#: a word (Greek, Cyrillic, Hebrew, Arabic, Thai). CJK and Hangul are left out: "domain이"
#: is ordinary Korean.
_OTHER = "\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f"
_MIXED = re.compile(f"[A-Za-z][{_OTHER}]|[{_OTHER}][A-Za-z]")

#: UTF-16 without a BOM: HTML is mostly ASCII markup, so one byte of most pairs is zero.
UTF16_ZERO_SHARE = 0.3


def sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the zero bytes fall on one side of the pairs."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if odd >= pairs * UTF16_ZERO_SHARE and even <= pairs * 0.02:
        return "utf-16-le"
    if even >= pairs * UTF16_ZERO_SHARE and odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def _upto(runs: list[bytes], limit: int) -> list[bytes]:
    out, size = [], 0
    for run in runs:
        if size >= limit:
            break
        out.append(run)
        size += len(run)
    return out


def text_sample(data: bytes) -> bytes:
    """The text between the page's tags, non-ASCII runs first; see the module docstring."""
    runs = [run.strip() for run in _TAG.split(_SCRIPT_OR_STYLE.sub(b" ", data[:1_000_000]))]
    evidence = [run for run in runs if _NON_ASCII.search(run)]
    context = [run for run in runs if run and not _NON_ASCII.search(run)]
    return b" ".join(_upto(evidence, SAMPLE_EVIDENCE) + _upto(context, SAMPLE_CONTEXT))


@cache
def _identifier() -> Any:
    """py3langid's model, loaded on first use (its import costs ~0.2 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


#: Share of non-ASCII words that mix alphabets above which a reading is mojibake.
MIXED_SHARE = 0.2


def mixes_scripts(data: bytes, codec: str) -> bool:
    """Whether ``codec``'s reading of the page writes letters of two alphabets in one word
    (Latin with Greek, Cyrillic, Hebrew, Arabic or Thai) in many of its non-ASCII words."""
    sample = text_sample(data).decode(codec, "replace")
    words = [word for word in sample.split() if not word.isascii()]
    mixed = sum(1 for word in words if _MIXED.search(word))
    return bool(words) and mixed > MIXED_SHARE * len(words)


def reading_score(text: str, codec: str, probs: dict[str, float] | None = None) -> float:
    """How believable ``text`` is as a page written in ``codec`` (0 to 1).

    ``probs`` is the identifier's ranking of ``text`` when the caller has it already.
    """
    probs = probs if probs is not None else dict(_identifier().rank(text))
    language = max(float(probs.get(code, 0.0)) for code in CANDIDATES[codec])
    words = text.split()
    mixed = sum(1 for word in words if _MIXED.search(word)) / max(1, len(words))
    return language * (1.0 - mixed) * _PRIOR.get(codec, _PRIOR_DEFAULT)


def guess_charset(data: bytes) -> str | None:
    """The candidate charset whose reading of the page scores best, or None."""
    sample = text_sample(data)
    if not _NON_ASCII.search(sample):
        return None
    best, best_score = None, -1.0
    ranked: dict[str, dict[str, float]] = {}  # one identifier run per distinct reading
    for codec in CANDIDATES:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if _C1.search(text):
            continue
        if text not in ranked:
            ranked[text] = dict(_identifier().rank(text))
        score = reading_score(text, codec, ranked[text])
        if score > best_score:
            best, best_score = codec, score
    return best
