"""Text mode: ``dehusk.extract_text`` on the flattened example page, exactly as the issue
lists it, on flattened dev pages with a pinned word-F1 floor, and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dehusk
from dehusk import Label
from dehusk.eval.metrics import word_prf
from dehusk.textmode.classify import husk_kind
from dehusk.textmode.lines import MAX_LINE_CHARS, decode_text, lines_to_page

FIXTURES = Path(__file__).parent / "fixtures" / "text"
EXAMPLE = FIXTURES / "kgou-npr-isis-defector.txt"
TITLE = "Islamic State Defector: 'If You Turn Against ISIS, They Will Kill You'"
CAPTION = "Fighters from the Islamic State group parade in their northern Syrian stronghold, Raqqa."


@pytest.fixture(scope="module")
def article() -> dehusk.Article:
    return dehusk.extract_text(EXAMPLE.read_bytes())


def _labels(article: dehusk.Article, text: str) -> list[Label]:
    return [b.label for b in article.blocks if b.text == text]


def test_example_title(article: dehusk.Article) -> None:
    assert article.title == TITLE
    assert TITLE not in article.text


def test_example_text_is_the_32_body_lines(article: dehusk.Article) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    first = next(i for i, t in enumerate(lines) if t.startswith("When the Sunni extremists"))
    last = next(i for i, t in enumerate(lines) if t.endswith("to die for the Islamic State."))
    pullquotes = {lines[20], lines[50]}  # lines 21 and 51 of the file
    body = [t for t in lines[first : last + 1] if t and t not in pullquotes]
    assert len(body) == 32
    assert article.text.split("\n\n") == body


def test_example_headings_and_paragraphs(article: dehusk.Article) -> None:
    main = [b for b in article.blocks if b.main]
    assert [b.text for b in main if b.label is Label.HEADING] == [
        "From Ordinary Rebel To Radical",
        "A Massacre And A Final Break",
    ]
    assert sum(b.label is Label.PARAGRAPH for b in main) == 30
    assert {b.label for b in main} == {Label.HEADING, Label.PARAGRAPH}


def test_example_pullquotes(article: dehusk.Article) -> None:
    quotes = [b for b in article.blocks if b.label is Label.PULLQUOTE]
    assert [q.text for q in quotes] == [
        "I was thinking all the time, if they arrest me, if they stop me, they will behead me.",
        "I saw a lot of bad things they did, but at the time I was convinced it was individual "
        "errors and ISIS was good.",
    ]
    for q in quotes:
        assert not q.main and q.duplicate_of is not None
        assert q.text.rstrip(".") in article.blocks[q.duplicate_of].text
        assert q.text not in article.text.split("\n\n")


def test_example_caption_and_credit(article: dehusk.Article) -> None:
    captions = [b for b in article.blocks if b.label is Label.CAPTION]
    assert [c.text for c in captions if c.duplicate_of is None] == [CAPTION]
    assert all(not c.main for c in captions)
    assert _labels(article, "AP/Raqqa Media Center") == [Label.CREDIT]
    assert [(i.caption, i.credit) for i in article.images] == [(CAPTION, "AP/Raqqa Media Center")]
    assert CAPTION not in article.text


def test_example_metadata_blocks(article: dehusk.Article) -> None:
    assert _labels(article, "Copyright 2021 NPR. To see more, visit https://www.npr.org.") == [
        Label.SYNDICATION
    ]
    assert article.metadata.original_publisher == "NPR"
    bio = next(b for b in article.blocks if b.text.startswith("Deborah Amos covers"))
    assert bio.label is Label.BIO and not bio.main
    assert article.authors == ("Deborah Amos",)
    assert article.metadata.author_bios == (bio.text,)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Play Live Radio", {Label.PLAYER}),
        ("Next Up:", {Label.PLAYER}),
        ("0:00 0:00", {Label.PLAYER}),
        ("More News", {Label.RELATED}),
        ("Support nonprofit, public service journalism you trust. Give now.", {Label.CTA}),
        ("© 2024 KGOU", {Label.FOOTER}),
        ("News and Music for Oklahoma", {Label.NAVIGATION, Label.OTHER}),
        ("Available On Air Stations", {Label.NAVIGATION, Label.OTHER}),
        (
            "Colorful collared lizard a.k.a mountain boomer basking on a sandstone boulder",
            {Label.NAVIGATION, Label.OTHER},
        ),
    ],
)
def test_example_husk(article: dehusk.Article, text: str, labels: set[Label]) -> None:
    found = _labels(article, text)
    assert len(found) == 1 and found[0] in labels
    assert text not in article.text


def test_example_every_line_is_a_block(article: dehusk.Article) -> None:
    lines = [t for t in EXAMPLE.read_text(encoding="utf-8").splitlines() if t.strip()]
    assert [b.text for b in article.blocks] == lines


# ---- pages never tuned on by name: flattened dev pages with their truth -----------------


def _fixture_pages() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", _fixture_pages(), ids=lambda p: p.name)
def test_flattened_dev_pages_keep_their_floor(folder: Path) -> None:
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    floor = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["min_word_f1"]
    text = (folder / "page.txt").read_text(encoding="utf-8")
    article = dehusk.extract_text(text, truth["url"])
    assert word_prf(article.text, truth["ground_truth"]["main_content"]).f1 >= floor


# ---- the pieces -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Listen · 3:51 3:51", Label.PLAYER),
        ("Subscribe to our newsletter", Label.CTA),
        ("Related Stories", Label.RELATED),
        ("Copyright 2024 Example Media. All rights reserved.", Label.FOOTER),
        ("Skip to main content", Label.NAVIGATION),
        ("The council voted to subscribe the town to a regional water scheme.", None),
        ("More news came on Tuesday, when the mayor resigned after a long dispute.", None),
    ],
)
def test_husk_patterns(line: str, label: Label | None) -> None:
    assert husk_kind(line) == label


def test_blank_lines_are_containers() -> None:
    page, _ = lines_to_page("a\nb\n\n\nc\n")
    assert [s.text for s in page.segments] == ["a", "b", "c"]
    assert page.segments[0].container == page.segments[1].container != page.segments[2].container


def test_subheading_needs_prose_after_it() -> None:
    prose = "This is a sentence of a story that goes on long enough to read as prose here."
    text = "\n\n".join([prose, "A Short Heading", prose + " Two.", "Trailing Menu Entry"])
    article = dehusk.extract_text(text)
    labels = {b.text: b.label for b in article.blocks}
    assert labels["A Short Heading"] is Label.HEADING
    assert "Trailing Menu Entry" not in article.text


# ---- bad input --------------------------------------------------------------------------


def test_empty_input_gives_empty_article_with_warning() -> None:
    for empty in (b"", "", "\n\n  \n", b"\r\n\r\n"):
        article = dehusk.extract_text(empty)
        assert article.text == "" and "no article text found" in article.warnings


def test_binary_input_is_a_decode_error() -> None:
    with pytest.raises(dehusk.DecodeError):
        dehusk.extract_text(bytes(range(256)) * 50)


def test_windows_line_endings_and_nuls() -> None:
    crlf = EXAMPLE.read_bytes().replace(b"\n", b"\r\n").replace(b"Raqqa.", b"Raqqa.\x00")
    assert dehusk.extract_text(crlf).text == dehusk.extract_text(EXAMPLE.read_bytes()).text
    cr = EXAMPLE.read_bytes().replace(b"\n", b"\r")
    assert dehusk.extract_text(cr).title == TITLE


def test_mixed_encodings_keep_both_halves() -> None:
    utf8 = "Der Bürgermeister sagte, die Brücke werde im Frühjahr eröffnet.\n".encode()
    latin = "Le maire a dit que le pont serait ouvert au printemps prochain, à Noël.\n"
    text, warnings = decode_text(utf8 + b"\n" + latin.encode("cp1252"))
    assert "Bürgermeister" in text and "à Noël" in text
    assert any("mixed encodings" in w for w in warnings)


def test_single_huge_line_is_cut_not_fatal() -> None:
    sentence = "The river rose again overnight and the town closed the lower road. "
    article = dehusk.extract_text(sentence * 20_000)  # ~1.3 MB on one line
    assert article.text and any("cut" in w for w in article.warnings)
    assert max(len(b.text) for b in article.blocks) <= MAX_LINE_CHARS


def test_too_large_input_raises() -> None:
    with pytest.raises(dehusk.InputTooLarge):
        dehusk.extract_text(b"x" * 100, options=dehusk.Options(max_bytes=10))


def test_hard_wrapped_paragraphs_are_joined() -> None:
    words = ("the harbour board met again on monday and agreed to dredge the channel " * 8).split()
    wrapped, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > 72:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line + ".")
    page, _ = lines_to_page("Menu\nHome\n\n" + "\n".join(wrapped) + "\n")
    assert [s.text for s in page.segments] == ["Menu", "Home", " ".join(wrapped)]
    article = dehusk.extract_text("Menu\nHome\n\n" + "\n".join(wrapped))
    assert article.text == " ".join(wrapped)


def test_mojibake_is_repaired() -> None:
    text, warnings = decode_text("Now letâ€™s see the cafÃ© — São Paulo stays.\nlet\u00e2\x80\x99s")
    assert text == "Now let’s see the café — São Paulo stays.\nlet’s"
    assert any("double-encoded" in w for w in warnings)


# ---- the benchmark's flattener and C4 baseline (benchmarks/) ----------------------------


def _bench_module(name: str) -> object:
    import importlib
    import sys

    bench = str(Path(__file__).parent.parent / "benchmarks")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module(name)


def test_flatten_one_block_per_line() -> None:
    flatten = _bench_module("flatten")
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a>"
        "<a>News</a></nav><h1>Head line</h1><p>First <b>para</b>graph.</p>"
        '<div hidden>secret</div><div hidden id="S:0"><p>Streamed.</p></div>'
        '<figure><img src="x.jpg" alt="A cat"><figcaption>The cat.</figcaption></figure>'
        "<script>var x;</script><ul><li>one</li><li>two</li></ul>a<br>b</body></html>"
    )
    text = flatten.flatten_html(html)  # type: ignore[attr-defined]
    assert text == (
        "HomeNews\n\nHead line\n\nFirst paragraph.\n\nStreamed.\n\nA cat\nThe cat.\n"
        "one\ntwo\na\nb\n"
    )


def test_c4_filter() -> None:
    c4 = _bench_module("textmode")
    page = "\n".join(
        [
            "Menu",
            "The first sentence of the story is here.",
            "Short one.",
            "We use cookies to improve this site, see our cookie policy.",
            "The second sentence of the story is here too.",
            "The third sentence closes the story for now!",
        ]
    )
    kept = c4.c4_filter(page)  # type: ignore[attr-defined]
    assert kept.splitlines() == [
        "The first sentence of the story is here.",
        "The second sentence of the story is here too.",
        "The third sentence closes the story for now!",
    ]
    assert c4.c4_filter("One sentence here only.\nAnd another one here.") == ""  # type: ignore[attr-defined]


def test_line_network_is_shipped_and_only_moves_plain_lines() -> None:
    from dehusk.textmode import model
    from dehusk.textmode.classify import label_lines

    weights = model.load_weights()
    assert weights is not None and weights["w1"].shape[1] == 16
    page, _ = lines_to_page(EXAMPLE.read_text(encoding="utf-8"))
    blocks, infos, run = label_lines(page)
    x = model.line_features(page, infos, blocks, run)
    assert x.shape == (len(blocks), weights["mean"].shape[0])
    refined = model.refine(page, infos, blocks, run)
    for before, after in zip(blocks, refined, strict=True):
        if before.label not in model.MOVABLE:
            assert after == before
