"""dedupe: pull quotes and repeated captions collapse to one block."""

from dehusk.article import Block, Label
from dehusk.dedupe import QUOTABLE_LINES, dedupe, normalise

BODY = (
    '"I was thinking all the time, if they arrest me, if they stop me, they will behead me," '
    "he says."
)


QUOTE = "I was thinking all the time, if they arrest me, if they stop me, they will behead me."


def _quoted(label: Label) -> tuple[Block, ...]:
    return (
        Block(QUOTE, label, True),
        Block("Now, he hides from informers.", Label.PARAGRAPH, True),
        Block(BODY, Label.PARAGRAPH, True),
    )


def test_pull_quote_points_at_the_body_block() -> None:
    out = dedupe(_quoted(Label.QUOTE))
    assert out[0].label is Label.PULLQUOTE and not out[0].main and out[0].duplicate_of == 2
    assert out[2].main and out[2].label is Label.PARAGRAPH


def test_paragraph_sharing_a_sentence_stays_body() -> None:
    # In the flow of a page's paragraphs, a block that restates another's sentence is body
    # (a subheading the next paragraph repeats, a summary line): no markup sets it apart.
    for label in (Label.PARAGRAPH, Label.HEADING):
        out = dedupe(_quoted(label))
        assert [b.main for b in out] == [True, True, True]
        assert out[0].label is label and out[0].duplicate_of is None


def test_lines_of_text_take_a_restated_sentence_as_a_pull_quote() -> None:
    # Flattened text carries no markup: the overlap is the only evidence there.
    out = dedupe(_quoted(Label.PARAGRAPH), QUOTABLE_LINES)
    assert out[0].label is Label.PULLQUOTE and out[0].duplicate_of == 2


def test_second_caption_copy_is_marked() -> None:
    cap = "Fighters from the Islamic State group parade in Raqqa."
    out = dedupe(
        (
            Block(cap, Label.CAPTION, False),
            Block("x " * 30, Label.PARAGRAPH, True),
            Block(cap, Label.CAPTION, False),
        )
    )
    assert out[0].duplicate_of is None
    assert out[2].duplicate_of == 0 and not out[2].main


def test_repeated_body_block_is_kept_once() -> None:
    para = "A paragraph that a mobile copy of the page prints a second time."
    out = dedupe((Block(para, Label.PARAGRAPH, True), Block(para, Label.PARAGRAPH, True)))
    assert [b.main for b in out] == [True, False]
    assert out[1].duplicate_of == 0


def test_short_common_lines_are_not_duplicates() -> None:
    out = dedupe((Block("Share", Label.PARAGRAPH, True), Block("Share", Label.PARAGRAPH, True)))
    assert all(b.main for b in out)


def test_short_sentence_is_not_a_pull_quote() -> None:
    out = dedupe(
        (
            Block("He says no.", Label.QUOTE, True),
            Block("He says no. Then he leaves.", Label.PARAGRAPH, True),
        )
    )
    assert all(b.main for b in out)


CAPTION = "Fighters from the Islamic State group parade in Raqqa, Syria."


def test_caption_printed_twice_is_one_caption() -> None:
    out = dedupe(
        (
            Block(CAPTION, Label.PARAGRAPH, True),
            Block("The story begins here and goes on for a while.", Label.PARAGRAPH, True),
            Block(CAPTION, Label.CAPTION, False),
        )
    )
    assert out[0].label is Label.CAPTION and not out[0].main and out[0].duplicate_of is None
    assert out[2].label is Label.CAPTION and out[2].duplicate_of == 0


def test_credit_beside_a_caption_is_a_credit() -> None:
    out = dedupe(
        (
            Block(CAPTION, Label.CAPTION, False),
            Block("AP/Raqqa Media Center", Label.PARAGRAPH, True),
            Block("Photo: Jane Doe for The Times", Label.CAPTION, False),
            Block("Washington/London", Label.PARAGRAPH, True),
        )
    )
    assert [b.label for b in out] == [Label.CAPTION, Label.CREDIT, Label.CREDIT, Label.PARAGRAPH]
    assert not out[1].main and out[3].main


def test_captions_enter_the_text_once_when_included() -> None:
    from dehusk.article import Options
    from dehusk.render import body_text

    blocks = dedupe((Block(CAPTION, Label.CAPTION, False), Block(CAPTION, Label.CAPTION, False)))
    assert body_text(blocks, Options()) == ""
    assert body_text(blocks, Options.make(include=["captions"])) == CAPTION


def test_a_copy_of_a_cut_block_stays_in_the_body() -> None:
    # The story's first paragraph is also a teaser in a rail above it, which is cut: the
    # body's copy is the only one printed, so it must stay.
    opening = "The city council voted on Tuesday to close the old bridge to cars for a year."
    out = dedupe(
        (
            Block(opening, Label.RELATED, False),
            Block(opening, Label.PARAGRAPH, True),
            Block(opening, Label.PARAGRAPH, True),
        )
    )
    assert out[1].main and out[1].duplicate_of is None
    assert not out[2].main and out[2].duplicate_of == 1


def test_normalise_is_the_regex_word_runs_lowercased() -> None:
    import re

    for text in ["", "  ", "Hello, World!", "İstanbul_2024 — ß ²³ 日本\u00a0x", "a\u0301b\x00c"]:
        assert normalise(text) == " ".join(re.findall(r"\w+", text.lower()))
