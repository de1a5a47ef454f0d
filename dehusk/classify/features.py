"""Features of the learned classifier, computed from a ``Page`` and the rules' outputs.

In: the ``Page`` of the segment stage and the ``Rules`` of ``dehusk.classify.rules`` (which ran on
the same page). Out: ``Features`` — a block matrix (one row per segment, ``BLOCK_FEATURES``
columns, float32) and a page vector (``PAGE_FEATURES`` entries). Everything is read from
values the single DOM walk already produced: the block table's columns (``Page.table``), the
text counts and class-word buckets of two C passes (``text_counts``, ``word_masks``), and
the rules' outputs. The per-segment numbers are NumPy columns; the rows are written in C
(``block_matrix``: a page's ~40 column operations were as many NumPy calls).

Block columns (see ``BLOCK_FEATURES`` for the names, in order):
- text: log length, log words, link density, punctuation per word, ends like a sentence,
  is prose (the rules' test), heading level;
- the rules' own outputs: segment value (signed log), kept by the rules, inside the best
  container, inside the card grid, card mode, cut by a husk rule, the container's share of
  the best container's value, depth below the best container, the rules' label (one-hot);
- markup: structural kind (one-hot), container tag (one-hot), context flags (nav, header,
  footer, aside, form, figure, blockquote, li, table, article, main, dialog, menu, address,
  details), class/id hint of the container and of its parent, and the class/id words
  (split at ``-``, ``_``, digits…, lowercased) of the container and its parent hashed
  into ``HASH_BUCKETS`` buckets (CRC-32, so the same on every run and machine);
- position: segment index and character offset as shares of the page;
- repetition: the same text elsewhere on the page, segments sharing the container;
- neighbours: the previous and next segment's kept-by-rules, log length, link density and
  prose flags, and the share of kept and prose segments within three either side
  (``block_matrix``'s ``NEIGHBOURS``).

Page vector: log segments and characters, the rules' kept share, card mode and card share,
link density, shares of list items, headings, tables, code, captions and quotes, and the
page's hashed class/id words weighted by characters. The page-type model reads it; the
block model reads it too, with the page-type probabilities, so the decision adapts to the
type. The URL is none of its inputs: the dev sets differ in whether a page comes with one
(wcxb-dev always, dragnet never), so its features had become a sign of the set and its
annotators' conventions (docs/decisions.md, "Session 14: the page's URL is no feature of
the block model"). Its path shape (depth, a date, a file suffix, a query, a long number)
and hashed path words (``url_vector``, ``ADDRESS_FEATURES``) feed only the page type the
stage reports, which no block decision reads.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from typing import NamedTuple

import numpy as np

from dehusk._native.walk import FLAG_NAMES, TAG_NAME_OF, block_matrix, bucket_weights, word_masks
from dehusk.article import LABELS, Label, Page
from dehusk.classify.rules import PROSE_CHARS, SENTENCE_CHARS, Rules, block_table, inside_mask

#: Buckets for hashed class/id words (block and page features).
HASH_BUCKETS = 64
#: Buckets for hashed words of the URL's path (the reported page type's features).
URL_BUCKETS = 32

_KINDS = (
    Label.HEADING,
    Label.PARAGRAPH,
    Label.LIST_ITEM,
    Label.QUOTE,
    Label.TABLE,
    Label.CODE,
    Label.CAPTION,
)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
_LABELS = tuple(Label)
_LABEL_INDEX = {k: i for i, k in enumerate(_LABELS)}
_TAGS = (
    "p",
    "div",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "h",
    "table",
    "body",
    "span",
)
_TAG_INDEX = {t: i for i, t in enumerate(_TAGS)}
_TAG_INDEX.update({f"h{n}": _TAG_INDEX["h"] for n in range(1, 7)})
#: The context flags in bit order: ``BlockTable.flags`` bits, as the native walk sets them.
_FLAGS = FLAG_NAMES
#: ``BlockTable.seg_label`` code → index in ``_KINDS`` (any other label counts as paragraph).
_KIND_OF_LABEL = np.array([_KIND_INDEX.get(label, 1) for label in LABELS], dtype=np.float64)
#: ``BlockTable.tag`` (lexbor's tag id) → index in ``_TAGS`` (``len(_TAGS)``: other).
_TAG_OF_ID = np.array(
    [_TAG_INDEX.get(TAG_NAME_OF.get(i, ""), len(_TAGS)) for i in range(max(TAG_NAME_OF) + 1)],
    dtype=np.float64,
)

_TEXT = ("log_chars", "log_words", "link_density", "punct_per_word", "sentence_end", "prose")
_RULES = (
    "heading_level",
    "value_log",
    "rules_main",
    "in_best",
    "in_cards",
    "card_mode",
    "husk_cut",
    "share_of_best",
    "depth_below_best",
    "position",
    "char_position",
    "repeated",
    "log_siblings",
    "hint",
    "parent_hint",
)
_NEIGH = (
    "prev_main",
    "prev_log_chars",
    "prev_link_density",
    "prev_prose",
    "next_main",
    "next_log_chars",
    "next_link_density",
    "next_prose",
    "window_main",
    "window_prose",
)
BLOCK_FEATURES: tuple[str, ...] = (
    *_TEXT,
    *_RULES,
    *_NEIGH,
    *(f"kind_{k}" for k in _KINDS),
    *(f"rules_label_{k}" for k in _LABELS),
    *(f"tag_{t}" for t in (*_TAGS, "other")),
    *(f"flag_{f}" for f in _FLAGS),
    *(f"class_hash_{b}" for b in range(HASH_BUCKETS)),
)
#: ``block_matrix``'s one-hot groups, in column order: kinds, rules' labels, tags (and
#: "other"), context flags, hash buckets.
_WIDTHS = (len(_KINDS), len(_LABELS), len(_TAGS) + 1, len(_FLAGS), HASH_BUCKETS)
PAGE_FEATURES: tuple[str, ...] = (
    "page_log_segments",
    "page_log_chars",
    "page_rules_main_share",
    "page_card_mode",
    "page_card_share",
    "page_link_density",
    *(f"page_share_{k}" for k in _KINDS),
    *(f"page_class_hash_{b}" for b in range(HASH_BUCKETS)),
)

#: The reported page type's extra inputs, after the page vector (``url_vector``).
ADDRESS_FEATURES: tuple[str, ...] = (
    "url_known",
    "url_depth",
    "url_date",
    "url_html",
    "url_query",
    "url_number",
    *(f"url_hash_{b}" for b in range(URL_BUCKETS)),
)
_URL_WORD = re.compile(r"[a-z]+")
_URL_DATE = re.compile(r"/(19|20)\d\d/\d{1,2}/|/(19|20)\d\d-\d\d-\d\d")
_URL_NUMBER = re.compile(r"\d{4,}")


def url_vector(url: str | None) -> np.ndarray:
    """The URL's path shape and hashed path words (``ADDRESS_FEATURES``); zeros without one."""
    out = np.zeros(len(ADDRESS_FEATURES), dtype=np.float32)
    if not url:
        return out
    rest = url.split("://", 1)[-1]
    path, _, query = rest.partition("?")
    path = "/" + path.partition("/")[2].lower()
    out[:6] = (
        1.0,
        min(path.rstrip("/").count("/"), 8) / 8,
        _URL_DATE.search(path) is not None,
        path.endswith((".html", ".htm", ".php", ".aspx")),
        bool(query),
        _URL_NUMBER.search(path) is not None,
    )
    for word in set(_URL_WORD.findall(path)):
        out[6 + zlib.crc32(word.encode()) % URL_BUCKETS] = 1.0
    return out


