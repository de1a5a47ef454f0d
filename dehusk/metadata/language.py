"""Language: the page's declared language checked against its text.

In: the declared language (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, …) and
the article text. Out: an ISO 639-1 code ("en") or ``None``, plus a warning when the
declaration and the text disagree.

The identifier is py3langid (its model ships inside the package; nothing is downloaded at
run time); see docs/metadata.md, "Language identifier", for the measurement behind the
choice. Evidence: the article's prose only (``prose_sample``: paragraphs of eight words
or more, placeholder text such as lorem ipsum left out), at most ``MAX_TEXT`` characters,
so the identifier's byte loop has a bounded cost. Rules: too little prose keeps the
declaration; a declaration the identifier confirms wins; a different language overrules
it only when the identification is confident (``CONFIDENT``) or the declared language is
ruled out (``RULED_OUT``) while another leads (``LEADS``); every disagreement the
identifier sees leaves a warning, overruled or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from dehusk._native.walk import language_rows
from dehusk.article import Block, Label

#: Prose shorter than this is too little to overrule a declaration (characters).
MIN_TEXT = 200
#: Only the start of the text is identified: enough for a stable answer, bounded cost.
MAX_TEXT = 1000
#: Normalised probability above which the identifier overrules the declaration.
CONFIDENT = 0.95
#: A declared language the identifier gives less than this is ruled out by the text; then
#: a language that leads with ``LEADS`` replaces it. Close languages split the mass (an
#: Indonesian story reads id 0.85, ms 0.15, en 1e-12: no one language is at 0.95, but
#: English is impossible).
RULED_OUT = 0.001
LEADS = 0.5
#: Blocks whose text is prose, and the words a block needs to count as a sentence (menus,
#: labels, product specs are shorter).
PROSE_LABELS = frozenset({Label.PARAGRAPH, Label.QUOTE, Label.LIST_ITEM})
MIN_WORDS = 8
#: Placeholder text of templates and mock-ups: no evidence of any language (py3langid reads
#: it as Latin, with probability 1.0).
PLACEHOLDER = re.compile(r"\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b", re.I)
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
    """py3langid's model, loaded once on first use (the import costs ~0.2 s), its scoring
    input native: an identifier whose ``_raw_score`` has ``_native.walk.language_rows``
    count the DFA's features (the same counts in the same order as py3langid's
    ``visit_counts``) and gather their table rows already cast to float32 (what NumPy's
    float16 @ float32 product casts them to first, so the same scores to the last bit);
    the product and the rest of the scoring stay py3langid's."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    class NativeIdentifier(LanguageIdentifier):
        __slots__ = ("_tables",)
        #: The DFA's moves, row offsets and outputs, the table's float16 bits and every
        #: float16's float32 value, as arrays.
        _tables: tuple[Any, Any, Any, Any, Any]

        def _raw_score(self, text: bytes) -> Any:
            found = language_rows(*self._tables, text)
            if found is None:
                return super()._raw_score(text)  # no feature: py3langid's own answer
            counts = np.frombuffer(found[0], dtype=np.float32)
            rows = np.frombuffer(found[1], dtype=np.float32).reshape(len(counts), -1)
            return np.log1p(counts) @ rows + self.nb_pc

    identifier = NativeIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if identifier.nb_ptc.dtype != np.float16:  # the rows' cast assumes the model's dtype
        raise RuntimeError(f"py3langid's table is {identifier.nb_ptc.dtype}, not float16")
    identifier._tables = (
        np.asarray(identifier.tk_nextmove, dtype=np.uint32),
        np.asarray(identifier._rowbase, dtype=np.intp),
        np.asarray(identifier.tk_output, dtype=np.int32),
        np.ascontiguousarray(identifier.nb_ptc).view(np.uint16),
        np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32),
    )
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The identifier's best language for ``text`` and its normalised probability."""
    code, prob = _identifier().classify(text[:MAX_TEXT])
    return str(code), float(prob)


def probabilities(text: str) -> dict[str, float]:
    """Every language's normalised probability for the first ``MAX_TEXT`` characters of
    ``text``, best first."""
    return {str(code): float(p) for code, p in _identifier().rank(text[:MAX_TEXT])}


def _leader(text: str, code: str) -> tuple[str, float, float]:
    """``probabilities(text)``'s first language and probability, and ``code``'s (0.0 for a
    code the model lacks): what ``decide_language`` reads, without building and sorting a
    dict of every language. The same scores as ``rank``: each label's first column (where
    py3langid folds an alias), the first of equal scores winning as in its stable sort."""
    identifier = _identifier()
    scores = identifier._decide(text[:MAX_TEXT])
    labels, columns = _label_columns()
    merged = scores[columns]
    best = int(merged.argmax())
    at = labels.get(code)
    declared = 0.0 if at is None else float(merged[at])
    return str(identifier.nb_classes[columns[best]]), float(merged[best]), declared


@cache
def _label_columns() -> tuple[dict[str, int], Any]:
    """Each label's place among the labels in first-column order, and those first columns
    (py3langid's ``rank`` keeps a label's first column: the others are folded into it)."""
    firsts: dict[str, int] = {}
    for column, label in enumerate(_identifier().nb_classes):
        firsts.setdefault(str(label), column)
    places = {label: place for place, label in enumerate(firsts)}
    return places, np.fromiter(firsts.values(), dtype=np.intp, count=len(firsts))


def prose_sample(blocks: Sequence[Block]) -> str:
    """The article's prose, up to ``MAX_TEXT`` characters: main paragraphs, quotes and list
    items of ``MIN_WORDS`` words or more, placeholder text left out."""
    out: list[str] = []
    size = 0
    for block in blocks:
        if size >= MAX_TEXT:
            break
        if not block.main or block.label not in PROSE_LABELS:
            continue
        words = block.text.split()
        if len(words) < MIN_WORDS:
            continue
        text = " ".join(words)
        if not _placeholder(block.text, text):
            out.append(text)
            size += len(text) + 1
    return " ".join(out)[:MAX_TEXT]


#: A word of each of ``PLACEHOLDER``'s phrases whose letters match only themselves and
#: their ASCII capitals under ``re.IGNORECASE`` (unlike "s" and "i": "ſ", "ı"), so a text
#: whose lowercase holds none of them holds no placeholder.
_PLACEHOLDER_WORDS = ("lorem", "dolor", "tetur")


def _placeholder(raw: str, folded: str) -> bool:
    """Whether ``folded`` (``raw`` with its spaces folded) holds ``PLACEHOLDER``: searched
    only when ``raw`` holds one of its words (the regex took 40 us on a 2,000-character
    paragraph; lowercasing and three substring tests, 3 us)."""
    low = raw.lower()
    if not any(word in low for word in _PLACEHOLDER_WORDS):
        return False
    return PLACEHOLDER.search(folded) is not None


def decide_language(declared: str, prose: str) -> LanguageResult:
    """The language to report from the declaration and the page's prose sample (see the
    module docstring for the rules)."""
    code = normalise_code(declared)
    if len(prose) < MIN_TEXT:
        return LanguageResult(code or None)
    found, prob, declared_prob = _leader(prose, code)
    if not code:
        return LanguageResult(found if prob >= CONFIDENT else None)
    if found == code:
        return LanguageResult(code)
    overrule = prob >= CONFIDENT or (declared_prob < RULED_OUT and prob >= LEADS)
    verdict = "reported" if overrule else f"kept {code!r}"
    warning = f"declared language {code!r} but the text reads as {found!r} ({prob:.2f}); {verdict}"
    return LanguageResult(found if overrule else code, warning)
