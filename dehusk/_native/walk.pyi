from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from dehusk.article import Container, PageImage, Segment

_T = TypeVar("_T")

class HintVocabulary:
    kinds: tuple[str, ...]
    def __init__(
        self,
        kinds: Iterable[tuple[str, Iterable[str]]],
        content: Iterable[str],
        taxonomy: Iterable[str],
    ) -> None: ...
    def hint(self, ident: str, classes: str) -> tuple[int, str]: ...
    def words(self, ident: str, classes: str) -> set[str]: ...

class WalkRules(Protocol):
    hints: HintVocabulary
    def hides(self, classes: str) -> bool: ...
    def pixels(self, value: str | None) -> int: ...

def walk(
    root: Any, rules: WalkRules, reveal: bool = False
) -> tuple[tuple[Segment, ...], tuple[Container, ...], tuple[PageImage, ...], dict[str, bytes]]: ...

COLUMNS: dict[str, str]
TAG_NAME_OF: dict[int, str]
FLAG_NAMES: tuple[str, ...]
DATE_MARKS_SECOND: int

def check_layout() -> None: ...
def gather(
    root: Any,
) -> tuple[
    bool,
    list[list[Any]],
    list[tuple[int, str]],
    list[tuple[int, str, str | None, tuple[tuple[str, str, str, str], ...], bool, bool]],
    list[tuple[str, str, str | None, tuple[tuple[str, str, str], ...], Any]],
]: ...
def longest_open_run(text: str) -> int: ...
def language_features(nextmove: Any, rowbase: Any, output: Any, data: bytes) -> dict[int, int]: ...
def word_masks(
    containers: tuple[Container, ...], indices: list[int], separators: bytes, buckets: int
) -> bytes: ...
def tree_sums(x: Any, feature: Any, split: Any, leaf: Any) -> bytes: ...
def word_runs(text: str) -> str: ...
def text_counts(segments: tuple[Segment, ...], sentence_end: str) -> tuple[bytes, bytes, bytes]: ...
def subtree_sums(seg_container: Any, parent: Any, values: Any) -> bytes: ...
def frozen_records(
    cls: type[_T], fields: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> list[_T]: ...
def quoted_sources(
    mains: list[tuple[int, list[str]]],
    index: dict[tuple[str, ...], list[tuple[int, list[str]]]],
    firsts: frozenset[str],
    n: int,
) -> dict[int, int]: ...
