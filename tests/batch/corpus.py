"""Helpers of the batch tests: the golden pages' folder, a mix with every odd record kind,
and readers of an OUTDIR's rows. Fixtures that use them are in ``conftest.py``."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dehusk.batch.warcgen import Mix, Written

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
#: Every odd kind at a rate that a dozen pages is sure to hold each of.
ODD = Mix(
    encoded=0.5,
    chunked=0.4,
    pdf=0.3,
    redirect=0.3,
    not_found=0.2,
    revisit=0.3,
    truncated=0.2,
    metadata=0.3,
    resource=0.3,
    seed=7,
)
MakeWarc = Callable[..., tuple[Path, Written]]


def read_rows(outdir: Path) -> list[dict[str, Any]]:
    rows = []
    for part in sorted(outdir.glob("part-*.jsonl*")):
        data = part.read_bytes()
        text = gzip.decompress(data) if part.name.endswith(".gz") else data
        rows.extend(json.loads(line) for line in text.decode().splitlines())
    return rows


def source_key(row: dict[str, Any]) -> str:
    return json.dumps(row["source"], sort_keys=True)


def batch(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``dehusk batch ARGS`` as a real process (how a shell runs it)."""
    return subprocess.run(
        [sys.executable, "-m", "dehusk", "batch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
