"""Killed with SIGKILL at seeded random moments, restarted with the same command: in the
end exactly one row per record, and no stray part or temporary file left behind."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.batch.corpus import MakeWarc, batch, read_rows, source_key

KILLS = 3
SEED = int(os.environ.get("DEHUSK_KILL_SEED", "1414"))


def test_kill_nine_then_resume(tmp_path: Path, make_warc: MakeWarc) -> None:
    print(f"kill seed {SEED} ({KILLS} kills); rerun with DEHUSK_KILL_SEED={SEED}")
    rng = random.Random(SEED)
    expected = 0
    names = [f"{n}.warc.gz" for n in "abcdefg"] + ["h.warc"]
    for name in names:
        _, written = make_warc(f"in/{name}", count=6)
        expected += written.rows
    out = tmp_path / "out"
    command = [sys.executable, "-m", "dehusk", "batch", str(tmp_path / "in"), "-o", str(out)]
    command += ["--workers", "2", "--quiet"]
    killed_with_parts = []
    for _ in range(KILLS):
        proc = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
        # A moment in the work, not in the start-up (workers loading models, 2-8 s on a
        # busy machine): from the first part begun (a new file in _tmp/) on.
        stale = set((out / "_tmp").glob("*")) if (out / "_tmp").exists() else set()
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if (out / "_tmp").exists() and set((out / "_tmp").glob("*")) - stale:
                break
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 1.2))
        with contextlib.suppress(ProcessLookupError):  # it may have finished by then
            os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers: a power cut
        proc.wait()
        manifest = out / "_manifest.json"
        if manifest.exists():
            killed_with_parts.append(len(json.loads(manifest.read_text())["parts"]))
        assert not (out / "_manifest.json.new").exists() or manifest.exists()
    print(f"parts committed at each kill: {killed_with_parts}")
    done = batch(str(tmp_path / "in"), "-o", str(out), "--workers", "2", "--quiet")
    assert done.returncode == 0, done.stderr
    rows = read_rows(out)
    keys = [source_key(r) for r in rows]
    assert len(keys) == len(set(keys)) == expected, killed_with_parts
    assert sorted(p.name for p in out.iterdir()) == [
        "_manifest.json",
        *(f"part-{i:05d}.jsonl" for i in range(len(names))),
    ]
    assert json.loads((out / "_manifest.json").read_text())["complete"]
