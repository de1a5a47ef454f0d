"""Syndication lines: the wire or network a story came from."""

from dehusk.metadata.syndication import lead_credit, syndication_line


def test_closing_lines() -> None:
    assert syndication_line("Copyright 2021 NPR. To see more, visit https://www.npr.org.") == "NPR"
    assert (
        syndication_line("The Associated Press contributed to this report.") == "Associated Press"
    )
    assert syndication_line("Reuters contributed to this story.") == "Reuters"
    assert (
        syndication_line(
            "This article is republished from The Conversation under a Creative Commons license."
        )
        == "The Conversation"
    )
    assert syndication_line("This story was originally published by ProPublica.") == "ProPublica"
    assert syndication_line("Republished with permission from Kaiser Health News.") == (
        "Kaiser Health News"
    )


def test_wire_credit_in_a_lead() -> None:
    assert lead_credit("WASHINGTON (Reuters) - The Senate voted on Tuesday.") == "Reuters"
    assert lead_credit("BEIRUT (AP) — Fighters paraded through Raqqa.") == "Associated Press"
    assert lead_credit("The Senate (Reuters) voted.") == ""


def test_body_sentences_are_not_syndication_lines() -> None:
    for text in (
        "The Associated Press reported that the border was closed.",
        "Copyright law has not kept up with the internet, critics say.",
        "Reuters was first to report the deal, which was published on Monday.",
        "This story is still developing and will be updated.",
    ):
        assert syndication_line(text) == "", text
