"""Hostile-input timings: each case of ``tests/hardening/hostile_inputs.py`` through the CLI.

Run from the repository root (``make bench`` runs it too)::

    .venv/bin/python benchmarks/hostile_bench.py [--only NAME ...] [--repeat N]

Each case runs ``dehusk extract FILE --format json`` in a child under a 2 GiB address-space
limit, as the tests do. Printed: a Markdown table with the outcome (exit status, the bound
that fired), the wall time (min of ``--repeat`` runs; the machine is shared, so read it as
an order of magnitude) and the child's peak RSS.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hardening"))

from hostile_inputs import BY_NAME, CASES, Run, run_cli


def outcome(run: Run) -> str:
    if run.status != 0:
        return f"exit {run.status}: {run.stderr[-1].split(': ', 2)[-1] if run.stderr else ''}"
    warnings = run.result()["warnings"]
    return "exit 0" + (f"; {'; '.join(warnings)}" if warnings else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(BY_NAME))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    cases = [BY_NAME[name] for name in args.only] if args.only else list(CASES)
    print("| input | outcome | seconds | peak RSS MB |")
    print("| --- | --- | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for case in cases:
            runs = [run_cli(case, Path(folder)) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r.seconds)
            text = outcome(best).replace("|", "/")
            print(f"| {case.name} | {text} | {best.seconds:.1f} | {best.peak_mb:.0f} |", flush=True)


if __name__ == "__main__":
    main()
