"""Benchmark worker entry point: ``python benchmarks/worker.py --extractor NAME ...``.

Started by ``benchmarks/run.py``, one process per extractor; see ``dehusk/eval/worker.py``.
"""

from __future__ import annotations

import sys

from _evalpkg import load

if __name__ == "__main__":
    sys.exit(load("worker").main())
