"""The scoring functions on tiny cases whose answers are worked out by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from dehusk.eval.metrics import (
    PRF,
    author_set,
    authors_match,
    bootstrap_interval,
    date_match,
    f1_of,
    macro_f1,
    mean,
    normalize_title,
    shingle_counts,
    shingle_pr,
    shingles,
    snippet_rates,
    title_match,
    tokens,
    word_prf,
)


def approx(prf: PRF) -> tuple[float, float, float]:
    return tuple(pytest.approx(v) for v in prf)  # type: ignore[return-value]


def test_tokens_are_lowercase_word_runs() -> None:
    assert tokens("Hello, World! It's 2025_v2 — café") == [
        "hello", "world", "it", "s", "2025_v2", "café",
    ]  # fmt: skip


def test_f1_of() -> None:
    assert f1_of(1.0, 0.5) == pytest.approx(2 / 3)
    assert f1_of(0.0, 0.0) == 0.0


def test_word_prf_subset() -> None:
    # pred {the, cat, sat}; truth {the×2, cat, sat, on, mat}: 3 shared of 3 and of 6.
    assert word_prf("The cat sat.", "the cat sat on the mat") == approx(PRF(1.0, 0.5, 2 / 3))


def test_word_prf_counts_multiplicity() -> None:
    # pred {a×3, b}; truth {a, b×2}: shared min(3,1) + min(1,2) = 2 → P 2/4, R 2/3, F1 4/7.
    assert word_prf("a a a b", "a b b") == approx(PRF(0.5, 2 / 3, 4 / 7))


def test_word_prf_ignores_case_and_punctuation() -> None:
    assert word_prf("Hello,   WORLD!", "hello world") == approx(PRF(1.0, 1.0, 1.0))


def test_word_prf_empty_truth_rule() -> None:
    assert word_prf("", "") == PRF(1.0, 1.0, 1.0)
    assert word_prf("  -- !! ", "") == PRF(1.0, 1.0, 1.0)  # no token is empty
    assert word_prf("some text", "") == PRF(0.0, 0.0, 0.0)


def test_word_prf_empty_prediction() -> None:
    assert word_prf("", "the truth") == PRF(0.0, 0.0, 0.0)


def test_word_prf_disjoint() -> None:
    assert word_prf("alpha beta", "gamma delta") == PRF(0.0, 0.0, 0.0)


def test_shingles_of_a_long_and_a_short_text() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("A b") == Counter({("a", "b"): 1})
    assert shingles("...") == Counter()


def test_shingle_counts_by_hand() -> None:
    # pred: abcd, bcde; truth: abcd, bcdf → tp 1, fp 1, fn 1 → P = R = 1/2.
    counts = shingle_counts("a b c d e", "a b c d f")
    assert counts[:3] == (1, 1, 1)
    assert shingle_pr(counts) == (0.5, 0.5)


def test_shingle_counts_multiset() -> None:
    # pred "x y z w x y z w": xyzw×2, yzwx, zwxy, wxyz; truth: xyzw → tp 1, fp 4, fn 0.
    counts = shingle_counts("x y z w x y z w", "x y z w")
    assert counts[:3] == (1, 4, 0)
    assert shingle_pr(counts) == (pytest.approx(0.2), 1.0)


def test_short_texts_are_one_shingle() -> None:
    assert shingle_pr(shingle_counts("a b", "A, B")) == (1.0, 1.0)
    assert shingle_pr(shingle_counts("a b", "a b c")) == (0.0, 0.0)


def test_shingle_empty_sides() -> None:
    assert shingle_pr(shingle_counts("", "")) == (1.0, 1.0)
    assert shingle_pr(shingle_counts("a b c d", "")) == (0.0, 0.0)
    assert shingle_pr(shingle_counts("", "a b c d")) == (0.0, 0.0)


def test_macro_f1_is_harmonic_mean_of_mean_p_and_mean_r() -> None:
    # mean P = (0.5 + 1.0) / 2 = 0.75, mean R = (0.5 + 0) / 2 = 0.25 → F1 = 0.375,
    # not the mean of the per-page F1s (0.5 and 0 → 0.25).
    assert macro_f1([(0.5, 0.5), (1.0, 0.0)]) == approx(PRF(0.75, 0.25, 0.375))
    assert macro_f1([]) == PRF(0.0, 0.0, 0.0)


def test_snippet_rates() -> None:
    text = "The  Quick\nbrown fox jumps over"
    with_rate, without_rate = snippet_rates(
        text, ["quick   brown", "lazy dog"], ["Fox Jumps", "Subscribe now", "  "]
    )
    assert with_rate == 0.5  # "quick brown" found, "lazy dog" not
    assert without_rate == 0.5  # "fox jumps" wrongly present, "subscribe now" rightly absent


def test_snippet_rates_without_snippets() -> None:
    assert snippet_rates("anything", [], []) == (None, None)
    assert snippet_rates("", ["x"], ["y"]) == (0.0, 1.0)


def test_title_rules() -> None:
    assert normalize_title("  Hello — World!! (2025) ") == "hello world 2025"
    assert title_match("Hello: World", "hello world")
    assert not title_match("Hello World | Site", "Hello World")
    assert not title_match("", "")  # an empty prediction is always wrong
    assert not title_match(None, "x")


def test_author_rules() -> None:
    assert author_set("A. Smith & B. Jones and C. Doe; D") == {"a smith", "b jones", "c doe", "d"}
    assert author_set("Sandra Anderson") == {"sandra anderson"}  # "and" only between spaces
    assert authors_match(["Jane Doe", "John Smith"], "Jane Doe & John Smith")
    assert authors_match(["Dylan Bailey; MS; RD; FAND"], "Dylan Bailey, MS, RD, FAND")
    assert authors_match(["john smith", "JANE DOE"], "Jane Doe and John Smith")
    assert not authors_match(["Jane Doe"], "Jane Doe and John Smith")
    assert not authors_match([], "Jane Doe")
    assert not authors_match(None, "Jane Doe")


def test_date_rules() -> None:
    assert date_match("2025-09-04T12:50:36+00:00", "2025-09-04")
    assert not date_match("2025-09-05", "2025-09-04")
    assert not date_match(None, "2025-09-04")
    assert not date_match("", "")
    assert not date_match("2025-09-04", "2025-09")  # truth of month precision never matches


def test_bootstrap_interval_brackets_the_figure() -> None:
    values = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] * 5
    low, high = bootstrap_interval(values, mean, resamples=300)
    assert 0.0 < low < mean(values) < high < 1.0
    assert bootstrap_interval(values, mean, resamples=300) == (low, high)  # seeded
    assert bootstrap_interval([0.7] * 4, mean, resamples=50) == (0.7, 0.7)
    assert bootstrap_interval([], mean) == (0.0, 0.0)
