"""Syndication lines: the wire or network a story came from."""

from dehusk.metadata.syndication import lead_credit, original_publisher, syndication_line
from dehusk.metadata.title import site_names


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


def test_a_copyright_line_ends_at_its_name() -> None:
    assert syndication_line("Copyright © 2025 WABC-TV. All Rights Reserved.") == "WABC-TV"
    assert (
        syndication_line("Copyright 2024 The Associated Press. All rights reserved.")
        == "The Associated Press"
    )


def test_people_and_months_credit_no_publisher() -> None:
    assert syndication_line("Skye Schooley and Kim Lindros contributed to this article.") == ""
    assert syndication_line("Rudri Bhatt Patel contributed to this article.") == ""
    assert (
        syndication_line(
            "The article was originally published in April 2020 and was updated in April 2024."
        )
        == ""
    )
    # A wire or a newsroom is a publisher, even next to a person.
    assert syndication_line("The Washington Post contributed to this report.") == (
        "Washington Post"
    )


def test_the_site_itself_is_no_original_publisher() -> None:
    sites = site_names(["Blennd"], "https://blennd.com/work/")
    assert original_publisher("Blennd LLC", sites) == ""
    assert original_publisher("The Conversation", sites) == "The Conversation"
