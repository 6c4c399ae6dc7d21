"""The machine benchmark counts the CPU of a sandbox's app that outlived the process the
worker waited for (its inner process, orphaned), as the apps' and not nobody's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

# Adopts orphans, starts a spinner named like a sandbox through a shell that ends at once
# (so the spinner is orphaned), waits for it to end, and says what the apps were counted.
SCRIPT = """
import json, os, subprocess, sys, tempfile, time
from pathlib import Path
from bench import machine_procs as procs

assert procs.adopt_orphans()
spin = "import time\\nt = time.process_time()\\nwhile time.process_time() - t < 0.3: pass"
bwrap = Path(tempfile.mkdtemp()) / "bwrap"  # the kernel names a process by its program
bwrap.symlink_to(os.path.realpath(sys.executable))
subprocess.run(["sh", "-c", f'{bwrap} -c "{spin}" &'], check=True)


def ended() -> list[int]:
    return [
        pid
        for pid, p in procs.table().items()
        if p.zombie and p.ppid == os.getpid() and p.name != "sh"
    ]


deadline = time.monotonic() + 30
while not ended() and time.monotonic() < deadline:
    time.sleep(0.05)  # an orphan's end wakes nothing in this process
apps = procs.cpu_snapshot([], None)["apps"]
procs.reap_orphans(set())
print(json.dumps({"apps": apps, "left": len(ended())}))
"""


def test_an_orphaned_sandbox_process_counts_as_the_apps_and_is_then_waited_for() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["apps"] >= 0.25  # the orphan's ~0.3 CPU-s, no longer lost to init
    assert found["left"] == 0  # counted, then waited for: no zombie is left behind
