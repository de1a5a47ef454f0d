"""Language: the page's declared language checked against its text.

In: the declared language (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, …) and
the article text. Out: an ISO 639-1 code ("en") or ``None``, plus a warning when the
declaration and the text disagree.

The identifier is py3langid (its model ships inside the package; nothing is downloaded at
run time); see docs/metadata.md, "Language identifier", for the measurement behind the
choice. Rules: a declaration the identifier confirms wins; a confident identification
(text long enough) overrides a wrong declaration; short text keeps the declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Text shorter than this is too little to overrule a declaration (characters).
MIN_TEXT = 200
#: Only the start of the text is identified: enough for a stable answer, bounded cost.
MAX_TEXT = 1000
#: Normalised probability above which the identifier overrules the declaration.
CONFIDENT = 0.95
#: Declared codes that mean "unknown", not a language.
UNKNOWN = frozenset({"", "x-default", "und", "mul", "zxx", "xx", "null", "none"})

_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


@dataclass(frozen=True, slots=True)
class LanguageResult:
    language: str | None
    warning: str = ""


def normalise_code(declared: str) -> str:
    """ "en-US", "en_GB", "EN" → "en"; anything else → ""."""
    match = _CODE.match(declared.strip())
    code = match[1].lower() if match else ""
    return "" if code in UNKNOWN else code


@cache
def _identifier() -> Any:
    """py3langid's model, loaded once on first use (the import costs ~0.2 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The identifier's best language for ``text`` and its normalised probability."""
    code, prob = _identifier().classify(text[:MAX_TEXT])
    return str(code), float(prob)


def decide_language(declared: str, text: str) -> LanguageResult:
    """The language to report (see the module docstring for the rules)."""
    code = normalise_code(declared)
    if len(text) < MIN_TEXT:
        return LanguageResult(code or None)
    found, prob = identify(text)
    if not code:
        return LanguageResult(found if prob >= CONFIDENT else None)
    if found == code or prob < CONFIDENT:
        return LanguageResult(code)
    return LanguageResult(found, f"declared language {code!r} but the text reads as {found!r}")
