"""Site templates: recurring lines of a host are found in bounded memory; shared prose stays."""

from __future__ import annotations

import random
import sys

import dehusk
from dehusk.templates import HostTable, SiteTemplates

HEADER = ["Example Gazette", "Home", "News", "Sport", "Play Live Radio", "0:00 0:00"]
FOOTER = [
    "More News",
    "Support nonprofit, public service journalism you trust. Give now.",
    "© 2024 Example Gazette",
]
WORDS = [
    *[
        "river",
        "council",
        "budget",
        "school",
        "harbour",
        "winter",
        "market",
        "station",
        "bridge",
        "mayor",
    ],
    *[
        "teacher",
        "museum",
        "festival",
        "farmer",
        "doctor",
        "street",
        "railway",
        "library",
        "storm",
        "election",
    ],
]


def table_bytes(table: HostTable) -> int:
    """Deep size of a host table: the dict, its keys, its entries and their numbers."""
    entries = table.entries
    inner = sum(
        sys.getsizeof(k) + sys.getsizeof(v) + sum(map(sys.getsizeof, v)) for k, v in entries.items()
    )
    return sys.getsizeof(entries) + inner


def body_line(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    return " ".join(words).capitalize() + f" {rng.randrange(10**9)}."


def page(rng: random.Random, extra: tuple[str, ...] = ()) -> str:
    body = [body_line(rng) for _ in range(rng.randint(6, 12))]
    return "\n".join([*HEADER, "", *body, *extra, "", *FOOTER]) + "\n"


def test_ten_thousand_pages_stay_under_the_cap_and_find_the_template() -> None:
    rng = random.Random(5)
    cap = 2048
    learner = SiteTemplates(cap=cap)
    for _ in range(10_000):
        learner.observe("example.org", page(rng))
        assert len(learner.hosts["example.org"].entries) <= cap
    # An entry is an int key and a list of 3 ints in a dict: under 300 bytes each.
    assert table_bytes(learner.hosts["example.org"]) < cap * 300
    probe = page(rng)
    found = learner.template_lines("example.org", probe)
    assert found == set(HEADER) | set(FOOTER)
    body = [line for line in probe.splitlines() if line and line not in found]
    assert len(body) >= 6


def test_a_sentence_two_articles_share_is_kept() -> None:
    rng = random.Random(7)
    shared = "The minister said the new bridge would open to traffic in the spring of next year."
    learner = SiteTemplates()
    pages = [page(rng, (shared,) if i in (3, 11) else ()) for i in range(40)]
    for text in pages:
        learner.observe("example.org", text)
    assert shared not in learner.template_lines("example.org", pages[3])
    assert "Home" in learner.template_lines("example.org", pages[3])


def test_prose_on_most_pages_is_template() -> None:
    rng = random.Random(8)
    notice = "This story was produced with support from the Example Foundation for local news."
    learner = SiteTemplates()
    pages = [page(rng, (notice,)) for _ in range(6)]
    for text in pages:
        learner.observe("example.org", text)
    assert notice in learner.template_lines("example.org", pages[0])


def test_hosts_are_separate_and_bounded() -> None:
    learner = SiteTemplates(max_hosts=3)
    for host in ("a.org", "b.org", "c.org", "d.org"):
        for _ in range(3):
            learner.observe(host, "Menu\nSome line of " + host)
    assert list(learner.hosts) == ["b.org", "c.org", "d.org"]
    assert learner.template_lines("a.org", "Menu") == frozenset()
    assert learner.template_lines("d.org", "Menu\nOther") == {"Menu"}


def test_evicted_lines_are_never_over_reported() -> None:
    table = HostTable(cap=4)
    for i in range(20):
        table.observe([1000 + i])  # every line once: none may look recurrent
    assert all(table.sure_count(k) <= 1 for k in table.entries)
    assert len(table.entries) <= 4


def test_digits_do_not_split_a_template_line() -> None:
    learner = SiteTemplates()
    for day in range(1, 5):
        learner.observe("x.org", f"Updated {day} hours ago\nBody line {day * 7919} of a story.")
    assert learner.template_lines("x.org", "Updated 9 hours ago") == {"Updated 9 hours ago"}


def test_extract_text_cuts_template_lines() -> None:
    rng = random.Random(9)
    learner = SiteTemplates()
    pages = [page(rng) for _ in range(5)]
    for text in pages:
        learner.observe("example.org", text)
    husk = learner.template_lines("example.org", pages[0])
    article = dehusk.extract_text(pages[0], "https://example.org/a", husk=husk)
    assert "Example Gazette" not in article.text and article.text
    labels = {b.text: b.label for b in article.blocks}
    assert labels["Home"] is dehusk.Label.NAVIGATION
