"""The learned classifier: features, alignment, shipped weights, tree export, training."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import numpy as np
import pytest

import dehusk
from dehusk._native.walk import block_matrix, bucket_weights, word_masks
from dehusk.article import Options
from dehusk.classify.features import (
    BLOCK_FEATURES,
    PAGE_FEATURES,
    _per_segment,
    features,
)
from dehusk.classify.model import Weights, block_probs, load, predict
from dehusk.classify.rules import rules
from dehusk.eval.metrics import word_prf
from dehusk.eval.train import align
from dehusk.parse import parse
from dehusk.segment import segment

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
PARA = (
    "The council voted on Tuesday to expand the city's bus network, adding four routes "
    "that will connect the eastern suburbs with the hospital district by next spring."
)
HTML = f"""<body><nav><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul></nav>
<article><h1>Buses for the east</h1><p>{PARA}</p><h2>What changes</h2><p>{PARA}</p>
<ul><li>Route 12 runs every ten minutes.</li></ul></article>
<footer><p>© 2024 City News</p></footer></body>"""


def _page(html: str = HTML):
    page = segment(parse(html, Options()))
    return page, rules(page)


def test_features_have_the_documented_shape() -> None:
    page, found = _page()
    feats = features(page, found)
    assert feats.blocks.shape == (len(page.segments), len(BLOCK_FEATURES))
    assert feats.page.shape == (len(PAGE_FEATURES),)
    assert feats.blocks.dtype == np.float32 and np.isfinite(feats.blocks).all()
    assert np.isfinite(feats.page).all()
    rules_main = feats.blocks[:, BLOCK_FEATURES.index("rules_main")]
    assert rules_main.tolist() == [float(m) for m in found.main]


def test_features_of_an_empty_page() -> None:
    page, found = _page("<body></body>")
    feats = features(page, found)
    assert feats.blocks.shape == (0, len(BLOCK_FEATURES))
    assert feats.page.shape == (len(PAGE_FEATURES),)


def test_class_words_hash_split_at_separators_and_lowercased() -> None:
    page = segment(
        parse("<div id='Main' class='SiteFooter nav-2x \u00c9t\u00c9'>x</div>", Options())
    )
    (div,) = [i for i, c in enumerate(page.containers) if c.tag == "div"]
    (mask,) = np.frombuffer(word_masks(page.containers, [div], b"-_:/.0123456789", 64), np.uint64)
    words = {"main", "sitefooter", "nav", "x", "\u00e9t\u00e9"}
    assert int(mask) == sum({1 << (zlib.crc32(w.encode()) % 64) for w in words})


def test_the_block_model_reads_no_url() -> None:
    # Whether a caller passes the URL must not change the text: the dev sets differ in it.
    # (The reported page type may read it.)
    raw = gzip.decompress((PAGES / "0157" / "page.html.gz").read_bytes())
    given = dehusk.extract(raw, url="https://example.org/listing/2024/05/buses.html?page=2")
    alone = dehusk.extract(raw)
    assert [(b.label, b.main) for b in given.blocks] == [(b.label, b.main) for b in alone.blocks]
    assert given.text == alone.text


def test_block_rows_are_the_documented_arithmetic() -> None:
    # The rows come from C (block_matrix); each column checked here against NumPy on the
    # same per-segment numbers, as float32.
    html = gzip.decompress((PAGES / "0160" / "page.html.gz").read_bytes()).decode()
    page = segment(parse(html, Options()))
    found = rules(page)
    blocks = features(page, found).blocks
    raw, masks = _per_segment(page, found)
    col = {name: blocks[:, i] for i, name in enumerate(BLOCK_FEATURES)}
    chars, main = raw[:, 0], raw[:, 8]
    density = (raw[:, 2] / np.maximum(chars, 1)).astype(np.float32)
    assert np.array_equal(col["log_chars"], np.log1p(chars).astype(np.float32))
    assert np.array_equal(col["link_density"], density)
    assert np.array_equal(col["prev_link_density"][1:], density[:-1])
    assert col["prev_main"][0] == 0 and col["next_main"][-1] == 0
    assert np.array_equal(col["next_main"][:-1], main[1:].astype(np.float32))
    n, i = len(main), len(main) // 2
    around = np.r_[main[max(i - 3, 0) : i], main[i + 1 : i + 4]]
    assert col["window_main"][i] == np.float32(around.mean())
    assert np.array_equal(col["position"], (np.arange(n) / n).astype(np.float32))
    for group in ("kind_", "rules_label_", "tag_"):
        onehot = blocks[:, [j for j, f in enumerate(BLOCK_FEATURES) if f.startswith(group)]]
        assert (onehot.sum(axis=1) == 1).all()
    hashes = blocks[:, [j for j, f in enumerate(BLOCK_FEATURES) if f.startswith("class_hash_")]]
    bits = (masks[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    assert np.array_equal(hashes, bits.astype(np.float32))


def test_block_rows_refuse_inputs_of_the_wrong_shape() -> None:
    widths = (7, 20, 24, 15, 64)
    one = np.zeros(1, dtype=np.uint64), np.zeros(1, dtype=np.uint8)
    with pytest.raises(ValueError):
        block_matrix(np.zeros((1, 20)), np.zeros((1, 4)), *one, 0.0, 0.0, 0.0, False, widths)
    with pytest.raises(ValueError):
        block_matrix(np.zeros((2, 21)), np.zeros((2, 4)), *one, 0.0, 0.0, 0.0, False, widths)
    with pytest.raises(ValueError):
        bucket_weights(np.zeros(2, dtype=np.uint64), np.zeros(1), 64)


def test_alignment_marks_a_repeated_block_main_once() -> None:
    truth = f"Buses\n\n{PARA}\n\nWhat changes"
    texts = [PARA, "Home", "Buses", PARA, "What changes", "Share this story now"]
    assert align(texts, truth).tolist() == [True, False, True, False, True, False]


def test_alignment_of_an_empty_truth_cuts_everything() -> None:
    assert not align([PARA, "Home"], "").any()


def _numpy_block_probs(w: Weights, x: np.ndarray) -> np.ndarray:
    """The trees walked for every row at once in NumPy: the reference ``tree_sums`` matches."""
    trees, inner = w.feature.shape
    depth = (inner + 1).bit_length() - 1
    node = np.zeros((len(x), trees), dtype=np.intp)
    rows = np.arange(len(x))[:, None]
    for _ in range(depth):
        right = x[rows, w.feature[np.arange(trees), node]] > w.split[np.arange(trees), node]
        node = 2 * node + 1 + right
    leaves = w.leaf[np.arange(trees), node - inner]
    return 1.0 / (1.0 + np.exp(-(w.base + leaves.sum(axis=1))))


@pytest.mark.parametrize("trees", [1, 7, 64, 300])
def test_native_trees_give_numpys_probabilities_to_the_last_bit(trees: int) -> None:
    rng = np.random.default_rng(trees)
    inner, width = 2**4 - 1, 9
    x = rng.standard_normal((40, width)).astype(np.float32)
    w = Weights(
        "t", (), *[np.zeros(1)] * 4,
        rng.integers(0, width, (trees, inner)).astype(np.intp),
        rng.standard_normal((trees, inner)).astype(np.float32),
        rng.standard_normal((trees, inner + 1)) * 10.0 ** rng.uniform(-4, -1, (trees, inner + 1)),
        0.3, 0.5, *[np.zeros(1)] * 4,
    )  # fmt: skip
    assert block_probs(w, x).tobytes() == _numpy_block_probs(w, x).tobytes()


def test_the_shipped_weights_load_with_a_version() -> None:
    w = load()
    assert w.version and w.page_types[0] == "article"
    assert w.feature.shape[1] == w.split.shape[1] == w.leaf.shape[1] - 1


def test_the_shipped_model_keeps_a_real_article() -> None:
    # Page 0480 (WCXB dev, CC-BY-4.0) is in the training data: this pins behaviour, it is
    # not an accuracy figure (those are out of fold, see docs/benchmarks.md).
    folder = PAGES / "0480"
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    html = gzip.decompress((folder / "page.html.gz").read_bytes())
    art = dehusk.extract(html, url=truth["url"])
    assert art.page_type == "article"
    assert word_prf(art.text, truth["ground_truth"]["main_content"]).f1 >= 0.95
    scores = [b.score for b in art.blocks]
    assert all(s is not None and 0.0 <= s <= 1.0 for s in scores)


def test_rules_path_stays_available() -> None:
    art = dehusk.extract(HTML, options=Options(model="rules"))
    assert PARA in art.text and "Home" not in art.text
    assert art.page_type == "article"


def test_predict_gives_one_probability_per_block() -> None:
    page, found = _page()
    pred = predict(page, found)
    assert pred.main.shape == (len(page.segments),)
    assert pred.page_type in load().page_types
    assert abs(float(pred.type_probs.sum()) - 1.0) < 1e-5


def test_weights_for_other_features_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    np.savez(path, block_features=np.array(["x"]), page_features=np.array(["y"]))
    with pytest.raises(ValueError, match="other features"):
        load(str(path))
