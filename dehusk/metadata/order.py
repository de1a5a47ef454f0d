"""Order of trust: a field's named rules, each with its reason, and the first that answers.

In: a field's rules (``Rule``: a source name of the field's typed vocabulary and why it
stands where it stands) and each source's value as a thunk. Out: the first value in rule
order, and a warning when the next source that has a value disagrees with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

S = TypeVar("S", bound=str)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule(Generic[S]):
    """One step of a field's order of trust: the source read and why it stands there."""

    source: S
    reason: str


def names(rules: Sequence[Rule[S]]) -> tuple[S, ...]:
    return tuple(rule.source for rule in rules)


def resolve(
    field: str,
    rules: Sequence[Rule[S]],
    sources: Mapping[S, Callable[[], T | None]],
    warnings: list[str],
    key: Callable[[T], object] = lambda v: v,
) -> T | None:
    """The first source's value in ``rules``; a disagreeing next source → a warning.

    Only the next source that has a value is read (the sources after it cost time and add
    nothing), so a conflict is reported between the winner and the runner-up.
    """
    winner: tuple[S, T] | None = None
    for rule in rules:
        value = sources[rule.source]()
        if not value:
            continue
        if winner is None:
            winner = (rule.source, value)
            continue
        if key(value) != key(winner[1]):
            warnings.append(
                f"{field}: {winner[0]} says {winner[1]!r}, {rule.source} says {value!r}; "
                f"kept {winner[0]}"
            )
        break
    return winner[1] if winner else None


def constant(value: T) -> Callable[[], T]:
    """A value already read, as the thunk ``resolve`` wants."""
    return lambda: value
