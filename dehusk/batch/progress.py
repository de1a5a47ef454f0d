"""The live progress line of ``dehusk batch`` on standard error (tqdm), or nothing (``--quiet``).

In: the compressed size of the work to do, then events — a row written (and its status),
the reader's position in the input bytes, a shard committed. Out: one redrawn line::

    42%|████▏     | 256M/612M [01:10<01:37, 3.6MB/s, records=2101, pages/s=29.8, errors=3]

The bar and its ETA follow the input bytes read (compressed, as on disk): the only
measure of "how much is left" known before reading a WARC. ``records``, ``pages/s`` and
``errors`` count rows. tqdm rather than rich: see docs/decisions.md (cost per update).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from dehusk.batch.rows import Status


class Progress:
    """Counts rows and bytes; draws a tqdm bar unless ``quiet``."""

    def __init__(self, total_bytes: int, quiet: bool = False) -> None:
        self.rows = self.errors = self.done_bytes = self._shown = 0
        self.start = time.monotonic()
        self.bar: Any = None
        if not quiet:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total_bytes,
                unit="B",
                unit_scale=True,
                file=sys.stderr,
                mininterval=0.5,
                dynamic_ncols=True,
            )

    def row(self, status: Status) -> None:
        self.rows += 1
        self.errors += status == "error"
        if self.bar is not None and self.rows % 16 == 0:
            self._postfix()

    def at(self, position: int) -> None:
        """The reader is ``position`` bytes into the current shard."""
        if self.bar is not None and self.done_bytes + position > self._shown:
            self.bar.update(self.done_bytes + position - self._shown)
            self._shown = self.done_bytes + position

    def shard_done(self, size: int) -> None:
        self.done_bytes += size
        self.at(0)
        if self.bar is not None:
            self._postfix()

    def part_done(self, size: int, rows: int, errors: int) -> None:
        """A whole part came back (from a cluster): its bytes and rows at once."""
        self.rows += rows
        self.errors += errors
        self.shard_done(size)

    def _postfix(self) -> None:
        rate = self.rows / max(time.monotonic() - self.start, 1e-9)
        self.bar.set_postfix(
            records=self.rows, **{"pages/s": f"{rate:.1f}"}, errors=self.errors, refresh=False
        )

    def close(self) -> None:
        if self.bar is not None:
            self._postfix()
            self.bar.close()
