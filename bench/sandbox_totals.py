"""What a hostile app's processes use together in a bwrap sandbox: memory, CPU and disk.

`python -m bench.sandbox_totals` runs three attacks with the default limits, first with
per-process limits alone (as before sandboxes had totals), then as livebuild runs them:
- 8 processes each allocating up to 400 MB and holding it;
- 6 processes spinning for 4 seconds;
- 341 MB written to /data against the 128 MB disk limit.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from livebuild.engine.sandbox import _totals, bwrap
from livebuild.settings import Settings

MEMORY = """
import json, os, time
read, write = os.pipe()
children = []
for n in range(8):
    pid = os.fork()
    if pid == 0:
        held = []
        try:
            for _ in range(25):
                held.append(bytearray(16 * 1024 * 1024))
                os.write(write, b"+")
        except MemoryError:
            pass
        time.sleep(6)
        os._exit(0)
    children.append(pid)
time.sleep(4)
os.set_blocking(read, False)
grown = 0
try:
    grown = len(os.read(read, 1000))
except BlockingIOError:
    pass
alive = sum(1 for pid in children if os.waitpid(pid, os.WNOHANG) == (0, 0))
# Memory held at once: what the living children got (the killed ones hold nothing).
peak = 0
for pid in children:
    try:
        status = open(f"/proc/{pid}/status").read()
        peak += int(status.split("VmRSS:")[1].split()[0]) * 1024
    except (OSError, IndexError):
        pass
print(json.dumps({"held_mb": peak // 2**20, "alive": alive, "chunks": grown}))
"""

CPU = """
import json, os, time
start = time.monotonic()
children = []
for n in range(6):
    pid = os.fork()
    if pid == 0:
        while time.monotonic() - start < 4:
            pass
        os._exit(0)
    children.append(pid)
for pid in children:
    os.waitpid(pid, 0)
times = os.times()
used = times.children_user + times.children_system
print(json.dumps({"cores": round(used / (time.monotonic() - start), 2)}))
"""

DISK = """
import json, os
written = 0
error = None
try:
    for n in range(341):
        with open(f"/data/part{n}", "wb") as out:
            out.write(b"x" * 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        written += 1
except OSError as e:
    error = e.errno
print(json.dumps({"written_mb": written, "errno": error}))
"""


async def attack(settings: Settings, source: str, job_id: str) -> dict[str, Any]:
    runtime = bwrap.find_runtime()
    assert runtime is not None and bwrap.self_test() is None
    workspace = settings.workspaces_dir / job_id / "app"
    workspace.mkdir(parents=True)
    (workspace / "app.py").write_text("")
    (workspace / "attack.py").write_text(source)

    async def discard(line: str) -> None:
        pass

    box = bwrap.BwrapSandboxProvider(settings, runtime).create(job_id, workspace, "/", discard)
    try:
        result = await box.run_python(["attack.py"], timeout_s=60)
        # What landed on the host's disk: the data folder, or the image it is mounted from.
        job = workspace.parent
        landed = sum(f.stat().st_blocks * 512 for f in job.rglob("*") if f.is_file())
    finally:
        await box.stop()
    found: dict[str, Any] = json.loads(result.output.strip().splitlines()[-1])
    found["on_disk_mb"] = landed // 2**20
    return found


@contextmanager
def per_process_limits_only() -> Iterator[None]:
    """Sandboxes as they were: rlimits, and a watcher for the disk."""
    with (
        mock.patch.object(bwrap, "make_group", lambda *a: None),
        mock.patch.object(bwrap, "disk_image", lambda *a: False),
    ):
        yield


async def _all(root: Path, label: str) -> dict[str, dict[str, Any]]:
    settings = Settings(data_dir=root / label, sandbox_processes=64)
    return {
        name: await attack(settings, source, f"{label}-{name}")
        for name, source in (("memory", MEMORY), ("cpu", CPU), ("disk", DISK))
    }


def run() -> dict[str, dict[str, dict[str, Any]]]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with per_process_limits_only():
            before = asyncio.run(_all(root, "before"))
        after = asyncio.run(_all(root, "after"))
    return {"before": before, "after": after, "layout": {"cgroup": {"v": _totals.layout()}}}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
