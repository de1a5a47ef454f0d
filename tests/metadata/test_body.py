"""Metadata blocks of the body: relabelled only when clearly so."""

from datetime import UTC, datetime

from dehusk.article import Block, Label
from dehusk.metadata.body import mark_title, relabel_body

NOW = datetime(2025, 6, 1, tzinfo=UTC)
P = Label.PARAGRAPH

BODY = [
    "When the Sunni extremists declared a caliphate, thousands of foreign fighters came.",
    "Abu Khaled, a former member, says the group executes those who try to leave it.",
    "He spoke to NPR in a safe house in southern Turkey, where he now hides with his family.",
    "By the time he decided to leave, he said, most of his unit had been killed in battle.",
    "Deborah Amos said the border crossing had been closed for weeks by then.",
    "The group's leaders have not commented on the claims, and the account cannot be verified.",
]


def blocks(*texts: str, main: bool = True) -> list[Block]:
    return [Block(text=t, label=P, main=main) for t in texts]


def test_title_block_is_marked() -> None:
    out = mark_title(
        [
            Block("Site", Label.NAVIGATION, False),
            Block("Islamic State Defector", Label.HEADING, True, 1),
        ],
        "Islamic State Defector",
    )
    assert out[1].label is Label.TITLE and not out[1].main


def test_byline_dateline_bio_and_syndication_are_relabelled() -> None:
    page = [
        Block("Islamic State Defector", Label.TITLE, False, 1),
        *blocks("By Deborah Amos", "Updated 5:03 PM ET", "October 8, 2014"),
        *blocks(*BODY),
        *blocks(
            "Deborah Amos covers the Middle East for NPR News.",
            "Copyright 2021 NPR. To see more, visit https://www.npr.org.",
        ),
    ]
    out, facts = relabel_body(page, (), ("KGOU",), NOW)
    labels = [b.label for b in out]
    assert labels[1:4] == [Label.BYLINE, Label.DATELINE, Label.DATELINE]
    assert labels[-2:] == [Label.BIO, Label.SYNDICATION]
    assert not any(b.main for b in (out[1], out[2], out[3], out[-2], out[-1]))
    assert facts.authors == ("Deborah Amos",)
    assert facts.published == "2014-10-08"
    assert facts.bios == ("Deborah Amos covers the Middle East for NPR News.",)
    assert facts.original_publisher == "NPR"


def test_real_body_sentences_stay_in_the_body() -> None:
    page = [Block("Islamic State Defector", Label.TITLE, False, 1), *blocks(*BODY)]
    out, facts = relabel_body(page, ("Deborah Amos",), (), NOW)
    assert [b.label for b in out] == [b.label for b in page]
    assert all(b.main for b in out[1:])
    assert facts.authors == () and facts.published is None


def test_written_by_lead_in_block() -> None:
    page = [
        Block("Headline", Label.TITLE, False, 1),
        *blocks("Written by", "Edzel Tabing", main=False),
        *blocks(*BODY),
    ]
    out, facts = relabel_body(page, (), (), NOW)
    assert out[1].label is Label.BYLINE and out[2].label is Label.BYLINE
    assert facts.authors == ("Edzel Tabing",)


def test_metadata_lines_in_the_middle_of_the_body_are_left_alone() -> None:
    middle = ["The Associated Press contributed to this report.", "By Jane Doe"]
    page = blocks(*BODY[:3], *middle, *BODY[3:], *BODY)
    out, _ = relabel_body(page, (), (), NOW)
    assert all(b.label is P and b.main for b in out)


def test_quotes_and_list_items_are_not_relabelled() -> None:
    page = [Block("By Jane Doe", Label.QUOTE, True), *blocks(*BODY)]
    out, facts = relabel_body(page, (), (), NOW)
    assert out[0].label is Label.QUOTE and facts.authors == ()


def test_wire_lead_gives_original_publisher_and_stays() -> None:
    page = blocks("WASHINGTON (Reuters) - The Senate voted on Tuesday to pass the bill.", *BODY)
    out, facts = relabel_body(page, (), (), NOW)
    assert out[0].main and out[0].label is P
    assert facts.original_publisher == "Reuters"
