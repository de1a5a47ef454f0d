"""Coverage-guided fuzzing of one target of ``fuzz/targets.py`` with atheris (libFuzzer).

Run by ``make fuzz`` (``FUZZ_SECONDS`` per target)::

    .venv/bin/python fuzz/run.py TARGET [libFuzzer flags…] fuzz/corpus/TARGET

atheris instruments dehusk's Python code (and, when the native extension was compiled with
``-fsanitize=fuzzer-no-link``, its C code too) and libFuzzer mutates toward new coverage.
A crash (any exception but ``ExtractionError``, a sanitizer report, a time-out or an
out-of-memory) stops the run and leaves the input as ``crash-…``/``timeout-…``/``oom-…`` in
libFuzzer's ``-artifact_prefix``; keep it in ``fuzz/regressions/TARGET/`` with a name that
says what it found, and fix the library.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["dehusk"]):
    from targets import TARGETS  # dehusk is imported, instrumented, through this

if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
