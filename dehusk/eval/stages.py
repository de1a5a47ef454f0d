"""Time per stage of ``dehusk.extract``, measured from outside the library.

In: the module ``dehusk.pipeline``. ``instrument`` replaces the stage functions that
``pipeline.extract`` looks up in its module globals (``decode``, ``parse``, ``segment``,
``classify_page``, ``evidence``, ``extract_metadata``, ``article_images``, ``dedupe``,
``body_text``) by timed wrappers, in this worker process only; the library's code is not
changed. Out: a ``StageClock`` whose ``take()`` gives the seconds spent in each stage since
the last call (a stage called twice, such as ``segment`` on pages whose article is
revealed, adds up).
Time in ``extract`` outside these calls is reported as ``other`` by the caller (total minus
the stages). A name the pipeline no longer has is skipped, so the clock follows a pipeline
that is being reworked; the stages it found are listed in ``StageClock.stages``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

#: Stage name in reports → the function ``pipeline.extract`` calls for it.
STAGE_FUNCTIONS = (
    ("decode", "decode"),
    ("parse", "parse"),
    ("segment", "segment"),
    ("classify", "classify_page"),
    ("evidence", "evidence"),
    ("metadata", "extract_metadata"),
    ("images", "article_images"),
    ("dedupe", "dedupe"),
    ("render", "body_text"),
)


@dataclass
class StageClock:
    """Seconds per stage accumulated since the last ``take()``."""

    stages: tuple[str, ...] = ()
    spent: dict[str, float] = field(default_factory=dict)

    def take(self) -> dict[str, float]:
        """The seconds per stage since the last call (every found stage present), reset."""
        out = {name: self.spent.get(name, 0.0) for name in self.stages}
        self.spent.clear()
        return out


def _timed(clock: StageClock, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            clock.spent[name] = clock.spent.get(name, 0.0) + time.perf_counter() - start

    wrapper.__wrapped__ = func  # type: ignore[attr-defined]
    return wrapper


def instrument(pipeline: ModuleType) -> StageClock:
    """Wrap ``pipeline``'s stage functions (once; a second call reuses the first clock)."""
    existing = getattr(pipeline, "_bench_stage_clock", None)
    if isinstance(existing, StageClock):
        return existing
    found = []
    clock = StageClock()
    for stage, attr in STAGE_FUNCTIONS:
        func = getattr(pipeline, attr, None)
        if callable(func):
            setattr(pipeline, attr, _timed(clock, stage, func))
            found.append(stage)
    clock.stages = tuple(found)
    pipeline._bench_stage_clock = clock  # type: ignore[attr-defined]
    return clock
