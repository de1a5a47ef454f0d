"""The development scorer: one real page scored, set figures and paired changes."""

from __future__ import annotations

from dehusk.article import Options
from dehusk.eval.datasets import PageInfo, Truth
from dehusk.eval.devscore import compare, score_page, summary

PAGE = b"""<html><head><title>A post - Blog</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>A post</h1>
<p>The first paragraph of the post says what the post is about, in plain words.</p>
<p>The second paragraph goes on with more of the story and ends it quietly.</p></article>
<footer>Copyright 2012 Blog</footer></body></html>"""


def test_score_page_runs_the_real_extractor() -> None:
    truth = Truth(
        main="The first paragraph of the post says what the post is about, in plain words."
    )
    info = PageInfo("1", None, "article", "blog.example", truth, "dragnet")
    row = score_page(info, PAGE, Options(model="rules"))
    assert row["key"] == "dragnet/1" and row["told"] == "article"
    assert row["sh_r"] == 1.0 and 0.3 < row["sh_p"] < 0.9  # the whole body, truth is half
    assert 0.5 < row["word_f1"] < 1.0


def _row(key: str, f1: float) -> dict[str, object]:
    return {"key": key, "type": "article", "told": "article", "word_f1": f1, "sh_p": f1, "sh_r": f1}


def test_summary_and_compare() -> None:
    old = [_row(str(i), 0.9 if i % 4 else 0.2) for i in range(40)]
    new = [_row(str(i), 0.9) for i in range(40)]
    figures = summary(old)
    assert figures["catastrophic"] == 10
    assert figures["word_f1_ci"][0] <= figures["word_f1"] <= figures["word_f1_ci"][1]
    change = compare(new, old)
    assert change["pages"] == 40 and change["word_f1"] > 0.1
    assert change["word_f1_ci"][0] > 0  # wholly above 0: a real gain
    assert change["better"][0][1:] == (0.2, 0.9) and change["worse"] == []
