"""Order of trust: the first rule's source that has a value wins; a conflict is told."""

from dehusk.metadata.order import Rule, constant, names, resolve

RULES = (Rule("a", "first"), Rule("b", "second"), Rule("c", "third"))


def test_first_source_with_a_value_wins_and_the_runner_up_is_compared() -> None:
    warnings: list[str] = []
    read: list[str] = []

    def source(name: str, value: str | None):  # type: ignore[no-untyped-def]
        def thunk() -> str | None:
            read.append(name)
            return value

        return thunk

    sources = {"a": source("a", None), "b": source("b", "x"), "c": source("c", "y")}
    assert resolve("f", RULES, sources, warnings) == "x"
    assert warnings == ["f: b says 'x', c says 'y'; kept b"]
    assert read == ["a", "b", "c"]


def test_agreeing_sources_and_no_source_leave_no_warning() -> None:
    warnings: list[str] = []
    same = {"a": constant("2024-05-10T09:00"), "b": constant("2024-05-10"), "c": constant(None)}
    assert resolve("d", RULES, same, warnings, lambda v: v[:10]) == "2024-05-10T09:00"
    assert resolve("d", RULES, dict.fromkeys("abc", constant(None)), warnings) is None
    assert warnings == []
    assert names(RULES) == ("a", "b", "c")