class Features(NamedTuple):
    """The block matrix (segments × ``BLOCK_FEATURES``) and the page vector."""

    blocks: np.ndarray
    page: np.ndarray


#: Class/id names split into words at whitespace and these characters (then lowercased;
#: each word's bucket is its CRC-32 modulo ``HASH_BUCKETS``: ``word_masks``).
_CLASS_SEPARATORS = b"-_:/.0123456789"


def _word_buckets(page: Page, indices: np.ndarray) -> np.ndarray:
    """Per container of ``indices``: the buckets of its class/id words, bit b for bucket b."""
    raw = word_masks(page.containers, indices.tolist(), _CLASS_SEPARATORS, HASH_BUCKETS)
    return np.frombuffer(raw, dtype=np.uint64)


def _containers(page: Page, used: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per used container (indices into ``page.containers``): (depth, hint, parent hint,
    tag, flag mask) from the block table, and the hash buckets of the class/id words of the
    container and its parent together (bit b: bucket b)."""
    table = block_table(page)
    parents = table.parent[used]
    parents = np.where(parents >= 0, parents, used)
    props = np.column_stack(
        [
            table.depth[used],
            table.hint[used],
            table.hint[parents],
            _TAG_OF_ID[table.tag[used]],
            table.flags[used],
        ]
    ).astype(np.float64)
    both = _word_buckets(page, np.concatenate([used, parents]))
    return props, both[: len(used)] | both[len(used) :]


def _per_segment(page: Page, rules: Rules) -> tuple[np.ndarray, np.ndarray]:
    """The per-segment numbers (the columns below, in order; ``block_matrix`` reads them by
    position) and class-word buckets: the block table's columns, the text counts of one
    native pass, the rules' outputs."""
    table = block_table(page)
    n = len(page.segments)
    cont = table.seg_container.astype(np.intp)
    used, inverse = np.unique(cont, return_inverse=True)
    props, masks = _containers(page, used)
    chars = table.seg_chars.astype(np.float64)
    spaces, puncts, ends = (column.astype(np.float64) for column in rules.counts)
    kinds = _KIND_OF_LABEL[table.seg_label]
    levels = table.seg_level.astype(np.float64)
    husk = np.fromiter(map(bool, rules.husks), np.float64, n)
    cols = [
        chars,
        spaces + 1,
        table.seg_link_chars.astype(np.float64),
        puncts,
        ends,
        (chars >= PROSE_CHARS) | ((chars >= SENTENCE_CHARS) & (ends > 0)),
        np.where(kinds == _KIND_INDEX[Label.HEADING], levels, 0.0),
        np.array(rules.values, dtype=np.float64),
        np.fromiter(rules.main, np.float64, n),
        inside_mask(page, rules.best)[cont],
        inside_mask(page, rules.cards)[cont],
        husk,
        np.array(rules.totals, dtype=np.float64)[cont],
        props[inverse, 0],
        props[inverse, 1],
        props[inverse, 2],
        cont,
        kinds,
        np.fromiter(map(_LABEL_INDEX.__getitem__, rules.labels), np.float64, n),
        props[inverse, 3],
        props[inverse, 4],
    ]
    return np.column_stack(cols).astype(np.float64), masks[inverse]


def _onehot(index: np.ndarray, width: int) -> np.ndarray:
    out = np.zeros((len(index), width), dtype=np.float64)
    out[np.arange(len(index)), index.astype(np.int64)] = 1.0
    return out


def page_vector(page: Page, raw: np.ndarray, masks: np.ndarray, rules: Rules) -> np.ndarray:
    """The page's features (``PAGE_FEATURES``) from the per-segment numbers and class-word
    buckets."""
    chars = raw[:, 0]
    total = max(float(chars.sum()), 1.0)
    kinds = _onehot(raw[:, 17], len(_KINDS)) if len(raw) else np.zeros((0, len(_KINDS)))
    card_chars = float(chars[raw[:, 10] > 0].sum()) if len(raw) else 0.0
    head = [
        np.log1p(len(raw)),
        np.log1p(total),
        float(chars[raw[:, 8] > 0].sum()) / total if len(raw) else 0.0,
        float(rules.card_mode),
        card_chars / total,
        float(raw[:, 2].sum()) / total if len(raw) else 0.0,
    ]
    shares = chars @ kinds / total if len(raw) else np.zeros(len(_KINDS))
    weights = bucket_weights(masks, np.ascontiguousarray(chars), HASH_BUCKETS)
    words = np.frombuffer(weights, dtype=np.float64) / total
    return np.concatenate([np.array(head), shares, words]).astype(np.float32)


def features(page: Page, rules: Rules) -> Features:
    """The block matrix and page vector of ``page`` (see the module docstring): the
    per-segment numbers in NumPy, the rows in C (``block_matrix``)."""
    n = len(page.segments)
    if n == 0:
        raw, masks = np.zeros((0, 21)), np.zeros(0, dtype=np.uint64)
        empty = np.zeros((0, len(BLOCK_FEATURES)), np.float32)
        return Features(empty, page_vector(page, raw, masks, rules))
    raw, masks = _per_segment(page, rules)
    texts = [s.text for s in page.segments]
    counts = Counter(texts)
    repeated = np.fromiter(map(counts.__getitem__, texts), np.int64, n) > 1
    container = raw[:, 16].astype(np.int64)
    siblings = np.bincount(container)[container]
    # Each log1p on the very arrays the block columns were first trained from (strided
    # columns of ``raw``, contiguous copies): NumPy's SIMD and scalar loops may differ in
    # the last bit.
    logs = np.column_stack(
        [np.log1p(raw[:, 0]), np.log1p(raw[:, 1]), np.log1p(np.abs(raw[:, 7])), np.log1p(siblings)]
    )
    best = rules.best
    rows = block_matrix(
        raw,
        logs,
        np.ascontiguousarray(masks, dtype=np.uint64),
        repeated.view(np.uint8),
        float(rules.card_mode),
        float(rules.totals[best]) if best >= 0 else 0.0,
        float(page.containers[best].depth) if best >= 0 else 0.0,
        best >= 0,
        _WIDTHS,
    )
    blocks = np.frombuffer(rows, dtype=np.float32).reshape(n, len(BLOCK_FEATURES))
    return Features(blocks, page_vector(page, raw, masks, rules))
