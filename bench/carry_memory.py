"""Peak memory of carrying a large app's records: packing them on one worker, landing
them on the next (and, where it exists, the private area's copy going in and out).

Each part runs in a fresh process so its peak resident memory (ru_maxrss) is its own;
the figure is the growth over that process's memory before it began. Run with
`BENCH_CARRY_MB` (default 100) for the database's size.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE_MB = int(os.environ.get("BENCH_CARRY_MB", "100"))
LIMIT = 128 * 1024 * 1024


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _database(folder: Path) -> Path:
    source = folder / "v1"
    (source / "data").mkdir(parents=True)
    with open(source / "data" / "app.sqlite3", "wb") as out:
        block = os.urandom(1024 * 1024)
        for _ in range(SIZE_MB):
            out.write(block)
    return source


def _hand_over(folder: Path) -> None:
    """Pack on the worker that kept the records, land them on the next."""
    from livebuild.engine.carry import copy_data
    from livebuild.engine.carry_renames import Renames

    try:
        from livebuild.engine.carry_pack import pack, unpack
    except ImportError:  # before the copy was streamed: carry_relay held it in memory
        from livebuild.engine.carry_relay import pack, unpack  # type: ignore[attr-defined]
    source = _database(folder)
    landed = folder / "landed"
    landed.mkdir()
    before = _peak_kb()
    if len(inspect.signature(pack).parameters) == 4:
        packed = folder / "records.tar"
        assert pack(source, None, LIMIT, packed)
        unpack(packed, landed, LIMIT)
    else:
        unpack(pack(source, None, LIMIT), landed, LIMIT)  # type: ignore[call-arg,arg-type]
    copy_data(landed, folder / "v2" / "data", Renames([], []), LIMIT)
    print((_peak_kb() - before) / 1024)


def _private(folder: Path) -> None:
    """The private area's copy going in and coming back (local folder)."""
    from livebuild.store.blobs.private import LocalPrivateStore

    source = _database(folder) / "data" / "app.sqlite3"
    store = LocalPrivateStore(folder / "private")
    before = _peak_kb()
    asyncio.run(store.put_file("records/p/j.tar", source, 1.0))
    asyncio.run(store.get_file("records/p/j.tar", folder / "back", LIMIT))
    print((_peak_kb() - before) / 1024)


def _part(name: str) -> float | None:
    answer = subprocess.run(
        [sys.executable, "-m", "bench.carry_memory", name],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = answer.stdout.strip().splitlines()
    return float(lines[-1]) if answer.returncode == 0 and lines else None


def run() -> dict[str, float]:
    figures = {"carry_size_mb": float(SIZE_MB)}
    for name in ("hand_over", "private"):
        peak = _part(name)
        if peak is not None:
            figures[f"carry_{name}_peak_growth_mb"] = peak
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1:
        with tempfile.TemporaryDirectory(prefix="livebuild-bench-") as folder:
            {"hand_over": _hand_over, "private": _private}[sys.argv[1]](Path(folder))
    else:
        for key, value in run().items():
            print(f"{key:>32}: {value:,.1f}")
